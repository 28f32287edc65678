"""Editing, expiring, removing and allowlisting entries: each leaves an audit record."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from blacklist.matching import keys_for, matches_for
from blacklist.models import BlacklistEntry, EntryEvent, Kind, ListType, ReasonCategory
from blacklist.services import (
    DuplicateEntry,
    blacklist_add,
    blacklist_add_many,
    blacklist_edit,
    blacklist_expire,
    blacklist_remove,
)

pytestmark = pytest.mark.django_db
SHOP = 3


@pytest.fixture
def user(django_user_model):
    return django_user_model.objects.create_user("editor", password="a-long-password-1")


def hit_ids(**order):
    return [m.entry_id for m in matches_for(SHOP, {"o": keys_for(**order)}).get("o", [])]


def test_editing_the_value_recomputes_keys_and_records_a_diff(user):
    entry = blacklist_add(shop_id=SHOP, kind=Kind.PHONE, value="13800138000", created_by=user)
    blacklist_edit(entry=entry, user=user, value="139 0000 1111", reason="同一人换号", note="买家换了号码")
    assert hit_ids(phone="13900001111") == [entry.pk]
    assert hit_ids(phone="13800138000") == []
    event = entry.events.get(action=EntryEvent.Action.EDITED)
    assert event.changes == {"value": ["13800138000", "139 0000 1111"], "reason": ["", "同一人换号"]}
    assert event.note == "买家换了号码" and event.user == user


def test_changing_kind_to_address_checks_the_new_value(user):
    entry = blacklist_add(shop_id=SHOP, kind=Kind.RECEIVER, value="张三丰")
    with pytest.raises(ValidationError, match="地址太短"):
        blacklist_edit(entry=entry, user=user, kind=Kind.ADDRESS, value="深圳")
    entry.refresh_from_db()
    assert entry.kind == Kind.RECEIVER and entry.events.count() == 1


def test_edit_that_changes_nothing_records_nothing(user):
    entry = blacklist_add(shop_id=SHOP, kind=Kind.RECEIVER, value="张三丰", reason="炸店")
    blacklist_edit(entry=entry, user=user, value="张三丰", reason=" 炸店 ")
    assert entry.events.count() == 1


def test_edit_into_a_duplicate_of_another_active_entry_is_refused(user):
    first = blacklist_add(shop_id=SHOP, kind=Kind.PHONE, value="13800138000")
    second = blacklist_add(shop_id=SHOP, kind=Kind.PHONE, value="13900001111")
    with pytest.raises(DuplicateEntry) as caught:
        blacklist_edit(entry=second, user=user, value="+86 13800138000")
    assert caught.value.entry == first


def test_edit_expiry_into_the_past_is_refused(user):
    entry = blacklist_add(shop_id=SHOP, kind=Kind.RECEIVER, value="张三丰")
    with pytest.raises(ValidationError, match="到期时间"):
        blacklist_edit(entry=entry, user=user, expires_at=timezone.now() - timedelta(hours=1))


def test_expire_now_stops_matching_keeps_entry_and_audits(user):
    entry = blacklist_add(
        shop_id=SHOP, kind=Kind.PHONE, value="13800138000", expires_at=timezone.now() + timedelta(days=30)
    )
    blacklist_expire(entry=entry, user=user, note="已和买家和解")
    entry.refresh_from_db()
    assert entry.is_expired and not entry.is_active
    assert hit_ids(phone="13800138000") == []
    event = entry.events.get(action=EntryEvent.Action.EXPIRED)
    assert event.user == user and event.note == "已和买家和解"
    assert event.changes["expires_at"][1] is not None
    assert BlacklistEntry.objects.listed().filter(pk=entry.pk).exists()


def test_expired_value_can_be_listed_again(user):
    entry = blacklist_add(shop_id=SHOP, kind=Kind.PHONE, value="13800138000")
    blacklist_expire(entry=entry, user=user)
    again = blacklist_add(shop_id=SHOP, kind=Kind.PHONE, value="13800138000")
    assert hit_ids(phone="13800138000") == [again.pk]


def test_removed_entry_cannot_be_edited_and_removal_is_audited_once(user):
    entry = blacklist_add(shop_id=SHOP, kind=Kind.PHONE, value="13800138000")
    blacklist_remove(entry=entry, user=user, note="误拉黑")
    blacklist_remove(entry=entry, user=user, note="again")
    assert list(entry.events.values_list("action", "note")) == [("created", ""), ("removed", "误拉黑")]
    with pytest.raises(ValidationError, match="已移除"):
        blacklist_edit(entry=entry, user=user, reason="x")


def test_allowlist_and_blocklist_are_separate_lists():
    blocked = blacklist_add(shop_id=SHOP, kind=Kind.BUYER_ID, value="li_wholesale")
    allowed = blacklist_add(
        shop_id=SHOP,
        kind=Kind.BUYER_ID,
        value="li_wholesale",
        list_type=ListType.ALLOW,
        reason_category=ReasonCategory.TRUSTED,
    )
    hits = matches_for(SHOP, {"o": keys_for(buyer_id="LI_WHOLESALE")})["o"]
    assert {(m.entry_id, m.list_type) for m in hits} == {(blocked.pk, "block"), (allowed.pk, "allow")}
    with pytest.raises(DuplicateEntry):
        blacklist_add(shop_id=SHOP, kind=Kind.BUYER_ID, value="Li_Wholesale", list_type=ListType.ALLOW)


@pytest.mark.parametrize(
    ("kind", "value", "receiver", "field", "message"),
    [
        (Kind.PHONE, "", "", "value", "请填写"),
        (Kind.PHONE, "12345", "", "value", "不是有效的手机号"),
        (Kind.PHONE, "1380013800", "", "value", "不是有效的手机号"),
        (Kind.PHONE, "abc-def", "", "value", "不是有效的手机号"),
        (Kind.PHONE, "138****5678", "", "receiver", "收货人"),
        (Kind.ADDRESS, "南山区", "", "value", "地址太短"),
        (Kind.RECEIVER_ADDRESS, "广东省深圳市南山区科技园南路1号", "", "receiver", "收货人"),
    ],
)
def test_bad_input_is_a_field_error_in_chinese(kind, value, receiver, field, message):
    with pytest.raises(ValidationError) as caught:
        blacklist_add(shop_id=SHOP, kind=kind, value=value, receiver=receiver)
    assert message in " ".join(caught.value.message_dict[field])


def test_add_many_checks_every_row_like_add_in_a_few_queries_not_one_per_row(user, django_assert_max_num_queries):
    blacklist_add(shop_id=SHOP, kind=Kind.PHONE, value="13800000000")
    rows = [{"kind": Kind.PHONE, "value": f"138{n:08d}", "reason": "批量"} for n in range(300)]
    rows += [
        {"kind": Kind.PHONE, "value": "12345"},
        {"kind": "", "value": "x"},
        {"kind": Kind.PHONE, "value": "13800000299"},
    ]
    # A handful of bulk INSERTs (SQLite caps parameters per statement), never a query per row.
    with django_assert_max_num_queries(15):
        outcomes = blacklist_add_many(shop_id=SHOP, rows=rows, created_by=user, source="import")
    assert isinstance(outcomes[0], DuplicateEntry) and outcomes[0].earlier_row is None
    assert sum(isinstance(o, BlacklistEntry) for o in outcomes) == 299
    assert "不是有效的手机号" in outcomes[300].message_dict["value"][0]
    assert "请填写类型" in outcomes[301].message_dict["kind"][0]
    assert isinstance(outcomes[302], DuplicateEntry) and outcomes[302].earlier_row == 299
    assert EntryEvent.objects.filter(action="created", user=user).count() == 299


def test_add_many_dry_run_writes_nothing():
    outcomes = blacklist_add_many(shop_id=SHOP, rows=[{"kind": Kind.RECEIVER, "value": "张三丰"}], dry_run=True)
    assert isinstance(outcomes[0], BlacklistEntry) and outcomes[0].pk is None
    assert not BlacklistEntry.objects.exists()
