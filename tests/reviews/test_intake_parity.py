"""One intake: the same orders sent through a file import and through the check API end up with
the same buyers, identity keys, links and verdicts."""

import json

import pytest

from reviews.models import Buyer, BuyerLink, Order
from reviews.services.screening.verdicts import screen_orders
from reviews.services.tokens import api_token_create
from tests.reviews.importing_helpers import import_file, pdd_row, write_csv

pytestmark = pytest.mark.django_db

STREET = "粤海街道科技南十二路18号3栋502"
ORDERS = [
    # Same receiver and address, two phones: one person, two accounts.
    {"order_no": "P1", "receiver": "王伟", "phone": "13800000001", "street": "粤海街道",
     "address": "广东省深圳市南山区粤海街道科技南十二路18号3栋502", "status": "已取消"},
    {"order_no": "P2", "receiver": "王伟", "phone": "13900000002", "street": "粤海街道",
     "address": "广东省深圳市南山区粤海街道科技南十二路18号3栋502", "status": "已取消"},
    # An older export's 街道 that holds the detailed address: still the same place.
    {"order_no": "P3", "receiver": "王伟", "phone": "13700000003", "street": STREET,
     "address": f"广东省深圳市南山区{STREET}", "status": "已取消"},
    # A masked phone with a name, elsewhere.
    {"order_no": "P4", "receiver": "林志坤", "phone": "138****5678", "street": "西丽街道",
     "address": "广东省深圳市南山区西丽街道留仙大道1号", "status": "待发货"},
    {"order_no": "P5", "receiver": "林志坤", "phone": "138****5678", "street": "西丽街道",
     "address": "广东省深圳市南山区西丽街道留仙大道1号", "status": "待发货"},
]  # fmt: skip
API_STATUS = {"已取消": "cancelled", "待发货": "paid"}


def through_file(tmp_path, shop):
    rows = [
        pdd_row(订单号=o["order_no"], 收货人=o["receiver"], 手机=o["phone"], 街道=o["street"], 收货地址=o["address"],
                订单状态=o["status"], 订单成交时间=f"2026-11-20 10:0{i}:00")
        for i, o in enumerate(ORDERS)
    ]  # fmt: skip
    import_file(write_csv(tmp_path / "orders.csv", rows), shop)


def through_api(client, shop, user):
    token = api_token_create(shop=shop, name="ERP", user=user)[1]
    for i, o in enumerate(ORDERS):
        body = {
            "order_no": o["order_no"], "sku_id": "100238471", "quantity": 1, "amount_paid": "39.90",
            "status": API_STATUS[o["status"]], "receiver": o["receiver"], "phone": o["phone"],
            "province": "广东省", "city": "深圳市", "district": "南山区", "street": o["street"],
            "address": o["address"], "ordered_at": f"2026-11-20T10:0{i}:00+08:00",
        }  # fmt: skip
        response = client.post(
            "/api/v1/check", json.dumps(body), content_type="application/json", HTTP_AUTHORIZATION=f"Bearer {token}"
        )
        assert response.status_code == 200, response.content


def what_shield_knows(shop):
    # Both shops screened again with everything known (the check API screened each order as it came).
    screen_orders(shop_id=shop.pk, order_ids=list(Order.objects.filter(shop=shop).values_list("pk", flat=True)))
    orders = {
        o.order_no: (
            o.buyer.key_kind, o.buyer.key, o.buyer.confidence, o.phone_key, o.address_key, o.status,
            o.risk_decision, sorted(r["code"] for r in o.risk_reasons),
        )
        for o in Order.objects.filter(shop=shop).select_related("buyer")
    }  # fmt: skip
    key = {b.pk: (b.key_kind, b.key) for b in Buyer.objects.filter(shop=shop)}
    links = {
        (min(key[link.buyer_a_id], key[link.buyer_b_id]), max(key[link.buyer_a_id], key[link.buyer_b_id]), link.via)
        for link in BuyerLink.objects.filter(shop=shop)
    }
    return orders, links


def test_the_file_import_and_the_check_api_know_the_same_buyers_keys_links_and_verdicts(
    tmp_path, client, shop_a, shop_b, alice
):
    through_file(tmp_path, shop_b)
    through_api(client, shop_a, alice)
    by_file, by_api = what_shield_knows(shop_b), what_shield_knows(shop_a)
    assert by_api == by_file
    orders, links = by_api
    # P1-P3 are one person behind three phones (linked by their address); the masked buyer is one.
    three = sorted(orders[no][:2] for no in ("P1", "P2", "P3"))
    assert {(a, b) for a, b, via in links if via == BuyerLink.Via.ADDRESS} == {
        (three[0], three[1]),
        (three[0], three[2]),
        (three[1], three[2]),
    }
    assert orders["P4"][:2] == orders["P5"][:2]
