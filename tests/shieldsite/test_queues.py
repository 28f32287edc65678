"""Background work starts only after commit, runs in-process without Redis, and on RQ with it."""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.db import transaction
from django.test import override_settings
from django.utils.module_loading import import_string

from reviews.models import Shop
from shieldsite.queues import enqueue


def rename_shop(shop_id: int, name: str) -> None:
    Shop.objects.filter(pk=shop_id).update(name=name)


@pytest.mark.django_db(transaction=True)
@override_settings(REDIS_URL="")
def test_without_redis_job_runs_in_process_after_commit():
    shop = Shop.objects.create(name="旧名")
    with transaction.atomic():
        enqueue("default", rename_shop, shop.pk, "新名")
        shop.refresh_from_db()
        assert shop.name == "旧名", "a job must not run before its transaction commits"
    shop.refresh_from_db()
    assert shop.name == "新名"


@pytest.mark.django_db(transaction=True)
@override_settings(REDIS_URL="")
def test_without_redis_a_job_named_by_dotted_path_runs_in_process_after_commit():
    shop = Shop.objects.create(name="旧名")
    with transaction.atomic():
        enqueue("default", "tests.shieldsite.test_queues.rename_shop", shop.pk, "新名")
    shop.refresh_from_db()
    assert shop.name == "新名"


def test_every_job_path_in_the_code_names_a_function():
    """Services enqueue jobs by dotted path: a typo would otherwise surface only once a commit sends it."""
    paths = set()
    for app in ("reviews", "blacklist", "complaints", "shieldsite"):
        for source in (Path(settings.BASE_DIR) / app).rglob("*.py"):
            paths |= set(re.findall(r'"((?:reviews|complaints|blacklist|shieldsite)\.jobs\.\w+)"', source.read_text()))
    assert "reviews.jobs.orders_changed" in paths
    for path in sorted(paths):
        assert callable(import_string(path)), path


@pytest.mark.django_db(transaction=True)
@override_settings(REDIS_URL="")
def test_rolled_back_transaction_sends_no_job():
    shop = Shop.objects.create(name="旧名")
    with pytest.raises(RuntimeError), transaction.atomic():
        enqueue("default", rename_shop, shop.pk, "新名")
        raise RuntimeError
    shop.refresh_from_db()
    assert shop.name == "旧名"


def test_unknown_queue_is_refused():
    with pytest.raises(ValueError):
        enqueue("nope", rename_shop, 1, "x")


@pytest.mark.django_db(transaction=True)
def test_with_redis_a_worker_runs_the_queued_job(redis_url):
    import django_rq
    from rq import SimpleWorker

    shop = Shop.objects.create(name="旧名")
    queue = django_rq.get_queue("default")
    queue.empty()
    with override_settings(RQ_ASYNC=True), transaction.atomic():
        enqueue("default", rename_shop, shop.pk, "新名")
    assert queue.count == 1
    shop.refresh_from_db()
    assert shop.name == "旧名", "an async queue waits for a worker"
    SimpleWorker([queue], connection=queue.connection).work(burst=True)
    shop.refresh_from_db()
    assert shop.name == "新名"


CALLS: list[int] = []


def fail_twice(shop_id: int) -> None:
    CALLS.append(shop_id)
    if len(CALLS) < 3:
        raise ConnectionError("endpoint down")


def always_fail(shop_id: int) -> None:
    CALLS.append(shop_id)
    raise ConnectionError("endpoint down")


@pytest.mark.django_db(transaction=True)
@override_settings(REDIS_URL="")
def test_without_redis_a_retried_job_runs_again_at_once_and_never_raises():
    from rq import Retry

    CALLS.clear()
    with transaction.atomic():
        enqueue("default", fail_twice, 7, retry=Retry(max=3, interval=[30, 120, 600]))
    assert CALLS == [7, 7, 7]  # succeeded on the third attempt
    CALLS.clear()
    with transaction.atomic():
        enqueue("default", always_fail, 7, retry=Retry(max=2, interval=[30, 120]))
    assert CALLS == [7, 7, 7]  # 1 + 2 retries, then given up (logged), not raised at the committer


@pytest.mark.django_db(transaction=True)
def test_with_redis_a_failed_job_is_scheduled_again_with_its_interval(redis_url):
    import django_rq
    from rq import Retry, SimpleWorker
    from rq.registry import ScheduledJobRegistry

    queue = django_rq.get_queue("default")
    queue.empty()
    scheduled = ScheduledJobRegistry(queue=queue)
    for job_id in scheduled.get_job_ids():
        scheduled.remove(job_id, delete_job=True)
    with override_settings(RQ_ASYNC=True), transaction.atomic():
        enqueue("default", always_fail, 7, retry=Retry(max=3, interval=[30, 120, 600]))
    SimpleWorker([queue], connection=queue.connection).work(burst=True)
    ids = scheduled.get_job_ids()
    assert len(ids) == 1, "the failed attempt waits 30 s in the scheduled registry"
    job = queue.fetch_job(ids[0])
    assert job.retries_left == 2 and job.retry_intervals == [30, 120, 600]
    scheduled.remove(ids[0], delete_job=True)
