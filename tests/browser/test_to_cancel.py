"""A reviewer cancels orders on the platform, then ticks them on 待平台取消 and confirms them at once."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from reviews.models import Decision
from reviews.services.deciding import order_decide
from tests.conftest import make_flagged_order

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_reviewer_confirms_several_orders_at_once(login, page, screenshots, live_server, bob, shop_a):
    now = timezone.now()
    orders = [
        make_flagged_order(shop_a, order_no=f"BC{i}", ship_by=now + timedelta(hours=hours))
        for i, hours in enumerate((30, 3, 12))
    ]
    for order in orders:
        order_decide(order=order, user=bob, action="cancel")
    login("bob")
    page.goto(f"{live_server.url}/queue/to-cancel/")
    # Nearest ship-by first.
    assert page.locator("tbody code").all_inner_texts() == ["BC1", "BC2", "BC0"]
    assert page.locator("#confirm-selected").is_disabled()

    page.get_by_label("选择 BC1").check()
    page.get_by_label("选择 BC0").press("Space")  # by keyboard as well
    expect(page.locator("[data-selected-count]")).to_have_text("已选 2 单")  # the count updates after the change
    page.screenshot(path=str(screenshots / "to_cancel_two_ticked.png"), full_page=True)
    with page.expect_navigation():
        page.locator("#confirm-selected").click()

    assert "已确认 2 单已在平台取消" in page.locator("main").inner_text()
    assert page.locator("tbody code").all_inner_texts() == ["BC2"]
    assert page.locator("#to-cancel-count").inner_text().startswith("共 1 单待平台取消")
    confirmed = Decision.objects.filter(platform_cancel_confirmed_by=bob).values_list("order__order_no", flat=True)
    assert sorted(confirmed) == ["BC0", "BC1"]

    # Ticking the whole page selects what is left.
    page.get_by_label("全选本页").check()
    expect(page.locator("[data-selected-count]")).to_have_text("已选 1 单")
