"""Buyer tags: reviewers tag buyers in the merchants' words; tags show, filter and weigh in screening."""

import pytest
from django.urls import reverse

from reviews.models import BuyerTag, BuyerTagging, RiskPolicy
from reviews.services.policy import policy_current, policy_save
from reviews.services.screening.verdicts import screen_orders
from reviews.services.tagging import buyer_tag_add, buyer_tag_remove, shop_tags
from tests.conftest import make_buyer, make_flagged_order, make_order

pytestmark = pytest.mark.django_db


def tag(shop, name):
    return next(t for t in shop_tags(shop_id=shop.pk) if t.name == name)


def tag_reason(order):
    order.refresh_from_db()
    return next((r for r in order.risk_reasons if r["code"] == "buyer_tag"), None)


def test_every_shop_starts_with_the_merchants_words():
    from reviews.models import Shop

    shop = Shop.objects.create(name="新店")
    names = {t.name for t in shop_tags(shop_id=shop.pk)}
    assert {"兔子", "野狗", "鳄鱼", "老鼠", "蜜獾", "同行", "炸店"} <= names
    assert str(tag(shop, "兔子")) == "兔子（恶意退款/仅退款）"


def test_a_tagged_buyers_order_carries_the_tag_reason_with_the_policy_weight(shop_a, bob):
    rabbit = make_buyer(shop_a)
    plain = make_buyer(shop_a)
    buyer_tag_add(buyer=rabbit, tag=tag(shop_a, "兔子"), user=bob)
    tagged_order, plain_order = make_order(shop_a, buyer=rabbit), make_order(shop_a, buyer=plain)
    screen_orders(shop_id=shop_a.pk, order_ids=[tagged_order.pk, plain_order.pk])
    reason = tag_reason(tagged_order)
    assert reason == {
        "code": "buyer_tag",
        "message": "买家被标记为：兔子",
        "weight": 30,
        # The sentence kept as source and facts too, so a page says it in its reader's language.
        "text": {"msgid": "买家被标记为：%(tags)s", "params": {"tags": "兔子"}},
    }
    assert tag_reason(plain_order) is None


def test_tag_weights_follow_the_policy_version(shop_a, alice, bob):
    buyer = make_buyer(shop_a)
    buyer_tag_add(buyer=buyer, tag=tag(shop_a, "同行"), user=bob)
    buyer_tag_add(buyer=buyer, tag=tag(shop_a, "兔子"), user=bob)
    order = make_order(shop_a, buyer=buyer)
    saved = policy_save(shop=shop_a, values={"tag_weights": "同行=90\n兔子=0"}, user=alice)
    screen_orders(shop_id=shop_a.pk, order_ids=[order.pk])
    order.refresh_from_db()
    assert tag_reason(order)["weight"] == 90 and "兔子" not in tag_reason(order)["message"]
    assert order.risk_decision == "block" and order.policy_version == saved.version
    assert saved.diff["tag_weights"][1] == "同行=90\n兔子=0"


def test_removing_a_tag_keeps_its_history_and_stops_counting(shop_a, bob, manny):
    buyer = make_buyer(shop_a)
    tagging = buyer_tag_add(buyer=buyer, tag=tag(shop_a, "野狗"), user=bob)
    buyer_tag_remove(tagging=tagging, user=manny)
    row = BuyerTagging.objects.get()
    assert (row.added_by, row.removed_by) == (bob, manny) and row.removed_at is not None
    order = make_order(shop_a, buyer=buyer)
    screen_orders(shop_id=shop_a.pk, order_ids=[order.pk])
    assert tag_reason(order) is None
    # Tagging again starts a new live row; the old one stays.
    buyer_tag_add(buyer=buyer, tag=tag(shop_a, "野狗"), user=bob)
    assert BuyerTagging.objects.count() == 2


def test_reviewer_tags_from_the_review_page_and_the_queue_filters_by_tag(client, bob, shop_a):
    tagged = make_flagged_order(shop_a)
    other = make_flagged_order(shop_a)
    client.force_login(bob)
    review = reverse("reviews:review", args=[tagged.pk])
    page = client.get(review).content.decode()
    assert 'data-shortcut="t"' in page and "鳄鱼（职业打假）" in page
    response = client.post(
        reverse("reviews:buyer_tag_add", args=[tagged.buyer_id]), {"tag": tag(shop_a, "鳄鱼").pk, "next": review}
    )
    assert response.status_code == 302 and response["Location"] == review
    queue = client.get(reverse("reviews:queue"), {"tag": "鳄鱼"})
    shown = [o.pk for o in queue.context["page"].object_list]
    assert shown == [tagged.pk] and other.pk not in shown
    assert '<span class="tag-chip">鳄鱼</span>' in queue.content.decode()


def test_foreign_buyer_or_tag_answers_404(client, bob, charlie, shop_a, shop_b):
    mine, theirs = make_buyer(shop_a), make_buyer(shop_b)
    client.force_login(bob)
    url = reverse("reviews:buyer_tag_add", args=[theirs.pk])
    assert client.post(url, {"tag": tag(shop_b, "兔子").pk}).status_code == 404
    # Shop B's tag on shop A's buyer: not found either.
    assert (
        client.post(reverse("reviews:buyer_tag_add", args=[mine.pk]), {"tag": tag(shop_b, "兔子").pk}).status_code
        == 404
    )
    assert not BuyerTagging.objects.exists()


def test_managers_add_shop_words_reviewers_cannot(client, bob, manny, shop_a):
    client.force_login(bob)
    assert client.post(reverse("reviews:tags"), {"name": "羊毛党"}).status_code == 403
    client.force_login(manny)
    client.post(reverse("reviews:tags"), {"name": "羊毛党", "description": "专薅优惠券"})
    assert BuyerTag.objects.filter(shop=shop_a, name="羊毛党", builtin=False).exists()
    again = client.post(reverse("reviews:tags"), {"name": "羊毛党"})
    assert again.status_code == 400 and "本店已有这个标签" in again.content.decode()


def test_policy_page_refuses_unreadable_tag_weights(client, alice, shop_a):
    from tests.reviews.test_region_rules import form_data

    client.force_login(alice)
    data = {**form_data(shop_a), "tag_weights": "兔子=30\n野狗 很坏"}
    response = client.post(reverse("reviews:policy"), data)
    assert "这些行看不懂" in response.content.decode()
    twice = client.post(reverse("reviews:policy"), {**form_data(shop_a), "tag_weights": "兔子=30\n兔子=40"})
    assert "同一项写了不止一行：兔子" in twice.content.decode()
    assert RiskPolicy.objects.filter(shop=shop_a).count() <= 1
    assert policy_current(shop_id=shop_a.pk).tag_weight_map["兔子"] == 30
