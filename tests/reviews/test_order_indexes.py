"""Every index on the orders table is there for a query the code sends.

Each test runs one real query through the code that builds it (a page, a selector, a service),
EXPLAINs the statements it sent and finds the index in the plan; the last test fails when the
table has an index none of them justifies, since every index costs each imported row a write.

The plans are read on a small shop of a few thousand orders, ANALYZEd, with ``enable_seqscan``
off for the test's transaction: a test table is small enough that reading all of it would win,
a real shop's is not; the statistics make the planner choose between the indexes for the
reasons it would at scale (how selective a shop's SKU, buyer, status or flagged orders are),
not by the order it happens to list them in.
"""

import random
from datetime import timedelta
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from reviews.models import Buyer, Order
from reviews.selectors.queue import QueueClaim, QueueCriteria, buyer_histories, queue_counts, sku_burst
from reviews.selectors.reports import Period, rule_precision
from reviews.services.deciding import claim_next_order, queue_orders
from reviews.services.identity import buyers_link
from reviews.services.intake import classify

pytestmark = pytest.mark.django_db

TABLE = Order._meta.db_table
# There for what they guarantee (the upsert by shop and order number needs the unique one).
CONSTRAINTS = {f"{TABLE}_pkey", "order_unique_shop_order_no"}
# Read by the queue's sorts in tests/reviews/test_queue_views.py
# (test_queue_sorts_read_the_queue_indexes_without_sorting); the counts' use is checked here.
QUEUE_SORT_INDEXES = {"order_queue_priority", "order_queue_deadline"}
JUSTIFIED: set[str] = set()

ORDERS, BUYERS, SKUS = 1500, 200, 80
STATUSES = [Order.Status.COMPLETED] * 14 + [Order.Status.CANCELLED, Order.Status.REFUNDED, Order.Status.PAID]


def justifies(index: str):
    """Mark a test as the one whose query needs ``index`` (see ``test_every_index_is_justified_by_a_query``)."""
    JUSTIFIED.add(index)
    return lambda test: test


@pytest.fixture
def shop_at_scale(postgres, shop_a, shop_b, bob):
    """Shop A with 45 days of orders (a few percent queued, six claimed: one by bob, five by another),
    shop B with a tenth as many; analyzed, and sequential scans off for the transaction."""
    rng = random.Random(7)
    now = timezone.now()
    manny = get_user_model().objects.create_user(username="manny-scale")
    for shop, orders in ((shop_a, ORDERS), (shop_b, ORDERS // 10)):
        buyers = Buyer.objects.bulk_create(
            Buyer(
                shop=shop,
                key_kind=Buyer.KeyKind.PHONE,
                key=f"139{shop.pk:02d}{n:06d}",
                confidence=Buyer.Confidence.STRONG,
            )
            for n in range(BUYERS)
        )
        rows = []
        for n in range(orders):
            buyer = rng.choice(buyers)
            flagged, decided = n % 40 == 0, n % 40 == 20
            rows.append(
                Order(
                    shop=shop,
                    order_no=f"S{shop.pk}-{n:07d}",
                    buyer=buyer,
                    sku_id=f"{100000 + rng.randrange(SKUS)}",
                    quantity=1,
                    amount_paid=Decimal("39.90"),
                    status=Order.Status.PAID if flagged else rng.choice(STATUSES),
                    ordered_at=now - timedelta(minutes=43 * n + rng.randrange(40)),
                    paid_at=now - timedelta(minutes=43 * n),
                    phone=buyer.key,
                    phone_key=buyer.key,
                    address_key=f"广东省深圳市南山区科技园{buyer.pk}号",
                    risk_state=(
                        Order.RiskState.FLAGGED
                        if flagged
                        else Order.RiskState.CANCELLED
                        if decided
                        else Order.RiskState.ALLOWED
                    ),
                    risk_decision=Order.Decision.REVIEW if flagged or decided else Order.Decision.ALLOW,
                    risk_score=rng.randrange(60, 100) if flagged or decided else rng.randrange(0, 40),
                    risk_reasons=[{"code": "burst_sku", "message": "", "weight": 40}] if flagged or decided else [],
                )
            )
        Order.objects.bulk_create(rows)
    queued = Order.objects.filter(shop=shop_a).flagged().order_by("pk").values_list("pk", flat=True)
    for pk, holder in zip(queued[:6], [bob, *[manny] * 5], strict=True):
        Order.objects.filter(pk=pk).update(risk_state=Order.RiskState.IN_REVIEW, claimed_by=holder, claimed_at=now)
    with connection.cursor() as cursor:
        cursor.execute(f"ANALYZE {TABLE}")
        cursor.execute(f"ANALYZE {Buyer._meta.db_table}")
        cursor.execute("SET LOCAL enable_seqscan = off")
    return shop_a


def explain(sql: str, params=None) -> str:
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN {sql}", params)
        return "\n".join(row[0] for row in cursor.fetchall())


def plans_of(run, *, containing: str = "") -> list[str]:
    """Plans of the statements on the orders table that ``run()`` sends (those containing
    ``containing``), exactly as the code sent them."""
    with CaptureQueriesContext(connection) as ctx:
        run()
    statements = [
        query["sql"]
        for query in ctx.captured_queries
        if TABLE in query["sql"]
        and containing in query["sql"]
        and query["sql"].lstrip().upper().startswith(("SELECT", "WITH", "UPDATE"))
    ]
    assert statements, f"no statement on {TABLE} containing {containing!r}"
    return [explain(sql) for sql in statements]


def assert_reads(index: str, plans: list[str]) -> None:
    assert any(f" {index} " in f"{plan}\n".replace("\n", " ") for plan in plans), "\n\n".join(plans)


def orders_table_indexes() -> set[str]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT indexname FROM pg_indexes WHERE tablename = %s", [TABLE])
        return {name for (name,) in cursor.fetchall()}


def page(client, user, name: str, **params):
    client.force_login(user)
    return lambda: client.get(reverse(name), params)


# -- the order list --------------------------------------------------------------------------
@justifies("order_shop_ordered")
def test_order_list_pages_the_shop_newest_first_from_shop_ordered(shop_at_scale, client, bob):
    plans = plans_of(page(client, bob, "reviews:order_list"), containing="ORDER BY")
    assert_reads("order_shop_ordered", plans)


@justifies("order_shop_status")
def test_order_list_by_status_reads_shop_status(shop_at_scale, client, bob):
    plans = plans_of(page(client, bob, "reviews:order_list", status="cancelled"), containing="ORDER BY")
    assert_reads("order_shop_status", plans)


@justifies("order_shop_risk_ordered")
def test_order_list_by_risk_state_reads_shop_risk_ordered(shop_at_scale, client, bob):
    plans = plans_of(page(client, bob, "reviews:order_list", risk_state="cancelled"), containing="ORDER BY")
    assert_reads("order_shop_risk_ordered", plans)


# -- the dashboard and reports ---------------------------------------------------------------
@justifies("order_shop_flagged_time")
def test_reports_read_the_periods_flagged_orders_from_shop_flagged_time(shop_at_scale):
    plans = plans_of(lambda: rule_precision(shop_at_scale, Period.last_days(30)))
    assert_reads("order_shop_flagged_time", plans)


# -- the review page, the queue and claiming -------------------------------------------------
@justifies("order_shop_sku_time")
def test_review_page_sku_burst_reads_shop_sku_time(shop_at_scale):
    order = Order.objects.filter(shop=shop_at_scale).order_by("-ordered_at")[10]
    plans = plans_of(lambda: sku_burst(order))
    assert all("order_shop_sku_time" in plan for plan in plans), "\n\n".join(plans)


@justifies("order_buyer_time")
def test_buyer_histories_read_buyer_time(shop_at_scale):
    buyer_ids = list(Buyer.objects.filter(shop=shop_at_scale).values_list("pk", flat=True)[:3])
    assert_reads("order_buyer_time", plans_of(lambda: buyer_histories(buyer_ids)))


@justifies("order_claimed_by")
def test_the_order_a_reviewer_holds_is_found_by_claimed_by(shop_at_scale, bob):
    plans = plans_of(lambda: claim_next_order(user=bob, shop=shop_at_scale), containing="claimed_by_id")
    assert_reads("order_claimed_by", plans[:1])  # the first: "does bob already hold one?"
    mine = queue_orders(user=bob, shop=shop_at_scale, criteria=QueueCriteria(claim=QueueClaim.MINE))[:25]
    assert_reads("order_claimed_by", [mine.explain()])


def test_queue_counts_read_only_the_queue_priority_index(transactional_db, shop_at_scale, bob):
    """The per-reason counts group the queued orders by ``reason_codes``, which the index carries
    (INCLUDE) so that they never read the table: an index-only scan once the table is vacuumed
    (as autovacuum keeps it), which needs a test outside a transaction."""
    with connection.cursor() as cursor:
        cursor.execute(f"VACUUM ANALYZE {TABLE}")
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        plans = plans_of(lambda: queue_counts(queue_orders(user=bob, shop=shop_at_scale)))
    assert "Index Only Scan using order_queue_priority" in plans[0], plans[0]


@justifies("order_batch_queue")
def test_an_imports_orders_in_the_queue_are_found_by_batch_queue(shop_at_scale, client, bob):
    from reviews.models import ImportBatch

    batch = ImportBatch.objects.create(shop=shop_at_scale, file_name="a.csv", checksum="0" * 64, file="imports/a.csv")
    queued = Order.objects.filter(shop=shop_at_scale).flagged().order_by("pk").values_list("pk", flat=True)[:3]
    Order.objects.filter(pk__in=list(queued)).update(import_batch=batch)
    with connection.cursor() as cursor:
        cursor.execute(f"ANALYZE {TABLE}")
    plans = plans_of(page(client, bob, "reviews:queue", batch=batch.pk), containing="import_batch_id")
    assert_reads("order_batch_queue", plans)


# -- imports: classify, link -----------------------------------------------------------------
def test_import_classifies_a_batch_by_the_unique_shop_order_no(shop_at_scale):
    rows = [{"order_no": f"NEW-{n}"} for n in range(5)]  # the lookup is the same for new and known rows
    assert_reads("order_unique_shop_order_no", plans_of(lambda: classify(shop_at_scale.pk, rows)))


@justifies("order_shop_phone_key")
@justifies("order_shop_address_key")
def test_linking_finds_earlier_orders_by_phone_and_address_keys(shop_at_scale):
    order = Order.objects.filter(shop=shop_at_scale).order_by("pk").first()
    row = {"buyer_id_resolved": order.buyer_id + 1, "phone_key": order.phone_key, "address_key": order.address_key}
    plans = plans_of(lambda: buyers_link(shop_id=shop_at_scale.pk, rows=[row]), containing="phone_key")
    assert_reads("order_shop_phone_key", plans)
    assert_reads("order_shop_address_key", plans)


# -- and nothing else ------------------------------------------------------------------------
def test_every_index_is_justified_by_a_query(postgres):
    assert orders_table_indexes() == JUSTIFIED | QUEUE_SORT_INDEXES | CONSTRAINTS
