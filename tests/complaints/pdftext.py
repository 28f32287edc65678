"""The text of a PDF the evidence pack writes (reportlab: ASCII85 + Flate content streams, the
Chinese in STSong-Light as UCS-2), so tests read what a person reading the PDF reads."""

import re
import zlib

from reportlab.lib.rl_accel import asciiBase85Decode

STREAM = re.compile(rb"/Filter \[ /ASCII85Decode /FlateDecode \][^>]*>>\s*stream\r?\n(.*?)endstream", re.S)
TOKEN = re.compile(rb"/(F\d+) [\d.]+ Tf|\(((?:\\.|[^\\)])*)\) Tj", re.S)
ESCAPE = re.compile(rb"\\([0-7]{1,3}|.)", re.S)
NAMED = {b"n": b"\n", b"r": b"\r", b"t": b"\t", b"b": b"\b", b"f": b"\f"}


def _unescape(literal: bytes) -> bytes:
    def one(match):
        code = match.group(1)
        if code[:1].isdigit():
            return bytes([int(code, 8)])
        return NAMED.get(code, code)

    return ESCAPE.sub(one, literal)


def pdf_text(data: bytes) -> str:
    """Every shown string, one per line; strings in the CID font decoded as UTF-16BE."""
    cid_fonts = {name.decode() for name in re.findall(rb"/Encoding /UniGB-UCS2-H /Name /(F\d+)", data)}
    lines, font = [], ""
    for stream in STREAM.finditer(data):
        content = zlib.decompress(asciiBase85Decode(stream.group(1).strip().decode("latin-1")))
        for token in TOKEN.finditer(content):
            if token.group(1):
                font = token.group(1).decode()
                continue
            raw = _unescape(token.group(2))
            lines.append(raw.decode("utf-16-be", "replace") if font in cid_fonts else raw.decode("latin-1"))
    return "\n".join(lines)
