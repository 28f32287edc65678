"""Files on S3-compatible object storage (AWS_STORAGE_BUCKET_NAME): order imports, rejected rows,
evidence and evidence packs go through Django's storage API only, so no host needs them on disk.
Tested against moto's S3 in server mode, over real HTTP, as a second host would see it."""

import io
import socket
import zipfile

import boto3
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from complaints.models import EvidencePack
from complaints.services import evidence_add, evidence_pack_request
from reviews.models import ImportBatch, Order
from tests.complaints.conftest import make_complaint, png, txt
from tests.reviews.importing_helpers import csv_bytes, pdd_row, pdd_rows

pytestmark = pytest.mark.django_db
BUCKET = "shield-test"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="module")
def s3_endpoint():
    from moto.server import ThreadedMotoServer

    port = free_port()
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    yield f"http://127.0.0.1:{port}"
    server.stop()


@pytest.fixture
def bucket(s3_endpoint, settings, monkeypatch, tmp_path):
    """Shield's default storage is the bucket; MEDIA_ROOT is a folder that must stay empty."""
    for name, value in {
        "AWS_ACCESS_KEY_ID": "testing",
        "AWS_SECRET_ACCESS_KEY": "testing",
        "AWS_DEFAULT_REGION": "us-east-1",
    }.items():
        monkeypatch.setenv(name, value)
    client = boto3.client("s3", endpoint_url=s3_endpoint, region_name="us-east-1")
    client.create_bucket(Bucket=BUCKET)
    for stored in client.list_objects_v2(Bucket=BUCKET).get("Contents", []):
        client.delete_object(Bucket=BUCKET, Key=stored["Key"])
    settings.MEDIA_ROOT = tmp_path / "must-stay-empty"
    options = dict(settings.STORAGES)
    options["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": BUCKET,
            "endpoint_url": s3_endpoint,
            "location": "shield",
            "default_acl": None,
            "file_overwrite": False,
        },
    }
    settings.STORAGES = options
    yield client
    assert not settings.MEDIA_ROOT.exists(), "nothing may be written to the local folder"


def keys(client) -> list[str]:
    return sorted(item["Key"] for item in client.list_objects_v2(Bucket=BUCKET).get("Contents", []))


def body(response) -> bytes:
    return b"".join(response.streaming_content)


def test_an_import_runs_from_the_bucket_and_its_rejected_rows_download(
    bucket, client, manny, shop_a, django_capture_on_commit_callbacks
):
    rows = pdd_rows(8) + [pdd_row(订单号="BAD", 订单成交时间="2025-02-30 10:00:00")]
    client.force_login(manny)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("reviews:import_new"), {"file": SimpleUploadedFile("orders.csv", csv_bytes(rows))})
    batch = ImportBatch.objects.get()
    assert batch.status == ImportBatch.Status.CHECKED and batch.rejected_count == 1
    stored = keys(bucket)
    assert f"shield/{batch.file.name}" in stored and f"shield/{batch.error_file.name}" in stored

    rejected = body(client.get(reverse("reviews:import_rejected", args=[batch.pk]))).decode("utf-8-sig")
    assert "BAD" in rejected and "不是有效的日期时间" in rejected

    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("reviews:import_confirm", args=[batch.pk]))
    batch.refresh_from_db()
    assert batch.status == ImportBatch.Status.DONE
    assert Order.objects.filter(shop=shop_a).count() == batch.check_created > 0
    assert not Order.objects.filter(order_no="BAD").exists()


def test_an_import_whose_stored_file_changed_is_refused(bucket, client, manny, django_capture_on_commit_callbacks):
    client.force_login(manny)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("reviews:import_new"), {"file": SimpleUploadedFile("orders.csv", csv_bytes(pdd_rows(3)))})
    batch = ImportBatch.objects.get()
    bucket.put_object(Bucket=BUCKET, Key=f"shield/{batch.file.name}", Body=csv_bytes(pdd_rows(4)))
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("reviews:import_confirm", args=[batch.pk]))
    batch.refresh_from_db()
    assert batch.status == ImportBatch.Status.FAILED and "校验和不一致" in batch.message
    assert not Order.objects.exists()


def test_evidence_and_its_pack_live_in_the_bucket_and_download(
    bucket, client, bob, manny, shop_a, django_capture_on_commit_callbacks
):
    complaint = make_complaint(shop_a, bob, files=[png("买家截图.png")])
    evidence_add(complaint=complaint, user=bob, files=[txt()], kind="chat")
    picture = complaint.evidence.get(content_type="image/png")
    assert f"shield/{picture.file.name}" in keys(bucket) and f"shield/{picture.thumbnail.name}" in keys(bucket)

    client.force_login(bob)
    response = client.get(reverse("complaints:evidence_download", args=[picture.pk]))
    assert response.status_code == 200 and body(response)[:8] == b"\x89PNG\r\n\x1a\n"

    with django_capture_on_commit_callbacks(execute=True):
        pack = evidence_pack_request(complaint=complaint, user=manny, masked=False)
    pack.refresh_from_db()
    assert pack.status == EvidencePack.Status.DONE and f"shield/{pack.file.name}" in keys(bucket)
    client.force_login(manny)
    archive = zipfile.ZipFile(io.BytesIO(body(client.get(reverse("complaints:pack_download", args=[pack.pk])))))
    names = archive.namelist()
    assert any(name.endswith("买家截图.png") for name in names) and any(name.endswith(".txt") for name in names)
