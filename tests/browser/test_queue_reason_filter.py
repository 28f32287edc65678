"""A reviewer narrows the queue to two reasons, picked by their Chinese labels with the keyboard."""

import re

import pytest

from tests.conftest import make_flagged_order

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SKU_BURST = {"code": "burst_sku", "message": "该商品 10 分钟内 60 单集中来自 3 个账号", "weight": 50}
BOMBING = {"code": "sku_bombing", "message": "该商品前后 30 分钟内 40 单，其中 30 单取消（平时约 5%）", "weight": 50}
QUANTITY = {"code": "quantity", "message": "购买 9 件，该商品通常一单 1 件", "weight": 25}


def test_reviewer_picks_two_reasons_in_the_multi_select_and_sees_only_their_orders(
    login, page, screenshots, bob, shop_a
):
    burst = make_flagged_order(shop_a, risk_score=60, risk_reasons=[SKU_BURST])
    bombing = make_flagged_order(shop_a, risk_score=55, risk_reasons=[BOMBING])
    other = make_flagged_order(shop_a, risk_score=90, risk_reasons=[QUANTITY])

    login("bob")
    page.get_by_role("link", name="审核队列").click()
    assert page.locator("table.queue tbody tr").count() == 3

    reasons = page.get_by_role("listbox", name="风险原因")
    assert reasons.evaluate("el => el.multiple")
    options = reasons.locator("option")
    assert "炸店：同一商品集中下单" in options.all_inner_texts() and "burst_sku" not in options.all_inner_texts()
    # Keyboard only: the first option, down to 炸店：同一商品集中下单, then Shift+Down adds the next one.
    reasons.focus()
    page.keyboard.press("Home")
    labels = options.all_inner_texts()
    for _ in range(labels.index("炸店：同一商品集中下单")):
        page.keyboard.press("ArrowDown")
    page.keyboard.press("Shift+ArrowDown")
    picked = reasons.evaluate("el => [...el.selectedOptions].map(o => o.textContent)")
    assert picked == ["炸店：同一商品集中下单", "炸店：同一商品大量取消"]

    page.get_by_role("button", name="筛选").focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert re.search(r"reason=burst_sku&reason=sku_bombing", page.url)
    listed = page.locator("table.queue tbody tr td:nth-child(2)").all_inner_texts()
    assert sorted(listed) == sorted([burst.order_no, bombing.order_no]) and other.order_no not in listed
    assert "共 2 单待审核" in page.locator(".bulk-bar").inner_text()
    # The picked reasons stay picked, so the reviewer sees what narrows the list.
    assert reasons.evaluate("el => [...el.selectedOptions].map(o => o.value)") == ["burst_sku", "sku_bombing"]
    page.screenshot(path=str(screenshots / "queue-two-reasons.png"), full_page=True)
