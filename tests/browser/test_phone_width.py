"""On a phone (390 px wide) every main page fits the screen: nothing makes the page scroll
sideways (wide tables scroll inside their own box)."""

import pytest

from tests.conftest import make_flagged_order

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
