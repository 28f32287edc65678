"""One way in for orders: a file's batch, a check API order and a platform sync page all enter
through ``orders_intake``, so the same order gets the same buyer, keys and links whichever way
it came.

The steps: normalise identity (``identity_keys``), classify against the stored orders with one
query (later status wins), resolve or create buyers, upsert the new and changed orders (COPY into
a temporary table, one ``INSERT … ON CONFLICT``), link buyers that share a phone or an address.
"""

import json
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from functools import cache

from django.conf import settings
from django.db import connection
from django.utils import timezone

from reviews.models import Order
from reviews.services.identity import (
    JSON_ARRAY,
    buyers_link,
    buyers_resolve,
    identity_keys,
    json_list,
    other_columns,
)
from reviews.services.importing.parsing import TIME_FIELDS, WRITTEN_FIELDS, row_digest

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


# Statuses a shipping cut-off still applies to: not yet shipped, no refund asked for.
UNSHIPPED_STATUSES = (Status.UNPAID, Status.PAID)
# Statuses a merchant can no longer act on, whatever the date.
SETTLED_STATUSES = (Status.SHIPPED, Status.COMPLETED)


def ship_deadline(row: dict) -> datetime | None:
    """The row's shipping cut-off as the queue reads it (``OrderQuerySet.with_deadline``): 承诺发货时间,
    else paid + SHIELD_SHIP_WITHIN_HOURS, else ordered + the same."""
    if row.get("ship_by") is not None:
        return row["ship_by"]
    start = row.get("paid_at") or row.get("ordered_at")
    return start + timedelta(hours=settings.SHIELD_SHIP_WITHIN_HOURS) if start is not None else None


def past_ship_by(row: dict, now: datetime) -> bool:
    """Not shipped yet, but its shipping cut-off passed before Shield saw it: an old export's row."""
    if row["status"] not in UNSHIPPED_STATUSES:
        return False
    deadline = ship_deadline(row)
    return deadline is not None and deadline < now


def beyond_action(row: dict, now: datetime) -> bool:
    """Already shipped or completed, or past its shipping cut-off: history, not work for a reviewer."""
    return row["status"] in SETTLED_STATUSES or past_ship_by(row, now)


def classify(
    shop_id: int, rows: list[dict], *, lock: bool = False, local_settings: dict[str, str] | None = None
) -> tuple[list[dict], list[dict], list[dict], dict]:
    """Split a batch into new / changed / unchanged rows with one SELECT; merge statuses.

    With ``lock`` the existing rows are locked until the batch commits, so two imports of
    overlapping files apply their status rules one after the other. ``local_settings`` are set
    for the rest of the transaction by the same statement (``set_config``), saving a round trip.
    """
    numbers = [row["order_no"] for row in rows]
    # One JSON parameter instead of thousands of placeholders (``JSON_ARRAY``), the shop hidden
    # from the planner (``identity._resolve``), and times as epoch seconds (cheaper to
    # read than timestamptz; only an older row's merge needs them).
    epochs = ", ".join(f"extract(epoch from {name})::float8" for name in TIME_FIELDS)
    lock_sql = " ORDER BY id FOR UPDATE" if lock else ""
    settings_sql, gate, params = "", "", []
    if local_settings:
        # A materialized CTE behind a one-time filter: PostgreSQL runs it once before the scan,
        # whether or not any order matches.
        calls = ", ".join("set_config(%s, %s, true)" for _ in local_settings)
        settings_sql, gate = f"WITH s AS MATERIALIZED (SELECT {calls}) ", "(SELECT count(*) FROM s) = 1 AND "
        params = [v for pair in local_settings.items() for v in pair]
    with connection.cursor() as cursor:
        cursor.execute(
            f"{settings_sql}SELECT order_no, id, import_digest, status, after_sale_status, {epochs} "
            f"FROM {Order._meta.db_table} WHERE {gate}shop_id = (SELECT %s::bigint) "
            f"AND order_no = ANY({JSON_ARRAY}){lock_sql}",
            [*params, shop_id, json_list(numbers)],
        )
        existing = {values[0]: values[1:] for values in cursor.fetchall()}
    new, changed, unchanged = [], [], []
    for row in rows:
        stored = existing.get(row["order_no"])
        if stored is None:
            new.append(row)  # its digest is computed only if it is written (``orders_intake``)
            continue
        if "digest" not in row:  # import_run computes it ahead, in its read-ahead thread
            row["digest"] = row_digest(row)
        if row["digest"] != stored[1]:
            # Not the same as stored: an older export must not move the status back.
            merge_with_existing(row, stored[2:])
            row["digest"] = row_digest(row)
        (unchanged if row["digest"] == stored[1] else changed).append(row)
    return new, changed, unchanged, existing


@dataclass
class Intake:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    written: list[int] = field(default_factory=list)  # ids of the orders created or changed
    ids: dict[str, int] = field(default_factory=dict)  # order number -> id, unchanged ones too


def orders_intake(
    *,
    shop_id: int,
    rows: list[dict],
    local_settings: dict[str, str] | None = None,
    presumed: dict[str, object] | None = None,
    batch_id: int | None = None,
    history_before: datetime | None = None,
) -> Intake:
    """Take these orders in (inside the caller's transaction): the one way orders enter Shield,
    for a file's batch, a check API order and a platform sync page alike.

    ``rows`` carry the order fields (``WRITTEN_FIELDS`` less the keys) as a file row is parsed;
    their identity keys are set here (``identity_keys``) unless the parser already did. Later
    status wins (an older export never moves an order back), buyers are resolved or created,
    new and changed orders are upserted, and their buyers linked through shared phones and
    addresses. Screening and follow-up jobs are the caller's: a file is screened whole once it
    is written, a checked order at once. ``local_settings`` (PostgreSQL settings for the rest of
    the caller's transaction) go with the intake's first statement. ``presumed``: column values
    (a verdict) that orders new to Shield are inserted with instead of the model's defaults; a
    check that screens its order in the same transaction then need not write the verdict again
    when screening agrees (most orders: allow, no reasons). Orders already stored keep theirs.
    A file's batch passes its ``batch_id`` (stamped on every order written, so the import's
    result page finds its orders in the queue) and ``history_before`` (its start): orders new to
    Shield whose shipping cut-off passed before it (``past_ship_by``) go in as history, screened
    but never queued."""
    latest: dict[str, dict] = {}
    for row in rows:
        if "phone_key" not in row:
            identity_keys(row)
        latest[row["order_no"]] = row  # PostgreSQL refuses to update one row twice in one statement
    new, changed, unchanged, existing = classify(
        shop_id, list(latest.values()), lock=True, local_settings=local_settings
    )
    result = Intake(unchanged=len(unchanged), ids={no: values[0] for no, values in existing.items()})
    to_write = new + changed
    if not to_write:
        return result
    if len(to_write) >= STAGE_MIN_ROWS:
        with connection.cursor() as cursor:
            # The writes below are short; compiling them with JIT costs more than it saves. (Not
            # for a batch with nothing to write: a re-import then saves a round trip per batch;
            # nor for a few rows, whose plans never reach JIT's cost line.)
            cursor.execute("SET LOCAL jit = off")
    for row in new:
        if "digest" not in row:
            row["digest"] = row_digest(row)
    buyers_resolve(shop_id=shop_id, rows=to_write)
    now = timezone.now()
    late = (
        {row["order_no"] for row in new if past_ship_by(row, history_before)} if history_before is not None else set()
    )
    ids = _upsert_orders(shop_id, to_write, now, presumed, batch_id=batch_id, late=late)
    buyers_link(shop_id=shop_id, rows=to_write)
    result.created = sum(1 for row in new if row["order_no"] not in existing)
    result.updated = len(to_write) - result.created
    result.written = list(ids.values())
    result.ids.update(ids)
    return result


@cache
def _order_columns() -> tuple[list[str], list[str], list]:
    """(columns the import writes, the other columns, their model defaults) of reviews_order."""
    written = ["shop_id", "order_no", "buyer_id", "import_digest", "created_at", "updated_at", *WRITTEN_FIELDS]
    others, defaults = other_columns(Order, frozenset(written))
    return [Order._meta.get_field(name).column for name in written], others, defaults


# Fewer rows than this (a check API order, a small sync page) go in with one INSERT … VALUES:
# staging them costs three more round trips than it saves.
STAGE_MIN_ROWS = 20


def _presumed(column: str, presumed: dict, default):
    """The value a new order gets in ``column``: the presumed one (JSON columns as text), else the default."""
    if column not in presumed:
        return default
    value = presumed[column]
    return json.dumps(value, ensure_ascii=False) if isinstance(value, list | dict) else value


def _values(shop_id: int, row: dict, now: datetime) -> tuple:
    return (
        shop_id, row["order_no"], row["buyer_id_resolved"], row["digest"], now, now,
        *[row[name] for name in WRITTEN_FIELDS[:-3]],
        json.dumps(row["extra"], ensure_ascii=False) if row["extra"] else "{}", row["phone_key"], row["address_key"],
    )  # fmt: skip


def _upsert_orders(
    shop_id: int,
    rows: list[dict],
    now: datetime,
    presumed: dict | None = None,
    *,
    batch_id: int | None = None,
    late: set[str] | frozenset[str] = frozenset(),
) -> dict[str, int]:
    """Order number -> id of each row written. The same upsert as ``bulk_create(update_conflicts=
    True)``, fed by COPY into a temporary table: Django's per-value SQL compilation costs more
    than the database's work on big batches. Rows go in order-number order: two overlapping
    imports then wait for each other instead of each holding a row the other needs (a deadlock).
    ``batch_id`` is written on inserted and updated rows alike; the ``late`` order numbers are
    inserted as history (an order already stored keeps its risk state)."""
    columns, others, defaults = _order_columns()
    if batch_id is not None:
        presumed = {**(presumed or {}), "import_batch_id": batch_id}
    if presumed:
        defaults = [_presumed(column, presumed, default) for column, default in zip(others, defaults, strict=True)]
    table = Order._meta.db_table
    update = [c for c in columns if c not in ("shop_id", "order_no", "created_at")]
    if batch_id is not None:
        update.append("import_batch_id")
    on_conflict = f"ON CONFLICT (shop_id, order_no) DO UPDATE SET {', '.join(f'{c} = EXCLUDED.{c}' for c in update)} "
    state_at = others.index("risk_state")
    if len(rows) < STAGE_MIN_ROWS:
        one = "(" + ", ".join(["%s"] * (len(columns) + len(others))) + ")"
        ordered = sorted(rows, key=lambda r: r["order_no"])
        history = [*defaults[:state_at], Order.RiskState.HISTORY, *defaults[state_at + 1 :]]
        params = [
            v
            for row in ordered
            for v in (*_values(shop_id, row, now), *(history if row["order_no"] in late else defaults))
        ]
        with connection.cursor() as cursor:
            cursor.execute(
                f"INSERT INTO {table} ({', '.join(columns + others)}) VALUES {', '.join([one] * len(rows))} "
                f"{on_conflict}RETURNING order_no, id",
                params,
            )
            return dict(cursor.fetchall())
    with connection.cursor() as cursor:
        cursor.execute(
            "CREATE TEMP TABLE IF NOT EXISTS shield_order_stage ON COMMIT DELETE ROWS AS "
            f"SELECT {', '.join(columns)} FROM {table} WITH NO DATA"
        )
        with cursor.copy(f"COPY shield_order_stage ({', '.join(columns)}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(_values(shop_id, row, now))
        placeholders = ["%s"] * len(others)
        params = list(defaults)
        if late:
            placeholders[state_at] = "CASE WHEN order_no = ANY(%s) THEN %s ELSE %s END"
            params[state_at : state_at + 1] = [sorted(late), Order.RiskState.HISTORY, defaults[state_at]]
        cursor.execute(
            f"INSERT INTO {table} ({', '.join(columns + others)}) "
            f"SELECT {', '.join(columns)}{', ' if others else ''}{', '.join(placeholders)} FROM shield_order_stage "
            f"ORDER BY order_no {on_conflict}RETURNING order_no, id",
            params,
        )
        ids = dict(cursor.fetchall())
        cursor.execute("TRUNCATE shield_order_stage")
    return ids
