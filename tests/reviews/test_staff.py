"""Admins manage their shop's staff on the staff page: add, invite, re-role, deactivate, reset
passwords; every change is audited; reviewers and managers get 403, other shops' staff 404."""

import re
from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone

from reviews.models import Decision, Membership, Role, StaffChange, StaffLink
from reviews.services.staff import (
    LastAdmin,
    LinkUnusable,
    staff_add,
    staff_change_role,
    staff_deactivate,
    staff_invite,
    staff_join,
    staff_reset_link,
)
from tests.conftest import PASSWORD, make_member, make_order

pytestmark = pytest.mark.django_db
User = get_user_model()
NEW_PASSWORD = "Lantern-orchid-7"


def add_form(**changes):
    data = {
        "add-username": "xiaowang",
        "add-first_name": "王小明",
        "add-email": "wang@example.com",
        "add-role": Role.REVIEWER,
        "add-password1": NEW_PASSWORD,
        "add-password2": NEW_PASSWORD,
    }
    data.update(changes)
    return data


def logs_in(username: str, password: str) -> bool:
    """Through the real login form (django-axes needs the request)."""
    from django.test import Client

    return Client().post(reverse("login"), {"username": username, "password": password}).status_code == 302


def link_token(body: str, name: str) -> str:
    match = re.search(rf"/accounts/{name}/([A-Za-z0-9_-]+)/", body)
    assert match, "the one-time link is on the page"
    return match.group(1)


# --- services -----------------------------------------------------------------------------


def test_add_creates_a_member_who_can_log_in_and_an_audit_row(client, alice, shop_a):
    membership = staff_add(
        shop=shop_a, actor=alice, username="xw", name="小王", email="", role=Role.MANAGER, password=NEW_PASSWORD
    )
    assert membership.role == Role.MANAGER and membership.user.first_name == "小王"
    assert logs_in("xw", NEW_PASSWORD)
    change = StaffChange.objects.get()
    assert (change.actor, change.user, change.action) == (alice, membership.user, StaffChange.Action.ADDED)
    assert change.before == {} and change.after["role"] == Role.MANAGER
    assert NEW_PASSWORD not in str(change.after)


def test_role_change_is_audited_with_before_and_after(alice, bob, shop_a):
    staff_change_role(membership=bob.memberships.get(), actor=alice, role=Role.MANAGER)
    assert bob.memberships.get().role == Role.MANAGER
    change = StaffChange.objects.get(action=StaffChange.Action.ROLE_CHANGED)
    assert change.before["role"] == Role.REVIEWER and change.after["role"] == Role.MANAGER
    assert change.differences() == [("角色", "客服", "经理")]


def test_last_admin_cannot_demote_or_deactivate_themselves(alice, shop_a):
    membership = alice.memberships.get()
    with pytest.raises(LastAdmin):
        staff_change_role(membership=membership, actor=alice, role=Role.MANAGER)
    with pytest.raises(LastAdmin):
        staff_deactivate(membership=membership, actor=alice)
    assert alice.memberships.get().role == Role.ADMIN
    assert not StaffChange.objects.exists()


def test_an_admin_may_step_down_once_another_admin_exists(alice, shop_a):
    make_member("ada", shop_a, Role.ADMIN)
    staff_change_role(membership=alice.memberships.get(), actor=alice, role=Role.REVIEWER)
    assert alice.memberships.get().role == Role.REVIEWER


def test_deactivate_keeps_user_and_decisions_and_stops_login(client, alice, bob, shop_a):
    order = make_order(shop_a)
    decision = Decision.objects.create(shop=shop_a, order=order, user=bob, action=Decision.Action.APPROVE)
    staff_deactivate(membership=bob.memberships.get(), actor=alice)
    bob.refresh_from_db()
    assert not bob.is_active and not Membership.objects.filter(user=bob).exists()
    assert Decision.objects.filter(pk=decision.pk, user=bob).exists()
    assert not logs_in("bob", PASSWORD)
    change = StaffChange.objects.get(action=StaffChange.Action.DEACTIVATED)
    assert change.before["role"] == Role.REVIEWER and change.after["role"] is None


def test_deactivated_in_one_shop_still_works_in_the_other(client, alice, shop_a, shop_b):
    both = make_member("both", shop_a, Role.REVIEWER)
    Membership.objects.create(user=both, shop=shop_b, role=Role.REVIEWER)
    staff_deactivate(membership=both.memberships.get(shop=shop_a), actor=alice)
    both.refresh_from_db()
    assert both.is_active
    client.force_login(both)
    assert client.get(reverse("reviews:queue")).status_code == 200
    assert [s.pk for s in client.get(reverse("reviews:queue")).context["user_shops"]] == [shop_b.pk]


def test_invite_link_works_once(alice, shop_a):
    link, raw = staff_invite(shop=shop_a, actor=alice, role=Role.MANAGER, name="李四")
    assert raw not in link.token_hash and len(link.token_hash) == 64
    user = staff_join(link=link, username="lisi", password=NEW_PASSWORD)
    assert user.memberships.get().role == Role.MANAGER and user.first_name == "李四"
    with pytest.raises(LinkUnusable):
        staff_join(link=link, username="lisi2", password=NEW_PASSWORD)
    assert not User.objects.filter(username="lisi2").exists()


# --- the staff page -----------------------------------------------------------------------


@pytest.mark.parametrize("user", ["bob", "manny"])
def test_reviewers_and_managers_get_403(client, request, user, alice):
    client.force_login(request.getfixturevalue(user))
    assert client.get(reverse("reviews:staff")).status_code == 403
    assert client.post(reverse("reviews:staff"), add_form()).status_code == 403
    assert client.post(reverse("reviews:staff_role", args=[alice.pk]), {"role": "reviewer"}).status_code == 403
    assert client.post(reverse("reviews:staff_deactivate", args=[alice.pk])).status_code == 403
    assert not User.objects.filter(username="xiaowang").exists()
    assert alice.memberships.get().role == Role.ADMIN


def test_other_shops_staff_are_404(client, alice, charlie):
    client.force_login(alice)
    for name in ("staff_detail",):
        assert client.get(reverse(f"reviews:{name}", args=[charlie.pk])).status_code == 404
    for name in ("staff_role", "staff_deactivate", "staff_password", "staff_reset_link"):
        response = client.post(
            reverse(f"reviews:{name}", args=[charlie.pk]), {"role": "admin", "password": NEW_PASSWORD}
        )
        assert response.status_code == 404
    charlie.refresh_from_db()
    assert charlie.is_active and charlie.memberships.get().role == Role.REVIEWER
    assert not StaffChange.objects.exists() and not StaffLink.objects.exists()


def test_nav_links_the_staff_page_for_admins_only(client, alice, bob):
    client.force_login(alice)
    assert reverse("reviews:staff") in client.get(reverse("reviews:home")).content.decode()
    client.force_login(bob)
    assert reverse("reviews:staff") not in client.get(reverse("reviews:home")).content.decode()


def test_staff_page_lists_members_with_role_and_last_login(client, alice, bob, charlie):
    bob.last_login = timezone.make_aware(timezone.datetime(2026, 11, 3, 9, 30))
    bob.save()
    client.force_login(alice)
    body = client.get(reverse("reviews:staff")).content.decode()
    assert "员工 · 店铺A" in body
    assert "bob" in body and "客服" in body and "2026-11-03 09:30" in body
    assert "charlie" not in body


def test_admin_adds_a_user_on_the_page(client, alice, shop_a):
    client.force_login(alice)
    response = client.post(reverse("reviews:staff"), add_form())
    assert response.status_code == 302
    user = User.objects.get(username="xiaowang")
    assert user.memberships.get(shop=shop_a).role == Role.REVIEWER
    body = client.get(reverse("reviews:staff")).content.decode()
    assert "添加员工" in body and "xiaowang" in body


def test_add_refuses_a_taken_username_and_a_weak_password(client, alice, bob):
    client.force_login(alice)
    assert client.post(reverse("reviews:staff"), add_form(**{"add-username": "bob"})).status_code == 400
    weak = {"add-password1": "123456", "add-password2": "123456"}
    assert client.post(reverse("reviews:staff"), add_form(**weak)).status_code == 400
    assert not User.objects.filter(username="xiaowang").exists()


def test_change_role_and_last_admin_guard_on_the_page(client, alice, bob):
    client.force_login(alice)
    client.post(reverse("reviews:staff_role", args=[bob.pk]), {"role": Role.MANAGER})
    assert bob.memberships.get().role == Role.MANAGER
    response = client.post(reverse("reviews:staff_role", args=[alice.pk]), {"role": Role.REVIEWER})
    assert response.status_code == 400 and "唯一的管理员" in response.content.decode()
    client.post(reverse("reviews:staff_deactivate", args=[alice.pk]))
    assert alice.memberships.get().role == Role.ADMIN


def test_deactivated_member_sees_nothing_and_cannot_log_in(client, alice, bob):
    other = client.__class__()
    other.force_login(bob)
    assert other.get(reverse("reviews:queue")).status_code == 200
    client.force_login(alice)
    assert client.post(reverse("reviews:staff_deactivate", args=[bob.pk])).status_code == 302
    # Bob's open session ended; he can neither log in again nor open the queue.
    assert other.get(reverse("reviews:queue")).status_code == 302
    assert not logs_in("bob", PASSWORD)
    body = client.get(reverse("reviews:staff")).content.decode()
    assert "停用" in body and "bob" in body  # the audit trail names him, the member list does not
    assert not Membership.objects.filter(user=bob).exists()


def test_invite_link_is_shown_once_and_works_once(client, alice, shop_a):
    client.force_login(alice)
    response = client.post(reverse("reviews:staff"), {"invite-name": "赵六", "invite-role": Role.MANAGER})
    assert response["Cache-Control"] == "no-store"
    token = link_token(response.content.decode(), "invite")
    assert token not in client.get(reverse("reviews:staff")).content.decode()
    assert not StaffLink.objects.filter(token_hash=token).exists()  # only its hash is stored

    visitor = client.__class__()
    page = visitor.get(reverse("staff_join", args=[token]))
    assert page.status_code == 200 and "店铺A" in page.content.decode() and "经理" in page.content.decode()
    data = {"username": "zhaoliu", "first_name": "赵六", "password1": NEW_PASSWORD, "password2": NEW_PASSWORD}
    assert visitor.post(reverse("staff_join", args=[token]), data).status_code == 302
    assert logs_in("zhaoliu", NEW_PASSWORD)
    assert User.objects.get(username="zhaoliu").memberships.get(shop=shop_a).role == Role.MANAGER
    # Used: the same link no longer opens, nor creates a second account.
    again = client.__class__()
    assert again.get(reverse("staff_join", args=[token])).status_code == 404
    assert again.post(reverse("staff_join", args=[token]), {**data, "username": "zl2"}).status_code == 404
    assert not User.objects.filter(username="zl2").exists()
    actions = list(StaffChange.objects.order_by("at", "pk").values_list("action", flat=True))
    assert actions == [StaffChange.Action.INVITED, StaffChange.Action.JOINED]


def test_expired_invite_link_does_not_open(client, alice, shop_a):
    link, raw = staff_invite(shop=shop_a, actor=alice, role=Role.REVIEWER)
    StaffLink.objects.filter(pk=link.pk).update(expires_at=timezone.now() - timedelta(minutes=1))
    response = client.get(reverse("staff_join", args=[raw]))
    assert response.status_code == 404 and "链接无效" in response.content.decode()
    data = {"username": "late", "first_name": "迟到", "password1": NEW_PASSWORD, "password2": NEW_PASSWORD}
    assert client.post(reverse("staff_join", args=[raw]), data).status_code == 404
    assert not User.objects.filter(username="late").exists()


def test_invite_link_is_valid_for_72_hours(alice, shop_a):
    link, _raw = staff_invite(shop=shop_a, actor=alice, role=Role.REVIEWER)
    assert abs((link.expires_at - link.created_at) - timedelta(hours=72)) < timedelta(seconds=5)


def test_admin_sets_a_temporary_password(client, alice, bob):
    other = client.__class__()
    other.force_login(bob)
    client.force_login(alice)
    response = client.post(reverse("reviews:staff_password", args=[bob.pk]), {"password": NEW_PASSWORD})
    assert response.status_code == 302
    assert other.get(reverse("reviews:queue")).status_code == 302  # his old session ended
    assert logs_in("bob", NEW_PASSWORD)
    assert StaffChange.objects.get().action == StaffChange.Action.PASSWORD_SET


def test_reset_link_sets_a_new_password_once(client, alice, bob):
    client.force_login(alice)
    response = client.post(reverse("reviews:staff_reset_link", args=[bob.pk]))
    token = link_token(response.content.decode(), "reset")
    visitor = client.__class__()
    assert "bob" in visitor.get(reverse("staff_reset", args=[token])).content.decode()
    data = {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD}
    assert visitor.post(reverse("staff_reset", args=[token]), data).status_code == 302
    assert logs_in("bob", NEW_PASSWORD)
    assert client.__class__().post(reverse("staff_reset", args=[token]), data).status_code == 404
    actions = set(StaffChange.objects.values_list("action", flat=True))
    assert actions == {StaffChange.Action.RESET_LINK, StaffChange.Action.PASSWORD_RESET}


def test_reset_link_of_a_deactivated_member_no_longer_works(client, alice, bob, shop_a):
    _link, raw = staff_reset_link(membership=bob.memberships.get(), actor=alice)
    staff_deactivate(membership=bob.memberships.get(), actor=alice)
    assert client.get(reverse("staff_reset", args=[raw])).status_code == 404


def test_unknown_tokens_are_throttled(client, settings):
    for _ in range(20):
        assert client.get(reverse("staff_join", args=["nope"])).status_code == 404
    assert client.get(reverse("staff_join", args=["nope"])).status_code == 429


def test_member_page_shows_their_audit_trail(client, alice, bob):
    client.force_login(alice)
    client.post(reverse("reviews:staff_role", args=[bob.pk]), {"role": Role.MANAGER})
    body = client.get(reverse("reviews:staff_detail", args=[bob.pk])).content.decode()
    assert "修改角色" in body and "客服 → 经理" in body and "alice" in body


def test_a_user_in_no_shop_cannot_log_in(client, db):
    User.objects.create_user(username="loner", password=PASSWORD)
    response = client.post(reverse("login"), {"username": "loner", "password": PASSWORD})
    assert response.status_code == 200 and "不属于任何店铺" in response.content.decode()
    assert not logs_in("loner", PASSWORD)
    User.objects.create_superuser(username="root", password=PASSWORD)
    assert logs_in("root", PASSWORD)  # the operator reaches every shop and Django admin


def test_admin_withdraws_an_open_invitation(client, alice, shop_a, shop_b):
    link, raw = staff_invite(shop=shop_a, actor=alice, role=Role.REVIEWER, name="钱七")
    other, _other_raw = staff_invite(shop=shop_b, actor=alice, role=Role.REVIEWER)
    client.force_login(alice)
    assert client.post(reverse("reviews:staff_invite_revoke", args=[other.pk])).status_code == 404
    assert client.post(reverse("reviews:staff_invite_revoke", args=[link.pk])).status_code == 302
    assert client.__class__().get(reverse("staff_join", args=[raw])).status_code == 404
    body = client.get(reverse("reviews:staff")).content.decode()
    assert "撤销邀请" in body and "钱七" in body
    assert StaffLink.objects.get(pk=other.pk).is_usable()
