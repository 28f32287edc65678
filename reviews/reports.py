"""Read paths of the dashboard and the reports: every figure from a few set-based queries.

Nothing here writes. The dashboard's period figures are cached per shop, period and data
version (the latest decision, import and policy version), for a short time; the live parts
(open queue, attack in progress, complaints) are read on every request, each in one query.

Complaint figures come from the complaints app, which depends on reviews and not the other
way round: complaints registers its figure function here when Django starts
(``register_dashboard_figures`` in ``ComplaintsConfig.ready``), so this module never imports it.
"""

from __future__ import annotations

import statistics
import time as time_module
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.core.cache import cache
from django.db import connection
from django.db.models import BooleanField, Case, Count, Exists, F, Max, Min, OuterRef, Q, QuerySet, Subquery, Sum, When
from django.db.models.functions import ExtractHour, ExtractIsoWeekDay, Least, TruncDate
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from reviews.models import Buyer, BuyerLink, Decision, ImportBatch, Order, RiskPolicy, Shop
from reviews.services.rules import REASON_LABELS

FLAGGED_DECISIONS = (Order.Decision.REVIEW, Order.Decision.BLOCK)
LOSS_STATUSES = (Order.Status.REFUNDED, Order.Status.REFUNDING)
CACHE_SECONDS = 60
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

Action = Decision.Action
APPROVING = (Action.APPROVE,)
CANCELLING = tuple(Decision.CANCELLING)


# -- periods --------------------------------------------------------------------------------
@dataclass(frozen=True)
class Period:
    """Whole local days ``start``..``end`` (both included)."""

    start: date
    end: date

    @property
    def days(self) -> list[date]:
        return [self.start + timedelta(days=i) for i in range((self.end - self.start).days + 1)]

    @property
    def since(self) -> datetime:
        return timezone.make_aware(datetime.combine(self.start, time.min))

    @property
    def until(self) -> datetime:
        """The first moment after the period."""
        return timezone.make_aware(datetime.combine(self.end + timedelta(days=1), time.min))

    @classmethod
    def last_days(cls, days: int, today: date | None = None) -> Period:
        today = today or timezone.localdate()
        return cls(today - timedelta(days=days - 1), today)


def _as_date(value) -> date:
    return value if isinstance(value, date) else date.fromisoformat(str(value)[:10])


def reason_label(code: str) -> str:
    return str(REASON_LABELS.get(code, code))


# -- reasons unnested in the database ---------------------------------------------------------
def _unnested_reasons(queryset: QuerySet[Order], fields: dict) -> list[tuple]:
    """``(*fields, code)`` for each reason of each order of ``queryset``, in one query.

    ``fields`` maps output names to expressions evaluated per order (day, buyer, decision ...).
    """
    rows = queryset.order_by().annotate(r_reasons=F("risk_reasons"), **fields).values(*fields, "r_reasons")
    rows_sql, params = rows.query.sql_with_params()
    columns = ", ".join(f"q.{connection.ops.quote_name(name)}" for name in fields)
    sql = (
        f"SELECT {columns}, r->>'code' FROM ({rows_sql}) q CROSS JOIN LATERAL jsonb_array_elements("
        f"CASE WHEN jsonb_typeof(q.r_reasons) = 'array' THEN q.r_reasons ELSE '[]'::jsonb END) r"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return [row for row in cursor.fetchall() if row[-1]]


# -- the dashboard ----------------------------------------------------------------------------
DashboardFigures = Callable[..., dict]
_figure_providers: list[DashboardFigures] = []


def register_dashboard_figures(provider: DashboardFigures) -> None:
    """Let another app add live figures to the dashboard: ``provider(shop=, period=) -> dict``."""
    if provider not in _figure_providers:
        _figure_providers.append(provider)


def data_version(shop: Shop) -> tuple:
    """What the cached figures depend on, in one query: the latest decision, import and policy version."""
    latest = lambda qs: Subquery(qs.order_by("-pk").values("pk")[:1])  # noqa: E731
    row = (
        Shop.objects.filter(pk=shop.pk)
        .annotate(
            decision=latest(Decision.objects.filter(shop=OuterRef("pk"))),
            batch=latest(ImportBatch.objects.filter(shop=OuterRef("pk"))),
            batch_rows=Subquery(
                ImportBatch.objects.filter(shop=OuterRef("pk")).order_by("-pk").values("rows_done")[:1]
            ),
            policy=Subquery(RiskPolicy.objects.filter(shop=OuterRef("pk")).order_by("-version").values("version")[:1]),
        )
        .values_list("decision", "batch", "batch_rows", "policy")
        .first()
    )
    return tuple(row or ())


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
        from shieldsite.queues import enqueue

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
    loss_q = Q(status__in=LOSS_STATUSES, shipped_at__isnull=False)

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

    # 2. Decisions per day and action, with what cancelling saved.
    prevented = {"orders": 0, "amount": Decimal(0), "units": 0}
    decided = Counter()
    decisions = (
        Decision.objects.filter(
            shop=shop, action__in=Decision.FINAL, created_at__gte=period.since, created_at__lt=period.until
        )
        .order_by()
        .annotate(day=TruncDate("created_at"))
        .values("day", "action")
        .annotate(n=Count("pk"), amount=Sum("amount_saved"), units=Sum("units_saved"))
    )
    for row in decisions:
        day = _as_date(row["day"])
        per_day[day][row["action"]] += row["n"]
        decided[row["action"]] += row["n"]
        if row["action"] in CANCELLING:
            prevented["orders"] += row["n"]
            prevented["amount"] += row["amount"] or 0
            prevented["units"] += row["units"] or 0

    # 3. Reasons of the flagged orders: per day, and the attacks they reveal.
    reasons_per_day = defaultdict(Counter)
    reason_totals = Counter()
    attack_orders = defaultdict(set)
    attack_buyers = defaultdict(set)
    kind_of = defaultdict(list)
    for kind, _label, codes in ATTACK_KINDS:
        for code in codes:
            kind_of[code].append(kind)
    for oid, buyer_id, day, code in _unnested_reasons(
        orders.filter(flagged_q), {"r_oid": F("pk"), "r_buyer": F("buyer_id"), "r_day": TruncDate("ordered_at")}
    ):
        reasons_per_day[_as_date(day)][code] += 1
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
        "prevented": prevented,
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


def bursts_in_progress(shop: Shop, *, now: datetime | None = None) -> list[Burst]:
    """炸店 happening now: SKUs with at least the policy's burst count of flagged orders in its window.

    One grouped query over the queue's recent orders (index shop, risk_state, ordered_at).
    """
    policy = RiskPolicy.objects.filter(shop=shop).order_by("-version").first() or RiskPolicy()
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


# -- rule precision ---------------------------------------------------------------------------
@dataclass
class RulePrecision:
    code: str
    label: str
    flagged: int = 0
    approved: int = 0
    cancelled: int = 0
    blacklisted: int = 0
    waiting: int = 0  # still in the review queue

    @property
    def decided(self) -> int:
        return self.approved + self.cancelled + self.blacklisted

    @property
    def closed(self) -> int:
        """Flagged when the order could no longer be acted on (closed history): never queued."""
        return self.flagged - self.decided - self.waiting

    @property
    def precision(self) -> float | None:
        """Share of the rule's decided orders that reviewers judged malicious (cancelled or blacklisted)."""
        return (self.cancelled + self.blacklisted) / self.decided if self.decided else None


def _cached_for_version(key: str, shop: Shop, compute: Callable[[], object]):
    """``compute()``, cached under ``key`` and the shop's data version for ``CACHE_SECONDS``."""
    key = f"{key}:{':'.join(map(str, data_version(shop)))}"
    result = cache.get(key)
    if result is None:
        result = compute()
        cache.set(key, result, CACHE_SECONDS)
    return result


def cached_report(name: str, shop: Shop, period: Period, compute: Callable):
    """``compute(shop, period)``, cached per shop, period and data version for ``CACHE_SECONDS``."""
    key = f"report:{name}:{shop.pk}:{period.start}:{period.end}"
    return _cached_for_version(key, shop, lambda: compute(shop, period))


def rule_precision(shop: Shop, period: Period) -> list[RulePrecision]:
    """Per screening rule: orders of the period it flagged, and what reviewers decided on them. One query."""
    final = Decision.objects.filter(order=OuterRef("pk"), action__in=Decision.FINAL).values("action")[:1]
    orders = Order.objects.filter(
        shop=shop, ordered_at__gte=period.since, ordered_at__lt=period.until, risk_decision__in=FLAGGED_DECISIONS
    )
    rules: dict[str, RulePrecision] = {}
    waiting = ("flagged", "in_review")
    for action, state, code in _unnested_reasons(orders, {"r_final": Subquery(final), "r_state": F("risk_state")}):
        rule = rules.setdefault(code, RulePrecision(code, reason_label(code)))
        rule.flagged += 1
        if state in waiting:
            rule.waiting += 1
        elif action == Action.APPROVE:
            rule.approved += 1
        elif action == Action.CANCEL:
            rule.cancelled += 1
        elif action == Action.BLACKLIST:
            rule.blacklisted += 1
    return sorted(rules.values(), key=lambda r: (-r.flagged, r.code))


# -- reviewers --------------------------------------------------------------------------------
WORK_GAP = timedelta(minutes=30)  # a longer gap between two decisions is a break, not work


@dataclass
class ReviewerSummary:
    user_id: int
    username: str
    decisions: int = 0
    approve: int = 0
    cancel: int = 0
    blacklist: int = 0
    bulk: int = 0
    overturned: int = 0
    gaps: list[float] = field(default_factory=list, repr=False)

    @property
    def median_seconds(self) -> float | None:
        return statistics.median(self.gaps) if self.gaps else None


def reviewer_report(shop: Shop, period: Period) -> tuple[list[ReviewerSummary], list[dict]]:
    """Per reviewer: decisions, median time per decision, overturned decisions; and per reviewer and day.

    Time per decision is the gap since the same reviewer's previous one-by-one decision, when
    under ``WORK_GAP`` (claims are leases that vanish on deciding, so consecutive decisions are
    the record). A decision is *overturned* when someone else later reached the opposite verdict
    (approve versus cancel/blacklist) on the same buyer — on the same order the database allows
    one settling decision only. One query.
    """

    def later_by_other(actions):
        return Exists(
            Decision.objects.filter(
                order__buyer_id=OuterRef("order__buyer_id"),
                created_at__gt=OuterRef("created_at"),
                action__in=actions,
            ).exclude(user_id=OuterRef("user_id"))
        )

    rows = (
        Decision.objects.filter(
            shop=shop, action__in=Decision.FINAL, created_at__gte=period.since, created_at__lt=period.until
        )
        .annotate(
            overturned=Case(
                When(action=Action.APPROVE, then=later_by_other(CANCELLING)),
                default=later_by_other(APPROVING),
                output_field=BooleanField(),
            )
        )
        .order_by("user_id", "created_at", "pk")
        .values("user_id", "user__username", "action", "created_at", "bulk_job_id", "overturned")
    )
    return _tally_reviewers(rows)


def _tally_reviewers(rows: Iterable[dict]) -> tuple[list[ReviewerSummary], list[dict]]:
    people: dict[int, ReviewerSummary] = {}
    daily: dict[tuple, Counter] = defaultdict(Counter)
    last_at: dict[int, datetime] = {}
    for row in rows:
        person = people.setdefault(row["user_id"], ReviewerSummary(row["user_id"], row["user__username"]))
        person.decisions += 1
        setattr(person, row["action"], getattr(person, row["action"]) + 1)
        if row["overturned"]:
            person.overturned += 1
        day = timezone.localtime(row["created_at"]).date()
        daily[(day, person.username)][row["action"]] += 1
        if row["bulk_job_id"]:
            person.bulk += 1
            continue
        previous = last_at.get(person.user_id)
        if previous is not None and row["created_at"] - previous <= WORK_GAP:
            person.gaps.append((row["created_at"] - previous).total_seconds())
        last_at[person.user_id] = row["created_at"]
    per_day = [
        {
            "day": day,
            "reviewer": name,
            "approve": c[Action.APPROVE],
            "cancel": c[Action.CANCEL],
            "blacklist": c[Action.BLACKLIST],
            "total": sum(c.values()),
        }
        for (day, name), c in sorted(daily.items())
    ]
    return sorted(people.values(), key=lambda p: (-p.decisions, p.username)), per_day


# -- rings ------------------------------------------------------------------------------------
RING_HOPS = 6
RING_MAX_MEMBERS = 60
BAD_STATUSES = (Order.Status.CANCELLED, Order.Status.REFUNDED, Order.Status.REFUNDING)


@dataclass
class RingMember:
    buyer: Buyer
    hops: int
    orders: int = 0
    flagged: int = 0
    bad: int = 0
    max_score: int | None = None
    amount: Decimal = Decimal(0)


@dataclass
class RingLink:
    a: int
    b: int
    vias: list[str]
    kinds: list[str] = field(default_factory=list)


@dataclass
class Ring:
    focus: Buyer
    members: list[RingMember]
    links: list[RingLink]
    truncated: bool = False

    @property
    def others(self) -> int:
        return len(self.members) - 1


def _order_stats(buyer_ids: Iterable[int]) -> dict[int, dict]:
    """Per buyer: orders, flagged, cancelled/refunded, highest risk score, amount paid. One query."""
    rows = (
        Order.objects.filter(buyer_id__in=list(buyer_ids))
        .order_by()
        .values("buyer_id")
        .annotate(
            orders=Count("pk"),
            flagged=Count("pk", filter=Q(risk_decision__in=FLAGGED_DECISIONS)),
            bad=Count("pk", filter=Q(status__in=BAD_STATUSES)),
            max_score=Max("risk_score"),
            amount=Sum("amount_paid"),
        )
    )
    return {row.pop("buyer_id"): row for row in rows}


def ring_for_buyer(buyer: Buyer) -> Ring:
    """The accounts linked to ``buyer`` by phone, address or receiver, hop by hop (one query per hop).

    Stops after ``RING_HOPS`` hops or ``RING_MAX_MEMBERS`` accounts (``truncated`` says so).
    """
    hops = {buyer.pk: 0}
    frontier = {buyer.pk}
    vias: dict[tuple[int, int], set[str]] = defaultdict(set)
    truncated = False
    links = BuyerLink.objects.filter(shop_id=buyer.shop_id)
    for hop in range(1, RING_HOPS + 1):
        if not frontier:
            break
        found = set()
        for a, b, via in links.filter(Q(buyer_a_id__in=frontier) | Q(buyer_b_id__in=frontier)).values_list(
            "buyer_a_id", "buyer_b_id", "via"
        ):
            for other in (a, b):
                if other not in hops:
                    if len(hops) >= RING_MAX_MEMBERS:
                        truncated = True
                        continue
                    hops[other] = hop
                    found.add(other)
            if a in hops and b in hops:
                vias[(a, b)].add(via)
        frontier = found
    else:
        truncated = truncated or bool(frontier)
    buyers = Buyer.objects.in_bulk(list(hops))
    stats = _order_stats(hops)
    labels = dict(BuyerLink.Via.choices)
    members = [
        RingMember(buyers[pk], hop, **stats.get(pk, {}))
        for pk, hop in sorted(hops.items(), key=lambda item: (item[1], item[0]))
    ]
    for member in members:
        member.amount = member.amount or Decimal(0)
    ring_links = [
        RingLink(a, b, [str(labels.get(v, v)) for v in sorted(kinds)], sorted(kinds))
        for (a, b), kinds in sorted(vias.items())
    ]
    return Ring(buyers[buyer.pk], members, ring_links, truncated)


@dataclass
class RingSummary:
    lead: Buyer
    size: int
    links: int
    vias: list[str]
    orders: int = 0
    flagged: int = 0
    bad: int = 0
    amount: Decimal = Decimal(0)
    min_credit: int | None = None


def largest_rings(shop: Shop, *, limit: int = 20) -> list[RingSummary]:
    """The shop's biggest groups of linked accounts (connected components of its links), largest first.

    One pass over the shop's links, then one query for the members' orders and one for the
    lead accounts. Cached like the dashboard.
    """
    return _cached_for_version(f"rings:{shop.pk}:{limit}", shop, lambda: _compute_largest_rings(shop, limit))


def _compute_largest_rings(shop: Shop, limit: int) -> list[RingSummary]:
    parent: dict[int, int] = {}

    def root(x: int) -> int:
        parent.setdefault(x, x)
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    edges = list(BuyerLink.objects.filter(shop=shop).values_list("buyer_a_id", "buyer_b_id", "via"))
    for a, b, _via in edges:
        ra, rb = root(a), root(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)
    members: dict[int, list[int]] = defaultdict(list)
    for buyer_id in parent:
        members[root(buyer_id)].append(buyer_id)
    ring_links: Counter = Counter()
    ring_vias: dict[int, set] = defaultdict(set)
    for a, _b, via in edges:
        ring_links[root(a)] += 1
        ring_vias[root(a)].add(via)
    top = sorted(members, key=lambda r: (-len(members[r]), r))[:limit]
    wanted = [buyer_id for r in top for buyer_id in members[r]]
    stats = _order_stats(wanted)
    credit = dict(Buyer.objects.filter(pk__in=wanted).values_list("pk", "credit_score"))
    labels = dict(BuyerLink.Via.choices)
    summaries = []
    leads = {}
    for r in top:
        ids = members[r]
        # The account to open the ring from: the one with the most orders.
        leads[r] = max(ids, key=lambda pk: (stats.get(pk, {}).get("orders", 0), -pk))
    lead_buyers = Buyer.objects.in_bulk(leads.values())
    for r in top:
        ids = members[r]
        rows = [stats.get(pk, {}) for pk in ids]
        summaries.append(
            RingSummary(
                lead=lead_buyers[leads[r]],
                size=len(ids),
                links=ring_links[r],
                vias=[str(labels.get(v, v)) for v in sorted(ring_vias[r])],
                orders=sum(row.get("orders", 0) for row in rows),
                flagged=sum(row.get("flagged", 0) for row in rows),
                bad=sum(row.get("bad", 0) for row in rows),
                amount=sum((row.get("amount") or Decimal(0) for row in rows), Decimal(0)),
                min_credit=min((credit[pk] for pk in ids if pk in credit), default=None),
            )
        )
    return summaries
