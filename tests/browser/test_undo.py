"""A reviewer takes back a decision with 撤销; a manager reopens a blacklisting with a reason."""

import re

import pytest

from blacklist.models import BlacklistEntry, Kind
from reviews.models import CreditEvent, Decision, Order
from reviews.services.deciding import order_decide
from reviews.services.screening.verdicts import screen_orders
from tests.conftest import make_buyer, make_flagged_order, make_order

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = "13812345678"


def test_reviewer_decides_then_undoes_and_the_order_is_back_in_the_queue(login, page, live_server, bob, shop_a):
    order = make_flagged_order(shop_a, order_no="UNDO-1", risk_score=90)

    login("bob")
    page.goto(f"{live_server.url}/queue/")
    page.keyboard.press("j")
    page.wait_for_url(re.compile(rf"/queue/orders/{order.pk}/"))
    page.keyboard.press("c")
    page.wait_for_url(re.compile(r"/queue/(\?.*)?$"))  # nothing left: back to the list, which offers 撤销
    assert Order.objects.get(pk=order.pk).risk_state == Order.RiskState.CANCELLED
    assert "UNDO-1" in page.locator("#undo-bar").inner_text()

    page.keyboard.press("z")
    page.wait_for_url(re.compile(rf"/queue/orders/{order.pk}/"))

    assert "已撤销订单 UNDO-1" in page.locator(".messages").inner_text()
    order.refresh_from_db()
    assert order.risk_state == Order.RiskState.IN_REVIEW and order.claimed_by == bob
    history = page.locator("#decision-history").inner_text()
    assert "取消" in history and "撤销" in history and "已撤回" in history
    page.goto(f"{live_server.url}/queue/")
    assert "UNDO-1" in page.locator("table.queue").inner_text()
    assert page.locator("#undo-bar").count() == 0


def test_manager_reopens_a_blacklisting_and_it_stops_blocking(login, page, live_server, bob, manny, shop_a):
    buyer = make_buyer(shop_a)
    order = make_flagged_order(shop_a, order_no="REOPEN-1", buyer=buyer, receiver="王伟", phone=PHONE)
    order_decide(order=order, user=bob, action=Decision.Action.BLACKLIST, blacklist_kinds=[Kind.PHONE], note="炸店")
    buyer.refresh_from_db()
    assert buyer.credit_score == 60

    login("manny")
    page.goto(f"{live_server.url}/orders/{order.pk}/")
    page.fill("#id_reason", "买家来电申诉，核实为误拉黑")
    page.click("#reopen button[type=submit]")
    page.wait_for_selector(".messages")

    assert "已重新打开" in page.locator(".messages").inner_text()
    assert "买家来电申诉" in page.locator("#decision-history").inner_text()
    order.refresh_from_db()
    assert order.risk_state == Order.RiskState.FLAGGED
    entry = BlacklistEntry.objects.get(shop_id=shop_a.pk)
    assert entry.removed_at is not None and entry.removed_by == manny
    probe = make_order(shop_a, phone=PHONE, receiver="王伟", buyer=make_buyer(shop_a))
    verdict = screen_orders(shop_id=shop_a.pk, order_ids=[probe.pk])[probe.pk]
    assert "blacklist" not in {reason.code for reason in verdict.reasons}
    charge = CreditEvent.objects.get(order=order, kind=CreditEvent.Kind.BLACKLISTED)
    assert charge.reversal.delta == 40
    buyer.refresh_from_db()
    assert buyer.credit_score == 100
