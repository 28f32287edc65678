"""Spreadsheet safety shared by every import and export (blacklist, orders, reports).

- ``escape_formula``: a cell that starts with ``= + - @``, a tab or a carriage return is
  run as a formula by Excel/WPS ("CSV injection"); prefixing an apostrophe makes it text.
  django-import-export's own setting only strips a leading ``=``.
- ``read_upload``: checks size and sniffs the content before any parser sees the bytes, so an
  image or a binary renamed ``.csv`` is refused with a clear message; CSV text is decoded
  as UTF-8 (with or without BOM) or, failing that, as detected by charset-normalizer
  (GBK/GB18030 from Excel on Chinese Windows, mostly).
- ``refuse_zip_bomb``: every XLSX Shield reads (blacklist, orders) goes through it before a parser
  opens it; an XLSX is a ZIP, and a 1 MB one can hold millions of rows.
- ``load_dataset``: streams the rows and stops at the row limit, so a file of 3,000,000 rows costs
  no more than one of 5,001.
"""

import csv
import io
import re
import zipfile
import zlib
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import tablib
from charset_normalizer import from_bytes
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")

# Magic numbers of files people upload by mistake (screenshots, PDFs, old .xls, archives).
_BINARY_SIGNATURES = {
    b"\x89PNG": "PNG",
    b"\xff\xd8\xff": "JPEG",
    b"GIF8": "GIF",
    b"RIFF": "WEBP",
    b"BM": "BMP",
    b"%PDF": "PDF",
    b"\xd0\xcf\x11\xe0": _("旧版 Excel（.xls）"),
    b"Rar!": "RAR",
    b"7z\xbc\xaf": "7z",
    b"\x1f\x8b": "gzip",
}
_ZIP = b"PK\x03\x04"
TEXT_ENCODINGS = ["utf_8", "gb18030", "big5", "utf_16"]


def escape_formula(value):
    """The cell value, made inert if a spreadsheet would run it as a formula (``None`` → "")."""
    if value is None:
        return ""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def escape_dataset(dataset: tablib.Dataset) -> tablib.Dataset:
    """A copy of ``dataset`` with every cell (headers included) passed through ``escape_formula``."""
    escaped = tablib.Dataset(headers=[escape_formula(h) for h in dataset.headers or []])
    for row in dataset:
        escaped.append([escape_formula(cell) for cell in row])
    return escaped


@dataclass(frozen=True)
class Upload:
    """A sniffed upload: ``kind`` is ``"csv"`` (``text`` set) or ``"xlsx"`` (``data`` set)."""

    kind: str
    name: str
    data: bytes
    text: str = ""
    encoding: str = ""


def _binary_name(head: bytes) -> str:
    for signature, label in _BINARY_SIGNATURES.items():
        if head.startswith(signature):
            return str(label)
    return ""


def decode_text(data: bytes) -> tuple[str, str]:
    """``(text, encoding)`` of CSV bytes; raises ``ValidationError`` when it is not text."""
    try:
        return data.decode("utf-8-sig"), "utf-8"
    except UnicodeDecodeError:
        pass
    best = from_bytes(data, cp_isolation=TEXT_ENCODINGS).best()
    if best is None:
        raise ValidationError(_("无法识别文件编码，请另存为 UTF-8 或 GBK 编码的 CSV。"))
    return str(best), best.encoding


def read_upload(uploaded, *, max_bytes: int) -> Upload:
    """Read an uploaded CSV/XLSX after checking its size and its actual content.

    Raises ``ValidationError`` with a message for a person when the file is empty, too
    large, of another type than its name says, or not text at all.
    """
    name = uploaded.name or ""
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if uploaded.size is not None and uploaded.size > max_bytes:
        raise ValidationError(
            _("文件太大（%(size)s KB），上限为 %(limit)s KB。")
            % {"size": uploaded.size // 1024, "limit": max_bytes // 1024}
        )
    data = uploaded.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise ValidationError(_("文件太大，上限为 %(limit)s KB。") % {"limit": max_bytes // 1024})
    if not data.strip():
        raise ValidationError(_("文件是空的。"))
    head = data[:16]
    binary = _binary_name(head)
    if binary:
        raise ValidationError(
            _("“%(name)s”实际上是 %(type)s 文件，不是表格。请上传 CSV 或 XLSX。") % {"name": name, "type": binary}
        )
    if extension == "xlsx" or head.startswith(_ZIP):
        if not head.startswith(_ZIP):
            raise ValidationError(_("“%(name)s”不是有效的 XLSX 文件。") % {"name": name})
        return Upload(kind="xlsx", name=name, data=data)
    if extension not in ("csv", "txt", ""):
        raise ValidationError(_("不支持的文件类型“.%(ext)s”，请上传 CSV 或 XLSX。") % {"ext": extension})
    if b"\x00" in data[:8192] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise ValidationError(_("“%(name)s”不是文本文件，不能作为 CSV 导入。") % {"name": name})
    text, encoding = decode_text(data)
    return Upload(kind="csv", name=name, data=data, text=text, encoding=encoding)


# An XLSX that unzips to more than this many times its packed size is no real export (a zip bomb);
# below the floor the ratio is not judged (small, repetitive sheets pack very well).
XLSX_MAX_RATIO = 100
XLSX_RATIO_FLOOR = 50 * 1024 * 1024
# A header wider than this is refused: every row is read as wide as its header.
MAX_COLUMNS = 200


def invalid_xlsx_message() -> str:
    return _("这不是有效的 XLSX 文件（文件已损坏，或是改了扩展名的压缩包）。")


def refuse_zip_bomb(source: bytes | Path, *, max_expanded: int) -> int:
    """The unzipped size of an XLSX, read from its ZIP directory alone (nothing is unpacked).

    Raises ``ValidationError`` when it is not a ZIP, when it would unzip to more than
    ``max_expanded`` bytes, or when it or one of its members unzips to more than
    ``XLSX_MAX_RATIO`` times its packed size. The sizes the directory declares hold: Python's
    zipfile (openpyxl) and calamine both stop at a member that unzips to more than it declared.
    """
    try:
        if isinstance(source, bytes):
            size, archive = len(source), zipfile.ZipFile(io.BytesIO(source))
        else:
            size, archive = Path(source).stat().st_size, zipfile.ZipFile(source)
        with archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise ValidationError(invalid_xlsx_message()) from exc
    expanded = sum(member.file_size for member in members)
    megabytes = f"{expanded / 1048576:,.0f}"
    if expanded > max_expanded:
        raise ValidationError(
            _("这个 XLSX 解压后有 %(mb)s MB，超过 %(limit)s MB 的上限，不像正常的表格（疑似压缩炸弹），已拒绝。")
            % {"mb": megabytes, "limit": f"{max_expanded / 1048576:,.0f}"}
        )
    ratios = [expanded / max(size, 1)] if expanded > XLSX_RATIO_FLOOR else []
    # Judged member by member too: an incompressible extra member must not hide a bomb beside it.
    ratios += [m.file_size / max(m.compress_size, 1) for m in members if m.file_size > XLSX_RATIO_FLOOR]
    if max(ratios, default=0) > XLSX_MAX_RATIO:
        raise ValidationError(
            _("这个 XLSX 解压后有 %(mb)s MB，是压缩后大小的 %(ratio)s 倍，不像正常的表格（疑似压缩炸弹），已拒绝。")
            % {"mb": megabytes, "ratio": f"{max(ratios):,.0f}"}
        )
    return expanded


def _too_many_rows(max_rows: int) -> ValidationError:
    return ValidationError(
        _("文件超过 %(max)s 行（不含表头），一次最多导入 %(max)s 行。请拆分成几个文件后分别导入。")
        % {"max": f"{max_rows:,}"}
    )


# A row element, with or without a namespace prefix (<row …>, <x:row>, <row/>); never <rowBreaks>.
# Inside text a "<" is escaped, so only real elements match.
_ROW_TAG = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?row[\s/>]")


def xml_windows(archive: zipfile.ZipFile, member: zipfile.ZipInfo | str) -> Iterator[bytes]:
    """An XLSX member's unzipped bytes in windows of about a megabyte, each cut before its last "<":
    no tag is split between two windows, so a window can be searched for tags on its own."""
    tail = b""
    with archive.open(member) as unzipped:
        while chunk := unzipped.read(1 << 20):
            window = tail + chunk
            cut = window.rfind(b"<")
            cut = len(window) if cut < 0 else cut
            yield window[:cut]
            tail = window[cut:]
    if tail:
        yield tail


def _refuse_row_bomb(data: bytes, *, max_rows: int) -> None:
    """Refuse an XLSX with a sheet of more than ``max_rows`` rows (and a header) before openpyxl opens
    it: counted in the unzipped bytes, unparsed. openpyxl parses every sheet that lacks a
    ``<dimension>`` whole on opening, and 3,000,000 ``<row/>`` zip into a few KB."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            for member in archive.infolist():
                count = 0
                for window in xml_windows(archive, member):
                    count += len(_ROW_TAG.findall(window))
                    if count > max_rows + 1:
                        raise _too_many_rows(max_rows)
    except (zipfile.BadZipFile, OSError, ValueError, NotImplementedError, EOFError, zlib.error) as exc:
        raise ValidationError(invalid_xlsx_message()) from exc


def _csv_rows(text: str) -> Iterator[list]:
    yield from csv.reader(io.StringIO(text), delimiter=",")


def _xlsx_rows(data: bytes) -> Iterator[Sequence]:
    """The active sheet's header row, then its rows cut to the header's width, streamed by openpyxl."""
    import openpyxl

    workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    try:
        sheet = workbook.active
        # The <dimension> a file declares would pad every row to its width and add empty rows up
        # to its height: read only the rows and cells that are really there.
        sheet.reset_dimensions()
        header = list(next(sheet.iter_rows(max_row=1, values_only=True), ()))
        while header and header[-1] in (None, ""):
            header.pop()
        yield header
        if header and len(header) <= MAX_COLUMNS:
            yield from sheet.iter_rows(min_row=2, max_col=len(header), values_only=True)
    finally:
        workbook.close()


def _dataset(rows: Iterator[Sequence], *, max_rows: int) -> tablib.Dataset:
    """Header and rows as a ``tablib.Dataset``; refused at the first row past ``max_rows``."""
    headers = list(next(rows, []))
    if len(headers) > MAX_COLUMNS:
        raise ValidationError(
            _("表头有 %(count)s 列，超过 %(max)s 列的上限。请删除多余的列后再上传。")
            % {"count": f"{len(headers):,}", "max": MAX_COLUMNS}
        )
    dataset = tablib.Dataset(headers=headers)
    width = len(headers)
    for row in rows:
        if not row:
            continue  # a blank CSV line, skipped as tablib's own reader does
        if len(dataset) == max_rows:
            raise _too_many_rows(max_rows)
        row = list(row)
        dataset.append(row + [""] * (width - len(row)) if len(row) < width else row)
    return dataset


def load_dataset(upload: Upload, *, max_rows: int, max_expanded: int) -> tablib.Dataset:
    """The upload as a ``tablib.Dataset`` (first row = headers), streamed row by row.

    An XLSX is checked by ``refuse_zip_bomb`` (``max_expanded``) before it is opened; a file of
    more than ``max_rows`` rows is refused at the row past the limit, never read whole.
    """
    if upload.kind == "xlsx":
        refuse_zip_bomb(upload.data, max_expanded=max_expanded)
        _refuse_row_bomb(upload.data, max_rows=max_rows)
    rows = _xlsx_rows(upload.data) if upload.kind == "xlsx" else _csv_rows(upload.text)
    try:
        return _dataset(rows, max_rows=max_rows)
    except ValidationError:
        raise
    except Exception as exc:  # tablib/openpyxl raise many types for a broken file
        raise ValidationError(_("无法读取文件：%(error)s") % {"error": exc}) from None
    finally:
        rows.close()
