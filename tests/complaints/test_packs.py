"""The evidence pack holds the summary, the orders and every file, each checkable by its SHA-256."""

import csv
import hashlib
import io
import json
import zipfile

import pytest
from django.urls import reverse

from complaints.models import EvidencePack
from complaints.packs import escape_formula
from complaints.services import evidence_pack_request
from tests.complaints.conftest import make_complaint, png, txt
from tests.conftest import make_buyer, make_link, make_order

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def complaint(shop_a, bob):
    buyer, twin = make_buyer(shop_a, display_name="林*坤"), make_buyer(shop_a, display_name="林坤小号")
    make_link(shop_a, buyer, twin, via="address", key="深圳市南山区科技园")
    orders = [
        make_order(shop_a, buyer=buyer, order_no="251125-001", sku_name='=HYPERLINK("http://evil")'),
        make_order(shop_a, buyer=buyer, order_no="251125-002", receiver="+8613800001111"),
    ]
    return make_complaint(
        shop_a,
        bob,
        orders=orders,
        title="同行恶拍占库存",
        description="同一地址两个账号拍下后全部申请仅退款",
        files=[png("聊天截图.png"), png("聊天截图.png", color=(0, 0, 255))],
    )


def build(complaint, user, masked: bool = True) -> EvidencePack:
    pack = evidence_pack_request(complaint=complaint, user=user, masked=masked)  # runs once committed (no Redis)
    pack.refresh_from_db()
    return pack


def test_pack_holds_summary_orders_files_and_a_manifest_whose_hashes_match(complaint, manny):
    pack = build(complaint, manny, masked=False)  # a manager's full pack (tests/complaints/test_pack_privacy.py)
    assert pack.status == EvidencePack.Status.DONE and pack.progress == 100
    with pack.file.open("rb") as stream:
        data = stream.read()
    assert hashlib.sha256(data).hexdigest() == pack.sha256
    archive = zipfile.ZipFile(io.BytesIO(data))
    names = archive.namelist()
    assert {"summary.html", "summary.pdf", "orders.csv", "orders.xlsx", "manifest.json"} <= set(names)
    assert [n for n in names if n.startswith("evidence/")] == ["evidence/01_聊天截图.png", "evidence/02_聊天截图.png"]

    manifest = json.loads(archive.read("manifest.json"))
    listed = {entry["name"]: entry for entry in manifest["files"]}
    assert set(listed) == set(names) - {"manifest.json"}
    for name, entry in listed.items():
        content = archive.read(name)
        assert entry["sha256"] == hashlib.sha256(content).hexdigest(), name
        assert entry["size"] == len(content)
    stored = {e.sha256 for e in complaint.evidence.all()}
    assert {listed[n]["sha256"] for n in names if n.startswith("evidence/")} == stored

    summary = archive.read("summary.html").decode("utf-8")
    for text in ("店铺A", "林*坤", "林坤小号", "同一地址", "同行恶拍占库存", "仅退款", "251125-001", "时间线"):
        assert text in summary
    pdf = archive.read("summary.pdf")
    assert pdf.startswith(b"%PDF") and b"STSong-Light" in pdf


def test_order_sheets_escape_formula_cells(complaint, manny):
    from openpyxl import load_workbook

    pack = build(complaint, manny, masked=False)
    with zipfile.ZipFile(pack.file.path) as archive:
        csv_text = archive.read("orders.csv").decode("utf-8-sig")
        xlsx = archive.read("orders.xlsx")
    rows = list(csv.reader(io.StringIO(csv_text)))
    assert rows[0][0] == "订单号"
    cells = [cell for row in rows[1:] for cell in row]
    assert '\'=HYPERLINK("http://evil")' in cells
    assert "'+8613800001111" in cells
    assert not any(cell.startswith(("=", "+", "@")) for cell in cells)

    sheet = load_workbook(io.BytesIO(xlsx)).active
    values = [cell.value for row in sheet.iter_rows(min_row=2) for cell in row]
    assert '\'=HYPERLINK("http://evil")' in values
    assert not any(isinstance(v, str) and v.startswith(("=", "+", "-", "@")) for v in values)


@pytest.mark.parametrize("value", ["=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx"])
def test_every_formula_prefix_is_escaped(value):
    assert escape_formula(value) == "'" + value


def test_plain_values_are_left_alone():
    assert escape_formula("维达抽纸") == "维达抽纸"
    assert escape_formula(-3) == -3


def test_pack_downloads_only_for_members_as_an_attachment(client, complaint, bob, charlie):
    pack = build(complaint, bob)
    url = reverse("complaints:pack_download", args=[pack.pk])
    client.force_login(charlie)
    assert client.get(url).status_code == 404
    client.force_login(bob)
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    assert response["Content-Disposition"].startswith("attachment")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content))).testzip() is None


def test_changed_file_on_disk_fails_the_pack_instead_of_shipping_it(complaint, bob):
    evidence = complaint.evidence.first()
    with open(evidence.file.path, "ab") as f:
        f.write(b"tampered")
    pack = build(complaint, bob)
    assert pack.status == EvidencePack.Status.FAILED
    assert "changed" in pack.error
    assert not pack.file


def test_text_evidence_goes_into_the_pack_unchanged(shop_a, bob):
    complaint = make_complaint(shop_a, bob, files=[txt()], evidence_kind="chat")
    pack = build(complaint, bob)
    with zipfile.ZipFile(pack.file.path) as archive:
        assert "拍了不付款" in archive.read("evidence/01_聊天记录.txt").decode("utf-8")


def test_pack_runs_through_a_real_rq_worker_with_progress(complaint, bob, redis_url, settings):
    import django_rq
    from rq import SimpleWorker

    settings.RQ_ASYNC = True
    queue = django_rq.get_queue("default")
    queue.empty()
    pack = evidence_pack_request(complaint=complaint, user=bob)
    pack.refresh_from_db()
    assert pack.status == EvidencePack.Status.PENDING
    (job,) = queue.jobs
    SimpleWorker([queue], connection=queue.connection).work(burst=True)
    pack.refresh_from_db()
    assert pack.status == EvidencePack.Status.DONE
    job.refresh()
    assert job.meta["progress"] >= 90


def test_summary_timeline_includes_reviewer_decisions(shop_a, alice):
    from complaints.models import Complaint
    from complaints.summary import complaint_summary
    from reviews.models import Decision
    from tests.conftest import make_order

    order = make_order(shop_a, order_no="D-1")
    Decision.objects.create(shop=shop_a, order=order, action=Decision.Action.CANCEL, user=alice, note="炸店")
    complaint = Complaint.objects.create(shop=shop_a, title="炸店", created_by=alice)
    complaint.orders.add(order)
    labels = [entry.label for entry in complaint_summary(complaint).timeline if entry.source == "decision"]
    assert len(labels) == 1 and "D-1" in labels[0] and "炸店" in labels[0]
