"""The contact log (联系买家核实): record a contact from an order or a buyer page; admins edit the
shop's message templates."""

from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from reviews.models import Buyer, ContactAttempt, ContactTemplate, Order, Role
from reviews.selectors.contacts import (
    active_templates,
    contact_latest_for_order,
    contacts_of_buyer,
    contacts_of_order,
    shop_templates,
)
from reviews.services import contacting
from reviews.views.access import current_shop_for, get_buyer_for_user, get_order_for_user, has_role, require_role
from shieldsite.ids import parse_id

LOG_LENGTH = 20


def contact_panel(user, *, order: Order | None = None, buyer: Buyer | None = None, back: str = "") -> dict:
    """What ``_contact_log.html`` shows on an order's pages (``order``) or a buyer's (``buyer``):
    the latest outcome, the form with the shop's templates filled in, and the log."""
    shop = order.shop if order is not None else buyer.shop
    if order is not None:
        log = list(contacts_of_order(order)[:LOG_LENGTH])
        latest = contact_latest_for_order(order)
        action = reverse("reviews:contact_order", args=[order.pk])
    else:
        log = list(contacts_of_buyer(buyer)[:LOG_LENGTH])
        latest = log[0] if log else None
        action = reverse("reviews:contact_buyer", args=[buyer.pk])
    templates = [
        {"template": t, "text": contacting.contact_template_fill(text=t.text, shop=shop, order=order)}
        for t in active_templates(shop.pk)
    ]
    return {
        "action": action,
        "back": back,
        "order": order,
        "latest": latest,
        "log": log,
        "templates": templates,
        "channels": ContactAttempt.Channel.choices,
        "outcomes": ContactAttempt.Outcome.choices,
        "can_edit_templates": has_role(user, shop, Role.ADMIN),
    }


def _record(request, *, order: Order | None = None, buyer: Buyer | None = None):
    shop = order.shop if order is not None else buyer.shop
    require_role(request.user, shop, Role.REVIEWER)
    template = None
    if template_id := parse_id(request.POST.get("template", "")):
        template = get_object_or_404(ContactTemplate, pk=template_id, shop=shop, active=True)
    try:
        attempt = contacting.contact_record(
            user=request.user,
            order=order,
            buyer=buyer,
            channel=request.POST.get("channel", ""),
            outcome=request.POST.get("outcome", ""),
            template=template,
            note=request.POST.get("note", ""),
        )
    except ValidationError as exc:
        messages.error(request, "；".join(m for msgs in exc.message_dict.values() for m in msgs))
    else:
        messages.success(request, _("已记录联系买家：%(outcome)s。") % {"outcome": attempt.get_outcome_display()})


@require_POST
def contact_order(request, pk: int):
    """Record a contact with the buyer of an order, then back to the page it was made on."""
    order = get_order_for_user(request.user, pk)
    _record(request, order=order)
    if request.POST.get("back") == "review":
        url = reverse("reviews:review", args=[order.pk])
        filters = request.POST.get("filters", "")
        return redirect((f"{url}?{urlencode({'filters': filters})}" if filters else url) + "#contact-log")
    return redirect(reverse("reviews:order_detail", args=[order.pk]) + "#contact-log")


@require_POST
def contact_buyer(request, pk: int):
    """Record a contact with a buyer from the buyer's page."""
    buyer = get_buyer_for_user(request.user, pk)
    _record(request, buyer=buyer)
    return redirect(reverse("reviews:buyer_ring", args=[buyer.pk]) + "#contact-log")


def contact_templates(request):
    """The current shop's message templates: admins add, edit and retire them."""
    shop = current_shop_for(request, Role.ADMIN)
    errors, editing = {}, None
    if request.method == "POST":
        title, text = request.POST.get("title", ""), request.POST.get("text", "")
        try:
            if template_id := parse_id(request.POST.get("template", "")):
                editing = get_object_or_404(ContactTemplate, pk=template_id, shop=shop)
                contacting.contact_template_update(
                    template=editing, user=request.user, title=title, text=text, active=bool(request.POST.get("active"))
                )
                messages.success(request, _("话术模板“%(title)s”已保存。") % {"title": editing.title})
            else:
                created = contacting.contact_template_create(shop=shop, user=request.user, title=title, text=text)
                messages.success(request, _("已添加话术模板“%(title)s”。") % {"title": created.title})
        except ValidationError as exc:
            errors = exc.message_dict
        else:
            return redirect("reviews:contact_templates")
    return render(
        request,
        "reviews/contact_templates.html",
        {
            "shop": shop,
            "templates": shop_templates(shop.pk),
            "placeholders": contacting.PLACEHOLDERS,
            "errors": errors,
            "editing_id": editing.pk if editing else None,
            "posted": request.POST if errors else {},
        },
        status=400 if errors else 200,
    )
