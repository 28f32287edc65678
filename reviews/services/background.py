"""Background jobs as staff see them: the records behind each job, retry, and the stuck-job sweep.

Every visible job is a row (``ImportBatch``, ``BulkDecisionJob``, ``Backtest``, complaints'
``EvidencePack``) whose RQ job has a fixed id (``import_run-42``): a ``JobKind`` says how to read
the row and how to send its job again. Complaints registers its kind in its AppConfig (reviews
imports nothing from complaints). Scoring jobs have no row; they are read from RQ's registries.

A worker killed with ``kill -9`` leaves its job in RQ's StartedJobRegistry until the heartbeat
lapses; RQ then retries it (``Retry`` on every enqueue) or moves it to the failed registry with
``AbandonedJobError``. ``jobs_requeue_stuck`` (``manage.py requeue_stuck_jobs``, every few
minutes) cleans those registries, sends again every row still marked running whose RQ job failed
or vanished, and flushes the outbox of jobs that could not reach Redis. Every job is idempotent.
"""

import contextlib
import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from reviews.models import Backtest, BulkDecisionJob, ImportBatch, Shop
from shieldsite.queues import enqueue, flush_deferred_jobs, func_path

log = logging.getLogger(__name__)

# A record younger than this may still be waiting for its transaction's on-commit enqueue.
STUCK_GRACE = timedelta(minutes=2)
# An abandoned scoring job (no record) is sent again at most this many times.
MAX_ABANDONED_REQUEUES = 3


@dataclass
class JobRow:
    """One line of the jobs page."""

    kind: str
    kind_label: str
    pk: int
    title: str
    status: str
    status_label: str
    percent: int | None
    created_at: datetime | None
    started_at: datetime | None
    finished_at: datetime | None
    error: str = ""
    failed: bool = False
    active: bool = False
    url: str = ""
    retry_key: str = ""

    @property
    def duration(self) -> timedelta | None:
        start = self.started_at or self.created_at
        if start is None:
            return None
        end = self.finished_at or (timezone.now() if self.active else None)
        return end - start if end else None


@dataclass
class JobKind:
    """How one kind of job record is listed, retried and swept."""

    key: str
    label: Any
    model: type[models.Model]
    queue: str
    shop_lookup: str
    failed_status: str
    # status → (job's dotted path, RQ job id prefix) for the statuses in which a job should be alive
    active: dict[str, tuple[str, str]]
    # the status a retried row goes back to (before its job is sent again)
    retry_status: str
    retry_fields: dict[str, Any] = field(default_factory=dict)
    row: Callable[[Any], dict] = lambda record: {}
    # related rows ``row`` reads, fetched with the list (no query per job)
    related: tuple[str, ...] = ()

    def for_shop(self, shop: Shop):
        return self.model.objects.filter(**{self.shop_lookup: shop})

    def job_for(self, record) -> tuple[str, str] | None:
        return self.active.get(record.status)

    def send(self, record, status: str | None = None) -> None:
        """Enqueue the job that moves ``record`` on from ``status`` (its current one by default)."""
        func, prefix = self.active[status or record.status]
        job_id = f"{prefix}-{record.pk}"
        _drop_rq_job(job_id)
        enqueue(self.queue, func, record.pk, job_id=job_id)


KINDS: dict[str, JobKind] = {}


def register_kind(kind: JobKind) -> None:
    KINDS[kind.key] = kind


def _percent(value) -> int:
    return max(0, min(100, int(value or 0)))


register_kind(
    JobKind(
        key="import",
        label=_("订单导入"),
        model=ImportBatch,
        queue="imports",
        shop_lookup="shop",
        failed_status=ImportBatch.Status.FAILED,
        active={
            ImportBatch.Status.CHECKING: ("reviews.jobs.import_check_job", "import_check"),
            ImportBatch.Status.QUEUED: ("reviews.jobs.import_run_job", "import_run"),
            ImportBatch.Status.RUNNING: ("reviews.jobs.import_run_job", "import_run"),
        },
        # The import resumes after its last committed batch: counts stay exact.
        retry_status=ImportBatch.Status.RUNNING,
        retry_fields={"message": "", "finished_at": None},
        row=lambda b: {
            "title": b.file_name,
            "percent": b.percent,
            "started_at": b.started_at,
            "error": b.message if b.status in (ImportBatch.Status.FAILED, ImportBatch.Status.REFUSED) else "",
            "url": ("reviews:import_detail", b.pk),
        },
    )
)
register_kind(
    JobKind(
        key="bulk",
        label=_("批量处理"),
        model=BulkDecisionJob,
        queue="default",
        shop_lookup="shop",
        failed_status=BulkDecisionJob.Status.FAILED,
        active={
            BulkDecisionJob.Status.QUEUED: ("reviews.jobs.decide_orders_bulk", "bulk"),
            BulkDecisionJob.Status.RUNNING: ("reviews.jobs.decide_orders_bulk", "bulk"),
        },
        retry_status=BulkDecisionJob.Status.QUEUED,
        retry_fields={"error": "", "finished_at": None},
        row=lambda j: {
            "title": f"{j.get_action_display()} · {j.total}",
            "percent": j.percent,
            "error": j.error,
            "url": ("reviews:bulk_job", j.pk),
        },
    )
)
register_kind(
    JobKind(
        key="backtest",
        label=_("策略试算"),
        model=Backtest,
        queue="scoring",
        shop_lookup="shop",
        failed_status=Backtest.Status.FAILED,
        active={
            Backtest.Status.QUEUED: ("reviews.jobs.run_backtest", "backtest"),
            Backtest.Status.RUNNING: ("reviews.jobs.run_backtest", "backtest"),
        },
        retry_status=Backtest.Status.QUEUED,
        retry_fields={"error": "", "finished_at": None, "progress": 0},
        row=lambda t: {
            "title": _("回看 %(days)s 天") % {"days": t.days},
            "percent": _percent(t.progress),
            "error": t.error,
            "url": ("reviews:policy_backtest", t.pk),
        },
    )
)


# -- reading ------------------------------------------------------------------------------------
def jobs_for_shop(*, shop: Shop, limit: int = 30) -> list[JobRow]:
    """The latest jobs of every kind for one shop, newest first (a few queries per kind)."""
    rows: list[JobRow] = []
    for kind in KINDS.values():
        for record in kind.for_shop(shop).select_related(*kind.related).order_by("-created_at", "-pk")[:limit]:
            extra = kind.row(record)
            url_name, url_pk = extra.pop("url")
            rows.append(
                JobRow(
                    kind=kind.key,
                    kind_label=str(kind.label),
                    pk=record.pk,
                    status=record.status,
                    status_label=record.get_status_display(),
                    created_at=record.created_at,
                    finished_at=getattr(record, "finished_at", None),
                    started_at=extra.pop("started_at", None),
                    failed=record.status == kind.failed_status,
                    active=record.status in kind.active,
                    url=_url(url_name, url_pk),
                    retry_key=f"{kind.key}:{record.pk}",
                    **extra,
                )
            )
    rows.sort(key=lambda row: row.created_at or timezone.now(), reverse=True)
    return rows[: limit * 2]


def _url(name: str, pk: int) -> str:
    from django.urls import reverse

    return reverse(name, args=[pk])


SCORING_LABELS = {
    "reviews.jobs.orders_changed": _("订单变化后重算信用分并筛查"),
    "reviews.jobs.orders_screen": _("导入后按整份文件筛查"),
    "reviews.jobs.rescore_buyers": _("重算买家信用分"),
    "reviews.jobs.rescore_shop": _("全店信用分重算"),
    "reviews.jobs.learn_weights": _("按审核结论学习规则权重"),
    "reviews.jobs.screen_open_orders": _("待处理订单重新筛查"),
}


@dataclass
class QueueJob:
    """A scoring job read from RQ (it has no row of its own)."""

    id: str
    label: str
    status: str
    status_label: str
    enqueued_at: datetime | None
    started_at: datetime | None
    ended_at: datetime | None
    percent: int | None
    error: str
    failed: bool

    @property
    def duration(self) -> timedelta | None:
        if not self.started_at:
            return None
        return (self.ended_at or timezone.now()) - self.started_at


STATUS_LABELS = {
    "queued": _("排队中"),
    "started": _("运行中"),
    "failed": _("失败"),
    "deferred": _("等待前置任务"),
    "scheduled": _("等待重试"),
    "finished": _("已完成"),
}


def scoring_jobs_for_shop(*, shop: Shop, limit: int = 200) -> list[QueueJob]:
    """Queued, running and failed scoring jobs of this shop, from RQ's queue and registries."""
    if not settings.REDIS_URL:
        return []
    from rq.job import Job

    from shieldsite.queues import rq_queue

    queue = rq_queue("scoring")
    ids: list[str] = []
    for registry in (queue.failed_job_registry, queue.started_job_registry):
        ids += registry.get_job_ids(0, limit - 1)
    ids += queue.get_job_ids(0, limit - 1)
    found = []
    for job in Job.fetch_many(ids, connection=queue.connection):
        if job is None or not _is_shop_scoring_job(job, shop.pk):
            continue
        status = _status_text(job.get_status(refresh=False))
        exc = (job.exc_info or "").strip().splitlines()
        found.append(
            QueueJob(
                id=job.id,
                label=str(SCORING_LABELS.get(job.func_name, job.func_name)),
                status=status,
                status_label=str(STATUS_LABELS.get(status, status)),
                enqueued_at=job.enqueued_at,
                started_at=job.started_at,
                ended_at=job.ended_at,
                percent=job.meta.get("percent"),
                error=exc[-1][:300] if exc and status == "failed" else "",
                failed=status == "failed",
            )
        )
    return found


def _status_text(status) -> str:
    """RQ's JobStatus (a str enum) as its plain value: "queued", "failed", ..."""
    return getattr(status, "value", status) or ""


def _is_shop_scoring_job(job, shop_id: int) -> bool:
    try:
        return job.func_name in SCORING_LABELS and bool(job.args) and job.args[0] == shop_id
    except Exception:  # noqa: BLE001 - a job whose payload cannot be read is not ours to show
        return False


def deferred_jobs_for_shop(*, shop: Shop):
    """Jobs of this shop still waiting in the outbox for Redis to come back."""
    from shieldsite.models import DeferredJob

    return [
        row
        for row in DeferredJob.objects.filter(sent_at__isnull=True).order_by("created_at")[:500]
        if row.func in SCORING_LABELS and row.args and row.args[0] == shop.pk
    ]


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
        kind.send(record)
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
    if not _is_shop_scoring_job(job, shop.pk) or job.get_status() != "failed":
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
        return _status_text(Job.fetch(job_id, connection=connection).get_status())
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
            kind.send(record)
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


def kinds() -> Iterable[JobKind]:
    return KINDS.values()


__all__ = ["JobKind", "register_kind", "jobs_for_shop", "job_retry", "jobs_requeue_stuck", "func_path"]
