"""Refund waves: one-off accounts that buy a dear item, use it and send it back are each an
ordinary refunder; their SKU is not. Its refunds after delivery pile up in one city (a 调包退货
crew) or among one week's orders (穿后退货 before a race), far beyond the SKU's refund share in
the rest of the shop. A flash sale that refunds at the SKU's usual share, and a SKU that is
often returned everywhere (sizes), stay out."""

from datetime import timedelta

import pytest
from django.utils import timezone

from reviews.models import Order
from reviews.services.screening.baselines import place_cells_warm, sku_normals_warm
from tests.conftest import make_buyer, make_order
from tests.reviews.test_screening import codes, screen

pytestmark = pytest.mark.django_db

NOW = timezone.now()
CITIES = [f"城市{i}市" for i in range(20)]


def delivered(shop, city, days, sku="RC-CAR", status=Order.Status.COMPLETED, **fields):
    at = NOW - timedelta(days=days)
    return make_order(
        shop, buyer=make_buyer(shop), sku_id=sku, city=city, district="某区", status=status, ordered_at=at,
        shipped_at=at + timedelta(hours=20), **fields,
    )  # fmt: skip


def honest_sales(shop, sku="RC-CAR", every=25, per_city=6):
    """The SKU sold across 20 cities over two months, one in ``every`` orders sent back."""
    orders, n = [], 0
    for city in CITIES:
        for _ in range(per_city):
            n += 1
            status = Order.Status.REFUNDED if n % every == 0 else Order.Status.COMPLETED
            orders.append(delivered(shop, city, days=1 + (n * 7) % 60, sku=sku, status=status))
    return orders


def warm_and_screen(shop, orders):
    sku_normals_warm(shop.pk)
    place_cells_warm(shop.pk)
    screen(shop, orders)


def test_a_crew_returning_one_dear_item_in_one_city_is_flagged(shop_a):
    honest = honest_sales(shop_a)
    crew = [delivered(shop_a, "佛山市", days=3 + 4 * i, status=Order.Status.REFUNDED) for i in range(7)]
    kept = delivered(shop_a, "佛山市", days=5)  # a neighbour who kept theirs
    warm_and_screen(shop_a, [*crew, kept, *honest])
    assert all("refund_wave" in codes(o) for o in crew)
    assert "refund_wave" not in codes(kept)
    assert not any("refund_wave" in codes(o) for o in honest if o.city != "佛山市")
    message = next(r["message"] for r in crew[0].risk_reasons if r["code"] == "refund_wave")
    assert "佛山市" in message and "7 个账号" in message and "退款 7 单" in message


def test_gear_bought_before_a_race_and_sent_back_after_it_is_flagged(shop_a):
    honest = honest_sales(shop_a)
    race = []
    for i in range(14):  # racers from everywhere, one week's orders, most sent back after the race
        status = Order.Status.COMPLETED if i < 2 else Order.Status.REFUNDED
        race.append(delivered(shop_a, CITIES[i], days=10 + (i % 4) * 0.6, status=status))
    warm_and_screen(shop_a, [*race, *honest])
    refunded = [o for o in race if o.status == Order.Status.REFUNDED]
    assert all("refund_wave" in codes(o) for o in refunded)
    message = next(r["message"] for r in refunded[0].risk_reasons if r["code"] == "refund_wave")
    assert "下单的订单中有 12 个账号收货后退款" in message
    spread = [
        o for o in honest if o.status == Order.Status.REFUNDED and abs(o.ordered_at - race[0].ordered_at).days > 14
    ]
    assert spread and not any("refund_wave" in codes(o) for o in spread)


def test_a_flash_sale_refunding_at_its_usual_share_is_not_a_wave(shop_a):
    honest_sales(shop_a)
    sale = [  # 200 orders in an hour, one in 25 sent back, as the SKU's other sales
        delivered(shop_a, CITIES[i % 20], days=8 + i / 7200,
                  status=Order.Status.REFUNDED if i % 25 == 0 else Order.Status.COMPLETED)
        for i in range(200)
    ]  # fmt: skip
    warm_and_screen(shop_a, sale)
    assert not any("refund_wave" in codes(o) for o in sale)


def test_a_size_often_returned_everywhere_is_judged_against_its_own_share(shop_a):
    honest_sales(shop_a)  # the shop's other goods: one in 25 back
    shoes = honest_sales(shop_a, sku="SHOE-42", every=4)  # one pair in four goes back, in every city
    warm_and_screen(shop_a, shoes)
    assert not any("refund_wave" in codes(o) for o in shoes)
