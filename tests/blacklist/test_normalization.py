"""Entries match the ways real exports and people write the same phone, name and address."""

import pytest

from blacklist.matching import keys_for, matches_for
from blacklist.models import Kind
from blacklist.services import blacklist_add

pytestmark = pytest.mark.django_db
SHOP = 7

# (kind, entry value, entry receiver, what the order carries, must it match?)
CASES = [
    # Phones as typed into the blacklist vs. as exports write them.
    (Kind.PHONE, "13800138000", "", {"phone": "+86 138 0013 8000"}, True),
    (Kind.PHONE, "13800138000", "", {"phone": "0086-138-0013-8000"}, True),
    (Kind.PHONE, "+86 138-0013-8000", "", {"phone": "13800138000"}, True),
    (Kind.PHONE, "138 0013 8000", "", {"phone": "'13800138000"}, True),
    (Kind.PHONE, "１３８００１３８０００", "", {"phone": "13800138000"}, True),
    (Kind.PHONE, "13800138000", "", {"phone": "8613800138000"}, True),
    (Kind.PHONE, "13800138000", "", {"phone": "13800138001"}, False),
    (Kind.PHONE, "13800138000", "", {"phone": "1380013800"}, False),
    # Masked phones only count together with the receiver's name.
    (Kind.PHONE, "13812345678", "林小坤", {"phone": "138****5678", "receiver": "林小坤"}, True),
    (Kind.PHONE, "138****5678", "林*坤", {"phone": "138****5678", "receiver": "林*坤"}, True),
    (Kind.PHONE, "138****5678", "林*坤", {"phone": "138xxxx5678", "receiver": "林*坤"}, True),
    (Kind.PHONE, "13812345678", "林小坤", {"phone": "138****5678"}, False),
    (Kind.PHONE, "13812345678", "林小坤", {"phone": "138****5678", "receiver": "王伟"}, False),
    (Kind.PHONE, "138****5678", "林*坤", {"phone": "138****5679", "receiver": "林*坤"}, False),
    # Addresses: width, spaces, punctuation and region suffixes do not matter.
    (Kind.ADDRESS, "广东省深圳市南山区科技园南路1号", "", {"address": "广东深圳南山科技园南路1号"}, True),
    (Kind.ADDRESS, "广东省深圳市南山区科技园南路1号", "", {"address": "广东省 深圳市 南山区 科技园南路１号"}, True),
    (Kind.ADDRESS, "浙江省杭州市西湖区文三路90号（菜鸟驿站）", "", {"address": "浙江杭州西湖文三路90号菜鸟驿站"}, True),
    (Kind.ADDRESS, "上海市浦东新区张江路 88 弄 3-502", "", {"address": "上海浦东新张江路88弄3502"}, True),
    (Kind.ADDRESS, "广西壮族自治区南宁市青秀区民族大道100号", "", {"address": "广西南宁青秀民族大道100号"}, True),
    (Kind.ADDRESS, "广东省深圳市南山区科技园南路1号", "", {"address": "广东省深圳市南山区科技园南路2号"}, False),
    (Kind.ADDRESS, "广东省深圳市南山区科技园南路1号", "", {"address": "广东省深圳市福田区科技园南路1号"}, False),
    # Receiver + address: both must agree.
    (
        Kind.RECEIVER_ADDRESS,
        "北京市朝阳区建国路88号SOHO现代城",
        "张 伟",
        {"receiver": "张伟", "address": "北京朝阳建国路88号soho现代城"},
        True,
    ),
    (
        Kind.RECEIVER_ADDRESS,
        "北京市朝阳区建国路88号SOHO现代城",
        "张伟",
        {"receiver": "张薇", "address": "北京朝阳建国路88号SOHO现代城"},
        False,
    ),
    # Receiver names and buyer ids.
    (Kind.RECEIVER, "欧阳 娜娜", "", {"receiver": "欧阳娜娜"}, True),
    (Kind.RECEIVER, "欧阳娜娜", "", {"receiver": "欧*娜"}, False),
    (Kind.BUYER_ID, "ＰＤＤ_User01", "", {"buyer_id": "pdd_user01"}, True),
]


@pytest.mark.parametrize(("kind", "value", "receiver", "order", "should_match"), CASES)
def test_entry_matches_order_written_differently(kind, value, receiver, order, should_match):
    entry = blacklist_add(shop_id=SHOP, kind=kind, value=value, receiver=receiver)
    hits = matches_for(SHOP, {"order": keys_for(**order)})
    assert (entry.pk in [m.entry_id for m in hits.get("order", [])]) is should_match


def test_table_has_at_least_twenty_variants_both_ways():
    assert len(CASES) >= 20
    assert sum(1 for case in CASES if case[-1]) >= 10
    assert sum(1 for case in CASES if not case[-1]) >= 8
