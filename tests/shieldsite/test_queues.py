"""Background work starts only after commit, runs in-process without Redis, and on RQ with it."""

import pytest
from django.db import transaction
from django.test import override_settings

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
