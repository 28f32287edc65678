"""Opening an order file: its size checked and its content sniffed before any parser sees it,
then read by the reader for what it really is (CSV text, an HTML table saved as .xls, XLSX)."""

import codecs
from pathlib import Path

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from reviews.services.importing.html_tables import open_html
from reviews.services.importing.sheet import ImportRefused, Sheet, refuse_empty, refuse_size
from reviews.services.importing.text_files import open_csv, utf16_without_bom
from reviews.services.importing.workbooks import open_xlsx

SNIFF_BYTES = 1 << 20
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
        refuse_empty()
    if head.startswith(b"PK\x03\x04"):
        return "xlsx"
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        raise ImportRefused(_("这是旧版 Excel（.xls）文件。请在 Excel 或 WPS 中另存为 .xlsx 或 CSV 后再上传。"))
    for magic, kind in MAGIC:
        if head.startswith(magic):
            raise ImportRefused(
                _("这不是订单表格，看起来是%(kind)s。请上传平台导出的 CSV 或 XLSX 文件。") % {"kind": kind}
            )
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) or utf16_without_bom(head):
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


def open_sheet(path: Path | str) -> Sheet:
    """Open a stored order file, detecting format, encoding and delimiter; refuse bad files."""
    path = Path(path)
    refuse_size(path.stat().st_size)
    with open(path, "rb") as handle:
        sample = handle.read(SNIFF_BYTES)
    kind = _sniff_kind(sample[:4096])
    if kind == "xlsx":
        return open_xlsx(path)
    if kind == "html":
        return open_html(path, sample)
    return open_csv(path, sample)
