"""Dashboard and reports on PostgreSQL: one shop with 1,000,000 orders over 30 days.

Data: 1M orders (20,000 flagged with reasons, shipped dates on shipped, completed and refunded
orders so losses after shipping are real), 200,000 buyers, 20,000 links in rings of 2–6
accounts, and 6,000 decisions by three reviewers.

Measures, with Django's test Client in-process (view + ORM + database time):
- dashboard p95, last 30 days, figures cached (what a manager reloading the page gets; the
  cache holds a period's figures for 60 s and until the next decision or import) — goal ≤ 300 ms;
- dashboard p95 with the figure cache cleared before every request (the first view after
  new data), against the plain order list as a baseline;
- rule precision, reviewer report and largest rings, uncached.

Runs in a throw-away test database (``test_<name>``) created and dropped here.
Run: DATABASE_URL=postgres://... python -m tests.bench dashboard
"""

import random
import statistics
import time
from datetime import timedelta

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext, setup_test_environment
from django.urls import reverse
from django.utils import timezone

from tests.bench.report import scaled
from tests.bench.shop_data import ShopData, generate, p95, timed

ORDERS = scaled(1_000_000, minimum=5_000)
FLAGGED = scaled(20_000, minimum=1_000)
BUYERS = scaled(200_000, minimum=1_000)
LINKS = scaled(20_000, minimum=100)
FATES = ["completed", "completed", "shipped", "cancelled", "refunded"]
REASONS = [
    '[{"code": "burst_sku", "message": "10 分钟内同一商品 60 单，来自 3 个账号", "weight": 40}, '
    '{"code": "burst_buyer", "message": "30 分钟内 6 单", "weight": 25}]',
    '[{"code": "credit_low", "message": "买家信用分 42，低于 60", "weight": 30}, '
    '{"code": "burst_group", "message": "3 个关联账号 30 分钟内下单 12 次", "weight": 30}]',
    '[{"code": "refund_rate", "message": "近 30 天取消 8/10", "weight": 35}]',
    '[{"code": "inventory_lock", "message": "新账号单笔 30 件", "weight": 45}, '
    '{"code": "quantity", "message": "数量异常", "weight": 15}]',
]

SHOP = ShopData(ORDERS, FLAGGED, BUYERS, LINKS, REASONS, FATES, rings=True, seconds_apart=2.59)
SAMPLES = 40
COLD_SAMPLES = 12
DECISIONS = scaled(6_000, minimum=300)


def add_decisions(shop_id: int, users: list[int]) -> None:
    """6,000 of the flagged orders decided by three people, one every few minutes."""
    rng = random.Random(9)
    now = timezone.now()
    with connection.cursor() as cur:
        cur.execute(
            "SELECT id, risk_reasons, risk_score, amount_paid, quantity FROM reviews_order "
            "WHERE shop_id = %s AND risk_state = 'flagged' ORDER BY id LIMIT %s",
            [shop_id, DECISIONS],
        )
        rows = cur.fetchall()
        actions = []
        with cur.copy(
            "COPY reviews_decision (shop_id, order_id, action, user_id, created_at, reasons, risk_score, note, "
            "blacklist_keys, amount_saved, units_saved) FROM STDIN"
        ) as copy:
            for i, (order_id, reasons, score, amount, quantity) in enumerate(rows):
                action = rng.choice(["approve", "cancel", "cancel", "blacklist"])
                saving = action != "approve"
                at = now - timedelta(minutes=i * 7, seconds=rng.randint(0, 300))
                copy.write_row(
                    (shop_id, order_id, action, users[i % len(users)], at, reasons, score, "", "[]",
                     amount if saving else 0, quantity if saving else 0)
                )  # fmt: skip
                actions.append((order_id, action))
        state = {"approve": "approved", "cancel": "cancelled", "blacklist": "blacklisted"}
        for action, new_state in state.items():
            ids = [order_id for order_id, a in actions if a == action]
            cur.execute("UPDATE reviews_order SET risk_state = %s WHERE id = ANY(%s)", [new_state, ids])
        cur.execute("ANALYZE")


def measure(user) -> None:
    client = Client()
    client.force_login(user)
    home = reverse("reviews:home")
    variants = [{}, {"range": "7"}, {"range": "today"}]
    for params in variants:
        assert client.get(home, params).status_code == 200
    with CaptureQueriesContext(connection) as ctx:
        client.get(home)
    warm_queries = len(ctx)
    warm = [timed(lambda i=i: client.get(home, variants[i % len(variants)])) for i in range(SAMPLES)]

    def cold_get():
        cache.clear()
        client.get(home)

    cache.clear()
    with CaptureQueriesContext(connection) as ctx:
        client.get(home)
    cold_queries = len(ctx)
    cold = [timed(cold_get) for _ in range(COLD_SAMPLES)]
    cold_week = []
    for _ in range(COLD_SAMPLES):
        cache.clear()
        cold_week.append(timed(lambda: client.get(home, {"range": "7"})))
    baseline = [timed(lambda: client.get(reverse("reviews:order_list"), {"page": 3})) for _ in range(SAMPLES)]

    def report(name: str, url: str, n: int = 8) -> None:
        cold = []
        for _ in range(n):
            cache.clear()
            cold.append(timed(lambda: client.get(url)))
        warm = [timed(lambda: client.get(url)) for _ in range(n)]
        print(f"{name:<27} p95 {p95(cold):7.1f} ms uncached, {p95(warm):6.1f} ms cached")

    print(f"data: {ORDERS:,} orders ({FLAGGED:,} flagged, {DECISIONS:,} decided) in one shop, "
          f"{BUYERS:,} buyers, {LINKS:,} links, 30 days")  # fmt: skip
    print(f"dashboard 30 days, cached   p95 {p95(warm):7.1f} ms  median {statistics.median(warm):7.1f} ms  "
          f"queries {warm_queries}   goal ≤300 ms")  # fmt: skip
    print(f"dashboard 30 days, uncached p95 {p95(cold):7.1f} ms  median {statistics.median(cold):7.1f} ms  "
          f"queries {cold_queries}")  # fmt: skip
    print(f"dashboard 7 days, uncached  p95 {p95(cold_week):7.1f} ms  median {statistics.median(cold_week):7.1f} ms")
    print(f"order list (baseline)       p95 {p95(baseline):7.1f} ms  -> uncached dashboard/baseline "
          f"{p95(cold) / p95(baseline):.1f}x")  # fmt: skip
    report("rule precision 30 days", reverse("reviews:report_rules"))
    report("reviewer report 30 days", reverse("reviews:report_reviewers"))
    report("largest rings", reverse("reviews:rings"))


def main() -> None:
    if connection.vendor != "postgresql":
        print("skipped: needs PostgreSQL (set DATABASE_URL=postgres://...)")
        return
    if settings.REDIS_URL:
        # Measuring uncached figures clears the cache, and the Redis cache shares its database with RQ.
        print("skipped: run without REDIS_URL (the benchmark clears the cache between requests)")
        return
    from django.contrib.auth import get_user_model

    from reviews.models import Membership, Role, Shop

    setup_test_environment(debug=False)
    old_name = connection.settings_dict["NAME"]
    connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        shop = Shop.objects.create(name="压测店铺")
        User = get_user_model()
        manager = User.objects.create_user(username="bench-manager")
        Membership.objects.create(user=manager, shop=shop, role=Role.MANAGER)
        reviewers = [User.objects.create_user(username=f"bench-reviewer-{i}") for i in range(3)]
        for reviewer in reviewers:
            Membership.objects.create(user=reviewer, shop=shop, role=Role.REVIEWER)
        started = time.perf_counter()
        generate(shop.pk, SHOP)
        add_decisions(shop.pk, [r.pk for r in reviewers])
        print(f"(generated in {time.perf_counter() - started:.0f}s)")
        measure(manager)
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)
