"""Matching: one query for a batch, expiry, masked phones with names, linked hits, hit counts."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from blacklist.matching import keys_for, matches_for, record_hits
from blacklist.models import BlacklistEntry, Kind, ListType
from blacklist.services import blacklist_add, blacklist_add_for_buyer, blacklist_remove

pytestmark = pytest.mark.django_db
SHOP = 1


def test_phone_entry_matches_taobao_apostrophe_phone():
    entry = blacklist_add(shop_id=SHOP, kind=Kind.PHONE, value="+86 139-2513-0165")
    hits = matches_for(SHOP, {"o1": keys_for(phone="'13925130165")})
    assert [m.entry_id for m in hits["o1"]] == [entry.pk]


def test_full_phone_entry_catches_masked_phone_only_with_the_same_name():
    blacklist_add(shop_id=SHOP, kind=Kind.PHONE, value="13812345678", receiver="林小坤")
    same_name = keys_for(phone="138****5678", receiver="林小坤")
    other_name = keys_for(phone="138****5678", receiver="王伟")
    no_name = keys_for(phone="138****5678")
    hits = matches_for(SHOP, {"same": same_name, "other": other_name, "none": no_name})
    assert set(hits) == {"same"}


def test_masked_phone_entry_without_name_is_refused():
    with pytest.raises(ValidationError, match="收货人"):
        blacklist_add(shop_id=SHOP, kind=Kind.PHONE, value="138****5678")


def test_expired_entry_stops_matching_but_stays_listed():
    entry = blacklist_add(shop_id=SHOP, kind=Kind.RECEIVER, value="张三丰")
    BlacklistEntry.objects.filter(pk=entry.pk).update(expires_at=timezone.now() - timedelta(minutes=1))
    assert matches_for(SHOP, {"o": keys_for(receiver="张三丰")}) == {}
    assert BlacklistEntry.objects.listed().filter(pk=entry.pk).exists()


def test_expiry_in_the_past_is_refused():
    with pytest.raises(ValidationError, match="到期时间"):
        blacklist_add(shop_id=SHOP, kind=Kind.RECEIVER, value="张三丰", expires_at=timezone.now() - timedelta(days=1))


def test_other_shop_entries_never_match():
    blacklist_add(shop_id=2, kind=Kind.PHONE, value="13800138000")
    assert matches_for(SHOP, {"o": keys_for(phone="13800138000")}) == {}


def test_address_variants_match_and_short_address_is_refused():
    blacklist_add(shop_id=SHOP, kind=Kind.ADDRESS, value="广东省深圳市南山区科技园南路1号菜鸟驿站")
    hits = matches_for(SHOP, {"o": keys_for(address="广东 深圳 南山 科技园南路１号 菜鸟驿站")})
    assert len(hits["o"]) == 1
    with pytest.raises(ValidationError, match="地址太短"):
        blacklist_add(shop_id=SHOP, kind=Kind.ADDRESS, value="深圳")


def test_duplicate_active_entry_is_reported_not_duplicated():
    blacklist_add(shop_id=SHOP, kind=Kind.PHONE, value="13800138000")
    with pytest.raises(ValidationError, match="已有相同"):
        blacklist_add(shop_id=SHOP, kind=Kind.PHONE, value="138 0013 8000")
    assert BlacklistEntry.objects.count() == 1


def test_linked_hit_is_reported_as_linked():
    entry = blacklist_add(shop_id=SHOP, kind=Kind.PHONE, value="13800138000")
    hits = matches_for(SHOP, {"o": keys_for(phone="13911112222")}, {"o": keys_for(phone="13800138000")})
    assert [(m.entry_id, m.linked) for m in hits["o"]] == [(entry.pk, True)]


def test_allowlist_entries_come_back_with_their_list_type():
    blacklist_add(shop_id=SHOP, kind=Kind.BUYER_ID, value="wholesale_li", list_type=ListType.ALLOW)
    hits = matches_for(SHOP, {"o": keys_for(buyer_id="Wholesale_Li")})
    assert hits["o"][0].list_type == ListType.ALLOW


def test_batch_of_10000_orders_matches_in_one_query(django_assert_num_queries):
    blacklist_add(shop_id=SHOP, kind=Kind.PHONE, value="13800000042")
    batch = {
        n: keys_for(phone=f"138{n:08d}", receiver=f"买家{n}", address=f"浙江省杭州市西湖区文三路{n}号")
        for n in range(10_000)
    }
    with django_assert_num_queries(1):
        hits = matches_for(SHOP, batch)
    assert list(hits) == [42]


def test_record_hits_counts_each_order_once():
    entry = blacklist_add(shop_id=SHOP, kind=Kind.PHONE, value="13800138000")
    record_hits({entry.pk: [(101, False), (102, True)]})
    record_hits({entry.pk: [(101, False)]})
    entry.refresh_from_db()
    assert entry.hit_count == 2
    assert entry.last_hit_at is not None


def test_soft_removal_keeps_entry_and_audits_it(django_user_model):
    user = django_user_model.objects.create_user("mgr", password="x-long-password")
    entry = blacklist_add(shop_id=SHOP, kind=Kind.PHONE, value="13800138000", created_by=user)
    blacklist_remove(entry=entry, user=user, note="误拉黑")
    assert matches_for(SHOP, {"o": keys_for(phone="13800138000")}) == {}
    assert [e.action for e in entry.events.all()] == ["created", "removed"]
    assert BlacklistEntry.objects.filter(pk=entry.pk).exists()


def test_add_for_buyer_skips_keys_already_listed():
    blacklist_add(shop_id=SHOP, kind=Kind.PHONE, value="13800138000")
    entries = blacklist_add_for_buyer(
        shop_id=SHOP,
        values={Kind.PHONE: "13800138000", Kind.RECEIVER_ADDRESS: "广东省深圳市南山区科技园南路1号"},
        receiver="王伟",
    )
    assert [e.kind for e in entries] == [Kind.RECEIVER_ADDRESS]
