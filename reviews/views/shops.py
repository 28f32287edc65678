"""The header's shop switcher."""

from django.http import Http404
from django.shortcuts import redirect
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from reviews.views.access import SESSION_SHOP_KEY, get_shop_for_user
from shieldsite.ids import parse_id


@require_POST
def switch_shop(request):
    shop_id = parse_id(request.POST.get("shop"))
    if shop_id is None:
        raise Http404
    shop = get_shop_for_user(request.user, shop_id)
    request.session[SESSION_SHOP_KEY] = shop.pk
    target = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        target = "reviews:home"
    return redirect(target)
