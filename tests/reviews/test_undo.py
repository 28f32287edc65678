"""Taking a decision back: the reviewer's 撤销 within minutes, a manager's 重新打开 later.

Both are audited decisions; the order returns to the queue with its history, and what the
settlement did (blacklist entries, credit events) is reversed through its own services.
"""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from blacklist.models import BlacklistEntry, EntryEvent, Kind
from reviews.models import CreditEvent, Decision, Order
from reviews.services.deciding import (
    UNDO_WINDOW,
    DecisionRefused,
    PlatformAlreadyCancelled,
    decision_reopen,
    decision_undo,
    order_decide,
    platform_cancel_confirm,
    undoable_decision,
)
from reviews.services.screening.verdicts import screen_orders
from tests.conftest import make_buyer, make_flagged_order, make_member, make_order

pytestmark = pytest.mark.django_db

Action = Decision.Action
PHONE = "13812345678"


@pytest.fixture
def dora(shop_a):
    from reviews.models import Role

    return make_member("dora", shop_a, Role.REVIEWER)


def _age(decision: Decision, by: timedelta) -> None:
    Decision.objects.filter(pk=decision.pk).update(created_at=decision.created_at - by)


def _blacklist(order: Order, user, capture) -> Decision:
    with capture(execute=True):
        return order_decide(order=order, user=user, action=Action.BLACKLIST, blacklist_kinds=[Kind.PHONE], note="炸店")


def _blocked(shop, phone: str = PHONE) -> bool:
    """Whether a new order with this phone is stopped by the blacklist."""
    probe = make_order(shop, phone=phone, receiver="王伟", buyer=make_buyer(shop))
    verdict = screen_orders(shop_id=shop.pk, order_ids=[probe.pk])[probe.pk]
    return any(reason.code == "blacklist" for reason in verdict.reasons)


def test_reviewer_undoes_an_approval_within_the_window_and_gets_the_order_back(bob, shop_a):
    order = make_flagged_order(shop_a)
    approval = order_decide(order=order, user=bob, action=Action.APPROVE)

    assert undoable_decision(user=bob, shop=shop_a) == approval
    undo = decision_undo(decision=approval, user=bob)

    order.refresh_from_db()
    assert order.risk_state == Order.RiskState.IN_REVIEW and order.claimed_by == bob
    assert Order.objects.filter(shop=shop_a).flagged().filter(pk=order.pk).exists()
    approval.refresh_from_db()
    assert approval.reversed_at is not None and undo.reverses == approval and undo.action == Action.UNDO
    # The history keeps both, and the reviewer can decide the order again.
    assert list(order.decisions.order_by("pk").values_list("action", flat=True)) == ["approve", "undo"]
    order_decide(order=order, user=bob, action=Action.CANCEL)
    order.refresh_from_db()
    assert order.risk_state == Order.RiskState.CANCELLED


def test_undo_is_refused_after_the_window(bob, shop_a):
    decision = order_decide(order=make_flagged_order(shop_a), user=bob, action=Action.CANCEL)
    _age(decision, UNDO_WINDOW + timedelta(seconds=1))

    assert undoable_decision(user=bob, shop=shop_a) is None
    with pytest.raises(DecisionRefused, match="5 分钟"):
        decision_undo(decision=decision, user=bob)
    assert Order.objects.get(pk=decision.order_id).risk_state == Order.RiskState.CANCELLED
    assert not Decision.objects.filter(action=Action.UNDO).exists()


def test_undo_is_refused_after_the_reviewers_next_decision(bob, shop_a):
    first = order_decide(order=make_flagged_order(shop_a), user=bob, action=Action.APPROVE)
    second = order_decide(order=make_flagged_order(shop_a), user=bob, action=Action.APPROVE)

    assert undoable_decision(user=bob, shop=shop_a) == second
    with pytest.raises(DecisionRefused, match="之后已经处理了其他订单"):
        decision_undo(decision=first, user=bob)
    assert Order.objects.get(pk=first.order_id).risk_state == Order.RiskState.APPROVED


def test_undo_is_refused_to_another_reviewer(bob, dora, shop_a):
    decision = order_decide(order=make_flagged_order(shop_a), user=bob, action=Action.APPROVE)

    assert undoable_decision(user=dora, shop=shop_a) is None
    with pytest.raises(DecisionRefused, match="只能撤销你自己的处理"):
        decision_undo(decision=decision, user=dora)
    assert Order.objects.get(pk=decision.order_id).risk_state == Order.RiskState.APPROVED


def test_undoing_a_blacklisting_reverses_its_entry_and_credit(bob, shop_a, django_capture_on_commit_callbacks):
    order = make_flagged_order(shop_a, receiver="王伟", phone=PHONE)
    decision = _blacklist(order, bob, django_capture_on_commit_callbacks)
    order.buyer.refresh_from_db()
    assert order.buyer.credit_score == 60 and _blocked(shop_a)

    with django_capture_on_commit_callbacks(execute=True):
        decision_undo(decision=decision, user=bob)

    entry = BlacklistEntry.objects.get(shop_id=shop_a.pk)
    assert entry.removed_at is not None and entry.removed_by == bob  # kept, with who took it off
    assert entry.events.filter(action=EntryEvent.Action.REMOVED).exists()
    assert not _blocked(shop_a)
    charge = CreditEvent.objects.get(order=order, kind=CreditEvent.Kind.BLACKLISTED)  # never deleted
    assert charge.reversal.delta == -charge.delta and charge.reversal.kind == CreditEvent.Kind.REVERSAL
    order.buyer.refresh_from_db()
    assert order.buyer.credit_score == 100


def test_blacklisting_again_after_an_undo_charges_the_buyer_again(bob, shop_a, django_capture_on_commit_callbacks):
    order = make_flagged_order(shop_a, receiver="王伟", phone=PHONE)
    first = _blacklist(order, bob, django_capture_on_commit_callbacks)
    with django_capture_on_commit_callbacks(execute=True):
        decision_undo(decision=first, user=bob)
    _blacklist(order, bob, django_capture_on_commit_callbacks)

    order.buyer.refresh_from_db()
    assert order.buyer.credit_score == 60
    assert _blocked(shop_a)
    assert CreditEvent.objects.filter(buyer=order.buyer).count() == 3  # charge, reversal, charge again


def test_manager_reopens_a_blacklisting_with_a_reason(bob, manny, shop_a, django_capture_on_commit_callbacks):
    order = make_flagged_order(shop_a, receiver="王伟", phone=PHONE)
    decision = _blacklist(order, bob, django_capture_on_commit_callbacks)
    _age(decision, timedelta(days=2))

    with django_capture_on_commit_callbacks(execute=True):
        reopen = decision_reopen(decision=decision, user=manny, reason="买家申诉，核实为误拉黑")

    assert reopen.action == Action.REOPEN and reopen.user == manny and "误拉黑" in reopen.note
    order.refresh_from_db()
    assert order.risk_state == Order.RiskState.FLAGGED and order.claimed_by is None
    assert list(order.decisions.order_by("pk").values_list("action", flat=True)) == ["blacklist", "reopen"]
    assert not _blocked(shop_a)
    order.buyer.refresh_from_db()
    assert order.buyer.credit_score == 100


def test_reopen_needs_a_reason(bob, manny, shop_a):
    decision = order_decide(order=make_flagged_order(shop_a), user=bob, action=Action.APPROVE)
    with pytest.raises(ValidationError):
        decision_reopen(decision=decision, user=manny, reason="  ")
    assert Order.objects.get(pk=decision.order_id).risk_state == Order.RiskState.APPROVED


def test_reopening_an_order_cancelled_on_the_platform_must_be_acknowledged(bob, manny, shop_a):
    decision = order_decide(order=make_flagged_order(shop_a), user=bob, action=Action.CANCEL)
    platform_cancel_confirm(decision=decision, user=bob)

    with pytest.raises(DecisionRefused, match="5 分钟|平台已取消"):
        decision_undo(decision=decision, user=bob)
    with pytest.raises(PlatformAlreadyCancelled):
        decision_reopen(decision=decision, user=manny, reason="判错了")
    reopen = decision_reopen(decision=decision, user=manny, reason="判错了", platform_cancelled_ack=True)

    assert "平台上已取消" in reopen.note
    assert Order.objects.get(pk=decision.order_id).risk_state == Order.RiskState.FLAGGED


def test_undoing_the_charged_blacklisting_moves_the_charge_to_a_standing_one(
    bob, manny, shop_a, django_capture_on_commit_callbacks
):
    """The buyer is charged once, on its first blacklisted order; undoing that one while a
    second still stands keeps the buyer charged."""
    bomber = make_buyer(shop_a)
    first, second = (make_flagged_order(shop_a, buyer=bomber, receiver="王伟", phone=PHONE) for _ in range(2))
    charged = _blacklist(first, bob, django_capture_on_commit_callbacks)
    _blacklist(second, bob, django_capture_on_commit_callbacks)

    with django_capture_on_commit_callbacks(execute=True):
        decision_reopen(decision=charged, user=manny, reason="这一单是误拉黑")

    bomber.refresh_from_db()
    assert bomber.credit_score == 60
    assert CreditEvent.objects.filter(order=second, kind=CreditEvent.Kind.BLACKLISTED).exists()


# Views


def test_reviewer_undo_view_puts_the_order_back_and_opens_it(client, bob, shop_a):
    order = make_flagged_order(shop_a)
    decision = order_decide(order=order, user=bob, action=Action.CANCEL)
    client.force_login(bob)

    undo_url = reverse("reviews:decision_undo", args=[decision.pk])
    assert undo_url in client.get(reverse("reviews:my_decisions")).content.decode()
    assert undo_url in client.get(reverse("reviews:queue")).content.decode()
    response = client.post(undo_url)

    assert response.status_code == 302 and response["Location"].startswith(reverse("reviews:review", args=[order.pk]))
    order.refresh_from_db()
    assert order.risk_state == Order.RiskState.IN_REVIEW
    confirm_url = reverse("reviews:platform_cancel_confirm", args=[decision.pk])
    assert confirm_url not in client.get(reverse("reviews:to_cancel")).content.decode()  # nothing left to cancel


def test_undo_view_of_another_shop_is_404(client, bob, charlie, shop_a):
    decision = order_decide(order=make_flagged_order(shop_a), user=bob, action=Action.APPROVE)
    client.force_login(charlie)
    assert client.post(reverse("reviews:decision_undo", args=[decision.pk])).status_code == 404
    assert not Decision.objects.filter(action=Action.UNDO).exists()


def test_reviewer_cannot_reopen(client, bob, shop_a):
    order = make_flagged_order(shop_a)
    order_decide(order=order, user=bob, action=Action.APPROVE)
    client.force_login(bob)

    response = client.post(reverse("reviews:order_reopen", args=[order.pk]), {"reason": "想改判"})

    assert response.status_code == 403
    assert not Decision.objects.filter(action=Action.REOPEN).exists()
    page = client.get(reverse("reviews:order_detail", args=[order.pk])).content.decode()
    assert reverse("reviews:order_reopen", args=[order.pk]) not in page


def test_manager_reopen_view_requires_a_reason_and_records_it(client, bob, manny, shop_a):
    order = make_flagged_order(shop_a)
    order_decide(order=order, user=bob, action=Action.APPROVE)
    client.force_login(manny)

    page = client.get(reverse("reviews:order_detail", args=[order.pk])).content.decode()
    assert reverse("reviews:order_reopen", args=[order.pk]) in page
    missing = client.post(reverse("reviews:order_reopen", args=[order.pk]), {"reason": ""})
    assert missing.status_code == 400 and "请填写重新打开的原因" in missing.content.decode()
    done = client.post(reverse("reviews:order_reopen", args=[order.pk]), {"reason": "客户来电说明情况"})

    assert done.status_code == 302
    assert Decision.objects.get(action=Action.REOPEN).note == "客户来电说明情况"
    assert Order.objects.get(pk=order.pk).risk_state == Order.RiskState.FLAGGED


def test_reopen_view_of_another_shop_is_404(client, bob, charlie, shop_a):
    order = make_flagged_order(shop_a)
    order_decide(order=order, user=bob, action=Action.APPROVE)
    client.force_login(charlie)
    assert client.post(reverse("reviews:order_reopen", args=[order.pk]), {"reason": "x"}).status_code == 404


def test_bulk_action_asks_for_confirmation_with_the_count(client, bob, shop_a, django_capture_on_commit_callbacks):
    orders = [make_flagged_order(shop_a) for _ in range(3)]
    client.force_login(bob)
    data = {"action": "cancel", "order_ids": [o.pk for o in orders]}

    response = client.post(reverse("reviews:queue_bulk"), data)

    assert response.status_code == 200
    assert "确认取消 3 个订单？" in response.content.decode()
    assert not Decision.objects.exists()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("reviews:queue_bulk"), {**data, "confirmed": "1"})
    assert response.status_code == 302
    assert Decision.objects.filter(action=Action.CANCEL).count() == 3


def test_reopen_view_of_an_order_cancelled_on_the_platform_needs_the_acknowledgement(client, bob, manny, shop_a):
    order = make_flagged_order(shop_a)
    platform_cancel_confirm(decision=order_decide(order=order, user=bob, action=Action.CANCEL), user=bob)
    client.force_login(manny)
    url = reverse("reviews:order_reopen", args=[order.pk])

    page = client.get(reverse("reviews:order_detail", args=[order.pk])).content.decode()
    assert "标记为平台已取消" in page and 'name="platform_cancelled_ack"' in page
    refused = client.post(url, {"reason": "判错了"})
    assert refused.status_code == 400 and "已在平台上取消" in refused.content.decode()
    assert Order.objects.get(pk=order.pk).risk_state == Order.RiskState.CANCELLED

    assert client.post(url, {"reason": "判错了", "platform_cancelled_ack": "on"}).status_code == 302
    assert Order.objects.get(pk=order.pk).risk_state == Order.RiskState.FLAGGED
