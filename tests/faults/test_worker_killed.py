"""A real ``rqworker`` is killed with SIGKILL in the middle of an import; after the stuck-job sweep
and a fresh worker, the import finishes with exact counts and not one duplicate order."""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import quote

import pytest
from django.core.files.base import ContentFile
from django.db.models import Count
from django.test import override_settings

from reviews.models import ImportBatch, Order
from reviews.services.background import jobs_requeue_stuck
from reviews.services.importing.lifecycle import import_batch_check, import_batch_confirm, import_batch_create
from reviews.services.importing.passes import BATCH_ROWS
from shieldsite.queues import rq_queue

pytestmark = pytest.mark.django_db(transaction=True)
ROOT = Path(__file__).resolve().parents[2]
ROWS = 8 * BATCH_ROWS


def export_csv(rows: int) -> bytes:
    lines = ["订单号,商品id,商品数量(件),用户实付金额(元),订单成交时间,支付时间,订单状态,收货人,手机,省,市,区,收货地址"]
    for n in range(rows):
        lines.append(
            f"KILL{n:08d},1002{n % 50:04d},1,19.90,2025-11-20 10:{n % 60:02d}:00,2025-11-20 10:{n % 60:02d}:30,"
            f"待发货,买家{n % 900},139{n % 7000:08d},广东省,深圳市,南山区,科技园{n % 3000}号"
        )
    return ("\r\n".join(lines) + "\r\n").encode("utf-8")


def worker_env(services) -> dict:
    db = services["database"]
    auth = quote(db["USER"]) + (f":{quote(db['PASSWORD'])}" if db.get("PASSWORD") else "")
    url = f"postgres://{auth}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"
    return {**os.environ, "DATABASE_URL": url, "REDIS_URL": services["redis_url"],
            "MEDIA_ROOT": str(services["media_root"]), "RQ_ASYNC": "1", "LOG_LEVEL": "WARNING"}  # fmt: skip


def children_of(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid:
                found.append(int(entry.name))
    return found


def start_worker(env: dict, log: Path) -> subprocess.Popen:
    # Its own process group: SIGKILL takes the worker and its work horse down together, as when a
    # machine or container dies.
    return subprocess.Popen(
        [sys.executable, "manage.py", "rqworker", "imports", "--burst"],
        cwd=ROOT, env=env, stdout=log.open("ab"), stderr=subprocess.STDOUT, start_new_session=True,
    )  # fmt: skip


def test_import_survives_a_worker_killed_mid_way(real_services, shop_a, manny, tmp_path):
    env = worker_env(real_services)
    imports, scoring = rq_queue("imports"), rq_queue("scoring")
    imports.empty()
    with override_settings(RQ_ASYNC=True):
        batch = import_batch_create(
            shop=shop_a, user=manny, upload=ContentFile(export_csv(ROWS), name="大促订单.csv"), start=False
        )
        batch = import_batch_check(batch=batch)
        assert batch.status == ImportBatch.Status.CHECKED and batch.check_created == ROWS
        import_batch_confirm(batch=batch, user=manny)  # autocommit: the job is on Redis now
        assert f"import_run-{batch.pk}" in imports.get_job_ids()

        worker = start_worker(env, tmp_path / "worker1.log")
        deadline = time.monotonic() + 120
        try:
            while time.monotonic() < deadline:
                batch.refresh_from_db()
                if batch.rows_done >= BATCH_ROWS or worker.poll() is not None:
                    break
                time.sleep(0.02)
        finally:
            # RQ's work horse runs in its own process group (os.setpgrp): kill it too, as a dead
            # machine would; the worker first, so no one is left to notice.
            horses = children_of(worker.pid)
            os.killpg(worker.pid, signal.SIGKILL)
            for pid in horses:
                os.kill(pid, signal.SIGKILL)
            worker.wait(timeout=30)
            time.sleep(0.5)
        batch.refresh_from_db()
        assert batch.status == ImportBatch.Status.RUNNING, (tmp_path / "worker1.log").read_text()[-2000:]
        assert 0 < batch.rows_done < ROWS, "the worker must die in the middle of the import"
        written_before = Order.objects.filter(shop=shop_a).count()
        assert written_before == batch.created_count, "counts and rows are committed together"

        # The sweep, once the dead worker's heartbeat has lapsed: RQ retries the abandoned job.
        result = jobs_requeue_stuck(now=time.time() + 3600)
        assert result.abandoned_cleaned >= 1
        assert f"import_run-{batch.pk}" in imports.get_job_ids()
        assert jobs_requeue_stuck(now=time.time() + 3600).requeued_records == [], "never sent twice"

        rerun = start_worker(env, tmp_path / "worker2.log")
        assert rerun.wait(timeout=300) == 0, (tmp_path / "worker2.log").read_text()[-2000:]
        scoring.empty()

    batch.refresh_from_db()
    assert batch.status == ImportBatch.Status.DONE, batch.message
    assert batch.rows_done == ROWS
    assert (batch.created_count, batch.updated_count, batch.unchanged_count) == (ROWS, 0, 0)
    orders = Order.objects.filter(shop=shop_a)
    assert orders.count() == ROWS
    assert not orders.values("order_no").annotate(n=Count("pk")).filter(n__gt=1).exists()


def test_a_second_run_of_a_batch_leaves_it_to_the_live_one(real_services, shop_a, manny):
    """A work horse that outlived its killed worker still holds the batch: RQ's retry must not run
    alongside it (both would resume from the same row and count it twice)."""
    import psycopg
    from django.db import connection

    from reviews.services.importing.lifecycle import RUN_LOCK_CLASS, import_batch_run

    batch = import_batch_create(shop=shop_a, user=manny, upload=ContentFile(export_csv(30), name="a.csv"), start=False)
    batch = import_batch_check(batch=batch)
    ImportBatch.objects.filter(pk=batch.pk).update(status=ImportBatch.Status.QUEUED)
    params = connection.get_connection_params()
    keep = {k: params[k] for k in ("dbname", "user", "host", "port", "password") if params.get(k)}
    with psycopg.connect(**keep, autocommit=True) as live_run:
        live_run.execute("SELECT pg_advisory_lock(%s, %s)", [RUN_LOCK_CLASS, batch.pk])
        assert import_batch_run(batch_id=batch.pk).status == ImportBatch.Status.QUEUED
        assert not Order.objects.exists()
        live_run.execute("SELECT pg_advisory_unlock(%s, %s)", [RUN_LOCK_CLASS, batch.pk])  # it finished
    assert import_batch_run(batch_id=batch.pk).status == ImportBatch.Status.DONE
    assert Order.objects.count() == 30
