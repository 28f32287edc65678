"""A picture of too many pixels is refused before it is decoded; a big photo is decoded at a reduced size."""

import io
import struct
import zlib

import pytest
from django.core.exceptions import ValidationError
from PIL import Image, ImageFile

from complaints.models import Evidence
from complaints.services import evidence_add
from complaints.uploads import MAX_IMAGE_PIXELS, THUMBNAIL_SIZE
from tests.complaints.conftest import make_complaint, upload

pytestmark = pytest.mark.django_db


@pytest.fixture
def complaint(shop_a, bob):
    return make_complaint(shop_a, bob)


@pytest.fixture
def decoded_sizes(monkeypatch):
    """The size at which Pillow decoded each picture (what its memory depends on)."""
    sizes = []
    load = ImageFile.ImageFile.load

    def recording(self):
        if self.tile:  # not decoded yet: this call decodes it
            sizes.append(self.size)
        return load(self)

    monkeypatch.setattr(ImageFile.ImageFile, "load", recording)
    return sizes


def picture(fmt: str, size: tuple[int, int]) -> bytes:
    # One colour: thousands of pixels a side still zip to a few KB (the 175 KB PNG attack).
    out = io.BytesIO()
    Image.new("RGB", size, (200, 30, 30)).save(out, format=fmt)
    return out.getvalue()


def png_header_only(width: int, height: int) -> bytes:
    """A PNG that declares its size and holds no pixels: Pillow refuses over 178 MP on opening."""

    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IEND", b"")


def add(complaint, user, file):
    return evidence_add(complaint=complaint, user=user, files=[file], kind="screenshot", caption="证据")


def test_the_pixel_cap_is_25_megapixels():
    assert MAX_IMAGE_PIXELS == 25_000_000


@pytest.mark.parametrize(
    ("name", "content", "words"),
    [
        ("大图.png", picture("PNG", (5_100, 5_100)), "有 5100 × 5100 像素，超过 2,500 万像素的上限"),
        ("巨图.png", png_header_only(20_000, 20_000), "尺寸过大，超过 2,500 万像素的上限"),
    ],
    ids=["26-megapixels", "400-megapixels-that-pillow-refuses-itself"],
)
def test_picture_over_the_pixel_cap_is_refused_undecoded(complaint, bob, decoded_sizes, name, content, words):
    with pytest.raises(ValidationError) as error:
        add(complaint, bob, upload(name, content))
    message = " ".join(error.value.messages)
    assert name in message and words in message
    assert decoded_sizes == []
    assert not Evidence.objects.exists()


def test_picture_under_the_cap_is_accepted_with_a_thumbnail(complaint, bob):
    (evidence,) = add(complaint, bob, upload("长截图.png", picture("PNG", (4_000, 4_000))))
    with evidence.thumbnail.open("rb") as stored, Image.open(stored) as thumbnail:
        assert thumbnail.format == "PNG"
        assert max(thumbnail.size) == max(THUMBNAIL_SIZE)


def test_big_jpeg_is_decoded_at_a_reduced_size_for_its_thumbnail(complaint, bob, decoded_sizes):
    (evidence,) = add(complaint, bob, upload("照片.jpg", picture("JPEG", (4_000, 3_000)), "image/jpeg"))
    assert evidence.thumbnail
    # JPEG decodes at 1/2, 1/4 or 1/8 scale: at most a quarter of each side, a sixteenth of the memory.
    assert decoded_sizes and max(decoded_sizes[0]) <= 1_000
