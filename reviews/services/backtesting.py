"""Backtest: how many recent orders and buyers a candidate policy would flag, before anyone saves it.

It runs the very screening code that flags orders (``build_contexts`` + ``screen_order``)
over the last days of the shop's orders, once with the current policy and once with the
candidate, without writing a verdict. Blacklist hits do not depend on thresholds, so they
are taken from each order's last screening instead of matching every order again.

The period is walked ``STEP_DAYS`` at a time, each step's orders handed to the next as its
look-back (every order is read once); a big shop's days are split over forked helpers, one per
CPU, whose tallies add up to the same figures.
"""

import multiprocessing
import os
import signal
import time
from collections import Counter
from concurrent.futures import FIRST_EXCEPTION, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.db import connection, connections, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from blacklist.matching import Match
from blacklist.models import ListType
from reviews.models import Backtest, Order, RiskPolicy, Shop
from reviews.models.orders import BAD_STATUSES
from reviews.services.policy import policy_current, policy_with_values
from reviews.services.rules import screen_order
from reviews.services.screening.features import build_contexts
from reviews.services.screening.loading import load_screening_data, look_backs
from reviews.services.screening.records import ShopRecords, load_shop_records
from shieldsite.collector import collector_paused

BLACKLIST_CODES = {"blacklist": (ListType.BLOCK, False), "blacklist_linked": (ListType.BLOCK, True),
                   "allowlisted": (ListType.ALLOW, False)}  # fmt: skip
# A shop with fewer orders is walked in this process: forking would cost more than it saves.
PARALLEL_MIN_ORDERS = 100_000
# Helpers forked for a big shop: one per CPU this process may run on, at most four (none where
# processes cannot fork).
_CPUS = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
PROCESSES = max(1, min(4, _CPUS)) if "fork" in multiprocessing.get_all_start_methods() else 1
# Days screened together: fewer steps read and index each step's look-back fewer times.
STEP_DAYS = 2


@transaction.atomic
def backtest_start(*, shop: Shop, values: dict, user, days: int = 30) -> Backtest:
    """Record a backtest of these values and run it in the background once committed."""
    from shieldsite.queues import enqueue

    current = policy_current(shop_id=shop.pk)
    backtest = Backtest.objects.create(
        shop=shop, values=values, base_version=current.version, days=days, created_by=user
    )
    enqueue("scoring", "reviews.jobs.run_backtest", backtest.pk, job_id=f"backtest-{backtest.pk}")
    return backtest


def _flagged(data, policy: RiskPolicy, rules: Counter | None = None) -> set[int]:
    flagged = set()
    for order_id, ctx in build_contexts(data, policy).items():
        verdict = screen_order(ctx, policy)
        if verdict.flagged:
            flagged.add(order_id)
            if rules is not None:
                rules.update(r.code for r in verdict.reasons)
    return flagged


def _stored_blacklist_hits(shop_id: int, since, until) -> dict[int, list[Match]]:
    """Blacklist and allowlist hits from the orders' last screening (only flagged or allowlisted orders carry them)."""
    hits: dict[int, list[Match]] = {}
    rows = Order.objects.filter(shop_id=shop_id, ordered_at__gte=since, ordered_at__lt=until).exclude(risk_reasons=[])
    for pk, reasons in rows.values_list("pk", "risk_reasons").iterator(chunk_size=5000):
        found = []
        for reason in reasons or []:
            if reason.get("code") in BLACKLIST_CODES:
                list_type, linked = BLACKLIST_CODES[reason["code"]]
                found.append(Match(0, list_type, "", "", "", linked))
        if found:
            hits[pk] = found
    return hits


@dataclass
class _Tally:
    """What a walk over some days found: orders seen, flagged orders (with their buyers) now and
    with the candidate, which of those were later confirmed bad, and the candidate's reasons."""

    orders: int = 0
    now: dict[int, int | None] = field(default_factory=dict)
    new: dict[int, int | None] = field(default_factory=dict)
    bad: set[int] = field(default_factory=set)
    rules: Counter = field(default_factory=Counter)

    def add(self, other: "_Tally") -> None:
        self.orders += other.orders
        self.now.update(other.now)
        self.new.update(other.new)
        self.bad |= other.bad
        self.rules.update(other.rules)


@dataclass(frozen=True)
class _Walk:
    shop_id: int
    policies: tuple[RiskPolicy, RiskPolicy]
    records: ShopRecords
    since: datetime
    end: datetime
    days: int


def _walk_days(walk: _Walk, days: range, done=None) -> _Tally:
    """Screen the orders of these days with both policies, ``STEP_DAYS`` at a time (bounded memory).

    Each step's orders are the look-back of the next, handed over rather than read again.
    """
    current, candidate = walk.policies
    look_back = max(look_backs(walk.policies))
    tally = _Tally()
    earlier = None
    for first in range(days.start, days.stop, STEP_DAYS):
        last = min(first + STEP_DAYS, days.stop)
        low, high = walk.since + timedelta(days=first), walk.since + timedelta(days=last)
        if last == walk.days:
            high = walk.end + timedelta(seconds=1)
        data = load_screening_data(
            shop_id=walk.shop_id, since=low, until=high, records=walk.records, policies=walk.policies,
            with_blacklist=False, earlier=earlier,
        )  # fmt: skip
        data.blacklist = _stored_blacklist_hits(walk.shop_id, low, high)
        now, new = _flagged(data, current), _flagged(data, candidate, tally.rules)
        tally.orders += len(data.targets)
        for row in data.targets:
            pk = row["id"]
            if pk in now or pk in new:
                if pk in now:
                    tally.now[pk] = row["buyer_id"]
                if pk in new:
                    tally.new[pk] = row["buyer_id"]
                if row["status"] in BAD_STATUSES or row["risk_state"] == Order.RiskState.BLACKLISTED:
                    tally.bad.add(pk)
        keep = high.timestamp() - look_back
        # ``near`` is ``earlier`` and this step's orders (NEAR_FIELDS: buyer_id, ts, ...); empty for a
        # step without orders, whose look-back then carries on as it was.
        earlier = [row for row in data.near or earlier or () if row[1] >= keep]
        if done is not None:
            done(last - first)
    return tally


# Set in the parent just before it forks its helpers, which inherit it (the shop's records are
# not sent to them: a fork shares them).
_FORKED_WALK: _Walk | None = None
_FORKED_DONE = None
_INHERITED: list = []


def _forked_init(counter) -> None:
    """Start a helper. A database connection the fork copied (the parent's, or one another of its
    threads had open, as under a test's live server) is the parent's session: the helper opens its
    own and keeps the copy referenced, untouched (being finalised here would end the parent's
    session; helpers leave without finalising anything).

    Signals get their default meaning back: a handler the parent installed (an RQ worker's
    "finish the job, then stop" on SIGTERM) would keep a helper alive when it is told to end."""
    global _FORKED_DONE
    for number in (signal.SIGTERM, signal.SIGINT):
        signal.signal(number, signal.SIG_DFL)
    _FORKED_DONE = counter
    for wrapper in connections.all(initialized_only=True):
        if wrapper.connection is not None:
            _INHERITED.append(wrapper.connection)
            wrapper.connection = None


def _forked_walk(days: range) -> _Tally:
    def done(count: int) -> None:
        with _FORKED_DONE.get_lock():
            _FORKED_DONE.value += count

    try:
        return _walk_days(_FORKED_WALK, days, done)
    finally:
        connections.close_all()


def _processes(records: ShopRecords) -> int:
    """Helpers to fork: one per CPU for a big shop outside a transaction (helpers have their own
    connections and would not see uncommitted rows); else the walk stays here."""
    shop_orders = sum(record.orders for record in records.buyers.values())
    if shop_orders < PARALLEL_MIN_ORDERS or connection.in_atomic_block:
        return 1
    return PROCESSES


def _walk_all(walk: _Walk, report) -> _Tally:
    processes = _processes(walk.records)

    def percent(days_done: int) -> int:
        return 5 + int(95 * days_done / walk.days)

    if processes == 1:
        seen = [0]

        def done(count: int) -> None:
            seen[0] += count
            report(percent(seen[0]))

        return _walk_days(walk, range(walk.days), done)
    global _FORKED_WALK
    # Contiguous days per helper, so each reads only its first day's look-back.
    size = -(-walk.days // processes)
    parts = [range(start, min(start + size, walk.days)) for start in range(0, walk.days, size)]
    forking = multiprocessing.get_context("fork")
    counter = forking.Value("i", 0)
    _FORKED_WALK = walk
    try:
        # A helper that dies (killed for memory, say) fails the backtest with BrokenProcessPool
        # instead of leaving it waiting for ever.
        with ProcessPoolExecutor(processes, mp_context=forking, initializer=_forked_init,
                                 initargs=(counter,)) as pool:  # fmt: skip
            pending = [pool.submit(_forked_walk, part) for part in parts]
            while True:
                finished, running = wait(pending, timeout=0.5, return_when=FIRST_EXCEPTION)
                report(percent(counter.value))
                if not running or any(future.exception() for future in finished):
                    break
            tallies = [future.result() for future in pending]
    finally:
        _FORKED_WALK = None
    total = _Tally()
    for tally in tallies:
        total.add(tally)
    return total


def backtest_compute(*, shop_id: int, values: dict, days: int = 30, progress=None) -> dict:
    """The backtest's figures: orders and buyers flagged now and with ``values``, and how many of
    those orders were later cancelled, refunded or blacklisted.

    Buyers' records and rings are loaded once for the whole shop; the days are walked one at a
    time, split over one forked helper per CPU for a big shop.
    """
    started = time.monotonic()
    report = progress or (lambda percent: None)
    current = policy_current(shop_id=shop_id)
    candidate = policy_with_values(shop_id=shop_id, values={**current.values(), **values}, version=0)
    end = timezone.now()
    with collector_paused():
        records = load_shop_records(shop_id=shop_id)
        report(5)
        walk = _Walk(shop_id, (current, candidate), records, end - timedelta(days=days), end, days)
        tally = _walk_all(walk, report)
    return {
        "days": days,
        "total_orders": tally.orders,
        "orders": len(tally.new),
        "buyers": len({buyer for buyer in tally.new.values() if buyer}),
        "confirmed": len(tally.new.keys() & tally.bad),
        "orders_now": len(tally.now),
        "buyers_now": len({buyer for buyer in tally.now.values() if buyer}),
        "confirmed_now": len(tally.now.keys() & tally.bad),
        "rules": dict(tally.rules.most_common()),
        "seconds": round(time.monotonic() - started, 2),
        "policy_version": current.version,
    }


def backtest_run(*, backtest_id: int) -> Backtest:
    """Run a recorded backtest, keeping its progress and result on the row the page polls."""
    backtest = Backtest.objects.get(pk=backtest_id)
    Backtest.objects.filter(pk=backtest_id).update(status=Backtest.Status.RUNNING, progress=0)

    def progress(percent: int) -> None:
        Backtest.objects.filter(pk=backtest_id).update(progress=min(percent, 99))

    try:
        result = backtest_compute(
            shop_id=backtest.shop_id, values=backtest.values, days=backtest.days, progress=progress
        )
    except Exception as exc:
        error = str(exc)
        if isinstance(exc, BrokenProcessPool):  # the admin reads this on the policy page
            error = _("后台计算进程意外退出（常见原因是服务器内存不足），没有得出结果。请稍后重新试算。")
        Backtest.objects.filter(pk=backtest_id).update(
            status=Backtest.Status.FAILED, error=error[:2000], finished_at=timezone.now()
        )
        raise
    Backtest.objects.filter(pk=backtest_id).update(
        status=Backtest.Status.DONE, progress=100, result=result, finished_at=timezone.now()
    )
    backtest.refresh_from_db()
    return backtest
