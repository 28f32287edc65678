"""The order list and an order's page."""

from urllib.parse import urlencode

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from blacklist.services import hits_of_orders
from reviews.filters import OrderFilter
from reviews.models import ExportEvent, Order, Role
from reviews.queue_forms import ReopenForm
from reviews.resources import OrderResource
from reviews.selectors.contacts import buyer_timeline
from reviews.selectors.dashboard import cancel_outcome_of, with_cancel_outcome
from reviews.services import deciding, revealing
from reviews.services.exporting import export_record
from reviews.services.policy import policy_in_force
from reviews.views.access import current_shop_or_404, get_order_for_user, has_role, require_role, user_shops
from reviews.views.contacts import contact_panel
from reviews.views.tags import buyer_tags_panel

PAGE_SIZES = (25, 50, 100)


def page_size(request) -> int:
    try:
        size = int(request.GET.get("per_page", PAGE_SIZES[0]))
    except ValueError:
        return PAGE_SIZES[0]
    return size if size in PAGE_SIZES else PAGE_SIZES[0]


def order_list(request):
    shop = current_shop_or_404(request)
    filterset = OrderFilter(request.GET, queryset=with_cancel_outcome(Order.objects.for_shop(shop).with_related()))
    paginator = Paginator(filterset.qs, page_size(request))
    page = paginator.get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "reviews/order_list.html",
        {
            "filter": filterset,
            "page": page,
            "query": query.urlencode(),
            "shop": shop,
            "policy": policy_in_force(shop=shop),
        },
    )


def entry_hits_context(request, order: Order) -> dict:
    """The blacklist entries that stopped the order, for ``_entry_hits.html``: an entry of one of
    the user's shops links to its page; a sibling shop's shared entry is only named."""
    hits = hits_of_orders([order.pk])[order.pk]
    return {"hits": hits, "my_shop_ids": {shop.pk for shop in user_shops(request)} if hits else set()}


def order_detail(request, pk: int):
    order = get_order_for_user(request.user, pk)
    return _render_detail(request, order)


def _render_detail(request, order: Order, reopen_form: ReopenForm | None = None, status: int = 200):
    order.cancel_outcome = cancel_outcome_of(order)
    credit_events = buyer_timeline(order.buyer, limit=20)  # credit events and contacts, newest first
    is_manager = has_role(request.user, order.shop, Role.MANAGER)
    return render(
        request,
        "reviews/order_detail.html",
        {
            "order": order,
            "policy": policy_in_force(shop=order.shop),
            "credit_events": credit_events,
            "tags_panel": buyer_tags_panel(order.buyer, request.user),
            "revealed": revealing.order_revealed_to(order=order, user=request.user),
            "is_manager": is_manager,
            # Managers may reopen the order's standing settlement (重新打开), with a reason.
            "settlement": deciding.standing_settlement(order) if is_manager else None,
            "reopen_form": reopen_form or ReopenForm(),
            "decisions": order.decisions.select_related("user").order_by("created_at", "pk"),
            **entry_hits_context(request, order),
            "contact": contact_panel(request.user, order=order, back="detail"),
        },
        status=status,
    )


@require_POST
def order_reopen(request, pk: int):
    """重新打开: a manager takes back the order's settlement, with a reason; it returns to the queue."""
    order = get_order_for_user(request.user, pk)
    require_role(request.user, order.shop, Role.MANAGER)
    form = ReopenForm(request.POST)
    settlement = deciding.standing_settlement(order)
    if settlement is None:
        messages.error(request, _("该订单没有可以重新打开的处理。"))
        return redirect("reviews:order_detail", order.pk)
    if not form.is_valid():
        return _render_detail(request, order, form, status=400)
    try:
        deciding.decision_reopen(
            decision=settlement,
            user=request.user,
            reason=form.cleaned_data["reason"],
            platform_cancelled_ack=form.cleaned_data["platform_cancelled_ack"],
        )
    except deciding.DecisionRefused as exc:
        form.add_error(None, str(exc))
        return _render_detail(request, order, form, status=400)
    messages.success(request, _("订单 %(no)s 已重新打开，回到审核队列。") % {"no": order.order_no})
    return redirect("reviews:order_detail", order.pk)


@require_POST
def order_reveal(request, pk: int):
    """显示完整信息: record that the user unmasks this order's buyer data, then show them its page."""
    order = get_order_for_user(request.user, pk)
    require_role(request.user, order.shop, Role.REVIEWER)
    revealing.order_reveal(order=order, user=request.user)
    # Back to one of the order's own pages, never to a URL taken from the form.
    if request.POST.get("back") == "review":
        url = reverse("reviews:review", args=[order.pk])
        filters = request.POST.get("filters", "")
        return redirect(f"{url}?{urlencode({'filters': filters})}" if filters else url)
    return redirect("reviews:order_detail", pk=order.pk)


EXPORT_FORMATS = {
    "csv": ("text/csv; charset=utf-8", "csv"),
    "xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx"),
}


def order_export(request):
    """The filtered order list as CSV (UTF-8 with BOM, opens in Excel) or XLSX, formula cells escaped;
    each export is recorded (who, which filter, how many rows)."""
    shop = current_shop_or_404(request)
    require_role(request.user, shop, Role.MANAGER)
    kind = request.GET.get("format", "csv")
    if kind not in EXPORT_FORMATS:
        raise Http404
    filterset = OrderFilter(request.GET, queryset=Order.objects.for_shop(shop).order_by("-ordered_at", "-pk"))
    dataset = OrderResource(shop=shop).export(filterset.qs)
    # CSV gets a BOM so Excel on Chinese Windows opens it as UTF-8.
    body = dataset.export("csv").encode("utf-8-sig") if kind == "csv" else dataset.export("xlsx")
    content_type, suffix = EXPORT_FORMATS[kind]
    response = HttpResponse(body, content_type=content_type)
    filename = f"orders-{shop.pk}-{timezone.localdate():%Y%m%d}.{suffix}"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    export_record(
        shop=shop,
        user=request.user,
        kind=ExportEvent.Kind.ORDERS,
        file_format=kind,
        rows=len(dataset),
        query=request.GET.urlencode(),
    )
    return response
