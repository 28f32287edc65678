"""Each target order's ``OrderContext``, worked out in memory from the rows ``loading``
fetched: windows by binary search over sorted times, the SKU's concentration by a sliding window.
What depends on no threshold is worked out once per batch, the rest once per pair of windows."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import Counter, defaultdict
from operator import itemgetter

from django.utils import timezone

from reviews.models import RiskPolicy
from reviews.services.order_context import DAY, OrderContext
from reviews.services.places import places_of, wave_cells_of
from reviews.services.rules import RING_NAMES
from reviews.services.screening.loading import LOCK_WINDOW, ScreeningData


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
    data.group_times, data.group_unsettled_times = {}, {}
    for row in data.targets:
        buyer_id, ts, sku_id = row["buyer_id"], row["ts"], row["sku_id"]
        row["linked"] = row["group_orders"] = row["group_bad"] = row["group_unshipped"] = row["day_units"] = 0
        row["ring"] = (0, 0, 0, 0.0, 0)
        if buyer_id is None:
            continue
        group = data.neighbours.get(buyer_id)
        own = data.buyers.get(buyer_id)
        # Ring figures matter only where ring_names could fire: a group, or one account with many names.
        records = (
            [data.buyers[b] for b in (buyer_id, *group) if b in data.buyers]
            if group
            else [own]
            if own is not None and own.names >= RING_NAMES
            else []
        )
        if records:
            names_by_phone = Counter()
            for m in records:
                if m.phone:
                    names_by_phone[m.phone] += m.names
            firsts = [m.first_order_ts for m in records if m.first_order_ts is not None]
            spread = (max(firsts) - min(firsts)) / DAY if firsts else 0.0
            row["ring"] = (
                sum(m.names for m in records),
                len(names_by_phone),
                max(m.days for m in records),
                spread,
                max(names_by_phone.values(), default=0),
            )
        if group:
            members = (buyer_id, *group)
            if buyer_id not in data.group_times:
                data.group_times[buyer_id] = sorted(t for b in members for t in data.times_of.get(b, ()))
                data.group_unsettled_times[buyer_id] = sorted(
                    t for b in members for t in data.unsettled_times_of.get(b, ())
                )
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
            ring_names=row["ring"][0],
            ring_phones=row["ring"][1],
            ring_days=row["ring"][2],
            ring_spread_days=row["ring"][3],
            ring_names_on_one_phone=row["ring"][4],
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
        farms, refunds, waves = data.places
        if farms or refunds:
            places = places_of(row)
            ctx.farm_cell = next((c for place in places if (c := farms.get((row["sku_id"], place)))), None)
            ctx.refund_place = next((c for place in places if (c := refunds.get(place))), None)
        if waves and row["sku_id"]:
            ctx.refund_wave = next((c for cell in wave_cells_of(row) if (c := waves.get((row["sku_id"], cell)))), None)
        if buyer_id is not None:
            ctx.buyer_window = _count_between(times_of.get(buyer_id, ()), ts - burst, ts)
            ctx.buyer_window_unsettled = _count_between(data.unsettled_times_of.get(buyer_id, ()), ts - burst, ts)
            if row["linked"]:
                ctx.group_window = _count_between(group_times[buyer_id], ts - burst, ts)
                ctx.group_window_unsettled = _count_between(data.group_unsettled_times[buyer_id], ts - burst, ts)
        contexts[row["id"]] = ctx
    data.contexts[windows] = contexts
    return contexts


def _sku_around(data: ScreeningData, policy: RiskPolicy) -> dict[int, tuple[int, int]]:
    """For each target: (orders, unpaid or cancelled orders) of its SKU within the SKU window
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
