"""A complaint moves draft → submitted → replied → upheld / rejected / withdrawn, and only so."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from complaints.models import Complaint, ComplaintEvent
from complaints.services import (
    complaint_close,
    complaint_record_reply,
    complaint_submit,
    complaint_update,
    complaint_withdraw,
)
from complaints.signals import complaint_upheld
from tests.complaints.conftest import make_complaint
from tests.conftest import make_buyer, make_link, make_order

pytestmark = pytest.mark.django_db
S = Complaint.Status


def test_new_complaint_is_a_draft_with_the_orders_buyers_and_a_created_event(shop_a, bob):
    buyer = make_buyer(shop_a)
    orders = [make_order(shop_a, buyer=buyer), make_order(shop_a, buyer=buyer)]
    other = make_buyer(shop_a)
    complaint = make_complaint(shop_a, bob, orders=orders, buyers=[other])
    assert complaint.status == S.DRAFT
    assert set(complaint.orders.all()) == set(orders)
    assert set(complaint.buyers.all()) == {buyer, other}
    (event,) = complaint.events.all()
    assert (event.action, event.user, event.to_status) == ("created", bob, S.DRAFT)


def test_complaint_without_orders_is_refused_and_nothing_saved(shop_a, bob):
    from complaints.services import complaint_create

    with pytest.raises(ValidationError, match="请至少选择一个涉及的订单"):
        complaint_create(shop=shop_a, user=bob, category="unpaid", title="x", orders=[])
    assert not Complaint.objects.exists()


def test_orders_of_another_shop_are_refused(shop_a, shop_b, bob):
    with pytest.raises(ValidationError, match="不属于本店铺"):
        make_complaint(shop_a, bob, orders=[make_order(shop_b)])


def test_full_workflow_records_every_status_change_with_user_and_time(shop_a, bob, manny):
    complaint = make_complaint(shop_a, bob)
    complaint_submit(complaint=complaint, user=manny, platform_ticket_no="TS20260101")
    complaint_record_reply(complaint=complaint, user=manny, reply_text="已核实，对买家进行处罚")
    complaint_close(complaint=complaint, user=manny, result=S.UPHELD, outcome="买家账号被限制")
    complaint.refresh_from_db()
    assert complaint.status == S.UPHELD
    assert complaint.platform_ticket_no == "TS20260101"
    assert complaint.submitted_at <= complaint.replied_at <= complaint.closed_at
    changes = list(
        complaint.events.filter(action=ComplaintEvent.Action.STATUS_CHANGED).values_list(
            "from_status", "to_status", "user__username"
        )
    )
    assert changes == [
        (S.DRAFT, S.SUBMITTED, "manny"),
        (S.SUBMITTED, S.REPLIED, "manny"),
        (S.REPLIED, S.UPHELD, "manny"),
    ]
    assert all(event.created_at for event in complaint.events.all())


@pytest.mark.parametrize(
    ("reach", "target"),
    [
        ([], S.REPLIED),
        ([], S.UPHELD),
        (["submit"], S.UPHELD),
        (["submit"], S.REJECTED),
        (["submit", "reply", "uphold"], S.WITHDRAWN),
        (["withdraw"], S.SUBMITTED),
    ],
)
def test_transitions_outside_the_workflow_are_refused(shop_a, bob, manny, reach, target):
    complaint = make_complaint(shop_a, bob)
    steps = {
        "submit": lambda: complaint_submit(complaint=complaint, user=manny),
        "reply": lambda: complaint_record_reply(complaint=complaint, user=manny, reply_text="ok"),
        "uphold": lambda: complaint_close(complaint=complaint, user=manny, result=S.UPHELD),
        "withdraw": lambda: complaint_withdraw(complaint=complaint, user=manny),
    }
    for step in reach:
        steps[step]()
    before = complaint.events.count()
    with pytest.raises(ValidationError, match="不能改为"):
        if target == S.SUBMITTED:
            complaint_submit(complaint=complaint, user=manny)
        elif target == S.REPLIED:
            complaint_record_reply(complaint=complaint, user=manny, reply_text="x")
        elif target == S.WITHDRAWN:
            complaint_withdraw(complaint=complaint, user=manny)
        else:
            complaint_close(complaint=complaint, user=manny, result=target)
    assert complaint.events.count() == before


def test_reply_dated_before_submission_is_refused(shop_a, bob, manny):
    complaint = make_complaint(shop_a, bob)
    complaint_submit(complaint=complaint, user=manny)
    with pytest.raises(ValidationError, match="平台回复时间不能早于提交时间"):
        complaint_record_reply(
            complaint=complaint, user=manny, reply_text="x", replied_at=timezone.now() - timedelta(days=2)
        )
    complaint.refresh_from_db()
    assert complaint.status == S.SUBMITTED
    assert complaint.replied_at is None


def test_reply_in_the_future_is_refused(shop_a, bob, manny):
    complaint = make_complaint(shop_a, bob)
    complaint_submit(complaint=complaint, user=manny)
    with pytest.raises(ValidationError, match="不能晚于现在"):
        complaint_record_reply(
            complaint=complaint, user=manny, reply_text="x", replied_at=timezone.now() + timedelta(days=1)
        )


def test_upheld_sends_the_signal_once_with_the_complaint(shop_a, bob, manny):
    received = []

    def receiver(sender, complaint, user, **kwargs):
        received.append((complaint.pk, complaint.status, user))

    complaint_upheld.connect(receiver)
    try:
        complaint = make_complaint(shop_a, bob)
        complaint_submit(complaint=complaint, user=manny)
        complaint_record_reply(complaint=complaint, user=manny, reply_text="成立")
        assert received == []
        complaint_close(complaint=complaint, user=manny, result=S.UPHELD)
    finally:
        complaint_upheld.disconnect(receiver)
    assert received == [(complaint.pk, S.UPHELD, manny)]


def test_rejected_complaint_sends_no_upheld_signal_and_is_kept(shop_a, bob, manny):
    received = []
    complaint_upheld.connect(lambda **kw: received.append(kw), weak=False, dispatch_uid="t-rejected")
    try:
        complaint = make_complaint(shop_a, bob)
        complaint_submit(complaint=complaint, user=manny)
        complaint_record_reply(complaint=complaint, user=manny, reply_text="证据不足")
        complaint_close(complaint=complaint, user=manny, result=S.REJECTED, outcome="证据不足")
    finally:
        complaint_upheld.disconnect(dispatch_uid="t-rejected")
    assert received == []
    assert Complaint.objects.get(pk=complaint.pk).status == S.REJECTED


def test_only_a_draft_can_be_edited(shop_a, bob, manny):
    complaint = make_complaint(shop_a, bob)
    order = make_order(shop_a)
    complaint_update(complaint=complaint, user=bob, category="bombing", title="炸店", orders=[order])
    complaint.refresh_from_db()
    assert (complaint.category, complaint.title, list(complaint.orders.all())) == ("bombing", "炸店", [order])
    complaint_submit(complaint=complaint, user=manny)
    with pytest.raises(ValidationError, match="只有草稿可以修改"):
        complaint_update(complaint=complaint, user=bob, category="other", title="改", orders=[order])


def test_summary_lists_linked_accounts_and_a_timeline_in_time_order(shop_a, bob, manny):
    from complaints.summary import complaint_summary

    buyer, twin = make_buyer(shop_a), make_buyer(shop_a)
    make_link(shop_a, buyer, twin, via="phone", key="13800001111")
    first = make_order(shop_a, buyer=buyer, ordered_at=timezone.now() - timedelta(days=3))
    second = make_order(shop_a, buyer=buyer, ordered_at=timezone.now() - timedelta(days=2))
    complaint = make_complaint(shop_a, bob, orders=[second, first])
    complaint_submit(complaint=complaint, user=manny)
    summary = complaint_summary(complaint)
    assert [x.buyer for x in summary.linked] == [twin]
    assert [entry.at for entry in summary.timeline] == sorted(entry.at for entry in summary.timeline)
    assert first.order_no in summary.timeline[0].label
    assert "已提交" in summary.timeline[-1].label
