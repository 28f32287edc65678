"""The two passes over a stored order file, both streaming (memory does not grow with the file).

* ``import_check`` — the dry run. Refuses the whole file for file-level problems (not a table,
  empty, header only, no order-number column, unreadable encoding, too big, too many rows)
  before anything is written; otherwise parses every row, counts what would be new / updated /
  unchanged, writes every rejected row (line, column, reason in Chinese) to an error CSV, and
  notes order numbers that appear twice (the later line wins).
* ``import_run`` — the write. Batches of ``BATCH_ROWS`` rows, each committed by
  ``writing.commit_batch`` with the ``ImportBatch``'s counts and progress in the same
  transaction. A job killed mid-way and run again resumes after the last committed batch with
  exact counts; unchanged rows are never written (their ``updated_at`` stays). A background
  thread parses and fingerprints the next batches while the current one is written
  (``_read_ahead``).

Row-level problems reject the row, never the file: the good rows import, the bad ones are in
the error file.
"""

import csv
import io
import queue
import tempfile
import threading
from collections.abc import Callable, Iterator
from contextlib import suppress
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from django.db import reset_queries
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from reviews.services.identity import buyer_key_for
from reviews.services.importing.parsing import RowError, RowParser, row_digest
from reviews.services.importing.reading import open_sheet
from reviews.services.importing.sheet import ImportRefused, Sheet, max_rows, refuse_rows, sheet_note
from reviews.services.importing.writing import ANALYZE_FIRST, commit_batch, refresh_statistics
from reviews.services.intake import beyond_action, classify
from shieldsite.collector import collector_paused
from shieldsite.spreadsheets import escape_formula

BATCH_ROWS = 5000
MAX_SHOWN_ERRORS = 50


@dataclass
class CheckResult:
    platform: str = ""
    file_format: str = ""
    encoding: str = ""
    total_rows: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    rejected: int = 0
    duplicates: int = 0
    errors: list[dict] = field(default_factory=list)
    superseded_lines: list[int] = field(default_factory=list)
    # The rejected rows as a UTF-8 (BOM) CSV, spooled to disk when large; None when nothing was rejected.
    error_stream: object = None
    # Which sheet of a workbook the orders came from: "" for a one-sheet workbook or a text file.
    sheet_note: str = ""
    # The span of the orders' times, and how many a merchant can no longer act on (``beyond_action``).
    first_ordered_at: datetime | None = None
    last_ordered_at: datetime | None = None
    history: int = 0

    @property
    def error_csv(self) -> bytes:
        if self.error_stream is None:
            return b""
        self.error_stream.seek(0)
        return self.error_stream.read()


def _batches(
    sheet: Sheet, parser: RowParser, skip: int = 0
) -> Iterator[tuple[list[dict], list[tuple[RowError, list]]]]:
    """(good rows, [(error, raw values)]) in batches of BATCH_ROWS data rows; ``skip`` rows first."""
    good: list[dict] = []
    bad: list[tuple[RowError, list]] = []
    seen = 0
    limit = max_rows()
    # A CSV row must reach the last recognised column (XLSX rows may drop trailing empty cells).
    short_width = max(sheet.mapping, default=-1) + 1 if sheet.file_format == "csv" else 0
    for line, values in sheet.rows:
        seen += 1
        if seen > limit:
            refuse_rows(seen, slack=0)
        if seen <= skip:
            continue
        if short_width and len(values) < short_width:
            parsed = RowError(
                line, "", _("这一行只有 %(n)s 列，少于表头的 %(m)s 列（文件可能被截断，或引号没有配对）")
                % {"n": len(values), "m": len(sheet.headers)}
            )  # fmt: skip
        elif sheet.has_nul and (bad_cell := _nul_cell(values)) is not None:
            parsed = RowError(
                line,
                parser.header(bad_cell),
                _("这一格含有空字符（NUL），文件可能已损坏，这一行没有导入。请重新导出后再导入这一行。"),
                values[bad_cell].replace("\x00", "")[:80],
            )
        else:
            parsed = parser.parse(line, values)
        if isinstance(parsed, RowError):
            bad.append((parsed, values))
        else:
            good.append(parsed)
        if len(good) + len(bad) >= BATCH_ROWS:
            yield good, bad
            good, bad = [], []
    if good or bad:
        yield good, bad


def _nul_cell(values: list) -> int | None:
    return next((i for i, v in enumerate(values) if isinstance(v, str) and "\x00" in v), None)


READ_AHEAD = 2  # batches parsed ahead of the one being written


def _read_ahead(batches: Iterator, depth: int | None = None) -> Iterator:
    """``batches``, produced by a background thread while the caller writes the previous ones.

    The write waits on PostgreSQL for half of its time; parsing the next batch meanwhile
    overlaps the two (psycopg releases the GIL while it waits). The thread never touches the
    database; it parses in the caller's language (row errors are translated when made), and its
    exceptions (``ImportRefused`` for a file that turns out bad half-way) are raised here.
    """
    depth = READ_AHEAD if depth is None else depth
    if depth <= 0:
        yield from batches
        return
    items: queue.Queue = queue.Queue(maxsize=depth)
    stop = threading.Event()
    done = object()
    language = translation.get_language()

    def put(item) -> bool:
        while not stop.is_set():
            try:
                items.put(item, timeout=0.1)
                return True
            except queue.Full:
                continue
        return False

    def produce() -> None:
        try:
            with translation.override(language):
                for batch in batches:
                    if not put((batch, None)):
                        return
        except BaseException as exc:  # noqa: BLE001 - handed to the consumer, raised there
            put((None, exc))
            return
        put((done, None))

    worker = threading.Thread(target=produce, name="import-read-ahead", daemon=True)
    worker.start()
    try:
        while True:
            batch, error = items.get()
            if error is not None:
                raise error
            if batch is done:
                return
            yield batch
    finally:
        stop.set()
        while worker.is_alive():  # unblock a producer waiting on a full queue
            with suppress(queue.Empty):
                items.get(timeout=0.1)
        worker.join()


def _error_writer(sheet: Sheet):
    # Memory stays flat even when most of a huge file is rejected.
    spool = tempfile.SpooledTemporaryFile(max_size=8 << 20)  # noqa: SIM115 - handed to the caller
    buffer = io.TextIOWrapper(spool, encoding="utf-8-sig", newline="")
    writer = csv.writer(buffer)
    writer.writerow([_("行号"), _("列"), _("原因"), *sheet.headers])
    return buffer, writer


@collector_paused()
def import_check(*, path: Path | str, shop_id: int, progress: Callable[[int, int], None] | None = None) -> CheckResult:
    """The dry run: read the whole file, refuse it for file-level problems, count what would change.

    Raises ``ImportRefused`` for a file-level problem. Writes nothing to the database.
    """
    sheet = open_sheet(path)
    result = CheckResult(platform=sheet.platform, file_format=sheet.file_format, encoding=sheet.encoding)
    result.sheet_note = sheet_note(sheet)
    result.total_rows = sheet.total_rows
    parser = RowParser(sheet)
    buffer, writer = _error_writer(sheet)
    # hash(order number) -> line * 4 + classification of its latest occurrence so far: plain ints
    # keep a million orders in ~100 MB instead of ~300 MB of strings and tuples.
    occurrences: dict[int, int] = {}
    counters = [0, 0, 0]  # created, updated, unchanged
    done = 0
    now = timezone.now()
    batches = _read_ahead(_batches(sheet, parser))
    try:
        for good, bad in batches:
            for error, values in bad:
                result.rejected += 1
                if len(result.errors) < MAX_SHOWN_ERRORS:
                    result.errors.append(
                        {"line": error.line, "column": error.column, "reason": error.reason, "value": error.value[:100]}
                    )
                writer.writerow(
                    [error.line, error.column, error.reason, *(escape_formula(_cell_str(v)) for v in values)]
                )
            # Within a batch the last occurrence wins before the database is asked.
            latest: dict[str, dict] = {}
            for row in good:
                previous = latest.get(row["order_no"])
                if previous is not None:
                    result.superseded_lines.append(previous["line"])
                latest[row["order_no"]] = row
            for row in latest.values():
                _note_times(result, row, now)
            new, changed, unchanged, _existing = classify(shop_id, list(latest.values()))
            for kind, group in enumerate((new, changed, unchanged)):
                for row in group:
                    key = hash(row["order_no"])
                    earlier = occurrences.get(key)
                    kind_now = kind
                    if earlier is not None:
                        # Seen in an earlier batch: that line is superseded (the later one wins).
                        earlier_line, earlier_kind = divmod(earlier, 4)
                        result.superseded_lines.append(earlier_line)
                        counters[earlier_kind] -= 1
                        if earlier_kind == 0:
                            kind_now = 0
                    counters[kind_now] += 1
                    occurrences[key] = row["line"] * 4 + kind_now
            done += len(good) + len(bad)
            reset_queries()  # with DEBUG on, Django would keep every batch's SQL in memory
            if progress:
                progress(done, max(sheet.total_rows, done))
    finally:
        batches.close()  # stops the read-ahead thread before its file is closed
        sheet.close()
    if done == 0:
        raise ImportRefused(_("文件只有表头，没有订单行。"))
    if progress:
        progress(done, done)  # the line count was an estimate; now it is exact
    result.total_rows = done
    result.created, result.updated, result.unchanged = counters
    result.duplicates = len(result.superseded_lines)
    result.superseded_lines.sort()
    for line in result.superseded_lines[: max(0, MAX_SHOWN_ERRORS - len(result.errors))]:
        result.errors.append(
            {"line": line, "column": "", "reason": _("订单号在后面的行再次出现，以后出现的行为准"), "value": ""}
        )
    result.errors.sort(key=lambda error: error["line"])
    if result.rejected:
        buffer.flush()
        result.error_stream = buffer.detach()
    else:
        buffer.close()
    return result


def _note_times(result: CheckResult, row: dict, now: datetime) -> None:
    """Widen the file's time span by this row and count it if it is history already. (An order
    number repeated across batches counts once per batch: the dry run's figure is a preview.)"""
    at = row.get("ordered_at")
    if at is not None:
        if result.first_ordered_at is None or at < result.first_ordered_at:
            result.first_ordered_at = at
        if result.last_ordered_at is None or at > result.last_ordered_at:
            result.last_ordered_at = at
    if beyond_action(row, now):
        result.history += 1


def _cell_str(value) -> str:
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M:%S")
    return "" if value is None else str(value)


@dataclass
class RunResult:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    rejected: int = 0
    written: int = 0
    # Every order this run wrote, for screening the whole file at the end.
    order_ids: list[int] = field(default_factory=list)
    sheet_note: str = ""


@collector_paused()
def import_run(
    *,
    path: Path | str,
    shop_id: int,
    superseded_lines: list[int] | None = None,
    batch_id: int | None = None,
    resume_from: int = 0,
    progress: Callable[[int, int], None] | None = None,
    replay: bool = False,
) -> RunResult:
    """Upsert every good row of the file, batch by batch, each batch in its own transaction.

    With ``batch_id`` the batch's counts and ``rows_done`` are advanced in the same transaction
    as the rows themselves, and ``resume_from`` (the stored ``rows_done``) skips what a killed
    run already committed. Rescoring of the touched orders is enqueued after each commit.
    ``replay``: see ``writing.commit_batch``.
    """
    skip_lines = set(superseded_lines or ())
    sheet = open_sheet(path)
    parser = RowParser(sheet)
    result = RunResult(sheet_note=sheet_note(sheet))
    done = resume_from
    analyzed = 0  # rows written when the statistics were last refreshed

    def prepared() -> Iterator[tuple[list[dict], int, int]]:
        # In the read-ahead thread: parse, drop superseded lines, fingerprint every row (a row is
        # either new, so written with its digest, or compared with the stored digest) and name
        # its buyer key (nothing a status merge changes goes into it).
        for good, bad in _batches(sheet, parser, skip=resume_from):
            rows = [row for row in good if row["line"] not in skip_lines]
            for row in rows:
                row["digest"] = row_digest(row)
                row["_buyer_key"] = buyer_key_for(row)
            yield rows, len(good), len(bad)

    batches = _read_ahead(prepared())
    written_ids: list[int] = []
    try:
        for rows, good_count, bad_count in batches:
            done += good_count + bad_count
            created, updated, unchanged, ids = commit_batch(shop_id, rows, batch_id, done, bad_count, replay=replay)
            result.created += created
            result.updated += updated
            result.unchanged += unchanged
            result.rejected += bad_count
            result.written += len(ids)
            written_ids += ids
            reset_queries()
            if result.written >= max(ANALYZE_FIRST, 4 * analyzed):
                refresh_statistics(during=True)
                analyzed = result.written
            if progress:
                progress(done, max(sheet.total_rows, done))
    finally:
        batches.close()  # stops the read-ahead thread before its file is closed
        sheet.close()
    if result.written - analyzed >= ANALYZE_FIRST:
        refresh_statistics()  # so the next import of this shop plans with today's numbers
    result.order_ids = sorted(set(written_ids))
    return result
