"""Read paths of the dashboard (看板): every figure from a few set-based queries.

Nothing here writes. The period figures are cached per shop, period and data version (the latest
decision, import and policy version), for a short time; the live parts (open queue, attack in
progress, complaints) are read on every request, each in one query.

Complaint figures come from the complaints app, which depends on reviews and not the other
way round: complaints registers its figure function here when Django starts
(``register_dashboard_figures`` in ``ComplaintsConfig.ready``), so this module never imports it.
"""

from __future__ import annotations

import time as time_module
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal

from django.core.cache import cache
from django.db.models import Case, CharField, Count, F, Min, OuterRef, Q, QuerySet, Subquery, Sum, Value, When
from django.db.models.functions import ExtractHour, ExtractIsoWeekDay, Least, TruncDate
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from reviews.models import Decision, Order, RiskPolicy, Shop
from reviews.models.orders import REFUND_STATUSES
from reviews.selectors.reports import (
    CACHE_SECONDS,
    FLAGGED_DECISIONS,
    Action,
    Period,
    data_version,
)
from reviews.services.policy import policy_in_force
from shieldsite.queues import enqueue

STALE_SECONDS = 15 * 60
SCORE_BUCKETS = 10  # 0–9, 10–19, … 90–100

# The kinds of attack the dashboard counts, and the screening reasons that reveal each.
# An order counts once per kind, however many of the kind's reasons it carries.
ATTACK_KINDS = (
    ("burst", _("炸店（短时集中下单）"), ("burst_sku", "burst_buyer")),
    ("inventory_lock", _("同行恶拍占库存"), ("inventory_lock",)),
    ("ring", _("关联账号团伙"), ("burst_group", "blacklist_linked", "refund_rate_group")),
    ("refunder", _("恶意退款/高取消率"), ("refund_rate", "refund_rate_group")),
)


# What became of a decision to cancel, read from the order as the platform last reported it.
PREVENTED, AWAITING, MISSED = "prevented", "awaiting", "missed"
CANCEL_OUTCOMES = (PREVENTED, AWAITING, MISSED)
SHIPPED_STATUSES = (Order.Status.SHIPPED, Order.Status.COMPLETED)
PLATFORM_CLOSED_STATUSES = (Order.Status.CANCELLED, Order.Status.REFUNDED)
_SHIPPED = Q(order__shipped_at__isnull=False) | Q(order__status__in=SHIPPED_STATUSES)
_CANCELLED_ON_PLATFORM = Q(platform_cancel_confirmed_at__isnull=False) | Q(order__status__in=PLATFORM_CLOSED_STATUSES)


def cancel_outcome() -> Case:
    """``prevented`` once the platform cancelled the order (the merchant confirmed it on the
    to-cancel list, or an import says the platform closed it: cancelled, refunded before
    shipping, never paid), ``missed`` when it shipped anyway, else ``awaiting``: it may still ship."""
    return Case(
        When(_SHIPPED, then=Value(MISSED)),
        When(_CANCELLED_ON_PLATFORM, then=Value(PREVENTED)),
        default=Value(AWAITING),
        output_field=CharField(),
    )


def awaiting_platform_cancel(shop: Shop) -> QuerySet[Decision]:
    """待平台取消: decided to cancel, not cancelled on the platform yet, not shipped: the merchant's to-do."""
    return (
        Decision.objects.filter(shop=shop, action__in=Decision.CANCELLING, reversed_at__isnull=True)
        .exclude(_SHIPPED)
        .exclude(_CANCELLED_ON_PLATFORM)
    )


def with_cancel_outcome(orders: QuerySet[Order]) -> QuerySet[Order]:
    """Annotate each order's ``cancel_outcome`` (``cancel_outcome()`` of its decision to cancel;
    None when nobody decided to cancel it), so lists show Shield's decision and the platform's
    status without contradicting each other."""
    outcome = (
        Decision.objects.filter(order=OuterRef("pk"), action__in=Decision.CANCELLING, reversed_at__isnull=True)
        .annotate(outcome=cancel_outcome())
        .values("outcome")[:1]
    )
    return orders.annotate(cancel_outcome=Subquery(outcome))


def cancel_outcome_of(order: Order) -> str | None:
    """One order's ``cancel_outcome`` (for its own page), in one query."""
    return (
        Decision.objects.filter(order=order, action__in=Decision.CANCELLING, reversed_at__isnull=True)
        .annotate(outcome=cancel_outcome())
        .values_list("outcome", flat=True)
        .first()
    )


def _as_date(value) -> date:
    return value if isinstance(value, date) else date.fromisoformat(str(value)[:10])


# -- registered figures ----------------------------------------------------------------------------
DashboardFigures = Callable[..., dict]
_figure_providers: list[DashboardFigures] = []


def register_dashboard_figures(provider: DashboardFigures) -> None:
    """Let another app add live figures to the dashboard: ``provider(shop=, period=) -> dict``."""
    if provider not in _figure_providers:
        _figure_providers.append(provider)


def _figures_key(shop_id: int, period: Period) -> str:
    return f"dash:{shop_id}:{period.start}:{period.end}"


def period_figures(shop: Shop, period: Period) -> dict:
    """The period's figures, cached per shop and period, tagged with the data version they were computed at.

    Fresh (same data version, younger than ``CACHE_SECONDS``): served as they are. Stale: served
    with ``refreshing`` set while one background job recomputes them (stale-while-revalidate), so
    the page stays fast right after an import or a decision. Missing: computed now. Figures older
    than ``STALE_SECONDS`` are never shown.
    """
    key = _figures_key(shop.pk, period)
    version = data_version(shop)
    entry = cache.get(key)
    if entry is None:
        return period_figures_refresh(shop=shop, period=period, version=version)
    if entry["version"] == version and time_module.time() - entry["computed_at"] < CACHE_SECONDS:
        return {**entry["figures"], "as_of": entry["computed_at"], "refreshing": False}
    if cache.add(f"{key}:refreshing", 1, CACHE_SECONDS):
        enqueue("default", "reviews.jobs.dashboard_refresh", shop.pk, period.start.isoformat(), period.end.isoformat())
        # Without a worker the job ran in this process just now (outside a transaction).
        entry = cache.get(key) or entry
        if entry["version"] == version:
            return {**entry["figures"], "as_of": entry["computed_at"], "refreshing": False}
    return {**entry["figures"], "as_of": entry["computed_at"], "refreshing": True}


def period_figures_refresh(*, shop: Shop, period: Period, version: tuple | None = None) -> dict:
    """Compute the period's figures and cache them with the data version read *before* computing,
    so a change that lands meanwhile makes them stale again."""
    version = data_version(shop) if version is None else version
    figures = compute_period_figures(shop, period)
    computed_at = time_module.time()
    key = _figures_key(shop.pk, period)
    cache.set(key, {"version": version, "computed_at": computed_at, "figures": figures}, STALE_SECONDS)
    cache.delete(f"{key}:refreshing")
    return {**figures, "as_of": computed_at, "refreshing": False}


def compute_period_figures(shop: Shop, period: Period) -> dict:
    """The period's figures, uncached: four grouped queries over the shop's orders and decisions."""
    orders = Order.objects.filter(shop=shop, ordered_at__gte=period.since, ordered_at__lt=period.until)
    flagged_q = Q(risk_decision__in=FLAGGED_DECISIONS)
    loss_q = Q(status__in=REFUND_STATUSES, shipped_at__isnull=False)

    # 1. Orders per day and score bucket: counts, flagged, losses after shipping.
    per_day = defaultdict(Counter)
    losses = {"orders": 0, "amount": Decimal(0), "units": 0}
    scores = [0] * SCORE_BUCKETS
    rows = (
        orders.order_by()
        .annotate(
            day=TruncDate("ordered_at"),
            # LEAST ignores NULL on PostgreSQL: unscreened orders must stay out of the buckets.
            bucket=Case(When(risk_score__isnull=False, then=Least(F("risk_score") / 10, SCORE_BUCKETS - 1))),
        )
        .values("day", "bucket")
        .annotate(
            n=Count("pk"),
            flagged=Count("pk", filter=flagged_q),
            lost=Count("pk", filter=loss_q),
            lost_amount=Sum("amount_paid", filter=loss_q),
            lost_units=Sum("quantity", filter=loss_q),
        )
    )
    for row in rows:
        day = _as_date(row["day"])
        per_day[day]["orders"] += row["n"]
        per_day[day]["flagged"] += row["flagged"]
        losses["orders"] += row["lost"]
        losses["amount"] += row["lost_amount"] or 0
        losses["units"] += row["lost_units"] or 0
        if row["bucket"] is not None:
            scores[int(row["bucket"])] += row["n"]

    # 2. Decisions per day and action, and what became of the decisions to cancel, as the
    # platform reports the orders (one grouped query).
    decided = Counter()
    outcomes = {outcome: {"orders": 0, "amount": Decimal(0), "units": 0} for outcome in CANCEL_OUTCOMES}
    decisions = (
        Decision.objects.filter(
            shop=shop,
            action__in=Decision.FINAL,
            reversed_at__isnull=True,  # an undone or reopened settlement saved nothing
            created_at__gte=period.since,
            created_at__lt=period.until,
        )
        .order_by()
        .annotate(day=TruncDate("created_at"), outcome=cancel_outcome())
        .values("day", "action", "outcome")
        .annotate(n=Count("pk"), amount=Sum("amount_saved"), units=Sum("units_saved"))
    )
    for row in decisions:
        day = _as_date(row["day"])
        per_day[day][row["action"]] += row["n"]
        decided[row["action"]] += row["n"]
        if row["action"] in Decision.CANCELLING:
            outcome = outcomes[row["outcome"]]
            outcome["orders"] += row["n"]
            outcome["amount"] += row["amount"] or 0
            outcome["units"] += row["units"] or 0

    # 3. Reasons of the flagged orders: per day, each order once under its main (heaviest) reason
    # and, apart, each reason it carries; and the attacks they reveal.
    flagged_per_day = defaultdict(Counter)
    reasons_per_day = defaultdict(Counter)
    reason_totals = Counter()
    attack_orders = defaultdict(set)
    attack_buyers = defaultdict(set)
    kind_of = defaultdict(list)
    for kind, _label, codes in ATTACK_KINDS:
        for code in codes:
            kind_of[code].append(kind)
    for oid, buyer_id, day, reasons in (
        orders.filter(flagged_q).order_by().values_list("pk", "buyer_id", TruncDate("ordered_at"), "risk_reasons")
    ):
        day = _as_date(day)
        reasons = [r for r in reasons or () if isinstance(r, dict) and r.get("code")]
        if not reasons:
            continue
        main = max(reasons, key=lambda r: r.get("weight") or 0)["code"]  # first of the heaviest
        flagged_per_day[day][main] += 1
        for code in dict.fromkeys(r["code"] for r in reasons):
            reasons_per_day[day][code] += 1
            reason_totals[code] += 1
            for kind in kind_of.get(code, ()):
                attack_orders[kind].add(oid)
                if buyer_id:
                    attack_buyers[kind].add(buyer_id)

    # 4. When flagged orders were placed: ISO weekday × local hour.
    heat = [[0] * 24 for _ in range(7)]
    for row in (
        orders.filter(flagged_q)
        .order_by()
        .annotate(weekday=ExtractIsoWeekDay("ordered_at"), hour=ExtractHour("ordered_at"))
        .values("weekday", "hour")
        .annotate(n=Count("pk"))
    ):
        heat[row["weekday"] - 1][row["hour"]] = row["n"]

    days = period.days
    return {
        "start": period.start,
        "end": period.end,
        "orders": sum(c["orders"] for c in per_day.values()),
        "flagged": sum(c["flagged"] for c in per_day.values()),
        "decided": {action: decided[action] for action in Decision.FINAL},
        "decided_total": sum(decided.values()),
        # 已避免损失: the platform cancelled the order (the merchant confirmed it, or the platform's
        # own status says closed, e.g. never paid). 待取消: decided, not yet cancelled on the
        # platform, so it may still ship. 未能拦截: decided to cancel, shipped anyway.
        "prevented": outcomes[PREVENTED],
        "awaiting_cancel": outcomes[AWAITING],
        "missed": outcomes[MISSED],
        "losses": losses,
        "daily": [
            {
                "day": day,
                "orders": per_day[day]["orders"],
                "flagged": per_day[day]["flagged"],
                "approve": per_day[day][Action.APPROVE],
                "cancel": per_day[day][Action.CANCEL],
                "blacklist": per_day[day][Action.BLACKLIST],
            }
            for day in days
        ],
        "reason_codes": [code for code, _n in reason_totals.most_common()],
        "main_reasons_daily": {day: dict(flagged_per_day[day]) for day in days},
        "reason_totals": dict(reason_totals),
        "reasons_daily": {day: dict(reasons_per_day[day]) for day in days},
        "attacks": [
            {"kind": kind, "label": str(label), "orders": len(attack_orders[kind]), "buyers": len(attack_buyers[kind])}
            for kind, label, _codes in ATTACK_KINDS
        ],
        "scores": scores,
        "heat": heat,
    }


@dataclass
class Queue:
    open: int
    oldest: dict | None


def open_queue(shop: Shop) -> Queue:
    """Orders waiting for a person now, and the one waiting longest (two indexed queries)."""
    waiting = Order.objects.filter(shop=shop).flagged()
    oldest = waiting.order_by("ordered_at", "pk").values("pk", "order_no", "ordered_at").first()
    return Queue(open=waiting.count() if oldest else 0, oldest=oldest)


@dataclass
class Burst:
    sku_id: str
    sku_name: str
    orders: int
    accounts: int
    since: datetime
    minutes: int


def bursts_in_progress(shop: Shop, *, now: datetime | None = None, policy: RiskPolicy | None = None) -> list[Burst]:
    """炸店 happening now: SKUs with at least the policy's burst count of flagged orders in its window.

    One grouped query over the queue's recent orders (index shop, risk_state, ordered_at);
    ``policy``: the shop's policy in force, when the page has it already.
    """
    policy = policy or policy_in_force(shop=shop)
    since = (now or timezone.now()) - timedelta(minutes=policy.sku_burst_minutes)
    rows = (
        Order.objects.filter(shop=shop, ordered_at__gte=since)
        .flagged()
        .exclude(sku_id="")
        .order_by()
        .values("sku_id")
        .annotate(n=Count("pk"), accounts=Count("buyer_id", distinct=True), name=Min("sku_name"))
        .filter(n__gte=policy.sku_burst_orders)
        .order_by("-n", "sku_id")
    )
    return [Burst(r["sku_id"], r["name"], r["n"], r["accounts"], since, policy.sku_burst_minutes) for r in rows[:5]]


def live_figures(shop: Shop, period: Period) -> dict:
    """Figures read fresh on every request: from registered providers (complaints)."""
    figures: dict = {}
    for provider in _figure_providers:
        figures.update(provider(shop=shop, period=period))
    return figures
