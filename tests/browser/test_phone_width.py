"""On a phone (390 px wide) every main page fits the screen: nothing makes the page scroll
sideways (wide tables scroll inside their own box)."""

import pytest

from reviews.models import BuyerLink
from tests.conftest import make_buyer, make_flagged_order, make_link

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PAGES = [
    "/",
    "/queue/",
    "/orders/",
    "/imports/",
    "/imports/new/",
    "/blacklist/",
    "/blacklist/add/",
    "/complaints/",
    "/complaints/new/",
    "/tags/",
    "/policy/",
    "/policy/alerts/",
    "/policy/tokens/",
    "/jobs/",
    "/reports/rules/",
    "/reports/rings/",
]


def test_main_pages_fit_a_phone_screen(login, page, live_server, screenshots, alice, shop_a):
    order = make_flagged_order(shop_a, receiver="王伟", address="广东省深圳市南山区科技园南路88号菜鸟驿站")
    page.set_viewport_size({"width": 390, "height": 800})
    login("alice")

    too_wide = {}
    for path in [*PAGES, f"/queue/orders/{order.pk}/", f"/orders/{order.pk}/"]:
        page.goto(live_server.url + path)
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > 390:
            too_wide[path] = width
            page.screenshot(path=str(screenshots / f"phone_{path.strip('/').replace('/', '_') or 'home'}.png"))

    assert too_wide == {}


def test_review_page_tables_stay_inside_their_panels_in_english(login, page, live_server, bob, shop_a):
    """English headers are wider than Chinese: the buyer and linked-account tables scroll inside
    their half-width panels instead of spilling over the page's edge."""
    buyer = make_buyer(shop_a, display_name="马梓英", restricted=True)
    twin = make_buyer(shop_a, display_name="曹杰浩", restricted=True)
    make_link(shop_a, buyer, twin, key="和平路128号")
    make_link(shop_a, buyer, twin, via=BuyerLink.Via.PHONE, key="18175217732")
    order = make_flagged_order(shop_a, buyer=buyer)
    login("bob")
    with page.expect_navigation():
        page.get_by_role("button", name="English").click()

    page.goto(f"{live_server.url}/queue/orders/{order.pk}/")

    assert page.locator("#linked").get_by_text("Credit score").is_visible()
    spilling = page.evaluate(
        "[...document.querySelectorAll('.panel')].filter(p => p.scrollWidth > p.clientWidth + 1).map(p => p.id)"
    )
    assert spilling == []
