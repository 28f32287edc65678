"""Read paths of the reports (rule precision, reviewers), and what they share with the dashboard
and the rings: the period, reasons unnested in the database, results cached per data version.

Nothing here writes (the cache aside). The dashboard is in ``reviews.selectors.dashboard``, the
linked-account rings in ``reviews.selectors.rings``.
"""

from __future__ import annotations

import statistics
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django.core.cache import cache
from django.db import connection
from django.db.models import BooleanField, Case, Exists, F, OuterRef, QuerySet, Subquery, When
from django.utils import timezone

from reviews.models import Decision, ExportEvent, ImportBatch, Order, RevealEvent, RiskPolicy, Shop
from reviews.selectors.queue import reason_label

FLAGGED_DECISIONS = (Order.Decision.REVIEW, Order.Decision.BLOCK)
CACHE_SECONDS = 60

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


# -- reasons unnested in the database ---------------------------------------------------------
def unnested_reasons(queryset: QuerySet[Order], fields: dict) -> list[tuple]:
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


# -- caching by data version -------------------------------------------------------------------
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


def cached_for_version(key: str, shop: Shop, compute: Callable[[], object]):
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
    return cached_for_version(key, shop, lambda: compute(shop, period))


# -- rule precision ---------------------------------------------------------------------------
@dataclass
class RulePrecision:
    code: str
    flagged: int = 0
    approved: int = 0
    cancelled: int = 0
    blacklisted: int = 0
    waiting: int = 0  # still in the review queue

    @property
    def label(self) -> str:
        """The rule's name in the reader's language: the figures are cached for everyone, words are not."""
        return reason_label(self.code)

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


def rule_precision(shop: Shop, period: Period) -> list[RulePrecision]:
    """Per screening rule: orders of the period it flagged, and what reviewers decided on them. One query."""
    final = Decision.objects.filter(order=OuterRef("pk"), action__in=Decision.FINAL, reversed_at__isnull=True).values(
        "action"
    )[:1]
    orders = Order.objects.filter(
        shop=shop, ordered_at__gte=period.since, ordered_at__lt=period.until, risk_decision__in=FLAGGED_DECISIONS
    )
    rules: dict[str, RulePrecision] = {}
    waiting = ("flagged", "in_review")
    for action, state, code in unnested_reasons(orders, {"r_final": Subquery(final), "r_state": F("risk_state")}):
        rule = rules.setdefault(code, RulePrecision(code))
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


def personal_data_reveals(shop: Shop) -> QuerySet[RevealEvent]:
    """Who unmasked which order's buyer data, newest first."""
    return RevealEvent.objects.filter(shop=shop).select_related("user", "order").order_by("-at", "-pk")


def personal_data_exports(shop: Shop) -> QuerySet[ExportEvent]:
    """Every order or blacklist export someone downloaded, newest first."""
    return ExportEvent.objects.filter(shop=shop).select_related("user").order_by("-created_at", "-pk")
