"""The signals that hold when attackers evade the obvious: each fires on its attack and not on the
honest shape that resembles it, and earlier orders of an attack are flagged once it shows."""

from datetime import timedelta

import pytest
from django.utils import timezone

from reviews import jobs
from reviews.models import Buyer, BuyerLink, Order
from reviews.services.screening.baselines import sku_normals_warm
from tests.conftest import make_buyer, make_order
from tests.reviews.importing_helpers import import_file, pdd_row, write_csv
from tests.reviews.test_screening import codes, screen

pytestmark = pytest.mark.django_db

NOW = timezone.now()


def usual_trade(shop, sku_id: str, *, days: int = 10, per_day: int = 4, quantity: int = 1, cancelled_every=0):
    """A SKU's ordinary month: repeat-free shoppers, paid and received (every ``cancelled_every``-th cancelled)."""
    n = 0
    for day in range(1, days + 1):
        for i in range(per_day):
            n += 1
            status = Order.Status.CANCELLED if cancelled_every and n % cancelled_every == 0 else Order.Status.COMPLETED
            make_order(
                shop, sku_id=sku_id, quantity=quantity, status=status,
                ordered_at=NOW - timedelta(days=day, hours=i),
            )  # fmt: skip
    sku_normals_warm(shop.pk)


def one_off_orders(shop, sku_id: str, count: int, *, start, minutes: float, cancelled: int, quantity: int = 1):
    """``count`` orders from as many fresh accounts within ``minutes``; the first ``cancelled`` cancelled."""
    return [
        make_order(
            shop,
            sku_id=sku_id,
            quantity=quantity,
            buyer=make_buyer(shop),
            status=Order.Status.CANCELLED if i < cancelled else Order.Status.PAID,
            ordered_at=start + timedelta(seconds=i * 60 * minutes / count),
        )  # fmt: skip
        for i in range(count)
    ]


def test_bombing_by_many_one_off_accounts_is_flagged(shop_a):
    usual_trade(shop_a, "TEA", cancelled_every=20)
    bomb = one_off_orders(shop_a, "TEA", 40, start=NOW - timedelta(hours=2), minutes=12, cancelled=32)
    screen(shop_a, bomb)
    flagged = [o for o in bomb if "sku_bombing" in codes(o)]
    # Every cancelled one, and the paid ones too: their accounts exist for this burst only.
    assert len(flagged) == 40
    assert bomb[-1].risk_decision != "allow"


def test_bombing_of_a_product_with_little_history_is_judged_by_the_shops_usual_cancellations(shop_a):
    """A new product has no days of its own to say what is usual: the attack on it must not be
    taken for its usual share."""
    usual_trade(shop_a, "TEA", cancelled_every=20)
    one_off_orders(shop_a, "NEW", 6, start=NOW - timedelta(days=1), minutes=600, cancelled=0)
    bomb = one_off_orders(shop_a, "NEW", 40, start=NOW - timedelta(hours=2), minutes=12, cancelled=32)
    sku_normals_warm(shop_a.pk)
    screen(shop_a, bomb)
    assert all("sku_bombing" in codes(o) for o in bomb)


def test_a_flash_sale_with_ordinary_cancellations_is_not_bombing(shop_a):
    usual_trade(shop_a, "TEA", cancelled_every=20)
    sale = one_off_orders(shop_a, "TEA", 300, start=NOW - timedelta(hours=2), minutes=5, cancelled=18)
    screen(shop_a, sale)
    assert not any("sku_bombing" in codes(o) for o in sale)
    assert {o.risk_decision for o in sale} == {"allow"}  # codes() refreshed each order


def test_first_orders_of_a_burst_are_flagged_in_hindsight_when_the_burst_shows(shop_a):
    usual_trade(shop_a, "TEA", cancelled_every=20)
    start = NOW - timedelta(minutes=30)
    first = one_off_orders(shop_a, "TEA", 4, start=start, minutes=2, cancelled=0)
    jobs.orders_screen(shop_a.pk, [o.pk for o in first])  # what an import does with its file
    assert all(codes(o) == set() for o in first)  # four paid orders: nothing to see yet

    rest = one_off_orders(shop_a, "TEA", 30, start=start + timedelta(minutes=2), minutes=8, cancelled=26)
    jobs.orders_screen(shop_a.pk, [o.pk for o in rest])
    for order in first:
        assert "sku_bombing" in codes(order)
        assert order.risk_state == Order.RiskState.FLAGGED  # still unshipped: back in the queue


def test_shipped_orders_are_not_requeued_in_hindsight_but_keep_counting(shop_a):
    usual_trade(shop_a, "TEA", cancelled_every=20)
    start = NOW - timedelta(minutes=30)
    shipped = make_order(shop_a, sku_id="TEA", buyer=make_buyer(shop_a), status=Order.Status.SHIPPED, ordered_at=start)
    jobs.orders_screen(shop_a.pk, [shipped.pk])
    rest = one_off_orders(shop_a, "TEA", 30, start=start + timedelta(minutes=1), minutes=8, cancelled=26)
    jobs.orders_screen(shop_a.pk, [o.pk for o in rest])
    shipped.refresh_from_db()
    assert shipped.risk_state == Order.RiskState.ALLOWED and shipped.risk_reasons == []
    assert any("sku_bombing" in codes(o) for o in rest)


def test_inventory_lock_is_several_times_the_usual_quantity_left_unpaid(shop_a):
    usual_trade(shop_a, "CUP", quantity=1)
    lock = make_order(shop_a, sku_id="CUP", quantity=6, status=Order.Status.CANCELLED, buyer=make_buyer(shop_a))
    screen(shop_a, [lock])
    assert "inventory_lock" in codes(lock)
    assert lock.risk_decision != "allow"


def test_wholesale_buyer_who_pays_for_bulk_is_not_inventory_lock(shop_a):
    usual_trade(shop_a, "CUP", quantity=1)
    shop_owner = make_buyer(shop_a)
    orders = [
        make_order(
            shop_a,
            sku_id="CUP",
            quantity=30,
            buyer=shop_owner,
            ordered_at=NOW - timedelta(days=day),
            status=Order.Status.COMPLETED if day > 2 else Order.Status.PAID,
        )  # fmt: skip
        for day in (1, 5, 9)
    ]
    screen(shop_a, orders)
    for order in orders:
        assert "inventory_lock" not in codes(order)
        assert order.risk_decision == "allow"


def history(shop, buyer, statuses):
    return [
        make_order(shop, buyer=buyer, status=status, ordered_at=NOW - timedelta(days=3 * i + 1))
        for i, status in enumerate(statuses)
    ]


def test_serial_refunder_is_flagged_where_an_honest_returner_of_a_high_return_shop_is_not(shop_a):
    # An apparel-like shop: one order in four comes back.
    for i in range(80):
        make_order(shop_a, status=Order.Status.REFUNDED if i % 4 == 0 else Order.Status.COMPLETED,
                   ordered_at=NOW - timedelta(days=1 + i % 20))  # fmt: skip
    sku_normals_warm(shop_a.pk)
    R, C = Order.Status.REFUNDED, Order.Status.COMPLETED
    refunder = history(shop_a, make_buyer(shop_a), [R, R, R, R, R, C])
    returner = history(shop_a, make_buyer(shop_a), [R, C, R, C, C, R, C])
    screen(shop_a, refunder + returner)
    assert all("refund_rate" in codes(o) for o in refunder)
    assert not any({"refund_rate", "credit_low"} & codes(o) for o in returner)


def test_the_same_refund_share_is_unusual_in_a_shop_where_returns_are_rare(shop_a):
    for i in range(80):
        make_order(shop_a, status=Order.Status.COMPLETED, ordered_at=NOW - timedelta(days=1 + i % 20))
    sku_normals_warm(shop_a.pk)
    R, C = Order.Status.REFUNDED, Order.Status.COMPLETED
    buyer = history(shop_a, make_buyer(shop_a), [R, C, R, C, R])
    screen(shop_a, buyer)
    assert all("refund_rate" in codes(o) for o in buyer)


def shipped_history(shop, buyer, statuses):
    return [
        make_order(shop, buyer=buyer, status=status, ordered_at=NOW - timedelta(days=3 * i + 4),
                   shipped_at=NOW - timedelta(days=3 * i + 3))
        for i, status in enumerate(statuses)
    ]  # fmt: skip


def test_a_refunder_stands_out_among_shipped_orders_where_unpaid_closes_are_common(shop_a):
    """Many honest orders close unpaid here, so cancel-or-refund shares say little; refunds of
    what shipped are rare, and three of six is not chance."""
    for i in range(100):
        status = Order.Status.CANCELLED if i % 4 == 0 else Order.Status.COMPLETED
        shipped = None if status == Order.Status.CANCELLED else NOW - timedelta(days=1 + i % 20)
        make_order(shop_a, status=status, shipped_at=shipped, ordered_at=NOW - timedelta(days=2 + i % 20))
    sku_normals_warm(shop_a.pk)
    R, C = Order.Status.REFUNDED, Order.Status.COMPLETED
    refunder = shipped_history(shop_a, make_buyer(shop_a), [R, C, R, C, R, C])
    honest = shipped_history(shop_a, make_buyer(shop_a), [R, C, C, C, C, C])
    screen(shop_a, refunder + honest)
    assert all("refund_rate" in codes(o) for o in refunder)
    assert "已发货订单中 3 笔退款" in refunder[0].risk_reasons[0]["message"]
    assert not any("refund_rate" in codes(o) for o in honest)


def test_an_apparel_returner_is_not_a_refunder_among_shipped_orders_either(shop_a):
    for i in range(80):
        status = Order.Status.REFUNDED if i % 4 == 0 else Order.Status.COMPLETED
        shipped, ordered = NOW - timedelta(days=1 + i % 20), NOW - timedelta(days=2 + i % 20)
        make_order(shop_a, status=status, shipped_at=shipped, ordered_at=ordered)
    sku_normals_warm(shop_a.pk)
    R, C = Order.Status.REFUNDED, Order.Status.COMPLETED
    returner = shipped_history(shop_a, make_buyer(shop_a), [R, C, R, C, C, R, C])
    screen(shop_a, returner)
    assert not any({"refund_rate", "credit_low"} & codes(o) for o in returner)


RING_ADDRESSES = ["书香门第3幢502室", "书香门第３栋 502", "书香门第 3号楼502", "书香门第3栋502"]


def test_a_ring_writing_one_address_several_ways_links_up_behind_masked_phones(tmp_path, shop_a):
    rows = [
        pdd_row(订单号=f"R{i}", 收货人=name, 手机=f"13{i % 2}****{1000 + i % 2}",
                收货地址=f"广东省深圳市南山区粤海街道{RING_ADDRESSES[i % 4]}", 订单状态="已取消")
        for i, name in enumerate(["林一", "陈二", "张三", "李四", "王五", "赵六", "周七", "吴八"])
    ]  # fmt: skip
    import_file(write_csv(tmp_path / "ring.csv", rows), shop_a)
    assert Buyer.objects.count() == 8
    ring = Buyer.objects.first()
    assert Buyer.objects.linked_to(ring).count() == 7


def test_a_family_of_three_at_one_address_is_not_a_ring(shop_a):
    members = [make_buyer(shop_a) for _ in range(3)]
    for a in members:
        for b in members:
            if a.pk < b.pk:
                BuyerLink.objects.create(shop=shop_a, buyer_a=a, buyer_b=b, via=BuyerLink.Via.ADDRESS, key="home")
    orders = [
        make_order(shop_a, buyer=m, status=Order.Status.COMPLETED, ordered_at=NOW - timedelta(days=day + 3),
                   shipped_at=NOW - timedelta(days=day + 2))
        for day, m in enumerate(members * 2)
    ]  # fmt: skip
    screen(shop_a, orders)
    assert not any("ring_accounts" in codes(o) for o in orders)
    assert {o.risk_decision for o in orders} == {"allow"}


def test_detailed_address_in_the_street_column_still_links_two_phones(tmp_path, shop_a):
    """Older PDD exports put the house number in 街道 and repeat it in 收货地址."""
    street = "粤海街道科技南十二路18号3栋502"
    rows = [
        pdd_row(订单号="A1", 手机="13800000001", 收货人="王伟", 街道=street, 收货地址=f"广东省深圳市南山区{street}"),
        pdd_row(订单号="A2", 手机="13900000002", 收货人="王伟", 街道=street, 收货地址=f"广东省深圳市南山区{street}"),
    ]
    import_file(write_csv(tmp_path / "street.csv", rows), shop_a)
    first, second = Order.objects.order_by("order_no")
    assert first.address_key and first.address_key == second.address_key
    assert BuyerLink.objects.filter(via=BuyerLink.Via.ADDRESS).count() == 1


def test_a_refunders_history_follows_them_through_a_masked_export_despite_retyped_addresses(tmp_path, shop_a):
    details = ["科技南十二路18号3栋502", "科技南十二路18号 3栋502室", "科技南12路18号3-502"]
    rows = [
        pdd_row(订单号=f"M{i}", 收货人="林志坤", 手机="138****5678", 街道="粤海街道",
                收货地址=f"广东省深圳市南山区粤海街道{details[i % 3]}", 订单状态="已收货", 售后状态="退款成功",
                订单成交时间=f"2025-11-{10 + i:02d} 10:00:00")
        for i in range(5)
    ]  # fmt: skip
    import_file(write_csv(tmp_path / "masked.csv", rows), shop_a)
    buyer = Buyer.objects.get()
    assert buyer.confidence == Buyer.Confidence.MASKED
    assert Order.objects.filter(buyer=buyer).count() == 5


def test_a_check_api_order_that_shows_a_burst_flags_its_earlier_orders(
    client, shop_a, alice, django_capture_on_commit_callbacks
):
    from reviews.services.tokens import api_token_create

    token = api_token_create(shop=shop_a, name="ERP", user=alice)[1]
    usual_trade(shop_a, "TEA", cancelled_every=20)
    start = NOW - timedelta(minutes=20)
    first = one_off_orders(shop_a, "TEA", 4, start=start, minutes=2, cancelled=0)
    jobs.orders_screen(shop_a.pk, [o.pk for o in first])
    assert all(codes(o) == set() for o in first)
    one_off_orders(shop_a, "TEA", 26, start=start + timedelta(minutes=2), minutes=6, cancelled=24)
    body = {"order_no": "API-B1", "sku_id": "TEA", "phone": "13912340000", "receiver": "新号",
            "ordered_at": (start + timedelta(minutes=9)).isoformat()}  # fmt: skip
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/api/v1/check", body, content_type="application/json",
                               HTTP_AUTHORIZATION=f"Bearer {token}")  # fmt: skip
    assert "sku_bombing" in {r["code"] for r in response.json()["reasons"]}
    for order in first:
        assert "sku_bombing" in codes(order)
        assert order.risk_state == Order.RiskState.FLAGGED


def test_names_behind_one_masked_phone_in_one_street_are_linked_but_not_across_districts(tmp_path, shop_a):
    """A masked phone within one district and street is one person (it is how a privacy export
    names a buyer), so the names it orders under in a masked export link up."""
    here = "广东省深圳市南山区粤海街道海岸城"
    rows = [
        pdd_row(订单号="N1", 收货人="赵先生", 手机="139****2211", 街道="粤海街道", 收货地址=f"{here}1栋101"),
        pdd_row(订单号="N2", 收货人="钱女士", 手机="139****2211", 街道="粤海街道", 收货地址=f"{here}2栋302"),
        pdd_row(订单号="N3", 收货人="孙先生", 手机="139****2211", 区="福田区", 街道="华强北街道",
                收货地址="广东省深圳市福田区华强北街道赛格广场5楼"),
    ]  # fmt: skip
    import_file(write_csv(tmp_path / "masked.csv", rows), shop_a)
    zhao, qian, sun = (Order.objects.get(order_no=n).buyer for n in ("N1", "N2", "N3"))
    assert len({zhao, qian, sun}) == 3
    assert set(Buyer.objects.linked_to(zhao)) == {qian}
    assert not Buyer.objects.linked_to(sun).exists()


NAMES = ["林一", "陈二", "张三", "李四", "王五", "赵六", "周七", "吴八", "郑九", "冯十", "褚十一", "卫十二"]


def ring_rows(phones: list[str], *, days: int, status: str = "已收货") -> list[dict]:
    """Twelve names behind ``phones`` at one flat written several ways, over ``days`` days."""
    start = timezone.localtime(NOW - timedelta(days=days + 1)).replace(tzinfo=None)
    return [
        pdd_row(订单号=f"R{i}", 收货人=name, 手机=phones[i % len(phones)], 订单状态=status,
                订单成交时间=f"{start + timedelta(days=i % days, hours=i):%Y-%m-%d %H:%M:%S}", 支付时间="",
                收货地址=f"广东省深圳市南山区粤海街道{RING_ADDRESSES[i % 4]}")
        for i, name in enumerate(NAMES)
    ]  # fmt: skip


def imported_and_screened(tmp_path, shop, rows: list[dict]) -> list[Order]:
    import_file(write_csv(tmp_path / "orders.csv", rows), shop)
    orders = list(Order.objects.filter(shop=shop))
    screen(shop, orders)
    return orders


def reasons_of(orders: list[Order]) -> set[str]:
    return {code for o in orders for code in codes(o)}


def test_a_dozen_names_behind_three_phones_is_a_ring_even_when_every_order_is_received(tmp_path, shop_a):
    ring = imported_and_screened(tmp_path, shop_a, ring_rows(["13800000001", "13900000002", "13700000003"], days=6))
    assert all("ring_names" in codes(o) for o in ring)
    assert {o.risk_decision for o in ring} != {"allow"}


def test_the_same_ring_behind_masked_phones_is_found_too(tmp_path, shop_a):
    ring = imported_and_screened(tmp_path, shop_a, ring_rows(["138****0001", "139****0002", "137****0003"], days=6))
    assert all("ring_names" in codes(o) for o in ring)


def test_an_office_gift_for_every_colleague_in_one_sitting_is_not_a_ring(tmp_path, shop_a):
    # The office manager's phone on most orders, everyone's own name, all within one afternoon.
    gifts = imported_and_screened(tmp_path, shop_a, ring_rows(["13800000001"], days=1))
    assert "ring_names" not in reasons_of(gifts)


def test_a_group_buy_leader_ordering_for_the_neighbours_every_few_days_is_not_a_ring(tmp_path, shop_a):
    names = NAMES + [f"邻居{n}" for n in range(12)]
    start = timezone.localtime(NOW - timedelta(days=13)).replace(tzinfo=None)
    rows = [
        pdd_row(订单号=f"T{i}", 收货人=name, 手机="13800000001", 订单状态="已收货",
                订单成交时间=f"{start + timedelta(days=3 * (i % 4), minutes=i):%Y-%m-%d %H:%M:%S}", 支付时间="",
                收货地址="广东省深圳市南山区粤海街道书香门第南门王姐便利店")
        for i, name in enumerate(names)
    ]  # fmt: skip
    orders = imported_and_screened(tmp_path, shop_a, rows)
    assert "ring_names" not in reasons_of(orders)


def test_colleagues_each_with_their_own_phone_are_not_a_ring(tmp_path, shop_a):
    orders = imported_and_screened(tmp_path, shop_a, ring_rows([f"1380000{n:04d}" for n in range(12)], days=6))
    assert "ring_names" not in reasons_of(orders)


def left_unpaid(orders: list[Order]) -> None:
    for order in orders:  # placed and left unpaid: the platform has not closed them yet
        order.status = Order.Status.UNPAID
        order.save(update_fields=["status"])


def test_a_bombing_still_in_progress_is_flagged_while_its_orders_sit_unpaid(shop_a):
    usual_trade(shop_a, "PAN", cancelled_every=20)
    bomb = one_off_orders(shop_a, "PAN", 40, start=NOW - timedelta(minutes=25), minutes=12, cancelled=0)
    left_unpaid(bomb[:30])
    screen(shop_a, bomb)
    assert all("sku_bombing" in codes(o) for o in bomb)


def test_a_busy_products_newest_orders_on_their_way_to_being_paid_are_not_bombing(shop_a):
    # A flash sale this very minute: the last orders are not paid yet, only because they are new.
    usual_trade(shop_a, "PAN", cancelled_every=20)
    sale = one_off_orders(shop_a, "PAN", 60, start=NOW - timedelta(minutes=8), minutes=8, cancelled=0)
    left_unpaid(sale[-30:])
    screen(shop_a, sale)
    assert not any("sku_bombing" in codes(o) for o in sale)
