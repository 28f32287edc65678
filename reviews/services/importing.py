"""Order import: read a platform export as it comes, check it, then upsert it batch by batch.

Two passes over the same stored file, both streaming (memory does not grow with the file):

* ``import_check`` — the dry run. Refuses the whole file for file-level problems (not a table,
  empty, header only, no order-number column, unreadable encoding, too big, too many rows)
  before anything is written; otherwise parses every row, counts what would be new / updated /
  unchanged, writes every rejected row (line, column, reason in Chinese) to an error CSV, and
  notes order numbers that appear twice (the later line wins).
* ``import_run`` — the write. Batches of ``BATCH_ROWS`` rows; per batch one SELECT of the
  existing orders, buyers resolved with one query, one ``bulk_create(update_conflicts=True)``
  upsert keyed by (shop, order_no) for the new and changed rows only, links between buyers,
  and the batch's counts and progress saved on the ``ImportBatch`` in the same transaction.
  A job killed mid-way and run again resumes after the last committed batch with exact counts;
  unchanged rows are never written (their ``updated_at`` stays). A background thread parses
  and fingerprints the next batches while the current one is written (``_read_ahead``).

Row-level problems reject the row, never the file: the good rows import, the bad ones are in
the error file. A later order status never gives way to an older one (``STATUS_RANK``).
"""

import codecs
import csv
import hashlib
import io
import json
import logging
import queue
import re
import tempfile
import threading
import zipfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time
from decimal import Decimal, InvalidOperation
from html.parser import HTMLParser
from pathlib import Path
from time import sleep
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.files.base import ContentFile, File
from django.db import DatabaseError, OperationalError, connection, reset_queries, transaction
from django.db.models import F
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from blacklist.normalize import normalize_phone
from reviews import jobs
from reviews.models import Buyer, ImportBatch, Order, Platform, Shop
from reviews.resources import DOUYIN_STATUS_WORDS, header_key, is_order_no_header, map_headers
from reviews.services.identity import (
    JSON_ARRAY,
    buyer_key_for,
    buyers_link,
    buyers_resolve,
    identity_address,
    json_list,
    other_columns,
    region_prefix,
    street_is_detail,
)
from reviews.services.screening import sku_normals_warm
from shieldsite.collector import collector_paused
from shieldsite.queues import enqueue
from shieldsite.spreadsheets import escape_formula

logger = logging.getLogger(__name__)

BATCH_ROWS = 5000
MAX_SHOWN_ERRORS = 50
SNIFF_BYTES = 1 << 20
ACCEPTED_ENCODINGS = {"utf_8", "utf-8", "ascii", "gb18030", "gbk", "gb2312", "big5", "utf_16", "utf-16"}
IGNORED_HEADERS = {header_key(h) for h in ("风险分", "风控状态")}  # Shield's own export columns

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

# Exact status words of each platform (and Shield's own labels and codes).
STATUS_WORDS = {
    # Pinduoduo
    "待支付": Status.UNPAID,
    "待付款": Status.UNPAID,
    "待发货": Status.PAID,
    "已发货，待收货": Status.SHIPPED,
    "已发货，待签收": Status.SHIPPED,
    "已发货": Status.SHIPPED,
    "已收货": Status.COMPLETED,
    "已签收": Status.COMPLETED,
    "已取消": Status.CANCELLED,
    "未发货，退款成功": Status.REFUNDED,
    "已发货，退款成功": Status.REFUNDED,
    "已收货，退款成功": Status.REFUNDED,
    # Taobao / Tmall
    "等待买家付款": Status.UNPAID,
    "买家已付款": Status.PAID,
    "买家已付款，等待卖家发货": Status.PAID,
    "等待卖家发货": Status.PAID,
    "卖家已发货": Status.SHIPPED,
    "卖家已发货，等待买家确认": Status.SHIPPED,
    "交易成功": Status.COMPLETED,
    "交易关闭": Status.CANCELLED,
    "付款以后用户退款成功，交易自动关闭": Status.REFUNDED,
    # Douyin
    "备货中": Status.PAID,
    "已支付": Status.PAID,
    "已完成": Status.COMPLETED,
    "已关闭": Status.CANCELLED,
}
STATUS_WORDS.update(DOUYIN_STATUS_WORDS)
STATUS_WORDS.update({str(label): value for value, label in Status.choices})
STATUS_WORDS.update({value: value for value in Status.values})
# Fallback by keyword, most specific first, for wordings not listed above.
STATUS_KEYWORDS = [
    ("退款成功", Status.REFUNDED),
    ("已退款", Status.REFUNDED),
    ("退款中", Status.REFUNDING),
    ("关闭", Status.CANCELLED),
    ("取消", Status.CANCELLED),
    ("待付款", Status.UNPAID),
    ("待支付", Status.UNPAID),
    ("未付款", Status.UNPAID),
    ("待发货", Status.PAID),
    ("已付款", Status.PAID),
    ("已支付", Status.PAID),
    ("待收货", Status.SHIPPED),
    ("待签收", Status.SHIPPED),
    ("已发货", Status.SHIPPED),
    ("已收货", Status.COMPLETED),
    ("已签收", Status.COMPLETED),
    ("交易成功", Status.COMPLETED),
    ("已完成", Status.COMPLETED),
]
# How many digits a number-only order number has on each platform: Douyin's (sub-)order numbers
# have 19; Taobao's grew from 15 to 19. Pinduoduo's carry a dash (251120-408812345670001), which
# Excel leaves alone, so they are not listed.
ORDER_NO_DIGITS = {Platform.TAOBAO: 15, Platform.DOUYIN: 19}
# Excel keeps 15 significant digits of a number: a longer order number it took for one keeps
# its first 15 digits and zeros (or shows as 2.61207E+17). Excel shows numbers of 12 digits or
# more in scientific notation, so a shorter one that is still that long was probably cut.
EXCEL_DIGITS = 15
EXCEL_SCIENTIFIC_FROM = 12
SCIENTIFIC = re.compile(r"[0-9](\.[0-9]+)?[eE](\+)?[0-9]{1,3}")
EMPTY_VALUES = {"", "-", "--", "—", "/", "null", "NULL", "None"}
ZERO_AMOUNT = Decimal("0.00")

TEXT_FIELDS = {
    "sku_id": 64,
    "sku_name": 255,
    "spec": 255,
    "after_sale_status": 64,
    "receiver": 100,
    "province": 32,
    "city": 32,
    "district": 32,
    "street": 64,
    "address": 255,
    "merchant_note": 4000,
    "buyer_note": 4000,
}
TIME_FIELDS = ("ordered_at", "paid_at", "shipped_at", "received_at")
# The platform's shipping cut-off (承诺发货时间): a deadline, not an event, so it stays out of
# TIME_FIELDS (which decide whether a row is newer than the stored order).
DEADLINE_FIELDS = ("ship_by",)
AMOUNT_FIELDS = ("amount_paid", "amount_received")
# Mapped fields that are not Order columns: kept in extra under their own header.
EXTRA_FIELDS = {"main_order_no", "amount_due", "refund_amount", "cancel_reason"}
# Everything an import writes on an order; the digest covers exactly these.
WRITTEN_FIELDS = [
    "sku_id",
    "sku_name",
    "spec",
    "quantity",
    "amount_paid",
    "amount_received",
    "status",
    "after_sale_status",
    "ordered_at",
    "paid_at",
    "shipped_at",
    "received_at",
    "ship_by",
    "receiver",
    "phone",
    "province",
    "city",
    "district",
    "street",
    "address",
    "merchant_note",
    "buyer_note",
    "extra",
    "phone_key",
    "address_key",
]
TIME_INDEXES = [WRITTEN_FIELDS.index(name) for name in TIME_FIELDS]


class ImportRefused(Exception):
    """The whole file is refused (nothing is written); ``message`` says why, in Chinese."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


@dataclass
class RowError:
    line: int
    column: str
    reason: str
    value: str = ""


@dataclass
class Sheet:
    """An opened order file: what it is, its header, and a stream of (line, values) rows."""

    file_format: str
    encoding: str
    platform: str
    headers: list[str]
    mapping: dict[int, str]
    extra_columns: dict[int, str]
    total_rows: int
    rows: Iterator[tuple[int, list]]
    closers: list[Callable[[], None]] = field(default_factory=list)
    has_nul: bool = False  # a NUL character somewhere in a text file: its rows are rejected
    # The workbook sheet the orders were read from (XLSX): 1-based number of how many, and its name.
    sheet_name: str = ""
    sheet_number: int = 0
    sheet_count: int = 0

    def close(self) -> None:
        for close in self.closers:
            close()


def max_bytes() -> int:
    return settings.SHIELD_IMPORT_MAX_BYTES


def max_rows() -> int:
    return settings.SHIELD_IMPORT_MAX_ROWS


# -- reading the file ---------------------------------------------------------------------------
MAGIC = [
    (b"\x89PNG", gettext_lazy("PNG 图片")),
    (b"\xff\xd8\xff", gettext_lazy("JPEG 图片")),
    (b"GIF8", gettext_lazy("GIF 图片")),
    (b"BM", gettext_lazy("BMP 图片")),
    (b"%PDF", gettext_lazy("PDF 文档")),
    (b"\x1f\x8b", gettext_lazy("gzip 压缩包")),
    (b"Rar!", gettext_lazy("RAR 压缩包")),
    (b"7z\xbc\xaf", gettext_lazy("7z 压缩包")),
    (b"RIFF", gettext_lazy("音视频或 WebP 图片")),
    (b"\x00\x00\x00", gettext_lazy("视频或二进制")),
]


def _sniff_kind(head: bytes) -> str:
    """'xlsx', 'html' or 'text' from the first bytes; refuse anything that is not an order table."""
    if not head.strip():
        raise ImportRefused(_("文件是空的，没有任何内容。请重新从平台后台导出订单。"))
    if head.startswith(b"PK\x03\x04"):
        return "xlsx"
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        raise ImportRefused(_("这是旧版 Excel（.xls）文件。请在 Excel 或 WPS 中另存为 .xlsx 或 CSV 后再上传。"))
    for magic, kind in MAGIC:
        if head.startswith(magic):
            raise ImportRefused(
                _("这不是订单表格，看起来是%(kind)s。请上传平台导出的 CSV 或 XLSX 文件。") % {"kind": kind}
            )
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) or _utf16_without_bom(head):
        return "text"
    start = head.lstrip(codecs.BOM_UTF8 + b" \t\r\n")[:512].lower()
    if start.startswith((b"<!doctype html", b"<html", b"<table", b"<meta")) or b"<table" in start:
        # Pinduoduo's and many ERPs' "Excel" exports are an HTML table saved as .xls.
        return "html"
    if start.startswith(b"<?xml"):
        raise ImportRefused(
            _("这是 XML 文件（如 Excel 2003 XML 表格），不是 CSV 或 XLSX。请在 Excel 中另存为 .xlsx 或 CSV 后再上传。")
        )
    if b"\x00" in head:
        raise ImportRefused(_("这不是文本表格文件（含有二进制内容）。请上传平台导出的 CSV 或 XLSX 文件。"))
    return "text"


def _utf16_without_bom(head: bytes) -> str:
    """'utf-16-le' / 'utf-16-be' when every other byte of mostly-ASCII text is NUL, else ''."""
    sample = head[: len(head) // 2 * 2][:2048]
    if len(sample) < 8:
        return ""
    even, odd = sample[0::2], sample[1::2]
    for zeros, encoding in ((odd, "utf-16-le"), (even, "utf-16-be")):
        if zeros.count(0) > len(zeros) * 0.3 and b"\n" in sample:
            try:
                sample.decode(encoding)
            except UnicodeDecodeError:
                continue
            return encoding
    return ""


def _detect_encoding(sample: bytes) -> str:
    if sample.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if sample.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    if utf16 := _utf16_without_bom(sample[:4096]):
        return utf16
    for encoding in ("utf-8", "gb18030"):
        try:
            codecs.getincrementaldecoder(encoding)().decode(sample, final=False)
            return encoding
        except UnicodeDecodeError:
            continue
    from charset_normalizer import from_bytes

    best = from_bytes(sample).best()
    if best is not None and best.encoding.replace("-", "_").lower() in ACCEPTED_ENCODINGS:
        return best.encoding
    raise ImportRefused(_("无法识别文件编码。请在 Excel 中另存为“CSV UTF-8”或 GBK 编码的 CSV，或直接上传 XLSX。"))


def _scan_text(path: Path, encoding: str, token: str = "\n") -> tuple[str, int, bool]:
    """Decode the whole file once (fails early on a wrong encoding); count its lines (or another
    ``token``, case-insensitive: ``<tr`` for an HTML table) and say whether a NUL character is
    anywhere in it (PostgreSQL text cannot hold one)."""
    candidates = [encoding] + (["gb18030"] if encoding in ("utf-8", "utf-8-sig") else [])
    keep = len(token) - 1  # a token cut in two by a chunk boundary is counted once
    for candidate in candidates:
        decoder = codecs.getincrementaldecoder(candidate)()
        count, nul, carry = 0, False, ""
        try:
            with open(path, "rb") as handle:
                while True:
                    chunk = handle.read(1 << 20)
                    text = carry + decoder.decode(chunk, final=not chunk)
                    count += (text if token == "\n" else text.lower()).count(token)
                    nul = nul or "\x00" in text
                    carry = text[-keep:] if keep else ""
                    if not chunk:
                        break
            return candidate, count + (token == "\n"), nul
        except UnicodeDecodeError:
            continue
    raise ImportRefused(
        _("文件中有无法按 %(encoding)s 解码的内容，编码无法识别。请另存为 UTF-8 或 GBK 的 CSV 后再上传。")
        % {"encoding": encoding}
    )


class ExcelNumber(str):
    """The text of a numeric XLSX cell of 16 digits or more: Excel keeps only 15 significant
    digits of a number, so the rest are zeros or float noise (an order number so stored is lost)."""


def _cell_text(value) -> str | datetime:
    """XLSX cell → text (numbers without a trailing .0); dates stay datetimes."""
    if isinstance(value, str):
        return value
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value
    if isinstance(value, date):
        return datetime.combine(value, time())
    if isinstance(value, float) and value.is_integer():
        return ExcelNumber(int(value)) if abs(value) >= 1e15 else str(int(value))
    return str(value)


def _header_in(rows: Iterator[tuple[int, list]]) -> tuple[tuple[int, list[str]] | None, bool]:
    """(line and header of the first of the first ten non-empty rows that names an order-number
    column, or None; whether there was any non-empty row at all)."""
    seen = False
    for _index in range(10):
        try:
            line, values = next(rows)
        except StopIteration:
            break
        seen = True
        if any(is_order_no_header(value) for value in values):
            return (line, [str(value or "").strip() for value in values]), True
    return None, seen


def _refuse_no_header(seen: bool) -> None:
    if not seen:
        raise ImportRefused(_("文件是空的，没有任何内容。请重新从平台后台导出订单。"))
    raise ImportRefused(
        _("找不到订单号列。表头中需要有“订单号”（拼多多）、“订单编号”（淘宝）、“子订单编号”（抖店）或 order_no 之一。")
    )


def _find_header(rows: Iterator[tuple[int, list]]) -> tuple[int, list[str]]:
    """The first of the first ten non-empty rows that names an order-number column."""
    found, seen = _header_in(rows)
    if found is None:
        _refuse_no_header(seen)
    return found


def _non_empty(rows) -> Iterator[tuple[int, list]]:
    join = "".join
    for line, values in rows:
        try:
            if join(values).strip():  # all text (every CSV row): one C call instead of a loop
                yield line, values
            continue
        except TypeError:
            pass
        if any((v if isinstance(v, str) else v is not None) and str(v).strip() for v in values):
            yield line, values


def open_sheet(path: Path | str) -> Sheet:
    """Open a stored order file, detecting format, encoding and delimiter; refuse bad files."""
    path = Path(path)
    size = path.stat().st_size
    if size > max_bytes():
        raise ImportRefused(
            _("文件大小 %(size)s MB 超过上限 %(limit)s MB。请按时间分成几个文件导出后分别导入。")
            % {"size": round(size / 1048576, 1), "limit": max_bytes() // 1048576}
        )
    with open(path, "rb") as handle:
        sample = handle.read(SNIFF_BYTES)
    kind = _sniff_kind(sample[:4096])
    if kind == "xlsx":
        return _open_xlsx(path)
    if kind == "html":
        return _open_html(path, sample)

    encoding = _detect_encoding(sample)
    encoding, lines, has_nul = _scan_text(path, encoding)
    _refuse_rows(lines)
    handle = open(path, encoding=encoding, newline="", errors="strict")  # noqa: SIM115 - closed by Sheet.close
    text_sample = handle.read(64 * 1024)
    handle.seek(0)
    first_lines = "\n".join(text_sample.splitlines()[:20])
    try:
        delimiter = csv.Sniffer().sniff(first_lines, delimiters=",\t;|").delimiter
    except csv.Error:
        delimiter = "\t" if "\t" in first_lines.split("\n", 1)[0] else ","
    csv.field_size_limit(10 * 1024 * 1024)
    reader = csv.reader(handle, delimiter=delimiter)

    def numbered() -> Iterator[tuple[int, list]]:
        start = 1
        try:
            for values in reader:
                yield start, values
                start = reader.line_num + 1
        except csv.Error as exc:
            raise ImportRefused(
                _("第 %(line)s 行附近的 CSV 格式有误：%(error)s") % {"line": start, "error": exc}
            ) from exc

    rows = _non_empty(numbered())
    header_line, headers = _find_header(rows)
    sheet = _sheet("csv", encoding, headers, max(0, lines - header_line), rows, [handle.close])
    sheet.has_nul = has_nul
    return sheet


# -- HTML tables saved as .xls ------------------------------------------------------------------
HTML_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)


class _HtmlRows(HTMLParser):
    """The rows of a document's top-level tables, fed in chunks and taken as they complete.

    Cells are text with whitespace collapsed, as a browser shows them; a ``colspan`` leaves empty
    cells after its text, as Excel does when it opens the file. Nested tables add their text to the
    enclosing cell.
    """

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.done: list[list[str]] = []
        self.row: list[str] | None = None
        self.cell: list[str] | None = None
        self.span = 1
        self.depth = 0
        self.tables = 0

    def handle_starttag(self, tag, attrs):
        if tag == "table":
            self.depth += 1
            self.tables += self.depth == 1
        elif self.depth != 1:
            return
        elif tag == "tr":
            self._end_row()
            self.row = []
        elif tag in ("td", "th"):
            self._end_cell()
            if self.row is None:
                self.row = []
            self.cell = []
            span = dict(attrs).get("colspan") or "1"
            self.span = min(int(span), 1000) if span.isdigit() and int(span) > 0 else 1
        elif tag == "br" and self.cell is not None:
            self.cell.append(" ")

    def handle_endtag(self, tag):
        if tag == "table" and self.depth:
            if self.depth == 1:
                self._end_row()
            self.depth -= 1
        elif self.depth == 1 and tag in ("td", "th"):
            self._end_cell()
        elif self.depth == 1 and tag == "tr":
            self._end_row()

    def handle_data(self, data):
        if self.cell is not None:
            self.cell.append(data)

    def _end_cell(self):
        if self.cell is not None and self.row is not None:
            self.row.append(" ".join("".join(self.cell).split()))
            self.row.extend([""] * (self.span - 1))
        self.cell = None

    def _end_row(self):
        self._end_cell()
        if self.row is not None:
            self.done.append(self.row)
        self.row = None

    def take(self) -> list[list[str]]:
        rows, self.done = self.done, []
        return rows


def _html_encoding(sample: bytes) -> str:
    """The charset the page declares (GB2312 read as its superset GB18030), else as sniffed."""
    if not sample.startswith((codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        declared = HTML_CHARSET.search(sample[:4096])
        if declared:
            try:
                name = codecs.lookup(declared.group(1).decode("ascii")).name
            except (LookupError, UnicodeDecodeError):
                name = ""
            if name in ("gb2312", "gbk", "gb18030"):
                return "gb18030"
            if name.replace("-", "_") in ACCEPTED_ENCODINGS:
                return name
    return _detect_encoding(sample)


def _open_html(path: Path, sample: bytes) -> Sheet:
    """An HTML table saved as .xls: read like a CSV, one ``<tr>`` per line (as Excel numbers them)."""
    encoding, rows_count, has_nul = _scan_text(path, _html_encoding(sample), token="<tr")
    _refuse_rows(rows_count)
    handle = open(path, encoding=encoding, errors="strict")  # noqa: SIM115 - closed by Sheet.close
    parser = _HtmlRows()

    def numbered() -> Iterator[tuple[int, list]]:
        line = 0
        while True:
            chunk = handle.read(1 << 16)
            if chunk:
                parser.feed(chunk)
            else:
                parser.close()
                parser._end_row()  # a last row the page never closed
            for values in parser.take():
                line += 1
                yield line, values
            if not chunk:
                return

    rows = _non_empty(numbered())
    found, seen = _header_in(rows)
    if found is None:
        handle.close()
        if not parser.tables:
            raise ImportRefused(
                _("这是网页（HTML）文件，只是扩展名像表格。请用 Excel 或 WPS 打开后另存为 .xlsx 或 CSV 再上传。")
            )
        _refuse_no_header(seen)
    header_line, headers = found
    sheet = _sheet("html", encoding, headers, max(0, rows_count - header_line), rows, [handle.close])
    sheet.has_nul = has_nul
    return sheet


# Up to this size an XLSX is read by calamine (Rust, ~20× faster than openpyxl, but it holds the
# sheet in memory: ~15× the file size); larger ones stream through openpyxl in constant memory.
CALAMINE_MAX_BYTES = 20 * 1024 * 1024


# An XLSX is a ZIP: refuse one that would expand far beyond any real export (a zip bomb).
XLSX_MAX_RATIO = 100
XLSX_RATIO_FLOOR = 50 * 1024 * 1024


def _refuse_zip_bomb(path: Path) -> None:
    try:
        with zipfile.ZipFile(path) as archive:
            expanded = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise ImportRefused(_("这不是有效的 XLSX 文件（文件已损坏，或是改了扩展名的压缩包）。")) from exc
    size = max(path.stat().st_size, 1)
    if expanded > 10 * max_bytes() or (expanded > XLSX_RATIO_FLOOR and expanded / size > XLSX_MAX_RATIO):
        raise ImportRefused(
            _("这个 XLSX 解压后有 %(mb)s MB，是文件大小的 %(ratio)s 倍，不像订单导出（疑似压缩炸弹），已拒绝。")
            % {"mb": f"{expanded / 1048576:,.0f}", "ratio": f"{expanded / size:,.0f}"}
        )


def _open_xlsx(path: Path) -> Sheet:
    _refuse_zip_bomb(path)
    if path.stat().st_size <= CALAMINE_MAX_BYTES:
        return _open_xlsx_calamine(path)
    return _open_xlsx_openpyxl(path)


def _refuse_rows(total: int) -> None:
    if total > max_rows() + 20:
        raise ImportRefused(
            _("文件超过 %(limit)s 行上限。请按时间分成几个文件导出后分别导入。") % {"limit": f"{max_rows():,}"}
        )


def _open_xlsx_calamine(path: Path) -> Sheet:
    from python_calamine import CalamineError, CalamineWorkbook

    invalid = _("这不是有效的 XLSX 文件（文件已损坏，或是改了扩展名的压缩包）。")
    try:
        workbook = CalamineWorkbook.from_path(str(path))
        names = list(workbook.sheet_names)
    except (CalamineError, OSError, ValueError) as exc:
        raise ImportRefused(invalid) from exc

    def numbered(sheet) -> Iterator[tuple[int, list]]:
        for line, values in enumerate(sheet.iter_rows(), start=1):
            # Most cells are text: only the others go through _cell_text (2M calls per 100k rows).
            yield line, [v if v.__class__ is str else _cell_text(v) for v in values]

    def sheets() -> Iterator[tuple[int, str, int, Iterator]]:
        for index, name in enumerate(names):
            try:
                sheet = workbook.get_sheet_by_index(index)
            except (CalamineError, OSError, ValueError, IndexError) as exc:
                if len(names) == 1:
                    raise ImportRefused(invalid) from exc
                continue  # a chart sheet or a damaged cover: the orders may be on the next one
            yield index + 1, name, sheet.height, _non_empty(numbered(sheet))

    try:
        if not names:
            raise ImportRefused(invalid)
        return _order_sheet(sheets(), len(names), [workbook.close])
    except ImportRefused:
        workbook.close()
        raise


def _open_xlsx_openpyxl(path: Path) -> Sheet:
    import openpyxl

    try:
        workbook = openpyxl.load_workbook(path, read_only=True, data_only=False)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as exc:
        raise ImportRefused(_("这不是有效的 XLSX 文件（文件已损坏，或是改了扩展名的压缩包）。")) from exc

    def numbered(sheet) -> Iterator[tuple[int, list]]:
        for line, values in enumerate(sheet.iter_rows(values_only=True), start=1):
            yield line, [_cell_text(v) for v in values]

    def sheets() -> Iterator[tuple[int, str, int, Iterator]]:
        for number, sheet in enumerate(workbook.worksheets, start=1):
            yield number, sheet.title, sheet.max_row or 0, _non_empty(numbered(sheet))

    try:
        return _order_sheet(sheets(), len(workbook.worksheets), [workbook.close])
    except ImportRefused:
        workbook.close()
        raise


def _order_sheet(sheets: Iterator[tuple[int, str, int, Iterator]], count: int, closers) -> Sheet:
    """The first sheet of a workbook whose header names an order-number column: a cover or summary
    sheet before the orders (many ERP and back-office exports have one) is passed over."""
    seen = False
    for number, name, total, rows in sheets:
        found, rows_seen = _header_in(rows)
        seen = seen or rows_seen
        if found is None:
            continue
        _refuse_rows(total)
        header_line, headers = found
        sheet = _sheet("xlsx", "", headers, max(0, total - header_line), rows, closers)
        sheet.sheet_name, sheet.sheet_number, sheet.sheet_count = name, number, count
        return sheet
    _refuse_no_header(seen)


def _refuse_duplicate_headers(headers: list[str], mapping: dict[int, str]) -> None:
    """Two columns with the same recognised header: which one holds the order's value is a guess."""
    mapped_keys = {header_key(headers[index]) for index in mapping}
    seen: dict[str, int] = {}
    for index, header in enumerate(headers):
        key = header_key(header)
        if key in mapped_keys and key in seen:
            raise ImportRefused(
                _(
                    "表头“%(header)s”出现了两次（第 %(first)s 列和第 %(second)s 列），"
                    "无法确定用哪一列。请删除多余的列后再上传。"
                )
                % {"header": header, "first": seen[key] + 1, "second": index + 1}
            )
        seen.setdefault(key, index)


def _sheet(file_format, encoding, headers, total, rows, closers) -> Sheet:
    platform, mapping, extra = map_headers(headers)
    _refuse_duplicate_headers(headers, mapping)
    extra = {i: h for i, h in extra.items() if header_key(h) not in IGNORED_HEADERS}
    return Sheet(file_format, encoding, platform, headers, mapping, extra, total, rows, closers)


# -- one row ------------------------------------------------------------------------------------
def _clean(value) -> str:
    text = value.strip() if isinstance(value, str) else str(value).strip()
    # Exports force Excel to keep long numbers as text with ="123" or a leading apostrophe.
    if text.startswith('="') and text.endswith('"'):
        text = text[2:-1]
    return text


def parse_time(value, tz) -> datetime | None:
    """A platform time ("2025-11-20 13:45:10", "2025/11/20 13:45", an Excel date) → aware datetime."""
    if isinstance(value, datetime):
        return value.replace(tzinfo=tz) if value.tzinfo is None else value
    text = value.strip()
    if text in EMPTY_VALUES:
        return None
    try:
        parsed = datetime.fromisoformat(text.replace("/", "-"))
    except ValueError:
        parsed = None
        for fmt in ("%Y年%m月%d日 %H:%M:%S", "%Y年%m月%d日 %H:%M", "%Y年%m月%d日", "%Y%m%d%H%M%S"):
            try:
                parsed = datetime.strptime(text, fmt)
                break
            except ValueError:
                continue
        if parsed is None:
            raise
    return parsed.replace(tzinfo=tz) if parsed.tzinfo is None else parsed


def parse_amount(text: str) -> Decimal:
    text = text.replace("¥", "").replace("￥", "").replace("元", "").replace(",", "").strip()
    if text in EMPTY_VALUES:
        return Decimal("0.00")
    amount = Decimal(text)
    if not amount.is_finite():
        raise InvalidOperation
    if amount < 0:
        raise ValueError("negative")
    if amount >= Decimal("10000000000"):
        raise OverflowError
    return amount.quantize(Decimal("0.01"))


def parse_quantity(text: str) -> int:
    if text in EMPTY_VALUES:
        return 1
    number = Decimal(text)
    if not number.is_finite() or number != number.to_integral_value():
        raise InvalidOperation
    if number < 0:
        raise ValueError("negative")
    if number > 1_000_000:
        raise OverflowError
    return int(number)


def map_status(status_text: str, after_sale: str, refund_amount: Decimal | None) -> str | None:
    """Shield's status for a platform's 订单状态 + 售后状态 (+ Taobao's 退款金额); None if unknown."""
    text = status_text.replace(",", "，").strip()
    if text in EMPTY_VALUES:
        status = Status.PAID
    else:
        status = STATUS_WORDS.get(text) or STATUS_WORDS.get(text.lower())
        if status is None:
            status = next((value for word, value in STATUS_KEYWORDS if word in text), None)
        if status is None:
            return None
    after = after_sale.strip()
    if after in EMPTY_VALUES:  # Douyin writes "-" for "no after-sale"
        after = ""
    if after and "无售后" not in after and "售后取消" not in after and "关闭" not in after:
        if "成功" in after or "已退款" in after or "完成" in after:
            return Status.REFUNDED
        if status not in (Status.REFUNDED, Status.CANCELLED):
            return Status.REFUNDING
    if status == Status.CANCELLED and refund_amount:
        return Status.REFUNDED
    return status


def order_no_mangled(order_no: str, *, excel_number: bool = False, platform: str = "") -> str:
    """Why an order number cannot be the one the platform issued (Excel took it for a number and
    lost digits), or ''. Such a row is refused: imported, it would merge with another order."""
    if excel_number:
        return _(
            "订单号在表格里存成了数字，Excel 只保留 15 位有效数字，后面几位已经丢失，无法确定是哪一单。"
            "请从平台后台重新导出，不要用 Excel 打开后另存再上传。"
        )
    if not (order_no.isascii() and order_no.isdigit()):
        match = SCIENTIFIC.fullmatch(order_no)
        if match and (match.group(1) or match.group(2)):
            return _(
                "订单号被 Excel 改成了科学计数法，后面几位已经丢失，无法确定是哪一单。"
                "请从平台后台重新导出，不要用 Excel 打开后另存再上传。"
            )
        return ""
    digits = len(order_no)
    if digits >= EXCEL_DIGITS + 3 and not order_no[EXCEL_DIGITS:].strip("0"):
        return _(
            "订单号末尾 %(zeros)s 位都是 0，是被 Excel 当成数字、只留下 15 位有效数字的样子，原来的号码已经丢失。"
            "请从平台后台重新导出，不要用 Excel 打开后另存再上传。"
        ) % {"zeros": digits - EXCEL_DIGITS}
    expected = ORDER_NO_DIGITS.get(platform)
    if expected and EXCEL_SCIENTIFIC_FROM <= digits < expected:
        return _(
            "订单号只有 %(digits)s 位数字，%(platform)s的订单号至少有 %(expected)s 位，可能被 Excel 截短了。"
            "请从平台后台重新导出后再上传。"
        ) % {"digits": digits, "platform": Platform(platform).label, "expected": expected}
    return ""


class RowParser:
    """Turns one list of cell values into the fields of an order, or a ``RowError``."""

    def __init__(self, sheet: Sheet):
        self.sheet = sheet
        self.platform = sheet.platform
        self.tz = ZoneInfo(settings.TIME_ZONE)
        self.columns = {name: index for index, name in sheet.mapping.items()}
        self.headers = sheet.headers
        self.extra_columns = list(sheet.extra_columns.items())
        self.text_columns = [
            (name, self.columns[name], size) for name, size in TEXT_FIELDS.items() if name in self.columns
        ]
        self.time_columns = [
            (name, self.columns[name]) for name in (*TIME_FIELDS, *DEADLINE_FIELDS) if name in self.columns
        ]
        self.amount_columns = [(name, self.columns[name]) for name in AMOUNT_FIELDS if name in self.columns]
        self.extra_fields = [(name, self.columns[name]) for name in EXTRA_FIELDS if name in self.columns]
        self.quantity_column = self.columns.get("quantity")
        self.blank_text = {name: "" for name in TEXT_FIELDS}
        # Converted values by their cleaned text (bounded): exports repeat prices and statuses.
        self.quantities: dict[str, int] = {}
        self.amounts: dict[str, Decimal] = {}
        self.statuses: dict[tuple, str] = {}

    def header(self, index: int) -> str:
        return self.headers[index] if index < len(self.headers) else ""

    def parse(self, line: int, values: list) -> dict | RowError:
        # The hot loop of every import: a million rows go through here twice (dry run, write),
        # so cells are read by index with the common cases inlined and repeated values (prices,
        # quantities, statuses) converted once per file.
        width = len(values)
        col = self.columns
        index = col["order_no"]
        cell = values[index] if index < width else ""
        order_no = _clean(cell)
        if not order_no:
            return RowError(line, self.header(index), _("订单号为空"))
        if len(order_no) > 64:
            return RowError(line, self.header(index), _("订单号超过 64 个字符"), order_no[:80])
        if cell.__class__ is ExcelNumber or order_no.isdigit() or "e" in order_no or "E" in order_no:
            problem = order_no_mangled(order_no, excel_number=cell.__class__ is ExcelNumber, platform=self.platform)
            if problem:
                return RowError(line, self.header(index), problem, order_no)
        row: dict = dict(self.blank_text)
        row["order_no"] = order_no
        for name, index, size in self.text_columns:
            value = values[index] if index < width else ""
            if value.__class__ is str:
                value = value.strip()
                if value[:2] == '="' and value.endswith('"'):
                    value = value[2:-1]
            else:
                value = _clean(value)
            row[name] = value[:size]

        index = self.quantity_column
        if index is None:
            row["quantity"] = 1
        else:
            raw = _clean(values[index] if index < width else "")
            quantity = self.quantities.get(raw)
            if quantity is None:
                try:
                    quantity = parse_quantity(raw)
                except ValueError:
                    return RowError(line, self.header(index), _("商品数量不能为负数"), raw)
                except (InvalidOperation, OverflowError):
                    return RowError(line, self.header(index), _("商品数量不是有效的整数"), raw)
                self._remember(self.quantities, raw, quantity)
            row["quantity"] = quantity

        amounts = self.amounts
        for name, index in self.amount_columns:
            raw = _clean(values[index] if index < width else "")
            amount = amounts.get(raw)
            if amount is None:
                try:
                    amount = parse_amount(raw)
                except ValueError:
                    return RowError(line, self.header(index), _("金额不能为负数"), raw)
                except (InvalidOperation, OverflowError):
                    return RowError(line, self.header(index), _("金额不是有效的数字"), raw)
                self._remember(amounts, raw, amount)
            row[name] = amount
        if "amount_paid" not in row:
            row["amount_paid"] = ZERO_AMOUNT
        if "amount_received" not in row:
            row["amount_received"] = row["amount_paid"]

        tz = self.tz
        for name in (*TIME_FIELDS, *DEADLINE_FIELDS):
            row[name] = None
        for name, index in self.time_columns:
            raw = values[index] if index < width else ""
            try:
                row[name] = parse_time(raw if isinstance(raw, datetime) else _clean(raw), tz)
            except (ValueError, OverflowError):
                return RowError(
                    line, self.header(index), _("不是有效的日期时间（应为 2025-11-20 13:45:10 这样的格式）"), str(raw)
                )

        extra = {}
        refund_amount = None
        for name, index in self.extra_fields:
            raw = _clean(values[index] if index < width else "")
            if name == "refund_amount":
                try:
                    refund_amount = parse_amount(raw)
                except (ValueError, InvalidOperation, OverflowError):
                    return RowError(line, self.header(index), _("退款金额不是有效的非负数字"), raw)
            if raw:
                extra[self.header(index)] = raw
        index = col.get("status")
        status_raw = _clean(values[index] if index < width else "") if index is not None else ""
        status_key = (status_raw, row["after_sale_status"], refund_amount)
        status = self.statuses.get(status_key)
        if status is None:
            status = map_status(status_raw, row["after_sale_status"], refund_amount)
            if status is None:
                return RowError(line, self.header(col["status"]), _("无法识别的订单状态"), status_raw)
            status = str(status)  # a plain str: the digest must not see the enum
            self._remember(self.statuses, status_key, status)
        row["status"] = status

        for index, header in self.extra_columns:
            raw = values[index] if index < width else ""
            if isinstance(raw, datetime):
                raw = raw.strftime("%Y-%m-%d %H:%M:%S")
            raw = raw.strip()
            if raw:
                extra[header] = raw[:1000]
        row["extra"] = extra

        index = col.get("phone")
        phone_raw = _clean(values[index] if index < width else "").lstrip("'") if index is not None else ""
        row["phone"] = phone_raw[:32]
        row["phone_key"] = normalize_phone(phone_raw) if phone_raw else ""
        index = col.get("buyer_id")
        row["buyer_id"] = _clean(values[index] if index < width else "") if index is not None else ""
        place = identity_address(row)
        row["identity_address"] = place
        # Only a detailed address links buyers: a bare region (privacy exports) would link a district.
        if row["address"] or street_is_detail(row["street"]):
            row["address_key"] = place[:255] if len(place) >= len(region_prefix(row)) + 4 else ""
        else:
            row["address_key"] = ""
        row["line"] = line
        return row

    @staticmethod
    def _remember(cache: dict, key, value) -> None:
        if len(cache) >= 4096:  # a file of all-different values must not grow memory
            cache.clear()
        cache[key] = value


def row_digest(row: dict) -> str:
    """A fingerprint of everything an import writes on the order (not the buyer)."""
    values = [row[name] for name in WRITTEN_FIELDS]
    for index in TIME_INDEXES:  # the same instant whether it came from the file or the database
        if values[index] is not None:
            values[index] = values[index].timestamp()
    values[WRITTEN_FIELDS.index("extra")] = sorted(row["extra"].items())
    # A missing deadline leaves the digest as it was before ship_by was imported, so
    # re-importing an old file does not rewrite every order.
    ship_by = values.pop(WRITTEN_FIELDS.index("ship_by"))
    if ship_by is not None:
        values.append(("ship_by", ship_by.timestamp()))
    return hashlib.md5(repr(values).encode(), usedforsecurity=False).hexdigest()


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


EXISTING_COLUMNS = ("order_no", "pk", "import_digest", "status", "after_sale_status", *TIME_FIELDS)


def classify(shop_id: int, rows: list[dict], *, lock: bool = False) -> tuple[list[dict], list[dict], list[dict], dict]:
    """Split a batch into new / changed / unchanged rows with one SELECT; merge statuses.

    With ``lock`` the existing rows are locked (PostgreSQL) until the batch commits, so two
    imports of overlapping files apply their status rules one after the other.
    """
    numbers = [row["order_no"] for row in rows]
    if connection.vendor == "postgresql":
        # One JSON parameter instead of thousands of placeholders (``JSON_ARRAY``), the shop
        # hidden from the planner (``identity._resolve_postgresql``), and times as epoch seconds
        # (cheaper to read than timestamptz; only an older row's merge needs them).
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
    else:
        queryset = Order.objects.filter(shop_id=shop_id, order_no__in=numbers)
        existing = {
            values[0]: (*values[1:5], *(t.timestamp() if t else None for t in values[5:]))
            for values in queryset.values_list(*EXISTING_COLUMNS)
        }
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


# -- the passes ---------------------------------------------------------------------------------
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

    @property
    def error_csv(self) -> bytes:
        if self.error_stream is None:
            return b""
        self.error_stream.seek(0)
        return self.error_stream.read()


def sheet_note(sheet: Sheet) -> str:
    """Which sheet of a workbook of several was read, in words for the manager; '' otherwise."""
    if sheet.sheet_count <= 1:
        return ""
    if sheet.sheet_number == 1:
        return _("读取的是第 1 个工作表“%(name)s”（共 %(count)s 个工作表）。") % {
            "name": sheet.sheet_name,
            "count": sheet.sheet_count,
        }
    return _("读取的是第 %(number)s 个工作表“%(name)s”（共 %(count)s 个）：前面的工作表没有订单号表头，已跳过。") % {
        "number": sheet.sheet_number,
        "name": sheet.sheet_name,
        "count": sheet.sheet_count,
    }


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
            raise ImportRefused(
                _("文件超过 %(limit)s 行上限。请按时间分成几个文件导出后分别导入。") % {"limit": f"{limit:,}"}
            )
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


def _write_batch(shop_id: int, rows: list[dict]) -> tuple[int, int, int, list[int]]:
    """Upsert one batch (inside the caller's transaction). Returns created, updated, unchanged, ids."""
    latest: dict[str, dict] = {}
    for row in rows:
        latest[row["order_no"]] = row  # PostgreSQL refuses to update one row twice in one statement
    new, changed, unchanged, existing = classify(shop_id, list(latest.values()), lock=True)
    to_write = new + changed
    if not to_write:
        return 0, 0, len(unchanged), []
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            # The writes below are short; compiling them with JIT costs more than it saves. (Not
            # for a batch with nothing to write: a re-import then saves a round trip per batch.)
            cursor.execute("SET LOCAL jit = off")
    for row in new:
        if "digest" not in row:
            row["digest"] = row_digest(row)
    buyers_resolve(shop_id=shop_id, rows=to_write)
    now = timezone.now()
    if connection.vendor == "postgresql":
        ids = _upsert_orders_postgresql(shop_id, to_write, now)
        buyers_link(shop_id=shop_id, rows=to_write)
        created = sum(1 for row in new if row["order_no"] not in existing)
        return created, len(to_write) - created, len(unchanged), ids
    orders = [
        Order(
            shop_id=shop_id,
            order_no=row["order_no"],
            buyer_id=row["buyer_id_resolved"],
            import_digest=row["digest"],
            created_at=now,
            updated_at=now,
            **{name: row[name] for name in WRITTEN_FIELDS},
        )
        for row in to_write
    ]
    Order.objects.bulk_create(
        orders,
        update_conflicts=True,
        unique_fields=["shop", "order_no"],
        update_fields=[*WRITTEN_FIELDS, "buyer", "import_digest", "updated_at"],
    )
    ids = [order.pk for order in orders if order.pk is not None]
    if len(ids) < len(orders):  # backends that do not return ids from an upsert
        ids = list(
            Order.objects.filter(shop_id=shop_id, order_no__in=[o.order_no for o in orders]).values_list(
                "pk", flat=True
            )
        )
    buyers_link(shop_id=shop_id, rows=to_write)
    created = sum(1 for row in new if row["order_no"] not in existing)
    return created, len(to_write) - created, len(unchanged), ids


def _order_columns() -> tuple[list[str], list[str], list]:
    """(columns the import writes, the other columns, their model defaults) of reviews_order."""
    written = ["shop_id", "order_no", "buyer_id", "import_digest", "created_at", "updated_at", *WRITTEN_FIELDS]
    others, defaults = other_columns(Order, set(written))
    return [Order._meta.get_field(name).column for name in written], others, defaults


def _upsert_orders_postgresql(shop_id: int, rows: list[dict], now: datetime) -> list[int]:
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


def _refresh_statistics(*, during: bool = False) -> None:
    """ANALYZE the tables an import grows. ``during`` the import only the columns its per-batch
    lookups filter on (a third of the cost of every column); the whole tables at the end."""
    if connection.vendor == "postgresql":
        orders, buyers = Order._meta.db_table, Buyer._meta.db_table
        if during:
            orders += " (shop_id, order_no, buyer_id, phone_key, address_key)"
            buyers += " (shop_id, key_kind, key)"
        with connection.cursor() as cursor:
            cursor.execute(f"ANALYZE {orders}, {buyers}")


def _commit_batch(shop_id: int, rows: list[dict], batch_id: int | None, done: int, rejected: int):
    """Write one batch and advance the ImportBatch's counts in the same transaction."""
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


@collector_paused()
def import_run(
    *,
    path: Path | str,
    shop_id: int,
    superseded_lines: list[int] | None = None,
    batch_id: int | None = None,
    resume_from: int = 0,
    progress: Callable[[int, int], None] | None = None,
) -> RunResult:
    """Upsert every good row of the file, batch by batch, each batch in its own transaction.

    With ``batch_id`` the batch's counts and ``rows_done`` are advanced in the same transaction
    as the rows themselves, and ``resume_from`` (the stored ``rows_done``) skips what a killed
    run already committed. Rescoring of the touched orders is enqueued after each commit.
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
            for attempt in range(DEADLOCK_RETRIES + 1):
                try:
                    created, updated, unchanged, ids = _commit_batch(shop_id, rows, batch_id, done, bad_count)
                    break
                except OperationalError as exc:
                    # Two imports touching the same buyers may deadlock; PostgreSQL rolls one
                    # batch back whole, so running it again is safe.
                    if "deadlock" not in str(exc) or attempt == DEADLOCK_RETRIES:
                        raise
                    sleep(0.05 * (attempt + 1))
            result.created += created
            result.updated += updated
            result.unchanged += unchanged
            result.rejected += bad_count
            result.written += len(ids)
            written_ids += ids
            reset_queries()
            if result.written >= max(ANALYZE_FIRST, 4 * analyzed):
                _refresh_statistics(during=True)
                analyzed = result.written
            if progress:
                progress(done, max(sheet.total_rows, done))
    finally:
        batches.close()  # stops the read-ahead thread before its file is closed
        sheet.close()
    if result.written - analyzed >= ANALYZE_FIRST:
        _refresh_statistics()  # so the next import of this shop plans with today's numbers
    result.order_ids = sorted(set(written_ids))
    return result


# -- ImportBatch life cycle ---------------------------------------------------------------------
def import_batch_create(*, shop: Shop, user, upload, file_name: str | None = None, start: bool = True) -> ImportBatch:
    """Store an uploaded file under a random name with its size and SHA-256, then queue its dry run
    (``start=False``: the caller runs ``import_batch_check`` itself).

    Raises ``ImportRefused`` when the file is over the size limit (before storing it).
    """
    size = upload.size
    if size > max_bytes():
        raise ImportRefused(
            _("文件大小 %(size)s MB 超过上限 %(limit)s MB。请按时间分成几个文件导出后分别导入。")
            % {"size": round(size / 1048576, 1), "limit": max_bytes() // 1048576}
        )
    if size == 0:
        raise ImportRefused(_("文件是空的，没有任何内容。请重新从平台后台导出订单。"))
    digest = hashlib.sha256()
    for chunk in upload.chunks():
        digest.update(chunk)
    upload.seek(0)
    name = (file_name or Path(upload.name).name)[:255]
    with transaction.atomic():
        batch = ImportBatch(shop=shop, created_by=user, file_name=name, size=size, checksum=digest.hexdigest())
        batch.file.save(name, upload, save=False)
        batch.save()
        if start:
            enqueue("imports", jobs.import_check_job, batch.pk, job_id=f"import_check-{batch.pk}")
    return batch


def import_batch_check(*, batch: ImportBatch, on_progress: Callable[[int, int], None] | None = None) -> ImportBatch:
    """Run the dry run for a stored batch and record its outcome (checked or refused)."""
    batch.started_at = timezone.now()
    ImportBatch.objects.filter(pk=batch.pk).update(status=ImportBatch.Status.CHECKING, rows_done=0)

    def progress(done: int, total: int) -> None:
        ImportBatch.objects.filter(pk=batch.pk).update(rows_done=done, total_rows=total)
        if on_progress:
            on_progress(done, total)

    try:
        result = import_check(path=batch.file.path, shop_id=batch.shop_id, progress=progress)
    except ImportRefused as refused:
        batch.status = ImportBatch.Status.REFUSED
        batch.message = refused.message
        batch.finished_at = timezone.now()
        batch.save(update_fields=["status", "message", "finished_at"])
        return batch
    batch.refresh_from_db()
    batch.started_at = None  # the import's own clock starts at confirmation
    batch.status = ImportBatch.Status.CHECKED
    batch.platform = result.platform
    batch.file_format = result.file_format
    batch.encoding = result.encoding
    batch.total_rows = result.total_rows
    batch.rows_done = 0
    batch.check_created, batch.check_updated, batch.check_unchanged = result.created, result.updated, result.unchanged
    batch.rejected_count = result.rejected
    batch.duplicate_count = result.duplicates
    batch.errors = result.errors
    batch.superseded_lines = result.superseded_lines
    batch.message = result.sheet_note
    if result.error_stream is not None:
        result.error_stream.seek(0)
        batch.error_file.save("rejected.csv", File(result.error_stream), save=False)
        result.error_stream.close()
    batch.save()
    return batch


def import_batch_confirm(*, batch: ImportBatch, user) -> ImportBatch:
    """The manager confirmed the dry run: queue the import job."""
    with transaction.atomic():
        locked = ImportBatch.objects.select_for_update().get(pk=batch.pk)
        if locked.status != ImportBatch.Status.CHECKED:
            return locked
        locked.status = ImportBatch.Status.QUEUED
        locked.rows_done = 0
        locked.save(update_fields=["status", "rows_done"])
        enqueue("imports", jobs.import_run_job, locked.pk, job_id=f"import_run-{locked.pk}")
    return locked


# Two runs of one batch at once (a work horse that outlived its killed worker, and RQ's retry of
# the "abandoned" job) would both resume from the same row and count it twice. A PostgreSQL
# session lock per batch lets only one run; it is released when its process dies.
RUN_LOCK_CLASS = 0x53484944  # "SHID"


@contextmanager
def _single_run(batch_id: int):
    if connection.vendor != "postgresql":
        yield True
        return
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_try_advisory_lock(%s, %s)", [RUN_LOCK_CLASS, batch_id])
        acquired = cursor.fetchone()[0]
    try:
        yield acquired
    finally:
        if acquired:
            try:
                with connection.cursor() as cursor:
                    cursor.execute("SELECT pg_advisory_unlock(%s, %s)", [RUN_LOCK_CLASS, batch_id])
            except DatabaseError:
                pass  # the connection is gone, and its lock with it


def import_batch_run(*, batch_id: int, on_progress: Callable[[int, int], None] | None = None) -> ImportBatch:
    """Import a confirmed batch; safe to run again after a crash (resumes with exact counts).

    If another run of the same batch is still alive, this one leaves it to finish.
    """
    with _single_run(batch_id) as alone:
        if not alone:
            logger.warning("import batch %s is already being imported by another process", batch_id)
            return ImportBatch.objects.get(pk=batch_id)
        return _import_batch_run(batch_id=batch_id, on_progress=on_progress)


def _import_batch_run(*, batch_id: int, on_progress: Callable[[int, int], None] | None = None) -> ImportBatch:
    batch = ImportBatch.objects.get(pk=batch_id)
    if batch.status not in (ImportBatch.Status.QUEUED, ImportBatch.Status.RUNNING, ImportBatch.Status.FAILED):
        return batch
    if batch.status == ImportBatch.Status.QUEUED:
        # A fresh run: the dry run's rejected count is recounted by the writer.
        batch.rows_done = batch.created_count = batch.updated_count = batch.unchanged_count = batch.rejected_count = 0
    if batch.status == ImportBatch.Status.FAILED:
        batch.message = ""
    batch.status = ImportBatch.Status.RUNNING
    batch.started_at = batch.started_at or timezone.now()
    batch.save()
    if _sha256(Path(batch.file.path)) != batch.checksum:
        return _fail(batch, _("上传的文件在检查之后被改动过（校验和不一致），请重新上传。"))
    resumed = batch.rows_done > 0
    try:
        run = import_run(
            path=batch.file.path,
            shop_id=batch.shop_id,
            superseded_lines=batch.superseded_lines,
            batch_id=batch.pk,
            resume_from=batch.rows_done,
            progress=on_progress,
        )
    except ImportRefused as refused:
        return _fail(batch, refused.message)
    except Exception:
        logger.exception("import batch %s failed", batch.pk)
        _fail(batch, _("导入时出错，已导入的部分不会重复；请稍后重新运行。"))
        raise
    try:
        # The new orders change what is normal for their SKUs: screening and the check API should
        # find the new baselines cached.
        sku_normals_warm(batch.shop_id)
    except Exception:
        logger.exception("SKU baselines of shop %s not cached after import %s", batch.shop_id, batch.pk)
    order_ids = run.order_ids
    if resumed:
        # A killed run wrote its first batches before this run began: they are screened too.
        touched = Order.objects.filter(shop_id=batch.shop_id, updated_at__gte=batch.started_at)
        order_ids = sorted(set(order_ids) | set(touched.values_list("pk", flat=True)))
    if order_ids:
        # Screened with the whole file's knowledge: a burst that only shows at its end, or a
        # buyer's refunds further down, flags the file's earlier orders too.
        enqueue("scoring", jobs.orders_screen, batch.shop_id, order_ids)
    batch.refresh_from_db()
    batch.status = ImportBatch.Status.DONE
    batch.finished_at = timezone.now()
    batch.message = run.sheet_note  # the run's own failure message (a retry) is gone
    batch.save(update_fields=["status", "finished_at", "message"])
    return batch


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        while chunk := handle.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()


def _fail(batch: ImportBatch, message: str) -> ImportBatch:
    ImportBatch.objects.filter(pk=batch.pk).update(
        status=ImportBatch.Status.FAILED, message=message, finished_at=timezone.now()
    )
    batch.refresh_from_db()
    return batch


def orders_import_rows(
    *, shop: Shop, rows: list[dict[str, str]], file_name: str = "demo.csv", user=None
) -> ImportBatch:
    """Import rows shaped like an export (header → value) through the full check + write path.

    Used by ``seed_demo``: the rows become an in-memory CSV, stored and imported like an upload.
    """
    headers = [h for h in rows[0] if not h.startswith("_")] if rows else []
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(headers)
    for row in rows:
        writer.writerow([row.get(h, "") for h in headers])
    content = ContentFile(buffer.getvalue().encode("utf-8"), name=file_name)
    batch = import_batch_create(shop=shop, user=user, upload=content, file_name=file_name, start=False)
    batch = import_batch_check(batch=batch)
    if batch.status == ImportBatch.Status.CHECKED:
        ImportBatch.objects.filter(pk=batch.pk).update(status=ImportBatch.Status.QUEUED)
        batch = import_batch_run(batch_id=batch.pk)
    return batch
