"""Identity on import: the strongest key wins, weak keys say so, and shared phones or addresses
link buyers (rings become visible), all with a fixed number of queries per batch."""

import pytest

from reviews.models import Buyer, BuyerLink, Order
from reviews.services.identity import LINK_CROWDED_ORDERS, buyers_link, crowded_forget
from reviews.services.importing import passes
from reviews.services.importing.passes import import_run
from tests.reviews.importing_helpers import import_file, pdd_row, pdd_rows, write_csv

pytestmark = pytest.mark.django_db


def test_full_phone_identifies_a_buyer_strongly_across_orders(tmp_path, shop_a):
    rows = [pdd_row(订单号="1", 手机="138 0013 8000"), pdd_row(订单号="2", 手机="+86 13800138000", 收货人="王小伟")]
    import_file(write_csv(tmp_path / "a.csv", rows), shop_a)
    buyer = Buyer.objects.get()
    assert (buyer.key_kind, buyer.key, buyer.confidence) == ("phone", "13800138000", "strong")
    assert buyer.masked_phone == "138****8000"
    assert Order.objects.filter(buyer=buyer).count() == 2


def test_masked_phone_counts_only_with_name_and_address(tmp_path, shop_a):
    rows = [
        pdd_row(订单号="1", 手机="138****5678", 收货人="林*坤"),
        pdd_row(订单号="2", 手机="138****5678", 收货人="", 收货地址="", 省="", 市="", 区="", 街道=""),
    ]
    import_file(write_csv(tmp_path / "a.csv", rows), shop_a)
    first, second = Order.objects.order_by("order_no").select_related("buyer")
    assert first.buyer.key_kind == "masked_phone" and first.buyer.confidence == "masked"
    assert second.buyer is None


def test_receiver_and_address_is_a_weak_identity(tmp_path, shop_a):
    rows = [pdd_row(订单号="1", 手机=""), pdd_row(订单号="2", 手机="", 收货地址="广东 深圳 南山 科技园南路8号3栋101室")]
    import_file(write_csv(tmp_path / "a.csv", rows), shop_a)
    buyer = Buyer.objects.get()
    assert buyer.key_kind == "receiver_address" and buyer.confidence == "weak"
    assert Order.objects.filter(buyer=buyer).count() == 2


def test_buyers_sharing_a_phone_are_linked(tmp_path, shop_a):
    rows = [
        {"订单编号": "1", "买家会员名": "tb_a", "联系手机": "13900001111", "订单状态": "交易成功"},
        {"订单编号": "2", "买家会员名": "tb_b", "联系手机": "'13900001111", "订单状态": "交易成功"},
    ]
    import_file(write_csv(tmp_path / "a.csv", rows), shop_a)
    link = BuyerLink.objects.get()
    assert link.via == "phone" and link.key == "13900001111" and link.buyer_a_id < link.buyer_b_id


def test_ring_sharing_an_address_is_linked_across_imports(tmp_path, shop_a):
    point = "广东省深圳市南山区科技园南路菜鸟驿站12号"
    import_file(write_csv(tmp_path / "1.csv", [pdd_row(订单号="1", 手机="13900000001", 收货地址=point)]), shop_a)
    later = [
        pdd_row(订单号="2", 手机="13900000002", 收货人="张三", 收货地址=point),
        pdd_row(订单号="3", 手机="13900000003", 收货人="王伟", 收货地址=point),
    ]
    import_file(write_csv(tmp_path / "2.csv", later), shop_a)
    assert Buyer.objects.count() == 3
    assert BuyerLink.objects.filter(via="address").count() == 3  # every pair of the three
    # 王伟 at the same point under two phones: also linked as the same receiver at that address.
    assert BuyerLink.objects.filter(via="receiver_address").count() == 1
    ring = Buyer.objects.get(key="13900000001")
    assert Buyer.objects.linked_to(ring).count() == 2


def test_region_only_addresses_never_link_buyers(tmp_path, shop_a):
    rows = [pdd_row(订单号=str(n), 手机=f"1390000000{n}", 收货地址="") for n in range(3)]
    import_file(write_csv(tmp_path / "a.csv", rows), shop_a)
    assert not BuyerLink.objects.exists()


def test_lookups_per_batch_do_not_grow_with_rows(tmp_path, shop_a, monkeypatch):
    """SELECTs are per batch, not per row. (SQLite splits a big INSERT into chunks of its
    variable limit; PostgreSQL sends one statement, so only SELECTs are compared.)"""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    monkeypatch.setattr(passes, "BATCH_ROWS", 10_000)
    small = write_csv(tmp_path / "small.csv", pdd_rows(20, seed=1))
    big = write_csv(tmp_path / "big.csv", pdd_rows(1500, seed=2, prefix="B"))
    counts = []
    for path in (small, big):
        with CaptureQueriesContext(connection) as queries:
            import_run(path=path, shop_id=shop_a.pk)
        counts.append(sum(1 for q in queries.captured_queries if q["sql"].startswith("SELECT")))
    assert counts[0] == counts[1] <= 4
    assert Order.objects.count() > 1500


def test_buyer_first_and_last_order_times_cover_every_imported_order_and_never_shrink(tmp_path, shop_a, monkeypatch):
    monkeypatch.setattr(passes, "BATCH_ROWS", 2)  # the buyer is created in one batch, seen again in the next

    def at(day):
        return {"订单成交时间": f"2025-11-{day:02d} 10:00:00", "支付时间": ""}

    rows = [pdd_row(订单号="1", **at(10)), pdd_row(订单号="X", 手机="13900000000"), pdd_row(订单号="2", **at(12))]
    import_file(write_csv(tmp_path / "a.csv", rows), shop_a)
    buyer = Buyer.objects.get(key="13800138000")
    assert (buyer.first_seen_at.day, buyer.last_order_at.day) == (10, 12)

    # A later file: one order inside the range (changes nothing), one earlier, one later.
    rows = [pdd_row(订单号="3", **at(11)), pdd_row(订单号="4", **at(8)), pdd_row(订单号="5", **at(15))]
    import_file(write_csv(tmp_path / "b.csv", rows), shop_a)
    buyer.refresh_from_db()
    assert (buyer.first_seen_at.day, buyer.last_order_at.day) == (8, 15)

    import_file(write_csv(tmp_path / "c.csv", [pdd_row(订单号="6", **at(9))]), shop_a)
    buyer.refresh_from_db()
    assert (buyer.first_seen_at.day, buyer.last_order_at.day) == (8, 15)
    assert Buyer.objects.get(key="13900000000").first_seen_at.day == 20  # pdd_row's own date


def test_a_crowded_pickup_point_links_nobody(shop_a):
    """A station that hundreds of orders are collected at is not an identity: past
    ``LINK_CROWDED_ORDERS`` orders its address links no one, and a check arriving there does not
    read all of its orders (the database leaves the crowded key out)."""
    from tests.conftest import make_buyer

    station = "广东深圳南山粤海街道科技园南路1号菜鸟驿站"
    regular = make_buyer(shop_a, key="13900000000")
    Order.objects.bulk_create(
        [
            Order(shop=shop_a, order_no=f"S{i}", buyer=regular, phone_key=regular.key, address_key=station)
            for i in range(LINK_CROWDED_ORDERS + 1)
        ]
    )
    newcomer = make_buyer(shop_a, key="13700000000")
    Order.objects.create(shop=shop_a, order_no="NEW", buyer=newcomer, phone_key=newcomer.key, address_key=station)
    row = {"buyer_id_resolved": newcomer.pk, "phone_key": "13700000000", "address_key": station, "receiver": "王伟"}
    assert buyers_link(shop_id=shop_a.pk, rows=[row]) == 0
    assert not BuyerLink.objects.filter(shop=shop_a).exists()

    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as ctx:  # the next check there does not count it again
        assert buyers_link(shop_id=shop_a.pk, rows=[row]) == 0
    assert [q["sql"] for q in ctx.captured_queries if station in q["sql"]] == []

    Order.objects.filter(order_no__in=[f"S{i}" for i in range(3, LINK_CROWDED_ORDERS + 1)]).delete()
    assert buyers_link(shop_id=shop_a.pk, rows=[row]) == 0  # the station is remembered crowded for a while
    crowded_forget()  # an hour later
    assert buyers_link(shop_id=shop_a.pk, rows=[row]) == 1  # an ordinary shared address links
