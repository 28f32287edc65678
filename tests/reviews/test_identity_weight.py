"""A buyer known only by a masked phone and a region may be several people: rules that add up
what "the buyer" did weigh less for it, by the policy's ``masked_identity_weight_pct``, and
the reason says why."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from blacklist.models import Kind
from blacklist.services import blacklist_add
from reviews.models import Backtest, Buyer, Order
from reviews.services.policy import policy_current, policy_save
from reviews.services.screening.verdicts import screen_orders
from reviews.services.tokens import api_token_create
from tests.conftest import make_buyer, make_order
from tests.reviews.test_policy_views import form_data

pytestmark = pytest.mark.django_db
NOW = timezone.now()


def burst(shop, buyer, phone):
    """Six unpaid orders within a quarter of an hour: the fifth and sixth trip the buyer-burst rule."""
    return [
        make_order(shop, buyer=buyer, phone=phone, receiver="", district="南山区", street="粤海街道",
                   status=Order.Status.UNPAID, ordered_at=NOW - timedelta(minutes=20 - 3 * i))
        for i in range(6)
    ]  # fmt: skip


def reason(order, code):
    order.refresh_from_db()
    return next(r for r in order.risk_reasons if r["code"] == code)


def test_masked_identities_count_in_full_by_default(shop_a):
    """Within one shop a masked phone with a name, or with its district and street, is one buyer
    nearly surely: by default its history counts like anyone's (the knob can lower it)."""
    assert policy_current(shop_id=shop_a.pk).masked_identity_weight_pct == 100


def test_buyer_burst_weighs_half_for_a_masked_identity_and_the_knob_sets_how_much(shop_a, alice):
    policy_save(shop=shop_a, values={"masked_identity_weight_pct": 50}, user=alice)
    strong = make_buyer(shop_a, key="13800001111")
    masked = make_buyer(shop_a, key_kind=Buyer.KeyKind.MASKED_PHONE, key="138****5678|@深圳|南山|粤海街道",
                        confidence=Buyer.Confidence.MASKED, display_name="", masked_phone="138****5678")  # fmt: skip
    strong_orders = burst(shop_a, strong, "13800001111")
    masked_orders = burst(shop_a, masked, "138****5678")
    screen_orders(shop_id=shop_a.pk, order_ids=[o.pk for o in strong_orders + masked_orders])

    full, half = reason(strong_orders[-1], "burst_buyer"), reason(masked_orders[-1], "burst_buyer")
    assert full["weight"] == 50 and half["weight"] == 25
    assert "脱敏" in half["message"] and "50%" in half["message"] and "脱敏" not in full["message"]
    assert strong_orders[-1].risk_score > masked_orders[-1].risk_score

    policy_save(shop=shop_a, values={"masked_identity_weight_pct": 20}, user=alice)
    screen_orders(shop_id=shop_a.pk, order_ids=[masked_orders[-1].pk])
    assert reason(masked_orders[-1], "burst_buyer")["weight"] == 10

    policy_save(shop=shop_a, values={"masked_identity_weight_pct": 100}, user=alice)
    screen_orders(shop_id=shop_a.pk, order_ids=[masked_orders[-1].pk])
    masked_full = reason(masked_orders[-1], "burst_buyer")
    assert masked_full["weight"] == 50 and "脱敏" not in masked_full["message"]


def test_blacklist_hit_through_a_masked_phone_key_weighs_less_than_a_full_phone_hit(shop_a, alice):
    policy_save(shop=shop_a, values={"masked_identity_weight_pct": 50}, user=alice)
    blacklist_add(shop_id=shop_a.pk, kind=Kind.PHONE, value="13912345678", receiver="林志坤", reason="仅退款")
    full = make_order(shop_a, phone="13912345678", receiver="林志坤")
    masked_buyer = make_buyer(shop_a, key_kind=Buyer.KeyKind.MASKED_PHONE, key="139****5678|林*坤|x",
                              confidence=Buyer.Confidence.MASKED)  # fmt: skip
    via_mask = make_order(shop_a, buyer=masked_buyer, phone="139****5678", receiver="林志坤")
    verdicts = screen_orders(shop_id=shop_a.pk, order_ids=[full.pk, via_mask.pk])
    assert reason(full, "blacklist")["weight"] == 100 and verdicts[full.pk].decision == Order.Decision.BLOCK
    hit = reason(via_mask, "blacklist")
    assert hit["weight"] == 100 * policy_current(shop_id=shop_a.pk).masked_identity_weight_pct // 100 == 50
    assert "脱敏" in hit["message"]


def test_check_api_resolves_a_privacy_order_to_the_imported_masked_buyer_and_says_so(client, shop_a, alice):
    token = api_token_create(shop=shop_a, name="ERP", user=alice)[1]
    imported = make_buyer(shop_a, key_kind=Buyer.KeyKind.MASKED_PHONE, key="138****5678|@深圳|南山|粤海街道",
                          confidence=Buyer.Confidence.MASKED)  # fmt: skip
    body = {"order_no": "API-P1", "phone": "138****5678", "province": "****", "city": "深圳市",
            "district": "南山区", "street": "粤海街道"}  # fmt: skip
    response = client.post("/api/v1/check", body, content_type="application/json",
                           HTTP_AUTHORIZATION=f"Bearer {token}")  # fmt: skip
    assert response.status_code == 200
    assert response.json()["buyer"]["identity"] == "masked" and response.json()["buyer"]["id"] == imported.pk


def test_policy_page_offers_the_masked_weight_and_refuses_over_100(client, alice, shop_a):
    client.force_login(alice)
    body = client.get(reverse("reviews:policy")).content.decode()
    assert "脱敏身份的规则权重（%）" in body and "100 表示与确定身份同等对待" in body
    response = client.post(reverse("reviews:policy"), form_data(shop_a, masked_identity_weight_pct=150))
    assert response.status_code == 200 and "确保该值小于或等于100" in response.content.decode()
    assert not Backtest.objects.exists()
