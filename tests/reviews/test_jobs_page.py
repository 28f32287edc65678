"""任务: admins see their shop's background jobs, retry failed ones once, and nothing is lost
when a worker dies or Redis is away (the sweep and the outbox send the jobs again)."""

from datetime import timedelta

import pytest
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from reviews.models import Backtest, BulkDecisionJob, ImportBatch
from reviews.services.background import jobs_requeue_stuck
from shieldsite.models import DeferredJob


def failed_backtest(shop, user, error="数据库连接中断"):
    return Backtest.objects.create(
        shop=shop, values={"review_threshold": 30}, base_version=1, created_by=user,
        status=Backtest.Status.FAILED, error=error, finished_at=timezone.now(),
    )  # fmt: skip


def test_only_admins_open_the_jobs_page_and_see_it_in_the_nav(client, alice, manny, bob):
    for user, status in ((bob, 403), (manny, 403), (alice, 200)):
        client.force_login(user)
        assert client.get(reverse("reviews:jobs")).status_code == status
    page = client.get(reverse("reviews:home")).content.decode()
    assert reverse("reviews:jobs") in page
    client.force_login(manny)
    assert reverse("reviews:jobs") not in client.get(reverse("reviews:home")).content.decode()


def test_jobs_page_lists_each_kind_with_status_progress_and_failure_reason(client, alice, shop_a, shop_b, charlie):
    ImportBatch.objects.create(
        shop=shop_a, file_name="十一月订单.csv", checksum="0" * 64, file="imports/x.csv",
        status=ImportBatch.Status.RUNNING, total_rows=200, rows_done=50, started_at=timezone.now(),
    )  # fmt: skip
    BulkDecisionJob.objects.create(shop=shop_a, user=alice, action="cancel", total=10, done=10, status="done")
    failed_backtest(shop_a, alice, error="试算超时")
    failed_backtest(shop_b, charlie, error="别家店的失败")
    client.force_login(alice)
    page = client.get(reverse("reviews:jobs")).content.decode()
    assert "十一月订单.csv" in page and "导入中" in page and 'value="25"' in page
    assert "批量处理" in page and "已完成" in page
    assert "试算超时" in page and "重试" in page
    assert "别家店的失败" not in page


def test_retry_sends_a_failed_backtest_again_once(client, alice, shop_a, django_capture_on_commit_callbacks):
    backtest = failed_backtest(shop_a, alice)
    client.force_login(alice)
    url = reverse("reviews:job_retry", args=["backtest", backtest.pk])
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = client.post(url, follow=True)
    assert "已重新排队" in response.content.decode()
    assert callbacks
    backtest.refresh_from_db()
    assert backtest.status == Backtest.Status.DONE and backtest.error == ""
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = client.post(url, follow=True)
    assert callbacks == [], "a second click must not start a second run"
    assert "已不是失败状态" in response.content.decode()


def test_retry_of_another_shops_job_is_404(client, alice, shop_b, charlie):
    backtest = failed_backtest(shop_b, charlie)
    client.force_login(alice)
    assert client.post(reverse("reviews:job_retry", args=["backtest", backtest.pk])).status_code == 404
    backtest.refresh_from_db()
    assert backtest.status == Backtest.Status.FAILED, "another shop's job is never touched"
    assert client.post(reverse("reviews:job_retry", args=["nope", backtest.pk])).status_code == 404


def test_jobs_page_query_count_does_not_grow_with_jobs(client, alice, shop_a, django_assert_max_num_queries):
    from complaints.models import Complaint, EvidencePack

    complaint = Complaint.objects.create(shop=shop_a, category="unpaid", title="恶意拍单投诉", created_by=alice)
    for _ in range(20):
        failed_backtest(shop_a, alice)
        BulkDecisionJob.objects.create(shop=shop_a, user=alice, action="cancel", total=1)
        EvidencePack.objects.create(complaint=complaint, created_by=alice, status="failed", error="磁盘已满")
    client.force_login(alice)
    with django_assert_max_num_queries(15):
        assert client.get(reverse("reviews:jobs")).status_code == 200


@pytest.mark.django_db(transaction=True)
def test_sweep_requeues_a_running_record_whose_rq_job_vanished(redis_url, shop_a, alice):
    from shieldsite.queues import rq_queue

    queue = rq_queue("scoring")
    backtest = Backtest.objects.create(
        shop=shop_a, values={}, base_version=1, created_by=alice, status=Backtest.Status.RUNNING
    )
    Backtest.objects.filter(pk=backtest.pk).update(created_at=timezone.now() - timedelta(hours=1))
    with override_settings(RQ_ASYNC=True):
        queue = rq_queue("scoring")
        queue.empty()
        result = jobs_requeue_stuck()
        assert f"backtest-{backtest.pk}" in result.requeued_records
        assert f"backtest-{backtest.pk}" in queue.get_job_ids()
        again = jobs_requeue_stuck()
        assert f"backtest-{backtest.pk}" not in again.requeued_records, "a queued job is not sent twice"
        queue.empty()


@pytest.mark.django_db(transaction=True)
def test_enqueue_while_redis_is_down_waits_in_the_outbox_then_runs(redis_url, shop_a, monkeypatch):
    import redis
    from rq import Queue, SimpleWorker

    from reviews.models import Shop
    from shieldsite import queues

    real = queues.rq_queue
    dead = redis.Redis(host="127.0.0.1", port=1, socket_connect_timeout=0.2)
    monkeypatch.setattr(queues, "rq_queue", lambda name: Queue(name, connection=dead))
    with override_settings(RQ_ASYNC=True):
        queues.enqueue("default", rename_shop, shop_a.pk, "改名了")  # autocommit: sent at once
        row = DeferredJob.objects.get()
        assert row.func == "tests.reviews.test_jobs_page.rename_shop" and row.args == [shop_a.pk, "改名了"]
        assert queues.flush_deferred_jobs() == (0, 1), "still down: the job keeps waiting"
        monkeypatch.setattr(queues, "rq_queue", real)
        queue = real("default")
        queue.empty()
        assert queues.flush_deferred_jobs() == (1, 0)
        SimpleWorker([queue], connection=queue.connection).work(burst=True)
    assert Shop.objects.get(pk=shop_a.pk).name == "改名了"


def rename_shop(shop_id: int, name: str) -> None:
    from reviews.models import Shop

    Shop.objects.filter(pk=shop_id).update(name=name)


@pytest.mark.django_db(transaction=True)
def test_failed_scoring_job_is_shown_to_its_shops_admin_and_retried(redis_url, client, alice, shop_a, monkeypatch):
    from rq import SimpleWorker

    from reviews import jobs
    from reviews.services import scoring
    from shieldsite.queues import enqueue, rq_queue

    def disk_full(**kwargs):
        raise RuntimeError("磁盘已满")

    monkeypatch.setattr(scoring, "rescore", disk_full)
    with override_settings(RQ_ASYNC=True):
        queue = rq_queue("scoring")
        queue.empty()
        for job_id in queue.failed_job_registry.get_job_ids():
            queue.failed_job_registry.remove(job_id, delete_job=True)
        enqueue("scoring", jobs.rescore_buyers, shop_a.pk, [1])
        enqueue("scoring", jobs.rescore_buyers, shop_a.pk + 1000, [1])  # another shop's
        SimpleWorker([queue], connection=queue.connection).work(burst=True)  # fails, retried twice, fails
        assert queue.failed_job_registry.count == 2
        client.force_login(alice)
        page = client.get(reverse("reviews:jobs")).content.decode()
        assert "重算买家信用分" in page and "磁盘已满" in page
        assert page.count("磁盘已满") == 1, "another shop's failed job is not shown"
        ours = next(j for j in queue.failed_job_registry.get_job_ids() if j in page)
        response = client.post(reverse("reviews:scoring_job_retry", args=[ours]), follow=True)
        assert "已重新排队" in response.content.decode()
        assert ours in queue.get_job_ids()
        others = [j for j in queue.failed_job_registry.get_job_ids() if j != ours]
        assert client.post(reverse("reviews:scoring_job_retry", args=[others[0]])).status_code == 404
        queue.empty()
        for job_id in queue.failed_job_registry.get_job_ids():
            queue.failed_job_registry.remove(job_id, delete_job=True)
