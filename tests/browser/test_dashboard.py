"""A manager opens the dashboard, changes the period, and sees the figures and charts follow."""

from datetime import datetime, time, timedelta

import pytest
from django.utils import timezone

from tests.conftest import make_flagged_order, make_order

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_manager_changes_the_dashboard_period(login, page, screenshots, manny, shop_a):
    now = timezone.now()
    # Dates are the shop's local days: just after midnight, "30 minutes ago" is yesterday.
    today = timezone.make_aware(datetime.combine(timezone.localdate(), time.min))
    for i in range(3):
        placed = max(now - timedelta(minutes=30 + i), today + timedelta(seconds=i))
        make_flagged_order(shop_a, ordered_at=placed, risk_score=90)
    for i in range(5):
        placed = today - timedelta(days=20) + timedelta(hours=12, minutes=i)
        make_order(shop_a, ordered_at=placed, risk_state="allowed", risk_score=5)
    login("manny")
    page.get_by_role("link", name="看板").click()
    assert page.locator("#fig-orders").inner_text() == "8"
    assert page.locator("#fig-flagged").inner_text() == "3"
    month_points = page.locator("#chart-daily-title ~ circle").count()
    assert month_points == 4 * 30  # four series, one dot per day
    page.screenshot(path=str(screenshots / "dashboard_30_days.png"), full_page=True)

    page.get_by_role("link", name="今天").click()
    page.wait_for_url("**/?range=today")
    assert page.locator("#fig-orders").inner_text() == "3"
    assert page.locator("#chart-daily-title ~ circle").count() == 4
    assert page.get_by_role("link", name="今天").get_attribute("aria-current") == "true"

    # A custom range that only holds the older orders, entered and sent with the keyboard.
    old = (timezone.localdate() - timedelta(days=20)).isoformat()
    page.get_by_label("从", exact=True).fill(old)
    page.get_by_label("到", exact=True).fill(old)
    page.get_by_label("到", exact=True).press("Enter")
    page.wait_for_url(f"**/?start={old}&end={old}")
    assert page.locator("#fig-orders").inner_text() == "5"
    assert page.locator("#fig-flagged").inner_text() == "0"
    page.locator("summary", has_text="查看数据").first.click()
    assert page.locator("#table-daily tbody tr").count() == 1
    page.screenshot(path=str(screenshots / "dashboard_custom_day.png"), full_page=True)
