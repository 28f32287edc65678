"""A reviewer tags a buyer from the review page with the keyboard and finds it in the queue filter."""

import re

import pytest

from reviews.models import BuyerTagging
from tests.conftest import make_buyer, make_flagged_order

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_reviewer_tags_a_buyer_by_keyboard_and_filters_the_queue_by_it(login, page, screenshots, bob, shop_a):
    refunder = make_buyer(shop_a, display_name="赵*仁")
    tagged = make_flagged_order(shop_a, buyer=refunder, risk_score=70)
    other = make_flagged_order(shop_a, risk_score=90)

    login("bob")
    page.goto(page.url.split("/accounts")[0] + f"/queue/orders/{tagged.pk}/")
    page.locator("body").click(position={"x": 5, "y": 300})
    page.keyboard.press("t")
    select = page.locator("#tag-select")
    assert select.evaluate("el => el === document.activeElement")
    select.select_option(label="同行（同行恶拍）")
    page.keyboard.press("Enter")
    page.wait_for_load_state()
    assert "已给买家" in page.locator(".messages").inner_text()
    assert "同行" in page.locator("#buyer-tags .tag-list").inner_text()
    page.screenshot(path=str(screenshots / "review_tagged.png"), full_page=True)
    assert BuyerTagging.objects.get().added_by == bob

    page.get_by_role("link", name="审核队列", exact=True).first.click()
    page.select_option("#id_tag", "同行")
    page.locator("#queue-filters button[type=submit]").press("Enter")
    page.wait_for_url(re.compile(r"tag=%E5%90%8C%E8%A1%8C"))
    rows = page.locator("table.queue tbody tr")
    assert rows.count() == 1
    # Tagging re-screened the buyer's open order: the tag is now one of its reasons (同行 = 40).
    row = rows.first.inner_text()
    assert tagged.order_no in row and "同行" in row and "买家标签" in row
    assert other.order_no not in page.locator("table.queue").inner_text()
    page.screenshot(path=str(screenshots / "queue_by_tag.png"), full_page=True)
