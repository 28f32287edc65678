"""A manager blacklists a phone with the keyboard, fixes a typo the form points out, then finds it."""

import re

import pytest

from blacklist.models import BlacklistEntry

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_manager_adds_entry_by_keyboard_and_finds_it_by_search(login, page, screenshots, manny, shop_a):
    login("manny")
    page.get_by_role("link", name="黑名单", exact=True).click()
    page.wait_for_url("**/blacklist/")
    add = page.get_by_role("link", name="添加条目")
    add.focus()
    page.keyboard.press("Enter")
    page.wait_for_url("**/blacklist/add/")

    # A phone with a missing digit: the form says so next to the field.
    page.get_by_label("值").focus()
    page.keyboard.type("138 0013 800")
    page.get_by_label("原因说明").focus()
    page.keyboard.type("10 分钟内 40 单未付款")
    page.get_by_label("值").focus()
    page.keyboard.press("Enter")
    error = page.locator("#id_value_error")
    error.wait_for()
    assert "不是有效的手机号" in error.inner_text()
    assert page.get_by_label("值").get_attribute("aria-invalid") == "true"
    page.screenshot(path=str(screenshots / "blacklist_add_error.png"), full_page=True)
    assert not BlacklistEntry.objects.exists()

    # Fix it; choose the reason category with the keyboard and submit.
    page.get_by_label("值").fill("")
    page.get_by_label("值").focus()
    page.keyboard.type("+86 138-0013-8000")
    page.get_by_label("原因分类").focus()
    page.keyboard.press("Home")  # first option: 恶意拍单不付款
    page.get_by_label("值").focus()
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/blacklist/\d+/$"))
    entry = BlacklistEntry.objects.get()
    assert (entry.key, entry.created_by_id, entry.reason_category) == ("13800138000", manny.pk, "unpaid")
    assert "已添加" in page.locator(".messages").inner_text()

    # Back on the list, search the way the phone was written on a parcel.
    page.get_by_role("link", name="黑名单", exact=True).click()
    page.get_by_label("搜索").focus()
    page.keyboard.type("138 0013 8000")
    page.keyboard.press("Enter")
    page.wait_for_url("**q=138*")
    rows = page.locator("table.data tbody tr")
    assert rows.count() == 1
    assert "+86 138-0013-8000" in rows.first.inner_text()
    page.screenshot(path=str(screenshots / "blacklist_search.png"), full_page=True)
