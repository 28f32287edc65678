"""The blacklist pages: who may do what, form errors people understand, search, and query counts."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from blacklist.matching import record_hits
from blacklist.models import BlacklistEntry, EntryEvent, Kind, ListType
from blacklist.services import blacklist_add
from tests.conftest import make_member, make_order

pytestmark = pytest.mark.django_db


def add(shop, value="13800138000", kind=Kind.PHONE, **fields):
    return blacklist_add(shop_id=shop.pk, kind=kind, value=value, **fields)


def form(**fields):
    data = {"list_type": "block", "kind": "phone", "value": "", "receiver": "", "reason_category": "bombing"}
    data.update(fields)
    return data


# --- Permissions per role and shop -------------------------------------------------


def test_reviewer_can_add_an_entry_from_the_list_page(client, bob, shop_a):
    client.force_login(bob)
    response = client.post(reverse("blacklist:entry_add"), form(value="138 0013 8000", reason="炸店 30 单"))
    entry = BlacklistEntry.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("blacklist:entry_detail", args=[entry.pk])
    assert (entry.shop_id, entry.created_by, entry.key) == (shop_a.pk, bob, "13800138000")


def test_reviewer_cannot_add_to_the_allowlist(client, bob, shop_a):
    client.force_login(bob)
    response = client.post(reverse("blacklist:entry_add"), form(list_type="allow", value="13800138000"))
    assert response.status_code == 400
    assert "只有经理或管理员可以添加白名单" in response.content.decode()
    assert not BlacklistEntry.objects.exists()


@pytest.mark.parametrize("action", ["entry_edit", "entry_expire", "entry_remove"])
def test_reviewer_cannot_change_someone_elses_entry(client, bob, manny, shop_a, action):
    entry = add(shop_a, created_by=manny)
    client.force_login(bob)
    response = client.post(reverse(f"blacklist:{action}", args=[entry.pk]), {"note": "x", **form(value="13900001111")})
    assert response.status_code == 403
    entry.refresh_from_db()
    assert entry.is_active and entry.value == "13800138000"
    assert entry.events.count() == 1


def test_reviewer_may_correct_their_own_entry(client, bob, shop_a):
    entry = add(shop_a, created_by=bob)
    client.force_login(bob)
    response = client.post(reverse("blacklist:entry_edit", args=[entry.pk]), form(value="13900001111", note="打错了"))
    assert response.status_code == 302
    entry.refresh_from_db()
    assert entry.key == "13900001111"


def test_manager_edits_expires_and_removes_any_entry_of_the_shop(client, manny, bob, shop_a):
    entry = add(shop_a, created_by=bob)
    client.force_login(manny)
    client.post(reverse("blacklist:entry_edit", args=[entry.pk]), form(value="13900001111", reason_category="unpaid"))
    client.post(reverse("blacklist:entry_expire", args=[entry.pk]), {"note": "到期"})
    client.post(reverse("blacklist:entry_remove", args=[entry.pk]), {"note": "已核实为误判"})
    entry.refresh_from_db()
    assert entry.removed_by == manny and entry.is_expired
    assert list(entry.events.values_list("action", flat=True)) == ["created", "edited", "expired", "removed"]


def test_remove_needs_a_note(client, manny, shop_a):
    entry = add(shop_a)
    client.force_login(manny)
    response = client.post(reverse("blacklist:entry_remove", args=[entry.pk]), {"note": ""})
    assert response.status_code == 400
    assert "请填写移除原因" in response.content.decode()
    entry.refresh_from_db()
    assert entry.removed_at is None


@pytest.mark.parametrize("action", ["entry_detail", "entry_edit", "entry_expire", "entry_remove"])
def test_other_shops_entry_is_not_found(client, charlie, shop_a, action):
    entry = add(shop_a)
    client.force_login(charlie)
    assert client.get(reverse(f"blacklist:{action}", args=[entry.pk])).status_code in (404, 405)
    assert client.post(reverse(f"blacklist:{action}", args=[entry.pk]), {"note": "x"}).status_code == 404
    assert BlacklistEntry.objects.get().is_active


def test_list_shows_only_the_current_shops_entries(client, bob, shop_a, shop_b):
    add(shop_a, "13800138000")
    add(shop_b, "13900001111")
    client.force_login(bob)
    page = client.get(reverse("blacklist:entry_list")).context["page"]
    assert [e.value for e in page] == ["13800138000"]


def test_import_and_export_need_a_manager(client, bob, shop_a):
    client.force_login(bob)
    assert client.get(reverse("blacklist:import_upload")).status_code == 403
    assert client.get(reverse("blacklist:export")).status_code == 403


# --- The add form's errors ---------------------------------------------------------


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        ({"value": ""}, "value", "请填写手机号"),
        ({"value": "138001380"}, "value", "不是有效的手机号"),
        ({"value": "138****8000"}, "receiver", "脱敏手机号只能和收货人姓名一起匹配"),
        ({"kind": "address", "value": "深圳南山"}, "value", "地址太短"),
        ({"expires_at": "2020-01-01T10:00", "value": "13800138000"}, "expires_at", "到期时间已经过去"),
    ],
)
def test_add_form_shows_a_clear_field_error(client, manny, shop_a, fields, field, message):
    client.force_login(manny)
    response = client.post(reverse("blacklist:entry_add"), form(**fields))
    assert response.status_code == 400
    assert message in " ".join(response.context["form"].errors[field])
    assert not BlacklistEntry.objects.exists()


def test_duplicate_shows_which_entry_is_already_listed(client, manny, shop_a):
    existing = add(shop_a, "13800138000")
    client.force_login(manny)
    response = client.post(reverse("blacklist:entry_add"), form(value="+86 138-0013-8000"))
    body = response.content.decode()
    assert response.status_code == 400
    assert f"#{existing.pk}" in body
    assert reverse("blacklist:entry_detail", args=[existing.pk]) in body
    assert BlacklistEntry.objects.count() == 1


def test_future_expiry_from_the_form_is_stored(client, manny, shop_a):
    client.force_login(manny)
    when = (timezone.localtime() + timedelta(days=30)).strftime("%Y-%m-%dT%H:%M")
    client.post(reverse("blacklist:entry_add"), form(value="13800138000", expires_at=when))
    assert BlacklistEntry.objects.get().expires_at > timezone.now()


def test_manager_can_add_to_the_allowlist(client, manny, shop_a):
    client.force_login(manny)
    client.post(
        reverse("blacklist:entry_add"),
        form(list_type="allow", kind="buyer_id", value="pdd_wholesale_li", reason_category="trusted"),
    )
    assert BlacklistEntry.objects.get().list_type == ListType.ALLOW


# --- List, search, detail ------------------------------------------------------------


def test_search_normalizes_a_typed_phone(client, bob, shop_a):
    entry = add(shop_a, "13800138000")
    add(shop_a, "13900001111")
    client.force_login(bob)
    for query in ("138 0013 8000", "+86 138-0013-8000", "0013", "138****8000"):
        page = client.get(reverse("blacklist:entry_list"), {"q": query}).context["page"]
        assert [e.pk for e in page] == [entry.pk], query


def test_search_finds_reason_and_address(client, bob, shop_a):
    by_reason = add(shop_a, "13800138000", reason="同行恶拍，30 分钟 50 单")
    by_address = add(shop_a, "广东省深圳市南山区科技园南路1号", kind=Kind.ADDRESS)
    client.force_login(bob)
    assert [e.pk for e in client.get(reverse("blacklist:entry_list"), {"q": "同行恶拍"}).context["page"]] == [
        by_reason.pk
    ]
    assert [e.pk for e in client.get(reverse("blacklist:entry_list"), {"q": "深圳 南山 科技园"}).context["page"]] == [
        by_address.pk
    ]


def test_state_filter_separates_active_expired_and_removed(client, manny, shop_a):
    active = add(shop_a, "13800138000")
    expired = add(shop_a, "13900001111")
    BlacklistEntry.objects.filter(pk=expired.pk).update(expires_at=timezone.now() - timedelta(days=1))
    removed = add(shop_a, "13700001111")
    BlacklistEntry.objects.filter(pk=removed.pk).update(removed_at=timezone.now())
    client.force_login(manny)

    def listed(**params):
        return {e.pk for e in client.get(reverse("blacklist:entry_list"), params).context["page"]}

    assert listed() == {active.pk, expired.pk}
    assert listed(state="active") == {active.pk}
    assert listed(state="expired") == {expired.pk}
    assert listed(state="removed") == {removed.pk}
    assert listed(state="all") == {active.pk, expired.pk, removed.pk}


def test_filters_by_list_kind_and_source(client, manny, shop_a):
    allowed = add(shop_a, "pdd_li", kind=Kind.BUYER_ID, list_type=ListType.ALLOW)
    add(shop_a, "13800138000")
    client.force_login(manny)
    page = client.get(reverse("blacklist:entry_list"), {"list_type": "allow", "kind": "buyer_id", "source": "manual"})
    assert [e.pk for e in page.context["page"]] == [allowed.pk]


def test_list_query_count_does_not_grow_with_rows(client, manny, shop_a, django_assert_max_num_queries):
    for n in range(60):
        add(shop_a, f"1380000{n:04d}", created_by=manny)
    client.force_login(manny)
    with django_assert_max_num_queries(10) as few:
        client.get(reverse("blacklist:entry_list"), {"per_page": 25})
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(reverse("blacklist:entry_list"), {"per_page": 50})
    assert len(response.context["page"].object_list) == 50
    assert "13800000059" in response.content.decode()


def test_detail_lists_the_orders_an_entry_stopped_and_its_history(client, manny, shop_a, shop_b):
    entry = add(shop_a, created_by=manny, reason="炸店")
    stopped = make_order(shop_a, order_no="240601-112233")
    foreign = make_order(shop_b, order_no="OTHER-SHOP-1")
    record_hits({entry.pk: [(stopped.pk, False), (foreign.pk, True)]})
    client.force_login(manny)
    response = client.get(reverse("blacklist:entry_detail", args=[entry.pk]))
    body = response.content.decode()
    assert "240601-112233" in body and reverse("reviews:order_detail", args=[stopped.pk]) in body
    assert "OTHER-SHOP-1" not in body
    assert [e.action for e, _changes in response.context["events"]] == [EntryEvent.Action.CREATED]


def test_history_shows_changes_with_chinese_labels(client, manny, shop_a):
    entry = add(shop_a, created_by=manny)
    client.force_login(manny)
    client.post(reverse("blacklist:entry_edit", args=[entry.pk]), form(value="13900001111", reason_category="unpaid"))
    body = client.get(reverse("blacklist:entry_detail", args=[entry.pk])).content.decode()
    assert "值：13800138000 → 13900001111" in body
    assert "原因分类：其他 → 恶意拍单不付款" in body


def test_detail_query_count_is_constant_in_hits(client, manny, shop_a, django_assert_max_num_queries):
    entry = add(shop_a)
    orders = [make_order(shop_a) for _ in range(30)]
    record_hits({entry.pk: [(order.pk, False) for order in orders]})
    client.force_login(manny)
    with django_assert_max_num_queries(12):
        client.get(reverse("blacklist:entry_detail", args=[entry.pk]))


def test_member_of_two_shops_opens_entries_of_both(client, shop_a, shop_b):
    user = make_member("dora", shop_a, "manager")
    from reviews.models import Membership

    Membership.objects.create(user=user, shop=shop_b, role="reviewer")
    entry_b = add(shop_b)
    client.force_login(user)
    assert client.get(reverse("blacklist:entry_detail", args=[entry_b.pk])).status_code == 200
    # A reviewer in shop B: may not remove what someone else added there.
    assert client.post(reverse("blacklist:entry_remove", args=[entry_b.pk]), {"note": "x"}).status_code == 403


def test_add_form_can_be_prefilled_from_a_link(client, bob, shop_a):
    client.force_login(bob)
    response = client.get(
        reverse("blacklist:entry_add"), {"kind": "phone", "value": "138****5678", "receiver": "林*坤"}
    )
    body = response.content.decode()
    assert 'value="138****5678"' in body and 'value="林*坤"' in body


def test_editing_the_reason_of_an_expired_entry_leaves_its_expiry_alone(client, manny, shop_a):
    entry = add(shop_a, expires_at=timezone.now() + timedelta(days=1))
    BlacklistEntry.objects.filter(pk=entry.pk).update(expires_at=timezone.now() - timedelta(seconds=30))
    client.force_login(manny)
    shown = client.get(reverse("blacklist:entry_edit", args=[entry.pk])).context["form"]["expires_at"].value()
    response = client.post(
        reverse("blacklist:entry_edit", args=[entry.pk]),
        form(value="13800138000", reason_category="other", reason="补充", expires_at=shown.strftime("%Y-%m-%dT%H:%M")),
    )
    assert response.status_code == 302
    assert entry.events.last().changes == {"reason": ["", "补充"]}


def test_reviewer_is_offered_only_the_block_list(client, bob, shop_a):
    client.force_login(bob)
    page = client.get(reverse("blacklist:entry_add") + "?list_type=allow")
    body = page.content.decode()
    assert 'value="allow"' not in body and "白名单、多店共用和导入导出由经理或管理员处理" in body
    assert page.context["form"]["list_type"].value() == "block"


def test_manager_is_offered_both_lists(client, manny, shop_a):
    client.force_login(manny)
    body = client.get(reverse("blacklist:entry_add")).content.decode()
    assert 'value="allow"' in body and 'value="block"' in body
