"""Evidence is checked by its content: disguised, empty and oversized files are refused whole."""

from pathlib import Path

import pytest
from django.core.exceptions import ValidationError

from complaints.models import Complaint, Evidence
from complaints.services import evidence_add
from tests.complaints.conftest import html, image_bytes, jpeg, make_complaint, pdf, png, txt, upload, webp

pytestmark = pytest.mark.django_db

ELF = b"\x7fELF\x02\x01\x01\x00" + b"\x00" * 200
WINDOWS_EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + b"\x00" * 200


def stored_files(media) -> list[Path]:
    return [p for p in Path(media).rglob("*") if p.is_file()]


@pytest.fixture
def complaint(shop_a, bob):
    return make_complaint(shop_a, bob)


def add(complaint, user, *files, kind="screenshot"):
    return evidence_add(complaint=complaint, user=user, files=list(files), kind=kind, caption="证据")


@pytest.mark.parametrize(
    ("make", "kind", "content_type"),
    [
        (png, "screenshot", "image/png"),
        (jpeg, "screenshot", "image/jpeg"),
        (webp, "screenshot", "image/webp"),
        (pdf, "logistics", "application/pdf"),
        (txt, "chat", "text/plain"),
        (html, "chat", "text/html"),
    ],
)
def test_each_evidence_format_is_accepted_with_type_from_content(complaint, bob, make, kind, content_type):
    file = make()
    (evidence,) = add(complaint, bob, file, kind=kind)
    assert evidence.content_type == content_type
    assert evidence.size == file.size
    assert evidence.original_name == file.name
    assert len(evidence.sha256) == 64
    assert bool(evidence.thumbnail) == content_type.startswith("image/")


def test_stored_name_is_random_and_not_the_uploaded_name(complaint, bob, private_media):
    (evidence,) = add(complaint, bob, png("买家辱骂截图.png"))
    stored = Path(evidence.file.path)
    assert stored.is_relative_to(Path(private_media) / "evidence")
    assert "买家辱骂" not in stored.name
    assert len(stored.stem) == 32


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("截图.png", WINDOWS_EXE, "可执行程序"),
        ("截图.png", ELF, "可执行程序"),
        ("截图.png", b"#!/bin/sh\nrm -rf /\n", "可执行程序"),
        ("截图.png", b"<!DOCTYPE html><html><script>alert(1)</script></html>", "内容是 HTML"),
        ("截图.png", b"<html><body>hi</body></html>", "内容是 HTML"),
        ("截图.png", b"%PDF-1.4 not a picture", "内容是 PDF"),
        ("截图.png", b"", "空文件"),
        ("截图.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 50, "不是完整的图片"),
        ("data.bin", bytes(range(256)) * 4, "不是支持的格式"),
        ("截图.jpg", image_bytes("PNG"), "扩展名是 .jpg"),
    ],
    ids=["exe", "elf", "script", "html-doctype", "html", "pdf-as-png", "empty", "broken-png", "binary", "png-as-jpg"],
)
def test_bad_upload_is_refused_with_a_clear_chinese_error(complaint, bob, private_media, name, content, message):
    with pytest.raises(ValidationError) as error:
        add(complaint, bob, upload(name, content))
    assert message in " ".join(error.value.messages)
    assert name in " ".join(error.value.messages) or message == "空文件"
    assert not Evidence.objects.exists()
    assert stored_files(private_media) == []


def test_pdf_is_not_a_screenshot(complaint, bob):
    with pytest.raises(ValidationError, match="截图只能是"):
        add(complaint, bob, pdf(), kind="screenshot")


def test_file_over_the_per_file_cap_is_refused(complaint, bob, settings, private_media):
    settings.SHIELD_EVIDENCE_MAX_FILE_MB = 1
    big = upload("大图.png", image_bytes("PNG") + b"\x00" * (1024 * 1024))
    with pytest.raises(ValidationError, match="超过单个文件 1 MB 的上限"):
        add(complaint, bob, big)
    assert not Evidence.objects.exists()


def test_files_over_the_per_complaint_cap_are_refused(complaint, bob, settings, private_media):
    settings.SHIELD_EVIDENCE_MAX_COMPLAINT_MB = 1
    half = image_bytes("PNG") + b"\x00" * (600 * 1024)
    add(complaint, bob, upload("一.png", half))
    with pytest.raises(ValidationError, match="超过每个投诉 1 MB 的上限"):
        add(complaint, bob, upload("二.png", half))
    assert Evidence.objects.count() == 1
    assert len(stored_files(private_media)) == 2  # the first file and its thumbnail


def test_one_bad_file_in_a_batch_saves_none_of_them(complaint, bob, private_media):
    with pytest.raises(ValidationError) as error:
        add(complaint, bob, png("好.png"), upload("坏.png", b"<html></html>"), upload("空.png", b""))
    assert len(error.value.messages) == 2, "every problem is listed at once"
    assert not Evidence.objects.exists()
    assert not complaint.events.filter(action="evidence_added").exists()
    assert stored_files(private_media) == []


def test_bad_file_on_a_new_complaint_saves_no_complaint(shop_a, bob, private_media):
    with pytest.raises(ValidationError, match="可执行程序"):
        make_complaint(shop_a, bob, files=[png(), upload("x.png", WINDOWS_EXE)])
    assert not Complaint.objects.exists()
    assert stored_files(private_media) == []


def test_closed_complaint_takes_no_more_evidence(complaint, manny):
    from complaints.services import complaint_withdraw

    complaint_withdraw(complaint=complaint, user=manny)
    with pytest.raises(ValidationError, match="已结案"):
        add(complaint, manny, png())
