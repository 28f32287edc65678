"""Each screening rule fires on the shape it exists for, and ordinary shoppers pass."""

from datetime import timedelta

import pytest
from django.utils import timezone

from blacklist.models import EntryHit, Kind, ListType
from blacklist.services import blacklist_add
from reviews import jobs
from reviews.models import Order
from reviews.services.policy import policy_current, policy_save
from reviews.services.screening.baselines import MIN_SKU_SAMPLE, sku_baselines, sku_normals_warm
from reviews.services.screening.verdicts import screen_orders
from tests.conftest import make_buyer, make_link, make_order

pytestmark = pytest.mark.django_db

NOW = timezone.now()


def codes(order) -> set[str]:
    order.refresh_from_db()
    return {reason["code"] for reason in order.risk_reasons}


def screen(shop, orders):
    return screen_orders(shop_id=shop.pk, order_ids=[o.pk for o in orders])


def link(shop, a, b):
    make_link(shop, a, b, key="x")


def ordinary(shop, n=3, **fields):
    """Shoppers who each buy once or twice, a day apart, and keep what they buy."""
    orders = []
    for i in range(n):
        buyer = make_buyer(shop)
        for day in range(2):
            orders.append(
                make_order(
                    shop,
                    buyer=buyer,
                    phone=buyer.key,
                    receiver=f"张{i}伟",
                    address=f"南山区科技园南路{i}号",
                    ordered_at=NOW - timedelta(days=3 + day, hours=i),
                    status=Order.Status.COMPLETED,
                    **fields,
                )
            )
    return orders


def test_ordinary_shoppers_are_allowed(shop_a):
    orders = ordinary(shop_a, n=5)
    verdicts = screen(shop_a, orders)
    assert {v.decision for v in verdicts.values()} == {"allow"}
    assert all(codes(o) == set() for o in orders)


def test_buyer_burst_fires_from_the_fifth_order_within_the_window(shop_a):
    buyer = make_buyer(shop_a)
    orders = [
        make_order(shop_a, buyer=buyer, status=Order.Status.UNPAID, ordered_at=NOW - timedelta(minutes=20 - 3 * i))
        for i in range(6)
    ]
    screen(shop_a, orders)
    assert "burst_buyer" not in codes(orders[3])  # only four known when it was placed
    assert "burst_buyer" in codes(orders[4])
    orders[5].refresh_from_db()
    assert orders[5].risk_state == "flagged" and orders[5].risk_score >= 40


def test_a_class_monitor_paying_for_six_orders_within_minutes_is_not_a_burst(shop_a):
    """One phone ordering for classmates (or an office sending gifts) pays: not 炸店."""
    monitor = make_buyer(shop_a)
    orders = [
        make_order(shop_a, buyer=monitor, status=Order.Status.PAID, receiver=f"同学{i}",
                   ordered_at=NOW - timedelta(minutes=20 - 3 * i))
        for i in range(6)
    ]  # fmt: skip
    orders.append(
        make_order(shop_a, buyer=monitor, status=Order.Status.CANCELLED, ordered_at=NOW - timedelta(minutes=1))
    )
    screen(shop_a, orders)
    assert not any("burst_buyer" in codes(o) for o in orders)


def group_burst_orders(shop, *, unpaid: int) -> list[Order]:
    buyers = [make_buyer(shop) for _ in range(4)]
    for other in buyers[1:]:
        link(shop, buyers[0], other)
    return [
        make_order(shop, buyer=buyers[i % 4], sku_id=f"S{i}", ordered_at=NOW - timedelta(minutes=16 - 2 * i),
                   status=Order.Status.UNPAID if i < unpaid else Order.Status.PAID)
        for i in range(8)
    ]  # fmt: skip


def test_linked_group_burst_fires_across_accounts(shop_a):
    orders = group_burst_orders(shop_a, unpaid=4)
    screen(shop_a, orders)
    assert "burst_group" in codes(orders[7])  # placed by buyers[3], linked to buyers[0]


def test_linked_group_that_pays_for_its_many_orders_is_not_a_burst(shop_a):
    # An office ordering a gift for each colleague from a few linked accounts: paid, not bombing.
    orders = group_burst_orders(shop_a, unpaid=3)
    screen(shop_a, orders)
    assert not any("burst_group" in codes(o) for o in orders)


def test_sku_burst_fires_when_few_accounts_drain_one_sku(shop_a):
    bombers = [make_buyer(shop_a) for _ in range(3)]
    crowd = [make_order(shop_a, sku_id="HOT", ordered_at=NOW - timedelta(minutes=10, seconds=i)) for i in range(20)]
    bomb = [
        make_order(shop_a, buyer=bombers[i % 3], sku_id="HOT", ordered_at=NOW - timedelta(minutes=9, seconds=-20 * i))
        for i in range(16)
    ]
    screen(shop_a, crowd + bomb)
    assert "burst_sku" in codes(bomb[-1])
    assert not any("burst_sku" in codes(o) for o in crowd)  # many accounts, one order each


def test_inventory_lock_fires_on_bulk_order_from_a_new_account(shop_a):
    order = make_order(shop_a, quantity=50, status=Order.Status.UNPAID)
    screen(shop_a, [order])
    assert {"inventory_lock", "quantity"} <= codes(order)
    assert order.risk_state == "flagged"


def test_inventory_lock_fires_on_many_unshipped_orders_of_a_linked_group(shop_a):
    a, b = make_buyer(shop_a), make_buyer(shop_a)
    link(shop_a, a, b)
    orders = [
        make_order(shop_a, buyer=(a, b)[i % 2], sku_id="LOCK", ordered_at=NOW - timedelta(hours=10 - 2 * i))
        for i in range(4)
    ]
    screen(shop_a, orders)
    assert "inventory_lock" in codes(orders[3])
    assert "inventory_lock" not in codes(orders[0])


def test_shipped_orders_do_not_count_as_locking_stock(shop_a):
    a, b = make_buyer(shop_a), make_buyer(shop_a)
    link(shop_a, a, b)
    orders = [
        make_order(
            shop_a,
            buyer=(a, b)[i % 2],
            sku_id="LOCK",
            ordered_at=NOW - timedelta(hours=10 - 2 * i),
            shipped_at=NOW - timedelta(hours=10 - 2 * i, minutes=-30),
        )
        for i in range(4)
    ]
    screen(shop_a, orders)
    assert "inventory_lock" not in codes(orders[3])


def test_refund_rate_fires_over_enough_orders_only(shop_a):
    refunder, newcomer = make_buyer(shop_a), make_buyer(shop_a)
    history = [make_order(shop_a, buyer=refunder, status=Order.Status.REFUNDED, sku_id=f"R{i}") for i in range(4)]
    current = make_order(shop_a, buyer=refunder)
    once = make_order(shop_a, buyer=newcomer, status=Order.Status.REFUNDED)
    fresh = make_order(shop_a, buyer=newcomer)
    screen(shop_a, [*history, current, once, fresh])
    assert "refund_rate" in codes(current)
    assert "refund_rate" not in codes(fresh)  # 1 of 2 orders: too few to judge


def test_refund_rate_of_a_linked_group_counts_all_its_accounts(shop_a):
    buyers = [make_buyer(shop_a) for _ in range(3)]
    link(shop_a, buyers[0], buyers[1])
    link(shop_a, buyers[0], buyers[2])
    orders = [
        make_order(shop_a, buyer=buyers[i % 3], status=Order.Status.CANCELLED, ordered_at=NOW - timedelta(days=i))
        for i in range(5)
    ]
    current = make_order(shop_a, buyer=buyers[0])
    screen(shop_a, [*orders, current])
    assert "refund_rate_group" in codes(current)


def test_no_purchase_limit_unless_the_shop_sets_one(shop_a):
    """Wholesale buyers legitimately buy many units: the default policy limits nothing."""
    buyer = make_buyer(shop_a)
    order = make_order(shop_a, buyer=buyer, quantity=40, status=Order.Status.COMPLETED)
    screen(shop_a, [order])
    assert "sku_limit" not in codes(order)


def test_purchase_limit_counts_one_sku_per_buyer_per_day(shop_a, alice):
    policy_save(shop=shop_a, values={"sku_daily_limit": 10}, user=alice)
    buyer = make_buyer(shop_a)
    morning = timezone.localtime(NOW).replace(hour=9, minute=0)
    orders = [
        make_order(shop_a, buyer=buyer, quantity=4, ordered_at=morning + timedelta(hours=3 * i)) for i in range(3)
    ]
    screen(shop_a, orders)
    assert "sku_limit" not in codes(orders[1])  # 8 units so far
    assert "sku_limit" in codes(orders[2])  # 12 > 10


def test_a_skus_own_purchase_limit_replaces_the_shop_wide_one(shop_a, alice):
    """A promotion SKU limited to 2 a day flags a third unit; a SKU set to 0 is never limited;
    every other SKU keeps the shop-wide 10."""
    policy_save(shop=shop_a, values={"sku_daily_limit": 10, "sku_limits": "PROMO=2\nBULK=0"}, user=alice)
    buyer = make_buyer(shop_a)
    morning = timezone.localtime(NOW).replace(hour=9, minute=0)
    promo = [make_order(shop_a, buyer=buyer, sku_id="PROMO", ordered_at=morning + timedelta(hours=i)) for i in range(3)]
    bulk = make_order(shop_a, buyer=buyer, sku_id="BULK", quantity=12, ordered_at=morning)
    other = make_order(shop_a, buyer=buyer, sku_id="OTHER", quantity=12, ordered_at=morning)
    screen(shop_a, [*promo, bulk, other])

    assert "sku_limit" not in codes(promo[1])  # 2 units: at the limit
    assert "sku_limit" in codes(promo[2])
    message = next(r["message"] for r in promo[2].risk_reasons if r["code"] == "sku_limit")
    assert message == "当天购买该商品 3 件，超过该商品的单品限购 2 件"
    assert "sku_limit" not in codes(bulk)
    assert "sku_limit" in codes(other)  # 12 > the shop's 10


def test_quantity_anomaly_compares_with_the_skus_usual_quantity(shop_a):
    ordinary(shop_a, n=5, sku_id="BULKY")
    big = make_order(shop_a, sku_id="BULKY", quantity=6)
    screen(shop_a, [big])
    assert "quantity" in codes(big)


def test_warming_caches_every_skus_usual_quantity_so_screening_asks_nothing(shop_a, django_assert_num_queries):
    for _ in range(MIN_SKU_SAMPLE):
        make_order(shop_a, sku_id="BULKY", quantity=3)
    make_order(shop_a, sku_id="RARE", quantity=7)  # too few orders to know: one unit
    make_order(shop_a, sku_id="OLD", quantity=9, ordered_at=timezone.now() - timedelta(days=120))

    assert sku_normals_warm(shop_a.pk) == 2

    with django_assert_num_queries(0):
        usual = sku_baselines(shop_a.pk, ["BULKY", "RARE"])
        assert {sku: baseline.quantity for sku, baseline in usual.items()} == {"BULKY": 3.0, "RARE": 1.0}


def test_address_keyword_receiver_gibberish_and_masked_identity(shop_a):
    pickup = make_order(shop_a, address="科技园南路菜鸟驿站12号")
    gibberish = make_order(shop_a, receiver="asdfgh")
    masked = make_order(shop_a, receiver="林*坤", phone="138****5678")
    screen(shop_a, [pickup, gibberish, masked])
    assert "address_keyword" in codes(pickup)
    assert "receiver_gibberish" in codes(gibberish)
    assert "masked_identity" in codes(masked)


def test_admin_edited_keywords_are_used(shop_a, alice):
    policy_save(shop=shop_a, values={"address_keywords": "代收\n蜂巢柜"}, user=alice)
    order = make_order(shop_a, address="科技园南路蜂巢柜")
    screen(shop_a, [order])
    assert "address_keyword" in codes(order)
    assert order.policy_version == 2


def test_credit_below_floor_sends_the_next_order_to_review(shop_a):
    buyer = make_buyer(shop_a, credit_score=40, restricted=True)
    order = make_order(shop_a, buyer=buyer)
    verdict = screen(shop_a, [order])[order.pk]
    assert verdict.decision == "review" and "credit_low" in codes(order)


def test_restricted_buyers_can_be_blocked_by_policy(shop_a, alice):
    policy_save(shop=shop_a, values={"restricted_action": "block"}, user=alice)
    order = make_order(shop_a, buyer=make_buyer(shop_a, credit_score=40, restricted=True))
    assert screen(shop_a, [order])[order.pk].decision == "block"


def test_blacklisted_phone_blocks_and_counts_a_hit(shop_a):
    entry = blacklist_add(shop_id=shop_a.pk, kind=Kind.PHONE, value="13912345678", reason="恶意拍单")
    order = make_order(shop_a, phone="+86 139-1234-5678")
    verdict = screen(shop_a, [order])[order.pk]
    assert verdict.decision == "block" and verdict.score == 100
    assert "blacklist" in codes(order)
    assert order.risk_reasons[0]["message"] == "命中黑名单（手机号：13912345678）：恶意拍单"
    assert EntryHit.objects.filter(entry=entry, order_id=order.pk, linked=False).exists()


def test_blacklisted_linked_buyer_flags_the_order(shop_a):
    listed = make_buyer(shop_a, key="13912345678")
    buyer = make_buyer(shop_a)
    link(shop_a, listed, buyer)
    blacklist_add(shop_id=shop_a.pk, kind=Kind.PHONE, value="13912345678")
    order = make_order(shop_a, buyer=buyer, phone=buyer.key)
    verdict = screen(shop_a, [order])[order.pk]
    assert "blacklist_linked" in codes(order) and verdict.decision == "review"
    assert order.risk_reasons[0]["message"] == "关联账号在黑名单中（手机号：13912345678）"


def test_allowlisted_buyer_is_not_flagged_for_frequency(shop_a):
    buyer = make_buyer(shop_a, key="13700001111")
    blacklist_add(shop_id=shop_a.pk, kind=Kind.PHONE, value="13700001111", list_type=ListType.ALLOW)
    orders = [
        make_order(shop_a, buyer=buyer, phone="13700001111", quantity=30, ordered_at=NOW - timedelta(minutes=i))
        for i in range(6)
    ]
    verdicts = screen(shop_a, orders)
    assert {v.decision for v in verdicts.values()} == {"allow"}
    assert codes(orders[0]) == {"allowlisted"}
    orders[0].refresh_from_db()
    assert orders[0].risk_reasons[0]["weight"] == 0


def test_closed_history_keeps_its_verdict_without_entering_the_queue(shop_a):
    buyer = make_buyer(shop_a)
    orders = [
        make_order(shop_a, buyer=buyer, status=Order.Status.CANCELLED, ordered_at=NOW - timedelta(minutes=i))
        for i in range(6)
    ]
    screen(shop_a, orders)
    for order in orders:
        order.refresh_from_db()
        assert order.risk_state == "allowed"
    assert orders[0].risk_decision in ("review", "block") and orders[0].risk_score >= 40


def test_an_order_a_person_decided_is_never_rescreened(shop_a):
    buyer = make_buyer(shop_a, credit_score=10, restricted=True)
    approved = make_order(shop_a, buyer=buyer, risk_state=Order.RiskState.APPROVED, risk_score=5)
    claimed = make_order(shop_a, buyer=buyer, risk_state=Order.RiskState.IN_REVIEW, risk_score=50)
    screen(shop_a, [approved, claimed])
    approved.refresh_from_db()
    claimed.refresh_from_db()
    assert (approved.risk_state, approved.risk_score) == ("approved", 5)
    assert (claimed.risk_state, claimed.risk_score) == ("in_review", 50)


def test_screening_records_the_policy_version(shop_a):
    order = make_order(shop_a)
    screen(shop_a, [order])
    order.refresh_from_db()
    assert order.policy_version == policy_current(shop_id=shop_a.pk).version == 1


def test_orders_changed_screens_demo_attacks_and_spares_normal_shoppers(shop_a):
    from tests.bench.labelled import demo_rows, load_rows

    labels = load_rows(shop_a, demo_rows(normal=1500, seed=3))
    jobs.orders_changed(shop_a.pk, list(labels))
    decisions = dict(Order.objects.filter(shop=shop_a).values_list("pk", "risk_decision"))
    attack = [pk for pk, label in labels.items() if label]
    normal = [pk for pk, label in labels.items() if not label]
    caught = sum(decisions[pk] != "allow" for pk in attack)
    false = sum(decisions[pk] != "allow" for pk in normal)
    assert caught >= 0.9 * len(attack)
    assert false <= 0.02 * len(normal)
    pending = Order.objects.filter(pk__in=attack, status=Order.Status.PAID)
    assert set(pending.values_list("risk_state", flat=True)) == {"flagged"}


def test_screening_queries_do_not_grow_with_orders(shop_a, shop_b):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def count(shop, n):
        orders = ordinary(shop, n=n)
        screen(shop, orders)  # the default policy is saved on the first run
        Order.objects.filter(shop=shop).update(risk_score=None)
        with CaptureQueriesContext(connection) as context:
            screen(shop, orders)
        return len(context)

    assert count(shop_a, 30) == count(shop_b, 3)
