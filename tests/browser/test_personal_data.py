"""A reviewer sees a buyer masked and reveals one order's full data from the keyboard."""

import pytest

from reviews.models import RevealEvent
from tests.conftest import make_flagged_order

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_reviewer_reveals_one_order_with_the_keyboard(login, page, live_server, screenshots, bob, shop_a):
    order = make_flagged_order(shop_a, receiver="王小明", phone="19112344814", address="广东省深圳市南山区粤海街道1号")
    login("bob")
    page.goto(f"{live_server.url}/queue/orders/{order.pk}/")
    main = page.locator("main").inner_text()
    assert "191****4814" in main and "19112344814" not in main and "王**" in main

    button = page.get_by_role("button", name="显示完整信息")
    button.focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")

    main = page.locator("main").inner_text()
    assert "19112344814" in main and "王小明" in main and "粤海街道1号" in main
    assert page.url.endswith(f"/queue/orders/{order.pk}/")
    assert RevealEvent.objects.get().user == bob
    page.screenshot(path=str(screenshots / "review_revealed.png"), full_page=True)
