"""A complaint is no bulk export: it names at most SHIELD_COMPLAINT_MAX_ORDERS orders, a reviewer's
evidence pack shows buyers' phones, names and street detail masked, and every download is audited."""

import base64
import io
import re
import zipfile
import zlib

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from complaints.models import Complaint, ComplaintEvent, EvidencePack
from complaints.services import complaint_update, evidence_pack_request
from tests.complaints.conftest import make_complaint, txt
from tests.conftest import make_buyer, make_order

pytestmark = pytest.mark.django_db(transaction=True)

PHONES = ["19112344814", "13800138000", "15011112222"]


@pytest.fixture
def complaint(shop_a, bob):
    orders = [
        make_order(
            shop_a,
            order_no=f"P-{n}",
            buyer=make_buyer(shop_a, display_name=f"欧阳娜娜{n}"),
            receiver=f"欧阳娜娜{n}",
            phone=phone,
            province="广东省",
            city="深圳市",
            district="南山区",
            street="粤海街道",
            address=f"科技园南路{n}8号3栋",
        )
        for n, phone in enumerate(PHONES, start=1)
    ]
    return make_complaint(shop_a, bob, orders=orders, files=[txt()], evidence_kind="chat")


def pdf_text(data: bytes) -> str:
    """The text a PDF draws. reportlab writes each page ASCII85- and Flate-encoded, and the CID font's
    text as UCS-2 literal strings; joined without breaks, so a number wrapped across lines is found."""
    text = []
    for stream in re.findall(rb"stream\r?\n(.*?)endstream", data, re.S):
        try:
            content = zlib.decompress(base64.a85decode(stream.strip(), adobe=True))
        except (ValueError, zlib.error):
            continue
        for literal in re.findall(rb"\(((?:\\.|[^\\)])*)\)\s*Tj", content, re.S):
            raw = re.sub(rb"\\([0-7]{1,3}|.)", _unescape, literal)
            text.append(raw.decode("utf-16-be", errors="replace"))
    return "".join(text)


def _unescape(match) -> bytes:
    code = match.group(1)
    if code[:1].isdigit():
        return bytes([int(code, 8)])
    return {b"n": b"\n", b"r": b"\r", b"t": b"\t", b"b": b"\b", b"f": b"\f"}.get(code, code)


def pack_texts(data: bytes) -> dict[str, str]:
    """Every file of the pack as text, the spreadsheet's and the PDF's contents included."""
    texts = {}
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        for name in archive.namelist():
            content = archive.read(name)
            if name.endswith(".xlsx"):
                with zipfile.ZipFile(io.BytesIO(content)) as book:
                    texts[name] = "\n".join(book.read(n).decode("utf-8") for n in book.namelist())
            elif name.endswith(".pdf"):
                texts[name] = pdf_text(content)
            else:
                texts[name] = content.decode("utf-8-sig", errors="replace")
    return texts


def download(client, user, pack) -> bytes:
    client.force_login(user)
    response = client.get(reverse("complaints:pack_download", args=[pack.pk]))
    assert response.status_code == 200
    return b"".join(response.streaming_content)


def build_as(client, user, complaint) -> EvidencePack:
    client.force_login(user)
    assert client.post(reverse("complaints:pack_create", args=[complaint.pk])).status_code == 302
    return complaint.packs.first()


# -- the order limit -------------------------------------------------------------------------------
def test_reviewer_creating_a_complaint_with_201_orders_gets_a_form_error_and_no_complaint(
    client, shop_a, bob, settings
):
    settings.SHIELD_COMPLAINT_MAX_ORDERS = 200
    numbers = [make_order(shop_a, order_no=f"B-{n:04d}").order_no for n in range(201)]
    client.force_login(bob)
    response = client.post(
        reverse("complaints:create"),
        {"category": "unpaid", "title": "整店订单", "order_numbers": "\n".join(numbers), "evidence_kind": "screenshot"},
    )
    assert response.status_code == 400
    assert "一个投诉最多关联 200 个订单，请拆分为多个投诉" in response.content.decode()
    assert not Complaint.objects.exists()


def test_two_hundred_orders_are_still_one_complaint(shop_a, bob, settings):
    settings.SHIELD_COMPLAINT_MAX_ORDERS = 200
    orders = [make_order(shop_a, buyer=None) for _ in range(200)]
    assert make_complaint(shop_a, bob, orders=orders).orders.count() == 200


def test_adding_orders_later_cannot_pass_the_limit(shop_a, bob, settings):
    settings.SHIELD_COMPLAINT_MAX_ORDERS = 3
    complaint = make_complaint(shop_a, bob)
    more = [make_order(shop_a, buyer=None) for _ in range(4)]
    with pytest.raises(ValidationError, match="一个投诉最多关联 3 个订单"):
        complaint_update(complaint=complaint, user=bob, category="unpaid", title="x", orders=more)
    assert complaint.orders.count() == 1


# -- masked packs for reviewers --------------------------------------------------------------------
def test_reviewers_pack_holds_no_full_phone_name_or_house_number_in_any_file(client, complaint, bob):
    pack = build_as(client, bob, complaint)
    assert pack.status == EvidencePack.Status.DONE and pack.masked
    texts = pack_texts(download(client, bob, pack))
    assert {"summary.html", "summary.pdf", "orders.csv", "orders.xlsx", "manifest.json"} <= set(texts)
    assert "P-1" in texts["summary.pdf"], "the PDF's text is read, not only its compressed bytes"
    for name, text in texts.items():
        for phone in PHONES:
            assert phone not in text, f"{phone} in {name}"
        assert "欧阳娜娜" not in text, name
        assert "科技园南路" not in text, name
    assert "191****4814" in texts["orders.csv"] and "欧****" in texts["orders.csv"]
    assert "广东省深圳市南山区粤海街道" in texts["orders.csv"]
    assert "广东省深圳市南山区粤海街道" in texts["summary.html"]


def test_managers_pack_holds_the_full_orders(client, complaint, manny):
    pack = build_as(client, manny, complaint)
    assert pack.status == EvidencePack.Status.DONE and not pack.masked
    texts = pack_texts(download(client, manny, pack))
    for phone in PHONES:
        assert phone in texts["orders.csv"]
    assert "欧阳娜娜1" in texts["summary.html"] and "科技园南路18号3栋" in texts["orders.csv"]


def test_reviewer_cannot_download_a_managers_full_pack(client, complaint, manny, bob):
    pack = evidence_pack_request(complaint=complaint, user=manny, masked=False)
    client.force_login(bob)
    assert client.get(reverse("complaints:pack_download", args=[pack.pk])).status_code == 403
    page = client.get(reverse("complaints:detail", args=[complaint.pk])).content.decode()
    assert reverse("complaints:pack_download", args=[pack.pk]) not in page


def test_a_pack_is_masked_unless_asked_otherwise(complaint, manny):
    assert evidence_pack_request(complaint=complaint, user=manny).masked


# -- audit ---------------------------------------------------------------------------------------
def test_each_pack_download_leaves_an_audit_entry_naming_the_user(client, complaint, bob, manny):
    pack = build_as(client, bob, complaint)
    download(client, bob, pack)
    download(client, manny, pack)
    events = complaint.events.filter(action=ComplaintEvent.Action.PACK_DOWNLOADED)
    assert [e.user for e in events] == [bob, manny]
    assert f"#{pack.pk}" in events[0].note and "脱敏" in events[0].note
    page = client.get(reverse("complaints:detail", args=[complaint.pk])).content.decode()
    assert "下载证据包" in page and "bob" in page
