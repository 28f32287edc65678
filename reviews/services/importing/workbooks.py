"""XLSX order files: the first sheet whose header names an order-number column (a cover or
summary sheet before it is passed over), read by calamine or, for big files, openpyxl."""

import re
import zipfile
from collections.abc import Iterator
from datetime import date, datetime, time
from pathlib import Path

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from reviews.services.importing.sheet import (
    ImportRefused,
    Sheet,
    header_in,
    make_sheet,
    max_bytes,
    non_empty,
    refuse_no_header,
    refuse_rows,
)
from shieldsite.spreadsheets import invalid_xlsx_message, refuse_zip_bomb, xml_windows


class ExcelNumber(str):
    """The text of a numeric XLSX cell of 16 digits or more: Excel keeps only 15 significant
    digits of a number, so the rest are zeros or float noise (an order number so stored is lost)."""


def cell_text(value) -> str | datetime:
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


# Up to this size an XLSX is read by calamine (Rust, ~20× faster than openpyxl, but it holds the
# sheet in memory: ~15× the file size); larger ones stream through openpyxl in constant memory.
CALAMINE_MAX_BYTES = 20 * 1024 * 1024
# calamine holds a sheet as a dense grid up to its furthest cell (~31 bytes a cell, whatever the
# sheet's <dimension> says): a 615-byte sheet with cells at A1 and ZZ200000 took 4.3 GB. A file
# of this size with real data never spans more than this many cells.
CALAMINE_MAX_CELLS = 30_000_000
_ROW_NUMBER = re.compile(rb'<row r="(\d+)"')
_WIDE_COLUMN = re.compile(rb'<c r="([A-Z]{2,3})\d')


def _column_number(letters: bytes) -> int:
    number = 0
    for letter in letters:
        number = number * 26 + letter - 64
    return number


def sheet_grid_cells(path: Path) -> int:
    """Rows × columns up to the furthest cell of the workbook's largest sheet, read from the sheets'
    XML without parsing it (two scans in C over the bytes; the zip-bomb check has bounded them)."""
    largest = 0
    with zipfile.ZipFile(path) as archive:
        for name in archive.namelist():
            if not (name.startswith("xl/worksheets/") and name.endswith(".xml")):
                continue
            rows, columns = 0, 26
            for window in xml_windows(archive, name):
                rows = max([rows, *map(int, _ROW_NUMBER.findall(window))])
                columns = max([columns, *map(_column_number, set(_WIDE_COLUMN.findall(window)))])
            largest = max(largest, rows * columns)
    return largest


def open_xlsx(path: Path) -> Sheet:
    try:
        # The check every XLSX Shield reads goes through: a zip bomb is refused before it is opened.
        refuse_zip_bomb(path, max_expanded=10 * max_bytes())
    except ValidationError as exc:
        raise ImportRefused(exc.messages[0]) from exc
    if path.stat().st_size <= CALAMINE_MAX_BYTES:
        try:
            cells = sheet_grid_cells(path)
        except (zipfile.BadZipFile, OSError, ValueError) as exc:
            raise ImportRefused(invalid_xlsx_message()) from exc
        if cells > CALAMINE_MAX_CELLS:
            raise ImportRefused(
                _("表格范围（约 %(cells)s 个单元格）远超其中的数据，疑似异常文件。请用 Excel 另存为新文件后再上传。")
                % {"cells": f"{cells:,}"}
            )
        return _open_xlsx_calamine(path)
    return _open_xlsx_openpyxl(path)


def _open_xlsx_calamine(path: Path) -> Sheet:
    from python_calamine import CalamineError, CalamineWorkbook

    invalid = invalid_xlsx_message()
    try:
        workbook = CalamineWorkbook.from_path(str(path))
        names = list(workbook.sheet_names)
    except (CalamineError, OSError, ValueError) as exc:
        raise ImportRefused(invalid) from exc

    def numbered(sheet) -> Iterator[tuple[int, list]]:
        for line, values in enumerate(sheet.iter_rows(), start=1):
            # Most cells are text: only the others go through cell_text (2M calls per 100k rows).
            yield line, [v if v.__class__ is str else cell_text(v) for v in values]

    def sheets() -> Iterator[tuple[int, str, int, Iterator]]:
        for index, name in enumerate(names):
            try:
                sheet = workbook.get_sheet_by_index(index)
            except (CalamineError, OSError, ValueError, IndexError) as exc:
                if len(names) == 1:
                    raise ImportRefused(invalid) from exc
                continue  # a chart sheet or a damaged cover: the orders may be on the next one
            yield index + 1, name, sheet.height, non_empty(numbered(sheet))

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
        raise ImportRefused(invalid_xlsx_message()) from exc

    def numbered(sheet) -> Iterator[tuple[int, list]]:
        for line, values in enumerate(sheet.iter_rows(values_only=True), start=1):
            yield line, [cell_text(v) for v in values]

    def sheets() -> Iterator[tuple[int, str, int, Iterator]]:
        for number, sheet in enumerate(workbook.worksheets, start=1):
            yield number, sheet.title, sheet.max_row or 0, non_empty(numbered(sheet))

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
        found, rows_seen = header_in(rows)
        seen = seen or rows_seen
        if found is None:
            continue
        refuse_rows(total)
        header_line, headers = found
        sheet = make_sheet("xlsx", "", headers, max(0, total - header_line), rows, closers)
        sheet.sheet_name, sheet.sheet_number, sheet.sheet_count = name, number, count
        return sheet
    refuse_no_header(seen)
