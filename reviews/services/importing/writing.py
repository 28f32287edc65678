"""Writing a batch of parsed rows: classify them against the stored orders with one query, merge
statuses so an older export never moves an order back, then upsert the new and changed rows
(COPY into a temporary table, one ``INSERT … ON CONFLICT``), resolve and link their buyers, and
advance the ``ImportBatch``'s counts in the same transaction."""

import json
from datetime import UTC, datetime
from time import sleep

from django.db import OperationalError, connection, transaction
from django.db.models import F
from django.utils import timezone

from reviews import jobs
from reviews.models import Buyer, ImportBatch, Order
from reviews.services.identity import JSON_ARRAY, buyers_link, buyers_resolve, json_list, other_columns
from reviews.services.importing.parsing import TIME_FIELDS, WRITTEN_FIELDS, row_digest
from shieldsite.queues import enqueue

Status = Order.Status

# How far an order has come. An import never moves an order back to a lower rank unless the
# row carries a later time than the one stored (a refund request withdrawn, for example).
STATUS_RANK = {
    Status.UNPAID: 0,
    Status.PAID: 1,
    Status.SHIPPED: 2,
    Status.COMPLETED: 3,
    Status.REFUNDING: 4,
    Status.REFUNDED: 5,
    Status.CANCELLED: 5,
}


def _latest(times) -> datetime | None:
    return max((t for t in times if t is not None), default=None)


def merge_with_existing(row: dict, existing: tuple) -> None:
    """Keep the stored status (and its times) when the row is older than what is stored.

    ``existing`` is (status, after-sale status, *times as epoch seconds or None).
    """
    status, after_sale, *epochs = existing
    if STATUS_RANK[row["status"]] >= STATUS_RANK[status]:
        return
    incoming_latest = _latest(row[name] for name in TIME_FIELDS)
    stored_latest = max((e for e in epochs if e is not None), default=None)
    if incoming_latest is not None and (stored_latest is None or incoming_latest.timestamp() > stored_latest):
        return
    row["status"] = status
    row["after_sale_status"] = after_sale
    for name, stored in zip(TIME_FIELDS, epochs, strict=True):
        if stored is not None:
            row[name] = datetime.fromtimestamp(stored, tz=UTC)


def classify(shop_id: int, rows: list[dict], *, lock: bool = False) -> tuple[list[dict], list[dict], list[dict], dict]:
    """Split a batch into new / changed / unchanged rows with one SELECT; merge statuses.

    With ``lock`` the existing rows are locked until the batch commits, so two imports of
    overlapping files apply their status rules one after the other.
    """
    numbers = [row["order_no"] for row in rows]
    # One JSON parameter instead of thousands of placeholders (``JSON_ARRAY``), the shop hidden
    # from the planner (``identity._resolve_postgresql``), and times as epoch seconds (cheaper to
    # read than timestamptz; only an older row's merge needs them).
    epochs = ", ".join(f"extract(epoch from {name})::float8" for name in TIME_FIELDS)
    lock_sql = " ORDER BY id FOR UPDATE" if lock else ""
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT order_no, id, import_digest, status, after_sale_status, {epochs} "
            f"FROM {Order._meta.db_table} WHERE shop_id = (SELECT %s::bigint) "
            f"AND order_no = ANY({JSON_ARRAY}){lock_sql}",
            [shop_id, json_list(numbers)],
        )
        existing = {values[0]: values[1:] for values in cursor.fetchall()}
    new, changed, unchanged = [], [], []
    for row in rows:
        stored = existing.get(row["order_no"])
        if stored is None:
            new.append(row)  # its digest is computed only if it is written (``_write_batch``)
            continue
        if "digest" not in row:  # import_run computes it ahead, in its read-ahead thread
            row["digest"] = row_digest(row)
        if row["digest"] != stored[1]:
            # Not the same as stored: an older export must not move the status back.
            merge_with_existing(row, stored[2:])
            row["digest"] = row_digest(row)
        (unchanged if row["digest"] == stored[1] else changed).append(row)
    return new, changed, unchanged, existing


def _write_batch(shop_id: int, rows: list[dict]) -> tuple[int, int, int, list[int]]:
    """Upsert one batch (inside the caller's transaction). Returns created, updated, unchanged, ids."""
    latest: dict[str, dict] = {}
    for row in rows:
        latest[row["order_no"]] = row  # PostgreSQL refuses to update one row twice in one statement
    new, changed, unchanged, existing = classify(shop_id, list(latest.values()), lock=True)
    to_write = new + changed
    if not to_write:
        return 0, 0, len(unchanged), []
    with connection.cursor() as cursor:
        # The writes below are short; compiling them with JIT costs more than it saves. (Not for
        # a batch with nothing to write: a re-import then saves a round trip per batch.)
        cursor.execute("SET LOCAL jit = off")
    for row in new:
        if "digest" not in row:
            row["digest"] = row_digest(row)
    buyers_resolve(shop_id=shop_id, rows=to_write)
    now = timezone.now()
    ids = _upsert_orders(shop_id, to_write, now)
    buyers_link(shop_id=shop_id, rows=to_write)
    created = sum(1 for row in new if row["order_no"] not in existing)
    return created, len(to_write) - created, len(unchanged), ids


def _order_columns() -> tuple[list[str], list[str], list]:
    """(columns the import writes, the other columns, their model defaults) of reviews_order."""
    written = ["shop_id", "order_no", "buyer_id", "import_digest", "created_at", "updated_at", *WRITTEN_FIELDS]
    others, defaults = other_columns(Order, set(written))
    return [Order._meta.get_field(name).column for name in written], others, defaults


def _upsert_orders(shop_id: int, rows: list[dict], now: datetime) -> list[int]:
    """The same upsert as ``bulk_create(update_conflicts=True)``, fed by COPY into a temporary
    table: Django's per-value SQL compilation costs more than the database's work on big batches."""
    columns, others, defaults = _order_columns()
    table = Order._meta.db_table
    update = [c for c in columns if c not in ("shop_id", "order_no", "created_at")]
    with connection.cursor() as cursor:
        cursor.execute(
            "CREATE TEMP TABLE IF NOT EXISTS shield_order_stage ON COMMIT DELETE ROWS AS "
            f"SELECT {', '.join(columns)} FROM {table} WITH NO DATA"
        )
        with cursor.copy(f"COPY shield_order_stage ({', '.join(columns)}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(
                    (
                        shop_id,
                        row["order_no"],
                        row["buyer_id_resolved"],
                        row["digest"],
                        now,
                        now,
                        *[row[name] for name in WRITTEN_FIELDS[:-3]],
                        json.dumps(row["extra"], ensure_ascii=False) if row["extra"] else "{}",
                        row["phone_key"],
                        row["address_key"],
                    )
                )
        placeholders = ", ".join(["%s"] * len(others))
        cursor.execute(
            f"INSERT INTO {table} ({', '.join(columns + others)}) "
            f"SELECT {', '.join(columns)}{', ' if others else ''}{placeholders} FROM shield_order_stage "
            # One order for every import: two overlapping imports then wait for each other
            # instead of each holding a row the other needs (a deadlock).
            "ORDER BY order_no "
            f"ON CONFLICT (shop_id, order_no) DO UPDATE SET {', '.join(f'{c} = EXCLUDED.{c}' for c in update)} "
            "RETURNING id",
            defaults,
        )
        ids = [pk for (pk,) in cursor.fetchall()]
        cursor.execute("TRUNCATE shield_order_stage")
    return ids


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
    shop_id: int, rows: list[dict], batch_id: int | None, done: int, rejected: int
) -> tuple[int, int, int, list[int]]:
    """Write one batch and advance the ImportBatch's counts in the same transaction.

    Two imports touching the same buyers may deadlock; PostgreSQL rolls one batch back whole,
    so it is run again (up to ``DEADLOCK_RETRIES`` times).
    """
    attempt = 0
    while True:
        try:
            return _commit_batch(shop_id, rows, batch_id, done, rejected)
        except OperationalError as exc:
            if "deadlock" not in str(exc) or attempt == DEADLOCK_RETRIES:
                raise
            attempt += 1
            sleep(0.05 * attempt)


def _commit_batch(shop_id: int, rows: list[dict], batch_id: int | None, done: int, rejected: int):
    with transaction.atomic():
        created, updated, unchanged, ids = _write_batch(shop_id, [dict(row) for row in rows]) if rows else (0, 0, 0, [])
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
            enqueue("scoring", jobs.orders_changed, shop_id, ids, screen=False)
    return created, updated, unchanged, ids
