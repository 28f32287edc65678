"""A shop's staff, managed by its admins: add, invite, change role, deactivate, reset a password.

Every change writes a ``StaffChange`` (who, when, what, the member before and after). Nothing is
deleted but a membership: the user, their decisions and the audit trail stay. A user left in no
shop is made inactive, so they can no longer log in (and their open sessions end at once).
"""

import hashlib
import secrets
from datetime import timedelta

from axes.utils import reset as axes_reset
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from reviews.models import Membership, Role, Shop, StaffChange, StaffLink

User = get_user_model()


class LastAdmin(ValidationError):
    """The change would leave the shop without an admin: nobody could manage its staff any more."""

    def __init__(self):
        super().__init__(_("这是本店唯一的管理员，不能降级或停用。请先把另一位员工设为管理员。"))


def link_hash(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


def _snapshot(membership: Membership | None) -> dict:
    """What the audit keeps of a member: never a password or a token."""
    if membership is None:
        return {}
    user = membership.user
    return {
        "username": user.get_username(),
        "name": user.get_full_name(),
        "email": user.email,
        "role": membership.role,
    }


def _record(*, shop: Shop, actor, user, action: str, before: dict | None = None, after: dict | None = None):
    return StaffChange.objects.create(
        shop=shop, actor=actor, user=user, action=action, before=before or {}, after=after or {}
    )


def _locked_membership(membership: Membership) -> Membership:
    return Membership.objects.select_for_update().select_related("user").get(pk=membership.pk)


def _guard_last_admin(membership: Membership) -> None:
    """Refuse a change that takes the shop's last admin away (demotion or deactivation)."""
    if membership.role != Role.ADMIN:
        return
    # Lock every admin row of the shop: two admins demoting each other at once cannot both pass.
    admins = list(
        Membership.objects.select_for_update()
        .filter(shop_id=membership.shop_id, role=Role.ADMIN)
        .values_list("pk", flat=True)
    )
    if admins == [membership.pk]:
        raise LastAdmin


def _new_link(*, shop: Shop, actor, purpose: str, **fields) -> tuple[StaffLink, str]:
    raw = secrets.token_urlsafe(32)
    link = StaffLink.objects.create(
        shop=shop,
        purpose=purpose,
        token_hash=link_hash(raw),
        created_by=actor,
        expires_at=timezone.now() + timedelta(hours=settings.SHIELD_STAFF_LINK_HOURS),
        **fields,
    )
    return link, raw


@transaction.atomic
def staff_add(*, shop: Shop, actor, username: str, name: str, email: str, role: str, password: str) -> Membership:
    """Create a user with an initial password and make them a member of the shop."""
    user = User.objects.create_user(username=username, email=email, password=password, first_name=name)
    membership = Membership.objects.create(user=user, shop=shop, role=role)
    _record(shop=shop, actor=actor, user=user, action=StaffChange.Action.ADDED, after=_snapshot(membership))
    return membership


@transaction.atomic
def staff_invite(*, shop: Shop, actor, role: str, name: str = "", email: str = "") -> tuple[StaffLink, str]:
    """A one-time invitation link: whoever opens it first (before it expires) picks a username and
    password and joins the shop with ``role``. The raw token is returned once and never stored."""
    link, raw = _new_link(shop=shop, actor=actor, purpose=StaffLink.Purpose.INVITE, role=role, name=name, email=email)
    _record(
        shop=shop,
        actor=actor,
        user=None,
        action=StaffChange.Action.INVITED,
        after={"name": name, "email": email, "role": role, "expires_at": link.expires_at.isoformat()},
    )
    return link, raw


@transaction.atomic
def staff_invite_revoke(*, link: StaffLink, actor) -> None:
    """Withdraw an invitation nobody has used yet: its link stops working now."""
    link = StaffLink.objects.select_for_update(of=("self",)).get(pk=link.pk)
    if not link.is_usable():
        return
    link.expires_at = timezone.now()
    link.save(update_fields=["expires_at"])
    _record(
        shop=link.shop,
        actor=actor,
        user=None,
        action=StaffChange.Action.INVITE_REVOKED,
        before={"name": link.name, "email": link.email, "role": link.role},
    )


@transaction.atomic
def staff_change_role(*, membership: Membership, actor, role: str) -> Membership:
    """Give a member another role in the shop (not if they are its last admin and would lose it)."""
    membership = _locked_membership(membership)
    if membership.role == role:
        return membership
    if Role.rank(role) < Role.rank(membership.role):
        _guard_last_admin(membership)
    before = _snapshot(membership)
    membership.role = role
    membership.save(update_fields=["role"])
    _record(
        shop=membership.shop,
        actor=actor,
        user=membership.user,
        action=StaffChange.Action.ROLE_CHANGED,
        before=before,
        after=_snapshot(membership),
    )
    return membership


@transaction.atomic
def staff_deactivate(*, membership: Membership, actor) -> None:
    """Take a member out of the shop. The user and everything they did stay; a user left in no
    shop is made inactive: they cannot log in, and a session they have open ends now."""
    membership = _locked_membership(membership)
    _guard_last_admin(membership)
    user = membership.user
    before = _snapshot(membership)
    membership.delete()
    if not user.is_superuser and not Membership.objects.filter(user=user).exists():
        user.is_active = False
        user.save(update_fields=["is_active"])
    _record(
        shop=membership.shop,
        actor=actor,
        user=user,
        action=StaffChange.Action.DEACTIVATED,
        before=before,
        # The same member, without a role here; whether they still work in another shop.
        after={**before, "role": None, "active_elsewhere": user.is_active},
    )


@transaction.atomic
def staff_set_password(*, membership: Membership, actor, password: str) -> None:
    """Give a member a temporary password an admin tells them. Their other sessions end (Django
    ties a session to the password) and a login lockout on their name is lifted."""
    membership = _locked_membership(membership)
    user = membership.user
    user.set_password(password)
    user.save(update_fields=["password"])
    axes_reset(username=user.get_username())
    _record(shop=membership.shop, actor=actor, user=user, action=StaffChange.Action.PASSWORD_SET)


@transaction.atomic
def staff_reset_link(*, membership: Membership, actor) -> tuple[StaffLink, str]:
    """A one-time link with which the member sets a new password themselves."""
    membership = _locked_membership(membership)
    link, raw = _new_link(
        shop=membership.shop,
        actor=actor,
        purpose=StaffLink.Purpose.RESET,
        role=membership.role,
        user=membership.user,
    )
    _record(
        shop=membership.shop,
        actor=actor,
        user=membership.user,
        action=StaffChange.Action.RESET_LINK,
        after={"expires_at": link.expires_at.isoformat()},
    )
    return link, raw


class LinkUnusable(Exception):
    """The link was used already, has expired, or its member has left the shop."""


def _claim_link(link: StaffLink, purpose: str) -> StaffLink:
    link = StaffLink.objects.select_for_update(of=("self",)).select_related("shop", "user").get(pk=link.pk)
    if link.purpose != purpose or not link.is_usable():
        raise LinkUnusable
    link.used_at = timezone.now()
    return link


@transaction.atomic
def staff_join(*, link: StaffLink, username: str, password: str, name: str = "", email: str = ""):
    """Accept an invitation: a new user with the invited role. The link works once."""
    link = _claim_link(link, StaffLink.Purpose.INVITE)
    user = User.objects.create_user(
        username=username, password=password, first_name=name or link.name, email=email or link.email
    )
    membership = Membership.objects.create(user=user, shop=link.shop, role=link.role)
    link.user = user
    link.save(update_fields=["used_at", "user"])
    _record(shop=link.shop, actor=user, user=user, action=StaffChange.Action.JOINED, after=_snapshot(membership))
    return user


@transaction.atomic
def staff_reset_password(*, link: StaffLink, password: str):
    """Set a new password through a reset link. The link works once, and only while its user is
    still a member of the shop that made it."""
    link = _claim_link(link, StaffLink.Purpose.RESET)
    user = link.user
    if not user.is_active or not Membership.objects.filter(user=user, shop=link.shop).exists():
        raise LinkUnusable
    user.set_password(password)
    user.save(update_fields=["password"])
    link.save(update_fields=["used_at"])
    axes_reset(username=user.get_username())
    _record(shop=link.shop, actor=user, user=user, action=StaffChange.Action.PASSWORD_RESET)
    return user
