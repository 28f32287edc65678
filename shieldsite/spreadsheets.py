"""Spreadsheet safety shared by every import and export (blacklist, orders, reports).

- ``escape_formula``: a cell that starts with ``= + - @``, a tab or a carriage return is
  run as a formula by Excel/WPS ("CSV injection"); prefixing an apostrophe makes it text.
  django-import-export's own setting only strips a leading ``=``.
- ``read_upload``: checks size and sniffs the content before any parser sees the bytes, so an
  image or a binary renamed ``.csv`` is refused with a clear message; CSV text is decoded
  as UTF-8 (with or without BOM) or, failing that, as detected by charset-normalizer
  (GBK/GB18030 from Excel on Chinese Windows, mostly).
"""

from dataclasses import dataclass

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


def load_dataset(upload: Upload) -> tablib.Dataset:
    """The upload as a ``tablib.Dataset`` (first row = headers)."""
    try:
        if upload.kind == "xlsx":
            return tablib.Dataset().load(upload.data, format="xlsx")
        return tablib.Dataset().load(upload.text, format="csv")
    except Exception as exc:  # tablib/openpyxl raise many types for a broken file
        raise ValidationError(_("无法读取文件：%(error)s") % {"error": exc}) from None
