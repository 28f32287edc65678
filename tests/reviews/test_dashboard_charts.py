"""The dashboard's charts say what they count: flagged orders once each, scores readable."""

from datetime import datetime, time, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from reviews.models import Order
from reviews.selectors.queue import reason_label
from tests.conftest import make_flagged_order, make_order

pytestmark = pytest.mark.django_db


def at(days_ago: int, hour: int) -> datetime:
    day = timezone.localdate() - timedelta(days=days_ago)
    return timezone.make_aware(datetime.combine(day, time(hour)))


def reason(code: str, weight: int) -> dict:
    return {"code": code, "message": code, "weight": weight}


def bar_totals(chart) -> dict[str, float]:
    """What each bar of a stacked chart adds up to, from the shapes' tooltips ("MM-DD label: n")."""
    totals: dict[str, float] = {}
    for rect in chart.rects:
        label, value = rect["title"].rsplit(": ", 1)
        totals[label.split(" ")[0]] = totals.get(label.split(" ")[0], 0) + float(value.replace(",", ""))
    return totals


def axis_top(chart) -> float:
    return max(float(t["text"].replace(",", "")) for t in chart.texts if t["anchor"] == "end")


@pytest.fixture
def three_reasons(shop_a):
    """Yesterday: one order with three reasons (heaviest burst_sku) and one with one reason."""
    make_flagged_order(
        shop_a,
        ordered_at=at(1, 10),
        risk_reasons=[reason("credit_low", 20), reason("burst_sku", 40), reason("quantity", 10)],
    )
    make_flagged_order(shop_a, ordered_at=at(1, 11), risk_reasons=[reason("refund_rate", 30)])


def test_reasons_chart_counts_each_order_once(client, bob, three_reasons):
    client.force_login(bob)
    response = client.get(reverse("reviews:home"), {"range": "7"})
    chart = response.context["charts"]["reasons"]
    day = (timezone.localdate() - timedelta(days=1)).strftime("%m-%d")
    assert bar_totals(chart) == {day: 2}
    titles = sorted(r["title"] for r in chart.rects)
    # Each order under its main (heaviest) reason: burst_sku, not the first-listed credit_low.
    assert titles == sorted([f"{day} {reason_label('burst_sku')}: 1", f"{day} {reason_label('refund_rate')}: 1"])
    # The axis fits the orders shown (2), not the four reasons they carry.
    assert axis_top(chart) == 4
    # One bar slot per day of the period shown.
    assert len([t for t in chart.texts if t["anchor"] == "middle"]) <= 7
    body = response.content.decode()
    assert "每单只算一次" in body and "一单有几个原因就在几列里各算一次" in body


def test_reasons_per_reason_table_still_counts_every_reason(client, bob, three_reasons):
    client.force_login(bob)
    response = client.get(reverse("reviews:home"), {"range": "7"})
    day = timezone.localdate() - timedelta(days=1)
    assert set(response.context["f"]["reason_codes"]) == {"credit_low", "burst_sku", "quantity", "refund_rate"}
    row = dict(response.context["reason_rows"])[day]
    assert sum(row) == 4  # per reason: four, apart from the chart's two orders


def test_score_chart_starts_at_ten_and_shows_zero_to_nine_apart(client, bob, shop_a):
    for _ in range(40):
        make_order(shop_a, ordered_at=at(1, 9), risk_state=Order.RiskState.ALLOWED, risk_score=3)
    make_flagged_order(shop_a, ordered_at=at(1, 10), risk_score=72)
    client.force_login(bob)
    response = client.get(reverse("reviews:home"), {"range": "7"})
    chart = response.context["charts"]["scores"]
    assert bar_totals(chart) == {"70–79": 1}
    assert axis_top(chart) == 4  # the one risky order is visible, not flattened by the 40
    assert "0–9 分：40 单" in response.content.decode()
