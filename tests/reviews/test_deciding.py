"""Claiming and deciding: one reviewer per order, every decision audited, nothing decided twice."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from blacklist.models import BlacklistEntry, Kind, Source
from reviews.models import BulkDecisionJob, Decision, Order
from reviews.selectors.queue import QueueCriteria
from reviews.services.deciding import (
    AlreadyDecided,
    ClaimedByOther,
    bulk_decision_start,
    claim_next_order,
    claims_release,
    order_decide,
    platform_cancel_confirm,
)
from tests.conftest import make_flagged_order, make_member, make_order

pytestmark = pytest.mark.django_db


@pytest.fixture
def dora(shop_a):
    from reviews.models import Role

    return make_member("dora", shop_a, Role.REVIEWER)


def test_next_claims_highest_score_first_and_marks_it_in_review(bob, shop_a):
    make_flagged_order(shop_a, risk_score=50)
    top = make_flagged_order(shop_a, risk_score=90)
    make_order(shop_a, risk_state=Order.RiskState.ALLOWED, risk_score=99)

    order = claim_next_order(user=bob, shop=shop_a)

    assert order.pk == top.pk
    assert order.claimed_by == bob and order.claimed_at is not None
    assert order.risk_state == Order.RiskState.IN_REVIEW


def test_two_reviewers_never_get_the_same_order(bob, dora, shop_a):
    make_flagged_order(shop_a, risk_score=90)
    make_flagged_order(shop_a, risk_score=80)

    first = claim_next_order(user=bob, shop=shop_a)
    second = claim_next_order(user=dora, shop=shop_a)

    assert first.pk != second.pk
    assert claim_next_order(user=dora, shop=shop_a).pk == second.pk  # her own claim comes back first


def test_queue_of_one_shop_never_hands_out_another_shops_order(bob, shop_a, shop_b):
    make_flagged_order(shop_b, risk_score=99)
    assert claim_next_order(user=bob, shop=shop_a) is None


def test_next_respects_the_queue_filter(bob, shop_a):
    make_flagged_order(shop_a, risk_score=90, sku_id="A")
    wanted = make_flagged_order(shop_a, risk_score=40, sku_id="B")
    assert claim_next_order(user=bob, shop=shop_a, criteria=QueueCriteria(sku_id="B")).pk == wanted.pk


def test_deadline_sort_claims_the_order_closest_to_shipping_cut_off(bob, shop_a):
    now = timezone.now()
    make_flagged_order(shop_a, risk_score=90, paid_at=now - timedelta(hours=1))
    urgent = make_flagged_order(shop_a, risk_score=40, paid_at=now - timedelta(hours=40))
    promised = make_flagged_order(shop_a, risk_score=40, paid_at=now, ship_by=now + timedelta(hours=2))

    by_deadline = QueueCriteria(sort=("deadline",))
    assert claim_next_order(user=bob, shop=shop_a, criteria=by_deadline).pk == promised.pk
    assert claim_next_order(user=bob, shop=shop_a, criteria=by_deadline, exclude_ids=[promised.pk]).pk == urgent.pk


def test_lapsed_claim_goes_to_the_next_reviewer(bob, dora, shop_a, settings):
    settings.SHIELD_CLAIM_TTL_MINUTES = 15
    order = make_flagged_order(shop_a)
    claim_next_order(user=bob, shop=shop_a)
    assert claim_next_order(user=dora, shop=shop_a) is None

    Order.objects.filter(pk=order.pk).update(claimed_at=timezone.now() - timedelta(minutes=16))

    claimed = claim_next_order(user=dora, shop=shop_a)
    assert claimed.pk == order.pk and claimed.claimed_by == dora


def test_decide_refuses_an_order_someone_else_holds(bob, dora, shop_a):
    order = make_flagged_order(shop_a)
    claim_next_order(user=bob, shop=shop_a)

    with pytest.raises(ClaimedByOther, match="bob"):
        order_decide(order=order, user=dora, action=Decision.Action.APPROVE)

    assert not Decision.objects.exists()
    order.refresh_from_db()
    assert order.risk_state == Order.RiskState.IN_REVIEW and order.claimed_by == bob


def test_decide_after_the_other_claim_lapsed_is_allowed(bob, dora, shop_a):
    order = make_flagged_order(shop_a)
    claim_next_order(user=bob, shop=shop_a)
    Order.objects.filter(pk=order.pk).update(claimed_at=timezone.now() - timedelta(hours=1))

    decision = order_decide(order=order, user=dora, action=Decision.Action.APPROVE)
    assert decision.user == dora


def test_second_decision_on_a_settled_order_is_refused(bob, dora, shop_a):
    order = make_flagged_order(shop_a)
    order_decide(order=order, user=bob, action=Decision.Action.APPROVE)

    with pytest.raises(AlreadyDecided):
        order_decide(order=order, user=dora, action=Decision.Action.CANCEL)
    with pytest.raises(AlreadyDecided):
        order_decide(order=order, user=bob, action=Decision.Action.APPROVE)

    assert list(Decision.objects.values_list("action", flat=True)) == ["approve"]


def test_database_refuses_a_second_settling_decision(bob, shop_a):
    from django.db import IntegrityError, transaction

    order = make_flagged_order(shop_a)
    Decision.objects.create(shop=shop_a, order=order, user=bob, action=Decision.Action.APPROVE)
    with pytest.raises(IntegrityError), transaction.atomic():
        Decision.objects.create(shop=shop_a, order=order, user=bob, action=Decision.Action.CANCEL)


def test_approve_records_reasons_score_and_releases_the_claim(bob, shop_a):
    order = make_flagged_order(shop_a, risk_score=77)
    claim_next_order(user=bob, shop=shop_a)

    decision = order_decide(order=order, user=bob, action=Decision.Action.APPROVE, note="老客户")

    order.refresh_from_db()
    assert order.risk_state == Order.RiskState.APPROVED
    assert order.claimed_by is None
    assert decision.reasons[0]["code"] == "burst_sku"
    assert decision.risk_score == 77 and decision.note == "老客户"


def test_cancel_records_amount_and_units_saved_and_awaits_platform_cancel(bob, shop_a):
    order = make_flagged_order(shop_a, amount_paid=Decimal("119.70"), quantity=3)

    decision = order_decide(order=order, user=bob, action=Decision.Action.CANCEL)

    assert decision.amount_saved == Decimal("119.70") and decision.units_saved == 3
    assert decision.awaits_platform_cancel
    platform_cancel_confirm(decision=decision, user=bob)
    assert not decision.awaits_platform_cancel
    assert decision.platform_cancel_confirmed_by == bob


def test_blacklist_adds_the_chosen_keys_from_the_order(bob, shop_a):
    order = make_flagged_order(
        shop_a, receiver="王伟", phone="13812345678", province="广东省", city="深圳市", address="南山区科技园南路88号"
    )

    decision = order_decide(
        order=order,
        user=bob,
        action=Decision.Action.BLACKLIST,
        blacklist_kinds=[Kind.PHONE, Kind.RECEIVER_ADDRESS],
        reason_category="bombing",
        note="炸店",
    )

    entries = BlacklistEntry.objects.filter(shop_id=shop_a.pk)
    assert sorted(entries.values_list("kind", flat=True)) == ["phone", "receiver_address"]
    assert {entry.source for entry in entries} == {Source.DECISION}
    assert {entry.created_by_id for entry in entries} == {bob.pk}
    order.refresh_from_db()
    assert order.risk_state == Order.RiskState.BLACKLISTED
    assert {key["kind"] for key in decision.blacklist_keys} == {"phone", "receiver_address"}


REFUNDS = {"code": "refund_rate", "message": "近 10 单取消/退款 8 单", "weight": 35}
BURST = {"code": "burst_sku", "message": "10 分钟内同一商品 60 单，来自 3 个账号", "weight": 20}
LOCK = {"code": "inventory_lock", "message": "未付款 50 件", "weight": 45}
ADDRESS = {"code": "address_keyword", "message": "地址含“驿站”", "weight": 30}


@pytest.mark.parametrize(
    ("reasons", "category"),
    [([BURST, REFUNDS], "refund"), ([BURST, ADDRESS], "bombing"), ([LOCK], "stock_lock"), ([ADDRESS], "other")],
)
def test_blacklist_without_a_category_files_entries_under_the_flags_heaviest_attack(bob, shop_a, reasons, category):
    order = make_flagged_order(shop_a, phone="13812345678", risk_reasons=reasons)

    order_decide(order=order, user=bob, action=Decision.Action.BLACKLIST, blacklist_kinds=[Kind.PHONE])

    assert BlacklistEntry.objects.get(shop_id=shop_a.pk).reason_category == category


def test_a_chosen_category_wins_over_the_flags(bob, shop_a):
    order = make_flagged_order(shop_a, phone="13812345678", risk_reasons=[REFUNDS])

    order_decide(
        order=order,
        user=bob,
        action=Decision.Action.BLACKLIST,
        blacklist_kinds=[Kind.PHONE],
        reason_category="harassment",
    )

    assert BlacklistEntry.objects.get(shop_id=shop_a.pk).reason_category == "harassment"


def test_bulk_blacklisting_files_each_order_under_its_own_flags(bob, shop_a, django_capture_on_commit_callbacks):
    refunder = make_flagged_order(shop_a, phone="13812345678", risk_reasons=[REFUNDS])
    locker = make_flagged_order(shop_a, phone="13912345678", risk_reasons=[LOCK, BURST])
    with django_capture_on_commit_callbacks(execute=True):
        bulk_decision_start(
            shop=shop_a, user=bob, action=Decision.Action.BLACKLIST, order_ids=[refunder.pk, locker.pk],
            blacklist_kinds=[Kind.PHONE],
        )  # fmt: skip

    filed = dict(BlacklistEntry.objects.filter(shop_id=shop_a.pk).values_list("value", "reason_category"))
    assert filed == {"13812345678": "refund", "13912345678": "stock_lock"}


def test_blacklist_with_a_weak_key_records_nothing(bob, shop_a):
    order = make_flagged_order(shop_a, receiver="林*坤", phone="138****5678", province="", city="", address="")

    with pytest.raises(ValidationError):
        order_decide(order=order, user=bob, action=Decision.Action.BLACKLIST, blacklist_kinds=[Kind.ADDRESS])

    assert not Decision.objects.exists() and not BlacklistEntry.objects.exists()
    order.refresh_from_db()
    assert order.risk_state == Order.RiskState.FLAGGED


def test_skip_hands_the_order_back_but_not_to_the_same_reviewer(bob, dora, shop_a):
    order = make_flagged_order(shop_a)
    claim_next_order(user=bob, shop=shop_a)

    order_decide(order=order, user=bob, action=Decision.Action.SKIP)

    assert claim_next_order(user=bob, shop=shop_a) is None
    assert claim_next_order(user=dora, shop=shop_a).pk == order.pk


def test_note_keeps_the_order_in_the_queue(bob, shop_a):
    order = make_flagged_order(shop_a)
    claim_next_order(user=bob, shop=shop_a)
    order_decide(order=order, user=bob, action=Decision.Action.NOTE, note="等客户回复")
    order.refresh_from_db()
    assert order.risk_state == Order.RiskState.IN_REVIEW and order.claimed_by == bob


def test_manager_release_hands_claims_back_with_an_audit_record(bob, manny, shop_a):
    first = make_flagged_order(shop_a, risk_score=90)
    make_flagged_order(shop_a, risk_score=80)
    claim_next_order(user=bob, shop=shop_a)

    assert claims_release(shop=shop_a, user=manny) == 1

    first.refresh_from_db()
    assert first.claimed_by is None and first.risk_state == Order.RiskState.FLAGGED
    release = Decision.objects.get(action=Decision.Action.RELEASE)
    assert release.user == manny and "bob" in release.note


def test_decision_schedules_the_buyers_rescore_on_the_scoring_queue(bob, shop_a, monkeypatch):
    calls = []
    monkeypatch.setattr("reviews.services.deciding.enqueue", lambda *args: calls.append(args))
    order = make_flagged_order(shop_a)
    order_decide(order=order, user=bob, action=Decision.Action.APPROVE)
    order_decide(order=order, user=bob, action=Decision.Action.NOTE, note="只是备注")
    assert calls == [("scoring", "reviews.jobs.orders_changed", shop_a.pk, [order.pk])]


def test_bulk_job_gives_every_order_its_own_decision_and_skips_others_claims(
    bob, dora, shop_a, django_capture_on_commit_callbacks
):
    orders = [make_flagged_order(shop_a, risk_score=50 + i) for i in range(7)]
    held = claim_next_order(user=dora, shop=shop_a)
    settled = orders[0]
    order_decide(order=settled, user=bob, action=Decision.Action.APPROVE)

    with django_capture_on_commit_callbacks(execute=True):
        job = bulk_decision_start(
            shop=shop_a, user=bob, action=Decision.Action.CANCEL, order_ids=[o.pk for o in orders]
        )

    job.refresh_from_db()
    assert job.status == BulkDecisionJob.Status.DONE
    assert job.total == 6 and job.done == 5 and job.skipped == 1  # dora's claim is left alone
    assert Decision.objects.filter(bulk_job=job).count() == 5
    assert Order.objects.get(pk=held.pk).risk_state == Order.RiskState.IN_REVIEW
    assert Order.objects.filter(risk_state=Order.RiskState.CANCELLED).count() == 5


def test_blacklist_decision_lowers_credit_and_records_the_policy_version(
    bob, shop_a, django_capture_on_commit_callbacks
):
    from reviews.models import CreditEvent

    order = make_flagged_order(shop_a, receiver="王伟", phone="13812345678", policy_version=3)

    with django_capture_on_commit_callbacks(execute=True):
        decision = order_decide(order=order, user=bob, action=Decision.Action.BLACKLIST, blacklist_kinds=[Kind.PHONE])

    assert decision.policy_version == 3
    event = CreditEvent.objects.get(order=order, kind=CreditEvent.Kind.BLACKLISTED)
    assert event.delta < 0 and event.created_by == bob
    order.buyer.refresh_from_db()
    assert order.buyer.credit_score < 100


def test_blacklisting_a_buyer_on_each_of_its_orders_charges_its_credit_once(
    bob, shop_a, django_capture_on_commit_callbacks
):
    """A bomber's fifteen orders blacklisted one by one are one blacklisting, not fifteen (the
    decisions still record each); so are its orders blacklisted later in a bulk job."""
    from reviews.models import CreditEvent
    from tests.conftest import make_buyer

    bomber = make_buyer(shop_a)
    orders = [make_flagged_order(shop_a, buyer=bomber, phone="13812345678") for _ in range(5)]
    with django_capture_on_commit_callbacks(execute=True):
        for order in orders[:2]:
            order_decide(order=order, user=bob, action=Decision.Action.BLACKLIST, blacklist_kinds=[Kind.PHONE])
        bulk_decision_start(
            shop=shop_a, user=bob, action=Decision.Action.BLACKLIST, order_ids=[o.pk for o in orders[2:]],
            blacklist_kinds=[Kind.PHONE],
        )  # fmt: skip

    assert Decision.objects.filter(action=Decision.Action.BLACKLIST).count() == 5
    events = CreditEvent.objects.filter(buyer=bomber, kind=CreditEvent.Kind.BLACKLISTED)
    assert [e.order_id for e in events] == [orders[0].pk]
    bomber.refresh_from_db()
    assert bomber.credit_score == 60  # 100 - 40, once


def test_a_bulk_blacklisting_charges_each_buyer_once(bob, shop_a, django_capture_on_commit_callbacks):
    from reviews.models import CreditEvent
    from tests.conftest import make_buyer

    one, two = make_buyer(shop_a), make_buyer(shop_a)
    orders = [make_flagged_order(shop_a, buyer=buyer, phone="13812345678") for buyer in (one, one, one, two)]
    with django_capture_on_commit_callbacks(execute=True):
        bulk_decision_start(
            shop=shop_a, user=bob, action=Decision.Action.BLACKLIST, order_ids=[o.pk for o in orders],
            blacklist_kinds=[Kind.PHONE],
        )  # fmt: skip

    charged = CreditEvent.objects.filter(kind=CreditEvent.Kind.BLACKLISTED).values_list("buyer_id", flat=True)
    assert sorted(charged) == sorted([one.pk, two.pk])
