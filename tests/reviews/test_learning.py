"""Rule weights learned from a shop's own labels: fitted on older orders, judged on the newest, kept
in shadow unless they beat the policy in force, and then saved as a new policy version."""

import random
from collections import Counter
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from reviews.models import Decision, LearnedWeights, Order, RiskPolicy
from reviews.services.learning import fit_logistic, points_of, weights_learn
from reviews.services.policy import policy_current
from reviews.services.screening.verdicts import screen_orders
from tests.conftest import make_buyer, make_order

NOW = timezone.now()


def test_fit_gives_points_to_telling_rules_and_none_to_noise():
    patterns = Counter({
        (frozenset({"sku_bombing"}), True): 90, (frozenset({"sku_bombing"}), False): 10,
        (frozenset({"ring_accounts"}), True): 1, (frozenset({"ring_accounts"}), False): 99,
        (frozenset(), True): 20, (frozenset(), False): 800,
    })  # fmt: skip
    patterns[(frozenset({"blacklist"}), False)] = 50  # a blacklisted buyer's orders that turned out fine
    fit = fit_logistic(patterns)
    points = points_of(fit, review_threshold=40)
    assert "blacklist" not in points  # the merchant's own list is never re-weighed by statistics
    assert points["sku_bombing"] >= 40  # alone it makes an order more likely malicious than not
    assert points["ring_accounts"] == 0  # here it marks honest orders: switched off
    assert fit.intercept < 0


def reason(code, weight):
    return [{"code": code, "message": code, "weight": weight}]


def history(shop, *, ring_orders=100, honest=150, noisy=60):
    """Labelled history spread over 60 days: ring orders (cancelled), honest ones (completed), and
    honest ones the 数量异常 rule flagged (completed)."""
    kinds = ["ring"] * ring_orders + ["honest"] * honest + ["noisy"] * noisy
    random.Random(1).shuffle(kinds)  # the newest orders (the judges) hold every kind
    for i, kind in enumerate(kinds):
        at = NOW - timedelta(days=60) + timedelta(minutes=i * 60 * 60 * 24 * 59 // len(kinds))
        if kind == "ring":
            fields = {"status": Order.Status.CANCELLED, "risk_reasons": reason("ring_accounts", 20), "risk_score": 20}
        elif kind == "noisy":
            fields = {"status": Order.Status.COMPLETED, "risk_reasons": reason("quantity", 25), "risk_score": 25}
        else:
            fields = {"status": Order.Status.COMPLETED, "risk_reasons": [], "risk_score": 0}
        make_order(shop, ordered_at=at, risk_decision="allow", buyer=make_buyer(shop), **fields)


@pytest.mark.django_db
def test_too_few_labels_learn_nothing(shop_a):
    history(shop_a, ring_orders=20, honest=60, noisy=10)
    assert weights_learn(shop_id=shop_a.pk) is None
    assert not LearnedWeights.objects.exists()


@pytest.mark.django_db
def test_weights_that_beat_the_policy_take_over_as_a_new_version(shop_a):
    history(shop_a)
    learned = weights_learn(shop_id=shop_a.pk)
    assert learned.status == LearnedWeights.Status.ACTIVE
    assert learned.evaluation["learned"]["f1"] > learned.evaluation["current"]["f1"]
    policy = policy_current(shop_id=shop_a.pk)
    assert policy.version == 2 and policy == learned.policy and "学习到的规则权重接管" in policy.note
    assert policy.rule_weight_map["ring_accounts"] >= 40 and policy.rule_weight_map["quantity"] == 0
    assert RiskPolicy.objects.get(shop=shop_a, version=1).rule_weight_map == {}  # history kept


@pytest.mark.django_db
def test_weights_stay_in_shadow_when_the_policy_already_does_as_well(shop_a):
    history(shop_a, noisy=0)
    # The policy in force already sends the ring to review: nothing to win.
    Order.objects.filter(risk_score=20).update(risk_reasons=reason("sku_bombing", 50), risk_score=50)
    learned = weights_learn(shop_id=shop_a.pk)
    assert learned.status == LearnedWeights.Status.SHADOW and learned.policy is None
    assert policy_current(shop_id=shop_a.pk).version == 1


@pytest.mark.django_db
def test_an_admins_switched_off_rule_stays_off_after_a_takeover(shop_a, alice):
    from reviews.services.policy import policy_save

    policy_save(shop=shop_a, values={"rule_weights": "address_keyword=0"}, user=alice)
    history(shop_a)
    weights_learn(shop_id=shop_a.pk)
    assert policy_current(shop_id=shop_a.pk).rule_weight_map["address_keyword"] == 0


@pytest.mark.django_db
def test_reviewer_decisions_outweigh_outcomes(shop_a, bob):
    """An approved order is honest even if the platform later cancelled it."""
    history(shop_a)
    approved = Order.objects.filter(status=Order.Status.CANCELLED)[:60]
    for order in approved:
        Decision.objects.create(shop=shop_a, order=order, user=bob, action=Decision.Action.APPROVE)
    learned = weights_learn(shop_id=shop_a.pk, take_over=False)
    assert learned.positives == 40


@pytest.mark.django_db
def test_rule_report_shows_learned_weights_beside_the_ones_in_force(client, manny, shop_a):
    history(shop_a)
    Order.objects.update(risk_decision="review")
    weights_learn(shop_id=shop_a.pk, take_over=False)
    client.force_login(manny)
    page = client.get(reverse("reviews:report_rules") + "?range=90d").content.decode()
    assert "学习权重" in page and "影子运行" in page


@pytest.mark.django_db
def test_learned_weights_change_what_screening_flags(shop_a):
    history(shop_a)
    weights_learn(shop_id=shop_a.pk)
    ring = [make_buyer(shop_a) for _ in range(6)]
    from tests.conftest import make_link

    for other in ring[1:]:
        make_link(shop_a, ring[0], other)
    order = make_order(shop_a, buyer=ring[0], status=Order.Status.PAID)
    screen_orders(shop_id=shop_a.pk, order_ids=[order.pk])
    order.refresh_from_db()
    assert order.risk_decision == "review" and order.risk_reasons[0]["code"] == "ring_accounts"


@pytest.mark.django_db
def test_command_says_why_nothing_was_learned(shop_a, capsys):
    call_command("learn_weights", shop=shop_a.pk)
    assert "不足" in capsys.readouterr().out
