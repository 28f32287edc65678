"""An admin sets up a WeCom robot from the policy page, sends a test and reads its delivery log."""

import pytest

from reviews.models import AlertChannel
from tests.reviews.webhook_server import Receiver

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("allow_local_webhooks"),
]


def test_admin_adds_a_robot_sends_a_test_and_sees_the_delivery(login, page, screenshots, alice, shop_a):
    receiver = Receiver()
    try:
        login("alice")
        page.get_by_role("link", name="风控策略").click()
        page.get_by_role("link", name="提醒", exact=True).click()
        page.wait_for_url("**/policy/alerts/")
        page.get_by_label("类型").select_option("wecom")
        page.get_by_label("名称").fill("客服群机器人")
        page.get_by_label("Webhook 地址").fill(receiver.url)
        page.get_by_role("checkbox", name="商品被炸店").uncheck()
        page.get_by_role("button", name="添加渠道").click()
        page.wait_for_url("**/policy/alerts/")
        assert "已添加提醒渠道“客服群机器人”" in page.locator("main").inner_text()
        channel = AlertChannel.objects.get(shop=shop_a)
        assert "sku_burst" not in channel.events and channel.kind == "wecom"
        page.get_by_role("button", name="发送测试").click()
        page.wait_for_url("**/policy/alerts/log/*/")
        log = page.locator("table.data").inner_text()
        assert "客服群机器人" in log and "成功" in log and "200" in log
        assert receiver.json()["msgtype"] == "markdown"
        page.screenshot(path=str(screenshots / "alert_delivery.png"), full_page=True)
    finally:
        receiver.close()
