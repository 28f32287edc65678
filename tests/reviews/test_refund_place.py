"""Refund rings found by their place: several accounts (one person's relatives, each with a phone
of its own) refunding after delivery far more often at one street than the shop's refund share
gives; honest one-off refunds spread over the shop's places, and a busy pickup point whose share
is the shop's, are left alone. And a wholesale buyer who re-places an unpaid bulk order is a
customer, not a competitor locking stock."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from reviews.models import Order
from reviews.services.screening.baselines import place_cells_warm, sku_normals_warm
from tests.conftest import make_buyer, make_order
from tests.reviews.test_screening import codes, screen

pytestmark = pytest.mark.django_db

NOW = timezone.now()
STREETS = [f"街道{i}" for i in range(30)]


def shipped(shop, buyer, street, days, status=Order.Status.COMPLETED, **fields):
    at = NOW - timedelta(days=days)
    return make_order(
        shop, buyer=buyer, district="南山区", street=street, status=status, ordered_at=at,
        shipped_at=at + timedelta(hours=20), **fields,
    )  # fmt: skip


def honest_month(shop, per_street=6):
    """Buyers in 30 streets, one in twenty orders refunded (the shop's share)."""
    n = 0
    for street in STREETS:
        for _ in range(per_street):
            n += 1
            status = Order.Status.REFUNDED if n % 20 == 0 else Order.Status.COMPLETED
            shipped(shop, make_buyer(shop), street, days=1 + n % 25, status=status)


def test_relatives_accounts_refunding_at_one_street_are_flagged(shop_a):
    honest_month(shop_a)
    ring = []
    for account in range(5):  # one person, five relatives' accounts, each with its own phone
        buyer = make_buyer(shop_a)
        for k in range(3):
            kept = k == 0 and account % 2 == 0
            status = Order.Status.COMPLETED if kept else Order.Status.REFUNDED
            ring.append(shipped(shop_a, buyer, "西丽街道", days=2 + 5 * account + k, status=status))
    sku_normals_warm(shop_a.pk)
    place_cells_warm(shop_a.pk)
    screen(shop_a, ring)
    refunders = [o for o in ring if o.buyer.orders.filter(status=Order.Status.REFUNDED).exists()]
    assert refunders and all("refund_place" in codes(o) for o in refunders)
    message = next(r["message"] for r in ring[1].risk_reasons if r["code"] == "refund_place")
    assert "西丽街道" in message and "5 个账号" in message and "退款 12 单" in message


def test_one_off_refunds_spread_over_the_shop_are_not_a_ring(shop_a):
    honest_month(shop_a, per_street=8)
    orders = list(Order.objects.filter(shop=shop_a))
    sku_normals_warm(shop_a.pk)
    place_cells_warm(shop_a.pk)
    screen(shop_a, orders)
    assert not any("refund_place" in codes(o) for o in orders)


def test_a_busy_pickup_point_with_the_shops_refund_share_is_not_a_ring(shop_a):
    honest_month(shop_a)
    campus = []
    for i in range(200):  # a campus station: many students, one in twenty refunds
        status = Order.Status.REFUNDED if i % 20 == 0 else Order.Status.COMPLETED
        campus.append(shipped(shop_a, make_buyer(shop_a), "大学城", days=1 + i % 28, status=status))
    sku_normals_warm(shop_a.pk)
    place_cells_warm(shop_a.pk)
    screen(shop_a, campus)
    assert not any("refund_place" in codes(o) for o in campus)


def test_a_wholesale_customer_re_placing_an_unpaid_bulk_order_is_not_locking_stock(shop_a):
    for day in range(1, 25):  # the SKU usually sells one or two at a time
        shipped(shop_a, make_buyer(shop_a), STREETS[day], days=day, quantity=1 + day % 2, sku_id="A4")
    sku_normals_warm(shop_a.pk)
    place_cells_warm(shop_a.pk)
    teahouse = make_buyer(shop_a)
    paid = shipped(shop_a, teahouse, "福田街道", days=2, quantity=12, sku_id="A4", amount_paid=Decimal("300"))
    unpaid = make_order(
        shop_a, buyer=teahouse, sku_id="A4", quantity=12, status=Order.Status.CANCELLED,
        ordered_at=paid.ordered_at - timedelta(minutes=5),
    )  # fmt: skip
    stranger = make_order(shop_a, sku_id="A4", quantity=12, status=Order.Status.UNPAID, ordered_at=NOW)
    screen(shop_a, [unpaid, stranger])
    assert "inventory_lock" not in codes(unpaid)
    assert "inventory_lock" in codes(stranger)
