"""The claim-and-decide race, shared by the test suite and ``tests/bench/bench_queue.py``.

``threads`` reviewers each run up to ``loops`` rounds of "next, then decide" against one
shop's queue of ``orders`` flagged orders, each on its own database connection. Every
few rounds a reviewer also tries to decide an order another reviewer holds, which must
be refused.
"""

import random
import threading
import time
from dataclasses import dataclass, field
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.db import connection
from django.utils import timezone

from reviews.models import Decision, Membership, Order, Role, Shop
from reviews.services.deciding import DecisionRefused, claim_next_order, order_decide


@dataclass
class RaceResult:
    claimed: list[int] = field(default_factory=list)
    decided: list[int] = field(default_factory=list)
    steals_refused: int = 0
    steals_succeeded: int = 0
    errors: list[str] = field(default_factory=list)
    seconds: float = 0.0


def make_queue(orders: int) -> tuple[Shop, list]:
    shop = Shop.objects.create(name="并发测试店")
    now = timezone.now()
    Order.objects.bulk_create(
        Order(
            shop=shop,
            order_no=f"RACE{i:07d}",
            risk_state=Order.RiskState.FLAGGED,
            risk_score=i % 100,
            risk_reasons=[{"code": "burst_sku", "message": "burst", "weight": 40}],
            amount_paid=Decimal("9.90"),
            ordered_at=now,
            paid_at=now,
        )
        for i in range(orders)
    )
    return shop


def make_reviewers(shop: Shop, threads: int) -> list:
    users = [get_user_model().objects.create_user(username=f"racer{i}") for i in range(threads)]
    Membership.objects.bulk_create(Membership(user=u, shop=shop, role=Role.REVIEWER) for u in users)
    return users


def race(shop: Shop, users: list, loops: int) -> RaceResult:
    result = RaceResult()
    lock = threading.Lock()
    live_claims: dict[int, int] = {}  # order id -> holder's user id
    barrier = threading.Barrier(len(users))

    def reviewer(index: int, user) -> None:
        rng = random.Random(index)
        claimed, decided = [], []
        try:
            barrier.wait()
            for loop in range(loops):
                if loop % 10 == 9:
                    with lock:
                        others = [pk for pk, holder in live_claims.items() if holder != user.pk]
                    if others:
                        target = Order(pk=rng.choice(others))
                        try:
                            order_decide(order=target, user=user, action=Decision.Action.APPROVE)
                        except DecisionRefused:
                            with lock:
                                result.steals_refused += 1
                        else:
                            with lock:
                                result.steals_succeeded += 1
                order = claim_next_order(user=user, shop=shop)
                if order is None:
                    break
                claimed.append(order.pk)
                with lock:
                    live_claims[order.pk] = user.pk
                action = Decision.Action.APPROVE if loop % 2 else Decision.Action.CANCEL
                order_decide(order=order, user=user, action=action)
                with lock:
                    live_claims.pop(order.pk, None)
                decided.append(order.pk)
        except Exception as exc:  # reported, then asserted by the caller
            with lock:
                result.errors.append(f"{user.username}: {exc!r}")
        finally:
            with lock:
                result.claimed.extend(claimed)
                result.decided.extend(decided)
            connection.close()

    workers = [threading.Thread(target=reviewer, args=(i, u)) for i, u in enumerate(users)]
    started = time.perf_counter()
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    result.seconds = time.perf_counter() - started
    return result
