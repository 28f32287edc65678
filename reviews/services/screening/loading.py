"""What screening a batch of orders needs, fetched once with a few set-based queries: the
targets, their buyers' records and rings, the orders near them (the buyers' own and their SKUs'),
blacklist hits and tags; contexts for any policy are then built from it in memory (``features``).
A single order (the check API) takes one prepared query that fetches the same rows."""

from __future__ import annotations

import functools
import json
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime

from django.core.cache import cache
from django.db.models import Count, DateField, Min, Q
from django.db.models.functions import Cast, Coalesce
from django.utils import timezone

from blacklist.matching import (
    ENTRY_COLUMNS,
    Match,
    entries_for,
    entries_sql,
    keys_for,
    match_entries,
    matches_for,
)
from blacklist.normalize import is_masked, normalize_name, normalize_phone
from reviews.models import Buyer, Order, RiskPolicy, Shop
from reviews.models.orders import BAD_STATUSES, REFUND_STATUSES, UNSETTLED_STATUSES, one_line_address
from reviews.regions import region_of
from reviews.services.batching import ID_BATCH, chunks
from reviews.services.order_context import (
    DAY,
    BuyerRecord,
    OrderContext,
    ShopRates,
    SkuBaseline,
    left_unsettled,
    phone_of_identity,
)
from reviews.services.places import Places, place_cells
from reviews.services.rules import GIBBERISH
from reviews.services.screening.baselines import (
    place_cells_recent,
    shop_rates,
    shop_rates_recent,
    sku_baseline_recent,
    sku_baselines,
)
from reviews.services.screening.records import (
    LINK_HOPS,
    EpochSeconds,
    ShopRecords,
    _rows,
    linked_groups,
    load_shop_records,
)
from reviews.services.tagging import live_tags, live_tags_sql, tag_names
from shieldsite.db import prepared_cursor

LOCK_WINDOW = DAY

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


@dataclass
class ScreeningData:
    """Rows fetched once for a batch; contexts for any policy are built from them in memory."""

    shop_id: int
    targets: list[dict]
    buyers: dict[int, BuyerRecord]
    neighbours: dict[int, set[int]]
    # buyer_id -> sorted [(ts, sku_id, quantity, shipped_ts, unpaid or cancelled)] of its orders near
    # the targets (links included)
    buyer_orders: dict[int, list[tuple[float, str, int, float | None, bool]]]
    # sku_id -> sorted [(ts, buyer_id, left unpaid or cancelled)] of every order of the SKU around the targets
    sku_orders: dict[str, list[tuple[float, int, bool]]]
    sku_normal: dict[str, SkuBaseline]
    blacklist: dict[int, list[Match]]
    # buyer_id -> names of its current tags
    buyer_tags: dict[int, list[str]] = field(default_factory=dict)
    shop_rates: ShopRates = ShopRates()
    # Farmed (SKU, place) cells and refund rings' places (``places.place_cells``)
    places: Places = Places({}, {})
    # Filled once by ``features._fixed_features``.
    times_of: dict[int, list[float]] | None = None
    unsettled_times_of: dict[int, list[float]] | None = None
    group_times: dict[int, list[float]] | None = None
    group_unsettled_times: dict[int, list[float]] | None = None
    # Contexts built so far, by the only policy values they depend on (the two windows): a
    # backtest's candidate usually changes thresholds only and shares the current policy's.
    contexts: dict[tuple[int, int], dict[int, OrderContext]] = field(default_factory=dict)
    # A whole range's nearby orders (``NEAR_FIELDS``, the look-back and the range itself): a caller
    # walking on keeps the tail as the next range's ``earlier``.
    near: list[tuple] = field(default_factory=list)


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
            one_line_address(row["province"], row["city"], row["district"], row["street"], row["address"]),
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
    now_ts = timezone.now().timestamp()
    if whole_range:
        window = base.filter(ordered_at__gte=since)
        if until is not None:
            window = window.filter(ordered_at__lt=until)
        # Unordered (the model's newest-first ordering would sort every step's rows for nothing).
        rows = _rows(window.order_by().values_list(*RANGE_FIELDS), RANGE_FIELDS)
        targets = [dict(zip(RANGE_FIELDS, row, strict=True)) for row in rows]
    else:
        targets = [r for ids in chunks(sorted(set(order_ids))) for r in base.filter(pk__in=ids).values(*ORDER_FIELDS)]
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
                names=Count("orders__receiver", distinct=True),
                days=Count(Cast("orders__ordered_at", DateField()), distinct=True),
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
                "names",
                "days",
            )
        )
        everyone = buyer_ids | {n for b in buyer_ids for n in neighbours.get(b, ())}
        for ids in chunks(sorted(everyone)):
            for pk, score, restricted, kind, key, *counts in rows.filter(pk__in=ids):
                buyers[pk] = BuyerRecord(pk, score, restricted, *counts, phone=phone_of_identity(kind, key))
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
                    for ids in chunks(everyone)
                    for r in near_buyers.filter(ordered_at__lte=end, buyer_id__in=ids).values_list(*fields)
                ]
                by_sku = [
                    r
                    for chunk in chunks(skus)
                    for r in near_skus.filter(ordered_at__lte=sku_stop, sku_id__in=chunk).values_list(
                        "ts", "sku_id", "buyer_id", "status"
                    )
                ]
        for buyer_id, ts, sku, quantity, shipped, status in own:
            if buyer_id is not None:
                buyer_orders[buyer_id].append((ts, sku, quantity, shipped, status in UNSETTLED_STATUSES))
            if whole_range:
                sku_orders[sku].append((ts, buyer_id, left_unsettled(status, ts, now_ts)))
        for ts, sku, buyer_id, status in by_sku:
            sku_orders[sku].append((ts, buyer_id, left_unsettled(status, ts, now_ts)))
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
# The ring is walked through each side's own index (a join on "a = r.id OR b = r.id" reads every
# link of the shop at each step: half of a check's database time at 1,500 links). A link joins
# two buyers of one shop, so the walk stays in the target's shop; ``bs`` keeps to it anyway.
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
    SELECT to_timestamp(ts - %(buyer_back)s) b0, to_timestamp(ts - %(sku_back)s) s0,
           to_timestamp(ts + 1) b1, to_timestamp(ts + %(sku_ahead)s) s1, sku_id
    FROM t
),
reach (id, hops) AS (
    SELECT buyer_id, 0 FROM t WHERE buyer_id IS NOT NULL
    UNION
    SELECT x.id, r.hops + 1 FROM reach r, LATERAL (
        SELECT buyer_b_id FROM reviews_buyerlink WHERE buyer_a_id = r.id
        UNION ALL SELECT buyer_a_id FROM reviews_buyerlink WHERE buyer_b_id = r.id
    ) x (id)
    WHERE r.hops < %(hops)s
),
ring AS (SELECT DISTINCT id FROM reach),
bs AS (
    SELECT b.id, b.credit_score, b.restricted, b.key_kind, b.key, b.confidence, s.*
    FROM reviews_buyer b
    CROSS JOIN LATERAL (
        SELECT count(*) n, count(*) FILTER (WHERE o.status = ANY(%(bad)s)) bad,
               (date_part('epoch', min(o.ordered_at)) * 1000000)::bigint first_us, count(o.shipped_at) sh,
               count(o.shipped_at) FILTER (WHERE o.status = ANY(%(rf)s)) rf,
               count(DISTINCT o.receiver) nm, count(DISTINCT o.ordered_at::date) dy
        FROM reviews_order o WHERE o.buyer_id = b.id
    ) s
    WHERE b.shop_id = %(shop)s AND b.id IN (SELECT id FROM ring)
),
near AS (
    SELECT o.id, o.ordered_at, o.shipped_at, o.buyer_id, o.sku_id, o.quantity, o.status
    FROM reviews_order o, bounds w
    WHERE o.buyer_id IN (SELECT id FROM bs) AND o.shop_id = %(shop)s
      AND o.ordered_at BETWEEN w.b0 AND w.b1
    UNION
    SELECT o.id, o.ordered_at, o.shipped_at, o.buyer_id, o.sku_id, o.quantity, o.status
    FROM reviews_order o, bounds w
    WHERE w.sku_id <> '' AND o.shop_id = %(shop)s AND o.sku_id = w.sku_id
      AND o.ordered_at BETWEEN w.s0 AND w.s1
)
SELECT json_build_object(
    'org', (SELECT id FROM org),
    'target', (SELECT row_to_json(t) FROM t),
    'ring', (SELECT json_agg(id) FROM ring),
    'buyers', (SELECT json_agg(json_build_array(id, credit_score, restricted, key_kind, key, n, bad, first_us,
                                                confidence, sh, rf, nm, dy)) FROM bs),
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
    for pk, score, restricted, kind, key, n, bad, first_us, *rest in found["buyers"] or ():
        first, phone = _seconds(first_us), phone_of_identity(kind, key)
        buyers[pk] = BuyerRecord(pk, score, restricted, n, bad, first, *rest, phone=phone)
        identity[pk] = (kind, key)
    # Split as the batch path splits its one query: the buyers' own orders, and the SKU's in its window.
    buyer_orders: dict[int, list] = defaultdict(list)
    sku_orders: dict[str, list] = defaultdict(list)
    sku, sku_start = target["sku_id"], target["ts"] - sku_look_back
    sku_end, buyer_end = target["ts"] + params["sku_ahead"], target["ts"] + 1
    now_ts = params["at"].timestamp()
    for buyer_id, ts_us, order_sku, quantity, shipped_us, status in found["orders"] or ():
        ts = ts_us / 1e6
        if buyer_id in buyers and ts <= buyer_end:
            buyer_orders[buyer_id].append((ts, order_sku, quantity, _seconds(shipped_us), status in UNSETTLED_STATUSES))
        if sku and order_sku == sku and sku_start <= ts <= sku_end:
            sku_orders[order_sku].append((ts, buyer_id, left_unsettled(status, ts, now_ts)))
    for values in buyer_orders.values():
        values.sort()
    for values in sku_orders.values():
        values.sort(key=lambda pair: pair[0])
    sku_normal = {sku: sku_baseline_recent(shop_id, sku)} if sku else {}
    usual_rates = shop_rates_recent(shop_id)
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
    places = place_cells_recent(shop_id)
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
