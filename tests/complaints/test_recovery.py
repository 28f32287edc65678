"""Recovery after an upheld complaint: the platform's compensation and the legal follow-up, on
upheld complaints only, audited, shown on the complaint page and summed on the dashboard."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from complaints.models import Compensation, Complaint, ComplaintEvent, Evidence, LegalAction
from complaints.selectors import recovered_totals
from complaints.services import (
    compensation_record,
    complaint_close,
    complaint_record_reply,
    complaint_submit,
    legal_action_record,
)
from reviews.selectors.reports import Period
from tests.complaints.conftest import make_complaint, pdf, txt
from tests.conftest import make_member

pytestmark = pytest.mark.django_db
A = ComplaintEvent.Action


def upheld(shop, reviewer, manager, **fields) -> Complaint:
    complaint = make_complaint(shop, reviewer, **fields)
    complaint_submit(complaint=complaint, user=manager)
    complaint_record_reply(complaint=complaint, user=manager, reply_text="属实")
    return complaint_close(complaint=complaint, user=manager, result="upheld", outcome="平台认定恶意下单")


def pay(complaint, user, amount: str, day: date, note: str = "") -> Compensation:
    return compensation_record(complaint=complaint, user=user, amount=Decimal(amount), received_on=day, note=note)


def test_compensation_on_an_upheld_complaint_is_recorded_and_audited(shop_a, bob, manny):
    complaint = upheld(shop_a, bob, manny)
    today = timezone.localdate()
    pay(complaint, manny, "88.00", today, note="平台赔付单 PF001")
    (row,) = complaint.compensations.all()
    assert (row.amount, row.received_on, row.note, row.recorded_by) == (
        Decimal("88.00"),
        today,
        "平台赔付单 PF001",
        manny,
    )
    event = complaint.events.get(action=A.COMPENSATED)
    assert event.user == manny and "¥88.00" in event.note and "PF001" in event.note


@pytest.mark.parametrize("step", ["draft", "submitted", "rejected"])
def test_no_recovery_on_a_complaint_that_was_not_upheld(shop_a, bob, manny, step):
    complaint = make_complaint(shop_a, bob)
    if step in ("submitted", "rejected"):
        complaint_submit(complaint=complaint, user=manny)
    if step == "rejected":
        complaint_record_reply(complaint=complaint, user=manny, reply_text="证据不足")
        complaint_close(complaint=complaint, user=manny, result="rejected")
    with pytest.raises(ValidationError, match="只有「投诉成立」"):
        pay(complaint, manny, "10", timezone.localdate())
    with pytest.raises(ValidationError, match="只有「投诉成立」"):
        legal_action_record(complaint=complaint, user=manny, status=LegalAction.Status.FILED)
    assert not Compensation.objects.exists() and not LegalAction.objects.exists()
    assert not complaint.events.filter(action__in=[A.COMPENSATED, A.LEGAL_RECORDED]).exists()


def test_compensation_must_be_positive_and_already_received(shop_a, bob, manny):
    complaint = upheld(shop_a, bob, manny)
    with pytest.raises(ValidationError):
        pay(complaint, manny, "0", timezone.localdate())
    with pytest.raises(ValidationError, match="不能晚于今天"):
        pay(complaint, manny, "5", timezone.localdate() + timedelta(days=1))
    assert not Compensation.objects.exists()


def test_legal_follow_up_keeps_its_documents_as_evidence_and_audits_each_change(shop_a, bob, manny):
    complaint = upheld(shop_a, bob, manny)
    filed = timezone.localdate() - timedelta(days=20)
    legal = legal_action_record(
        complaint=complaint,
        user=manny,
        status=LegalAction.Status.FILED,
        filed_on=filed,
        case_no="(2025)粤0305民初1234号",
        files=[pdf("起诉状.pdf")],
    )
    (document,) = legal.documents.all()
    assert document.kind == Evidence.Kind.LEGAL and document.complaint == complaint

    legal_action_record(
        complaint=complaint,
        user=manny,
        status=LegalAction.Status.WON,
        filed_on=filed,
        case_no="(2025)粤0305民初1234号",
        outcome="判决买家赔偿",
        recovered_amount=Decimal("300"),
        recovered_on=timezone.localdate(),
        files=[pdf("判决书.pdf")],
    )
    legal.refresh_from_db()
    assert legal.status == LegalAction.Status.WON and legal.recovered_amount == Decimal("300")
    assert LegalAction.objects.count() == 1 and legal.documents.count() == 2
    notes = list(complaint.events.filter(action=A.LEGAL_RECORDED).values_list("note", flat=True))
    assert notes[0] == "已起诉/已报案"
    assert notes[1].startswith("已起诉/已报案 → 胜诉") and "追回 ¥300" in notes[1]


def test_legal_documents_are_checked_like_evidence(shop_a, bob, manny):
    complaint = upheld(shop_a, bob, manny)
    with pytest.raises(ValidationError):
        legal_action_record(complaint=complaint, user=manny, status="filed", files=[txt("起诉状.txt")])
    assert not LegalAction.objects.exists() and not Evidence.objects.filter(kind="legal").exists()


def test_manager_records_compensation_from_the_complaint_page(client, shop_a, bob, manny):
    complaint = upheld(shop_a, bob, manny)
    client.force_login(manny)
    url = reverse("complaints:action", args=[complaint.pk, "compensate"])
    today = timezone.localdate().isoformat()
    response = client.post(url, {"amount": "66.60", "received_on": today, "note": "第一笔"})
    assert response.status_code == 302
    body = client.get(reverse("complaints:detail", args=[complaint.pk])).content.decode()
    assert "¥66.60" in body and "第一笔" in body and 'id="recovery"' in body


def test_reviewer_may_not_record_recovery_and_other_shops_get_404(client, shop_a, shop_b, bob, manny, charlie):
    complaint = upheld(shop_a, bob, manny)
    data = {"amount": "10", "received_on": timezone.localdate().isoformat()}
    client.force_login(bob)
    assert client.post(reverse("complaints:action", args=[complaint.pk, "compensate"]), data).status_code == 403
    assert (
        client.post(reverse("complaints:action", args=[complaint.pk, "legal"]), {"status": "filed"}).status_code == 403
    )
    make_member("charlie_boss", shop_b, "manager")
    client.force_login(charlie)
    assert client.post(reverse("complaints:action", args=[complaint.pk, "compensate"]), data).status_code == 404
    assert not Compensation.objects.exists() and not LegalAction.objects.exists()


def test_recovery_form_on_a_draft_answers_400_and_saves_nothing(client, shop_a, bob, manny):
    complaint = make_complaint(shop_a, bob)
    client.force_login(manny)
    response = client.post(
        reverse("complaints:action", args=[complaint.pk, "compensate"]),
        {"amount": "10", "received_on": timezone.localdate().isoformat()},
    )
    assert response.status_code == 400 and "只有「投诉成立」" in response.content.decode()
    assert not Compensation.objects.exists()


def test_recovered_totals_match_the_hand_computed_sums(shop_a, shop_b, bob, manny):
    today = timezone.localdate()
    first, second = upheld(shop_a, bob, manny), upheld(shop_a, bob, manny)
    pay(first, manny, "100.00", today - timedelta(days=3))
    pay(first, manny, "20.50", today)
    pay(second, manny, "7.25", today - timedelta(days=10))  # before the period
    legal_action_record(
        complaint=second,
        user=manny,
        status="settled",
        recovered_amount=Decimal("300"),
        recovered_on=today - timedelta(days=1),
    )
    other_boss = make_member("other_boss", shop_b, "manager")
    other = upheld(shop_b, other_boss, other_boss)
    pay(other, other_boss, "999", today)  # another shop

    period = Period(today - timedelta(days=6), today)
    totals = recovered_totals(shop_a, period.since, period.until)
    assert totals == {
        "platform": Decimal("120.50"),
        "legal": Decimal("300"),
        "total": Decimal("420.50"),
    }
    week_before = Period(today - timedelta(days=13), today - timedelta(days=7))
    assert recovered_totals(shop_a, week_before.since, week_before.until)["total"] == Decimal("7.25")


def test_dashboard_shows_losses_recovered_beside_losses_prevented(client, shop_a, bob, manny):
    today = timezone.localdate()
    complaint = upheld(shop_a, bob, manny)
    pay(complaint, manny, "1200.00", today)
    legal_action_record(
        complaint=complaint, user=manny, status="won", recovered_amount=Decimal("34.50"), recovered_on=today
    )
    client.force_login(bob)  # every member sees the dashboard
    response = client.get(reverse("reviews:home"), {"range": "7"})
    assert response.context["recovered"]["total"] == Decimal("1234.50")
    body = response.content.decode()
    prevented, recovered = body.index('id="fig-prevented"'), body.index('id="fig-recovered"')
    assert prevented < recovered < body.index('id="fig-losses"')
    assert "¥1,234.50" in body and "¥1,200.00" in body and "¥34.50" in body
