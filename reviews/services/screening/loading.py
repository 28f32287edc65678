"""Screening: one function decides allow / review / block for an order, and says why.

``screen_order(ctx, policy)`` runs every rule — a small pure function over an
``OrderContext`` with its thresholds from the shop's ``RiskPolicy`` — and adds up their
weights into a 0–100 risk score. ``screen_orders`` builds the contexts for a whole batch
with a handful of set-based queries, screens every order in memory and stores the verdicts
with one bulk update. Batch screening after an import, the check API and the backtest all
go through these same two functions.

How an order is judged (DESIGN.md §4–5):
- by what was known when it was placed — the windows look back from the order's time, and
  an earlier order counts as "unshipped" if it had not shipped by then — plus the buyer's
  record as it stands now (credit score, cancel/refund rate), because an attack is still an
  attack after the platform closed the order;
- every screened order keeps its verdict (``risk_score``, ``risk_decision``,
  ``risk_reasons``, ``policy_version``), history included;
- only orders a merchant can still act on (unpaid, paid and not shipped, refund requested)
  enter the queue as ``flagged``; every other screened order is ``allowed`` (out of the
  queue) while keeping its verdict;
- an order a person already took up (in review, approved, cancelled, blacklisted) is never
  touched again: its state and verdict stay what the reviewer saw.
"""

from __future__ import annotations

import functools
import json
import logging
from bisect import bisect_left, bisect_right
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from operator import itemgetter

from django.conf import settings
from django.core.cache import cache
from django.db import connection, transaction
from django.db.models import Count, FloatField, Func, Min, Q
from django.db.models.functions import Coalesce, TruncDate
from django.utils import timezone, translation

from blacklist.matching import (
    ENTRY_COLUMNS,
    Match,
    entries_for,
    entries_sql,
    keys_for,
    match_entries,
    matches_for,
    record_hits,
)
from blacklist.normalize import is_masked, normalize_name, normalize_phone
from reviews.models import Buyer, BuyerLink, Order, RiskPolicy, Shop
from reviews.regions import region_of
from reviews.services.alerting import ScreeningEvent, alerts_for_screening
from reviews.services.places import Places, place_cells, places_of
from reviews.services.policy import policy_current
from reviews.services.rules import (
    ALERT_CODES,
    CANCELLED,
    DAY,
    GIBBERISH,
    GOOD_STATUSES,
    REFUND_STATUSES,
    UNSETTLED,
    BuyerRecord,
    OrderContext,
    ShopRates,
    SkuBaseline,
    Verdict,
    screen_order,
)
from reviews.services.scoring import ACTIONABLE_STATUSES, BAD_STATUSES
from reviews.services.tagging import live_tags, live_tags_of_shop, live_tags_sql, tag_names
from shieldsite.db import prepared_cursor
from shieldsite.memo import RecentMemo

logger = logging.getLogger(__name__)
DECIDED_STATES = (
    Order.RiskState.IN_REVIEW,
    Order.RiskState.APPROVED,
    Order.RiskState.CANCELLED,
    Order.RiskState.BLACKLISTED,
)
ID_BATCH = 5000
LOCK_WINDOW = DAY
SKU_NORMAL_DAYS = 90
SKU_NORMAL_CACHE_SECONDS = 3600
# Kept by ``sku_normals_warm`` until the next nightly run has surely refreshed them.
SKU_NORMAL_WARM_SECONDS = 26 * 3600
LINK_HOPS = 3
MIN_SKU_SAMPLE = 20


# -- building contexts set-based ---------------------------------------------------------------
ORDER_FIELDS = (
    "id",
    "buyer_id",
    "sku_id",
    "quantity",
    "ts",
    "status",
    "receiver",
    "phone",
    "province",
    "city",
    "district",
    "street",
    "address",
    "address_key",
    "risk_state",
    "risk_score",
    "risk_decision",
    "risk_reasons",
    "policy_version",
)
# The backtest does not need stored verdicts (it reads blacklist reasons separately), and its
# targets are the nearby orders of the next ones (with ``NEAR_FIELDS``).
RANGE_FIELDS = (*ORDER_FIELDS[: ORDER_FIELDS.index("risk_score")], "shipped_ts")
NEAR_FIELDS = ("buyer_id", "ts", "sku_id", "quantity", "shipped_ts", "status")
VERDICT_FIELDS = ("risk_score", "risk_decision", "risk_reasons", "policy_version", "risk_state")


class EpochSeconds(Func):
    """A timestamp as seconds since 1970 (a float), so a million rows need no datetime parsing."""

    output_field = FloatField()

    def as_postgresql(self, compiler, connection, **extra):
        # date_part's float, not EXTRACT's numeric cast to float: the same value (both are the
        # correctly rounded microseconds / 10^6), without numeric arithmetic on every row.
        return self.as_sql(compiler, connection, template="date_part('epoch', %(expressions)s)", **extra)


def _ts(value: datetime | None) -> float | None:
    return value.timestamp() if value is not None else None


def _full_address(row: dict) -> str:
    region = "".join(row[part] or "" for part in ("province", "city", "district", "street"))
    address = row["address"] or ""
    if address and row["province"] and address.startswith(row["province"]):
        return address
    return region + address


def _chunks(ids: list, size: int = ID_BATCH) -> Iterable[list]:
    for start in range(0, len(ids), size):
        yield ids[start : start + size]


@dataclass
class ScreeningData:
    """Rows fetched once for a batch; contexts for any policy are built from them in memory."""

    shop_id: int
    targets: list[dict]
    buyers: dict[int, BuyerRecord]
    neighbours: dict[int, set[int]]
    # buyer_id -> sorted [(ts, sku_id, quantity, shipped_ts)] of its orders near the targets (links included)
    # buyer_id -> sorted [(ts, sku_id, quantity, shipped_ts, unpaid or cancelled)] of its orders near
    # the targets (links included)
    buyer_orders: dict[int, list[tuple[float, str, int, float | None, bool]]]
    # sku_id -> sorted [(ts, buyer_id, cancelled)] of every order of the SKU around the targets
    sku_orders: dict[str, list[tuple[float, int, bool]]]
    sku_normal: dict[str, SkuBaseline]
    blacklist: dict[int, list[Match]]
    # buyer_id -> names of its current tags
    buyer_tags: dict[int, list[str]] = field(default_factory=dict)
    shop_rates: ShopRates = ShopRates()
    # Farmed (SKU, place) cells and refund rings' places (``places.place_cells``)
    places: Places = Places({}, {})
    # Filled once by ``_fixed_features``.
    times_of: dict[int, list[float]] | None = None
    unsettled_times_of: dict[int, list[float]] | None = None
    group_times: dict[int, list[float]] | None = None
    # Contexts built so far, by the only policy values they depend on (the two windows): a
    # backtest's candidate usually changes thresholds only and shares the current policy's.
    contexts: dict[tuple[int, int], dict[int, OrderContext]] = field(default_factory=dict)
    # A whole range's nearby orders (``NEAR_FIELDS``, the look-back and the range itself): a caller
    # walking on keeps the tail as the next range's ``earlier``.
    near: list[tuple] = field(default_factory=list)


# Days with fewer orders than this say nothing about a SKU's usual share of cancelled orders.
BASELINE_DAY_ORDERS = 3
BASELINE_DAYS = 5


# (shop, SKU) -> baseline: the check API's SKUs remembered in its process (the shared cache costs
# a round trip per request). A 90-day median barely moves in a minute.
_recent_normals = RecentMemo()
RECENT_NORMAL_SECONDS = 60.0


def _quantile(pairs: list[tuple[int, int]], share: float) -> float:
    """The ``share`` quantile of a histogram of (value, count) pairs sorted by value."""
    total, seen = sum(n for _v, n in pairs), 0
    for value, n in pairs:
        seen += n
        if seen >= share * total:
            return float(value)
    return 1.0


def _cache_baselines(shop_id: int, quantities, days, skus: Iterable[str] | None, seconds: int):
    """Cache and return the baseline of each SKU (``skus``, or every SKU in the rows) from
    (sku, quantity, paid orders) and (sku, day, orders, cancelled) rows. Below
    ``MIN_SKU_SAMPLE`` paid orders a SKU's quantities are unknown (one unit assumed); below
    ``BASELINE_DAYS`` days with ``BASELINE_DAY_ORDERS`` orders its cancelled share is the shop's
    (a SKU with little history would otherwise take the attack on it for its usual share)."""
    shop_cancel = shop_rates(shop_id).cancel
    histogram: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for sku, quantity, n in quantities:
        if n:
            histogram[sku].append((quantity, n))
    shares: dict[str, list[float]] = defaultdict(list)
    seen: set[str] = set()
    for sku, _day, n, bad in days:
        if n >= BASELINE_DAY_ORDERS:
            shares[sku].append(bad / n)
        seen.add(sku)
    found = {}
    for sku in set(histogram) | seen if skus is None else skus:
        pairs = sorted(histogram.get(sku, []))
        known = sum(n for _q, n in pairs) >= MIN_SKU_SAMPLE
        daily = sorted(shares.get(sku, []))
        usual = daily[len(daily) // 2] if len(daily) >= BASELINE_DAYS else shop_cancel
        found[sku] = SkuBaseline(
            _quantile(pairs, 0.5) if known else 1.0, _quantile(pairs, 0.95) if known else 1.0, round(usual, 4)
        )
    cache.set_many({f"skub:{shop_id}:{sku}": tuple(v) for sku, v in found.items()}, seconds)
    for sku in found:  # this process's check API sees the new figures at once
        _recent_normals.pop((shop_id, sku))
    return found


def sku_baseline_recent(shop_id: int, sku_id: str) -> SkuBaseline:
    """``sku_baselines`` of one SKU, remembered in this process for ``RECENT_NORMAL_SECONDS``
    (single-order screening, above all the check API's hot path; batches always ask the cache)."""
    return _recent_normals.get_or_set(
        (shop_id, sku_id), lambda: sku_baselines(shop_id, [sku_id])[sku_id], seconds=RECENT_NORMAL_SECONDS
    )


def sku_baselines(shop_id: int, sku_ids: Iterable[str]) -> dict[str, SkuBaseline]:
    """Each SKU's baseline over the last 90 days, cached for an hour (a day when
    ``sku_normals_warm`` worked out the whole shop's)."""
    wanted = {sku for sku in sku_ids if sku}
    keys = {f"skub:{shop_id}:{sku}": sku for sku in wanted}
    found = {keys[k]: SkuBaseline(*v) for k, v in cache.get_many(list(keys)).items()}
    missing = wanted - set(found)
    if missing:
        quantities, days = _baseline_rows(shop_id)
        found.update(
            _cache_baselines(
                shop_id, quantities.filter(sku_id__in=missing), days.filter(sku_id__in=missing), missing,
                SKU_NORMAL_CACHE_SECONDS,
            )
        )  # fmt: skip
    return found


def sku_normals_warm(shop_id: int) -> int:
    """Work out and cache the baseline of every SKU the shop sold in the last 90 days, in two
    queries, so that screening — above all a check API request — finds them cached instead of
    querying SKU by SKU; and the shop's usual share of cancelled and refunded orders. Run after
    each import and by the nightly rescore; returns the SKUs cached."""
    quantities, days = _baseline_rows(shop_id)
    shop_rates(shop_id, fresh=True)
    place_cells(shop_id, fresh=True)
    _recent_normals.pop((shop_id, "places"))
    return len(_cache_baselines(shop_id, quantities.exclude(sku_id=""), days.exclude(sku_id=""), None,
                                SKU_NORMAL_WARM_SECONDS))  # fmt: skip


def _baseline_rows(shop_id: int):
    """(sku, quantity, paid orders) and (sku, day, orders, cancelled orders) of the shop's
    orders over the last ``SKU_NORMAL_DAYS`` days."""
    since = timezone.now() - timedelta(days=SKU_NORMAL_DAYS)
    recent = Order.objects.filter(shop_id=shop_id, ordered_at__gte=since).order_by()
    quantities = recent.values_list("sku_id", "quantity").annotate(n=Count("pk", filter=Q(status__in=GOOD_STATUSES)))
    days = (
        recent.annotate(day=TruncDate("ordered_at"))
        .values_list("sku_id", "day")
        .annotate(n=Count("pk"), bad=Count("pk", filter=Q(status=CANCELLED)))
    )
    return quantities, days


def shop_rates(shop_id: int, *, fresh: bool = False) -> ShopRates:
    """The shop's usual shares over the last 90 days, cached for a day: of its orders cancelled or
    refunded (``BAD_STATUSES``, what a buyer's record counts), of its shipped orders refunded, and
    of its orders cancelled.
    Shrunk towards the priors while the shop has few orders."""
    key = f"shoprates2:{shop_id}"
    found = None if fresh else cache.get(key)
    if found is None:
        since = timezone.now() - timedelta(days=SKU_NORMAL_DAYS)
        counts = Order.objects.filter(shop_id=shop_id, ordered_at__gte=since).aggregate(
            n=Count("pk"),
            bad=Count("pk", filter=Q(status__in=BAD_STATUSES)),
            cancelled=Count("pk", filter=Q(status=CANCELLED)),
            shipped=Count("pk", filter=Q(shipped_at__isnull=False)),
            refunds=Count("pk", filter=Q(shipped_at__isnull=False, status__in=REFUND_STATUSES)),
        )
        prior = ShopRates()
        found = (
            (counts["bad"] + 50 * prior.bad) / (counts["n"] + 50),
            (counts["refunds"] + 50 * prior.refund) / (counts["shipped"] + 50),
            (counts["cancelled"] + 50 * prior.cancel) / (counts["n"] + 50),
        )
        cache.set(key, found, SKU_NORMAL_WARM_SECONDS)
    return ShopRates(*found)


def linked_groups(*, shop_id: int, buyer_ids: set[int], whole_shop: bool = False) -> dict[int, set[int]]:
    """For each buyer, the other accounts of its ring: the connected group of its links.

    Follows links up to ``LINK_HOPS`` steps out from the batch (one query per step), so a
    ring joined through a shared phone on one side and an address on the other is one group.
    """
    links = BuyerLink.objects.filter(shop_id=shop_id)
    adjacency: dict[int, set[int]] = defaultdict(set)
    if whole_shop:
        for a, b in links.values_list("buyer_a_id", "buyer_b_id"):
            adjacency[a].add(b)
            adjacency[b].add(a)
    else:
        seen: set[int] = set()
        frontier = set(buyer_ids)
        for _hop in range(LINK_HOPS):
            frontier -= seen
            if not frontier:
                break
            seen |= frontier
            found: set[int] = set()
            for ids in _chunks(sorted(frontier)):
                for a, b in links.filter(Q(buyer_a_id__in=ids) | Q(buyer_b_id__in=ids)).values_list(
                    "buyer_a_id", "buyer_b_id"
                ):
                    adjacency[a].add(b)
                    adjacency[b].add(a)
                    found.update((a, b))
            frontier = found
    groups: dict[int, set[int]] = {}
    for start in list(adjacency):
        if start in groups:
            continue
        component, stack = {start}, [start]
        while stack:
            for other in adjacency[stack.pop()]:
                if other not in component:
                    component.add(other)
                    stack.append(other)
        for member in component:
            groups[member] = component - {member}
    return groups


@dataclass
class ShopRecords:
    """Every buyer's record, identity, ring and tags of one shop, loaded once for a whole-shop run."""

    buyers: dict[int, BuyerRecord]
    identity: dict[int, tuple[str, str]]
    neighbours: dict[int, set[int]]
    tags: dict[int, list[str]] = field(default_factory=dict)
    # ``_identity_flags``'s memo of receivers and phones, kept across the run's batches.
    seen: dict = field(default_factory=dict)


def _rows(queryset, names: Iterable[str]) -> list[tuple]:
    """The rows of a ``values_list`` queryset straight from the cursor, as tuples of ``names`` (its
    columns or aliases). For the columns read here (ids, text, numbers) Django's per-row
    converters change nothing, and skipping them halves the time of a million-row read."""
    sql, params = queryset.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        columns = [column[0] for column in cursor.description]
        rows = cursor.fetchall()
    names = list(names)
    if columns == names:
        return rows
    pick = itemgetter(*(columns.index(name) for name in names))
    return [pick(row) for row in rows]


def load_shop_records(*, shop_id: int) -> ShopRecords:
    buyers: dict[int, BuyerRecord] = {}
    identity: dict[int, tuple[str, str]] = {}
    columns = ("id", "credit_score", "restricted", "key_kind", "key", "confidence")
    for pk, score, restricted, kind, key, confidence in _rows(
        Buyer.objects.filter(shop_id=shop_id).order_by().values_list(*columns), columns
    ):
        buyers[pk] = BuyerRecord(pk, score, restricted, confidence=confidence)
        identity[pk] = (kind, key)
    stats = (
        Order.objects.filter(shop_id=shop_id, buyer_id__isnull=False)
        .values_list("buyer_id")
        .annotate(
            n=Count("pk"),
            bad=Count("pk", filter=Q(status__in=BAD_STATUSES)),
            first=EpochSeconds(Min("ordered_at")),
            shipped=Count("shipped_at"),
            refunds=Count("shipped_at", filter=Q(status__in=REFUND_STATUSES)),
        )
        .order_by()
    )
    with transaction.atomic(savepoint=False):
        # One hash entry per buyer: with the default 4 MB of work_mem a big shop's aggregate
        # spills to disk (300k buyers: 1.7 s, 0.9 s in memory). SET LOCAL lasts to the end of the
        # transaction: this block's, or the caller's when there is one.
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL work_mem = '64MB'")
        rows = _rows(stats, ("buyer_id", "n", "bad", "first", "shipped", "refunds"))
    for buyer_id, n, bad, first, shipped, refunds in rows:
        record = buyers.get(buyer_id)
        if record is not None:
            record.orders, record.bad_orders, record.first_order_ts = n, bad, first
            record.shipped, record.refunds = shipped, refunds
    neighbours = linked_groups(shop_id=shop_id, buyer_ids=set(), whole_shop=True)
    return ShopRecords(buyers, identity, neighbours, live_tags_of_shop(shop_id))


def _identity_flags(row: dict, seen: dict, places: dict) -> None:
    """Receiver and address facts that depend on no threshold, done once per row rather than once
    per policy, and once per distinct receiver, phone and address: ``seen`` remembers receivers
    and phones (a backtest keeps it across its batches), ``places`` addresses within a batch."""
    receiver = row["receiver"]
    name_flags = seen.get(receiver)
    if name_flags is None:
        name = normalize_name(receiver)
        masked_name = not name or is_masked(name)
        name_flags = seen[receiver] = (bool(not masked_name and GIBBERISH.search(name)), masked_name)
    gibberish, masked_name = name_flags
    masked_only = False
    if masked_name:  # only an order without a usable name depends on its phone
        phone_key = ("phone", row["phone"])
        masked_only = seen.get(phone_key)
        if masked_only is None:
            phone = normalize_phone(row["phone"])
            masked_only = seen[phone_key] = not phone or is_masked(phone)
    row["gibberish"], row["masked_only"] = gibberish, masked_only
    place = (row["province"], row["city"], row["district"], row["street"], row["address"])
    found = places.get(place)
    if found is None:
        found = places[place] = (
            _full_address(row),
            region_of(province=row["province"], city=row["city"], address=row["address"]),
        )
    row["full_address"], row["region"] = found


def shop_organization_id(shop_id: int) -> int | None:
    """The shop's merchant (for the blacklist it shares across its shops), cached until the shop is
    saved again (or for five minutes, for a change that bypasses ``Shop.save``)."""
    key = Shop.ORGANIZATION_CACHE_KEY.format(shop_id)
    found = cache.get(key)
    if found is None:
        found = Shop.objects.filter(pk=shop_id).values_list("organization_id", flat=True).first() or 0
        cache.set(key, found, 300)
    return found or None


def load_screening_data(
    *,
    shop_id: int,
    order_ids: list[int] | None = None,
    since: datetime | None = None,
    until: datetime | None = None,
    records: ShopRecords | None = None,
    policies: Iterable[RiskPolicy] = (),
    with_blacklist: bool = True,
    blacklist_hint: Iterable[str] = (),
    earlier: list[tuple] | None = None,
) -> ScreeningData:
    """Fetch, in a few set-based queries, what screening these orders needs.

    Targets are ``order_ids``, or every order of the shop placed in ``[since, until)`` (the
    backtest, which passes the whole shop's ``records`` loaded once and walks day by day; it
    hands each day's orders back as ``earlier``, the ``NEAR_FIELDS`` of the orders placed in the
    look-back before ``since``, so no order is read twice — see ``near_orders``).
    A single order (the check API) takes one query that fetches the same rows
    (``blacklist_hint``: see ``_load_one``).
    """
    policies = list(policies) or [RiskPolicy()]
    if order_ids is not None and len(set(order_ids)) == 1:
        return _load_one(
            shop_id=shop_id, order_id=order_ids[0], policies=policies, with_blacklist=with_blacklist,
            blacklist_hint=blacklist_hint,
        )  # fmt: skip
    return _load_batch(
        shop_id=shop_id, order_ids=order_ids, since=since, until=until, records=records, policies=policies,
        with_blacklist=with_blacklist, earlier=earlier,
    )  # fmt: skip


def _load_batch(
    *,
    shop_id: int,
    order_ids: list[int] | None,
    since: datetime | None,
    until: datetime | None,
    records: ShopRecords | None,
    policies: list[RiskPolicy],
    with_blacklist: bool,
    earlier: list[tuple] | None = None,
) -> ScreeningData:
    buyer_look_back, sku_look_back = look_backs(policies)
    base = _timed_orders(shop_id)
    whole_range = order_ids is None
    if whole_range:
        window = base.filter(ordered_at__gte=since)
        if until is not None:
            window = window.filter(ordered_at__lt=until)
        # Unordered (the model's newest-first ordering would sort every step's rows for nothing).
        rows = _rows(window.order_by().values_list(*RANGE_FIELDS), RANGE_FIELDS)
        targets = [dict(zip(RANGE_FIELDS, row, strict=True)) for row in rows]
    else:
        targets = [r for ids in _chunks(sorted(set(order_ids))) for r in base.filter(pk__in=ids).values(*ORDER_FIELDS)]
    if whole_range:
        records = records or load_shop_records(shop_id=shop_id)
    seen, places = (records.seen if records is not None else {}), {}
    for row in targets:
        _identity_flags(row, seen, places)
    buyer_ids = {row["buyer_id"] for row in targets if row["buyer_id"]}

    if whole_range:
        buyers, identity, neighbours = records.buyers, records.identity, records.neighbours
    else:
        neighbours = linked_groups(shop_id=shop_id, buyer_ids=buyer_ids)
        buyers, identity = {}, {}
        rows = (
            Buyer.objects.filter(shop_id=shop_id)
            .annotate(
                n=Count("orders"),
                bad=Count("orders", filter=Q(orders__status__in=BAD_STATUSES)),
                first=EpochSeconds(Min("orders__ordered_at")),
                shipped=Count("orders__shipped_at"),
                refunds=Count("orders__shipped_at", filter=Q(orders__status__in=REFUND_STATUSES)),
            )
            .values_list(
                "pk",
                "credit_score",
                "restricted",
                "key_kind",
                "key",
                "n",
                "bad",
                "first",
                "confidence",
                "shipped",
                "refunds",
            )
        )
        everyone = buyer_ids | {n for b in buyer_ids for n in neighbours.get(b, ())}
        for ids in _chunks(sorted(everyone)):
            for pk, score, restricted, kind, key, *counts in rows.filter(pk__in=ids):
                buyers[pk] = BuyerRecord(pk, score, restricted, *counts)
                identity[pk] = (kind, key)

    # Orders near the targets: the buyers' (and their links') own, and every order of the targets' SKUs.
    own: list[tuple] = []
    buyer_orders: dict[int, list] = defaultdict(list)
    sku_orders: dict[str, list] = defaultdict(list)
    if targets:
        first_ts, last_ts = min(r["ts"] for r in targets), max(r["ts"] for r in targets)
        end = datetime.fromtimestamp(last_ts + 1, tz=UTC)
        near_buyers = base.filter(ordered_at__gte=datetime.fromtimestamp(first_ts - buyer_look_back, tz=UTC))
        near_skus = base.filter(ordered_at__gte=datetime.fromtimestamp(first_ts - sku_look_back, tz=UTC))
        fields = NEAR_FIELDS
        if whole_range:
            # Every order counts for both its buyer and its SKU: the look-back before the range
            # (read here, or handed over by a caller walking the days) and the range itself.
            if earlier is None:
                earlier = near_orders(shop_id, first_ts - max(buyer_look_back, sku_look_back), since.timestamp())
            own = [*earlier, *(tuple(row[name] for name in fields) for row in targets)]
            by_sku = []
        else:
            skus = sorted({r["sku_id"] for r in targets if r["sku_id"]})
            everyone = sorted(buyers)
            sku_start = first_ts - sku_look_back
            # The SKU's window reaches past the last target too: what came after an order (the
            # rest of a burst) is known by now, and judges it in hindsight.
            sku_end = last_ts + sku_look_ahead(policies)
            sku_stop = datetime.fromtimestamp(sku_end, tz=UTC)
            if len(everyone) <= ID_BATCH and len(skus) <= ID_BATCH:
                # One query for both (the check API's path): split by buyer and SKU below.
                wanted_buyers, wanted_skus = set(everyone), set(skus)
                rows = near_buyers.filter(
                    Q(buyer_id__in=everyone, ordered_at__lte=end)
                    | Q(sku_id__in=skus, ordered_at__gte=datetime.fromtimestamp(sku_start, tz=UTC),
                        ordered_at__lte=sku_stop)
                )  # fmt: skip
                own, by_sku = [], []
                for buyer_id, ts, sku, quantity, shipped, status in rows.values_list(*fields):
                    if buyer_id in wanted_buyers and ts <= last_ts + 1:
                        own.append((buyer_id, ts, sku, quantity, shipped, status))
                    if sku in wanted_skus and sku_start <= ts <= sku_end:
                        by_sku.append((ts, sku, buyer_id, status))
            else:
                own = [
                    r
                    for ids in _chunks(everyone)
                    for r in near_buyers.filter(ordered_at__lte=end, buyer_id__in=ids).values_list(*fields)
                ]
                by_sku = [
                    r
                    for chunk in _chunks(skus)
                    for r in near_skus.filter(ordered_at__lte=sku_stop, sku_id__in=chunk).values_list(
                        "ts", "sku_id", "buyer_id", "status"
                    )
                ]
        for buyer_id, ts, sku, quantity, shipped, status in own:
            if buyer_id is not None:
                buyer_orders[buyer_id].append((ts, sku, quantity, shipped, status in UNSETTLED))
            if whole_range:
                sku_orders[sku].append((ts, buyer_id, status == CANCELLED))
        for ts, sku, buyer_id, status in by_sku:
            sku_orders[sku].append((ts, buyer_id, status == CANCELLED))
        for values in buyer_orders.values():
            values.sort()
        for values in sku_orders.values():
            values.sort(key=lambda pair: pair[0])
    sku_normal = sku_baselines(shop_id, {r["sku_id"] for r in targets})

    blacklist: dict[int, list[Match]] = {}
    if with_blacklist and targets:
        blacklist = _blacklist_matches(shop_id, targets, identity, neighbours, shop_organization_id(shop_id))
    tags = records.tags if whole_range else live_tags(buyer_ids)
    return ScreeningData(
        shop_id, targets, buyers, neighbours, buyer_orders, sku_orders, sku_normal, blacklist, buyer_tags=tags,
        near=own if whole_range else [], shop_rates=shop_rates(shop_id), places=place_cells(shop_id),
    )  # fmt: skip


def sku_look_ahead(policies: Iterable[RiskPolicy]) -> float:
    """Seconds after an order that its SKU's later orders count (hindsight on a burst)."""
    return max(60.0 * p.sku_burst_minutes for p in policies)


def look_backs(policies: Iterable[RiskPolicy]) -> tuple[float, float]:
    """Seconds before an order that its buyer's and its SKU's earlier orders count, for these policies."""
    policies = list(policies)
    # Never shorter than the SKU window: the SKU's orders are read within the buyers' look-back.
    buyer = max([LOCK_WINDOW, DAY] + [60.0 * max(p.burst_minutes, p.sku_burst_minutes) for p in policies])
    return buyer, max(60.0 * p.sku_burst_minutes for p in policies)


def _timed_orders(shop_id: int):
    return Order.objects.filter(shop_id=shop_id).annotate(
        ts=EpochSeconds(Coalesce("ordered_at", "created_at")), shipped_ts=EpochSeconds("shipped_at")
    )


def near_orders(shop_id: int, low: float, high: float) -> list[tuple]:
    """``NEAR_FIELDS`` of the shop's orders placed in ``[low, high)`` (epoch seconds)."""
    rows = _timed_orders(shop_id).filter(
        ordered_at__gte=datetime.fromtimestamp(low, tz=UTC), ordered_at__lt=datetime.fromtimestamp(high, tz=UTC)
    )
    return _rows(rows.order_by().values_list(*NEAR_FIELDS), NEAR_FIELDS)


def buyer_keys(kind: str, key: str) -> frozenset:
    """The blacklist keys a buyer's identity can be matched by (a platform id or a full phone)."""
    if kind == Buyer.KeyKind.PLATFORM_ID:
        return keys_for(buyer_id=key)
    if kind == Buyer.KeyKind.PHONE:
        return keys_for(phone=key)
    return frozenset()


def order_keys(*, phone: str, receiver: str, full_address: str, identity: tuple[str, str] | None) -> set:
    """The blacklist keys an order is matched by: its own phone, receiver and address, and its buyer's."""
    keys = set(keys_for(phone=phone, receiver=receiver, address=full_address))
    return keys | buyer_keys(*identity) if identity else keys


def _blacklist_keys(
    targets: list[dict], identity: dict[int, tuple[str, str]], neighbours: dict[int, set[int]]
) -> tuple[dict[int, set], dict[int, set]]:
    """Each target's own keys, and its ring's (for ``linked`` hits)."""
    keys_of_buyer = {pk: buyer_keys(kind, key) for pk, (kind, key) in identity.items()}
    own_keys, linked_keys = {}, {}
    for row in targets:
        own_keys[row["id"]] = order_keys(
            phone=row["phone"], receiver=row["receiver"], full_address=row["full_address"],
            identity=identity.get(row["buyer_id"]),
        )  # fmt: skip
        theirs = set()
        for n in neighbours.get(row["buyer_id"], ()):
            theirs |= keys_of_buyer.get(n, frozenset())
        if theirs:
            linked_keys[row["id"]] = theirs
    return own_keys, linked_keys


def _blacklist_matches(
    shop_id: int,
    targets: list[dict],
    identity: dict[int, tuple[str, str]],
    neighbours: dict[int, set[int]],
    organization_id: int | None,
) -> dict[int, list[Match]]:
    """Entries hitting each target through its own phone, receiver, address or buyer, or its ring's."""
    own_keys, linked_keys = _blacklist_keys(targets, identity, neighbours)
    return matches_for(shop_id, own_keys, linked_keys, organization_id=organization_id)


# Everything screening one order needs, in one round trip (the check API's path; PostgreSQL).
# The same rows the batch queries of ``_load_batch`` fetch for a one-order batch: the ring is
# every account within LINK_HOPS links of the buyer (what ``linked_groups`` finds going out
# LINK_HOPS steps), the buyers' records count all their orders, and the nearby orders are the
# buyers' own since the look-back plus the SKU's since its window (both within the look-back,
# as in the batch query). Times travel as integer microseconds: ``us / 1e6`` is exactly the
# float ``EpochSeconds`` gives the batch path (both are the correctly rounded quotient).
_ONE_ORDER_SQL = """
WITH RECURSIVE
t AS (
    SELECT *, (ts * 1000000)::bigint AS ts_us FROM (
        SELECT o.id, o.buyer_id, o.sku_id, o.quantity, date_part('epoch', COALESCE(o.ordered_at, o.created_at)) AS ts,
               o.status, o.receiver, o.phone, o.province, o.city, o.district, o.street, o.address, o.address_key,
               o.risk_state, o.risk_score, o.risk_decision, o.risk_reasons, o.policy_version
        FROM reviews_order o WHERE o.shop_id = %(shop)s AND o.id = %(order)s
    ) o
),
org AS (SELECT organization_id AS id FROM reviews_shop WHERE id = %(shop)s),
bounds AS (
    SELECT to_timestamp(ts - %(buyer_back)s) buyer_start, to_timestamp(ts - %(sku_back)s) sku_start,
           to_timestamp(ts + 1) stop, to_timestamp(ts + %(sku_ahead)s) sku_stop, sku_id
    FROM t
),
reach (id, hops) AS (
    SELECT buyer_id, 0 FROM t WHERE buyer_id IS NOT NULL
    UNION
    SELECT CASE WHEN l.buyer_a_id = r.id THEN l.buyer_b_id ELSE l.buyer_a_id END, r.hops + 1
    FROM reach r JOIN reviews_buyerlink l
      ON l.shop_id = %(shop)s AND (l.buyer_a_id = r.id OR l.buyer_b_id = r.id)
    WHERE r.hops < %(hops)s
),
ring AS (SELECT DISTINCT id FROM reach),
bs AS (
    SELECT b.id, b.credit_score, b.restricted, b.key_kind, b.key, b.confidence, s.*
    FROM reviews_buyer b
    CROSS JOIN LATERAL (
        SELECT count(*) n, count(*) FILTER (WHERE o.status = ANY(%(bad)s)) bad,
               (date_part('epoch', min(o.ordered_at)) * 1000000)::bigint first_us, count(o.shipped_at) sh,
               count(o.shipped_at) FILTER (WHERE o.status = ANY(%(rf)s)) rf
        FROM reviews_order o WHERE o.buyer_id = b.id
    ) s
    WHERE b.shop_id = %(shop)s AND b.id IN (SELECT id FROM ring)
),
near AS (
    SELECT o.id, o.ordered_at, o.shipped_at, o.buyer_id, o.sku_id, o.quantity, o.status
    FROM reviews_order o, bounds
    WHERE o.buyer_id IN (SELECT id FROM bs) AND o.shop_id = %(shop)s
      AND o.ordered_at BETWEEN bounds.buyer_start AND bounds.stop
    UNION
    SELECT o.id, o.ordered_at, o.shipped_at, o.buyer_id, o.sku_id, o.quantity, o.status
    FROM reviews_order o, bounds
    WHERE bounds.sku_id <> '' AND o.shop_id = %(shop)s AND o.sku_id = bounds.sku_id
      AND o.ordered_at BETWEEN bounds.sku_start AND bounds.sku_stop
)
SELECT json_build_object(
    'org', (SELECT id FROM org),
    'target', (SELECT row_to_json(t) FROM t),
    'ring', (SELECT json_agg(id) FROM ring),
    'buyers', (SELECT json_agg(json_build_array(id, credit_score, restricted, key_kind, key, n, bad, first_us,
                                                confidence, sh, rf)) FROM bs),
    'orders', (SELECT json_agg(json_build_array(
                   buyer_id, (date_part('epoch', ordered_at) * 1000000)::bigint, sku_id,
                   quantity, (date_part('epoch', shipped_at) * 1000000)::bigint, status
               ) ORDER BY ordered_at DESC, id DESC) FROM near),
    'tags', (SELECT json_agg(json_build_array(x.buyer_id, x.name) ORDER BY x.pk)
             FROM (%(tags_sql)s) x (buyer_id, name, source, pk)),
    'entries', (SELECT json_agg(json_build_array(%(entry_columns)s)) FROM (%(entries_sql)s) e)
)
"""


def _seconds(us: int | None) -> float | None:
    return us / 1e6 if us is not None else None


def _load_one(
    *,
    shop_id: int,
    order_id: int,
    policies: list[RiskPolicy],
    with_blacklist: bool,
    blacklist_hint: Iterable[str] = (),
) -> ScreeningData:
    """``_load_batch`` for a single order: one prepared query instead of a handful.

    ``blacklist_hint``: key values the caller expects the order to be matched by (the check API
    knows the order it just stored). Entries with those keys come with the same query; the
    order's actual keys are worked out as always, and fetched in a second query only if the hint
    missed some of them — the hint changes how many queries run, never the answer.
    """
    hint = sorted(set(blacklist_hint)) if with_blacklist else []
    buyer_look_back, sku_look_back = look_backs(policies)
    params = {
        "shop": shop_id,
        "order": order_id,
        "buyer_back": buyer_look_back,
        "sku_back": sku_look_back,
        "sku_ahead": sku_look_ahead(policies),
        "hops": LINK_HOPS,
        "bad": [str(status) for status in BAD_STATUSES],
        "rf": [str(status) for status in REFUND_STATUSES],
        "values": hint,
        "at": timezone.now(),
    }
    with prepared_cursor() as cursor:
        cursor.execute(_one_order_sql(), params)
        found = cursor.fetchone()[0]
    if isinstance(found, str):
        found = json.loads(found)
    target = found["target"]
    if target is None:
        return ScreeningData(shop_id, [], {}, {}, {}, {}, {}, {})
    target["ts"] = _seconds(target.pop("ts_us"))
    _identity_flags(target, {}, {})
    targets = [target]
    ring = set(found["ring"] or ())
    neighbours = {member: ring - {member} for member in ring} if len(ring) > 1 else {}
    buyers, identity = {}, {}
    for pk, score, restricted, kind, key, n, bad, first_us, confidence, shipped, refunds in found["buyers"] or ():
        buyers[pk] = BuyerRecord(pk, score, restricted, n, bad, _seconds(first_us), confidence, shipped, refunds)
        identity[pk] = (kind, key)
    # Split as the batch path splits its one query: the buyers' own orders, and the SKU's in its window.
    buyer_orders: dict[int, list] = defaultdict(list)
    sku_orders: dict[str, list] = defaultdict(list)
    sku, sku_start = target["sku_id"], target["ts"] - sku_look_back
    sku_end, buyer_end = target["ts"] + params["sku_ahead"], target["ts"] + 1
    for buyer_id, ts_us, order_sku, quantity, shipped_us, status in found["orders"] or ():
        ts = ts_us / 1e6
        if buyer_id in buyers and ts <= buyer_end:
            buyer_orders[buyer_id].append((ts, order_sku, quantity, _seconds(shipped_us), status in UNSETTLED))
        if sku and order_sku == sku and sku_start <= ts <= sku_end:
            sku_orders[order_sku].append((ts, buyer_id, status == CANCELLED))
    for values in buyer_orders.values():
        values.sort()
    for values in sku_orders.values():
        values.sort(key=lambda pair: pair[0])
    sku_normal = {sku: sku_baseline_recent(shop_id, sku)} if sku else {}
    usual_rates = _recent_normals.get_or_set((shop_id, ""), lambda: shop_rates(shop_id), seconds=RECENT_NORMAL_SECONDS)
    blacklist = {}
    if with_blacklist:
        own_keys, linked_keys = _blacklist_keys(targets, identity, neighbours)
        needed = {value for keys in (*own_keys.values(), *linked_keys.values()) for _kind, value in keys}
        if needed <= set(hint):
            entries = [tuple(entry) for entry in found["entries"] or ()]
        else:
            entries = entries_for(shop_id, needed, at=params["at"], organization_id=found["org"])
        blacklist = match_entries(entries, own_keys, linked_keys)
    tags = tag_names((buyer_id, name, "") for buyer_id, name in found["tags"] or ())
    places = _recent_normals.get_or_set(
        (shop_id, "places"), lambda: place_cells(shop_id), seconds=RECENT_NORMAL_SECONDS
    )
    return ScreeningData(
        shop_id, targets, buyers, neighbours, buyer_orders, sku_orders, sku_normal, blacklist, buyer_tags=tags,
        shop_rates=usual_rates, places=places,
    )  # fmt: skip


@functools.cache
def _one_order_sql() -> str:
    sql = (
        _ONE_ORDER_SQL.replace("%(tags_sql)s", live_tags_sql("b.id = (SELECT buyer_id FROM t)"))
        .replace("%(entries_sql)s", entries_sql("%(shop)s", "(SELECT id FROM org)"))
        .replace("%(entry_columns)s", ", ".join(ENTRY_COLUMNS))
    )
    # One line: psycopg remembers how it parsed a statement only up to 4 kB of text.
    return " ".join(sql.split())


def _count_between(times: list[float], low: float, high: float) -> int:
    return bisect_right(times, high) - bisect_left(times, low)


def _fixed_features(data: ScreeningData) -> None:
    """What does not depend on any threshold, computed once per batch (the backtest builds
    contexts for two policies from the same data): per-buyer times, ring figures, units of
    the SKU bought that day, unshipped orders of the SKU by the ring in the last 24 hours."""
    if data.times_of is not None:
        return
    offset = timezone.localtime().utcoffset().total_seconds()
    data.times_of = {b: [o[0] for o in orders] for b, orders in data.buyer_orders.items()}
    data.unsettled_times_of = {b: [o[0] for o in orders if o[4]] for b, orders in data.buyer_orders.items()}
    data.group_times = {}
    for row in data.targets:
        buyer_id, ts, sku_id = row["buyer_id"], row["ts"], row["sku_id"]
        row["linked"] = row["group_orders"] = row["group_bad"] = row["group_unshipped"] = row["day_units"] = 0
        if buyer_id is None:
            continue
        group = data.neighbours.get(buyer_id)
        if group:
            members = (buyer_id, *group)
            if buyer_id not in data.group_times:
                data.group_times[buyer_id] = sorted(t for b in members for t in data.times_of.get(b, ()))
            records = [data.buyers[b] for b in members if b in data.buyers]
            row["linked"] = len(group)
            row["group_orders"] = sum(m.orders for m in records)
            row["group_bad"] = sum(m.bad_orders for m in records)
            row["group_unshipped"] = sum(
                1
                for b in members
                for o_ts, sku, _q, shipped, _u in data.buyer_orders.get(b, ())
                if sku == sku_id and ts - LOCK_WINDOW <= o_ts <= ts and (shipped is None or shipped > ts)
            )
        day_start = ts - ((ts + offset) % DAY)
        row["day_units"] = sum(
            q
            for o_ts, sku, q, _s, _u in data.buyer_orders.get(buyer_id, ())
            if sku == sku_id and day_start <= o_ts <= ts
        )


def build_contexts(data: ScreeningData, policy: RiskPolicy) -> dict[int, OrderContext]:
    """One ``OrderContext`` per target order, computed in memory with this policy's windows."""
    windows = (policy.burst_minutes, policy.sku_burst_minutes)
    if windows in data.contexts:
        return data.contexts[windows]
    _fixed_features(data)
    burst = 60.0 * policy.burst_minutes
    times_of, group_times = data.times_of, data.group_times
    buyers, sku_normal, blacklist = data.buyers, data.sku_normal, data.blacklist
    contexts: dict[int, OrderContext] = {}
    sku_window = _sku_concentration(data, policy)
    around = _sku_around(data, policy)
    for row in data.targets:
        buyer_id, ts = row["buyer_id"], row["ts"]
        ctx = OrderContext(
            order_id=row["id"],
            buyer_id=buyer_id,
            sku_id=row["sku_id"],
            quantity=row["quantity"],
            ordered_ts=ts,
            receiver=row["receiver"],
            phone=row["phone"],
            address=row["full_address"],
            receiver_gibberish=row["gibberish"],
            identity_masked=row["masked_only"],
            province=row["region"][0],
            city=row["region"][1],
            buyer=buyers.get(buyer_id),
            linked_buyers=row["linked"],
            group_orders=row["group_orders"],
            group_bad_orders=row["group_bad"],
            group_unshipped_sku_orders=row["group_unshipped"],
            sku_day_units=row["day_units"],
            sku_baseline=sku_normal.get(row["sku_id"]),
            status=row["status"],
            shop_bad_share=data.shop_rates.bad,
            shop_refund_share=data.shop_rates.refund,
            blacklist=blacklist.get(row["id"], ()),
            buyer_tags=tuple(data.buyer_tags.get(buyer_id, ())),
        )
        ctx.sku_concentrated_orders, ctx.sku_concentrated_accounts = sku_window.get(row["id"], (0, 0))
        ctx.sku_window_orders, ctx.sku_window_bad = around.get(row["id"], (0, 0))
        farms, refunds = data.places
        if farms or refunds:
            places = places_of(row)
            ctx.farm_cell = next((c for place in places if (c := farms.get((row["sku_id"], place)))), None)
            ctx.refund_place = next((c for place in places if (c := refunds.get(place))), None)
        if buyer_id is not None:
            ctx.buyer_window = _count_between(times_of.get(buyer_id, ()), ts - burst, ts)
            ctx.buyer_window_unsettled = _count_between(data.unsettled_times_of.get(buyer_id, ()), ts - burst, ts)
            if row["linked"]:
                ctx.group_window = _count_between(group_times[buyer_id], ts - burst, ts)
        contexts[row["id"]] = ctx
    data.contexts[windows] = contexts
    return contexts


def _sku_around(data: ScreeningData, policy: RiskPolicy) -> dict[int, tuple[int, int]]:
    """For each target: (orders, cancelled orders) of its SKU within the SKU window
    before and after it, from running counts over the SKU's sorted orders."""
    window = 60.0 * policy.sku_burst_minutes
    answer: dict[int, tuple[int, int]] = {}
    prepared: dict[str, tuple[list[float], list[int]]] = {}
    for row in data.targets:
        sku = row["sku_id"]
        if not sku:
            continue
        found = prepared.get(sku)
        if found is None:
            events = data.sku_orders.get(sku, [])
            running, bad = [0], 0
            for _ts, _buyer, is_bad in events:
                bad += is_bad
                running.append(bad)
            found = prepared[sku] = ([e[0] for e in events], running)
        times, running = found
        low, high = bisect_left(times, row["ts"] - window), bisect_right(times, row["ts"] + window)
        answer[row["id"]] = (high - low, running[high] - running[low])
    return answer


def _sku_concentration(data: ScreeningData, policy: RiskPolicy) -> dict[int, tuple[int, int]]:
    """For each target: orders of its SKU in the window before it that come from repeat accounts.

    A sliding window per SKU: an account with two or more orders of the SKU in the window is a
    repeat account; ordinary traffic (many accounts, one order each) never concentrates.
    """
    window = 60.0 * policy.sku_burst_minutes
    by_sku: dict[str, list[tuple[float, int, int]]] = defaultdict(list)
    for row in data.targets:
        if row["sku_id"] and row["buyer_id"]:
            by_sku[row["sku_id"]].append((row["ts"], row["id"], row["buyer_id"]))
    answer: dict[int, tuple[int, int]] = {}
    for sku, wanted in by_sku.items():
        wanted.sort()
        events = data.sku_orders.get(sku, [])
        counts: Counter = Counter()
        repeat_orders = repeat_accounts = 0
        # Orders older than the first target's window would only come and go: start after them.
        left = right = bisect_left(events, wanted[0][0] - window, key=itemgetter(0))
        for ts, order_id, buyer_id in wanted:
            while right < len(events) and events[right][0] <= ts:
                b = events[right][1]
                counts[b] += 1
                if counts[b] == 2:
                    repeat_accounts += 1
                    repeat_orders += 2
                elif counts[b] > 2:
                    repeat_orders += 1
                right += 1
            while left < right and events[left][0] < ts - window:
                b = events[left][1]
                counts[b] -= 1
                if counts[b] == 1:
                    repeat_accounts -= 1
                    repeat_orders -= 2
                elif counts[b] > 1:
                    repeat_orders -= 1
                left += 1
            if counts[buyer_id] >= 2:
                answer[order_id] = (repeat_orders, repeat_accounts)
    return answer


# -- storing verdicts ----------------------------------------------------------------------------
def risk_state_for(verdict: Verdict, status: str) -> str:
    """Flagged only while a merchant can still act on the order; otherwise out of the queue."""
    if verdict.flagged and status in ACTIONABLE_STATUSES:
        return Order.RiskState.FLAGGED
    return Order.RiskState.ALLOWED


def allow_verdict(policy: RiskPolicy, status: str) -> tuple:
    """The stored values (``VERDICT_FIELDS``) of an order screened with nothing found."""
    verdict = Verdict(Order.Decision.ALLOW, 0, [], policy.version)
    return (0, str(verdict.decision), [], policy.version, str(risk_state_for(verdict, status)))


def screen_orders(
    *, shop_id: int, order_ids: list[int], policy: RiskPolicy | None = None, blacklist_hint: Iterable[str] = ()
) -> dict[int, Verdict]:
    """Screen these orders with the shop's current policy and store each verdict on its order.

    Orders a person already took up keep their state and verdict. Only orders whose verdict
    changed are written, with one UPDATE per distinct verdict (a batch has few: most orders
    share "allow, 0, no reasons"). Blacklist hits are counted on the entries. Returns the
    verdict of every order screened. ``blacklist_hint``: see ``_load_one``.
    """
    policy = policy or policy_current(shop_id=shop_id)
    data = load_screening_data(shop_id=shop_id, order_ids=order_ids, policies=[policy], blacklist_hint=blacklist_hint)
    contexts = build_contexts(data, policy)
    verdicts: dict[int, Verdict] = {}
    groups: dict[tuple, list[int]] = defaultdict(list)
    hits: dict[int, list[tuple[int, bool]]] = defaultdict(list)
    alert_events: list[ScreeningEvent] = []
    for row in data.targets:
        # Stored reasons are in the shop's language whoever (or whichever request) screened.
        with translation.override(settings.LANGUAGE_CODE):
            verdict = screen_order(contexts[row["id"]], policy)
        verdicts[row["id"]] = verdict
        if row["risk_state"] in DECIDED_STATES:
            continue
        for match in contexts[row["id"]].blacklist:
            hits[match.entry_id].append((row["id"], match.linked))
        if row["status"] in ACTIONABLE_STATUSES:
            # Alert on what this screening newly found on an order a merchant can still act on.
            before = {r.get("code") for r in row["risk_reasons"] or ()}
            alert_events += [
                ScreeningEvent(r.code, row["id"], row["buyer_id"], row["sku_id"], r.message)
                for r in verdict.reasons
                if r.code in ALERT_CODES and r.code not in before
            ]
        new = (
            verdict.score,
            verdict.decision,
            [r.as_dict() for r in verdict.reasons],
            verdict.policy_version,
            risk_state_for(verdict, row["status"]),
        )
        if tuple(row[name] for name in VERDICT_FIELDS) != new:
            groups[json.dumps(new, ensure_ascii=False, sort_keys=True)].append(row["id"])
    # Joins the caller's transaction when there is one (no savepoint: nothing here is retried alone).
    with transaction.atomic(savepoint=False):
        for key, ids in groups.items():
            values = dict(zip(VERDICT_FIELDS, json.loads(key), strict=True))
            for chunk in _chunks(ids):
                _store_verdicts(chunk, values)
        if hits:
            record_hits(hits)
    if alert_events:
        _raise_alerts(shop_id, alert_events)
    return verdicts


OPEN_STATES = (Order.RiskState.NEW, Order.RiskState.ALLOWED, Order.RiskState.FLAGGED)


def hindsight_targets(
    *, shop_id: int, order_ids: list[int], buyer_ids: Iterable[int] | None = None, sku_neighbours: bool = True
) -> list[int]:
    """These orders, plus every still-actionable order whose verdict they may change, in time order:
    the open orders of the same buyers and of their rings (a ring links up, refunds pile up), and
    (``sku_neighbours``: for new orders) those of the same SKUs within the SKU window around them
    (a burst grows). Orders a person took up, and shipped or completed ones, are not re-screened:
    they count in the history only."""
    ids = set(order_ids)
    if not ids:
        return []
    window = timedelta(minutes=max(policy_current(shop_id=shop_id).sku_burst_minutes, 1))
    buyers = set(buyer_ids or ())
    spans: dict[str, list] = {}
    for chunk in _chunks(sorted(ids)):
        rows = Order.objects.filter(shop_id=shop_id, pk__in=chunk).values_list("buyer_id", "sku_id", "ordered_at")
        for buyer_id, sku_id, at in rows:
            if buyer_id is not None and buyer_ids is None:
                buyers.add(buyer_id)
            if sku_id and at is not None:
                span = spans.setdefault(sku_id, [at, at])
                span[0], span[1] = min(span[0], at), max(span[1], at)
    buyers |= {other for group in linked_groups(shop_id=shop_id, buyer_ids=buyers).values() for other in group}
    open_orders = Order.objects.filter(shop_id=shop_id, status__in=ACTIONABLE_STATUSES, risk_state__in=OPEN_STATES)
    for chunk in _chunks(sorted(buyers)):
        ids.update(open_orders.filter(buyer_id__in=chunk).values_list("pk", flat=True))
    skus = sorted(spans) if sku_neighbours else []
    for chunk in _chunks(skus, 200):
        near = Q()
        for sku in chunk:
            first, last = spans[sku]
            near |= Q(sku_id=sku, ordered_at__gte=first - window, ordered_at__lte=last + window)
        ids.update(open_orders.filter(near).values_list("pk", flat=True))
    timed = []
    for chunk in _chunks(sorted(ids)):
        timed += Order.objects.filter(pk__in=chunk).values_list("ordered_at", "pk")
    timed.sort(key=lambda pair: (pair[0] is None, pair[0] or 0, pair[1]))
    return [pk for _at, pk in timed]


def screen_in_hindsight(
    *, shop_id: int, order_ids: list[int], buyer_ids: Iterable[int] | None = None, sku_neighbours: bool = True,
    progress: Callable[[int, int], None] | None = None,
) -> int:  # fmt: skip
    """Screen these orders and the open orders they shed light on (``hindsight_targets``), in
    batches in time order; returns how many were screened."""
    ids = hindsight_targets(shop_id=shop_id, order_ids=order_ids, buyer_ids=buyer_ids, sku_neighbours=sku_neighbours)
    for start in range(0, len(ids), ID_BATCH):
        screen_orders(shop_id=shop_id, order_ids=ids[start : start + ID_BATCH])
        if progress:
            progress(min(start + ID_BATCH, len(ids)), len(ids))
    return len(ids)


_UPDATE_VERDICT = f"UPDATE {Order._meta.db_table} SET " + ", ".join(
    f"{Order._meta.get_field(name).column} = %s" for name in [*VERDICT_FIELDS, "updated_at"]
)
# One order (the check API) by ``id = %s``: with ``id = ANY(array)`` PostgreSQL plans it anew each time.
_VERDICT_OF_ONE_SQL = _UPDATE_VERDICT + " WHERE id = %s AND risk_state <> ALL(%s)"
_VERDICT_OF_MANY_SQL = _UPDATE_VERDICT + " WHERE id = ANY(%s) AND risk_state <> ALL(%s)"


def _store_verdicts(ids: list[int], values: dict) -> None:
    """One verdict on these orders, except those a person took up meanwhile (kept exactly as they saw them)."""
    params = [Order._meta.get_field(name).get_db_prep_save(values[name], connection) for name in VERDICT_FIELDS]
    sql, which = (_VERDICT_OF_ONE_SQL, ids[0]) if len(ids) == 1 else (_VERDICT_OF_MANY_SQL, ids)
    with prepared_cursor() as cursor:
        cursor.execute(sql, [*params, timezone.now(), which, [str(state) for state in DECIDED_STATES]])


def _raise_alerts(shop_id: int, events: list[ScreeningEvent]) -> None:
    """Alerts never break screening: a failure is logged and the verdicts stay stored."""
    try:
        with transaction.atomic():
            alerts_for_screening(shop_id=shop_id, events=events)
    except Exception:
        logger.exception("alerts for shop %s failed", shop_id)
