"""Review queue on PostgreSQL: 1,000,000 orders with 20,000 flagged in one shop.

Measures, with Django's test Client in-process (no network, no WSGI server: the figures are
the view + ORM + database time a request costs):
- queue page p95 and its query count (goal ≤ 150 ms), against the plain order list as a baseline;
- order review page p95 (goal ≤ 150 ms);
- decision request p95 (approve + claim of the next order in the same request; goal ≤ 50 ms).
  The rescoring job a decision starts runs on the ``scoring`` worker in production, not in the
  request: here it runs in-process right after each timed request and is reported on its own;
- the full-size claim race: 10 threads × 1,000 claim-and-decide loops over 5,000 orders.

After loading, the tables get VACUUM ANALYZE, the state autovacuum leaves a bulk-loaded table
in within about a minute (the queue's counts then read only its index), and a CHECKPOINT (the
load's WAL is not written back while requests are timed). BENCH_SKIP_VACUUM=1 measures right
after the load with ANALYZE only, as on a server with autovacuum off.

Runs in a throw-away test database (``test_<name>``) created and dropped here.
Run: DATABASE_URL=postgres://... python -m tests.bench queue   (leave REDIS_URL unset).
"""

import os
import random
import statistics
import time
from unittest import mock

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext, setup_test_environment
from django.urls import reverse

from tests.bench.report import figure, scaled
from tests.bench.shop_data import ShopData, generate, p95, timed

ORDERS = scaled(1_000_000, minimum=5_000)
FLAGGED = scaled(20_000, minimum=1_000)
BUYERS = scaled(200_000, minimum=1_000)
LINKS = scaled(20_000, minimum=100)
SAMPLES = 60

REASONS = [
    '[{"code": "burst_sku", "message": "10 分钟内同一商品 60 单，来自 3 个账号", "weight": 40}]',
    '[{"code": "credit_low", "message": "买家信用分 42，低于 60", "weight": 30}, '
    '{"code": "linked_burst", "message": "3 个关联账号 1 小时内下单 12 次", "weight": 30}]',
    '[{"code": "cancel_rate", "message": "近 30 天取消 8/10", "weight": 35}]',
]
SHOP = ShopData(ORDERS, FLAGGED, BUYERS, LINKS, REASONS, fates=["completed", "shipped", "cancelled", "refunded"])


class Worker:
    """Stands in for ``shieldsite.queues.enqueue``: keeps the jobs, runs them when asked."""

    def __init__(self):
        self.jobs = []

    def enqueue(self, _queue_name, func, *args, job_id=None, retry=None, **kwargs):
        self.jobs.append((func, args, kwargs))

    def run(self):
        from shieldsite.queues import resolve_func

        for func, args, kwargs in self.jobs:
            resolve_func(func)(*args, **kwargs)  # jobs are enqueued by dotted path


def measure_pages(shop_id: int, user) -> list[dict]:
    from reviews.models import Order

    client = Client()
    client.force_login(user)
    queue_url = reverse("reviews:queue")
    variants = [{}, {"page": 3}, {"sort": "deadline"}, {"reason": "credit_low"}, {"score_min": 80, "page": 2}]
    for params in variants:  # warm up caches and plans
        assert client.get(queue_url, params).status_code == 200
    counts = {}
    for per_page in (25, 100):
        with CaptureQueriesContext(connection) as ctx:
            client.get(queue_url, {"per_page": per_page})
        counts[per_page] = len(ctx)
    queries = counts[100]
    queue_times = []
    for i in range(SAMPLES):
        params = variants[i % len(variants)]
        queue_times.append(timed(lambda params=params: client.get(queue_url, params)))
    list_url = reverse("reviews:order_list")
    list_times = [timed(lambda: client.get(list_url, {"page": 3})) for _ in range(SAMPLES)]

    flagged_ids = list(Order.objects.filter(shop_id=shop_id).flagged().values_list("pk", flat=True)[:2000])
    sample = random.Random(1).sample(flagged_ids, SAMPLES * 2)
    review_times = [timed(lambda pk=pk: client.get(reverse("reviews:review", args=[pk]))) for pk in sample[:SAMPLES]]
    decide_times, job_times = [], []
    for pk in sample[SAMPLES:]:
        url = reverse("reviews:decide", args=[pk])
        response = None

        def post(url=url):
            nonlocal response
            response = client.post(url, {"action": "approve"})

        # The jobs the decision starts go to a worker: collected here and run after the timed request.
        worker = Worker()
        with mock.patch("reviews.services.deciding.enqueue", worker.enqueue):
            decide_times.append(timed(post))
        assert response.status_code == 302, response.status_code
        job_times.append(timed(worker.run))

    print(f"data: {ORDERS:,} orders ({FLAGGED:,} flagged) in one shop, {BUYERS:,} buyers, {LINKS:,} links")
    print(f"queue page      p95 {p95(queue_times):6.1f} ms  median {statistics.median(queue_times):6.1f} ms  "
          f"queries {counts[25]} (per_page=25), {counts[100]} (per_page=100)   goal ≤150 ms")  # fmt: skip
    ratio = p95(queue_times) / p95(list_times)
    print(f"order list (baseline) p95 {p95(list_times):6.1f} ms  -> queue/baseline {ratio:.2f}x")
    median = statistics.median(review_times)
    print(f"review page     p95 {p95(review_times):6.1f} ms  median {median:6.1f} ms   goal ≤150 ms")
    print(f"decision POST   p95 {p95(decide_times):6.1f} ms  median {statistics.median(decide_times):6.1f} ms   "
          "goal ≤50 ms (approve + claim next)")  # fmt: skip
    print(f"  its rescoring job (scoring worker, after the request) p95 {p95(job_times):6.1f} ms  "
          f"median {statistics.median(job_times):6.1f} ms")  # fmt: skip
    return [
        figure("queue page p95", p95(queue_times), unit="ms", baseline=p95(list_times),
               baseline_name="order list p95", goal="≤ 150 ms", ok=p95(queue_times) <= 150),
        figure("review page p95", p95(review_times), unit="ms", goal="≤ 150 ms", ok=p95(review_times) <= 150),
        figure("decision POST p95", p95(decide_times), unit="ms", goal="≤ 50 ms", ok=p95(decide_times) <= 50),
        figure("rescoring job after a decision p95 (worker)", p95(job_times), unit="ms"),
        figure("queue page queries (per_page=100)", queries, goal=f"same as per_page=25 ({counts[25]})",
               ok=queries == counts[25]),
    ]  # fmt: skip


def run_race() -> list[dict]:
    from collections import Counter

    from reviews.models import Decision
    from tests.reviews.concurrency import make_queue, make_reviewers, race

    shop = make_queue(5_000)
    result = race(shop, make_reviewers(shop, 10), 1_000)
    claims = Counter(result.claimed)
    settled = Decision.objects.filter(shop=shop, action__in=Decision.FINAL)
    ok = (
        not result.errors
        and len(claims) == 5_000
        and max(claims.values()) == 1
        and settled.count() == 5_000
        and settled.values("order").distinct().count() == 5_000
        and result.steals_succeeded == 0
    )
    print(
        f"race: 10 threads x 1,000 loops over 5,000 orders in {result.seconds:.1f}s: "
        f"{len(claims):,} orders claimed once each, {settled.count():,} audited decisions, "
        f"{result.steals_refused} steal attempts refused, errors {len(result.errors)} -> {'OK' if ok else 'FAILED'}"
    )
    wrong = 5_000 - len(claims) + sum(n > 1 for n in claims.values())
    return [figure("claim race: orders claimed twice or lost", wrong, goal="0", ok=ok)]


def main() -> dict:
    if connection.vendor != "postgresql":
        print("skipped: needs PostgreSQL (set DATABASE_URL=postgres://...)")
        return {"note": "skipped: needs PostgreSQL"}
    from django.contrib.auth import get_user_model

    from reviews.models import Membership, Role, Shop

    setup_test_environment(debug=False)
    old_name = connection.settings_dict["NAME"]
    connection.creation.create_test_db(verbosity=0, autoclobber=True)
    figures: list[dict] = []
    try:
        if not os.environ.get("BENCH_SKIP_RACE"):
            started = time.perf_counter()
            figures += run_race()
            print(f"(race took {time.perf_counter() - started:.0f}s)")
        shop = Shop.objects.create(name="压测店铺")
        user = get_user_model().objects.create_user(username="bench-reviewer")
        Membership.objects.create(user=user, shop=shop, role=Role.REVIEWER)
        started = time.perf_counter()
        generate(shop.pk, SHOP, vacuum=not os.environ.get("BENCH_SKIP_VACUUM"))
        print(f"(generated in {time.perf_counter() - started:.0f}s)")
        figures += measure_pages(shop.pk, user)
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)
    return {"figures": figures}
