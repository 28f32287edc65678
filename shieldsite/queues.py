"""The one way Shield starts background work.

Jobs take ids, never model instances, and are sent only once the surrounding
transaction commits, so a worker never looks for a row that is not there yet.
Without REDIS_URL the job runs in this process right after the commit (laptop, demo);
with it, the job goes to the named RQ queue (`default`, `imports`, `scoring`).
"""

import logging
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.db import transaction
from rq import Retry

logger = logging.getLogger(__name__)


def enqueue(queue_name: str, func: Callable[..., Any], *args: Any, retry: Retry | None = None, **kwargs: Any) -> None:
    """Run ``func(*args, **kwargs)`` on ``queue_name`` after the current transaction commits.

    With ``retry`` (an ``rq.Retry``) a worker runs a failing job again after each of its
    intervals (the worker needs ``--with-scheduler`` for the waits). Without a worker (no
    Redis, or synchronous queues in tests) the attempts run at once, one after another, and
    the last failure is logged rather than raised: whoever enqueued never sees it.
    """
    if queue_name not in settings.RQ_QUEUE_NAMES:
        raise ValueError(f"unknown queue {queue_name!r}")

    def send() -> None:
        if retry is not None and not (settings.REDIS_URL and settings.RQ_ASYNC):
            run_with_retries(func, args, kwargs, attempts=1 + retry.max)
        elif settings.REDIS_URL:
            import django_rq

            queue = django_rq.get_queue(queue_name, is_async=settings.RQ_ASYNC)
            if retry is not None:
                kwargs["retry"] = retry
            queue.enqueue(func, *args, **kwargs)
        else:
            func(*args, **kwargs)

    transaction.on_commit(send)


def run_with_retries(func: Callable[..., Any], args: tuple, kwargs: dict, *, attempts: int) -> bool:
    """Call ``func`` until it returns without raising, at most ``attempts`` times; True on success."""
    for attempt in range(1, attempts + 1):
        try:
            func(*args, **kwargs)
            return True
        except Exception:
            if attempt == attempts:
                logger.exception("%s failed %d times; giving up", getattr(func, "__name__", func), attempts)
    return False
