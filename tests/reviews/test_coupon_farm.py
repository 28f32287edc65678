"""羊毛党: fresh accounts taking a shop's cheap item to one place far beyond that place's share of
the shop's orders are flagged; an office, a dorm and a flash sale, which look alike, are not."""

import io
from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.utils import timezone

from reviews.models import Order
from reviews.services.screening.baselines import place_cells_warm, sku_normals_warm
from tests.conftest import make_buyer, make_order
from tests.reviews.importing_helpers import pdd_row, write_csv
from tests.reviews.test_screening import codes, screen

pytestmark = pytest.mark.django_db

NOW = timezone.now()
FULL, TRIAL = Decimal("39.90"), Decimal("9.90")


def regulars(shop, streets: list[str], per_street: int = 2):
    """Established buyers (two orders ten days apart) of the shop's main product in these streets."""
    orders = []
    for i, street in enumerate(streets * per_street):
        buyer = make_buyer(shop)
        for days in (3, 13):
            orders.append(
                make_order(shop, buyer=buyer, sku_id="MAIN", amount_paid=FULL, district="南山区", street=street,
                           status=Order.Status.COMPLETED, ordered_at=NOW - timedelta(days=days, minutes=i))
            )  # fmt: skip
    return orders


def fresh_trials(shop, count: int, *, street, district="南山区", city="深圳市", address_key="", amount=TRIAL, start):
    """``count`` new accounts, one cheap trial-pack order each, within a few evenings."""
    return [
        make_order(
            shop,
            buyer=make_buyer(shop),
            sku_id="TRIAL",
            amount_paid=amount,
            city=city,
            district=district,
            street=street(i) if callable(street) else street,
            address_key=address_key,
            status=Order.Status.PAID,
            ordered_at=start + timedelta(days=i % 3, minutes=7 * i),
        )  # fmt: skip
        for i in range(count)
    ]


STREETS = [f"街道{i}" for i in range(30)]


def test_new_accounts_farming_the_trial_pack_into_one_town_are_flagged(shop_a):
    regulars(shop_a, STREETS)
    regulars(shop_a, ["蕲州镇"], per_street=1)
    farm = fresh_trials(shop_a, 12, city="黄冈市", district="蕲春县", street="蕲州镇", start=NOW - timedelta(days=6))
    sku_normals_warm(shop_a.pk)
    place_cells_warm(shop_a.pk)
    screen(shop_a, farm)
    assert all("coupon_farm" in codes(o) for o in farm)
    assert {o.risk_decision for o in farm} == {"review"}
    message = next(r["message"] for r in farm[0].risk_reasons if r["code"] == "coupon_farm")
    assert "12 个新账号" in message and "蕲春县蕲州镇" in message


def test_a_farm_at_one_parcel_station_is_found_by_its_address_where_the_district_is_busy(shop_a):
    """A plain export: the street column holds the house number, so the place is the address."""
    regulars(shop_a, STREETS, per_street=3)
    station = "广东省深圳市南山区科技南十二路18号菜鸟驿站"
    farm = fresh_trials(
        shop_a, 8, street="科技南十二路18号菜鸟驿站", address_key=station, start=NOW - timedelta(days=4)
    )
    sku_normals_warm(shop_a.pk)
    place_cells_warm(shop_a.pk)
    screen(shop_a, farm)
    assert all("coupon_farm" in codes(o) for o in farm)
    assert "同一收货地址" in next(r["message"] for r in farm[0].risk_reasons if r["code"] == "coupon_farm")


def test_an_office_buying_the_full_price_product_together_is_not_a_farm(shop_a):
    regulars(shop_a, STREETS)
    office = fresh_trials(
        shop_a, 12, street="科技园街道", address_key="深圳市南山区科技园街道高新南一道8号10楼", amount=FULL,
        start=NOW - timedelta(days=5),
    )  # fmt: skip
    sku_normals_warm(shop_a.pk)
    place_cells_warm(shop_a.pk)
    screen(shop_a, office)
    assert not any("coupon_farm" in codes(o) for o in office)


def test_a_dorm_that_also_buys_the_shops_other_goods_is_not_a_farm(shop_a):
    regulars(shop_a, STREETS)
    regulars(shop_a, ["大学城"], per_street=20)  # the campus is one of the shop's busiest places
    fresh_trials(shop_a, 20, street=lambda i: STREETS[i], start=NOW - timedelta(days=8))
    dorm = fresh_trials(shop_a, 8, street="大学城", start=NOW - timedelta(days=2))
    sku_normals_warm(shop_a.pk)
    place_cells_warm(shop_a.pk)
    screen(shop_a, dorm)
    assert not any("coupon_farm" in codes(o) for o in dorm)


def test_a_flash_sale_of_the_cheap_item_spread_like_the_shops_buyers_is_not_a_farm(shop_a):
    regulars(shop_a, STREETS)
    sale = fresh_trials(shop_a, 300, street=lambda i: STREETS[i % 30], start=NOW - timedelta(days=1))
    sku_normals_warm(shop_a.pk)
    place_cells_warm(shop_a.pk)
    screen(shop_a, sale)
    assert not any("coupon_farm" in codes(o) for o in sale)


def test_an_imported_privacy_export_flags_the_farm_behind_masked_phones(
    tmp_path, shop_a, django_capture_on_commit_callbacks
):
    """The newer PDD export: masked phones, 省/市/区/街道 only; the farm still shows by its street."""
    rows = [
        pdd_row(订单号=f"N{i}", 收货人="", 手机=f"1{30 + i % 60}****{1000 + i:04d}", 省="广东省", 市="深圳市",
                区="南山区", 街道=STREETS[i % 30], 收货地址="", 商品id="MAIN", **{"用户实付金额(元)": "39.90"},
                订单成交时间=f"{NOW - timedelta(days=1 + i % 20):%Y-%m-%d %H:%M:%S}", 订单状态="已收货")
        for i in range(150)
    ] + [
        pdd_row(订单号=f"F{i}", 收货人="", 手机=f"170****{2000 + i:04d}", 省="湖北省", 市="黄冈市", 区="蕲春县",
                街道="蕲州镇", 收货地址="", 商品id="TRIAL", **{"用户实付金额(元)": "9.90"},
                订单成交时间=f"{NOW - timedelta(days=2, minutes=9 * i):%Y-%m-%d %H:%M:%S}", 订单状态="待发货")
        for i in range(10)
    ]  # fmt: skip
    with django_capture_on_commit_callbacks(execute=True):
        path = write_csv(tmp_path / "privacy.csv", rows)
        call_command("import_orders", str(path), shop=str(shop_a.pk), stdout=io.StringIO(), stderr=io.StringIO())
    farm = Order.objects.filter(shop=shop_a, order_no__startswith="F")
    assert farm.count() == 10
    assert all("coupon_farm" in codes(o) for o in farm)
    honest = Order.objects.filter(shop=shop_a, order_no__startswith="N")
    assert not any("coupon_farm" in codes(o) for o in honest)
