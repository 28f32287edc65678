"""The dashboard (看板): every figure against a small shop whose numbers are worked out by hand."""

import csv
import io
from datetime import datetime, time, timedelta
from decimal import Decimal

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from complaints.models import Complaint
from reviews.models import Decision, Order
from reviews.selectors.dashboard import compute_period_figures
from reviews.selectors.reports import Period
from reviews.services.deciding import order_decide
from tests.conftest import make_flagged_order, make_order

pytestmark = pytest.mark.django_db


def at(days_ago: int, hour: int, minute: int = 0) -> datetime:
    day = timezone.localdate() - timedelta(days=days_ago)
    return timezone.make_aware(datetime.combine(day, time(hour, minute)))


def reasons(*codes):
    return [{"code": code, "message": code, "weight": 20} for code in codes]


@pytest.fixture
def small_shop(shop_a, bob, manny, shop_b):
    """Two days of orders (D1 = two days ago, D2 = yesterday), decided today.

    D1: o1 flagged 70 (炸店 + low credit) → cancelled by bob (39.90 × 2 saved)
        o2 flagged 85 (inventory lock)   → blacklisted by manny (500.00 × 20 saved)
        o6 allowed 5 completed; o7 allowed 0 refunded before shipping (no loss)
        o9 flagged 50 (refund rate) but already closed: history, never queued
    D2: o3 flagged 45 (refund rate)      → approved by bob
        o4 flagged 60 (linked group burst) → still waiting in the queue
        o5 allowed 10, refunded after shipping: the loss (99.00 × 3)
    Outside the period or the shop: o8 (40 days ago), one order of shop B.
    """
    o = {}
    o[1] = make_flagged_order(
        shop_a, ordered_at=at(2, 10), risk_score=70, risk_reasons=reasons("burst_sku", "credit_low"),
        amount_paid=Decimal("39.90"), quantity=2, phone="13800000001",
    )  # fmt: skip
    o[2] = make_flagged_order(
        shop_a, ordered_at=at(2, 11), risk_score=85, risk_decision=Order.Decision.BLOCK,
        risk_reasons=reasons("inventory_lock"), amount_paid=Decimal("500.00"), quantity=20, phone="13800000002",
    )  # fmt: skip
    o[3] = make_flagged_order(
        shop_a, ordered_at=at(1, 10), risk_score=45, risk_reasons=reasons("refund_rate"), phone="13800000003"
    )
    o[4] = make_flagged_order(
        shop_a, ordered_at=at(1, 22), risk_score=60, risk_reasons=reasons("burst_group"), phone="13800000004"
    )
    o[5] = make_order(
        shop_a, ordered_at=at(1, 9), risk_state=Order.RiskState.ALLOWED, risk_score=10, status=Order.Status.REFUNDED,
        shipped_at=at(1, 18), amount_paid=Decimal("99.00"), quantity=3,
    )  # fmt: skip
    o[6] = make_order(shop_a, ordered_at=at(2, 12), risk_state="allowed", risk_score=5, status="completed")
    o[7] = make_order(shop_a, ordered_at=at(2, 13), risk_state="allowed", risk_score=0, status="refunded")
    o[8] = make_flagged_order(
        shop_a,
        ordered_at=at(40, 10),
        status="refunded",
        shipped_at=at(39, 10),
        risk_reasons=reasons("burst_sku"),
        risk_state="allowed",
    )
    o[9] = make_order(
        shop_a, ordered_at=at(2, 15), risk_state="allowed", risk_score=50, risk_decision=Order.Decision.REVIEW,
        risk_reasons=reasons("refund_rate"), status="cancelled",
    )  # fmt: skip
    make_flagged_order(shop_b, ordered_at=at(1, 10), status="refunded", shipped_at=at(1, 11), amount_paid=1000)
    order_decide(order=o[1], user=bob, action="cancel")
    order_decide(order=o[2], user=manny, action="blacklist", blacklist_kinds=["phone"], note="同行")
    order_decide(order=o[3], user=bob, action="approve")
    return o


PERIOD_DAYS = 3  # D1, D2 and today


def period():
    return Period.last_days(PERIOD_DAYS)


def test_period_figures_match_the_hand_computed_shop(small_shop, shop_a):
    f = compute_period_figures(shop_a, period())
    assert f["orders"] == 8
    assert f["flagged"] == 5
    assert f["decided"] == {"approve": 1, "cancel": 1, "blacklist": 1}
    # Neither cancellation is confirmed on the platform yet: nothing is saved, both may still ship.
    assert f["prevented"] == {"orders": 0, "amount": Decimal(0), "units": 0}
    assert f["awaiting_cancel"] == {"orders": 2, "amount": Decimal("539.90"), "units": 22}
    assert f["losses"] == {"orders": 1, "amount": Decimal("99.00"), "units": 3}
    assert {a["kind"]: (a["orders"], a["buyers"]) for a in f["attacks"]} == {
        "burst": (1, 1),
        "inventory_lock": (1, 1),
        "ring": (1, 1),
        "refunder": (2, 2),
    }
    assert f["scores"] == [2, 1, 0, 0, 1, 1, 1, 1, 1, 0]
    d1, d2, today = f["daily"]
    assert (d1["orders"], d1["flagged"], d2["orders"], d2["flagged"]) == (5, 3, 3, 2)
    assert (today["approve"], today["cancel"], today["blacklist"]) == (1, 1, 1)
    assert f["reasons_daily"][d1["day"]] == {"burst_sku": 1, "credit_low": 1, "inventory_lock": 1, "refund_rate": 1}
    assert f["reasons_daily"][d2["day"]] == {"refund_rate": 1, "burst_group": 1}
    weekday = lambda days_ago: (timezone.localdate() - timedelta(days=days_ago)).isoweekday() - 1  # noqa: E731
    heat = f["heat"]
    assert heat[weekday(2)][10] == 1 and heat[weekday(2)][11] == 1 and heat[weekday(2)][15] == 1
    assert heat[weekday(1)][10] == 1 and heat[weekday(1)][22] == 1
    assert sum(map(sum, heat)) == 5


def test_dashboard_page_shows_the_figures_queue_and_complaints(client, small_shop, shop_a, manny, bob):
    Complaint.objects.create(
        shop=shop_a, category="unpaid", title="逾期投诉", status="submitted", created_by=manny,
        reply_due_at=timezone.now() - timedelta(days=1),
    )  # fmt: skip
    Complaint.objects.create(
        shop=shop_a, category="bombing", title="已成立", status="upheld", created_by=manny, closed_at=timezone.now()
    )
    client.force_login(manny)
    response = client.get(reverse("reviews:home"), {"start": period().start, "end": period().end})
    assert response.status_code == 200
    assert response.context["queue"].open == 1
    assert response.context["queue"].oldest["pk"] == small_shop[4].pk
    assert response.context["complaints"] == {"open": 1, "overdue": 1, "upheld": 1, "rejected": 0}
    body = response.content.decode()
    assert 'id="fig-prevented">¥0.00<' in body
    assert 'id="fig-awaiting-cancel">2 ' in body and "¥539.90" in body
    assert "¥99.00" in body
    assert 'id="chart-daily-title"' in body and "<svg" in body


def test_quick_ranges_change_the_figures(client, small_shop, manny):
    client.force_login(manny)
    today = client.get(reverse("reviews:home"), {"range": "today"}).context["f"]
    week = client.get(reverse("reviews:home"), {"range": "7"}).context["f"]
    month = client.get(reverse("reviews:home")).context["f"]
    assert (today["orders"], week["orders"], month["orders"]) == (0, 8, 8)
    assert today["decided_total"] == 3  # decided today
    assert len(month["daily"]) == 30 and len(week["daily"]) == 7


def test_a_bad_custom_range_says_why_and_shows_the_default(client, manny):
    client.force_login(manny)
    response = client.get(reverse("reviews:home"), {"start": "2026-05-10", "end": "2026-05-01"})
    assert response.status_code == 200
    assert "结束日期不能早于开始日期" in response.content.decode()
    assert len(response.context["f"]["daily"]) == 30


def test_figures_are_cached_then_refreshed_in_the_background_after_new_data(
    client, small_shop, shop_a, manny, bob, django_capture_on_commit_callbacks
):
    client.force_login(manny)
    url = reverse("reviews:home")
    assert client.get(url).context["f"]["decided_total"] == 3
    make_order(shop_a, ordered_at=at(1, 8))  # not through an import or a decision: same data version
    assert client.get(url).context["f"]["orders"] == 8
    order_decide(order=small_shop[4], user=bob, action="cancel")  # a decision is a new data version
    with django_capture_on_commit_callbacks(execute=True):
        stale = client.get(url)
    assert stale.context["f"]["refreshing"] and stale.context["f"]["decided_total"] == 3
    assert "正在重新统计" in stale.content.decode()
    fresh = client.get(url).context["f"]
    assert not fresh["refreshing"]
    assert (fresh["decided_total"], fresh["orders"]) == (4, 9)


def test_dashboard_query_count_does_not_grow_with_orders(client, shop_a, manny):
    client.force_login(manny)

    def queries():
        cache.clear()  # measure the uncached figures
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(reverse("reviews:home"), {"range": "7"}).status_code == 200
        return len(ctx)

    for i in range(3):
        make_flagged_order(shop_a, ordered_at=at(1, i), risk_reasons=reasons("burst_sku"))
    few = queries()
    for i in range(30):
        make_flagged_order(shop_a, ordered_at=at(2, i % 24), risk_reasons=reasons("credit_low", "quantity"))
        make_order(shop_a, ordered_at=at(3, i % 24), risk_state="allowed", risk_score=3)
    assert queries() == few
    assert few <= 16


def test_reviewer_sees_the_dashboard_but_cannot_export(client, small_shop, bob):
    client.force_login(bob)
    response = client.get(reverse("reviews:home"))
    assert response.status_code == 200
    assert "export=daily" not in response.content.decode()
    assert client.get(reverse("reviews:home"), {"export": "daily", "format": "csv"}).status_code == 403


def test_dashboard_shows_only_the_current_shop(client, small_shop, charlie):
    client.force_login(charlie)
    figures = client.get(reverse("reviews:home")).context["f"]
    assert figures["orders"] == 1 and figures["decided_total"] == 0
    assert figures["losses"]["amount"] == Decimal("1000")


def test_every_dashboard_table_exports_as_csv_and_xlsx(client, small_shop, manny):
    client.force_login(manny)
    url = reverse("reviews:home")
    for table in ("summary", "attacks", "daily", "reasons", "scores", "heat"):
        response = client.get(url, {"range": "7", "export": table, "format": "csv"})
        assert response.status_code == 200, table
        assert response["Content-Disposition"].endswith('.csv"')
        rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
        assert len(rows) > 1, table
        xlsx = client.get(url, {"export": table, "format": "xlsx"})
        assert xlsx.content[:2] == b"PK"
    daily = list(
        csv.reader(io.StringIO(client.get(url, {"range": "7", "export": "daily"}).content.decode("utf-8-sig")))
    )
    assert daily[0] == ["日期", "订单数", "送审", "通过", "取消", "拉黑"]
    assert [row[1:] for row in daily[-3:]] == [
        ["5", "3", "0", "0", "0"],
        ["3", "2", "0", "0", "0"],
        ["0", "0", "1", "1", "1"],
    ]
    assert client.get(url, {"export": "nothing"}).status_code == 404


def test_exported_cells_cannot_run_as_formulas(client, shop_a, manny):
    make_flagged_order(shop_a, ordered_at=at(1, 9), risk_reasons=reasons('=HYPERLINK("http://x")'))
    client.force_login(manny)
    body = client.get(reverse("reviews:home"), {"export": "reasons"}).content.decode("utf-8-sig")
    assert "'=HYPERLINK" in body
    assert ",=HYPERLINK" not in body


# -- live attack banner -----------------------------------------------------------------------
def burst(shop, n: int, minutes_ago: float = 5, sku="SKU-BOMB"):
    now = timezone.now()
    return [
        make_flagged_order(
            shop, sku_id=sku, sku_name="抽纸", ordered_at=now - timedelta(minutes=minutes_ago, seconds=i)
        )
        for i in range(n)
    ]


def test_burst_in_progress_shows_a_banner_on_dashboard_and_queue(client, shop_a, bob):
    burst(shop_a, 15)  # the default policy: 15 orders of one SKU within 15 minutes
    client.force_login(bob)
    for url in (reverse("reviews:home"), reverse("reviews:queue")):
        body = client.get(url).content.decode()
        assert "正在被炸店" in body, url
        assert f"?shop={shop_a.pk}&amp;sku_id=SKU-BOMB" in body
    filtered = client.get(reverse("reviews:queue"), {"shop": shop_a.pk, "sku_id": "SKU-BOMB"})
    assert filtered.context["page"].paginator.count == 15


def test_no_banner_below_the_threshold_or_for_an_old_burst(client, shop_a, bob):
    burst(shop_a, 14)
    burst(shop_a, 20, minutes_ago=60, sku="SKU-OLD")
    client.force_login(bob)
    assert "正在被炸店" not in client.get(reverse("reviews:home")).content.decode()
    assert "正在被炸店" not in client.get(reverse("reviews:queue")).content.decode()


def test_decided_burst_orders_no_longer_raise_the_banner(client, shop_a, bob):
    orders = burst(shop_a, 15)
    Order.objects.filter(pk=orders[0].pk).update(risk_state=Order.RiskState.CANCELLED)
    client.force_login(bob)
    assert "正在被炸店" not in client.get(reverse("reviews:home")).content.decode()


def test_decisions_audit_what_cancelling_saved(small_shop):
    saved = Decision.objects.filter(action__in=Decision.CANCELLING).order_by("pk")
    assert [(d.amount_saved, d.units_saved) for d in saved] == [(Decimal("39.90"), 2), (Decimal("500.00"), 20)]
