"""Complaint pages: who may do what, scoped to the member's shops; files leave only as downloads."""

import pytest
from django.urls import reverse

from complaints.models import Complaint, Evidence, EvidencePack
from complaints.services import complaint_record_reply, complaint_submit, evidence_add
from tests.complaints.conftest import frozen, html, make_complaint, png, upload
from tests.conftest import make_buyer, make_link, make_order

pytestmark = pytest.mark.django_db
S = Complaint.Status


def test_order_page_offers_to_start_a_complaint(client, bob, order_of_shop_a):
    client.force_login(bob)
    body = client.get(reverse("reviews:order_detail", args=[order_of_shop_a.pk])).content.decode()
    assert f"{reverse('complaints:create')}?order={order_of_shop_a.pk}" in body
    assert "发起投诉" in body


def test_form_from_an_order_prefills_order_buyer_and_linked_accounts(client, bob, shop_a):
    buyer, twin = make_buyer(shop_a), make_buyer(shop_a)
    make_link(shop_a, buyer, twin, via="phone", key="13800001111")
    order, other = make_order(shop_a, buyer=buyer), make_order(shop_a, buyer=buyer)
    twin_order = make_order(shop_a, buyer=twin)
    stranger_order = make_order(shop_a)
    client.force_login(bob)
    response = client.get(reverse("complaints:create"), {"order": order.pk})
    choices = {o.pk: checked for o, checked in response.context["order_choices"]}
    assert choices == {order.pk: True, other.pk: False, twin_order.pk: False}
    assert stranger_order.pk not in choices
    assert [(x.pk, checked) for x, checked in response.context["buyer_choices"]] == [(buyer.pk, True), (twin.pk, True)]


def test_form_from_a_buyer_ticks_that_buyers_orders(client, bob, shop_a):
    buyer = make_buyer(shop_a)
    orders = [make_order(shop_a, buyer=buyer), make_order(shop_a, buyer=buyer)]
    client.force_login(bob)
    response = client.get(reverse("complaints:create"), {"buyer": buyer.pk})
    assert {o.pk for o, checked in response.context["order_choices"] if checked} == {o.pk for o in orders}


def test_reviewer_files_a_draft_with_screenshots(client, bob, shop_a):
    order = make_order(shop_a)
    client.force_login(bob)
    response = client.post(
        reverse("complaints:create") + f"?order={order.pk}",
        {
            "category": "unpaid",
            "title": "拍下不付款",
            "description": "连续三天下单不付款",
            "orders": [order.pk],
            "files": [png("一.png"), png("二.png")],
            "evidence_kind": "screenshot",
            "caption": "聊天截图",
        },
    )
    complaint = Complaint.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("complaints:detail", args=[complaint.pk])
    assert (complaint.status, complaint.created_by) == (S.DRAFT, bob)
    assert sorted(complaint.evidence.values_list("original_name", flat=True)) == ["一.png", "二.png"]
    assert list(complaint.buyers.all()) == [order.buyer]


def test_order_numbers_can_be_typed_and_unknown_ones_are_named(client, bob, shop_a, shop_b):
    mine, theirs = make_order(shop_a, order_no="A-1"), make_order(shop_b, order_no="B-1")
    client.force_login(bob)
    response = client.post(
        reverse("complaints:create"), {"category": "bombing", "title": "炸店", "order_numbers": "A-1\nB-1"}
    )
    assert response.status_code == 400
    assert "本店铺没有这些订单：B-1" in response.content.decode()
    assert not Complaint.objects.exists()
    client.post(reverse("complaints:create"), {"category": "bombing", "title": "炸店", "order_numbers": "A-1"})
    assert list(Complaint.objects.get().orders.all()) == [mine]
    assert theirs.complaints.count() == 0


def test_form_without_orders_shows_an_error_and_saves_nothing(client, bob, shop_a):
    client.force_login(bob)
    response = client.post(
        reverse("complaints:create"),
        {"category": "other", "title": "无订单", "files": [png()], "evidence_kind": "screenshot"},
    )
    assert response.status_code == 400
    assert "请至少选择一个涉及的订单" in response.content.decode()
    assert not Complaint.objects.exists() and not Evidence.objects.exists()


def test_disguised_file_on_the_form_is_refused_with_its_name(client, bob, shop_a):
    order = make_order(shop_a)
    client.force_login(bob)
    response = client.post(
        reverse("complaints:create"),
        {
            "category": "abuse",
            "title": "辱骂",
            "orders": [order.pk],
            "files": [upload("截图.png", b"<html><script>alert(1)</script></html>")],
            "evidence_kind": "screenshot",
        },
    )
    assert response.status_code == 400
    assert "截图.png" in response.content.decode() and "HTML" in response.content.decode()
    assert not Complaint.objects.exists()


def test_other_shops_order_cannot_seed_a_complaint(client, charlie, order_of_shop_a):
    client.force_login(charlie)
    assert client.get(reverse("complaints:create"), {"order": order_of_shop_a.pk}).status_code == 404


def test_reviewer_cannot_submit_reply_close_or_withdraw(client, bob, shop_a):
    complaint = make_complaint(shop_a, bob)
    client.force_login(bob)
    for action in ("submit", "withdraw"):
        assert client.post(reverse("complaints:action", args=[complaint.pk, action])).status_code == 403
    complaint.refresh_from_db()
    assert complaint.status == S.DRAFT
    body = client.get(reverse("complaints:detail", args=[complaint.pk])).content.decode()
    assert reverse("complaints:action", args=[complaint.pk, "submit"]) not in body
    assert reverse("complaints:action", args=[complaint.pk, "withdraw"]) not in body
    assert "由经理或管理员操作" in body


def test_manager_submits_records_reply_and_upholds(client, bob, manny, shop_a):
    complaint = make_complaint(shop_a, bob)
    client.force_login(manny)
    url = lambda action: reverse("complaints:action", args=[complaint.pk, action])  # noqa: E731
    assert client.post(url("submit"), {"platform_ticket_no": "TS-88"}).status_code == 302
    assert client.post(url("reply"), {"reply_text": "已处罚买家"}).status_code == 302
    assert client.post(url("close"), {"result": "upheld", "outcome": "成立"}).status_code == 302
    complaint.refresh_from_db()
    assert (complaint.status, complaint.platform_ticket_no, complaint.reply_text) == (S.UPHELD, "TS-88", "已处罚买家")
    assert complaint.events.filter(action="status_changed", user=manny).count() == 3


def test_reply_dated_before_submission_shows_the_error_on_the_page(client, bob, manny, shop_a):
    complaint = complaint_submit(complaint=make_complaint(shop_a, bob), user=manny)
    client.force_login(manny)
    response = client.post(
        reverse("complaints:action", args=[complaint.pk, "reply"]),
        {"reply_text": "x", "replied_at": "2020-01-01T10:00"},
    )
    assert response.status_code == 400
    assert "平台回复时间不能早于提交时间" in response.content.decode()
    complaint.refresh_from_db()
    assert complaint.status == S.SUBMITTED


def test_wrong_transition_from_the_page_is_explained(client, bob, manny, shop_a):
    complaint = make_complaint(shop_a, bob)
    client.force_login(manny)
    response = client.post(reverse("complaints:action", args=[complaint.pk, "close"]), {"result": "upheld"})
    assert response.status_code == 400
    assert "不能改为" in response.content.decode()


def test_other_shops_complaint_answers_404_everywhere(client, bob, charlie, shop_a):
    complaint = make_complaint(shop_a, bob, files=[png()])
    evidence = complaint.evidence.get()
    pack = EvidencePack.objects.create(complaint=complaint, created_by=bob)
    client.force_login(charlie)
    for url in (
        reverse("complaints:detail", args=[complaint.pk]),
        reverse("complaints:pack_status", args=[pack.pk]),
        reverse("complaints:pack_download", args=[pack.pk]),
        reverse("complaints:edit", args=[complaint.pk]),
        reverse("complaints:evidence_download", args=[evidence.pk]),
        reverse("complaints:evidence_thumbnail", args=[evidence.pk]),
    ):
        assert client.get(url).status_code == 404, url
    for url in (
        reverse("complaints:action", args=[complaint.pk, "withdraw"]),
        reverse("complaints:evidence_upload", args=[complaint.pk]),
        reverse("complaints:pack_create", args=[complaint.pk]),
    ):
        assert client.post(url, {"files": [png()], "evidence_kind": "screenshot"}).status_code == 404, url
    assert complaint.evidence.count() == 1 and complaint.packs.count() == 1
    assert "店铺A" not in client.get(reverse("complaints:list")).content.decode()


def test_evidence_downloads_as_an_attachment_that_is_never_sniffed(client, bob, shop_a):
    complaint = make_complaint(shop_a, bob, files=[png("买家截图.png")])
    (chat,) = evidence_add(complaint=complaint, user=bob, files=[html("chat.html")], kind="chat")
    client.force_login(bob)
    picture = complaint.evidence.get(content_type="image/png")
    response = client.get(reverse("complaints:evidence_download", args=[picture.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert response["Content-Disposition"].startswith("attachment")
    assert "%E4%B9%B0%E5%AE%B6%E6%88%AA%E5%9B%BE.png" in response["Content-Disposition"]
    assert response["X-Content-Type-Options"] == "nosniff"
    response = client.get(reverse("complaints:evidence_download", args=[chat.pk]))
    assert response["Content-Type"] == "application/octet-stream", "an HTML chat export is never served as a page"
    assert response["Content-Disposition"].startswith("attachment")
    assert "sandbox" in response["Content-Security-Policy"]


def test_thumbnail_is_a_small_png_for_pictures_only(client, bob, shop_a):
    from io import BytesIO

    from PIL import Image

    complaint = make_complaint(shop_a, bob, files=[png(size=(1600, 1200))])
    (chat,) = evidence_add(complaint=complaint, user=bob, files=[html()], kind="chat")
    client.force_login(bob)
    picture = complaint.evidence.get(content_type="image/png")
    response = client.get(reverse("complaints:evidence_thumbnail", args=[picture.pk]))
    assert response.status_code == 200 and response["Content-Type"] == "image/png"
    assert response["X-Content-Type-Options"] == "nosniff"
    image = Image.open(BytesIO(b"".join(response.streaming_content)))
    assert max(image.size) <= 320
    assert client.get(reverse("complaints:evidence_thumbnail", args=[chat.pk])).status_code == 404
    detail = client.get(reverse("complaints:detail", args=[complaint.pk])).content.decode()
    assert reverse("complaints:evidence_thumbnail", args=[picture.pk]) in detail


def test_list_shows_overdue_first_in_red_and_filters_by_deadline(client, bob, manny, shop_a):
    from datetime import datetime
    from zoneinfo import ZoneInfo

    tz = ZoneInfo("Asia/Shanghai")
    make_complaint(shop_a, bob, title="草稿投诉")
    with frozen(datetime(2026, 11, 16, 10, tzinfo=tz)):
        late = complaint_submit(complaint=make_complaint(shop_a, bob, title="逾期投诉"), user=manny)
    with frozen(datetime(2026, 11, 18, 10, tzinfo=tz)):
        complaint_submit(complaint=make_complaint(shop_a, bob, title="明天到期投诉"), user=manny)
    client.force_login(bob)
    with frozen(datetime(2026, 11, 22, 9, tzinfo=tz)):
        response = client.get(reverse("complaints:list"))
        titles = [c.title for c in response.context["page"]]
        assert titles == ["逾期投诉", "明天到期投诉", "草稿投诉"]
        body = response.content.decode()
        assert 'class="row-overdue"' in body and 'class="row-due-soon"' in body
        overdue = client.get(reverse("complaints:list"), {"deadline": "overdue"}).context["page"]
        assert [c.pk for c in overdue] == [late.pk]
        detail = client.get(reverse("complaints:detail", args=[late.pk])).content.decode()
        assert "已逾期" in detail and "reminder-overdue" in detail


def test_list_filters_by_status_category_and_buyer(client, bob, manny, shop_a):
    buyer = make_buyer(shop_a, display_name="王大锤")
    hit = make_complaint(shop_a, bob, orders=[make_order(shop_a, buyer=buyer)], category="abuse")
    other = make_complaint(shop_a, bob, category="bombing")
    complaint_submit(complaint=other, user=manny)
    client.force_login(bob)

    def pks(**params):
        return [c.pk for c in client.get(reverse("complaints:list"), params).context["page"]]

    assert pks(buyer="大锤") == [hit.pk]
    assert pks(buyer_id=buyer.pk) == [hit.pk]
    assert pks(status="submitted") == [other.pk]
    assert pks(category="abuse") == [hit.pk]


def test_list_query_count_does_not_grow_with_rows(client, bob, shop_a, django_assert_max_num_queries):
    for _ in range(30):
        make_complaint(shop_a, bob)
    client.force_login(bob)
    with django_assert_max_num_queries(12):
        response = client.get(reverse("complaints:list"), {"per_page": 25})
    assert len(response.context["page"].object_list) == 25


def test_detail_query_count_does_not_grow_with_evidence(client, bob, shop_a, django_assert_max_num_queries):
    complaint = make_complaint(shop_a, bob, files=[png(f"{i}.png") for i in range(6)])
    client.force_login(bob)
    with django_assert_max_num_queries(20):
        assert client.get(reverse("complaints:detail", args=[complaint.pk])).status_code == 200


def test_pack_button_builds_a_pack_and_shows_its_download(client, bob, shop_a, django_capture_on_commit_callbacks):
    complaint = make_complaint(shop_a, bob, files=[png()])
    client.force_login(bob)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("complaints:pack_create", args=[complaint.pk]))
    assert response.status_code == 302
    pack = complaint.packs.get()
    assert pack.status == "done"
    body = client.get(reverse("complaints:detail", args=[complaint.pk])).content.decode()
    assert reverse("complaints:pack_download", args=[pack.pk]) in body
    status = client.get(reverse("complaints:pack_status", args=[pack.pk])).content.decode()
    assert "下载证据包" in status and "data-poll-url" not in status


def test_edit_changes_a_draft_but_not_a_submitted_complaint(client, bob, manny, shop_a):
    complaint = make_complaint(shop_a, bob)
    order = complaint.orders.get()
    client.force_login(bob)
    response = client.post(
        reverse("complaints:edit", args=[complaint.pk]), {"category": "refund", "title": "仅退款", "orders": [order.pk]}
    )
    assert response.status_code == 302
    complaint.refresh_from_db()
    assert complaint.title == "仅退款"
    complaint_record = complaint_submit(complaint=complaint, user=manny)
    response = client.get(reverse("complaints:edit", args=[complaint_record.pk]))
    assert response.status_code == 302
    complaint_record_reply(complaint=complaint_record, user=manny, reply_text="ok")


def test_dashboard_lists_overdue_complaints_of_the_current_shop_only(client, bob, manny, charlie, shop_a, shop_b):
    from datetime import timedelta

    from django.utils import timezone

    with frozen(timezone.now() - timedelta(days=10)):
        late = complaint_submit(complaint=make_complaint(shop_a, bob, title="早该回复的投诉"), user=manny)
    client.force_login(bob)
    body = client.get(reverse("reviews:home")).content.decode()
    assert "需要跟进的平台投诉" in body and late.title in body
    assert reverse("complaints:detail", args=[late.pk]) in body
    client.force_login(charlie)
    assert late.title not in client.get(reverse("reviews:home")).content.decode()


def test_pack_still_building_shows_its_progress_and_asks_to_be_polled(client, bob, shop_a):
    complaint = make_complaint(shop_a, bob)
    pack = EvidencePack.objects.create(complaint=complaint, created_by=bob, status="running", progress=40)
    client.force_login(bob)
    body = client.get(reverse("complaints:pack_status", args=[pack.pk])).content.decode()
    assert 'value="40"' in body and "生成中" in body
    assert f'data-poll-url="{reverse("complaints:pack_status", args=[pack.pk])}"' in body
    assert client.get(reverse("complaints:pack_download", args=[pack.pk])).status_code == 404
