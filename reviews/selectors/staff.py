"""Read paths of the staff page: a shop's members, its open invitations, its staff audit trail,
and the one-time link a token names."""

from django.db.models import Case, IntegerField, QuerySet, Value, When
from django.shortcuts import get_object_or_404
from django.utils import timezone

from reviews.models import Membership, Role, Shop, StaffChange, StaffLink
from reviews.services.staff import link_hash

_ROLE_ORDER = Case(
    *(When(role=role, then=Value(-Role.rank(role))) for role in Role.values),
    output_field=IntegerField(),
)


def staff_of_shop(shop: Shop) -> QuerySet[Membership]:
    """The shop's members with their user, admins first."""
    return (
        Membership.objects.filter(shop=shop)
        .select_related("user")
        .annotate(role_order=_ROLE_ORDER)
        .order_by("role_order", "user__username")
    )


def staff_member(shop: Shop, user_id: int) -> Membership:
    """One member of this shop; a user who is not in it (another shop's staff) is a 404."""
    return get_object_or_404(Membership.objects.select_related("user", "shop"), shop=shop, user_id=user_id)


def open_invites(shop: Shop) -> QuerySet[StaffLink]:
    """Invitations not used yet and not expired."""
    return StaffLink.objects.filter(
        shop=shop, purpose=StaffLink.Purpose.INVITE, used_at__isnull=True, expires_at__gt=timezone.now()
    ).select_related("created_by")


def staff_changes(shop: Shop, *, user_id: int | None = None, limit: int = 100) -> list[StaffChange]:
    """The shop's staff audit trail, newest first (one member's, with ``user_id``)."""
    changes = StaffChange.objects.filter(shop=shop).select_related("actor", "user")
    if user_id is not None:
        changes = changes.filter(user_id=user_id)
    return list(changes[:limit])


def staff_link_by_token(raw: str, purpose: str) -> StaffLink | None:
    """The link a raw token names if it can still be used, else None (used, expired, unknown)."""
    if not raw or len(raw) > 100:
        return None
    link = StaffLink.objects.select_related("shop", "user").filter(token_hash=link_hash(raw), purpose=purpose).first()
    if link is None or not link.is_usable():
        return None
    if purpose == StaffLink.Purpose.RESET and not (
        link.user.is_active and Membership.objects.filter(user=link.user, shop=link.shop).exists()
    ):
        return None  # the member left the shop after the link was made
    return link


def open_invite(shop: Shop, pk: int) -> StaffLink:
    """One of this shop's open invitations, else 404."""
    return get_object_or_404(open_invites(shop), pk=pk)
