"""Builders for complaint tests: real little files of each evidence type, a frozen clock."""

import io
from contextlib import contextmanager
from datetime import datetime
from unittest import mock

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from complaints.models import Complaint
from complaints.services import complaint_create
from tests.conftest import make_order


@pytest.fixture(autouse=True)
def private_media(settings, tmp_path):
    """Each test stores evidence in its own folder."""
    settings.MEDIA_ROOT = tmp_path / "private"
    return settings.MEDIA_ROOT


@contextmanager
def frozen(moment: datetime):
    """Freeze ``django.utils.timezone.now`` (what models and services read) at ``moment``."""
    with mock.patch("django.utils.timezone.now", return_value=moment):
        yield moment


def image_bytes(fmt: str = "PNG", size=(640, 480), color=(200, 30, 30)) -> bytes:
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", size, color).save(out, format=fmt)
    return out.getvalue()


def png(name: str = "截图.png", **kwargs) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, image_bytes("PNG", **kwargs), content_type="image/png")


def jpeg(name: str = "photo.jpg") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, image_bytes("JPEG"), content_type="image/jpeg")


def webp(name: str = "shot.webp") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, image_bytes("WEBP"), content_type="image/webp")


def pdf(name: str = "物流.pdf") -> SimpleUploadedFile:
    body = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
    return SimpleUploadedFile(name, body, content_type="application/pdf")


def txt(
    name: str = "聊天记录.txt", text: str = "买家：我就是要拍了不付款\n客服：请问有什么问题？\n"
) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, text.encode("utf-8"), content_type="text/plain")


def html(name: str = "chat.html") -> SimpleUploadedFile:
    body = "<!DOCTYPE html><html><body><p>买家：差评等着吧</p><script>alert(1)</script></body></html>"
    return SimpleUploadedFile(name, body.encode("utf-8"), content_type="text/html")


def upload(name: str, content: bytes, content_type: str = "image/png") -> SimpleUploadedFile:
    """A file whose name and claimed type say whatever the test wants, whatever its content."""
    return SimpleUploadedFile(name, content, content_type=content_type)


def make_complaint(shop, user, *, orders=None, files=(), **fields) -> Complaint:
    orders = orders or [make_order(shop)]
    fields.setdefault("category", Complaint.Category.UNPAID)
    fields.setdefault("title", "恶意拍单不付款")
    fields.setdefault("description", "同一买家连续下单后取消")
    return complaint_create(shop=shop, user=user, orders=orders, files=list(files), **fields)
