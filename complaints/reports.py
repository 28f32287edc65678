"""The complaint figures on the dashboard (the dashboard lives in reviews; see reviews/selectors/dashboard.py)."""

from django.db.models import Count, Q
from django.utils import timezone

from complaints.models import Complaint
from complaints.selectors import RECOVERED_SUMS, recovered_of, with_recovered

OPEN_STATUSES = (Complaint.Status.DRAFT, Complaint.Status.SUBMITTED, Complaint.Status.REPLIED)


def dashboard_figures(*, shop, period) -> dict:
    """Complaints open and overdue now, upheld / rejected within the period (one query), and the
    losses recovered within it (``recovered``, beside the losses prevented), all in one query."""
    now = timezone.now()
    closed_in_period = Q(closed_at__gte=period.since, closed_at__lt=period.until)
    complaints = with_recovered(Complaint.objects.filter(shop=shop), period.since, period.until)
    figures = complaints.aggregate(
        open=Count("pk", filter=Q(status__in=OPEN_STATUSES)),
        overdue=Count("pk", filter=Q(status=Complaint.Status.SUBMITTED, reply_due_at__lt=now)),
        upheld=Count("pk", filter=closed_in_period & Q(status=Complaint.Status.UPHELD)),
        rejected=Count("pk", filter=closed_in_period & Q(status=Complaint.Status.REJECTED)),
        **RECOVERED_SUMS,
    )
    recovered = recovered_of({name: figures.pop(name) for name in RECOVERED_SUMS})
    return {"complaints": figures, "recovered": recovered}
