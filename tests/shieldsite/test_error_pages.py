"""The pages a user lands on when something is refused: in Chinese, inside the dashboard, saying what to do."""

from django.contrib.auth import get_user_model
from django.test import Client

from reviews.models import Role
from tests.conftest import PASSWORD, make_member


def logged_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_a_reviewer_on_an_admin_page_is_told_their_role_and_keeps_the_navigation(bob):
    response = logged_in(bob).get("/policy/")
    assert response.status_code == 403
    page = response.content.decode()
    assert "没有权限" in page
    assert "你在“店铺A”的角色是客服" in page
    assert 'href="/queue/"' in page  # the header is there: one click back to work
    assert "403 Forbidden" not in page


def test_a_record_of_another_shop_is_not_found_in_chinese(alice, order_of_shop_b):
    response = logged_in(alice).get(f"/orders/{order_of_shop_b.pk}/")
    assert response.status_code == 404
    page = response.content.decode()
    assert "页面不存在" in page
    assert "不属于你当前所在的店铺" in page
    assert "切换店铺" not in page.split("<main", 1)[1]  # one shop: nothing to switch to
    assert "Not Found" not in page


def test_a_user_of_two_shops_is_told_to_switch_shop(alice, shop_b, order_of_shop_b):
    from reviews.models import Membership

    Membership.objects.create(user=alice, shop=shop_b, role=Role.REVIEWER)
    client = logged_in(alice)
    client.post("/shop/switch/", {"shop": alice.memberships.get(role=Role.ADMIN).shop_id, "next": "/"})
    page = client.get("/orders/999999/").content.decode()
    assert "请先在右上角切换店铺" in page


def test_an_account_without_a_shop_is_told_to_ask_to_be_added(db):
    user = get_user_model().objects.create_user(username="newhire", password=PASSWORD)
    response = logged_in(user).get("/")
    assert response.status_code == 404
    page = response.content.decode()
    assert "账号还没有加入店铺" in page
    assert "请联系店铺管理员把你加入店铺" in page


def test_an_unknown_address_without_login_still_answers_in_chinese(db):
    response = Client().get("/no-such-page/")
    assert response.status_code == 404
    assert "页面不存在" in response.content.decode()


def test_a_stale_form_says_nothing_was_saved_instead_of_csrf_jargon(shop_a):
    reviewer = make_member("stale", shop_a, Role.REVIEWER)
    client = Client(enforce_csrf_checks=True)
    client.force_login(reviewer)
    response = client.post("/queue/release/")
    assert response.status_code == 403
    page = response.content.decode()
    assert "页面已过期" in page
    assert "没有任何改动被保存" in page
    assert "CSRF" not in page
