"""What a complaint is about, read once: buyers, linked accounts, orders and the timeline.

The complaint page and the evidence pack both read it from here, so the summary a merchant
sees is the one the platform gets. ``masked_summary`` is the same summary with buyers' personal
data masked, for evidence packs built by reviewers.
"""

import copy
from dataclasses import dataclass, field, replace
from datetime import datetime

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from complaints.models import Complaint, ComplaintEvent
from complaints.selectors import complaint_recovery
from reviews.masking import masked_phone, masked_receiver, order_region
from reviews.models import Buyer, BuyerLink, Decision, Order
from reviews.services.alerting import mask_phones


@dataclass
class TimelineEntry:
    at: datetime
    label: str
    source: str  # "order", "decision" or "complaint"


@dataclass
class LinkedAccount:
    buyer: Buyer
    linked_to: Buyer
    via: str


@dataclass
class ComplaintSummary:
    complaint: Complaint
    buyers: list[Buyer]
    linked: list[LinkedAccount]
    orders: list[Order]
    events: list[ComplaintEvent]
    timeline: list[TimelineEntry] = field(default_factory=list)
    # Where the complaint stands (status, dates, outcome, recovery) as (label, text) rows.
    state: list[tuple[str, str]] = field(default_factory=list)


def linked_accounts(buyers: list[Buyer]) -> list[LinkedAccount]:
    """Accounts sharing a phone or address with any of ``buyers``, in one query."""
    ids = {buyer.pk for buyer in buyers}
    if not ids:
        return []
    links = BuyerLink.objects.filter(Q(buyer_a_id__in=ids) | Q(buyer_b_id__in=ids)).select_related("buyer_a", "buyer_b")
    found = []
    for link in links.order_by("pk"):
        if link.buyer_a_id in ids:
            found.append(LinkedAccount(buyer=link.buyer_b, linked_to=link.buyer_a, via=link.get_via_display()))
        elif link.buyer_b_id in ids:
            found.append(LinkedAccount(buyer=link.buyer_a, linked_to=link.buyer_b, via=link.get_via_display()))
    return found


def order_timeline(orders: list[Order]) -> list[TimelineEntry]:
    entries = []
    for order in orders:
        steps = (
            (order.ordered_at, _("下单")),
            (order.paid_at, _("支付")),
            (order.shipped_at, _("发货")),
            (order.received_at, _("确认收货")),
        )
        for at, step in steps:
            if at:
                label = _("订单 %(no)s %(step)s：%(sku)s ×%(qty)s，实付 ¥%(amount)s，当前状态「%(status)s」") % {
                    "no": order.order_no,
                    "step": step,
                    "sku": order.sku_name or order.sku_id,
                    "qty": order.quantity,
                    "amount": order.amount_paid,
                    "status": order.get_status_display(),
                }
                entries.append(TimelineEntry(at=at, label=label, source="order"))
    return entries


def event_timeline(events: list[ComplaintEvent]) -> list[TimelineEntry]:
    entries = []
    for event in events:
        if event.action in (ComplaintEvent.Action.PACK_REQUESTED, ComplaintEvent.Action.PACK_DOWNLOADED):
            continue
        if event.action == ComplaintEvent.Action.STATUS_CHANGED:
            label = _("投诉状态：%(from)s → %(to)s") % {
                "from": event.get_from_status_display(),
                "to": event.get_to_status_display(),
            }
        else:
            label = event.get_action_display()
        if event.note:
            label = f"{label}（{event.note}）"
        entries.append(TimelineEntry(at=event.created_at, label=f"{label} · {event.user}", source="complaint"))
    return entries


def decision_timeline(decisions: list[Decision]) -> list[TimelineEntry]:
    entries = []
    for decision in decisions:
        label = _("审核：订单 %(no)s %(action)s · %(user)s") % {
            "no": decision.order.order_no,
            "action": decision.get_action_display(),
            "user": decision.user,
        }
        if decision.note:
            label = f"{label}（{decision.note}）"
        entries.append(TimelineEntry(at=decision.created_at, label=label, source="decision"))
    return entries


def _when(moment: datetime | None) -> str:
    return timezone.localtime(moment).strftime("%Y-%m-%d %H:%M") if moment else ""


def complaint_state(complaint: Complaint) -> list[tuple[str, str]]:
    """Where the complaint stands, read from the complaint itself when the summary is made: its
    status and the dates it went through, the platform's reply, the outcome and what was
    recovered. The rows a step has not reached yet are left out."""
    c = complaint
    rows = [
        (_("状态"), c.get_status_display()),
        (_("创建时间"), _when(c.created_at)),
        (_("提交时间"), _when(c.submitted_at)),
        (_("平台工单号"), c.platform_ticket_no),
        (_("回复截止"), _when(c.reply_due_at) if c.status == Complaint.Status.SUBMITTED else ""),
        (_("平台回复时间"), _when(c.replied_at)),
        (_("平台回复内容"), c.reply_text),
        (_("结案时间"), _when(c.closed_at)),
        (_("处理结果"), c.outcome),
    ]
    recovery = complaint_recovery(c)
    if recovery["compensations"]:
        rows.append(
            (
                _("平台赔付"),
                _("¥%(amount)s（%(n)d 笔）") % {"amount": recovery["platform"], "n": len(recovery["compensations"])},
            )
        )
    if legal := recovery["legal"]:
        text = legal.get_status_display()
        if legal.case_no:
            text += _("，案号 %(no)s") % {"no": legal.case_no}
        if legal.recovered_amount:
            text += _("，追回 ¥%(amount)s") % {"amount": legal.recovered_amount}
        rows.append((_("法律跟进"), text))
    return [(label, text) for label, text in rows if text]


def complaint_summary(complaint: Complaint) -> ComplaintSummary:
    """Everything the summary shows, in a fixed handful of queries.

    The timeline merges the orders' own times, the reviewers' decisions on those orders and
    the complaint's audit events.
    """
    buyers = list(complaint.buyers.order_by("pk"))
    orders = list(complaint.orders.select_related("buyer").order_by("ordered_at", "pk"))
    events = list(complaint.events.select_related("user"))
    summary = ComplaintSummary(
        complaint=complaint, buyers=buyers, linked=linked_accounts(buyers), orders=orders, events=events
    )
    decisions = list(
        Decision.objects.filter(order__in=orders)
        .exclude(action=Decision.Action.SKIP)
        .select_related("order", "user")
        .order_by("created_at", "pk")
    )
    summary.state = complaint_state(complaint)
    summary.timeline = sorted(
        order_timeline(orders) + decision_timeline(decisions) + event_timeline(events), key=lambda entry: entry.at
    )
    return summary


# -- masked for reviewers --------------------------------------------------------------------------
def _masked_order(order: Order) -> Order:
    masked = copy.copy(order)
    masked.receiver = masked_receiver(order.receiver)
    masked.phone = masked_phone(order.phone)
    masked.province, masked.city, masked.district, masked.street = "", "", "", ""
    masked.address = order_region(order)
    masked.buyer_note, masked.merchant_note = mask_phones(order.buyer_note), mask_phones(order.merchant_note)
    if order.buyer is not None:
        masked.buyer = _masked_buyer(order.buyer)
    return masked


def _masked_buyer(buyer: Buyer) -> Buyer:
    masked = copy.copy(buyer)
    masked.display_name = masked_receiver(buyer.display_name) if buyer.display_name else ""
    return masked


def masked_summary(summary: ComplaintSummary) -> ComplaintSummary:
    """The summary as a reviewer's evidence pack shows it: phones as 191****4814, receivers as
    王*, addresses down to the street; phone numbers typed into free text are masked too."""
    complaint = copy.copy(summary.complaint)
    complaint.title = mask_phones(complaint.title)
    complaint.description = mask_phones(complaint.description)
    return replace(
        summary,
        complaint=complaint,
        buyers=[_masked_buyer(b) for b in summary.buyers],
        linked=[
            LinkedAccount(buyer=_masked_buyer(x.buyer), linked_to=_masked_buyer(x.linked_to), via=x.via)
            for x in summary.linked
        ],
        orders=[_masked_order(o) for o in summary.orders],
        timeline=[replace(e, label=mask_phones(e.label)) for e in summary.timeline],
        state=[(label, mask_phones(text)) for label, text in summary.state],
    )
