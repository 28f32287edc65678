"""Text order files: CSV (or tab/semicolon separated) in UTF-8, GBK/GB18030, Big5 or UTF-16,
and the encoding detection and whole-file scan the HTML reader shares."""

import codecs
import csv
from collections.abc import Iterator
from pathlib import Path

from django.utils.translation import gettext as _

from reviews.services.importing.sheet import ImportRefused, Sheet, find_header, make_sheet, non_empty, refuse_rows

ACCEPTED_ENCODINGS = {"utf_8", "utf-8", "ascii", "gb18030", "gbk", "gb2312", "big5", "utf_16", "utf-16"}


def utf16_without_bom(head: bytes) -> str:
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


def detect_encoding(sample: bytes) -> str:
    if sample.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if sample.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    if utf16 := utf16_without_bom(sample[:4096]):
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


def scan_text(path: Path, encoding: str, token: str = "\n") -> tuple[str, int, bool]:
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


def open_csv(path: Path, sample: bytes) -> Sheet:
    """Open a text order file, detecting its encoding and delimiter."""
    encoding = detect_encoding(sample)
    encoding, lines, has_nul = scan_text(path, encoding)
    refuse_rows(lines)
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

    rows = non_empty(numbered())
    header_line, headers = find_header(rows)
    sheet = make_sheet("csv", encoding, headers, max(0, lines - header_line), rows, [handle.close])
    sheet.has_nul = has_nul
    return sheet
