"""HTML tables saved as .xls: Pinduoduo's and many back-offices' "Excel" exports are a web page
with one ``<table>``. Read with Python's own ``html.parser``, streaming, one ``<tr>`` per line."""

import codecs
import re
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path

from django.utils.translation import gettext as _

from reviews.services.importing.sheet import (
    ImportRefused,
    Sheet,
    header_in,
    make_sheet,
    non_empty,
    refuse_no_header,
    refuse_rows,
)
from reviews.services.importing.text_files import ACCEPTED_ENCODINGS, detect_encoding, scan_text
from shieldsite.ids import parse_id

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
            span = parse_id(dict(attrs).get("colspan"))
            self.span = min(span, 1000) if span else 1
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

    def finish(self) -> None:
        self.close()
        self._end_row()  # a last row the page never closed

    def take(self) -> list[list[str]]:
        rows, self.done = self.done, []
        return rows


def html_encoding(sample: bytes) -> str:
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
    return detect_encoding(sample)


def open_html(path: Path, sample: bytes) -> Sheet:
    """An HTML table saved as .xls: read like a CSV, one ``<tr>`` per line (as Excel numbers them)."""
    encoding, rows_count, has_nul = scan_text(path, html_encoding(sample), token="<tr")
    refuse_rows(rows_count)
    handle = open(path, encoding=encoding, errors="strict")  # noqa: SIM115 - closed by Sheet.close
    parser = _HtmlRows()

    def numbered() -> Iterator[tuple[int, list]]:
        line = 0
        while True:
            chunk = handle.read(1 << 16)
            if chunk:
                parser.feed(chunk)
            else:
                parser.finish()
            for values in parser.take():
                line += 1
                yield line, values
            if not chunk:
                return

    rows = non_empty(numbered())
    found, seen = header_in(rows)
    if found is None:
        handle.close()
        if not parser.tables:
            raise ImportRefused(
                _("这是网页（HTML）文件，只是扩展名像表格。请用 Excel 或 WPS 打开后另存为 .xlsx 或 CSV 再上传。")
            )
        refuse_no_header(seen)
    header_line, headers = found
    sheet = make_sheet("html", encoding, headers, max(0, rows_count - header_line), rows, [handle.close])
    sheet.has_nul = has_nul
    return sheet
