"""Rule precision, reviewer and ring reports: known decisions in, known figures out; scoped per shop."""

import csv
import io
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from reviews.models import BuyerLink, Decision, Order
from reviews.selectors.reports import Period, reviewer_report, rule_precision
from reviews.selectors.rings import largest_rings, ring_for_buyer
from reviews.services.deciding import order_decide
from tests.conftest import make_buyer, make_flagged_order, make_link, make_order

pytestmark = pytest.mark.django_db


def reasons(*codes):
    return [{"code": code, "message": code, "weight": 20} for code in codes]


def week():
    return Period.last_days(7)


# -- rule precision ---------------------------------------------------------------------------
@pytest.fixture
def decided_rules(shop_a, bob):
    """burst_sku flagged 4: 2 cancelled, 1 blacklisted, 1 approved. credit_low flagged 3: 1 cancelled
    (shared with burst_sku), 1 approved, 1 waiting. quantity flagged 1 on a closed order."""
    now = timezone.now()

    def flagged(*codes, **fields):
        return make_flagged_order(shop_a, ordered_at=now - timedelta(hours=2), risk_reasons=reasons(*codes), **fields)

    decide = [
        (flagged("burst_sku", "credit_low"), "cancel"),
        (flagged("burst_sku"), "cancel"),
        (flagged("burst_sku", phone="13900000001"), "blacklist"),
        (flagged("burst_sku"), "approve"),
        (flagged("credit_low"), "approve"),
    ]
    flagged("credit_low")
    flagged("quantity", risk_state=Order.RiskState.ALLOWED, status=Order.Status.CANCELLED)
    make_flagged_order(shop_a, ordered_at=now - timedelta(days=20), risk_reasons=reasons("burst_sku"))  # earlier
    for order, action in decide:
        order_decide(order=order, user=bob, action=action, blacklist_kinds=["phone"])


def test_rule_precision_counts_each_rules_flagged_orders_by_verdict(decided_rules, shop_a):
    rules = {r.code: r for r in rule_precision(shop_a, week())}
    burst = rules["burst_sku"]
    assert (burst.flagged, burst.cancelled, burst.blacklisted, burst.approved, burst.waiting) == (4, 2, 1, 1, 0)
    assert burst.precision == 0.75
    credit = rules["credit_low"]
    assert (credit.flagged, credit.cancelled, credit.approved, credit.waiting, credit.closed) == (3, 1, 1, 1, 0)
    assert credit.precision == 0.5
    quantity = rules["quantity"]
    assert (quantity.flagged, quantity.closed, quantity.precision) == (1, 1, None)
    assert [r.code for r in rule_precision(shop_a, week())][0] == "burst_sku"  # most flagged first


def test_rule_precision_page_and_export(client, decided_rules, manny):
    client.force_login(manny)
    response = client.get(reverse("reviews:report_rules"), {"range": "7"})
    assert response.status_code == 200
    body = response.content.decode()
    assert "炸店：同一商品集中下单" in body and "75%" in body
    export = client.get(reverse("reviews:report_rules"), {"range": "7", "export": "rules", "format": "csv"})
    rows = list(csv.reader(io.StringIO(export.content.decode("utf-8-sig"))))
    assert rows[1][:8] == ["炸店：同一商品集中下单", "burst_sku", "4", "1", "2", "1", "0", "0"]
    assert rows[1][8] == "0.75"


def test_reports_are_for_managers(client, bob):
    client.force_login(bob)
    for name in ("reviews:report_rules", "reviews:report_reviewers", "reviews:rings"):
        assert client.get(reverse(name)).status_code == 403, name


# -- reviewers --------------------------------------------------------------------------------
def test_reviewer_report_counts_times_and_overturns(client, shop_a, bob, manny):
    buyer = make_buyer(shop_a)
    first = make_flagged_order(shop_a, buyer=buyer)
    others = [make_flagged_order(shop_a) for _ in range(3)]
    later = make_flagged_order(shop_a, buyer=buyer)
    start = timezone.now() - timedelta(hours=3)
    # bob: approve the buyer's order, then three more, 60 s, 120 s and 40 min apart.
    for order, offset, action in [
        (first, 0, "approve"),
        (others[0], 60, "cancel"),
        (others[1], 180, "approve"),
        (others[2], 180 + 2400, "cancel"),
    ]:
        decision = order_decide(order=order, user=bob, action=action)
        Decision.objects.filter(pk=decision.pk).update(created_at=start + timedelta(seconds=offset))
    # manny later cancels another order of the same buyer: bob's approval is overturned.
    decision = order_decide(order=later, user=manny, action="cancel")
    Decision.objects.filter(pk=decision.pk).update(created_at=start + timedelta(hours=1))

    people, per_day = reviewer_report(shop_a, week())
    by_name = {p.username: p for p in people}
    assert (by_name["bob"].decisions, by_name["bob"].approve, by_name["bob"].cancel) == (4, 2, 2)
    assert by_name["bob"].median_seconds == 90  # 60 and 120; the 40-minute gap is a break
    assert by_name["bob"].overturned == 1
    assert (by_name["manny"].decisions, by_name["manny"].overturned, by_name["manny"].median_seconds) == (1, 0, None)
    assert sum(row["total"] for row in per_day) == 5

    client.force_login(manny)
    body = client.get(reverse("reviews:report_reviewers"), {"range": "7"}).content.decode()
    assert "90 秒" in body
    export = client.get(reverse("reviews:report_reviewers"), {"range": "7", "export": "reviewers", "format": "csv"})
    rows = list(csv.reader(io.StringIO(export.content.decode("utf-8-sig"))))
    assert rows[1] == ["bob", "4", "2", "2", "0", "0", "90", "1"]


# -- rings ------------------------------------------------------------------------------------
def link(shop, a, b, via=BuyerLink.Via.ADDRESS):
    return make_link(shop, a, b, via=via)


@pytest.fixture
def rings(shop_a, shop_b):
    """A–B by phone, B–C and C–D by address (a chain of four); E alone; F–G a pair; one pair in shop B."""
    a, b, c, d, e, f, g = (
        make_buyer(shop_a, display_name=n, credit_score=s)
        for n, s in zip("ABCDEFG", (40, 90, 80, 70, 100, 100, 100), strict=True)
    )
    link(shop_a, a, b, BuyerLink.Via.PHONE)
    link(shop_a, a, b, BuyerLink.Via.ADDRESS)
    link(shop_a, b, c)
    link(shop_a, c, d)
    link(shop_a, f, g)
    link(shop_b, make_buyer(shop_b), make_buyer(shop_b))
    for buyer, n in ((a, 3), (b, 1), (d, 2), (f, 1)):
        for _ in range(n):
            make_flagged_order(shop_a, buyer=buyer, risk_score=77)
    make_order(shop_a, buyer=c, status=Order.Status.REFUNDED, risk_score=5)
    return {"A": a, "B": b, "C": c, "D": d, "E": e, "F": f, "G": g}


def test_ring_of_a_buyer_follows_links_hop_by_hop(rings):
    ring = ring_for_buyer(rings["A"])
    assert [(m.buyer.display_name, m.hops) for m in ring.members] == [("A", 0), ("B", 1), ("C", 2), ("D", 3)]
    assert {m.buyer.display_name: (m.orders, m.flagged, m.bad, m.max_score) for m in ring.members} == {
        "A": (3, 3, 0, 77),
        "B": (1, 1, 0, 77),
        "C": (1, 0, 1, 5),
        "D": (2, 2, 0, 77),
    }
    assert [sorted(link.kinds) for link in ring.links] == [["address", "phone"], ["address"], ["address"]]
    assert not ring.truncated
    assert ring_for_buyer(rings["E"]).members[0].buyer == rings["E"] and not ring_for_buyer(rings["E"]).links


def test_largest_rings_lists_connected_groups_biggest_first(rings, shop_a):
    found = largest_rings(shop_a)
    assert [(r.size, r.lead.display_name, r.orders, r.flagged, r.bad, r.min_credit) for r in found] == [
        (4, "A", 7, 6, 1, 40),
        (2, "F", 1, 1, 0, 100),
    ]
    assert found[0].links == 4 and found[0].vias == ["同一地址", "同一手机号"]


def test_ring_page_draws_the_graph_and_links_each_account(client, rings, bob):
    client.force_login(bob)
    response = client.get(reverse("reviews:buyer_ring", args=[rings["A"].pk]))
    assert response.status_code == 200
    body = response.content.decode()
    assert body.count("<circle") == 4 and body.count('<line class="edge-') == 3
    assert 'class="edge-phone"' in body
    for name in "BCD":
        assert reverse("reviews:buyer_ring", args=[rings[name].pk]) in body


def test_ring_page_of_another_shops_buyer_is_404(client, rings, charlie):
    client.force_login(charlie)
    assert client.get(reverse("reviews:buyer_ring", args=[rings["A"].pk])).status_code == 404


def test_rings_page_lists_the_shops_rings_and_exports_them_escaped(client, rings, manny):
    rings["A"].display_name = "=cmd|' /C calc'!A0"
    rings["A"].save()
    client.force_login(manny)
    response = client.get(reverse("reviews:rings"))
    assert response.status_code == 200
    assert [r.size for r in response.context["rings"]] == [4, 2]
    export = client.get(reverse("reviews:rings"), {"export": "rings", "format": "csv"}).content.decode("utf-8-sig")
    assert "'=cmd" in export
    members = client.get(reverse("reviews:buyer_ring", args=[rings["A"].pk]), {"export": "members"})
    assert "'=cmd" in members.content.decode("utf-8-sig")


def test_order_and_review_pages_link_to_the_ring(client, rings, bob):
    order = rings["A"].orders.first()
    client.force_login(bob)
    ring_url = reverse("reviews:buyer_ring", args=[rings["A"].pk])
    assert ring_url in client.get(reverse("reviews:order_detail", args=[order.pk])).content.decode()
    assert ring_url in client.get(reverse("reviews:review", args=[order.pk])).content.decode()


def test_report_query_counts_do_not_grow_with_rows(client, shop_a, bob, manny):
    from django.core.cache import cache
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(manny)
    urls = [reverse("reviews:report_rules"), reverse("reviews:report_reviewers"), reverse("reviews:rings")]

    def counts():
        result = []
        for url in urls:
            cache.clear()
            with CaptureQueriesContext(connection) as ctx:
                assert client.get(url).status_code == 200
            result.append(len(ctx))
        return result

    def grow(n):
        for _ in range(n):
            order = make_flagged_order(shop_a, risk_reasons=reasons("burst_sku", "credit_low"))
            order_decide(order=order, user=bob, action="cancel")
            link(shop_a, make_buyer(shop_a), make_buyer(shop_a))

    grow(2)
    few = counts()
    grow(12)
    assert counts() == few
