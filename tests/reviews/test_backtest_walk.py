"""The backtest walks a shop's last 30 days in steps, split over forked helpers for a big shop:
however it is cut, the figures an admin sees are the same."""

import os
import signal
import time
from concurrent.futures.process import BrokenProcessPool
from datetime import timedelta

import pytest
from django.utils import timezone

from reviews.models import Order
from reviews.services import backtesting
from reviews.services.backtesting import backtest_compute
from tests.conftest import make_buyer, make_order


def burst_across_yesterday(shop):
    """A buyer's four unpaid orders within 20 minutes around exactly one day ago — a step boundary
    when the walk goes a day at a time — and five ordinary buyers spread over the month."""
    now = timezone.now()
    burst = make_buyer(shop, display_name="连拍的买家")
    for minutes in (-12, -8, 4, 8):
        make_order(
            shop, buyer=burst, sku_id=f"SKU-{minutes}", status=Order.Status.UNPAID,
            ordered_at=now - timedelta(days=1, minutes=-minutes),
        )  # fmt: skip
    for day in (3, 9, 15, 21, 27):
        make_order(shop, sku_id=f"SKU-day-{day}", ordered_at=now - timedelta(days=day, hours=5))


def figures(result: dict) -> dict:
    return {name: value for name, value in result.items() if name != "seconds"}


@pytest.mark.parametrize("step_days", [1, 2, 30])
def test_a_burst_across_a_step_boundary_is_seen_whatever_the_step(shop_a, monkeypatch, step_days):
    burst_across_yesterday(shop_a)
    monkeypatch.setattr(backtesting, "STEP_DAYS", step_days)

    result = backtest_compute(shop_id=shop_a.pk, values={"burst_orders": 4})

    # Only the fourth order has four of the buyer's orders in its 30 minutes; the default (5) flags none.
    assert (result["orders"], result["buyers"], result["rules"]) == (1, 1, {"burst_buyer": 1})
    assert (result["orders_now"], result["buyers_now"], result["total_orders"]) == (0, 0, 9)


def test_a_backtest_shows_what_a_skus_own_limit_would_flag(shop_a):
    buyer = make_buyer(shop_a)
    start = timezone.localtime().replace(hour=9, minute=0) - timedelta(days=2)
    for hour in range(3):
        make_order(shop_a, buyer=buyer, sku_id="PROMO", ordered_at=start + timedelta(hours=hour))

    result = backtest_compute(shop_id=shop_a.pk, values={"sku_limits": "PROMO=1"})

    assert (result["orders"], result["orders_now"], result["rules"]) == (2, 0, {"sku_limit": 2})


@pytest.mark.django_db(transaction=True)
def test_forked_helpers_give_the_figures_of_a_single_walk(postgres, shop_a, monkeypatch):
    burst_across_yesterday(shop_a)
    monkeypatch.setattr(backtesting, "STEP_DAYS", 1)
    alone = backtest_compute(shop_id=shop_a.pk, values={"burst_orders": 4})

    monkeypatch.setattr(backtesting, "PARALLEL_MIN_ORDERS", 0)
    monkeypatch.setattr(backtesting, "PROCESSES", 2)
    progress: list[int] = []
    forked = backtest_compute(shop_id=shop_a.pk, values={"burst_orders": 4}, progress=progress.append)

    assert figures(forked) == figures(alone)
    assert forked["orders"] == 1
    assert progress == sorted(progress) and progress[-1] == 100
    # The helpers' connections are gone and this process's works again.
    assert shop_a.orders.count() == 9


@pytest.mark.django_db(transaction=True)
def test_a_helper_that_dies_fails_the_backtest_instead_of_hanging_it(postgres, shop_a, monkeypatch):
    """One helper is killed (as the kernel does when memory runs out) while the other is still at
    work, in a process that keeps SIGTERM for itself (as an RQ worker does): the backtest fails at
    once, with the survivor stopped, rather than waiting for it or for ever."""
    burst_across_yesterday(shop_a)
    monkeypatch.setattr(backtesting, "PARALLEL_MIN_ORDERS", 0)
    monkeypatch.setattr(backtesting, "PROCESSES", 2)
    walk_days = backtesting._walk_days

    def dying_or_slow(walk, days, done=None):
        if days.start == 0:
            os._exit(9)
        time.sleep(30)
        return walk_days(walk, days, done)

    monkeypatch.setattr(backtesting, "_walk_days", dying_or_slow)
    previous = signal.signal(signal.SIGTERM, lambda number, frame: None)
    started = time.monotonic()
    try:
        with pytest.raises(BrokenProcessPool):
            backtest_compute(shop_id=shop_a.pk, values={"burst_orders": 4})
    finally:
        signal.signal(signal.SIGTERM, previous)
    assert time.monotonic() - started < 15
    assert shop_a.orders.count() == 9
