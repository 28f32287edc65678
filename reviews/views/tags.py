"""Buyer tags: reviewers tag and untag buyers; managers add the shop's own words."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from reviews.masking import buyer_label
from reviews.models import BuyerTag, BuyerTagging, Role
from reviews.services import tagging
from reviews.views.access import current_shop_or_404, get_buyer_for_user, has_role, require_role, share_with
from shieldsite.ids import parse_id


def _back(request, fallback: str):
    target = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        return redirect(target)
    return redirect(fallback)


def buyer_tags_panel(buyer, user) -> dict:
    """What the tag panel of an order or review page shows: live tags, history, the shop's words."""
    if buyer is None:
        return {}
    rows = list(BuyerTagging.objects.filter(buyer=buyer).select_related("tag", "added_by", "removed_by"))
    live = [t for t in rows if t.removed_at is None]
    used = {t.tag_id for t in live}
    can_share = share_with(user, buyer.shop) is not None
    return {
        "buyer": buyer,
        "live": live,
        "from_siblings": tagging.shared_from_siblings(buyer) if buyer.shop.organization_id else [],
        "can_share": can_share,
        "history": [t for t in rows if t.removed_at is not None][:10],
        "choices": [t for t in tagging.shop_tags(shop_id=buyer.shop_id) if t.pk not in used],
    }


@require_POST
def buyer_tag_add(request, pk: int):
    buyer = get_buyer_for_user(request.user, pk)
    require_role(request.user, buyer.shop, Role.REVIEWER)
    tag = get_object_or_404(BuyerTag, pk=parse_id(request.POST.get("tag")) or 0, shop_id=buyer.shop_id)
    shared = bool(request.POST.get("shared"))
    if shared:  # it shows in the merchant's other shops: managers decide that
        require_role(request.user, buyer.shop, Role.MANAGER)
    try:
        tagging.buyer_tag_add(buyer=buyer, tag=tag, user=request.user, note=request.POST.get("note", ""), shared=shared)
    except ValidationError as exc:
        messages.error(request, "；".join(m for msgs in exc.message_dict.values() for m in msgs))
        return _back(request, "reviews:order_list")
    messages.success(
        request, _("已给买家“%(buyer)s”打上标签“%(tag)s”。") % {"buyer": buyer_label(buyer), "tag": tag.name}
    )
    return _back(request, "reviews:order_list")


@require_POST
def buyer_tag_remove(request, pk: int, tagging_pk: int):
    buyer = get_buyer_for_user(request.user, pk)
    require_role(request.user, buyer.shop, Role.REVIEWER)
    row = get_object_or_404(BuyerTagging.objects.select_related("tag", "buyer"), pk=tagging_pk, buyer=buyer)
    tagging.buyer_tag_remove(tagging=row, user=request.user)
    messages.success(request, _("已移除标签“%(tag)s”（记录保留）。") % {"tag": row.tag.name})
    return _back(request, "reviews:order_list")


def tag_list(request):
    """The shop's tag words with how many buyers carry each; managers add their own."""
    shop = current_shop_or_404(request)
    require_role(request.user, shop, Role.REVIEWER)
    can_edit = has_role(request.user, shop, Role.MANAGER)
    error = ""
    if request.method == "POST":
        require_role(request.user, shop, Role.MANAGER)
        try:
            tag = tagging.buyer_tag_create(
                shop_id=shop.pk,
                name=request.POST.get("name", ""),
                description=request.POST.get("description", ""),
                user=request.user,
            )
        except ValidationError as exc:
            error = "；".join(m for msgs in exc.message_dict.values() for m in msgs)
        else:
            messages.success(request, _("已添加标签“%(tag)s”。") % {"tag": tag.name})
            return redirect("reviews:tags")
    tags = tagging.shop_tags(shop_id=shop.pk)
    counts = tagging.tag_counts(shop_id=shop.pk)
    rows = [{"tag": t, "buyers": counts.get(t.pk, 0)} for t in tags]
    return render(
        request,
        "reviews/tags.html",
        {"shop": shop, "rows": rows, "can_edit": can_edit, "error": error},
        status=400 if error else 200,
    )
