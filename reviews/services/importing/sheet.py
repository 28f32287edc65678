"""An opened order file (``Sheet``), the file-level refusals, and finding its header row.

Every reader (``text_files``, ``html_tables``, ``workbooks``) turns a file into the same ``Sheet``:
its header mapped to canonical fields by ``platforms``, and a stream of (line, values) rows.
"""

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from django.conf import settings
from django.utils.translation import gettext as _

from reviews.services.importing.platforms import IGNORED_HEADERS, header_key, is_order_no_header, map_headers


class ImportRefused(Exception):
    """The whole file is refused (nothing is written); ``message`` says why, in Chinese."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


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


def refuse_size(size: int) -> None:
    """Refuse a file over the upload size limit (or an empty one)."""
    if size > max_bytes():
        raise ImportRefused(
            _("文件大小 %(size)s MB 超过上限 %(limit)s MB。请按时间分成几个文件导出后分别导入。")
            % {"size": round(size / 1048576, 1), "limit": max_bytes() // 1048576}
        )
    if size == 0:
        refuse_empty()


def refuse_empty() -> None:
    raise ImportRefused(_("文件是空的，没有任何内容。请重新从平台后台导出订单。"))


def refuse_rows(total: int, *, slack: int = 20) -> None:
    """Refuse a file over the row limit (``slack``: title and blank lines counted before parsing)."""
    if total > max_rows() + slack:
        raise ImportRefused(
            _("文件超过 %(limit)s 行上限。请按时间分成几个文件导出后分别导入。") % {"limit": f"{max_rows():,}"}
        )


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


# -- the header row -----------------------------------------------------------------------------
def header_in(rows: Iterator[tuple[int, list]]) -> tuple[tuple[int, list[str]] | None, bool]:
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


def refuse_no_header(seen: bool) -> None:
    if not seen:
        refuse_empty()
    raise ImportRefused(
        _("找不到订单号列。表头中需要有“订单号”（拼多多）、“订单编号”（淘宝）、“子订单编号”（抖店）或 order_no 之一。")
    )


def find_header(rows: Iterator[tuple[int, list]]) -> tuple[int, list[str]]:
    """The first of the first ten non-empty rows that names an order-number column."""
    found, seen = header_in(rows)
    if found is None:
        refuse_no_header(seen)
    return found


def non_empty(rows) -> Iterator[tuple[int, list]]:
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


def make_sheet(file_format, encoding, headers, total, rows, closers) -> Sheet:
    """The ``Sheet`` of a file whose header row was found: columns mapped for its platform."""
    platform, mapping, extra = map_headers(headers)
    _refuse_duplicate_headers(headers, mapping)
    extra = {i: h for i, h in extra.items() if header_key(h) not in IGNORED_HEADERS}
    return Sheet(file_format, encoding, platform, headers, mapping, extra, total, rows, closers)
