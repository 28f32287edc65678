"""SQL expressions the review queue sorts and counts by, written so PostgreSQL can index them."""

from datetime import timedelta

from django.db import models
from django.db.models.functions import Coalesce


class ReasonCodes(models.Func):
    """The ``code`` of each screening reason in ``risk_reasons``, as a JSON array (``["burst_sku"]``).

    Stored as a generated column so the queue's per-reason counts read a few short words per
    order from an index instead of every order's reasons with their messages, the array mapped
    with a JSON path (a non-array gives ``[]``); read it with ``reason_codes_of``.
    """

    arity = 1
    output_field = models.JSONField()
    template = (
        "(CASE WHEN jsonb_typeof(%(expressions)s) = 'array' "
        "THEN jsonb_path_query_array(%(expressions)s, '$[*].code') ELSE '[]'::jsonb END)"
    )


def reason_codes_of(value) -> list[str]:
    """The codes in a ``reason_codes`` value, in order."""
    if not isinstance(value, list):
        return []
    return [str(code) for code in value if code not in (None, "")]


class DeadlineKey(models.Func):
    """Sorts exactly like ``OrderQuerySet.with_deadline``'s ``deadline`` (承诺发货时间, else paid
    or ordered + ``hours``), in a form PostgreSQL can index.

    ``timestamptz + interval`` is only STABLE in PostgreSQL (it depends on the session's time
    zone), so no index may hold it; the same instants read as UTC wall-clock time
    (``timestamp without time zone``) plus the interval are IMMUTABLE and sort the same way.
    The queue's indexes (migration 0016) hold it for 48 hours, the default
    SHIELD_SHIP_WITHIN_HOURS; another setting still sorts correctly, only without them.
    """

    output_field = models.DateTimeField()

    def __init__(self, hours: int, **extra):
        self.hours = int(hours)
        super().__init__(deadline_expression(self.hours), **extra)

    def as_sql(self, compiler, connection, **extra_context):
        ship_by, paid_at, ordered_at = self.get_source_expressions()[0].get_source_expressions()
        columns = [compiler.compile(column)[0] for column in (ship_by, paid_at.lhs, ordered_at.lhs)]
        return deadline_key_sql(*columns, hours=self.hours), []


def deadline_key_sql(ship_by: str, paid_at: str, ordered_at: str, *, hours: int) -> str:
    """``DeadlineKey`` in PostgreSQL, over the given column references (also the indexes' text)."""
    shift = f"interval '{int(hours)} hours'"
    return (
        f"COALESCE(({ship_by} AT TIME ZONE 'UTC'), ({paid_at} AT TIME ZONE 'UTC') + {shift}, "
        f"({ordered_at} AT TIME ZONE 'UTC') + {shift})"
    )


def deadline_expression(hours: int) -> Coalesce:
    """The shipping cut-off: 承诺发货时间 (ship_by), else paid, else ordered, + ``hours``."""
    within = timedelta(hours=hours)
    return Coalesce(
        "ship_by",
        models.F("paid_at") + within,
        models.F("ordered_at") + within,
        output_field=models.DateTimeField(),
    )
