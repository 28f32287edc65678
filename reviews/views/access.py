"""Who may see what. Every view goes through one of these helpers or a ``.for_user()`` queryset.

A record of another shop answers 404 (never 403: that would confirm it exists);
a member whose role is too low for an action in their own shop gets 403.
"""

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404

from reviews.models import Buyer, Membership, Order, Role, Shop

SESSION_SHOP_KEY = "shop_id"


def shops_for_user(user) -> QuerySet[Shop]:
    """The shops the user works in."""
    return Shop.objects.for_user(user)


def get_shop_for_user(user, pk: int) -> Shop:
    """The shop if the user works in it, else 404."""
    return get_object_or_404(shops_for_user(user), pk=pk)


def get_order_for_user(user, pk: int) -> Order:
    """The order if it belongs to one of the user's shops, else 404."""
    return get_object_or_404(Order.objects.for_user(user).with_related(), pk=pk)


def get_buyer_for_user(user, pk: int) -> Buyer:
    """The buyer if it belongs to one of the user's shops, else 404."""
    return get_object_or_404(Buyer.objects.for_user(user).select_related("shop"), pk=pk)


def role_in(user, shop: Shop) -> str | None:
    """The user's role in the shop; superusers act as admins everywhere.

    Remembered on the user object, which lives for one request: the header, the view and its
    permission checks all ask, and the answer cannot change in between.
    """
    if user.is_superuser:
        return Role.ADMIN
    roles = user.__dict__.setdefault("_shield_roles", {})
    if shop.pk not in roles:
        roles[shop.pk] = Membership.objects.filter(user=user, shop=shop).values_list("role", flat=True).first()
    return roles[shop.pk]


def has_role(user, shop: Shop, role: str) -> bool:
    """Whether the user works in the shop with ``role`` or a higher one (for what a page offers)."""
    current = role_in(user, shop)
    return current is not None and Role.rank(current) >= Role.rank(role)


def share_with(user, shop: Shop) -> int | None:
    """The merchant this user may share the shop's blacklist entries and buyer tags with: a
    manager's of a shop that belongs to a merchant; None for anyone else or a lone shop."""
    return shop.organization_id if has_role(user, shop, Role.MANAGER) else None


def require_role(user, shop: Shop, role: str) -> None:
    """Raise 404 if the user is not in the shop, 403 if their role there is below ``role``."""
    current = role_in(user, shop)
    if current is None:
        raise Http404
    if Role.rank(current) < Role.rank(role):
        raise PermissionDenied


def user_shops(request: HttpRequest) -> list[Shop]:
    """The user's shops, fetched once per request."""
    if not hasattr(request, "_shield_shops"):
        request._shield_shops = list(shops_for_user(request.user))
    return request._shield_shops


def current_shop(request: HttpRequest) -> Shop | None:
    """The shop the user picked in the header's switcher, else their first shop."""
    shops = user_shops(request)
    selected = request.session.get(SESSION_SHOP_KEY)
    return next((shop for shop in shops if shop.pk == selected), shops[0] if shops else None)


def current_shop_or_404(request: HttpRequest) -> Shop:
    shop = current_shop(request)
    if shop is None:
        raise Http404("no shop")
    return shop


def current_shop_for(request: HttpRequest, role: str) -> Shop:
    """The current shop, if the user holds at least ``role`` there (404 / 403 otherwise)."""
    shop = current_shop_or_404(request)
    require_role(request.user, shop, role)
    return shop
