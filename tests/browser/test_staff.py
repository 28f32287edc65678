"""An admin manages staff in the browser: add a reviewer, make them a manager, deactivate them;
invite someone by a one-time link that they open logged out; copy buttons say 已复制."""

import pytest

from reviews.models import Membership, Role, StaffChange

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

NEW_PASSWORD = "Lantern-orchid-7"


def test_admin_adds_promotes_and_deactivates_a_reviewer(login, page, screenshots, alice, shop_a):
    login("alice")
    page.get_by_role("link", name="员工", exact=True).click()
    page.wait_for_url("**/staff/")
    page.fill("#id_add-username", "xiaowang")
    page.fill("#id_add-first_name", "王小明")
    page.fill("#id_add-password1", NEW_PASSWORD)
    page.fill("#id_add-password2", NEW_PASSWORD)
    page.get_by_role("button", name="添加员工").click()
    page.wait_for_url("**/staff/")
    row = page.locator("table.staff-table tr", has_text="xiaowang")
    assert "客服" in row.inner_text() and "从未登录" in row.inner_text()

    row.get_by_role("link", name="管理").click()
    page.wait_for_url("**/staff/*/")
    page.select_option("#id_role", Role.MANAGER)
    page.get_by_role("button", name="保存角色").click()
    assert "xiaowang 现在是经理" in page.locator(".messages").inner_text()
    assert "客服 → 经理" in page.locator("table.staff-audit").inner_text()
    page.screenshot(path=str(screenshots / "staff_member.png"), full_page=True)

    # By keyboard: focus the deactivate button and press Enter.
    page.get_by_role("button", name="停用 xiaowang").focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    page.wait_for_url("**/staff/")
    assert page.locator("table.staff-table tr", has_text="xiaowang").count() == 0
    assert "停用员工" in page.locator("table.staff-audit").inner_text()
    assert not Membership.objects.filter(user__username="xiaowang").exists()
    assert list(StaffChange.objects.order_by("at", "pk").values_list("action", flat=True)) == [
        "added",
        "role_changed",
        "deactivated",
    ]


def test_invite_link_is_copied_and_opened_logged_out(browser, login, page, live_server, shop_a, alice):
    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=live_server.url)
    login("alice")
    page.goto(f"{live_server.url}/staff/")
    page.fill("#id_invite-name", "赵六")
    page.select_option("#id_invite-role", Role.MANAGER)
    page.get_by_role("button", name="生成邀请链接").click()
    link = page.locator("#invite-link").inner_text().strip()
    assert "/accounts/invite/" in link
    page.get_by_role("button", name="复制").focus()
    page.keyboard.press("Enter")
    status = page.locator(".copy-status")
    status.filter(has_text="已复制").wait_for()
    assert page.evaluate("navigator.clipboard.readText()") == link

    stranger = browser.new_context(locale="zh-CN", viewport={"width": 1366, "height": 820})
    try:
        invitee = stranger.new_page()
        invitee.goto(link)
        assert "店铺A" in invitee.locator("main").inner_text()
        assert invitee.input_value("#id_first_name") == "赵六"
        invitee.fill("#id_username", "zhaoliu")
        invitee.fill("#id_password1", NEW_PASSWORD)
        invitee.fill("#id_password2", NEW_PASSWORD)
        invitee.get_by_role("button", name="创建账号").click()
        invitee.wait_for_url("**/accounts/login/")
        invitee.fill("#id_username", "zhaoliu")
        invitee.fill("#id_password", NEW_PASSWORD)
        with invitee.expect_navigation():
            invitee.keyboard.press("Enter")
        assert "经理" in invitee.locator(".topbar").inner_text()
        # The link worked once.
        invitee.goto(link)
        assert "链接无效" in invitee.locator("main").inner_text()
    finally:
        stranger.close()
    assert Membership.objects.get(user__username="zhaoliu", shop=shop_a).role == Role.MANAGER


def test_new_api_token_copy_button_says_copied(login, page, live_server, alice):
    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=live_server.url)
    login("alice")
    page.goto(f"{live_server.url}/policy/tokens/")
    page.get_by_label("名称").fill("ERP")
    page.get_by_role("button", name="创建令牌").click()
    token = page.locator("#new-token").inner_text().strip()
    page.get_by_role("button", name="复制").click()
    page.locator(".copy-status", has_text="已复制").wait_for()
    assert page.evaluate("navigator.clipboard.readText()") == token


def test_copy_without_clipboard_access_selects_the_token_and_says_so(login, page, live_server, alice):
    login("alice")
    page.goto(f"{live_server.url}/policy/tokens/")
    page.get_by_label("名称").fill("ERP")
    page.get_by_role("button", name="创建令牌").click()
    token = page.locator("#new-token").inner_text().strip()
    # A browser that refuses both the clipboard API and the old copy command.
    page.evaluate(
        "navigator.clipboard.writeText = () => Promise.reject(new Error('denied'));document.execCommand = () => false;"
    )
    page.get_by_role("button", name="复制").click()
    page.locator(".copy-status", has_text="请按 Ctrl+C").wait_for()
    assert page.evaluate("window.getSelection().toString().trim()") == token
