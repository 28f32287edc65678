"""Read paths of the review queue: the evidence a reviewer needs, each in one or two queries."""

from collections import Counter
from dataclasses import dataclass
from datetime import timedelta

from django.db.models import Count, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from reviews.expressions import reason_codes_of
from reviews.models import Buyer, BuyerLink, Decision, Order
from reviews.services.rules import REASON_LABELS

# Labels for the reason codes screening writes; an unknown code shows as itself.
BURST_WINDOW = timedelta(minutes=30)  # either side of the order: "the hour around it"
HISTORY_DAYS = 30


def reason_label(code: str) -> str:
    """The short Chinese name of a screening rule, for chips and counts."""
    return str(REASON_LABELS.get(code, code))


def queue_counts(queryset: QuerySet[Order]) -> tuple[int, list[tuple[str, str, int]]]:
    """How many orders the queryset has, and ``(code, label, orders)`` for every reason among
    them, most common first.

    One query: orders grouped by their list of reason codes (a handful of distinct lists in a
    queue), summed per code here. On PostgreSQL it reads only the queue's covering index.
    """
    rows = queryset.order_by().values_list("reason_codes").annotate(n=Count("pk"))
    total = 0
    per_code: Counter[str] = Counter()
    for codes, n in rows:
        total += n
        for code in set(reason_codes_of(codes)):
            per_code[code] += n
    ranked = sorted(per_code.items(), key=lambda item: (-item[1], item[0]))
    return total, [(code, reason_label(code), n) for code, n in ranked]


def buyer_histories(buyer_ids: list[int], *, now=None) -> dict[int, dict]:
    """Per buyer: orders in total, and paid / cancelled / refunded in the last 30 days. One query."""
    if not buyer_ids:
        return {}
    since = (now or timezone.now()) - timedelta(days=HISTORY_DAYS)
    recent = Q(ordered_at__gte=since)
    rows = (
        Order.objects.filter(buyer_id__in=buyer_ids)
        .values("buyer_id")
        .annotate(
            total=Count("pk"),
            recent=Count("pk", filter=recent),
            paid=Count("pk", filter=recent & Q(paid_at__isnull=False)),
            cancelled=Count("pk", filter=recent & Q(status=Order.Status.CANCELLED)),
            refunded=Count("pk", filter=recent & Q(status__in=[Order.Status.REFUNDED, Order.Status.REFUNDING])),
        )
        .order_by()
    )
    return {row.pop("buyer_id"): row for row in rows}


@dataclass
class LinkedAccount:
    buyer: Buyer
    vias: list[str]
    history: dict


def linked_accounts(buyer: Buyer | None, *, limit: int = 20) -> list[LinkedAccount]:
    """Buyers sharing a phone, an address or a receiver+address with ``buyer``, with their histories."""
    if buyer is None:
        return []
    links = (
        BuyerLink.objects.filter(Q(buyer_a=buyer) | Q(buyer_b=buyer))
        .select_related("buyer_a", "buyer_b")
        .order_by("pk")[: limit * 3]
    )
    found: dict[int, LinkedAccount] = {}
    for link in links:
        other = link.buyer_b if link.buyer_a_id == buyer.pk else link.buyer_a
        account = found.setdefault(other.pk, LinkedAccount(other, [], {}))
        account.vias.append(link.get_via_display())
    accounts = list(found.values())[:limit]
    histories = buyer_histories([account.buyer.pk for account in accounts])
    for account in accounts:
        account.history = histories.get(account.buyer.pk, {})
    return accounts


@dataclass
class SkuBurst:
    orders: int
    accounts: int
    top: list[dict]
    start: object
    end: object


def sku_burst(order: Order) -> SkuBurst | None:
    """Orders of the same SKU in the hour around this one: how many, from how many accounts, who."""
    if not order.sku_id or not order.ordered_at:
        return None
    start, end = order.ordered_at - BURST_WINDOW, order.ordered_at + BURST_WINDOW
    window = Order.objects.filter(shop_id=order.shop_id, sku_id=order.sku_id, ordered_at__range=(start, end))
    totals = window.aggregate(orders=Count("pk"), accounts=Count("buyer_id", distinct=True))
    top = list(
        window.filter(buyer__isnull=False)
        .values("buyer_id", "buyer__display_name", "buyer__masked_phone")
        .annotate(n=Count("pk"))
        .order_by("-n", "buyer_id")[:8]
    )
    return SkuBurst(totals["orders"], totals["accounts"], top, start, end)


@dataclass
class TimelineEvent:
    at: object
    label: str
    detail: str = ""
    who: str = ""


def order_timeline(order: Order, decisions: list[Decision]) -> list[TimelineEvent]:
    """Everything that happened to the order, oldest first: its own times, the claim, every decision."""
    events = [
        TimelineEvent(order.ordered_at, _("下单")),
        TimelineEvent(order.paid_at, _("支付")),
        TimelineEvent(order.created_at, _("导入 Shield")),
        TimelineEvent(order.shipped_at, _("发货")),
        TimelineEvent(order.received_at, _("确认收货")),
        TimelineEvent(order.ship_by, _("承诺发货截止")),
    ]
    if order.claimed_at and order.claimed_by_id:
        events.append(TimelineEvent(order.claimed_at, _("领取审核"), who=order.claimed_by.get_username()))
    for decision in decisions:
        events.append(
            TimelineEvent(
                decision.created_at, decision.get_action_display(), decision.note, decision.user.get_username()
            )
        )
        if decision.platform_cancel_confirmed_at:
            events.append(TimelineEvent(decision.platform_cancel_confirmed_at, _("已在平台取消")))
    return sorted((e for e in events if e.at), key=lambda e: e.at)
