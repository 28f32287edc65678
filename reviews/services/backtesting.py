"""Backtest: how many recent orders and buyers a candidate policy would flag, before anyone saves it.

It runs the very screening code that flags orders (``build_contexts`` + ``screen_order``)
over the last days of the shop's orders, once with the current policy and once with the
candidate, without writing a verdict. Blacklist hits do not depend on thresholds, so they
are taken from each order's last screening instead of matching every order again.
"""

import time
from collections import Counter
from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from blacklist.matching import Match
from blacklist.models import ListType
from reviews.models import Backtest, Order, RiskPolicy, Shop
from reviews.services.policy import policy_current, policy_with_values
from reviews.services.scoring import BAD_STATUSES
from reviews.services.screening import build_contexts, load_screening_data, load_shop_records, screen_order

BLACKLIST_CODES = {"blacklist": (ListType.BLOCK, False), "blacklist_linked": (ListType.BLOCK, True),
                   "allowlisted": (ListType.ALLOW, False)}  # fmt: skip


@transaction.atomic
def backtest_start(*, shop: Shop, values: dict, user, days: int = 30) -> Backtest:
    """Record a backtest of these values and run it in the background once committed."""
    from reviews import jobs
    from shieldsite.queues import enqueue

    current = policy_current(shop_id=shop.pk)
    backtest = Backtest.objects.create(
        shop=shop, values=values, base_version=current.version, days=days, created_by=user
    )
    enqueue("scoring", jobs.run_backtest, backtest.pk, job_id=f"backtest-{backtest.pk}")
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


def backtest_compute(*, shop_id: int, values: dict, days: int = 30, progress=None) -> dict:
    """The backtest's figures: orders and buyers flagged now and with ``values``, and how many of
    those orders were later cancelled, refunded or blacklisted.

    Walks the period a day at a time (bounded memory, steady progress); buyers' records and
    rings are loaded once for the whole shop.
    """
    started = time.monotonic()
    report = progress or (lambda percent: None)
    current = policy_current(shop_id=shop_id)
    candidate = policy_with_values(shop_id=shop_id, values={**current.values(), **values}, version=0)
    end = timezone.now()
    since = end - timedelta(days=days)
    records = load_shop_records(shop_id=shop_id)
    report(5)
    now_flagged: set[int] = set()
    new_flagged: set[int] = set()
    rules: Counter = Counter()
    buyer_of: dict[int, int | None] = {}
    bad: set[int] = set()
    for day in range(days):
        low, high = since + timedelta(days=day), since + timedelta(days=day + 1)
        if day == days - 1:
            high = end + timedelta(seconds=1)
        data = load_screening_data(
            shop_id=shop_id, since=low, until=high, records=records, policies=[current, candidate],
            with_blacklist=False,
        )  # fmt: skip
        data.blacklist = _stored_blacklist_hits(shop_id, low, high)
        now_flagged |= _flagged(data, current)
        new_flagged |= _flagged(data, candidate, rules)
        for row in data.targets:
            buyer_of[row["id"]] = row["buyer_id"]
            if row["status"] in BAD_STATUSES or row["risk_state"] == Order.RiskState.BLACKLISTED:
                bad.add(row["id"])
        report(5 + int(95 * (day + 1) / days))
    return {
        "days": days,
        "total_orders": len(buyer_of),
        "orders": len(new_flagged),
        "buyers": len({buyer_of[pk] for pk in new_flagged if buyer_of[pk]}),
        "confirmed": len(new_flagged & bad),
        "orders_now": len(now_flagged),
        "buyers_now": len({buyer_of[pk] for pk in now_flagged if buyer_of[pk]}),
        "confirmed_now": len(now_flagged & bad),
        "rules": dict(rules.most_common()),
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
        Backtest.objects.filter(pk=backtest_id).update(
            status=Backtest.Status.FAILED, error=str(exc)[:2000], finished_at=timezone.now()
        )
        raise
    Backtest.objects.filter(pk=backtest_id).update(
        status=Backtest.Status.DONE, progress=100, result=result, finished_at=timezone.now()
    )
    backtest.refresh_from_db()
    return backtest
