"""Credit scores follow the ledger: bad outcomes cost points, good orders win some back, never above the base."""

from datetime import timedelta

import pytest
from django.utils import timezone

from reviews import jobs
from reviews.models import Buyer, CreditEvent, Order
from reviews.services.policy import policy_save
from reviews.services.scoring import credit_event_record, credit_events_derive, rescore
from tests.conftest import make_buyer, make_order

pytestmark = pytest.mark.django_db

PAID = timezone.now() - timedelta(days=3)


def refunded(shop, buyer, n, **fields):
    return [make_order(shop, buyer=buyer, status=Order.Status.REFUNDED, paid_at=PAID, **fields) for _ in range(n)]


def score_of(buyer) -> tuple[int, bool]:
    buyer.refresh_from_db()
    return buyer.credit_score, buyer.restricted


def test_refunds_lower_the_score_and_restrict_below_the_floor(shop_a):
    buyer = make_buyer(shop_a)
    orders = refunded(shop_a, buyer, 5)
    jobs.orders_changed(shop_a.pk, [o.pk for o in orders])
    assert score_of(buyer) == (50, True)  # 5 × -10 from 100, below the floor of 60


def test_refund_after_receipt_costs_more_than_before(shop_a):
    before, after = make_buyer(shop_a), make_buyer(shop_a)
    a = make_order(shop_a, buyer=before, status=Order.Status.REFUNDED, paid_at=PAID)
    b = make_order(shop_a, buyer=after, status=Order.Status.REFUNDED, paid_at=PAID, received_at=PAID)
    jobs.orders_changed(shop_a.pk, [a.pk, b.pk])
    assert score_of(before)[0] == 90
    assert score_of(after)[0] == 85


def test_unpaid_close_and_cancel_after_paying_are_distinct_events(shop_a):
    buyer = make_buyer(shop_a)
    unpaid = make_order(shop_a, buyer=buyer, status=Order.Status.CANCELLED, paid_at=None)
    paid = make_order(shop_a, buyer=buyer, status=Order.Status.CANCELLED, paid_at=PAID)
    jobs.orders_changed(shop_a.pk, [unpaid.pk, paid.pk])
    kinds = dict(CreditEvent.objects.values_list("order_id", "kind"))
    assert kinds == {unpaid.pk: "unpaid_closed", paid.pk: "cancel_after_pay"}
    assert score_of(buyer)[0] == 100 - 5 - 8


def test_completed_orders_win_points_back_but_never_above_the_base(shop_a):
    buyer = make_buyer(shop_a)
    bad = refunded(shop_a, buyer, 1)
    good = [make_order(shop_a, buyer=buyer, status=Order.Status.COMPLETED, paid_at=PAID) for _ in range(3)]
    jobs.orders_changed(shop_a.pk, [o.pk for o in bad + good[:2]])
    assert score_of(buyer)[0] == 94
    jobs.orders_changed(shop_a.pk, [good[2].pk])
    more = [make_order(shop_a, buyer=buyer, status=Order.Status.COMPLETED, paid_at=PAID) for _ in range(10)]
    jobs.orders_changed(shop_a.pk, [o.pk for o in more])
    assert score_of(buyer) == (100, False)


def test_deriving_and_rescoring_twice_changes_nothing(shop_a):
    buyer = make_buyer(shop_a)
    orders = refunded(shop_a, buyer, 3)
    credit_events_derive(shop_id=shop_a.pk)
    rescore(shop_id=shop_a.pk)
    first = list(CreditEvent.objects.order_by("pk").values_list("pk", "kind", "delta"))
    assert rescore(shop_id=shop_a.pk) == 0  # nothing left to change
    credit_events_derive(shop_id=shop_a.pk)
    assert list(CreditEvent.objects.order_by("pk").values_list("pk", "kind", "delta")) == first
    assert len(first) == len(orders)
    assert score_of(buyer)[0] == 70


def test_a_completed_order_refunded_later_replaces_its_event(shop_a):
    buyer = make_buyer(shop_a)
    order = make_order(shop_a, buyer=buyer, status=Order.Status.COMPLETED, paid_at=PAID)
    jobs.orders_changed(shop_a.pk, [order.pk])
    Order.objects.filter(pk=order.pk).update(status=Order.Status.REFUNDED, received_at=PAID)
    jobs.orders_changed(shop_a.pk, [order.pk])
    assert list(CreditEvent.objects.values_list("kind", flat=True)) == ["refund_after_receipt"]
    assert score_of(buyer)[0] == 85


def test_full_rescore_resets_a_score_nobody_earned(shop_a):
    buyer = make_buyer(shop_a, credit_score=12, restricted=True)
    rescore(shop_id=shop_a.pk)
    assert score_of(buyer) == (100, False)


def test_full_rescore_only_touches_its_shop(shop_a, shop_b):
    other = make_buyer(shop_b, credit_score=12, restricted=True)
    jobs.rescore_shop(shop_a.pk)
    assert score_of(other) == (12, True)


def test_policy_deltas_apply_on_the_next_full_rescore(shop_a, alice):
    buyer = make_buyer(shop_a)
    refunded(shop_a, buyer, 2)
    jobs.rescore_shop(shop_a.pk)
    assert score_of(buyer)[0] == 80
    policy_save(shop=shop_a, values={"delta_refund": -25}, user=alice)
    jobs.rescore_shop(shop_a.pk)
    assert score_of(buyer) == (50, True)


def test_a_blacklisting_is_recorded_once_per_order_and_lowers_the_score(
    shop_a, bob, django_capture_on_commit_callbacks
):
    buyer = make_buyer(shop_a)
    order = make_order(shop_a, buyer=buyer)
    with django_capture_on_commit_callbacks(execute=True):
        for _ in range(2):
            credit_event_record(
                buyer=buyer, kind=CreditEvent.Kind.BLACKLISTED, reason="恶意拍单", created_by=bob, order=order
            )
    assert CreditEvent.objects.filter(kind="blacklisted").count() == 1
    assert score_of(buyer) == (60, False)
    with django_capture_on_commit_callbacks(execute=True):
        credit_event_record(buyer=buyer, kind=CreditEvent.Kind.COMPLAINT_UPHELD, reason="投诉成立", created_by=bob)
    assert score_of(buyer) == (30, True)


def queries_of_full_rescore(shop, buyers: int) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for _ in range(buyers):
        refunded(shop, make_buyer(shop), 1)
    with CaptureQueriesContext(connection) as context:
        jobs.rescore_shop(shop.pk)
    assert set(Buyer.objects.filter(shop=shop).values_list("credit_score", flat=True)) == {90}
    return len(context)


def test_rescore_queries_do_not_grow_with_buyers(shop_a, shop_b):
    queries_of_full_rescore(shop_a, 1)  # saves the default policy once
    queries_of_full_rescore(shop_b, 1)
    assert queries_of_full_rescore(shop_a, 40) == queries_of_full_rescore(shop_b, 3)


def test_rescore_command_runs_for_one_shop(shop_a, shop_b):
    from django.core.management import call_command

    mine, theirs = make_buyer(shop_a, credit_score=5), make_buyer(shop_b, credit_score=5)
    call_command("rescore", shop=shop_a.pk)
    assert score_of(mine)[0] == 100 and score_of(theirs)[0] == 5


def test_full_rescore_flags_open_orders_of_buyers_who_fell_below_the_floor(shop_a, django_capture_on_commit_callbacks):
    buyer = make_buyer(shop_a)
    refunded(shop_a, buyer, 5)
    open_order = make_order(shop_a, buyer=buyer, status=Order.Status.PAID, risk_state=Order.RiskState.ALLOWED)
    with django_capture_on_commit_callbacks(execute=True):
        jobs.rescore_shop(shop_a.pk)
    open_order.refresh_from_db()
    assert open_order.risk_state == "flagged"
    assert "credit_low" in {r["code"] for r in open_order.risk_reasons}


def test_a_full_rescore_in_several_batches_scores_every_buyer_of_the_shop_once(shop_a, shop_b, monkeypatch):
    from reviews.services import scoring

    monkeypatch.setattr(scoring, "BUYER_BATCH", 2)
    buyers, others = [], []
    for n in range(7):  # another shop's buyers between ours: ids with gaps
        buyers.append(make_buyer(shop_a))
        others.append(make_buyer(shop_b))
        refunded(shop_a, buyers[-1], n)
        refunded(shop_b, others[-1], 1)
    credit_events_derive(shop_id=shop_a.pk)
    assert rescore(shop_id=shop_a.pk) == 6  # the buyer without refunds keeps 100: not written
    assert [score_of(b)[0] for b in buyers] == [100, 90, 80, 70, 60, 50, 40]
    assert {score_of(b)[0] for b in others} == {100}  # never derived or rescored
