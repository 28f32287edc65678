"""RQ entry points for complaints. Each takes ids, re-fetches, and calls a service.

Start them by dotted path: ``shieldsite.queues.enqueue("default", "complaints.jobs.<name>", *ids)``.
"""

from django.utils import timezone


def job_progress(percent: int) -> None:
    """Mirror progress into the RQ job's meta when running on a worker (NetBox-style)."""
    from rq import get_current_job

    job = get_current_job()
    if job is not None:
        job.meta["progress"] = percent
        job.save_meta()


def build_evidence_pack(pack_id: int) -> None:
    """Build the ZIP of one requested evidence pack; progress lands on the pack record."""
    from complaints.packs import evidence_pack_build

    evidence_pack_build(pack_id=pack_id, progress=job_progress)


def complaints_due(now=None) -> dict:
    """Complaints past their reply deadline and those due by the end of tomorrow, all shops.

    ``manage.py complaints_deadlines`` prints this; the alerts feature will send it on.
    """
    from complaints.models import Complaint

    now = now or timezone.now()
    base = Complaint.objects.select_related("shop").order_by("reply_due_at", "pk")
    return {"overdue": list(base.overdue(now)), "due_soon": list(base.due_soon(now))}
