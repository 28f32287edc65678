"""Contacting buyers: the record, template filling, the outcome in the next decision, the timeline."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from reviews.models import ContactAttempt, ContactTemplate, CreditEvent, Decision, Order
from reviews.selectors.contacts import buyer_timeline, contact_latest_for_order
from reviews.services.contacting import (
    DEFAULT_TEMPLATES,
    contact_record,
    contact_template_create,
    contact_template_fill,
    contact_template_update,
    contact_templates_seed,
)
from reviews.services.deciding import bulk_decision_start, order_decide
from tests.conftest import make_buyer, make_flagged_order, make_order

pytestmark = pytest.mark.django_db

Outcome, Channel = ContactAttempt.Outcome, ContactAttempt.Channel


@pytest.fixture
def template(shop_a, alice):
    return contact_template_create(
        shop=shop_a,
        user=alice,
        title="核实",
        text="您好，{店铺}的订单 {订单号}（{商品} × {数量}）是您本人拍下的吗？{未知}",
    )


def test_recording_a_contact_keeps_who_when_and_the_words_sent(bob, shop_a, template):
    order = make_flagged_order(shop_a, order_no="PDD-778", sku_name="维达抽纸", quantity=30)

    attempt = contact_record(
        user=bob, order=order, channel=Channel.PHONE, outcome=Outcome.ADMITTED, template=template, note=" 承认是同行 "
    )

    attempt.refresh_from_db()
    assert attempt.created_by == bob and attempt.created_at is not None
    assert attempt.buyer_id == order.buyer_id and attempt.shop_id == shop_a.pk
    assert attempt.note == "承认是同行"
    assert attempt.message == "您好，店铺A的订单 PDD-778（维达抽纸 × 30）是您本人拍下的吗？{未知}"


def test_template_fill_replaces_only_known_placeholders_and_leaves_order_ones_without_an_order(shop_a):
    text = "{店铺}：订单 {订单号} {0.__class__} {商品}"
    assert contact_template_fill(text=text, shop=shop_a) == "店铺A：订单 {订单号} {0.__class__} {商品}"
    order = make_order(shop_a, order_no="X1", sku_name="纸巾")
    assert contact_template_fill(text=text, shop=shop_a, order=order) == "店铺A：订单 X1 {0.__class__} 纸巾"


def test_a_template_edited_later_does_not_rewrite_what_was_sent(bob, alice, shop_a, template):
    order = make_flagged_order(shop_a, order_no="PDD-1")
    attempt = contact_record(user=bob, order=order, channel=Channel.SMS, outcome=Outcome.NO_ANSWER, template=template)
    contact_template_update(template=template, user=alice, title="核实", text="新的话术 {订单号}", active=True)

    attempt.refresh_from_db()
    assert "是您本人拍下的吗" in attempt.message
    assert ContactTemplate.objects.get(pk=template.pk).updated_by == alice


def test_another_shops_or_retired_template_is_refused(bob, alice, shop_a, shop_b, template):
    order = make_flagged_order(shop_a)
    foreign = ContactTemplate.objects.create(shop=shop_b, title="B", text="b", created_by=alice, updated_by=alice)
    with pytest.raises(ValidationError):
        contact_record(user=bob, order=order, channel=Channel.PHONE, outcome=Outcome.ADMITTED, template=foreign)
    contact_template_update(template=template, user=alice, title=template.title, text=template.text, active=False)
    with pytest.raises(ValidationError):
        contact_record(user=bob, order=order, channel=Channel.PHONE, outcome=Outcome.ADMITTED, template=template)
    with pytest.raises(ValidationError):
        contact_record(user=bob, order=order, channel="fax", outcome="maybe")
    assert not ContactAttempt.objects.exists()


def test_duplicate_template_title_is_a_field_error(alice, shop_a, template):
    with pytest.raises(ValidationError) as exc:
        contact_template_create(shop=shop_a, user=alice, title="核实", text="另一段")
    assert "title" in exc.value.message_dict


def test_the_outcome_is_carried_into_the_next_decision_record(bob, shop_a):
    order = make_flagged_order(shop_a)
    contact_record(user=bob, order=order, channel=Channel.PHONE, outcome=Outcome.NO_ANSWER)
    latest = contact_record(user=bob, order=order, channel=Channel.PLATFORM, outcome=Outcome.ADMITTED)

    decision = order_decide(order=order, user=bob, action=Decision.Action.CANCEL)

    contact = [r for r in decision.reasons if r.get("code") == "contact"]
    assert contact == [
        {
            "code": "contact",
            "message": "已联系买家：承认恶意",
            "weight": 0,
            "outcome": "admitted",
            "channel": "platform",
            "contact_id": latest.pk,
        }
    ]
    # The flag's own reasons are still there, first, as screening wrote them.
    assert decision.reasons[: len(order.risk_reasons)] == order.risk_reasons
    assert Order.objects.get(pk=order.pk).risk_reasons == order.risk_reasons


def test_a_decision_without_a_contact_records_only_the_flag(bob, shop_a):
    order = make_flagged_order(shop_a)
    other = make_flagged_order(shop_a)  # another buyer's contact says nothing about this order
    contact_record(user=bob, order=other, channel=Channel.PHONE, outcome=Outcome.ADMITTED)

    decision = order_decide(order=order, user=bob, action=Decision.Action.APPROVE)

    assert decision.reasons == order.risk_reasons


def test_a_contact_with_the_buyer_speaks_for_their_other_orders_for_a_week(bob, shop_a):
    buyer = make_buyer(shop_a)
    first, second, third = (make_flagged_order(shop_a, buyer=buyer) for _ in range(3))
    contact_record(user=bob, buyer=buyer, channel=Channel.PHONE, outcome=Outcome.REFUSED)  # from the buyer page
    contact_record(user=bob, order=first, channel=Channel.PHONE, outcome=Outcome.CONFIRMED)

    assert contact_latest_for_order(second).outcome == Outcome.CONFIRMED
    ContactAttempt.objects.update(created_at=timezone.now() - timedelta(days=8))
    assert contact_latest_for_order(second) is None
    assert contact_latest_for_order(first).outcome == Outcome.CONFIRMED  # this order's own contact stays


def test_bulk_decisions_carry_each_orders_contact(bob, shop_a, django_capture_on_commit_callbacks):
    contacted = make_flagged_order(shop_a)
    silent = make_flagged_order(shop_a)
    contact_record(user=bob, order=contacted, channel=Channel.SMS, outcome=Outcome.ADMITTED)

    with django_capture_on_commit_callbacks(execute=True):
        bulk_decision_start(shop=shop_a, user=bob, action=Decision.Action.CANCEL, order_ids=[contacted.pk, silent.pk])

    by_order = {d.order_id: d for d in Decision.objects.filter(bulk_job__isnull=False)}
    assert [r["outcome"] for r in by_order[contacted.pk].reasons if r.get("code") == "contact"] == ["admitted"]
    assert not [r for r in by_order[silent.pk].reasons if r.get("code") == "contact"]


def test_buyer_timeline_puts_contacts_among_credit_events_newest_first(bob, shop_a):
    order = make_flagged_order(shop_a)
    buyer = order.buyer
    now = timezone.now()
    old_event = CreditEvent.objects.create(shop=shop_a, buyer=buyer, order=order, kind="cancel_after_pay", delta=-10)
    contact = contact_record(user=bob, order=order, channel=Channel.PHONE, outcome=Outcome.ADMITTED)
    new_event = CreditEvent.objects.create(shop=shop_a, buyer=buyer, kind="blacklisted", delta=-30, created_by=bob)
    CreditEvent.objects.filter(pk=old_event.pk).update(created_at=now - timedelta(hours=3))
    ContactAttempt.objects.filter(pk=contact.pk).update(created_at=now - timedelta(hours=2))
    CreditEvent.objects.filter(pk=new_event.pk).update(created_at=now - timedelta(hours=1))

    timeline = buyer_timeline(buyer)

    assert [entry.kind for entry in timeline] == ["blacklisted", "contact", "cancel_after_pay"]
    assert timeline[1].get_kind_display == "联系买家（电话）：承认恶意"
    assert timeline[1].created_by == bob
    assert [e.kind for e in buyer_timeline(buyer, limit=2)] == ["blacklisted", "contact"]


def test_seeding_default_templates_twice_adds_them_once(alice, shop_a):
    contact_templates_seed(shop=shop_a, user=alice)
    contact_templates_seed(shop=shop_a, user=alice)
    assert ContactTemplate.objects.filter(shop=shop_a).count() == len(DEFAULT_TEMPLATES) >= 2
