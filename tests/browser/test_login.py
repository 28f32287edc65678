"""A member logs in through the browser and finds their shop's orders."""

import pytest

from tests.conftest import make_order

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_reviewer_logs_in_and_opens_an_order_by_keyboard(login, page, screenshots, bob, shop_a):
    order = make_order(shop_a, order_no="250101-000000000000042", sku_name="蓝月亮洗衣液 3kg*2瓶")
    login("bob")
    assert page.locator("nav.mainnav").inner_text().split() == [
        "审核队列",
        "订单",
        "导入",
        "黑名单",
        "买家标签",
        "投诉",
        "风控策略",
        "看板",
    ]
    page.get_by_role("link", name="订单", exact=True).click()
    link = page.get_by_role("link", name=order.order_no)
    link.focus()
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/orders/{order.pk}/")
    assert "蓝月亮洗衣液" in page.locator("main").inner_text()
    page.screenshot(path=str(screenshots / "order_detail.png"))


def test_anonymous_visitor_is_sent_to_login(page, live_server):
    page.goto(f"{live_server.url}/orders/")
    assert "/accounts/login/" in page.url
    assert page.get_by_role("button", name="登录").is_visible()
