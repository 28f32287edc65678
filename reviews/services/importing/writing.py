"""Writing a file's batches: each batch goes through the one intake (``reviews.services.intake``)
and advances the ``ImportBatch``'s counts in the same transaction; statistics are refreshed as
the table grows."""

from time import sleep

from django.db import OperationalError, connection, transaction
from django.db.models import F
from django.utils import timezone

from reviews.models import Buyer, ImportBatch, Order
from reviews.services.intake import orders_intake
from shieldsite.queues import enqueue

DEADLOCK_RETRIES = 3
# A big import into a fresh table leaves PostgreSQL planning with "the table is empty" stats
# until autovacuum catches up: per-batch lookups then scan the whole table. Refresh them after
# the first ANALYZE_FIRST rows, then each time the import has written 4× as many (20k, 80k,
# 320k, 1.28M: each ANALYZE samples the whole table and costs about as much as a batch).
# pg_class.reltuples is no guide: it still counts rows deleted since the last ANALYZE.
ANALYZE_FIRST = 20_000


def refresh_statistics(*, during: bool = False) -> None:
    """ANALYZE the tables an import grows. ``during`` the import only the columns its per-batch
    lookups filter on (a third of the cost of every column); the whole tables at the end."""
    orders, buyers = Order._meta.db_table, Buyer._meta.db_table
    if during:
        orders += " (shop_id, order_no, buyer_id, phone_key, address_key)"
        buyers += " (shop_id, key_kind, key)"
    with connection.cursor() as cursor:
        cursor.execute(f"ANALYZE {orders}, {buyers}")


def commit_batch(
    shop_id: int, rows: list[dict], batch_id: int | None, done: int, rejected: int, *, replay: bool = False
) -> tuple[int, int, int, list[int]]:
    """Write one batch and advance the ImportBatch's counts in the same transaction. Its new
    orders that are past their shipping cut-off go in as history (``orders_intake``), unless the
    file is a ``replay`` of orders as they happened (the demo's month, taken in as if live).

    Two imports touching the same buyers may deadlock; PostgreSQL rolls one batch back whole,
    so it is run again (up to ``DEADLOCK_RETRIES`` times).
    """
    attempt = 0
    while True:
        try:
            return _commit_batch(shop_id, rows, batch_id, done, rejected, replay)
        except OperationalError as exc:
            if "deadlock" not in str(exc) or attempt == DEADLOCK_RETRIES:
                raise
            attempt += 1
            sleep(0.05 * attempt)


def _commit_batch(shop_id: int, rows: list[dict], batch_id: int | None, done: int, rejected: int, replay: bool):
    with transaction.atomic():
        intake = (
            orders_intake(
                shop_id=shop_id,
                rows=[dict(row) for row in rows],
                batch_id=batch_id,
                history_before=None if replay else timezone.now(),
            )
            if rows
            else None
        )
        created, updated, unchanged, ids = (
            (intake.created, intake.updated, intake.unchanged, intake.written) if intake else (0, 0, 0, [])
        )
        if batch_id is not None:
            ImportBatch.objects.filter(pk=batch_id).update(
                rows_done=done,
                created_count=F("created_count") + created,
                updated_count=F("updated_count") + updated,
                unchanged_count=F("unchanged_count") + unchanged,
                rejected_count=F("rejected_count") + rejected,
            )
        if ids:
            # Credit and scores per batch; the file is screened once, whole, at the end (import_run).
            enqueue("scoring", "reviews.jobs.orders_changed", shop_id, ids, screen=False)
    return created, updated, unchanged, ids
