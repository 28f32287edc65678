from reviews.models import Role
from reviews.views.access import current_shop, role_in, user_shops


def shop_context(request):
    """The header's shop switcher and the user's role in the current shop."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    shop = current_shop(request)
    role = role_in(user, shop) if shop else None
    return {
        "user_shops": user_shops(request),
        "current_shop": shop,
        "current_role": role,
        "current_role_label": Role(role).label if role else "",
    }
