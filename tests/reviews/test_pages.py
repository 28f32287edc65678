"""The pages a logged-in member opens every day render in Chinese, with their data."""

import pytest
from django.urls import reverse

from reviews.models import Order
from tests.conftest import make_order

pytestmark = pytest.mark.django_db


def test_login_page_logs_in_and_shows_chinese_navigation(client, alice):
    from tests.conftest import PASSWORD

    response = client.post(reverse("login"), {"username": "alice", "password": PASSWORD}, follow=True)
    body = response.content.decode()
    for label in ("审核队列", "订单", "导入", "黑名单", "投诉", "风控策略", "看板"):
        assert label in body
    assert "alice" in body and "管理员" in body


def test_wrong_password_shows_an_error(client, alice):
    response = client.post(reverse("login"), {"username": "alice", "password": "nope"})
    assert response.status_code == 200
    assert "请输入一个正确的" in response.content.decode()


def test_home_counts_orders_of_current_shop(client, bob, shop_a, shop_b):
    make_order(shop_a, status=Order.Status.CANCELLED)
    make_order(shop_a, risk_state=Order.RiskState.FLAGGED, risk_score=80)
    make_order(shop_b)
    client.force_login(bob)
    response = client.get(reverse("reviews:home"))
    assert response.context["f"]["orders"] == 2
    assert response.context["queue"].open == 1


def test_order_list_filters_by_status_and_search(client, bob, shop_a):
    make_order(shop_a, order_no="P-1", status=Order.Status.PAID)
    make_order(shop_a, order_no="C-1", status=Order.Status.CANCELLED, receiver="林*坤")
    client.force_login(bob)
    page = client.get(reverse("reviews:order_list"), {"status": "cancelled"}).context["page"]
    assert [o.order_no for o in page] == ["C-1"]
    page = client.get(reverse("reviews:order_list"), {"q": "林*坤"}).context["page"]
    assert [o.order_no for o in page] == ["C-1"]


def test_order_list_query_count_is_constant_in_page_size(client, bob, shop_a, django_assert_max_num_queries):
    for _ in range(60):
        make_order(shop_a)
    client.force_login(bob)
    with django_assert_max_num_queries(10):
        response = client.get(reverse("reviews:order_list"), {"per_page": 50})
    assert len(response.context["page"].object_list) == 50


def test_bad_page_size_falls_back_to_default(client, bob, shop_a):
    client.force_login(bob)
    response = client.get(reverse("reviews:order_list"), {"per_page": "abc", "page": "zz"})
    assert response.status_code == 200


def test_english_is_available(client, bob):
    client.force_login(bob)
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    body = client.get(reverse("reviews:order_list")).content.decode()
    assert "Orders" in body


def test_a_risky_order_already_refunded_says_it_never_entered_the_queue(client, bob, shop_a):
    order = make_order(
        shop_a,
        status=Order.Status.REFUNDED,
        risk_state=Order.RiskState.ALLOWED,
        risk_decision=Order.Decision.BLOCK,
        risk_score=100,
    )
    client.force_login(bob)
    page = client.get(reverse("reviews:order_detail", args=[order.pk])).content.decode()
    assert "已结束，未进队列" in page
    assert ">放行<" not in page
