"""RQ entry points. Each takes ids, re-fetches, calls a service and reports progress.

Start them with ``shieldsite.queues.enqueue(queue_name, job, *ids)``.
"""


def orders_changed(shop_id: int, order_ids: list[int]) -> None:
    """Orders were created or updated (import, check API): rescore their buyers, then screen them.

    The risk engine fills this in; until then imports call it and nothing happens.
    """
