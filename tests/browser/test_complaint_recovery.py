"""Naming a buyer's orders with "select all" by keyboard, a type per file in one upload, and a
manager recording the platform's compensation on an upheld complaint, then finding it on the
complaint page and on the dashboard."""

from decimal import Decimal

import pytest
from django.utils import timezone

from complaints.models import Complaint
from complaints.services import complaint_close, complaint_record_reply, complaint_submit
from tests.complaints.conftest import make_complaint
from tests.conftest import make_buyer, make_flagged_order

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

BURST = [{"code": "burst_buyer", "message": "同一买家 10 分钟内下单 8 笔", "weight": 50}]


@pytest.fixture(autouse=True)
def private_media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "private"


def test_buyers_orders_selected_by_keyboard_and_each_file_typed(
    login, page, live_server, screenshots, tmp_path, bob, shop_a
):
    from PIL import Image

    buyer = make_buyer(shop_a, display_name="炸店小号")
    orders = [make_flagged_order(shop_a, buyer=buyer, risk_reasons=BURST) for _ in range(4)]
    shot = tmp_path / "订单截图.png"
    Image.new("RGB", (390, 844), (200, 40, 40)).save(shot)
    chat = tmp_path / "聊天记录.txt"
    chat.write_text("买家：我就是来炸店的\n", encoding="utf-8")

    login("bob")
    page.goto(f"{live_server.url}/complaints/new/?order={orders[0].pk}")
    assert page.locator("#id_category").input_value() == "bombing"  # from the burst reasons
    assert [page.locator(f"#order-{o.pk}").is_checked() for o in orders] == [True, False, False, False]

    page.locator("#orders-all").focus()
    page.keyboard.press("Space")
    assert all(page.locator(f"#order-{o.pk}").is_checked() for o in orders)
    assert page.get_by_text("已选 4 单").is_visible()
    page.keyboard.press("Space")
    assert not any(page.locator(f"#order-{o.pk}").is_checked() for o in orders)
    page.get_by_role("button", name="全选 炸店小号 的订单（4）").focus()
    page.keyboard.press("Enter")
    assert all(page.locator(f"#order-{o.pk}").is_checked() for o in orders)

    page.fill("#id_title", "同一买家十分钟内下单 8 笔后全部取消")
    page.set_input_files("#id_files", [str(shot), str(chat)])
    page.get_by_label("聊天记录.txt").select_option(label="聊天记录")
    page.screenshot(path=str(screenshots / "complaint_select_all.png"), full_page=True)
    page.get_by_role("button", name="保存草稿").click()
    page.wait_for_url("**/complaints/*/")

    complaint = Complaint.objects.get()
    assert complaint.category == "bombing" and complaint.orders.count() == 4
    assert dict(complaint.evidence.values_list("original_name", "kind")) == {
        "订单截图.png": "screenshot",
        "聊天记录.txt": "chat",
    }


def test_manager_records_compensation_and_sees_it_on_the_complaint_and_the_dashboard(
    login, page, live_server, screenshots, bob, manny, shop_a
):
    complaint = make_complaint(shop_a, bob, title="炸店：同一商品 30 单全部取消")
    complaint_submit(complaint=complaint, user=manny, platform_ticket_no="GD20251126001")
    complaint_record_reply(complaint=complaint, user=manny, reply_text="经核实属实")
    complaint_close(complaint=complaint, user=manny, result="upheld", outcome="平台赔付运费损失")

    login("manny")
    page.goto(f"{live_server.url}/complaints/{complaint.pk}/")
    form = page.get_by_role("form", name="记录平台赔付")
    form.get_by_label("赔付金额(元)").fill("1288.50")
    form.get_by_label("到账日期").fill(timezone.localdate().isoformat())
    form.get_by_label("备注").fill("平台赔付单 PF20251201")
    form.get_by_role("button", name="记录赔付").click()
    page.wait_for_url(f"**/complaints/{complaint.pk}/")

    assert page.get_by_text("已记录平台赔付").is_visible()
    assert page.locator("#recovered-total").inner_text() == "¥1288.50"
    assert page.locator("#compensations").get_by_text("平台赔付单 PF20251201").is_visible()
    assert complaint.compensations.get().amount == Decimal("1288.50")
    page.screenshot(path=str(screenshots / "complaint_recovery.png"), full_page=True)

    page.get_by_role("link", name="看板").first.click()
    card = page.locator("#fig-recovered")
    assert "¥1,288.50" in card.inner_text() and "平台赔付 ¥1,288.50" in card.inner_text()
    page.screenshot(path=str(screenshots / "dashboard_recovered.png"), full_page=True)
