"""RQ entry points. Each takes ids, re-fetches, calls a service and reports progress.

Start them with ``shieldsite.queues.enqueue(queue_name, job, *ids)``.
"""


def orders_changed(shop_id: int, order_ids: list[int]) -> None:
    """Orders were created or updated (import, check API): rescore their buyers, then screen them.

    The risk engine fills this in; until then imports call it and nothing happens.
    """


def decide_orders_bulk(job_id: int) -> None:
    """Settle the orders of one bulk decision job, reporting progress on the job's row."""
    from reviews.models import BulkDecisionJob
    from reviews.services.deciding import decision_bulk_job_fail, orders_decide_bulk

    job = BulkDecisionJob.objects.select_related("user").get(pk=job_id)
    try:
        orders_decide_bulk(job=job)
    except Exception as exc:
        decision_bulk_job_fail(job_id=job_id, error=repr(exc))
        raise
