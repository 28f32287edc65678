"""The reply deadline counts working days; overdue and due-soon complaints are found on time."""

from datetime import datetime
from io import StringIO
from zoneinfo import ZoneInfo

import pytest
from django.core.management import call_command

from complaints.deadlines import add_working_days
from complaints.models import Complaint
from complaints.services import complaint_record_reply, complaint_submit
from tests.complaints.conftest import frozen, make_complaint

pytestmark = pytest.mark.django_db
SHANGHAI = ZoneInfo("Asia/Shanghai")


def at(day: int, hour: int = 10) -> datetime:
    """A moment in November 2026 in Shanghai (the 20th is a Friday)."""
    return datetime(2026, 11, day, hour, 0, tzinfo=SHANGHAI)


@pytest.mark.parametrize(
    ("start", "days", "due"),
    [
        (at(16), 3, at(19)),  # Monday → Thursday
        (at(20), 3, at(25)),  # Friday → Wednesday, weekend skipped
        (at(21), 1, at(23)),  # Saturday → Monday
        (at(22), 3, at(25)),  # Sunday → Wednesday
        (at(20, 23), 1, at(23, 23)),  # Friday late evening in Shanghai is Friday, not Saturday
    ],
)
def test_working_days_skip_the_weekend(start, days, due):
    assert add_working_days(start, days) == due


def submitted_at(moment, shop, bob, manny, **fields):
    with frozen(moment):
        complaint = make_complaint(shop, bob, **fields)
        return complaint_submit(complaint=complaint, user=manny)


def test_submission_sets_the_due_date_from_the_policy_setting(shop_a, bob, manny, settings):
    settings.SHIELD_COMPLAINT_REPLY_DAYS = 5
    complaint = submitted_at(at(20), shop_a, bob, manny)
    complaint.refresh_from_db()
    assert complaint.submitted_at == at(20)
    assert complaint.reply_due_at == at(27)


def test_overdue_and_due_soon_with_a_frozen_clock(shop_a, bob, manny):
    late = submitted_at(at(16), shop_a, bob, manny, title="逾期")  # due Thu 19th 10:00
    soon = submitted_at(at(18), shop_a, bob, manny, title="明天到期")  # due Mon 23rd 10:00
    later = submitted_at(at(20), shop_a, bob, manny, title="下周")  # due Wed 25th 10:00
    with frozen(at(22, 9)):  # Sunday morning
        assert list(Complaint.objects.overdue()) == [late]
        assert list(Complaint.objects.due_soon()) == [soon]
        assert late.is_overdue and not soon.is_overdue and not later.is_overdue
        assert soon.is_due_soon and not later.is_due_soon
        assert list(Complaint.objects.deadline_first()) == [late, soon, later]
    with frozen(at(19, 9)):
        assert list(Complaint.objects.overdue()) == []


def test_a_replied_complaint_is_never_overdue(shop_a, bob, manny):
    complaint = submitted_at(at(16), shop_a, bob, manny)
    with frozen(at(18)):
        complaint_record_reply(complaint=complaint, user=manny, reply_text="处理中")
    with frozen(at(30)):
        assert not Complaint.objects.overdue().exists()
        complaint.refresh_from_db()
        assert not complaint.is_overdue


def test_deadlines_command_lists_overdue_and_due_tomorrow(shop_a, bob, manny):
    submitted_at(at(16), shop_a, bob, manny, title="逾期的投诉")
    submitted_at(at(18), shop_a, bob, manny, title="快到期的投诉")
    submitted_at(at(20), shop_a, bob, manny, title="还早的投诉")
    out = StringIO()
    with frozen(at(22, 9)):
        call_command("complaints_deadlines", stdout=out)
    text = out.getvalue()
    assert "逾期: 1" in text and "逾期的投诉" in text
    assert "即将到期: 1" in text and "快到期的投诉" in text
    assert "还早的投诉" not in text
