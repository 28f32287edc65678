"""A form sent after the session ended: nothing is saved, and after logging in again the
reviewer is back on the page the form was on, told so — not on a blank 405."""

from urllib.parse import parse_qs, urlsplit

from django.test import Client
from django.urls import reverse

from reviews.models import Decision
from tests.conftest import PASSWORD, make_flagged_order


def login_next(response) -> str:
    """Where the login page will send the user back to."""
    location = urlsplit(response["Location"])
    assert location.path == reverse("login")
    return parse_qs(location.query)["next"][0]


def test_a_decision_sent_after_the_session_ended_leads_back_to_the_order(bob, shop_a):
    order = make_flagged_order(shop_a)
    page = reverse("reviews:review", args=[order.pk])
    client = Client()  # the session cookie is gone: logged out elsewhere, or the shift outlasted it

    response = client.post(
        reverse("reviews:decide", args=[order.pk]), {"action": "approve"}, HTTP_REFERER=f"http://testserver{page}"
    )

    assert response.status_code == 302
    assert login_next(response) == page
    assert not Decision.objects.exists()
    login_page = client.get(response["Location"]).content.decode()
    assert "登录已过期，刚才的提交没有保存" in login_page
    after_login = client.post(response["Location"], {"username": "bob", "password": PASSWORD, "next": page})
    assert after_login["Location"] == page
    assert client.get(page).status_code == 200


def test_a_form_from_another_site_or_without_referer_leads_to_the_dashboard(db):
    home = reverse("reviews:home")
    for headers in ({"HTTP_REFERER": "https://evil.example/queue/"}, {}):
        response = Client().post(reverse("reviews:queue_release"), **headers)
        assert login_next(response) == home


def test_a_page_opened_without_login_still_comes_back_to_itself(db):
    response = Client().get("/orders/?status=paid")
    assert login_next(response) == "/orders/?status=paid"
