"""A complaint due tomorrow or overdue alerts the shop, once a day per state."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from complaints.models import Complaint
from reviews.models import Alert, AlertChannel, AlertKind
from reviews.services.alerting import alerts_check
from tests.complaints.conftest import make_complaint

pytestmark = pytest.mark.django_db


def submitted(shop, user, *, due_in: timedelta, title="恶意拍单不付款") -> Complaint:
    complaint = make_complaint(shop, user, title=title)
    Complaint.objects.filter(pk=complaint.pk).update(
        status=Complaint.Status.SUBMITTED, reply_due_at=timezone.now() + due_in, platform_ticket_no="PDD-778"
    )
    return complaint


def test_due_and_overdue_complaints_alert_with_a_link(shop_a, alice):
    AlertChannel.objects.create(shop=shop_a, name="店长", kind="email", emails="boss@example.com")
    soon = submitted(shop_a, alice, due_in=timedelta(hours=3), title="明天截止的投诉")
    late = submitted(shop_a, alice, due_in=-timedelta(hours=2), title="逾期的投诉")
    submitted(shop_a, alice, due_in=timedelta(days=9), title="还早")
    assert alerts_check()["check_complaint_deadlines"] == 2
    alerts = {a.data["complaint_id"]: a for a in Alert.objects.filter(kind=AlertKind.COMPLAINT_DUE)}
    assert set(alerts) == {soon.pk, late.pk}
    assert alerts[late.pk].title.startswith("投诉已逾期") and "PDD-778" in alerts[late.pk].text
    assert alerts[soon.pk].title.startswith("投诉明天前到期")
    assert alerts[soon.pk].url.endswith(reverse("complaints:detail", args=[soon.pk]))
    # Every five minutes the scheduler runs again: nothing new to say today.
    assert alerts_check()["check_complaint_deadlines"] == 0


def test_complaints_of_a_shop_without_channels_stay_quiet(shop_a, shop_b, alice):
    AlertChannel.objects.create(shop=shop_b, name="B 群", url="https://b.test/")
    submitted(shop_a, alice, due_in=-timedelta(hours=2))
    assert alerts_check()["check_complaint_deadlines"] == 0
    assert not Alert.objects.exists()
