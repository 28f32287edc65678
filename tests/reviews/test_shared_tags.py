"""Tags a merchant shares across its shops: the same buyer carries them in a sibling shop, never elsewhere."""

import pytest
from django.urls import reverse

from reviews.models import Buyer, BuyerTagging, Organization, Shop
from reviews.services.screening.verdicts import screen_orders
from reviews.services.tagging import buyer_tag_add, buyer_tag_remove, live_tags, live_tags_of_shop, shop_tags
from tests.conftest import make_buyer, make_flagged_order, make_member, make_order

pytestmark = pytest.mark.django_db

PHONE = "13812345678"


@pytest.fixture
def sibling(shop_a):
    org = Organization.objects.create(name="小米粒")
    shop_a.organization = org
    shop_a.save()
    return Shop.objects.create(name="店铺A2", organization=org)


def tag(shop, name):
    return next(t for t in shop_tags(shop_id=shop.pk) if t.name == name)


def same_person(*shops):
    return [make_buyer(shop, key_kind=Buyer.KeyKind.PHONE, key=PHONE) for shop in shops]


def test_a_shared_tag_shows_on_the_same_buyer_in_a_sibling_shop_only(shop_a, shop_b, sibling, alice):
    here, there, elsewhere = same_person(shop_a, sibling, shop_b)
    other_person = make_buyer(sibling)
    buyer_tag_add(buyer=here, tag=tag(shop_a, "兔子"), user=alice, shared=True)
    buyer_tag_add(buyer=here, tag=tag(shop_a, "野狗"), user=alice)  # this shop only
    found = live_tags([here.pk, there.pk, elsewhere.pk, other_person.pk])
    assert found[here.pk] == ["兔子", "野狗"]
    assert found[there.pk] == ["兔子"]
    assert elsewhere.pk not in found and other_person.pk not in found
    assert live_tags_of_shop(sibling.pk) == {there.pk: ["兔子"]}


def test_sharing_needs_a_merchant(shop_b, alice):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        buyer_tag_add(buyer=make_buyer(shop_b), tag=tag(shop_b, "兔子"), user=alice, shared=True)
    assert not BuyerTagging.objects.exists()


def test_screening_in_the_sibling_shop_weighs_the_shared_tag_until_it_is_removed(
    shop_a, sibling, alice, django_capture_on_commit_callbacks
):
    here, there = same_person(shop_a, sibling)
    order = make_order(sibling, buyer=there)
    with django_capture_on_commit_callbacks(execute=True):
        tagging = buyer_tag_add(buyer=here, tag=tag(shop_a, "同行"), user=alice, shared=True)
    order.refresh_from_db()  # tagging re-screened the sibling's open order already
    assert [(r["code"], r["message"], r["weight"]) for r in order.risk_reasons] == [
        ("buyer_tag", "买家被标记为：同行", 40)
    ]
    buyer_tag_remove(tagging=tagging, user=alice)
    screen_orders(shop_id=sibling.pk, order_ids=[order.pk])
    order.refresh_from_db()
    assert "buyer_tag" not in [r["code"] for r in order.risk_reasons]


def test_sibling_reviewer_sees_where_the_tag_came_from_and_can_filter_the_queue_by_it(client, shop_a, sibling, alice):
    here, there = same_person(shop_a, sibling)
    buyer_tag_add(buyer=here, tag=tag(shop_a, "炸店"), user=alice, shared=True)
    tagged = make_flagged_order(sibling, buyer=there, order_no="SHARED-1")
    make_flagged_order(sibling, buyer=make_buyer(sibling), order_no="PLAIN-1")
    client.force_login(make_member("sue", sibling, "reviewer"))
    page = client.get(reverse("reviews:order_detail", args=[tagged.pk])).content.decode()
    assert "共用·来自店铺A" in page
    queue = client.get(reverse("reviews:queue"), {"tag": "炸店"}).content.decode()
    assert "SHARED-1" in queue and "PLAIN-1" not in queue


def test_only_managers_share_a_tag(client, shop_a, sibling, bob):
    buyer = make_buyer(shop_a)
    client.force_login(bob)  # a reviewer of shop A
    url = reverse("reviews:buyer_tag_add", args=[buyer.pk])
    assert client.post(url, {"tag": tag(shop_a, "兔子").pk, "shared": "1"}).status_code == 403
    assert not BuyerTagging.objects.exists()
    client.force_login(make_member("mia", shop_a, "manager"))
    client.post(url, {"tag": tag(shop_a, "兔子").pk, "shared": "1"})
    assert BuyerTagging.objects.get().shared
