"""Each rule is declared once, every consumer reads the declaration, and admins switch rules off or
re-weigh them as a new policy version."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from reviews.models import Order, RiskPolicy
from reviews.services import rules
from reviews.services.policy import policy_current, policy_save
from reviews.services.screening.verdicts import screen_orders
from tests.conftest import make_buyer, make_order
from tests.reviews.test_policy_views import form_data

NOW = timezone.now()


def codes(order) -> dict[str, int]:
    order.refresh_from_db()
    return {reason["code"]: reason["weight"] for reason in order.risk_reasons}


def test_every_reason_code_belongs_to_one_declared_rule():
    declared = [code for spec in rules.CATALOGUE for code in spec.codes]
    assert len(declared) == len(set(declared))
    assert set(rules.REASON_LABELS) == {*declared, "allowlisted"}
    for spec in rules.CATALOGUE:
        assert set(spec.parameters) <= set(RiskPolicy.TUNABLE), spec.code
        assert spec.attack in rules.Attack.values
        assert spec.weight is None or 0 < spec.weight <= 100


def test_rule_labels_read_in_english_too():
    with translation.override("en"):
        english = {spec.code: str(spec.label) for spec in rules.CATALOGUE}
    untranslated = [code for code, label in english.items() if any("\u4e00" <= ch <= "\u9fff" for ch in label)]
    assert untranslated == []


def test_alerts_follow_the_catalogue():
    assert {"blacklist", "blacklist_linked", "burst_sku", "sku_bombing"} <= rules.ALERT_CODES
    assert "quantity" not in rules.ALERT_CODES


@pytest.mark.django_db
def test_admin_switches_a_rule_off_and_reweighs_another_as_a_new_version(shop_a, alice):
    bulky = make_order(shop_a, quantity=30, status=Order.Status.PAID)
    refunder = make_buyer(shop_a)
    refunds = [
        make_order(shop_a, buyer=refunder, status=Order.Status.REFUNDED, ordered_at=NOW - timedelta(days=d))
        for d in range(1, 5)
    ]
    screen_orders(shop_id=shop_a.pk, order_ids=[bulky.pk, refunds[0].pk])
    assert codes(bulky)["quantity"] == 25 and codes(refunds[0])["refund_rate"] == 50

    policy = policy_save(shop=shop_a, values={"rule_weights": "quantity=0\nrefund_rate=70"}, user=alice)
    assert policy.version == 2 and "rule_weights" in policy.diff
    screen_orders(shop_id=shop_a.pk, order_ids=[bulky.pk, refunds[0].pk])
    assert "quantity" not in codes(bulky)
    assert codes(refunds[0])["refund_rate"] == 70
    assert RiskPolicy.objects.get(shop=shop_a, version=1).rule_weight_map == {}  # the old version unchanged


@pytest.mark.django_db
def test_policy_page_lists_every_rule_and_saves_only_what_differs(client, alice, shop_a):
    client.force_login(alice)
    page = client.get(reverse("reviews:policy")).content.decode()
    assert "规则开关与权重" in page
    for spec in rules.CATALOGUE:
        assert str(spec.label) in page
    data = form_data(shop_a)
    data.update({f"rule__{spec.code}": spec.weight for spec in rules.CATALOGUE if spec.weight is not None})
    data.update({f"rule__{spec.code}": "on" for spec in rules.CATALOGUE if spec.weight is None})
    data.update({"rule__sku_bombing": 35, "rule__ring_accounts": 0, "rule__region": ""})
    client.post(reverse("reviews:policy"), data)
    backtest = policy_current(shop_id=shop_a.pk).shop.backtests.get()
    assert backtest.values["rule_weights"] == "sku_bombing=35\nring_accounts=0\nregion=0"


@pytest.mark.django_db
def test_a_weight_over_100_is_refused(client, alice, shop_a):
    client.force_login(alice)
    data = {**form_data(shop_a), "rule__sku_bombing": 150}
    response = client.post(reverse("reviews:policy"), data)
    assert response.status_code == 200 and "100" in response.content.decode()
    assert not policy_current(shop_id=shop_a.pk).shop.backtests.exists()
