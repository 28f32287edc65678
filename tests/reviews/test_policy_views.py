"""Admins tune the policy: backtest first, then save a new version; others cannot."""

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from reviews.forms import PolicyForm
from reviews.models import Backtest, Order, RiskPolicy
from reviews.services.backtesting import backtest_compute
from reviews.services.policy import policy_current
from tests.conftest import make_buyer, make_order

pytestmark = pytest.mark.django_db


def form_data(shop, **changes):
    values = policy_current(shop_id=shop.pk).values()
    values.update(changes)
    return {k: ("on" if v is True else "" if v is False else v) for k, v in values.items()}


@pytest.mark.parametrize("user", ["bob", "manny"])
def test_only_admins_open_the_policy_page(client, request, user):
    client.force_login(request.getfixturevalue(user))
    assert client.get(reverse("reviews:policy")).status_code == 403


def test_nav_links_the_policy_page_for_admins_only(client, alice, bob):
    client.force_login(alice)
    assert reverse("reviews:policy") in client.get(reverse("reviews:home")).content.decode()
    client.force_login(bob)
    assert reverse("reviews:policy") not in client.get(reverse("reviews:home")).content.decode()


def test_policy_page_shows_thresholds_with_chinese_labels_and_help(client, alice):
    client.force_login(alice)
    body = client.get(reverse("reviews:policy")).content.decode()
    assert "受限分数线" in body and "信用分低于此分的买家被限制" in body
    assert "送审分数线" in body and "v1" in body


def test_backtest_then_save_creates_a_new_version_with_its_diff(
    client, alice, shop_a, django_capture_on_commit_callbacks
):
    client.force_login(alice)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("reviews:policy"), form_data(shop_a, review_threshold=30, note="x"))
    backtest = Backtest.objects.get()
    assert response["Location"] == reverse("reviews:policy_backtest", args=[backtest.pk])
    page = client.get(response["Location"]).content.decode()
    assert backtest.__class__.objects.get().status == "done"
    assert "保存为新版本" in page and "送审分数线" in page
    client.post(reverse("reviews:policy_save", args=[backtest.pk]), {"note": "更严格"})
    new = RiskPolicy.objects.get(shop=shop_a, version=2)
    assert new.review_threshold == 30 and new.created_by == alice and new.note == "更严格"
    assert new.diff == {"review_threshold": [40, 30]}
    assert RiskPolicy.objects.get(shop=shop_a, version=1).review_threshold == 40  # old version unchanged
    history = client.get(reverse("reviews:policy")).content.decode()
    assert "v2" in history and "更严格" in history


def test_save_is_refused_before_the_backtest_finished(client, alice, shop_a):
    client.force_login(alice)
    policy_current(shop_id=shop_a.pk)
    backtest = Backtest.objects.create(shop=shop_a, values={"review_threshold": 10}, base_version=1, created_by=alice)
    client.post(reverse("reviews:policy_save", args=[backtest.pk]), {"note": ""})
    assert RiskPolicy.objects.filter(shop=shop_a).count() == 1


def test_invalid_thresholds_are_explained(client, alice, shop_a):
    client.force_login(alice)
    response = client.post(reverse("reviews:policy"), form_data(shop_a, review_threshold=90, block_threshold=50))
    assert response.status_code == 200
    assert "建议拦截分数线不能低于送审分数线" in response.content.decode()
    assert not Backtest.objects.exists()


def test_other_shops_backtests_and_versions_answer_404(client, alice, shop_b, charlie):
    policy_current(shop_id=shop_b.pk)
    backtest = Backtest.objects.create(shop=shop_b, values={}, base_version=1, created_by=charlie)
    client.force_login(alice)
    assert client.get(reverse("reviews:policy_backtest", args=[backtest.pk])).status_code == 404
    assert client.post(reverse("reviews:policy_save", args=[backtest.pk])).status_code == 404


def test_backtest_page_names_every_rule_that_fired(client, alice, shop_a):
    backtest = Backtest.objects.create(
        shop=shop_a, values={}, base_version=1, created_by=alice, status=Backtest.Status.DONE,
        result={"orders": 12, "orders_now": 12, "rules": {"buyer_tag": 7, "burst_sku": 5}, "seconds": 0.1},
    )  # fmt: skip
    client.force_login(alice)
    page = client.get(reverse("reviews:policy_backtest", args=[backtest.pk])).content.decode()
    assert re.search(r"<td>买家标签</td><td[^>]*>7</td>", page)
    assert re.search(r"<td>炸店：同一商品集中下单</td><td[^>]*>5</td>", page)


def test_old_versions_stay_readable(client, alice, shop_a):
    from reviews.services.policy import policy_save

    policy_save(shop=shop_a, values={"burst_orders": 9}, user=alice)
    client.force_login(alice)
    body = client.get(reverse("reviews:policy_version", args=[1])).content.decode()
    assert "单个买家短时下单数" in body
    assert "9" in client.get(reverse("reviews:policy_version", args=[2])).content.decode()


def test_backtest_counts_orders_buyers_and_later_bad_outcomes(shop_a):
    buyer = make_buyer(shop_a)
    now = timezone.now()
    for i in range(6):
        make_order(shop_a, buyer=buyer, status=Order.Status.CANCELLED, ordered_at=now - timedelta(minutes=i))
    make_order(shop_a, ordered_at=now - timedelta(days=2))
    lenient = backtest_compute(shop_id=shop_a.pk, values={"burst_orders": 50, "rate_min_orders": 50})
    assert lenient["orders_now"] == 6 and lenient["buyers_now"] == 1 and lenient["confirmed_now"] == 6
    assert lenient["orders"] == 0
    assert lenient["total_orders"] == 7


def test_rescore_button_runs_a_full_rescore(client, alice, shop_a, django_capture_on_commit_callbacks):
    buyer = make_buyer(shop_a, credit_score=3, restricted=True)
    client.force_login(alice)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("reviews:policy_rescore"))
    buyer.refresh_from_db()
    assert (buyer.credit_score, buyer.restricted) == (100, False)


def test_keywords_typed_with_windows_line_ends_are_not_a_change(alice, shop_a):
    from reviews.forms import PolicyForm

    current = policy_current(shop_id=shop_a.pk)
    data = form_data(shop_a, address_keywords=current.address_keywords.replace("\n", "\r\n") + "\r\n\r\n驿站")
    form = PolicyForm(data, instance=RiskPolicy(shop=shop_a, version=0))
    assert form.is_valid(), form.errors
    assert form.tunable_values()["address_keywords"] == current.address_keywords


def test_order_page_shows_the_credit_events_behind_the_buyers_score(client, bob, shop_a):
    buyer = make_buyer(shop_a)
    bad = make_order(shop_a, buyer=buyer, status=Order.Status.REFUNDED, paid_at=timezone.now())
    from reviews import jobs

    jobs.orders_changed(shop_a.pk, [bad.pk])
    client.force_login(bob)
    body = client.get(reverse("reviews:order_detail", args=[bad.pk])).content.decode()
    assert "买家信用分 90 的由来" in body and "退款" in body and "-10" in body


def test_a_backtest_whose_helper_died_says_so_in_chinese(client, alice, shop_a, monkeypatch):
    from concurrent.futures.process import BrokenProcessPool

    from reviews.services import backtesting

    def killed(**kwargs):
        raise BrokenProcessPool("A process in the process pool was terminated abruptly")

    monkeypatch.setattr(backtesting, "backtest_compute", killed)
    backtest = Backtest.objects.create(shop=shop_a, values={}, base_version=1, created_by=alice)
    with pytest.raises(BrokenProcessPool):
        backtesting.backtest_run(backtest_id=backtest.pk)
    client.force_login(alice)
    page = client.get(reverse("reviews:policy_backtest", args=[backtest.pk])).content.decode()
    assert "试算失败：后台计算进程意外退出（常见原因是服务器内存不足）" in page
    assert "terminated abruptly" not in page


def test_policy_page_saves_per_sku_limits_and_refuses_unreadable_lines(client, alice, shop_a):
    client.force_login(alice)
    refused = client.post(reverse("reviews:policy"), form_data(shop_a, sku_limits="PROMO=2\n引流款 两件"))
    assert "这些行看不懂（应为“商品ID=每人每天限购件数”）：引流款 两件" in refused.content.decode()
    twice = client.post(reverse("reviews:policy"), form_data(shop_a, sku_limits="PROMO=2\nPROMO=3"))
    assert "同一项写了不止一行：PROMO" in twice.content.decode()
    assert policy_current(shop_id=shop_a.pk).sku_limit_map == {}

    form = PolicyForm(
        form_data(shop_a, sku_limits=" PROMO ＝ 2 \n\nBULK=0"), instance=policy_current(shop_id=shop_a.pk)
    )
    assert form.is_valid(), form.errors
    assert form.cleaned_data["sku_limits"] == "PROMO=2\nBULK=0"
