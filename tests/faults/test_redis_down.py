"""Redis goes away while a reviewer decides: the decision is saved, the rescoring it needs waits in
the outbox, and runs once Redis is back and ``requeue_stuck_jobs`` has sent it. Never a silent loss."""

import pytest
import redis
from django.core.management import call_command
from django.test import override_settings
from django.urls import reverse
from rq import Queue, SimpleWorker

from reviews.models import Buyer, Decision, Order
from shieldsite import queues
from shieldsite.models import DeferredJob
from tests.conftest import make_buyer, make_flagged_order

pytestmark = pytest.mark.django_db(transaction=True)


def closed_port_queue(name: str) -> Queue:
    """A queue on a Redis that is not there (port 1 is closed): every enqueue raises ConnectionError."""
    return Queue(name, connection=redis.Redis(host="127.0.0.1", port=1, socket_connect_timeout=0.2))


def test_blacklist_decision_while_redis_is_down_is_kept_and_rescored_later(
    real_services, client, bob, shop_a, monkeypatch
):
    buyer = make_buyer(shop_a)
    order = make_flagged_order(shop_a, buyer=buyer, phone="13812345678")
    real_queue = queues.rq_queue
    with override_settings(RQ_ASYNC=True):
        scoring = real_queue("scoring")
        scoring.empty()
        monkeypatch.setattr(queues, "rq_queue", closed_port_queue)
        client.force_login(bob)
        response = client.post(
            reverse("reviews:decide", args=[order.pk]),
            {"action": "blacklist", "blacklist_kinds": ["phone"], "reason_category": "bombing"},
        )
        assert response.status_code == 302, "the reviewer is not shown an error: nothing was lost"
        decision = Decision.objects.get(order=order)
        assert decision.action == Decision.Action.BLACKLIST
        assert Order.objects.get(pk=order.pk).risk_state == Order.RiskState.BLACKLISTED
        waiting = {row.func: row.args for row in DeferredJob.objects.filter(sent_at__isnull=True)}
        assert waiting == {
            "reviews.jobs.rescore_buyers": [shop_a.pk, [buyer.pk]],
            "reviews.jobs.orders_changed": [shop_a.pk, [order.pk]],
        }
        assert Buyer.objects.get(pk=buyer.pk).credit_score == 100, "not rescored yet: Redis is down"

        call_command("requeue_stuck_jobs")  # still down: the job stays in the outbox
        assert DeferredJob.objects.filter(sent_at__isnull=True).count() == 2

        monkeypatch.setattr(queues, "rq_queue", real_queue)  # Redis is back
        call_command("requeue_stuck_jobs")
        assert DeferredJob.objects.filter(sent_at__isnull=True).count() == 0
        # This shop's two jobs (a test on the other xdist worker may have queued its own meanwhile).
        ours = sorted(job.func_name for job in scoring.jobs if job.args and job.args[0] == shop_a.pk)
        assert ours == ["reviews.jobs.orders_changed", "reviews.jobs.rescore_buyers"]
        SimpleWorker([scoring], connection=scoring.connection).work(burst=True)
    buyer.refresh_from_db()
    assert buyer.credit_score == 60, "the blacklisting's −40 reached the buyer's score"
