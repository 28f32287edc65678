"""A reviewer contacts a flagged order's buyer with a template, records the outcome by keyboard,
then blacklists: the decision history says what the buyer admitted."""

import re

import pytest

from reviews.models import ContactAttempt, Decision
from reviews.services.contacting import contact_template_create
from tests.conftest import make_buyer, make_flagged_order

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_reviewer_records_an_admission_then_blacklists(login, page, screenshots, alice, bob, shop_a):
    template = contact_template_create(
        shop=shop_a, user=alice, title="核实下单意向", text="您好，订单 {订单号}（{商品}）是您本人拍下的吗？"
    )
    order = make_flagged_order(
        shop_a,
        buyer=make_buyer(shop_a, display_name="林*坤"),
        order_no="PDD-240812",
        phone="13812345678",
        address="南山区科技园南路88号3栋101",
    )

    login("bob")
    page.get_by_role("link", name="审核队列").click()
    page.locator("body").click(position={"x": 5, "y": 300})
    page.keyboard.press("j")
    page.wait_for_url(re.compile(rf"/queue/orders/{order.pk}/"))
    assert "还没有联系过这个买家" in page.locator("#contact-log").inner_text()

    page.keyboard.press("k")  # opens the contact form, focus on the template choice
    assert page.locator("#contact-panel").evaluate("el => el.open")
    page.keyboard.press("ArrowDown")  # the first template
    assert page.locator(f"input[name=template][value='{template.pk}']").is_checked()
    assert (
        "您好，订单 PDD-240812（维达抽纸 3层120抽*24包）是您本人拍下的吗？" in page.locator("#contact-log").inner_text()
    )
    page.get_by_label("电话").check()
    page.get_by_label("承认恶意").check()
    page.get_by_label("联系备注（可选）").fill("电话里承认是同行拍的")
    page.screenshot(path=str(screenshots / "contact_form.png"), full_page=True)
    with page.expect_navigation():
        page.get_by_role("button", name="保存联系记录").click()

    assert "已记录联系买家：承认恶意" in page.locator(".messages").inner_text()
    assert "已联系买家：承认恶意" in page.locator("#contact-log .contact-latest").inner_text()
    assert "电话里承认是同行拍的" in page.locator("#contact-log table").inner_text()
    attempt = ContactAttempt.objects.get()
    assert (attempt.created_by, attempt.template, attempt.channel) == (bob, template, "phone")

    page.locator("#review-title").focus()
    page.keyboard.press("b")
    page.keyboard.type("同行恶拍，本人已承认")
    with page.expect_navigation():
        page.keyboard.press("Enter")

    decision = Decision.objects.get(order=order)
    assert decision.action == "blacklist"
    assert [r["outcome"] for r in decision.reasons if r.get("code") == "contact"] == ["admitted"]
    page.goto(page.url.split("/queue")[0] + f"/orders/{order.pk}/")
    history = page.locator("#decision-history").inner_text()
    assert "拉黑并取消" in history and "已联系买家：承认恶意" in history
    page.screenshot(path=str(screenshots / "contact_decided.png"), full_page=True)
