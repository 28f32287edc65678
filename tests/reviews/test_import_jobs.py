"""The import as a visible job: upload → dry run → confirm → job with progress; a killed job
re-runs to exact counts, and overlapping imports running at once never duplicate an order."""

import threading
from datetime import datetime, timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection

from reviews import jobs
from reviews.models import ImportBatch, Order
from reviews.services.importing import passes, writing
from reviews.services.importing.lifecycle import (
    import_batch_check,
    import_batch_confirm,
    import_batch_create,
    import_batch_run,
)
from reviews.services.screening.baselines import sku_baselines
from tests.reviews.importing_helpers import csv_bytes, pdd_row, pdd_rows


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


RESCORED: list[tuple[int, int]] = []


def record_rescore(shop_id: int, order_ids: list[int], *, screen: bool = True) -> None:
    """Stands in for reviews.jobs.orders_changed; importable, so RQ can run it by name too."""
    RESCORED.append((shop_id, len(order_ids)))


def upload(rows, name="订单导出.csv", **kwargs) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, csv_bytes(rows, **kwargs), content_type="text/csv")


@pytest.mark.django_db
def test_upload_is_stored_under_a_random_name_with_checksum_and_dry_run(
    shop_a, manny, django_capture_on_commit_callbacks
):
    rows = pdd_rows(30) + [pdd_row(订单号="BAD", 商品数量="x", **{"商品数量(件)": "-1"})]
    with django_capture_on_commit_callbacks(execute=True):
        batch = import_batch_create(shop=shop_a, user=manny, upload=upload(rows))
    batch.refresh_from_db()
    assert batch.status == ImportBatch.Status.CHECKED
    assert batch.file_name == "订单导出.csv" and "订单导出" not in batch.file.name
    assert len(batch.checksum) == 64 and batch.size > 0
    assert (batch.check_created, batch.rejected_count, batch.platform) == (len(rows) - 1, 1, "pdd")
    assert "商品数量不能为负数" in batch.error_file.read().decode("utf-8-sig")
    assert not Order.objects.exists(), "a dry run writes no order"


@pytest.mark.django_db
def test_refused_file_records_why_and_never_runs(shop_a, manny, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        batch = import_batch_create(
            shop=shop_a, user=manny, upload=SimpleUploadedFile("x.csv", b"\x89PNG\r\n\x1a\n\x00\x00")
        )
    batch.refresh_from_db()
    assert batch.status == ImportBatch.Status.REFUSED and "PNG" in batch.message
    assert import_batch_confirm(batch=batch, user=manny).status == ImportBatch.Status.REFUSED


@pytest.mark.django_db
def test_confirmed_import_runs_and_enqueues_rescoring_of_touched_orders(
    shop_a, manny, django_capture_on_commit_callbacks, monkeypatch
):
    RESCORED.clear()
    calls = RESCORED
    monkeypatch.setattr(jobs, "orders_changed", record_rescore)
    monkeypatch.setattr(passes, "BATCH_ROWS", 100)
    with django_capture_on_commit_callbacks(execute=True):
        batch = import_batch_create(shop=shop_a, user=manny, upload=upload(pdd_rows(250)))
    with django_capture_on_commit_callbacks(execute=True):
        import_batch_confirm(batch=batch, user=manny)
    batch.refresh_from_db()
    total = Order.objects.count()
    assert batch.status == ImportBatch.Status.DONE and batch.percent == 100
    assert (batch.created_count, batch.rows_done) == (total, total)
    assert batch.duration is not None
    assert sum(n for _shop, n in calls) == total and all(shop == shop_a.pk and n <= 100 for shop, n in calls)


@pytest.mark.django_db
def test_an_import_caches_the_usual_quantity_of_its_skus_for_the_check_api(
    shop_a, manny, django_capture_on_commit_callbacks, django_assert_num_queries, monkeypatch
):
    monkeypatch.setattr(jobs, "orders_changed", record_rescore)  # screening would cache them one by one
    recent = pdd_rows(80, end=datetime.now() - timedelta(hours=1))
    with django_capture_on_commit_callbacks(execute=True):
        batch = import_batch_create(shop=shop_a, user=manny, upload=upload(recent))
    with django_capture_on_commit_callbacks(execute=True):
        import_batch_confirm(batch=batch, user=manny)
    skus = set(Order.objects.values_list("sku_id", flat=True))
    assert len(skus) > 1
    with django_assert_num_queries(0):
        assert set(sku_baselines(shop_a.pk, skus)) == skus


@pytest.mark.django_db
def test_killed_job_rerun_gives_exact_counts_and_no_duplicates(
    shop_a, manny, monkeypatch, django_capture_on_commit_callbacks
):
    rows = pdd_rows(400)
    batch = import_batch_create(shop=shop_a, user=manny, upload=upload(rows), start=False)
    batch = import_batch_check(batch=batch)
    ImportBatch.objects.filter(pk=batch.pk).update(status=ImportBatch.Status.QUEUED)
    monkeypatch.setattr(passes, "BATCH_ROWS", 100)
    real_write = writing.orders_intake
    calls = {"n": 0}

    def dies_on_third_batch(*args, **kwargs):
        calls["n"] += 1
        if calls["n"] == 3:
            raise SystemExit("worker killed")  # like a SIGTERM'd worker: not an ordinary error
        return real_write(*args, **kwargs)

    monkeypatch.setattr(writing, "orders_intake", dies_on_third_batch)
    with pytest.raises(SystemExit):
        import_batch_run(batch_id=batch.pk)
    batch.refresh_from_db()
    assert batch.status == ImportBatch.Status.RUNNING  # what a dead worker leaves behind
    assert batch.rows_done == 200 and Order.objects.count() == batch.created_count == 200

    monkeypatch.setattr(writing, "orders_intake", real_write)
    with django_capture_on_commit_callbacks(execute=True):
        import_batch_run(batch_id=batch.pk)  # RQ re-runs the job
    batch.refresh_from_db()
    total = batch.check_created
    assert batch.status == ImportBatch.Status.DONE
    assert (batch.created_count, batch.updated_count, batch.unchanged_count) == (total, 0, 0)
    assert Order.objects.count() == total == len({r["订单号"] for r in rows})
    # The whole file is screened at the end, the killed run's first batches included.
    assert not Order.objects.filter(risk_decision="").exists()
    import_batch_run(batch_id=batch.pk)  # delivered once more: nothing happens
    batch.refresh_from_db()
    assert batch.created_count == total


@pytest.mark.django_db(transaction=True)
def test_concurrent_overlapping_imports_never_duplicate(postgres, shop_a, manny, tmp_path, monkeypatch):
    monkeypatch.setattr(passes, "BATCH_ROWS", 50)
    rows = pdd_rows(600)
    first, second = tmp_path / "a.csv", tmp_path / "b.csv"
    first.write_bytes(csv_bytes(rows[:400]))
    second.write_bytes(csv_bytes(rows[200:]))  # 200 orders in both files
    errors = []
    barrier = threading.Barrier(2)

    def run(path):
        try:
            barrier.wait()
            passes.import_run(path=path, shop_id=shop_a.pk)
        except Exception as exc:  # surfaced below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(path,)) for path in (first, second, first)]
    barrier = threading.Barrier(3)
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors
    assert Order.objects.filter(shop=shop_a).count() == len({r["订单号"] for r in rows})
    # and the buyers were not duplicated either
    from django.db.models import Count

    from reviews.models import Buyer

    assert not Buyer.objects.values("key_kind", "key").annotate(n=Count("pk")).filter(n__gt=1).exists()


@pytest.mark.django_db
def test_file_changed_after_the_dry_run_is_not_imported(shop_a, manny):
    batch = import_batch_check(
        batch=import_batch_create(shop=shop_a, user=manny, upload=upload(pdd_rows(10)), start=False)
    )
    with open(batch.file.path, "ab") as handle:
        handle.write(b"X1,tampered\n")
    ImportBatch.objects.filter(pk=batch.pk).update(status=ImportBatch.Status.QUEUED)
    batch = import_batch_run(batch_id=batch.pk)
    assert batch.status == ImportBatch.Status.FAILED and "校验和不一致" in batch.message
    assert not Order.objects.exists()
