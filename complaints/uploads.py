"""Evidence upload checks: the type comes from the file's first bytes, never from its name.

A file is accepted only when its content is one of the evidence formats (PNG, JPEG, WebP,
PDF, plain text, HTML), its extension agrees with that content, it is not empty, and it
fits the per-file and per-complaint caps. Every check runs before anything is written.
"""

import codecs
import hashlib
import io
import warnings
from dataclasses import dataclass
from pathlib import PurePath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _

PNG, JPEG, WEBP, PDF, TXT, HTML = (
    "image/png",
    "image/jpeg",
    "image/webp",
    "application/pdf",
    "text/plain",
    "text/html",
)
IMAGE_TYPES = {PNG, JPEG, WEBP}
LABELS = {PNG: "PNG", JPEG: "JPEG", WEBP: "WebP", PDF: "PDF", TXT: "TXT", HTML: "HTML"}
EXTENSIONS = {
    PNG: {".png"},
    JPEG: {".jpg", ".jpeg", ".jfif"},
    WEBP: {".webp"},
    PDF: {".pdf"},
    TXT: {".txt", ".log"},
    HTML: {".html", ".htm"},
}
EXTENSION_FOR_TYPE = {PNG: ".png", JPEG: ".jpg", WEBP: ".webp", PDF: ".pdf", TXT: ".txt", HTML: ".html"}
# What each kind of evidence may be: a screenshot is a picture, the others may be any format.
TYPES_FOR_KIND = {
    "screenshot": IMAGE_TYPES,
    "chat": IMAGE_TYPES | {PDF, TXT, HTML},
    "logistics": IMAGE_TYPES | {PDF},
    "legal": IMAGE_TYPES | {PDF},
    "other": IMAGE_TYPES | {PDF, TXT, HTML},
}
EXECUTABLE_MAGIC = (b"MZ", b"\x7fELF", b"\xcf\xfa\xed\xfe", b"\xce\xfa\xed\xfe", b"\xca\xfe\xba\xbe", b"#!")
HTML_STARTS = (b"<!doctype html", b"<html", b"<head", b"<body", b"<meta", b"<script", b"<iframe", b"<svg", b"<?xml")
SNIFF_BYTES = 8192
# A picture is decoded whole (4 bytes a pixel) to prove it is one: 25 MP is 100 MB, and a
# one-colour PNG of that size is a few KB. Long phone screenshots stay far below it.
MAX_IMAGE_PIXELS = 25_000_000
THUMBNAIL_SIZE = (320, 320)
# A JPEG is decoded at the smallest 1/2, 1/4 or 1/8 scale still this many times the thumbnail,
# then reduced in whole steps: a 4000 × 3000 photo decodes at 1000 × 750.
REDUCING_GAP = 2.0
MB = 1024 * 1024


@dataclass
class CheckedFile:
    """An upload that passed every check, with what Shield records about it."""

    upload: UploadedFile
    original_name: str
    size: int
    sha256: str
    content_type: str
    thumbnail: bytes | None


def is_executable(head: bytes) -> bool:
    return head.startswith(EXECUTABLE_MAGIC)


def looks_like_text(head: bytes) -> bool:
    """No NUL bytes and valid UTF-8 or GB18030 (the encodings chat exports come in)."""
    if b"\x00" in head:
        return False
    for encoding in ("utf-8", "gb18030"):
        try:
            # final=False: the sample may cut a multi-byte character in half.
            codecs.getincrementaldecoder(encoding)().decode(head, final=False)
        except UnicodeDecodeError:
            continue
        return True
    return False


def sniff_content_type(head: bytes) -> str | None:
    """The evidence type of a file from its first bytes, or None when it is none of them."""
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG
    if head.startswith(b"\xff\xd8\xff"):
        return JPEG
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return WEBP
    if head.startswith(b"%PDF-"):
        return PDF
    if is_executable(head) or not looks_like_text(head):
        return None
    start = head.removeprefix(codecs.BOM_UTF8).lstrip().lower()
    if start.startswith(HTML_STARTS) or b"<html" in start[:1024]:
        return HTML
    return TXT


def megabytes(size: int) -> str:
    return f"{size / MB:.1f}"


def make_thumbnail(upload: UploadedFile, name: str) -> bytes:
    """A small PNG preview; also proves the picture decodes (a truncated or fake image fails).

    The size is checked from the header before any pixel is decoded; a JPEG is then decoded at a
    reduced scale (``draft``), other formats whole (which is what the pixel cap is for).
    """
    from PIL import Image, ImageOps, UnidentifiedImageError

    cap = MAX_IMAGE_PIXELS // 10_000  # in 万 (ten thousands), as Chinese counts pixels
    try:
        upload.seek(0)
        with warnings.catch_warnings():
            # Pillow warns from 89 MP on and refuses from 178 MP: our own cap is far lower.
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            image = Image.open(upload)
        with image:
            if image.width * image.height > MAX_IMAGE_PIXELS:
                raise ValidationError(
                    _("「%(name)s」有 %(width)s × %(height)s 像素，超过 %(cap)s 万像素的上限。请缩小或裁剪后再上传。")
                    % {"name": name, "width": image.width, "height": image.height, "cap": f"{cap:,}"}
                )
            # Before the first decode, or it does nothing. A no-op for formats without reduced decoding.
            image.draft(None, tuple(round(side * REDUCING_GAP) for side in THUMBNAIL_SIZE))
            image.load()
            ImageOps.exif_transpose(image, in_place=True)  # no second full-size copy
            image.thumbnail(THUMBNAIL_SIZE, reducing_gap=REDUCING_GAP)
            if image.mode not in ("RGB", "RGBA"):
                image = image.convert("RGBA")
            out = io.BytesIO()
            image.save(out, format="PNG", optimize=True)
            return out.getvalue()
    except Image.DecompressionBombError as exc:  # so big that Pillow itself refuses to open it
        raise ValidationError(
            _("「%(name)s」的图片尺寸过大，超过 %(cap)s 万像素的上限。请缩小或裁剪后再上传。")
            % {"name": name, "cap": f"{cap:,}"}
        ) from exc
    except (UnidentifiedImageError, OSError, SyntaxError) as exc:
        raise ValidationError(_("「%(name)s」不是完整的图片文件，无法打开。") % {"name": name}) from exc
    finally:
        upload.seek(0)


def check_upload(upload: UploadedFile, *, kind: str) -> CheckedFile:
    """Check one uploaded file; raise ValidationError with a message a merchant understands."""
    name = PurePath(upload.name or "").name or _("未命名文件")
    max_file = settings.SHIELD_EVIDENCE_MAX_FILE_MB * MB
    if not upload.size:
        raise ValidationError(_("「%(name)s」是空文件（0 字节），请重新选择。") % {"name": name})
    if upload.size > max_file:
        raise ValidationError(
            _("「%(name)s」有 %(size)s MB，超过单个文件 %(cap)s MB 的上限。")
            % {"name": name, "size": megabytes(upload.size), "cap": settings.SHIELD_EVIDENCE_MAX_FILE_MB}
        )
    upload.seek(0)
    head = upload.read(SNIFF_BYTES)
    upload.seek(0)
    if is_executable(head):
        raise ValidationError(_("「%(name)s」是可执行程序，不能作为证据上传。") % {"name": name})
    content_type = sniff_content_type(head)
    if content_type is None:
        raise ValidationError(
            _("「%(name)s」的内容不是支持的格式：截图请用 PNG、JPEG 或 WebP，聊天记录可用 TXT、HTML 或 PDF。")
            % {"name": name}
        )
    extension = PurePath(name).suffix.lower()
    if extension not in EXTENSIONS[content_type]:
        raise ValidationError(
            _("「%(name)s」的扩展名是 %(ext)s，但文件内容是 %(type)s。请上传原始文件，不要改扩展名。")
            % {"name": name, "ext": extension or _("（无）"), "type": LABELS[content_type]}
        )
    if content_type not in TYPES_FOR_KIND.get(kind, set()):
        raise ValidationError(
            _("「%(name)s」是 %(type)s 文件，不能作为这类证据；截图只能是 PNG、JPEG 或 WebP 图片。")
            % {"name": name, "type": LABELS[content_type]}
        )
    digest = hashlib.sha256()
    for chunk in upload.chunks():
        digest.update(chunk)
    upload.seek(0)
    thumbnail = make_thumbnail(upload, name) if content_type in IMAGE_TYPES else None
    return CheckedFile(
        upload=upload,
        original_name=name[:255],
        size=upload.size,
        sha256=digest.hexdigest(),
        content_type=content_type,
        thumbnail=thumbnail,
    )


def check_uploads(uploads: list[UploadedFile], *, kinds: list[str], already_stored: int) -> list[CheckedFile]:
    """Check a batch, each file against its own kind (``kinds``, in the files' order); all of it
    passes or a ValidationError lists every problem."""
    if len(kinds) != len(uploads):
        raise ValidationError(_("请为每个文件选择证据类型。"))
    checked, errors = [], []
    for upload, kind in zip(uploads, kinds, strict=True):
        try:
            checked.append(check_upload(upload, kind=kind))
        except ValidationError as exc:
            errors.extend(exc.messages)
    if errors:
        raise ValidationError(errors)
    total = already_stored + sum(item.size for item in checked)
    if total > settings.SHIELD_EVIDENCE_MAX_COMPLAINT_MB * MB:
        raise ValidationError(
            _("加上这些文件，本投诉的证据共 %(total)s MB，超过每个投诉 %(cap)s MB 的上限。")
            % {"total": megabytes(total), "cap": settings.SHIELD_EVIDENCE_MAX_COMPLAINT_MB}
        )
    return checked
