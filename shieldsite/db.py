"""Prepared statements for the few queries on the check API's hot path (PostgreSQL).

Django binds parameters on the client, so PostgreSQL parses and plans every query anew; for a
query that runs in a millisecond that planning is most of its cost. ``prepared_cursor()``
gives a cursor that binds on the server and prepares each statement once per connection
(psycopg's ``prepare=True``): the next executions reuse the plan. Only code that asks for
it uses it; every other query keeps Django's defaults.

Behind pgbouncer in transaction mode older than 1.21 a prepared statement may land on another
server connection: set ``DB_PREPARED_STATEMENTS=0`` there and these queries run unprepared.
"""

from __future__ import annotations

from collections.abc import Callable
from contextlib import contextmanager
from functools import cache
from typing import TypeVar

from django.conf import settings
from django.db import InterfaceError, OperationalError, connection

# "Never prepare automatically": psycopg prepares only when prepare=True is passed. Django's
# own cursors bind on the client and are never prepared whatever this says.
_EXPLICIT_ONLY = 2**31 - 1

T = TypeVar("T")


@cache
def _prepared_cursor_class():
    import psycopg

    class PreparedCursor(psycopg.Cursor):
        """Binds on the server and prepares every statement it runs."""

        def execute(self, query, params=None, *, prepare=None, binary=None):
            return super().execute(query, params, prepare=True if prepare is None else prepare, binary=binary)

    return PreparedCursor


def _match_timezone(cursor) -> None:
    """What Django's ``create_cursor`` does: timestamps come back in the connection's time zone."""
    from django.db.backends.postgresql.base import TIMESTAMPTZ_OID
    from django.db.backends.postgresql.psycopg_any import register_tzloader
    from psycopg.pq import Format

    loader = cursor.connection.adapters.get_loader(TIMESTAMPTZ_OID, Format.TEXT)
    if connection.timezone != loader.timezone:
        register_tzloader(connection.timezone, cursor)


@contextmanager
def prepared_cursor():
    """A cursor (in Django's wrapper: database errors, execute wrappers) whose statements are prepared."""
    # Logged queries (DEBUG, CaptureQueriesContext) go the usual way so the log shows their SQL.
    if not settings.DB_PREPARED_STATEMENTS or connection.queries_logged:
        with connection.cursor() as cursor:
            yield cursor
        return
    # What Django's own ``cursor()`` does first: with CONN_HEALTH_CHECKS, a persistent connection
    # the server dropped since the last request (a restart, a failover) is replaced, not used.
    connection.close_if_health_check_failed()
    connection.ensure_connection()
    raw = connection.connection
    if raw.prepare_threshold is None:
        raw.prepare_threshold = _EXPLICIT_ONLY
    connection.validate_thread_sharing()
    cursor = _prepared_cursor_class()(raw)
    _match_timezone(cursor)
    with connection.make_cursor(cursor) as wrapped:
        yield wrapped


def first_statement_checks_health(query: Callable[[], T]) -> T:
    """Run ``query()``, a request's first statement, as its own health check.

    With CONN_HEALTH_CHECKS Django sends ``SELECT 1`` before a request's first query on a
    persistent connection: a round trip per request, a tenth of a check API call. Here the
    request's own first statement stands for it: if the server dropped the connection since the
    last request (a restart, a failover), the statement fails at once, the connection is replaced
    and ``query()`` runs once more. Only for a read outside any transaction, which is safe to repeat.
    """
    checking = connection.connection is not None and connection.health_check_enabled
    checking = checking and not connection.health_check_done and not connection.in_atomic_block
    if not checking:
        return query()
    connection.health_check_done = True
    try:
        return query()
    except (InterfaceError, OperationalError):
        connection.close()
        return query()
