"""The one way Shield starts background work.

Jobs take ids, never model instances, and are sent only once the surrounding
transaction commits, so a worker never looks for a row that is not there yet.
Without REDIS_URL the job runs in this process right after the commit (laptop, demo);
with it, the job goes to the named RQ queue (`default`, `imports`, `scoring`).

Nothing is lost when Redis is down: the committed work is kept, and the job is written to
the ``DeferredJob`` outbox, which ``flush_deferred_jobs`` (run by ``manage.py
requeue_stuck_jobs`` and by the next enqueue that reaches Redis) sends later. Every job is
enqueued with an RQ ``Retry``, so a worker killed mid-job (RQ's ``AbandonedJobError``)
has it run again rather than dropped. A caller may pass its own ``retry`` (alert deliveries
wait between attempts; the worker needs ``--with-scheduler`` for the waits).
"""

import logging
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.module_loading import import_string
from rq import Retry

log = logging.getLogger(__name__)

# A job that raises or whose worker dies is run again this many times (all jobs are idempotent).
RETRIES = 2
_deferred_in_this_process = False


def rq_queue(queue_name: str):
    import django_rq

    return django_rq.get_queue(queue_name, is_async=settings.RQ_ASYNC)


# A job is named by its dotted path ("reviews.jobs.orders_changed"), so whoever enqueues never
# imports the jobs module (jobs import the services that enqueue them). A function object is
# accepted too; both reach RQ as the same name.
JobFunc = str | Callable[..., Any]


def func_path(func: JobFunc) -> str:
    return func if isinstance(func, str) else f"{func.__module__}.{func.__qualname__}"


def resolve_func(func: JobFunc) -> Callable[..., Any]:
    """The function a dotted path names (looked up now, so a test's monkeypatch is seen)."""
    return import_string(func) if isinstance(func, str) else func


def send_now(
    queue_name: str,
    func: JobFunc,
    args: tuple,
    kwargs: dict,
    job_id: str | None = None,
    retry: Retry | None = None,
):
    """Put the job on its RQ queue at once (raises if Redis cannot be reached)."""
    options: dict[str, Any] = {"retry": retry or Retry(max=RETRIES)}
    if job_id:
        options["job_id"] = job_id
    return rq_queue(queue_name).enqueue(func, *args, **kwargs, **options)


def enqueue(
    queue_name: str,
    func: JobFunc,
    *args: Any,
    job_id: str | None = None,
    retry: Retry | None = None,
    **kwargs: Any,
) -> None:
    """Run ``func(*args, **kwargs)`` on ``queue_name`` after the current transaction commits.

    ``func`` is the job's dotted path (``"reviews.jobs.orders_changed"``); RQ imports it on the
    worker, and the in-process fallback imports it here when the transaction commits.

    ``job_id`` names the RQ job (e.g. ``import_run-42``) so the jobs page and the stuck-job
    sweep can find the job of a record. With ``retry`` (an ``rq.Retry``) a worker runs a
    failing job again after each of its intervals. Without a worker (no Redis, or synchronous
    queues in tests) those attempts run at once, one after another, and the last failure is
    logged rather than raised: whoever enqueued never sees it.
    """
    if queue_name not in settings.RQ_QUEUE_NAMES:
        raise ValueError(f"unknown queue {queue_name!r}")

    def send() -> None:
        global _deferred_in_this_process
        if retry is not None and not (settings.REDIS_URL and settings.RQ_ASYNC):
            run_with_retries(resolve_func(func), args, kwargs, attempts=1 + retry.max)
            return
        if not settings.REDIS_URL:
            resolve_func(func)(*args, **kwargs)
            return
        from redis.exceptions import RedisError

        try:
            send_now(queue_name, func, args, kwargs, job_id, retry)
        except (RedisError, OSError) as exc:
            log.warning("Redis unreachable, job %s deferred: %s", func_path(func), exc)
            defer(queue_name, func, args, kwargs, job_id, error=str(exc))
            _deferred_in_this_process = True
            return
        if _deferred_in_this_process:
            _deferred_in_this_process = False
            flush_deferred_jobs()

    transaction.on_commit(send)


def defer(queue_name: str, func, args, kwargs, job_id, *, error: str) -> None:
    from shieldsite.models import DeferredJob

    DeferredJob.objects.create(
        queue=queue_name, func=func_path(func), args=list(args), kwargs=kwargs, job_id=job_id or "", error=error[:2000]
    )


def flush_deferred_jobs(limit: int = 1000) -> tuple[int, int]:
    """Send the outbox's jobs to Redis, oldest first. Returns (sent, still waiting)."""
    from redis.exceptions import RedisError

    from shieldsite.models import DeferredJob

    sent = 0
    pending = list(DeferredJob.objects.filter(sent_at__isnull=True).order_by("created_at", "pk")[:limit])
    for row in pending:
        # Claim the row first: two flushes at once (a timer and a web process) never send it twice.
        if not DeferredJob.objects.filter(pk=row.pk, sent_at__isnull=True).update(sent_at=timezone.now()):
            continue
        try:
            if settings.REDIS_URL:
                send_now(row.queue, row.func, tuple(row.args), row.kwargs, row.job_id or None)
            else:
                resolve_func(row.func)(*row.args, **row.kwargs)
        except (RedisError, OSError) as exc:
            DeferredJob.objects.filter(pk=row.pk).update(sent_at=None, attempts=row.attempts + 1, error=str(exc)[:2000])
            break  # Redis is still away: keep the order, try again next time
        sent += 1
    waiting = DeferredJob.objects.filter(sent_at__isnull=True).count()
    return sent, waiting


def run_with_retries(func: Callable[..., Any], args: tuple, kwargs: dict, *, attempts: int) -> bool:
    """Call ``func`` until it returns without raising, at most ``attempts`` times; True on success."""
    for attempt in range(1, attempts + 1):
        try:
            func(*args, **kwargs)
            return True
        except Exception:
            if attempt == attempts:
                log.exception("%s failed %d times; giving up", getattr(func, "__name__", func), attempts)
    return False
