"""The import pages as a manager uses them, and who may not use them; order exports."""

import io

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from reviews.models import ImportBatch, Order
from tests.conftest import make_order
from tests.reviews.importing_helpers import csv_bytes, pdd_row, pdd_rows

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def upload_file(client, rows=None, name="orders.csv", content=None, capture=None):
    data = content if content is not None else csv_bytes(rows)
    with capture(execute=True):
        return client.post(reverse("reviews:import_new"), {"file": SimpleUploadedFile(name, data)})


def test_reviewer_may_not_import_and_other_shops_batches_are_404(client, bob, manny, charlie, shop_a, shop_b):
    client.force_login(bob)
    assert client.get(reverse("reviews:import_list")).status_code == 403
    assert client.get(reverse("reviews:import_new")).status_code == 403
    batch = ImportBatch.objects.create(shop=shop_b, file_name="b.csv", checksum="0" * 64, file="imports/x.csv")
    client.force_login(manny)
    for name in ("import_detail", "import_status", "import_rejected"):
        assert client.get(reverse(f"reviews:{name}", args=[batch.pk])).status_code == 404
    assert client.post(reverse("reviews:import_confirm", args=[batch.pk])).status_code == 404


def test_manager_uploads_sees_dry_run_confirms_and_sees_result(
    client, manny, shop_a, shop_b, django_capture_on_commit_callbacks
):
    client.force_login(manny)
    make_order(shop_a, order_no="WAITING", risk_state=Order.RiskState.FLAGGED)
    make_order(shop_b, order_no="ELSEWHERE", risk_state=Order.RiskState.FLAGGED)
    rows = pdd_rows(20) + [pdd_row(订单号="BAD", 订单成交时间="2025-02-30 10:00:00")]
    response = upload_file(client, rows, capture=django_capture_on_commit_callbacks)
    batch = ImportBatch.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("reviews:import_detail", args=[batch.pk])
    page = client.get(response["Location"]).content.decode()
    assert "试运行结果" in page and "确认导入" in page
    assert "不是有效的日期时间" in page and "订单成交时间" in page
    assert not Order.objects.filter(shop=shop_a).exclude(order_no="WAITING").exists()

    rejected = client.get(reverse("reviews:import_rejected", args=[batch.pk]))
    body = b"".join(rejected.streaming_content).decode("utf-8-sig")
    assert "BAD" in body and "不是有效的日期时间" in body

    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("reviews:import_confirm", args=[batch.pk]))
    status = client.get(reverse("reviews:import_status", args=[batch.pk])).json()
    assert status == {
        "status": "done",
        "label": "已完成",
        "active": False,
        "percent": 100,
        "rows_done": len(rows),
        "total_rows": len(rows),
    }
    page = client.get(reverse("reviews:import_detail", args=[batch.pk])).content.decode()
    assert "导入完成" in page
    assert Order.objects.filter(shop=shop_a).count() == batch.check_created + 1
    # Next stop: the queue, with what waits there in this shop (the other shop's order is not counted).
    waiting = Order.objects.filter(shop=shop_a).flagged().count()
    assert f'href="{reverse("reviews:queue")}">去审核队列（现有 {waiting} 单）' in page
    history = client.get(reverse("reviews:import_list")).content.decode()
    assert "orders.csv" in history and "已完成" in history


def test_refused_file_says_why_on_the_page(client, manny, django_capture_on_commit_callbacks):
    client.force_login(manny)
    response = upload_file(
        client, content=b"\xff\xd8\xff\xe0JFIF", name="photo.csv", capture=django_capture_on_commit_callbacks
    )
    page = client.get(response["Location"]).content.decode()
    assert "文件被拒绝，没有导入任何订单" in page and "JPEG 图片" in page


def test_file_over_the_limit_is_refused_at_upload(client, manny, settings, django_capture_on_commit_callbacks):
    settings.SHIELD_IMPORT_MAX_BYTES = 100
    client.force_login(manny)
    response = upload_file(client, pdd_rows(5), capture=django_capture_on_commit_callbacks)
    assert response.status_code == 400
    assert "超过上限" in response.content.decode()
    assert not ImportBatch.objects.exists()


def test_order_export_escapes_formula_cells_in_csv_and_xlsx(client, manny, bob, shop_a):
    make_order(shop_a, order_no="F1", merchant_note='=HYPERLINK("http://x")', receiver="@王伟", buyer_note="-1+2")
    client.force_login(bob)
    assert client.get(reverse("reviews:order_export"), {"format": "csv"}).status_code == 403
    client.force_login(manny)
    csv_body = client.get(reverse("reviews:order_export"), {"format": "csv"}).content.decode("utf-8-sig")
    assert "'=HYPERLINK" in csv_body and "'@王伟" in csv_body and "'-1+2" in csv_body
    response = client.get(reverse("reviews:order_export"), {"format": "xlsx"})
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    values = [cell for row in sheet.iter_rows(values_only=True) for cell in row]
    assert '\'=HYPERLINK("http://x")' in values and "订单号" in values
    assert client.get(reverse("reviews:order_export"), {"format": "pdf"}).status_code == 404


def test_export_then_reimport_round_trips_the_orders(client, manny, shop_a, tmp_path):
    from tests.reviews.importing_helpers import import_file

    import_file(_write(tmp_path / "a.csv", csv_bytes(pdd_rows(30))), shop_a)
    before = dict(Order.objects.values_list("order_no", "status"))
    client.force_login(manny)
    exported = client.get(reverse("reviews:order_export"), {"format": "csv"}).content
    check, run = import_file(_write(tmp_path / "export.csv", exported), shop_a)
    assert check.rejected == 0 and run.created == 0
    assert dict(Order.objects.values_list("order_no", "status")) == before


def _write(path, content: bytes):
    path.write_bytes(content)
    return path
