"""A reviewer works the queue in the browser with the keyboard alone, and bulk-approves a filter."""

import re

import pytest

from blacklist.models import BlacklistEntry
from reviews.models import Decision, Order
from tests.conftest import make_buyer, make_flagged_order, make_link

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

BURST = {"code": "burst_sku", "message": "10 分钟内同一商品 60 单，来自 3 个账号", "weight": 40}
LINKED = {"code": "linked_burst", "message": "3 个关联账号 1 小时内下单 12 次", "weight": 30}


def test_reviewer_filters_claims_and_blacklists_by_keyboard(login, page, screenshots, bob, shop_a):
    buyer, twin = make_buyer(shop_a, display_name="林*坤"), make_buyer(shop_a, display_name="小号-张")
    make_link(shop_a, buyer, twin, key="科技园南路88号")
    first = make_flagged_order(
        shop_a,
        buyer=buyer,
        risk_score=92,
        risk_reasons=[BURST, LINKED],
        sku_id="100238471",
        receiver="王伟",
        phone="13812345678",
        address="南山区科技园南路88号3栋101",
    )
    second = make_flagged_order(shop_a, risk_score=81, risk_reasons=[BURST], sku_id="100238471")
    make_flagged_order(shop_a, risk_score=99, risk_reasons=[LINKED], sku_id="999")  # filtered out

    login("bob")
    page.get_by_role("link", name="审核队列").click()
    page.fill("#id_sku_id", "100238471")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"sku_id=100238471"))
    assert page.locator("table.queue tbody tr").count() == 2
    page.screenshot(path=str(screenshots / "queue.png"), full_page=True)

    page.locator("body").click(position={"x": 5, "y": 300})  # focus the page, not the filter input
    page.keyboard.press("j")
    page.wait_for_url(re.compile(rf"/queue/orders/{first.pk}/"))
    main = page.locator("main").inner_text()
    assert "10 分钟内同一商品 60 单" in main and "+40" in main
    assert "小***" in main and "小号-张" not in main and "同一地址" in main  # linked names are masked
    page.screenshot(path=str(screenshots / "review.png"), full_page=True)

    page.keyboard.press("b")
    assert page.locator("#bl-note").evaluate("el => el === document.activeElement")
    page.keyboard.type("炸店，3 个账号同一地址")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(rf"/queue/orders/{second.pk}/"))
    assert f"订单 {first.order_no} 已拉黑买家并判定为取消" in page.locator(".messages").inner_text()

    decision = Decision.objects.get(order=first)
    assert decision.action == "blacklist" and decision.user == bob
    assert set(BlacklistEntry.objects.values_list("kind", flat=True)) == {"phone", "receiver_address"}
    assert Order.objects.get(pk=second.pk).claimed_by == bob

    # A shortcut typed into a field is text, not a decision.
    page.keyboard.press("n")
    page.keyboard.type("a c s")
    assert Decision.objects.filter(order=second).count() == 0
    page.keyboard.press("Escape")
    page.keyboard.press("a")
    page.wait_for_url(re.compile(r"/queue/\?"))  # the queue is empty: back to the list
    assert Decision.objects.get(order=second).action == "approve"


def test_bulk_approve_all_matching_across_two_pages(login, page, live_server, screenshots, bob, shop_a):
    for i in range(30):
        make_flagged_order(shop_a, risk_score=40 + i, risk_reasons=[BURST], sku_id="BULK")
    make_flagged_order(shop_a, risk_score=90, sku_id="KEEP")

    login("bob")
    page.wait_for_selector("nav.mainnav")
    page.goto(f"{live_server.url}/queue/?sku_id=BULK")
    assert page.locator("table.queue tbody tr").count() == 25
    assert "第 1 / 2 页" in page.locator(".pager").inner_text()
    page.check("#select-all-matching")
    page.select_option("#bulk-action", "approve")
    page.click("#bulk-submit")
    # Nothing starts before the reviewer confirms the count, across both pages.
    assert "确认通过 30 个订单？" in page.locator(".bulk-question").inner_text()
    assert not Decision.objects.exists()
    page.keyboard.press("Enter")  # the confirm button has the focus
    page.wait_for_url(re.compile(r"/queue/bulk/\d+/"))
    page.wait_for_function("document.querySelector('[data-field=done]').textContent === '30'")
    page.screenshot(path=str(screenshots / "bulk_job.png"), full_page=True)

    assert Decision.objects.filter(action="approve").count() == 30
    assert list(Order.objects.flagged().values_list("sku_id", flat=True)) == ["KEEP"]
