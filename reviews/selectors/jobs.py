"""Background jobs as staff see them: which kinds of job record there are, and the jobs page's lists.

Every visible job is a row (``ImportBatch``, ``BulkDecisionJob``, ``Backtest``, complaints'
``EvidencePack``) whose RQ job has a fixed id (``import_run-42``): a ``JobKind`` says how to list
the row and which job moves it on. Complaints registers its kind in its AppConfig (reviews
imports nothing from complaints). Scoring jobs have no row; they are read from RQ's registries.
Retrying and the stuck-job sweep are in ``reviews.services.background``. Nothing here writes.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from reviews.models import Backtest, BulkDecisionJob, ImportBatch, Shop
from reviews.models.jobs import DRY_RUN_TTL


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
    # narrows the rows the jobs page lists (records that are no job any more stay out)
    listed: Callable[[models.QuerySet], models.QuerySet] = lambda rows: rows

    def for_shop(self, shop: Shop):
        return self.model.objects.filter(**{self.shop_lookup: shop})

    def job_for(self, record) -> tuple[str, str] | None:
        return self.active.get(record.status)


KINDS: dict[str, JobKind] = {}


def register_kind(kind: JobKind) -> None:
    KINDS[kind.key] = kind


def _percent(value) -> int:
    return max(0, min(100, int(value or 0)))


def _live_imports(rows: models.QuerySet) -> models.QuerySet:
    """Expired dry runs leave the jobs page, and so do those past their day that the hourly
    expiry (``reviews.cron``) has not reached yet."""
    stale = models.Q(status=ImportBatch.Status.CHECKED, created_at__lt=timezone.now() - DRY_RUN_TTL)
    return rows.exclude(status=ImportBatch.Status.EXPIRED).exclude(stale)


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
        listed=_live_imports,
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


def kinds() -> Iterable[JobKind]:
    return KINDS.values()


# -- the jobs page ---------------------------------------------------------------------------------
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


def jobs_for_shop(*, shop: Shop, limit: int = 30) -> list[JobRow]:
    """The latest jobs of every kind for one shop, newest first (a few queries per kind)."""
    rows: list[JobRow] = []
    for kind in KINDS.values():
        records = kind.listed(kind.for_shop(shop)).select_related(*kind.related).order_by("-created_at", "-pk")
        for record in records[:limit]:
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
        if job is None or not is_shop_scoring_job(job, shop.pk):
            continue
        status = status_text(job.get_status(refresh=False))
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


def status_text(status) -> str:
    """RQ's JobStatus (a str enum) as its plain value: "queued", "failed", ..."""
    return getattr(status, "value", status) or ""


def is_shop_scoring_job(job, shop_id: int) -> bool:
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
