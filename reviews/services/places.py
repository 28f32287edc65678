"""Places where attacks gather, found shop-wide: a cell — (SKU, place) or a place — holding far
more of an attack's orders than the place's share of the shop's orders explains.

Farms (羊毛党): a SKU sold cheaply to far more throwaway accounts in one place than that place's
share of the shop's other orders explains.

A coupon or trial farm opens fresh accounts by the dozen, takes the shop's cheapest or
subsidised item once per account and has it sent to a few parcel stations (驿站, 快递柜) or one
small town. Each order on its own looks like a new customer's; together they are a cell —
(SKU, place) — that chance cannot fill: a street that buys 0.1% of the shop's other goods does
not send it 30 new accounts for its 9.90 trial pack. A place is the order's normalized address
where the export has one, and its city + district + street (what a privacy export keeps)
either way, so the signal survives masking.

Honest look-alikes stay out by construction: a flash sale's buyers come from everywhere (each
place's share of them is its usual share); an office or a dorm that buys together also buys
the shop's other goods (its share is high), and a family is two or three accounts, not five.

Refund rings: one person behind several accounts in relatives' names, each with its own phone,
each ordering a little and refunding after receipt. No account's own record says much, and a
privacy export shows no address to link them by; their place does: far more refunds after
delivery than its shipped orders and the shop's refund share give, from several accounts.

Refund waves: accounts that each buy one dear item, use it and send it back (穿后退货 before a
race or a holiday, 调包退货 returning an old one) are one-off refunders, each unremarkable. Their
SKU is not: its refunds after delivery pile up in one city, or among the orders of one week,
far beyond that SKU's refund share elsewhere. A flash sale refunds at its SKU's usual share,
and a SKU that is often returned (sizes) is judged against its own share.

The cells are worked out for the whole shop in two queries and cached (``place_cells``),
refreshed after each import and each night; screening only looks orders up in them.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from functools import lru_cache
from typing import NamedTuple

from django.core.cache import cache
from django.db.models import Count, Max, Min
from django.utils import timezone

from reviews.models import Order
from reviews.models.orders import REFUND_STATUSES
from reviews.services.identity import leading_street, masked_region_key, street_is_detail
from reviews.services.order_context import FarmCell, RefundPlace, RefundWave

FARM_DAYS = 90
# At least this many throwaway accounts in one cell ...
FARM_MIN_ACCOUNTS = 5
# ... far more than the place's share gives: the Poisson tail must be below this.
FARM_ALPHA = 1e-6
# An order "cheap" to a farm costs at most this share of the shop's median order.
FARM_CHEAP_SHARE = Decimal("0.5")
# A throwaway account: at most this many orders in the shop, all within one day.
THROWAWAY_ORDERS = 4
THROWAWAY_SPAN = timedelta(days=1)
FARM_CACHE_SECONDS = 26 * 3600
# A refund place: at least this many refunds after shipping, from at least this many accounts,
# at least this many times what the shop's refund share gives, and a Poisson tail below this
# (a ring spreads over a few homes and stations, a dozen refunds each).
REFUND_PLACE_ALPHA = 1e-4
REFUND_PLACE_MIN = 5
REFUND_PLACE_ACCOUNTS = 3
REFUND_PLACE_FACTOR = 3


# A refund wave: at least this many refunds after delivery of one SKU in one cell, from at least
# this many accounts, this many times what the SKU's refund share elsewhere gives, Poisson tail
# below this. The SKU's share is shrunk toward the shop's with this many orders' weight.
REFUND_WAVE_MIN = 5
REFUND_WAVE_ACCOUNTS = 4
REFUND_WAVE_FACTOR = 3
REFUND_WAVE_ALPHA = 1e-5
REFUND_WAVE_PRIOR = 20
WEEK = timedelta(days=7)


class Places(NamedTuple):
    farms: dict[tuple[str, str], FarmCell]  # (SKU, place) -> farmed cell
    refunds: dict[str, RefundPlace]  # place -> refund ring's place
    waves: dict[tuple[str, str], RefundWave] = {}  # (SKU, "c:city" or "w:week") -> refund wave


@lru_cache(maxsize=16384)
def _region(city: str, district: str, street: str) -> str:
    if street_is_detail(street):  # an older export's 街道 column holds the whole detailed address
        street = leading_street(street)
    return masked_region_key({"city": city, "district": district, "street": street})


def places_of(row: dict) -> tuple[str, ...]:
    """The places an order counts in: its normalized address (when the export has one) and its
    region (city + district, and the street unless that column holds the house number)."""
    region = _region(row.get("city") or "", row.get("district") or "", row.get("street") or "")
    address = row.get("address_key") or ""
    return tuple(f"{kind}:{key}" for kind, key in (("a", address), ("r", region)) if key)


def _places_once(row: dict) -> tuple[str, ...]:
    """``places_of`` the row, worked out once for both kinds of cell."""
    found = row.get("places")
    if found is None:
        found = row["places"] = places_of(row)
    return found


def _label(row: dict) -> str:
    """The place as this order writes it (市区街道), for the reason a reviewer reads."""
    return "".join(row.get(part) or "" for part in ("city", "district", "street"))


def poisson_tail(expected: float, n: int) -> float:
    """P(X ≥ n) for X ~ Poisson(expected)."""
    if n <= 0:
        return 1.0
    term = total = math.exp(-expected)
    for i in range(1, n):
        term *= expected / i
        total += term
    return max(0.0, 1.0 - total)


def find_farm_cells(rows, throwaway: set[int]) -> dict[tuple[str, str], FarmCell]:
    """The (SKU, place) cells a farm filled, from the shop's recent orders as dicts with
    ``sku_id``, ``buyer_id``, ``amount_paid`` and the place fields (``places_of``)."""
    rows = [r for r in rows if r["sku_id"]]
    if not rows:
        return {}
    amounts = sorted(r["amount_paid"] or 0 for r in rows)
    cheap_line = Decimal(amounts[len(amounts) // 2]) * FARM_CHEAP_SHARE
    total = len(rows)
    per_sku: Counter = Counter()
    per_place: Counter = Counter()
    per_cell: Counter = Counter()
    cell_accounts: dict[tuple[str, str], set[int]] = defaultdict(set)
    labels: dict[str, str] = {}
    sku_accounts: dict[str, set[int]] = defaultdict(set)
    for r in rows:
        sku, farmed = r["sku_id"], r["buyer_id"] in throwaway and (r["amount_paid"] or 0) <= cheap_line
        per_sku[sku] += 1
        if farmed:
            sku_accounts[sku].add(r["buyer_id"])
        for place in _places_once(r):
            if place not in labels:
                labels[place] = _label(r)
            per_place[place] += 1
            per_cell[sku, place] += 1
            if farmed:
                cell_accounts[sku, place].add(r["buyer_id"])
    cells = {}
    for (sku, place), accounts in cell_accounts.items():
        n = len(accounts)
        if n < FARM_MIN_ACCOUNTS:
            continue
        # The place's share of the shop's orders of its other SKUs (a farm's own orders would
        # make its place look busy), with one order's worth of prior for places seen once.
        share = (per_place[place] - per_cell[sku, place] + 1) / (total - per_sku[sku] + 1)
        expected = len(sku_accounts[sku]) * share
        if poisson_tail(expected, n) < FARM_ALPHA:
            cells[sku, place] = FarmCell(n, round(expected, 2), place, labels[place])
    return cells


class _RefundCounts(NamedTuple):
    shipped: Counter  # cell -> orders shipped
    refunds: Counter  # cell -> of those, refunded after delivery
    refunders: dict  # cell -> the accounts that refunded there
    first_refund: dict  # cell -> its first refunded order (what the reason names the place by)
    total_shipped: int  # over the orders counted
    total_refunds: int


def _count_refunds(rows, cells_of) -> _RefundCounts:
    """Shipped orders and refunds after delivery per cell, for both kinds of refund cell: each
    shipped order counts in the cells ``cells_of(row)`` gives (None leaves it out altogether)."""
    shipped: Counter = Counter()
    refunds: Counter = Counter()
    refunders: dict = defaultdict(set)
    first_refund: dict = {}
    total_shipped = total_refunds = 0
    for r in rows:
        if r["shipped_at"] is None or (cells := cells_of(r)) is None:
            continue
        refunded = r["status"] in REFUND_STATUSES
        total_shipped += 1
        total_refunds += refunded
        for cell in cells:
            shipped[cell] += 1
            if refunded:
                refunds[cell] += 1
                refunders[cell].add(r["buyer_id"])
                first_refund.setdefault(cell, r)
    return _RefundCounts(shipped, refunds, refunders, first_refund, total_shipped, total_refunds)


def find_refund_places(rows) -> dict[str, RefundPlace]:
    """The places where refunds after delivery pile up beyond the shop's refund share, from
    several accounts, from the shop's recent orders as dicts with ``buyer_id``, ``status``,
    ``shipped_at`` and the place fields."""
    counts = _count_refunds(rows, _places_once)
    if not counts.total_shipped:
        return {}
    share = (counts.total_refunds + 1) / (counts.total_shipped + 1)
    found = {}
    for place, n in counts.refunds.items():
        expected = counts.shipped[place] * share
        accounts = len(counts.refunders[place])
        if (
            n >= REFUND_PLACE_MIN
            and accounts >= REFUND_PLACE_ACCOUNTS
            and n >= REFUND_PLACE_FACTOR * expected
            and poisson_tail(expected, n) < REFUND_PLACE_ALPHA
        ):
            found[place] = RefundPlace(n, accounts, round(expected, 2), place, _label(counts.first_refund[place]))
    return found


def wave_cells_of(row: dict) -> tuple[str, ...]:
    """The refund-wave cells an order counts in, besides its SKU: its city, and the two weeks
    (one starting on Mondays, one on Thursdays: a wave across a weekend falls whole into one)
    its order time falls in."""
    cells = [f"c:{row['city']}"] if row.get("city") else []
    at = row.get("ordered_at")
    if at is None and row.get("ts") is not None:  # a screening target carries its time as epoch seconds
        at = datetime.fromtimestamp(row["ts"], tz=UTC)
    if at is not None:
        day = timezone.localtime(at).date()
        for start_weekday in (0, 3):
            first = day - timedelta(days=(day.weekday() - start_weekday) % 7)
            cells.append(f"w:{first.isoformat()}")
    return tuple(cells)


def _wave_label(cell: str) -> str:
    kind, _sep, key = cell.partition(":")
    if kind == "c":
        return key
    first = date.fromisoformat(key)
    return f"{first:%m-%d}–{first + WEEK - timedelta(days=1):%m-%d}"


def _sku_cells(row: dict) -> tuple[tuple[str, str], ...] | None:
    """The SKU's own cell (all its orders) and its wave cells; None for an order without a SKU."""
    sku = row["sku_id"]
    return ((sku, ""), *((sku, cell) for cell in wave_cells_of(row))) if sku else None


def find_refund_waves(rows) -> dict[tuple[str, str], RefundWave]:
    """The (SKU, city) and (SKU, week) cells where the SKU's refunds after delivery pile up far
    beyond its refund share in the rest of the shop's orders, from the shop's recent orders as
    dicts with ``sku_id``, ``buyer_id``, ``status``, ``shipped_at``, ``city`` and ``ordered_at``."""
    counts = _count_refunds(rows, _sku_cells)
    if not counts.total_shipped:
        return {}
    shop_share = counts.total_refunds / counts.total_shipped
    shipped, refunds = counts.shipped, counts.refunds
    found = {}
    for (sku, cell), accounts in counts.refunders.items():
        n = refunds[sku, cell]
        if not cell or n < REFUND_WAVE_MIN or len(accounts) < REFUND_WAVE_ACCOUNTS:
            continue  # ("" is the SKU's own cell, the baseline)
        # The SKU's refund share outside this cell, shrunk toward the shop's.
        elsewhere = (refunds[sku, ""] - n + REFUND_WAVE_PRIOR * shop_share) / (
            shipped[sku, ""] - shipped[sku, cell] + REFUND_WAVE_PRIOR
        )
        expected = shipped[sku, cell] * elsewhere
        if n >= REFUND_WAVE_FACTOR * expected and poisson_tail(expected, n) < REFUND_WAVE_ALPHA:
            found[sku, cell] = RefundWave(n, len(accounts), round(expected, 2), cell, _wave_label(cell))
    return found


def _cache_key(shop_id: int) -> str:
    return f"places2:{shop_id}"


def place_cells_cached(shop_id: int) -> Places | None:
    """The shop's cells as last worked out, or None when the cache has none."""
    return cache.get(_cache_key(shop_id))


def place_cells(shop_id: int, *, fresh: bool = False) -> Places:
    """The shop's farmed cells and refund places over the last ``FARM_DAYS`` days, cached
    (worked out again before each import's and each night's screening)."""
    key = _cache_key(shop_id)
    found = None if fresh else cache.get(key)
    if found is None:
        found = _work_out(shop_id)
        cache.set(key, found, FARM_CACHE_SECONDS)
    return found


def _work_out(shop_id: int) -> Places:
    orders = Order.objects.filter(shop_id=shop_id, buyer_id__isnull=False).order_by()
    throwaway = {
        buyer_id
        for buyer_id, n, first, last in orders.values_list("buyer_id")
        .annotate(n=Count("pk"), first=Min("ordered_at"), last=Max("ordered_at"))
        .filter(n__lte=THROWAWAY_ORDERS)
        if first is not None and last - first <= THROWAWAY_SPAN
    }
    since = timezone.now() - timedelta(days=FARM_DAYS)
    fields = ("sku_id", "buyer_id", "amount_paid", "status", "shipped_at", "city", "district", "street", "address_key",
              "ordered_at")  # fmt: skip
    rows = list(orders.filter(ordered_at__gte=since).values(*fields).iterator(chunk_size=10_000))
    return Places(find_farm_cells(rows, throwaway), find_refund_places(rows), find_refund_waves(rows))
