"""One list for a merchant's shops: a shared entry matches in every shop of the merchant, never elsewhere."""

import pytest
from django.urls import reverse

from blacklist.matching import keys_for, matches_for
from blacklist.models import BlacklistEntry, Kind
from blacklist.services import blacklist_add
from reviews.models import Organization, Shop
from reviews.services.screening.verdicts import screen_orders
from tests.conftest import make_member, make_order

pytestmark = pytest.mark.django_db


@pytest.fixture
def merchant(shop_a):
    org = Organization.objects.create(name="小米粒")
    sibling = Shop.objects.create(name="店铺A2", organization=org)
    shop_a.organization = org
    shop_a.save()
    return org, sibling


def hits(shop, phone):
    return matches_for(shop.pk, {"o": keys_for(phone=phone)}, organization_id=shop.organization_id).get("o", [])


def test_a_shared_entry_matches_in_a_sibling_shop_and_never_in_another_merchants(merchant, shop_a, shop_b):
    org, sibling = merchant
    shared = blacklist_add(shop_id=shop_a.pk, kind=Kind.PHONE, value="13800138000", organization_id=org.pk)
    blacklist_add(shop_id=shop_a.pk, kind=Kind.PHONE, value="13911112222")  # shop A only
    assert [m.entry_id for m in hits(sibling, "13800138000")] == [shared.pk]
    assert hits(sibling, "13911112222") == []
    assert hits(shop_b, "13800138000") == []  # another merchant's shop


def test_screening_in_the_sibling_shop_reports_the_shared_entry(merchant, shop_a, shop_b):
    org, sibling = merchant
    blacklist_add(shop_id=shop_a.pk, kind=Kind.PHONE, value="13800138000", organization_id=org.pk)
    there, elsewhere = make_order(sibling, phone="13800138000"), make_order(shop_b, phone="13800138000")
    screen_orders(shop_id=sibling.pk, order_ids=[there.pk])
    screen_orders(shop_id=shop_b.pk, order_ids=[elsewhere.pk])
    there.refresh_from_db()
    elsewhere.refresh_from_db()
    assert "blacklist" in [r["code"] for r in there.risk_reasons]
    assert "blacklist" not in [r["code"] for r in elsewhere.risk_reasons]


def test_sibling_shop_lists_the_entry_with_its_source_but_cannot_edit_it(client, merchant, shop_a, shop_b):
    org, sibling = merchant
    entry = blacklist_add(shop_id=shop_a.pk, kind=Kind.PHONE, value="13800138000", organization_id=org.pk)
    sibling_manager = make_member("sam", sibling, "manager")
    outsider = make_member("olga", shop_b, "manager")
    client.force_login(sibling_manager)
    page = client.get(reverse("blacklist:entry_list")).content.decode()
    assert "13800138000" in page and "共用·来自店铺A" in page
    assert client.get(reverse("blacklist:entry_edit", args=[entry.pk])).status_code == 404
    client.force_login(outsider)
    assert "13800138000" not in client.get(reverse("blacklist:entry_list")).content.decode()


def test_only_managers_of_a_merchant_shop_can_share(client, merchant, shop_a, manny, bob):
    org, _sibling = merchant
    client.force_login(bob)
    assert "本商家所有店铺共用" not in client.get(reverse("blacklist:entry_add")).content.decode()
    client.force_login(manny)
    assert "本商家所有店铺共用" in client.get(reverse("blacklist:entry_add")).content.decode()
    data = {"list_type": "block", "kind": "phone", "value": "13700001111", "reason_category": "other", "shared": "on"}
    client.post(reverse("blacklist:entry_add"), data)
    assert BlacklistEntry.objects.get(value="13700001111").organization_id == org.pk


def test_a_manager_can_stop_sharing_an_entry_and_share_it_again(client, merchant, shop_a, manny):
    org, sibling = merchant
    entry = blacklist_add(shop_id=shop_a.pk, kind=Kind.PHONE, value="13800138000", organization_id=org.pk)
    client.force_login(manny)
    form = client.get(reverse("blacklist:entry_edit", args=[entry.pk])).content.decode()
    assert 'name="shared"' in form and "checked" in form.split('name="shared"')[1].split(">")[0]

    data = {"kind": "phone", "value": "13800138000", "reason_category": "other", "note": "只在本店拉黑"}
    client.post(reverse("blacklist:entry_edit", args=[entry.pk]), data)  # box left unticked
    entry.refresh_from_db()
    assert entry.organization_id is None
    assert hits(sibling, "13800138000") == [] and [m.entry_id for m in hits(shop_a, "13800138000")] == [entry.pk]
    page = client.get(reverse("blacklist:entry_detail", args=[entry.pk])).content.decode()
    assert "<dd>仅本店</dd>" in page
    assert "本商家所有店铺共用" in page and "只在本店拉黑" in page  # the audit row: before → after

    client.post(reverse("blacklist:entry_edit", args=[entry.pk]), {**data, "shared": "on", "note": ""})
    entry.refresh_from_db()
    assert entry.organization_id == org.pk
    assert [m.entry_id for m in hits(sibling, "13800138000")] == [entry.pk]
    assert entry.events.filter(action="edited").count() == 2


def test_a_reviewer_editing_their_own_entry_cannot_change_its_sharing(client, merchant, shop_a, bob):
    org, sibling = merchant
    entry = blacklist_add(shop_id=shop_a.pk, kind=Kind.PHONE, value="13800138000", organization_id=org.pk,
                          created_by=bob)  # fmt: skip
    client.force_login(bob)
    assert 'name="shared"' not in client.get(reverse("blacklist:entry_edit", args=[entry.pk])).content.decode()
    data = {"kind": "phone", "value": "13800138000", "reason_category": "other", "reason": "改原因", "shared": ""}
    client.post(reverse("blacklist:entry_edit", args=[entry.pk]), data)
    entry.refresh_from_db()
    assert entry.reason == "改原因" and entry.organization_id == org.pk


def test_a_shop_that_joins_the_merchant_matches_its_shared_list_at_once(merchant, shop_a, shop_b):
    """Screening caches each shop's merchant; moving a shop to a merchant takes effect on save."""
    org, _sibling = merchant
    blacklist_add(shop_id=shop_a.pk, kind=Kind.PHONE, value="13800138000", organization_id=org.pk)
    before, after = make_order(shop_b, phone="13800138000"), make_order(shop_b, phone="13800138000")
    screen_orders(shop_id=shop_b.pk, order_ids=[before.pk])  # remembers: shop B has no merchant
    shop_b.organization = org
    shop_b.save()
    screen_orders(shop_id=shop_b.pk, order_ids=[after.pk])
    before.refresh_from_db()
    after.refresh_from_db()
    assert "blacklist" not in [r["code"] for r in before.risk_reasons]
    assert "blacklist" in [r["code"] for r in after.risk_reasons]
