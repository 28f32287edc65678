"""Wherever a buyer is shown, a small badge says how sure the identity is (身份：强/脱敏/弱)."""

import re

import pytest
from django.urls import reverse

from blacklist.matching import record_hits
from blacklist.models import Kind
from blacklist.services import blacklist_add
from reviews.models import Buyer
from tests.conftest import make_buyer, make_flagged_order

pytestmark = pytest.mark.django_db


def masked_buyer(shop):
    return make_buyer(shop, key_kind=Buyer.KeyKind.MASKED_PHONE, key="138****5678|@深圳|南山|粤海街道",
                      confidence=Buyer.Confidence.MASKED, display_name="", masked_phone="138****5678")  # fmt: skip


def badges(html: str) -> list[str]:
    return re.findall(r'<span class="badge identity identity-(\w+)" title="[^"]+">([^<]+)</span>', html)


def test_review_page_says_the_buyer_is_only_a_masked_identity(client, bob, shop_a):
    order = make_flagged_order(shop_a, buyer=masked_buyer(shop_a), receiver="", phone="138****5678")
    client.force_login(bob)
    html = client.get(reverse("reviews:review", args=[order.pk])).content.decode()
    assert ("masked", "身份：脱敏") in badges(html)
    assert "只有脱敏手机号" in html  # the title explains what it means
    assert "身份：强" not in html


def test_order_page_queue_row_and_blacklist_hits_show_the_confidence(client, bob, shop_a):
    strong = make_flagged_order(shop_a, phone="13900001111")
    masked = make_flagged_order(shop_a, buyer=masked_buyer(shop_a), receiver="", phone="138****5678")
    guess = make_buyer(shop_a, key_kind=Buyer.KeyKind.RECEIVER_ADDRESS, key="王伟|深圳南山", confidence="weak")
    weak = make_flagged_order(shop_a, buyer=guess)
    client.force_login(bob)
    page = client.get(reverse("reviews:order_detail", args=[strong.pk])).content.decode()
    assert ("strong", "身份：强") in badges(page)
    queue = badges(client.get(reverse("reviews:queue")).content.decode())
    assert sorted(queue) == [("masked", "身份：脱敏"), ("strong", "身份：强"), ("weak", "身份：弱")]

    entry = blacklist_add(shop_id=shop_a.pk, kind=Kind.ADDRESS, value="广东省深圳市南山区科技园南路8号")
    record_hits({entry.pk: [(masked.pk, False), (weak.pk, True)]})
    hits = client.get(reverse("blacklist:entry_detail", args=[entry.pk])).content.decode()
    assert sorted(badges(hits)) == [("masked", "身份：脱敏"), ("weak", "身份：弱")]
    assert "138****5678" in hits
