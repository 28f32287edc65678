"""Drafting a complaint: the category follows what screening flagged the orders for, every listed
order can be ticked at once, one upload mixes evidence types, and the pack's PDF tells where the
complaint stands."""

from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from complaints.models import Complaint, ComplaintEvent, Evidence
from complaints.packs import summary_pdf
from complaints.selectors import category_for_orders
from complaints.services import compensation_record, complaint_close, complaint_record_reply, complaint_submit
from complaints.summary import complaint_summary
from tests.complaints.conftest import make_complaint, pdf, png, txt
from tests.complaints.pdftext import pdf_text
from tests.conftest import make_buyer, make_flagged_order, make_order

pytestmark = pytest.mark.django_db
C = Complaint.Category

BURST = [{"code": "burst_buyer", "message": "同一买家 10 分钟内下单 8 笔", "weight": 50}]
REFUND = [{"code": "refund_rate", "message": "取消/退款率 80%", "weight": 50}]
LOCK = [{"code": "inventory_lock", "message": "一次拍 50 件", "weight": 45}]


@pytest.mark.parametrize(
    ("reasons", "category"),
    [
        (BURST, C.BOMBING),
        (REFUND, C.REFUND),
        (LOCK, C.STOCK_LOCK),
        ([{"code": "address_keyword", "message": "地址含“测试”", "weight": 20}], C.OTHER),
        ([], C.OTHER),
    ],
)
def test_category_follows_the_orders_screening_reasons(shop_a, reasons, category):
    assert category_for_orders([make_flagged_order(shop_a, risk_reasons=reasons)]) == category


def test_heaviest_reason_across_the_orders_names_the_category(shop_a):
    light_lock = [{"code": "inventory_lock", "message": "拍 20 件", "weight": 20}]
    orders = [make_flagged_order(shop_a, risk_reasons=light_lock), make_flagged_order(shop_a, risk_reasons=BURST)]
    assert category_for_orders(orders) == C.BOMBING


def test_complaint_from_a_burst_order_starts_as_bombing(client, bob, shop_a):
    order = make_flagged_order(shop_a, risk_reasons=BURST)
    client.force_login(bob)
    response = client.get(reverse("complaints:create"), {"order": order.pk})
    assert response.context["form"]["category"].value() == C.BOMBING
    assert '<option value="bombing" selected>' in response.content.decode()


def test_complaint_from_a_buyer_takes_the_category_of_their_refunds(client, bob, shop_a):
    buyer = make_buyer(shop_a)
    make_flagged_order(shop_a, buyer=buyer, risk_reasons=REFUND)
    make_order(shop_a, buyer=buyer)
    client.force_login(bob)
    response = client.get(reverse("complaints:create"), {"buyer": buyer.pk})
    assert response.context["form"]["category"].value() == C.REFUND


def test_order_list_offers_select_all_for_each_buyer(client, bob, shop_a):
    buyer = make_buyer(shop_a, display_name="炸店账号")
    orders = [make_order(shop_a, buyer=buyer) for _ in range(3)]
    client.force_login(bob)
    response = client.get(reverse("complaints:create"), {"order": orders[0].pk})
    body = response.content.decode()
    assert 'id="orders-all" data-select-all' in body
    assert f'data-select-buyer="{buyer.pk}"' in body and "全选 炸店账号 的订单（3）" in body
    assert body.count(f'data-buyer="{buyer.pk}"') == 3


def test_all_ticked_orders_are_named_in_the_complaint(client, bob, shop_a):
    buyer = make_buyer(shop_a)
    orders = [make_order(shop_a, buyer=buyer) for _ in range(4)]
    client.force_login(bob)
    response = client.post(
        reverse("complaints:create") + f"?buyer={buyer.pk}",
        {"category": "bombing", "title": "炸店", "orders": [o.pk for o in orders]},
    )
    assert response.status_code == 302
    assert set(Complaint.objects.get().orders.all()) == set(orders)


def test_one_upload_stores_each_file_with_its_own_type(client, bob, shop_a):
    complaint = make_complaint(shop_a, bob)
    client.force_login(bob)
    response = client.post(
        reverse("complaints:evidence_upload", args=[complaint.pk]),
        {
            "files": [png("订单截图.png"), txt("聊天.txt"), pdf("快递拒收.pdf")],
            "evidence_kind": "screenshot",
            "file_kinds": ["screenshot", "chat", "logistics"],
        },
    )
    assert response.status_code == 302
    kinds = dict(complaint.evidence.values_list("original_name", "kind"))
    assert kinds == {"订单截图.png": "screenshot", "聊天.txt": "chat", "快递拒收.pdf": "logistics"}
    assert complaint.events.filter(action=ComplaintEvent.Action.EVIDENCE_ADDED).count() == 1


def test_new_complaint_stores_each_file_with_its_own_type(client, bob, shop_a):
    order = make_order(shop_a)
    client.force_login(bob)
    client.post(
        reverse("complaints:create"),
        {
            "category": "unpaid",
            "title": "拍下不付款",
            "orders": [order.pk],
            "files": [txt("聊天.txt"), png("截图.png")],
            "evidence_kind": "screenshot",
            "file_kinds": ["chat", "screenshot"],
        },
    )
    evidence = Complaint.objects.get().evidence.order_by("original_name")
    assert [(e.original_name, e.kind) for e in evidence] == [("截图.png", "screenshot"), ("聊天.txt", "chat")]


def test_a_file_type_its_kind_refuses_keeps_the_whole_upload_out(client, bob, shop_a):
    complaint = make_complaint(shop_a, bob)
    client.force_login(bob)
    response = client.post(
        reverse("complaints:evidence_upload", args=[complaint.pk]),
        {"files": [png("截图.png"), txt("聊天.txt")], "file_kinds": ["screenshot", "screenshot"]},
    )
    assert response.status_code == 400
    assert not complaint.evidence.exists()


def test_kinds_that_do_not_match_the_files_are_refused(client, bob, shop_a):
    complaint = make_complaint(shop_a, bob)
    client.force_login(bob)
    response = client.post(
        reverse("complaints:evidence_upload", args=[complaint.pk]),
        {"files": [png("一.png"), png("二.png")], "file_kinds": ["screenshot"]},
    )
    assert response.status_code == 400
    assert "请为每个文件选择证据类型" in response.content.decode()
    assert not Evidence.objects.exists()


def test_pdf_says_draft_for_a_draft(shop_a, bob):
    text = pdf_text(summary_pdf(complaint_summary(make_complaint(shop_a, bob))))
    assert "状态：草稿" in text.splitlines()
    assert "提交时间" not in text and "处理结果" not in text


def test_pdf_shows_the_complaints_real_status_dates_and_outcome(shop_a, bob, manny):
    complaint = make_complaint(shop_a, bob)
    complaint_submit(complaint=complaint, user=manny, platform_ticket_no="GD20251126001")
    complaint_record_reply(complaint=complaint, user=manny, reply_text="经核实，买家恶意下单")
    complaint_close(complaint=complaint, user=manny, result="upheld", outcome="平台限制买家账号并赔付")
    compensation_record(complaint=complaint, user=manny, amount=Decimal("120.50"), received_on=timezone.localdate())
    complaint.refresh_from_db()

    text = pdf_text(summary_pdf(complaint_summary(complaint)))
    lines = text.splitlines()
    assert "状态：投诉成立" in lines and "状态：草稿" not in lines
    assert "平台工单号：GD20251126001" in text
    for moment in (complaint.submitted_at, complaint.replied_at, complaint.closed_at):
        assert timezone.localtime(moment).strftime("%Y-%m-%d %H:%M") in text
    assert "处理结果：平台限制买家账号并赔付" in text
    assert "平台赔付：¥120.50（1 笔）" in text
