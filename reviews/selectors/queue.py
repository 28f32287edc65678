"""Read paths of the review queue: the evidence a reviewer needs, each in one or two queries."""

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from django.db import models
from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from reviews.expressions import reason_codes_of
from reviews.models import Buyer, BuyerLink, BuyerTagging, Decision, Order
from reviews.services.rules import REASON_LABELS

# Labels for the reason codes screening writes; an unknown code shows as itself.
BURST_WINDOW = timedelta(minutes=30)  # either side of the order: "the hour around it"
HISTORY_DAYS = 30


def reason_label(code: str) -> str:
    """The short Chinese name of a screening rule, for chips and counts."""
    return str(REASON_LABELS.get(code, code))


REASON_CODE = re.compile(r"^[a-z][a-z0-9_]{0,49}$")


def reason_code_valid(code: str | None) -> bool:
    """A reason code the filter can look for (plain snake_case); anything else matches no order."""
    return bool(REASON_CODE.match(code or ""))


def reason_filter(queryset, codes: str | Iterable[str]):
    """Orders whose screening reasons include ``codes`` (one code, or any of several), by jsonb
    containment; a code that is not one matches no order."""
    wanted = [code.strip() for code in ([codes] if isinstance(codes, str) else codes)]
    wanted = [code for code in dict.fromkeys(wanted) if reason_code_valid(code)]
    if not wanted:
        return queryset.none()
    carries = Q()
    for code in wanted:
        carries |= Q(risk_reasons__contains=[{"code": code}])
    return queryset.filter(carries)


def reason_choices() -> list[tuple[str, str]]:
    """Every reason code screening writes, by its label in the active language, in the catalogue's
    order: what the queue's reason filter offers."""
    return [(code, str(label)) for code, label in REASON_LABELS.items()]


class QueueClaim(models.TextChoices):
    ALL = "", _("全部")
    MINE = "mine", _("我领取的")
    UNCLAIMED = "unclaimed", _("未领取")


# The queue's sorts: the name a reviewer picks (``-`` in front: descending) → the field it orders by.
QUEUE_SORTS = {"score": "risk_score", "ordered": "ordered_at", "deadline": "deadline_key"}
# Highest priority first: the riskiest, then the closest to the shipping cut-off.
# ``deadline_key`` sorts like ``deadline`` and is what the queue's indexes hold.
QUEUE_DEFAULT_ORDER = ("-risk_score", "deadline_key", "pk")


@dataclass(frozen=True)
class QueueCriteria:
    """What narrows and sorts a shop's review queue, already validated: the page builds it from
    its filter form (``reviews.filters.QueueFilter.criteria``); claiming the next order and bulk
    decisions take it, so "next" hands out what the page lists first. Empty means "any"."""

    reasons: tuple[str, ...] = ()  # codes of screening reasons: orders carrying any of them
    score_min: Decimal | None = None
    score_max: Decimal | None = None
    sku_id: str = ""
    buyer: str = ""
    tag: str = ""
    status: str = ""
    ordered_after: date | None = None
    ordered_before: date | None = None
    claim: str = QueueClaim.ALL
    batch: int | None = None  # an ImportBatch: only the orders that import created or changed
    sort: tuple[str, ...] = ()  # names of QUEUE_SORTS, e.g. ("deadline",) or ("-score",)

    def __post_init__(self):
        # A list (or one code) reads as well; kept as a tuple, so criteria stay hashable.
        reasons = (self.reasons,) if isinstance(self.reasons, str) else tuple(self.reasons)
        object.__setattr__(self, "reasons", reasons)
        unknown = [name for name in self.sort if name.removeprefix("-") not in QUEUE_SORTS]
        if unknown:
            raise ValueError(f"unknown queue sort: {unknown}")


def queue_matching(queryset: QuerySet[Order], criteria: QueueCriteria, *, user) -> QuerySet[Order]:
    """The orders of ``queryset`` (a queue) that meet ``criteria``, in the queue's order: the
    chosen sort, else riskiest first then closest to the shipping cut-off; ``pk`` last, so
    pages and "next" are stable."""
    c = criteria
    if c.reasons:
        queryset = reason_filter(queryset, c.reasons)
    if c.score_min is not None:
        queryset = queryset.filter(risk_score__gte=c.score_min)
    if c.score_max is not None:
        queryset = queryset.filter(risk_score__lte=c.score_max)
    if c.sku_id:
        queryset = queryset.filter(sku_id=c.sku_id)
    if c.buyer.strip():
        value = c.buyer.strip()
        queryset = queryset.filter(
            Q(buyer__display_name__icontains=value)
            | Q(buyer__masked_phone__icontains=value)
            | Q(receiver__icontains=value)
            | Q(phone__icontains=value)
        )
    if c.tag.strip():
        queryset = _with_buyer_tag(queryset, c.tag.strip())
    if c.status:
        queryset = queryset.filter(status=c.status)
    if c.ordered_after is not None:
        queryset = queryset.filter(ordered_at__date__gte=c.ordered_after)
    if c.ordered_before is not None:
        queryset = queryset.filter(ordered_at__date__lte=c.ordered_before)
    if c.batch is not None:
        queryset = queryset.filter(import_batch_id=c.batch)
    if c.claim == QueueClaim.MINE:
        queryset = queryset.claimed_live_by(user)
    elif c.claim == QueueClaim.UNCLAIMED:
        queryset = queryset.unclaimed()
    if c.sort:
        queryset = queryset.order_by(*(_sort_field(name) for name in c.sort))
    if not queryset.query.order_by:
        return queryset.order_by(*QUEUE_DEFAULT_ORDER)
    if "pk" not in queryset.query.order_by:
        return queryset.order_by(*queryset.query.order_by, "pk")
    return queryset


def _sort_field(name: str) -> str:
    descending = name.startswith("-")
    field = QUEUE_SORTS[name.removeprefix("-")]
    return f"-{field}" if descending else field


def _with_buyer_tag(queryset: QuerySet[Order], name: str) -> QuerySet[Order]:
    live = BuyerTagging.objects.filter(tag__name=name, removed_at__isnull=True)
    own = live.filter(buyer_id=OuterRef("buyer_id"))
    # ... or shared on the same identity by another shop of the order's merchant.
    shared = live.filter(
        shared=True,
        shop__organization_id=OuterRef("shop__organization_id"),
        buyer__key_kind=OuterRef("buyer__key_kind"),
        buyer__key=OuterRef("buyer__key"),
    )
    return queryset.filter(Exists(own) | Exists(shared))


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
