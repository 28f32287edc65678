"""Numbers that read as digits to ``str.isdigit()`` but not to ``int()`` or to PostgreSQL.

A fuzz test found ``/queue/?shop=²`` answered 500: "²".isdigit() is True and int("²") raises.
Every id a page reads from a query string or a form goes through ``shieldsite.ids.parse_id``, so
"²", Arabic-Indic digits, 5,000 digits and a number past bigint get the page's usual 404 or form
error, never a server error.
"""

import pytest
from django.test import Client
from django.urls import reverse

from reviews.models import BuyerTag
from reviews.services.alerting import verify_signature
from reviews.services.importing.html_tables import _HtmlRows
from shieldsite.ids import parse_id, parse_ids
from tests.conftest import make_buyer, make_flagged_order

pytestmark = pytest.mark.django_db

BAD_NUMBERS = {
    "superscript": "²",
    "arabic_indic": "١٢",
    "5000_digits": "9" * 5000,
    "past_bigint": "99999999999999999999",
}


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def signed_in(alice, shop_a):
    buyer = make_buyer(shop_a)
    make_flagged_order(shop_a, buyer=buyer)
    BuyerTag.objects.create(shop=shop_a, name="兔子")
    client = Client()
    client.force_login(alice)
    return client, buyer


# (method, url name, url args from the buyer, the request's data with the bad number in it)
REQUESTS = {
    "queue_shop": ("get", "reviews:queue", None, lambda n: {"shop": n}),
    "complaint_new_order": ("get", "complaints:create", None, lambda n: {"order": n}),
    "complaint_new_buyer": ("get", "complaints:create", None, lambda n: {"buyer": n}),
    "complaint_post_orders": ("post", "complaints:create", None, lambda n: {"title": "x", "orders": n}),
    "complaint_post_buyers": ("post", "complaints:create", None, lambda n: {"title": "x", "buyers": n}),
    "queue_bulk": ("post", "reviews:queue_bulk", None, lambda n: {"action": "approve", "order_ids": n}),
    "queue_release": ("post", "reviews:queue_release", None, lambda n: {"order_ids": n}),
    "switch_shop": ("post", "reviews:switch_shop", None, lambda n: {"shop": n}),
    "buyer_tag_add": ("post", "reviews:buyer_tag_add", "buyer", lambda n: {"tag": n}),
    "policy_tag_weight": ("post", "reviews:policy", None, lambda n: {"tag_weights": f"兔子={n}"}),
}


@pytest.mark.parametrize("number", BAD_NUMBERS.values(), ids=BAD_NUMBERS.keys())
@pytest.mark.parametrize("case", REQUESTS.values(), ids=REQUESTS.keys())
def test_a_bad_number_in_a_request_never_answers_a_server_error(signed_in, case, number):
    client, buyer = signed_in
    method, name, args, data = case
    url = reverse(name, args=[buyer.pk] if args else None)
    response = getattr(client, method)(url, data(number))
    assert response.status_code < 500


@pytest.mark.parametrize("number", ["²", "٣", "9" * 5000], ids=["superscript", "arabic_indic", "5000_digits"])
def test_a_complaint_for_an_unreadable_order_is_not_found(signed_in, number):
    client, _ = signed_in
    assert client.get(reverse("complaints:create"), {"order": number}).status_code == 404


def test_parse_id_reads_ascii_digits_that_fit_bigint():
    assert parse_id("42") == 42
    assert parse_id("0") == 0
    assert parse_id("9" * 18) == 10**18 - 1
    for bad in ["", None, "9" * 19, "²", "١٢", "-1", "+1", " 1", "1 ", "1.0", "0x1", "1_000", 7]:
        assert parse_id(bad) is None, bad


def test_parse_ids_drops_the_unreadable_ones():
    assert parse_ids(["3", "²", "", "9" * 5000, "12"]) == [3, 12]


def test_an_unreadable_colspan_in_an_html_sheet_counts_as_one():
    rows = _HtmlRows()
    rows.feed('<table><tr><td colspan="²">a</td><td colspan="99999999999999999999">b</td><td>c</td></tr></table>')
    rows.close()
    assert rows.done[0][:2] == ["a", "b"]


def test_a_webhook_timestamp_in_other_digits_does_not_verify():
    assert verify_signature("secret", "²", b"{}", "sha256=00") is False
