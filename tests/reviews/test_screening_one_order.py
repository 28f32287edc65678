"""Screening one order (the check API's one-query path on PostgreSQL) sees exactly what the batch
queries see for that order: same rows, same figures, same blacklist hits and tags, same verdict."""

from datetime import timedelta

import pytest
from django.utils import timezone

from blacklist.models import Kind, ListType
from blacklist.services import blacklist_add
from reviews.models import Buyer, BuyerLink, Order, Organization, Shop
from reviews.services.policy import policy_current
from reviews.services.rules import screen_order
from reviews.services.screening import loading
from reviews.services.screening.baselines import sku_normals_warm
from reviews.services.screening.features import build_contexts
from reviews.services.tagging import buyer_tag_add, shop_tags
from tests.conftest import make_buyer, make_link, make_order

pytestmark = pytest.mark.django_db

NOW = timezone.now()


def link(shop, a, b, via=BuyerLink.Via.ADDRESS):
    make_link(shop, a, b, via=via)


def both_ways(shop, order_id, policy):
    """(batch-path data, one-query data) for one order, and the contexts each builds."""
    kwargs = {"shop_id": shop.pk, "policies": [policy], "with_blacklist": True}
    batch = loading._load_batch(order_ids=[order_id], since=None, until=None, records=None, **kwargs)
    one = loading._load_one(order_id=order_id, **kwargs)
    return batch, one


def hinted(shop, order_id, policy, hint):
    return loading._load_one(
        shop_id=shop.pk, order_id=order_id, policies=[policy], with_blacklist=True, blacklist_hint=hint
    )


def assert_same(shop, order_ids):
    policy = policy_current(shop_id=shop.pk)
    for order_id in order_ids:
        batch, one = both_ways(shop, order_id, policy)
        # What the check API passes (the order's own keys), and hints that miss or add keys:
        # the entries found never depend on the hint.
        order = Order.objects.get(pk=order_id)
        identity = (order.buyer.key_kind, order.buyer.key) if order.buyer else None
        own = {v for _k, v in loading.order_keys(
            phone=order.phone, receiver=order.receiver, full_address=order.full_address, identity=identity
        )}  # fmt: skip
        for hint in (own, set(list(own)[1:]), own | {"13800000000", "无关"}):
            assert hinted(shop, order_id, policy, hint).blacklist == batch.blacklist, (order_id, hint)
        assert one.targets == batch.targets, order_id
        assert one.buyers == batch.buyers
        assert one.neighbours == batch.neighbours
        assert one.buyer_orders == batch.buyer_orders
        assert one.sku_orders == batch.sku_orders
        assert one.sku_normal == batch.sku_normal
        assert one.blacklist == batch.blacklist
        assert one.buyer_tags == batch.buyer_tags
        contexts = build_contexts(one, policy)
        assert contexts == build_contexts(batch, policy)
        verdict = screen_order(contexts[order_id], policy)
        assert verdict == screen_order(build_contexts(batch, policy)[order_id], policy)


def test_demo_attacks_and_shoppers_load_the_same_one_by_one(shop_a):
    from tests.bench.labelled import demo_rows, load_rows

    labels = load_rows(shop_a, demo_rows(normal=300, seed=5, attacks_every=300))
    attacks = [pk for pk, label in labels.items() if label]
    shoppers = [pk for pk, label in labels.items() if not label][::5]
    assert attacks and shoppers
    assert_same(shop_a, attacks + shoppers)


def test_rings_tags_blacklist_and_odd_orders_load_the_same(shop_a, alice):
    org = Organization.objects.create(name="商家")
    Shop.objects.filter(pk=shop_a.pk).update(organization=org)
    sibling = Shop.objects.create(name="店铺A2", organization=org)
    # A chain of six accounts: the ring of one end reaches three links out, no further.
    # Phones of their own: the shared builder's serial grows past 11 digits deep into a full run.
    chain = [make_buyer(shop_a, key=f"1391234{i:04d}") for i in range(6)]
    for a, b in zip(chain, chain[1:], strict=False):
        link(shop_a, a, b)
    link(shop_a, chain[1], chain[2], via=BuyerLink.Via.PHONE)  # two links between one pair
    orders = []
    for i, buyer in enumerate(chain):
        for minutes in (1, 7, 20, 60 * 23, 60 * 25):
            orders.append(
                make_order(
                    shop_a,
                    buyer=buyer,
                    phone=buyer.key,
                    quantity=1 + i,
                    ordered_at=NOW - timedelta(minutes=minutes + i),
                    status=Order.Status.CANCELLED if minutes == 7 else Order.Status.PAID,
                    shipped_at=NOW - timedelta(minutes=minutes) if minutes == 20 else None,
                )
            )
    # Tags: own and shared from a sibling shop on the same identity.
    for name in ("兔子", "野狗"):
        buyer_tag_add(buyer=chain[0], tag=next(t for t in shop_tags(shop_id=shop_a.pk) if t.name == name), user=alice)
    there = make_buyer(sibling, key_kind=chain[3].key_kind, key=chain[3].key)
    sibling_tag = next(t for t in shop_tags(shop_id=sibling.pk) if t.name == "野狗")
    buyer_tag_add(buyer=there, tag=sibling_tag, user=alice, shared=True)
    # Blacklist: a linked buyer's phone, an address, the merchant's shared list, an allowlist entry.
    blacklist_add(shop_id=shop_a.pk, kind=Kind.PHONE, value=chain[2].key, reason="恶意拍单")
    blacklist_add(shop_id=shop_a.pk, kind=Kind.ADDRESS, value="广东省深圳市南山区科技园南路88号")
    blacklist_add(shop_id=sibling.pk, kind=Kind.RECEIVER, value="赵敏", organization_id=org.pk)
    blacklist_add(shop_id=shop_a.pk, kind=Kind.PHONE, value=chain[5].key, list_type=ListType.ALLOW)
    platform = make_buyer(shop_a, key_kind=Buyer.KeyKind.PLATFORM_ID, key="ＰＤＤ_User9")
    blacklist_add(shop_id=shop_a.pk, kind=Kind.BUYER_ID, value="pdd_user9")
    odd = [
        make_order(shop_a, buyer=None, phone="", receiver="赵敏", address="广东省深圳市南山区科技园南路88号"),
        make_order(shop_a, buyer=chain[4], sku_id="", quantity=40),
        make_order(shop_a, buyer=platform, receiver="asdfgh", phone="138****5678"),
        make_order(shop_a, buyer=chain[0], ordered_at=None),
    ]
    # Many orders of one SKU from few accounts: the SKU window and its repeat accounts.
    for i in range(20):
        odd.append(make_order(shop_a, buyer=chain[i % 2], sku_id="HOT", ordered_at=NOW - timedelta(seconds=30 * i)))
    assert_same(shop_a, [o.pk for o in orders + odd])


def test_a_burst_around_the_order_loads_the_same_before_and_after_it(shop_a):
    """The SKU window reaches past the order (hindsight): the later, cancelled orders of a burst are
    seen by both paths, and so is the shop's usual cancel share."""
    start = NOW - timedelta(hours=1)
    burst = [
        make_order(shop_a, sku_id="TEA", buyer=make_buyer(shop_a), ordered_at=start + timedelta(seconds=20 * i),
                   status=Order.Status.CANCELLED if i % 4 else Order.Status.PAID)
        for i in range(30)
    ]  # fmt: skip
    later = make_order(shop_a, sku_id="TEA", ordered_at=start + timedelta(minutes=40))  # outside the window
    sku_normals_warm(shop_a.pk)
    assert_same(shop_a, [burst[0].pk, burst[15].pk, burst[-1].pk, later.pk])
    data = loading._load_one(shop_id=shop_a.pk, order_id=burst[0].pk, policies=[policy_current(shop_id=shop_a.pk)],
                               with_blacklist=False)  # fmt: skip
    assert len(data.sku_orders["TEA"]) == 30 and sum(bad for _ts, _b, bad in data.sku_orders["TEA"]) == 22


def test_an_order_of_another_shop_loads_nothing(shop_a, shop_b):
    order = make_order(shop_b)
    _batch, one = both_ways(shop_a, order.pk, policy_current(shop_id=shop_a.pk))
    assert one.targets == [] and build_contexts(one, policy_current(shop_id=shop_a.pk)) == {}


def test_the_one_order_statement_is_short_enough_for_psycopg_to_remember_its_parsing():
    from psycopg._queries import MAX_CACHED_STATEMENT_LENGTH

    # Longer, and psycopg would parse its placeholders again on every check.
    assert len(loading._one_order_sql().encode()) <= MAX_CACHED_STATEMENT_LENGTH
