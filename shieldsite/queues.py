"""The one way Shield starts background work.

Jobs take ids, never model instances, and are sent only once the surrounding
transaction commits, so a worker never looks for a row that is not there yet.
Without REDIS_URL the job runs in this process right after the commit (laptop, demo);
with it, the job goes to the named RQ queue (`default`, `imports`, `scoring`).
"""

from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.db import transaction


def enqueue(queue_name: str, func: Callable[..., Any], *args: Any, **kwargs: Any) -> None:
    """Run ``func(*args, **kwargs)`` on ``queue_name`` after the current transaction commits."""
    if queue_name not in settings.RQ_QUEUE_NAMES:
        raise ValueError(f"unknown queue {queue_name!r}")

    def send() -> None:
        if settings.REDIS_URL:
            import django_rq

            queue = django_rq.get_queue(queue_name, is_async=settings.RQ_ASYNC)
            queue.enqueue(func, *args, **kwargs)
        else:
            func(*args, **kwargs)

    transaction.on_commit(send)
