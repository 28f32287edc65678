"""RQ entry points. Each takes ids, re-fetches, calls a service and reports progress.

Start them with ``shieldsite.queues.enqueue(queue_name, job, *ids)``.
"""


def orders_changed(shop_id: int, order_ids: list[int]) -> None:
    """Orders were created or updated (import, check API): rescore their buyers, then screen them.

    The risk engine fills this in; until then imports call it and nothing happens.
    """


def import_check_job(batch_id: int) -> None:
    """The dry run of an uploaded order file (``imports`` queue): counts and rejected rows, no writes."""
    from reviews.models import ImportBatch
    from reviews.services.importing import import_batch_check

    batch = ImportBatch.objects.filter(pk=batch_id).first()
    if batch is not None:
        import_batch_check(batch=batch)


def import_run_job(batch_id: int) -> None:
    """Import a confirmed order file (``imports`` queue). Safe to run twice: it resumes."""
    from reviews.services.importing import import_batch_run

    import_batch_run(batch_id=batch_id)
