"""Region rules: admins pick provinces and cities to send to review or block; screening says so."""

import pytest
from django.urls import reverse

from reviews.models import Backtest, Order, RiskPolicy
from reviews.regions import PROVINCES, parse_region_line, province_name, region_of
from reviews.services.policy import policy_current, policy_save
from reviews.services.screening.verdicts import screen_orders
from tests.conftest import make_order

pytestmark = pytest.mark.django_db


def screen(shop, *orders):
    screen_orders(shop_id=shop.pk, order_ids=[o.pk for o in orders])
    for order in orders:
        order.refresh_from_db()


def form_data(shop) -> dict:
    values = policy_current(shop_id=shop.pk).values()
    return {k: ("on" if v is True else "" if v is False else v) for k, v in values.items()}


def region_reason(order):
    return next((r for r in order.risk_reasons if r["code"] == "region"), None)


def test_the_builtin_list_has_all_34_provincial_divisions():
    assert len(PROVINCES) == 34
    assert {"新疆维吾尔自治区", "香港特别行政区", "台湾省", "重庆市"} <= set(PROVINCES)


@pytest.mark.parametrize(
    ("spelled", "canonical"),
    [("广东", "广东省"), ("广东省", "广东省"), ("新疆", "新疆维吾尔自治区"), ("黑龙江省", "黑龙江省"), ("****", "")],
)
def test_province_names_are_normalized(spelled, canonical):
    assert province_name(spelled) == canonical


def test_region_comes_from_the_address_when_the_columns_are_empty():
    assert region_of(province="", city="", address="广东深圳市南山区科技园1号") == ("广东省", "深圳")
    assert parse_region_line("广东 深圳市") == "广东省/深圳"
    assert parse_region_line("北京 北京市") == "北京市"  # a municipality is its own city


def test_a_blocked_province_blocks_whatever_the_spelling(shop_a, alice):
    policy_save(shop=shop_a, values={"region_block": "新疆维吾尔自治区"}, user=alice)
    far = make_order(shop_a, province="新疆", city="乌鲁木齐市")
    near = make_order(shop_a, province="广东省", city="深圳市")
    screen(shop_a, far, near)
    assert far.risk_decision == Order.Decision.BLOCK
    assert "拦截地区" in region_reason(far)["message"] and "新疆" in region_reason(far)["message"]
    assert region_reason(near) is None and near.risk_decision == Order.Decision.ALLOW


def test_a_review_city_sends_only_that_city_to_review(shop_a, alice):
    policy_save(shop=shop_a, values={"region_review": "广东省/深圳"}, user=alice)
    shenzhen = make_order(shop_a, province="广东", city="深圳市")
    guangzhou = make_order(shop_a, province="广东", city="广州市")
    screen(shop_a, shenzhen, guangzhou)
    assert shenzhen.risk_decision == Order.Decision.REVIEW
    assert shenzhen.risk_state == Order.RiskState.FLAGGED
    assert "送审地区" in region_reason(shenzhen)["message"]
    assert region_reason(guangzhou) is None


def test_region_weight_follows_the_policy_thresholds(shop_a, alice):
    policy_save(shop=shop_a, values={"region_review": "海南省", "review_threshold": 55}, user=alice)
    order = make_order(shop_a, province="海南省", city="三亚市")
    screen(shop_a, order)
    assert region_reason(order)["weight"] == 55 and order.risk_decision == Order.Decision.REVIEW


def test_policy_page_offers_provinces_and_seen_cities(client, alice, shop_a, shop_b):
    make_order(shop_a, province="浙江省", city="义乌市")
    make_order(shop_b, province="江苏省", city="昆山市")
    client.force_login(alice)
    body = client.get(reverse("reviews:policy")).content.decode()
    assert "拦截地区" in body and "西藏" in body
    assert "义乌（浙江）" in body
    assert "昆山" not in body  # another shop's cities never show


def test_region_change_goes_through_the_backtest_and_is_versioned(
    client, alice, shop_a, django_capture_on_commit_callbacks
):
    make_order(shop_a, province="浙江省", city="义乌市")
    data = form_data(shop_a)
    data["region_review"] = ["西藏自治区"]
    data["region_block"] = ["浙江省/义乌"]
    client.force_login(alice)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("reviews:policy"), data)
    backtest = Backtest.objects.get()
    assert response["Location"] == reverse("reviews:policy_backtest", args=[backtest.pk])
    assert backtest.result["rules"].get("region") == 1
    client.post(reverse("reviews:policy_save", args=[backtest.pk]), {"note": "义乌拦截"})
    new = RiskPolicy.objects.get(shop=shop_a, version=2)
    assert new.region_block == "浙江省/义乌" and new.created_by == alice
    assert new.diff["region_block"] == ["", "浙江省/义乌"]
    assert "义乌" in client.get(reverse("reviews:policy")).content.decode()


def test_same_region_cannot_be_both_review_and_block(client, alice, shop_a):
    data = form_data(shop_a)
    data["region_review"] = ["西藏自治区"]
    data["region_block"] = ["西藏自治区"]
    client.force_login(alice)
    response = client.post(reverse("reviews:policy"), data)
    assert response.status_code == 200
    assert "不能既送审又拦截" in response.content.decode()
    assert not Backtest.objects.exists()
