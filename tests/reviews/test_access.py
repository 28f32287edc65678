"""Shop scoping and roles: staff see only their shops; another shop's record is a 404."""

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.urls import reverse

from reviews.models import Role
from reviews.views.access import get_order_for_user, require_role, shops_for_user
from tests.conftest import make_order

pytestmark = pytest.mark.django_db


def test_reviewer_cannot_see_other_shop_order(client, charlie, order_of_shop_a):
    client.force_login(charlie)
    response = client.get(reverse("reviews:order_detail", args=[order_of_shop_a.pk]))
    assert response.status_code == 404


def test_reviewer_sees_own_shop_order(client, bob, order_of_shop_a):
    client.force_login(bob)
    response = client.get(reverse("reviews:order_detail", args=[order_of_shop_a.pk]))
    assert response.status_code == 200
    assert order_of_shop_a.order_no in response.content.decode()


def test_access_helper_raises_404_for_other_shop(charlie, order_of_shop_a):
    with pytest.raises(Http404):
        get_order_for_user(charlie, order_of_shop_a.pk)


def test_order_list_shows_only_current_shop(client, bob, shop_a, shop_b):
    mine = make_order(shop_a, order_no="MINE-001")
    theirs = make_order(shop_b, order_no="THEIRS-001")
    client.force_login(bob)
    body = client.get(reverse("reviews:order_list")).content.decode()
    assert mine.order_no in body
    assert theirs.order_no not in body


def test_user_sees_only_member_shops(alice, shop_a, shop_b):
    assert list(shops_for_user(alice)) == [shop_a]


def test_switching_to_a_foreign_shop_is_404(client, bob, shop_b):
    client.force_login(bob)
    response = client.post(reverse("reviews:switch_shop"), {"shop": shop_b.pk})
    assert response.status_code == 404


def test_switching_shop_changes_the_order_list(client, alice, shop_a, shop_b):
    from reviews.models import Membership

    Membership.objects.create(user=alice, shop=shop_b, role=Role.MANAGER)
    make_order(shop_b, order_no="B-ONLY-1")
    client.force_login(alice)
    assert "B-ONLY-1" not in client.get(reverse("reviews:order_list")).content.decode()
    response = client.post(reverse("reviews:switch_shop"), {"shop": shop_b.pk, "next": "/orders/"})
    assert response.status_code == 302 and response["Location"] == "/orders/"
    assert "B-ONLY-1" in client.get(reverse("reviews:order_list")).content.decode()


def test_switch_shop_ignores_offsite_next(client, alice, shop_a):
    client.force_login(alice)
    response = client.post(reverse("reviews:switch_shop"), {"shop": shop_a.pk, "next": "https://evil.example/"})
    assert response["Location"] == reverse("reviews:home")


@pytest.mark.parametrize(
    ("who", "needed", "allowed"),
    [
        ("bob", Role.REVIEWER, True),
        ("bob", Role.MANAGER, False),
        ("manny", Role.MANAGER, True),
        ("manny", Role.ADMIN, False),
        ("alice", Role.ADMIN, True),
    ],
)
def test_roles_rank_reviewer_manager_admin(request, shop_a, who, needed, allowed):
    user = request.getfixturevalue(who)
    if allowed:
        require_role(user, shop_a, needed)
    else:
        with pytest.raises(PermissionDenied):
            require_role(user, shop_a, needed)


def test_role_check_in_foreign_shop_is_404(charlie, shop_a):
    with pytest.raises(Http404):
        require_role(charlie, shop_a, Role.REVIEWER)


def test_user_without_shop_gets_404_not_error(client, django_user_model):
    user = django_user_model.objects.create_user("nobody", password="x-very-long-pass")
    client.force_login(user)
    assert client.get(reverse("reviews:home")).status_code == 404


def test_admin_site_is_for_superusers_only(client, alice, admin_user):
    client.force_login(alice)
    assert client.get("/admin/").status_code == 302
    client.force_login(admin_user)
    assert client.get("/admin/").status_code == 200


def test_linked_to_finds_buyers_on_either_side_of_a_link(shop_a):
    from reviews.models import Buyer, BuyerLink
    from tests.conftest import make_buyer

    first, second, third, stranger = (make_buyer(shop_a) for _ in range(4))
    BuyerLink.objects.create(shop=shop_a, buyer_a=first, buyer_b=second, via="phone", key="13800000000")
    BuyerLink.objects.create(shop=shop_a, buyer_a=first, buyer_b=third, via="address", key="广东深圳南山")
    assert set(Buyer.objects.linked_to(first)) == {second, third}
    assert set(Buyer.objects.linked_to(second)) == {first}
    assert not Buyer.objects.linked_to(stranger).exists()
