"""Each SKU's usual figures (quantity median and 95th percentile, usual share of cancelled
orders) and the shop's usual shares, over the last 90 days, kept in the cache so that screening —
above all the check API — does not work them out again on every order."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from datetime import timedelta

from django.core.cache import cache
from django.db.models import Count, Q
from django.db.models.functions import TruncDate
from django.utils import timezone

from reviews.models import Order
from reviews.models.orders import BAD_STATUSES, GOOD_STATUSES, REFUND_STATUSES
from reviews.services.order_context import CANCELLED, ShopRates, SkuBaseline
from reviews.services.places import Places, place_cells, place_cells_cached
from shieldsite.memo import RecentMemo
from shieldsite.queues import enqueue

SKU_NORMAL_DAYS = 90
SKU_NORMAL_CACHE_SECONDS = 3600
# Kept by ``sku_normals_warm`` until the next nightly run has surely refreshed them.
SKU_NORMAL_WARM_SECONDS = 26 * 3600
MIN_SKU_SAMPLE = 20

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


def shop_rates_recent(shop_id: int) -> ShopRates:
    """``shop_rates``, remembered in this process for ``RECENT_NORMAL_SECONDS`` (single-order screening)."""
    return _recent_normals.get_or_set((shop_id, ""), lambda: shop_rates(shop_id), seconds=RECENT_NORMAL_SECONDS)


def place_cells_recent(shop_id: int) -> Places:
    """The cached ``places.place_cells``, remembered in this process for ``RECENT_NORMAL_SECONDS``
    (single-order screening); ``place_cells_warm`` forgets them when it works the shop's cells
    out again. A check never works them out itself (seconds for a big shop): on a cold cache it
    screens without them and a job works them out."""

    def cached_or_warm() -> Places:
        found = place_cells_cached(shop_id)
        if found is None:
            enqueue("scoring", "reviews.jobs.places_warm", shop_id)
            return Places({}, {})
        return found

    return _recent_normals.get_or_set((shop_id, "places"), cached_or_warm, seconds=RECENT_NORMAL_SECONDS)


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


def place_cells_warm(shop_id: int) -> Places:
    """Work out the shop's farmed cells and refund places again (a pass over its last 90 days of
    orders, seconds for a million) and forget this process's copy. Run before a whole file or
    the shop's open orders are screened: after each import and by the nightly screening job,
    not inside the rescore, which only needs the credit figures."""
    found = place_cells(shop_id, fresh=True)
    _recent_normals.pop((shop_id, "places"))
    return found


def sku_normals_warm(shop_id: int) -> int:
    """Work out and cache the baseline of every SKU the shop sold in the last 90 days, in two
    queries, so that screening — above all a check API request — finds them cached instead of
    querying SKU by SKU; and the shop's usual share of cancelled and refunded orders. Run after
    each import and by the nightly rescore; returns the SKUs cached."""
    quantities, days = _baseline_rows(shop_id)
    shop_rates(shop_id, fresh=True)
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
