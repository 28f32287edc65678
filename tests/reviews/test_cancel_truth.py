"""Cancelled is not counted until the platform cancelled it: the dashboard's 已避免损失 / 待取消,
the to-cancel list (its order and confirming many at once), and the order list's status columns,
against a small shop worked out by hand."""

import re
from datetime import timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from reviews.models import Decision, Order
from reviews.selectors.dashboard import compute_period_figures
from reviews.selectors.reports import Period
from reviews.services.deciding import order_decide, platform_cancel_confirm
from tests.conftest import make_flagged_order

pytestmark = pytest.mark.django_db


def reasons(*codes, weights=None):
    weights = weights or {}
    return [{"code": code, "message": code, "weight": weights.get(code, 20)} for code in codes]


@pytest.fixture
def outcomes(shop_a, shop_b, bob, charlie):
    """Today's flagged orders of shop A and what became of them:

    undecided   12.00 × 1  flagged, nobody decided yet                      → no money figure
    approved    15.00 × 1  approved                                          → no money figure
    awaiting    30.00 × 1  cancelled by bob, still 待发货 on the platform    → 待取消
    confirmed  100.00 × 2  blacklisted, merchant confirmed on the list       → 已避免损失
    closed      50.00 × 5  cancelled, the next import says 已取消             → 已避免损失
    never_paid  20.00 × 1  unpaid, cancelled, then closed unpaid             → 已避免损失
    shipped     80.00 × 1  cancelled, shipped anyway                         → 未能拦截
    已避免损失 = 100 + 50 + 20 = 170.00, 2 + 5 + 1 = 8 units, 3 orders; 待取消 = 1 order, 30.00.
    Shop B's cancelled order counts for nobody here.
    """
    now = timezone.now()
    o = {}
    o["undecided"] = make_flagged_order(shop_a, ordered_at=now - timedelta(hours=1), amount_paid=Decimal("12.00"))
    o["approved"] = make_flagged_order(shop_a, ordered_at=now - timedelta(hours=1), amount_paid=Decimal("15.00"))
    o["awaiting"] = make_flagged_order(shop_a, ordered_at=now - timedelta(hours=2), amount_paid=Decimal("30.00"))
    o["confirmed"] = make_flagged_order(
        shop_a, ordered_at=now - timedelta(hours=3), amount_paid=Decimal("100.00"), quantity=2, phone="13900000001"
    )
    o["closed"] = make_flagged_order(
        shop_a, ordered_at=now - timedelta(hours=4), amount_paid=Decimal("50.00"), quantity=5
    )
    o["never_paid"] = make_flagged_order(
        shop_a, ordered_at=now - timedelta(hours=5), amount_paid=Decimal("20.00"), status=Order.Status.UNPAID
    )
    Order.objects.filter(pk=o["never_paid"].pk).update(paid_at=None)
    o["shipped"] = make_flagged_order(shop_a, ordered_at=now - timedelta(hours=6), amount_paid=Decimal("80.00"))
    other = make_flagged_order(shop_b, ordered_at=now - timedelta(hours=1), amount_paid=Decimal("999.00"))

    order_decide(order=o["approved"], user=bob, action="approve")
    for key in ("awaiting", "closed", "never_paid", "shipped"):
        order_decide(order=o[key], user=bob, action="cancel")
    confirmed = order_decide(order=o["confirmed"], user=bob, action="blacklist", blacklist_kinds=["phone"])
    platform_cancel_confirm(decision=confirmed, user=bob)
    order_decide(order=other, user=charlie, action="cancel")
    # What the platform reported afterwards (an import updates the orders' status).
    Order.objects.filter(pk__in=[o["closed"].pk, o["never_paid"].pk]).update(status=Order.Status.CANCELLED)
    Order.objects.filter(pk=o["shipped"].pk).update(status=Order.Status.SHIPPED, shipped_at=now)
    return o


def test_prevented_counts_only_orders_the_platform_cancelled(outcomes, shop_a):
    f = compute_period_figures(shop_a, Period.last_days(1))
    assert f["prevented"] == {"orders": 3, "amount": Decimal("170.00"), "units": 8}
    assert f["awaiting_cancel"] == {"orders": 1, "amount": Decimal("30.00"), "units": 1}
    assert f["missed"] == {"orders": 1, "amount": Decimal("80.00"), "units": 1}
    # The decisions themselves are still counted as decisions (what reviewers did).
    assert f["decided"] == {"approve": 1, "cancel": 4, "blacklist": 1}


def test_confirming_on_the_list_moves_an_order_from_awaiting_to_prevented(outcomes, shop_a, bob):
    decision = Decision.objects.get(order=outcomes["awaiting"])
    platform_cancel_confirm(decision=decision, user=bob)
    f = compute_period_figures(shop_a, Period.last_days(1))
    assert f["prevented"] == {"orders": 4, "amount": Decimal("200.00"), "units": 9}
    assert f["awaiting_cancel"]["orders"] == 0


def test_dashboard_shows_avoided_losses_apart_from_awaiting_cancels(client, outcomes, bob):
    client.force_login(bob)
    html = client.get(reverse("reviews:home")).content.decode()
    prevented = re.search(r'id="fig-prevented">([^<]*)<', html).group(1)
    awaiting = re.search(r'id="fig-awaiting-cancel">([^<]*)<', html).group(1)
    assert prevented == "¥170.00"
    assert awaiting.strip() == "1"
    assert "已避免损失" in html and "待取消" in html
    assert "1 单判定取消后仍已发货（未能拦截）" in html


def test_to_cancel_lists_only_orders_that_may_still_ship(client, outcomes, bob):
    client.force_login(bob)
    page = client.get(reverse("reviews:to_cancel"))
    assert [d.order_id for d in page.context["page"]] == [outcomes["awaiting"].pk]
    assert "共 1 单待平台取消" in page.content.decode()


def test_order_list_never_says_cancelled_next_to_a_live_or_shipped_order(client, outcomes, bob):
    client.force_login(bob)
    html = client.get(reverse("reviews:order_list")).content.decode()
    rows = {no: row for row in html.split("<tr>") for no in [re.search(r">(T\d+)</a>", row)] if no}
    row_of = {key: next(r for m, r in rows.items() if m.group(1) == order.order_no) for key, order in outcomes.items()}
    assert "待平台取消" in row_of["awaiting"] and "已取消</span>" not in row_of["awaiting"]
    assert "已发货" in row_of["shipped"] and "未能拦截" in row_of["shipped"]
    assert "已取消" not in row_of["shipped"]
    # The merchant confirmed it on the list before any import said so.
    assert "已在平台取消" in row_of["confirmed"] and "待发货" in row_of["confirmed"]
    # Both sides agree: the platform closed it and Shield cancelled it.
    assert row_of["closed"].count("已取消") == 2
    detail = client.get(reverse("reviews:order_detail", args=[outcomes["shipped"].pk])).content.decode()
    assert "未能拦截" in detail


# -- the to-cancel list's order and confirming many at once -----------------------------------------
@pytest.fixture
def to_cancel(shop_a, bob):
    """Three decisions to cancel, all still open on the platform, decided in this order:
    near: ship-by in 2 h,  ordered 5 h ago
    far:  ship-by in 40 h, ordered 3 h ago
    tie:  ship-by in 2 h,  ordered 1 h ago (newer than near)
    Nearest ship-by first, newer order first among equals: tie, near, far.
    Newest decision first: tie, far, near.
    """
    now = timezone.now()
    specs = {
        "far": (now + timedelta(hours=40), now - timedelta(hours=3)),
        "near": (now + timedelta(hours=2), now - timedelta(hours=5)),
        "tie": (now + timedelta(hours=2), now - timedelta(hours=1)),
    }
    decisions = {}
    for key in ("near", "far", "tie"):
        ship_by, ordered_at = specs[key]
        order = make_flagged_order(shop_a, ship_by=ship_by, ordered_at=ordered_at)
        decisions[key] = order_decide(order=order, user=bob, action="cancel")
    return decisions


def test_to_cancel_lists_nearest_ship_by_first_then_newest_order(client, to_cancel, bob):
    client.force_login(bob)
    listed = [d.pk for d in client.get(reverse("reviews:to_cancel")).context["page"]]
    assert listed == [to_cancel["tie"].pk, to_cancel["near"].pk, to_cancel["far"].pk]


def test_to_cancel_sorted_by_newest_decision(client, to_cancel, bob):
    client.force_login(bob)
    listed = [d.pk for d in client.get(reverse("reviews:to_cancel") + "?sort=newest").context["page"]]
    # Decided near, far, tie in that order.
    assert listed == [to_cancel["tie"].pk, to_cancel["far"].pk, to_cancel["near"].pk]


def test_to_cancel_shows_how_near_the_ship_by_deadline_is(client, to_cancel, bob, shop_a):
    overdue = make_flagged_order(shop_a, ship_by=timezone.now() - timedelta(hours=3))
    order_decide(order=overdue, user=bob, action="cancel")
    client.force_login(bob)
    html = client.get(reverse("reviews:to_cancel")).content.decode()
    assert "还剩 1" in html  # 1 hour, 59 minutes
    assert "已超时 3" in html
    assert html.index(overdue.order_no) < html.index(to_cancel["tie"].order.order_no)


def test_confirming_several_at_once_records_who_and_when_for_each(client, to_cancel, bob, charlie, shop_b):
    theirs = order_decide(order=make_flagged_order(shop_b), user=charlie, action="cancel")
    client.force_login(bob)
    picked = [to_cancel["near"].pk, to_cancel["far"].pk, theirs.pk]
    response = client.post(reverse("reviews:platform_cancels_confirm"), {"decision_ids": picked}, follow=True)
    html = response.content.decode()
    assert "已确认 2 单已在平台取消" in html
    assert [d.pk for d in response.context["page"]] == [to_cancel["tie"].pk]
    for key in ("near", "far"):
        decision = Decision.objects.get(pk=to_cancel[key].pk)
        assert decision.platform_cancel_confirmed_by == bob and decision.platform_cancel_confirmed_at is not None
    theirs.refresh_from_db()
    assert theirs.platform_cancel_confirmed_at is None, "another shop's decision is not touched"


def test_confirming_nothing_says_so(client, to_cancel, bob):
    client.force_login(bob)
    response = client.post(reverse("reviews:platform_cancels_confirm"), {}, follow=True)
    assert "请先勾选已在平台取消的订单" in response.content.decode()
    assert not Decision.objects.filter(platform_cancel_confirmed_at__isnull=False).exists()


def test_confirming_needs_login_and_a_post(client, to_cancel, bob):
    url = reverse("reviews:platform_cancels_confirm")
    assert client.post(url, {"decision_ids": [to_cancel["near"].pk]}).status_code == 302
    assert not Decision.objects.filter(platform_cancel_confirmed_at__isnull=False).exists()
    client.force_login(bob)
    assert client.get(url).status_code == 405
