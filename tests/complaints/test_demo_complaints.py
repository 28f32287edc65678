"""`make run`'s demo complaints: one of each state a merchant meets, through the real services."""

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone

from complaints.models import Complaint
from reviews.models import CreditEvent

S = Complaint.Status


@pytest.mark.django_db(transaction=True)  # screening runs on commit, as under `make run`
def test_demo_complaints_show_each_state_with_a_dated_trail():
    call_command("seed_demo", "--orders", "300")
    call_command("seed_demo_complaints", "--if-empty")

    complaints = list(Complaint.objects.prefetch_related("orders", "events", "evidence"))
    by_status = {}
    for complaint in complaints:
        by_status.setdefault(complaint.status, []).append(complaint)
    assert set(by_status) == {S.UPHELD, S.SUBMITTED, S.DRAFT}
    assert [c.is_overdue for c in by_status[S.SUBMITTED]].count(True) == 1, "one waits past its deadline"
    upheld = by_status[S.UPHELD][0]
    assert CreditEvent.objects.filter(kind=CreditEvent.Kind.COMPLAINT_UPHELD, buyer__in=upheld.buyers.all()).exists()
    assert upheld.compensations.get().received_on > timezone.localdate(upheld.closed_at), "the platform paid it back"
    draft = by_status[S.DRAFT][0]
    evidence = draft.evidence.get()
    assert draft.created_by.username == "reviewer" and evidence.thumbnail
    assert evidence.uploaded_at == draft.created_at
    assert len({o.buyer_id for o in draft.orders.all()}) > 1, "a bombing is several accounts"
    now = timezone.now()
    for complaint in complaints:
        assert all(order.shop_id == complaint.shop_id for order in complaint.orders.all())
        times = [event.created_at for event in complaint.events.all()]
        assert times == sorted(times) and times[-1] <= now and times[0] == complaint.created_at
        assert complaint.submitted_at is None or complaint.created_at <= complaint.submitted_at < now

    call_command("seed_demo_complaints", "--if-empty")
    assert Complaint.objects.count() == len(complaints), "make run again adds nothing"


def test_without_the_demo_shop_the_command_says_what_to_run_first(db):
    with pytest.raises(CommandError, match="请先运行 manage.py seed_demo"):
        call_command("seed_demo_complaints")
