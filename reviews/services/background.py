"""Background jobs sent again: retry from the jobs page, and the stuck-job sweep.

Every visible job is a row whose RQ job has a fixed id (``import_run-42``); its ``JobKind``
(``reviews.selectors.jobs``, which also lists them) says which job moves the row on and how a
failed row goes back. Scoring jobs have no row; they are read from RQ's registries.

A worker killed with ``kill -9`` leaves its job in RQ's StartedJobRegistry until the heartbeat
lapses; RQ then retries it (``Retry`` on every enqueue) or moves it to the failed registry with
``AbandonedJobError``. ``jobs_requeue_stuck`` (``manage.py requeue_stuck_jobs``, every few
minutes) cleans those registries, sends again every row still marked running whose RQ job failed
or vanished, and flushes the outbox of jobs that could not reach Redis. Every job is idempotent.
"""

import contextlib
import logging
from dataclasses import dataclass, field
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from reviews.models import Shop
from reviews.selectors.jobs import KINDS, SCORING_LABELS, JobKind, is_shop_scoring_job, status_text
from shieldsite.queues import enqueue, flush_deferred_jobs

log = logging.getLogger(__name__)

# A record younger than this may still be waiting for its transaction's on-commit enqueue.
STUCK_GRACE = timedelta(minutes=2)
# An abandoned scoring job (no record) is sent again at most this many times.
MAX_ABANDONED_REQUEUES = 3


def job_send(*, kind: JobKind, record, status: str | None = None) -> None:
    """Enqueue the job that moves ``record`` on from ``status`` (its current one by default)."""
    func, prefix = kind.active[status or record.status]
    job_id = f"{prefix}-{record.pk}"
    _drop_rq_job(job_id)
    enqueue(kind.queue, func, record.pk, job_id=job_id)


# -- retrying -----------------------------------------------------------------------------------
class NotRetryable(Exception):
    pass


def job_retry(*, kind_key: str, pk: int, shop: Shop) -> bool:
    """Send a failed job of this shop again. True if sent; False if it was no longer failed
    (someone else retried it first: a second click never starts a second run)."""
    kind = KINDS.get(kind_key)
    if kind is None or not kind.for_shop(shop).filter(pk=pk).exists():
        raise NotRetryable(kind_key)  # unknown kind, or another shop's record: the view answers 404
    with transaction.atomic():
        changed = (
            kind.for_shop(shop)
            .filter(pk=pk, status=kind.failed_status)
            .update(status=kind.retry_status, **kind.retry_fields)
        )
        if not changed:
            return False
        record = kind.model.objects.get(pk=pk)
        job_send(kind=kind, record=record)
    log.info("retried %s %s", kind_key, pk)
    return True


def scoring_job_retry(*, job_id: str, shop: Shop) -> bool:
    """Put a failed scoring job of this shop back on its queue."""
    if not settings.REDIS_URL:
        return False
    from rq.exceptions import NoSuchJobError
    from rq.job import Job

    from shieldsite.queues import rq_queue

    queue = rq_queue("scoring")
    try:
        job = Job.fetch(job_id, connection=queue.connection)
    except NoSuchJobError:
        return False
    if not is_shop_scoring_job(job, shop.pk) or job.get_status() != "failed":
        return False
    job.requeue()
    return True


# -- the sweep ----------------------------------------------------------------------------------
@dataclass
class SweepResult:
    abandoned_cleaned: int = 0
    requeued_records: list[str] = field(default_factory=list)
    requeued_abandoned: list[str] = field(default_factory=list)
    deferred_sent: int = 0
    deferred_waiting: int = 0
    redis_error: str = ""


def _drop_rq_job(job_id: str) -> None:
    """Forget an old RQ job of this id (and its registry entries) before sending it again."""
    if not settings.REDIS_URL:
        return
    from rq.exceptions import NoSuchJobError
    from rq.job import Job

    from shieldsite.queues import rq_queue

    connection = rq_queue("default").connection
    with contextlib.suppress(NoSuchJobError):
        Job.fetch(job_id, connection=connection).delete()


def _rq_status(job_id: str, connection) -> str | None:
    from rq.exceptions import NoSuchJobError
    from rq.job import Job

    try:
        return status_text(Job.fetch(job_id, connection=connection).get_status())
    except NoSuchJobError:
        return None


ALIVE = {"queued", "started", "deferred", "scheduled"}


def jobs_requeue_stuck(*, now: float | None = None, grace: timedelta = STUCK_GRACE) -> SweepResult:
    """Send again every job that a dead worker or a Redis outage left behind.

    1. RQ's StartedJobRegistry cleanup: jobs whose worker stopped heart-beating are retried by
       RQ (``Retry``) or moved to the failed registry (``AbandonedJobError``);
    2. the outbox of jobs that never reached Redis is flushed;
    3. every record still marked queued/running whose RQ job is failed or gone is sent again;
    4. abandoned scoring jobs in the failed registry are requeued (a few times at most).

    ``now`` (a Unix time) lets a test pretend the heartbeat has lapsed.
    """
    from redis.exceptions import RedisError

    result = SweepResult()
    result.deferred_sent, result.deferred_waiting = flush_deferred_jobs()
    if not settings.REDIS_URL:
        return result
    try:
        _sweep_rq(result, now=now, grace=grace)
    except (RedisError, OSError) as exc:
        # Redis is away: the outbox keeps what it holds; the next run picks up from here.
        result.redis_error = str(exc)
    return result


def _sweep_rq(result: "SweepResult", *, now: float | None, grace: timedelta) -> None:
    from rq.exceptions import NoSuchJobError
    from rq.job import Job

    from shieldsite.queues import rq_queue

    queues = [rq_queue(name) for name in settings.RQ_QUEUE_NAMES]
    connection = queues[0].connection
    for queue in queues:
        registry = queue.started_job_registry
        expired = registry.get_expired_job_ids(now)
        registry.cleanup(timestamp=now)
        result.abandoned_cleaned += len(expired)

    cutoff = timezone.now() - grace
    for kind in KINDS.values():
        stale = kind.model.objects.filter(status__in=list(kind.active), created_at__lt=cutoff)
        for record in stale.order_by("pk"):
            _func, prefix = kind.job_for(record)
            job_id = f"{prefix}-{record.pk}"
            if _rq_status(job_id, connection) in ALIVE:
                continue
            job_send(kind=kind, record=record)
            result.requeued_records.append(job_id)

    for queue in queues:
        registry = queue.failed_job_registry
        for job_id in registry.get_job_ids():
            try:
                job = Job.fetch(job_id, connection=connection)
            except NoSuchJobError:
                continue
            if "AbandonedJobError" not in (job.exc_info or "") or func_path_of(job) not in SCORING_LABELS:
                continue
            count = int(job.meta.get("shield_requeues", 0))
            if count >= MAX_ABANDONED_REQUEUES:
                continue
            job.meta["shield_requeues"] = count + 1
            job.save_meta()
            job.requeue()
            result.requeued_abandoned.append(job.id)
    if result.requeued_records or result.requeued_abandoned:
        log.warning("requeued stuck jobs: %s %s", result.requeued_records, result.requeued_abandoned)


def func_path_of(job) -> str:
    try:
        return job.func_name
    except Exception:  # noqa: BLE001
        return ""


__all__ = ["job_retry", "job_send", "jobs_requeue_stuck", "scoring_job_retry"]
