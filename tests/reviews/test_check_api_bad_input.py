"""The check API refuses hostile bodies with a clear 400 instead of a server error: times outside
2000–2100, amounts the column cannot hold, NUL and lone surrogates, bodies too deep or numbers too
long for the JSON reader, dates that look right but do not exist."""

import json

import pytest

from reviews.models import Order
from reviews.services.tokens import api_token_create
from reviews.views.api import STRING_FIELDS

pytestmark = pytest.mark.django_db
URL = "/api/v1/check"
ORDER = {
    "order_no": "BAD-1",
    "sku_id": "100238471",
    "phone": "13800138000",
    "receiver": "王伟",
    "address": "广东省深圳市南山区科技园南路1号",
    "ordered_at": "2026-05-01T12:30:00+08:00",
}
OUT_OF_RANGE = "时间应在 2000 年到 2100 年之间"


@pytest.fixture
def token(shop_a, alice):
    return api_token_create(shop=shop_a, name="ERP", user=alice)[1]


def post(client, token, body):
    data = body if isinstance(body, str | bytes) else json.dumps(body)
    return client.post(URL, data, content_type="application/json", HTTP_AUTHORIZATION=f"Bearer {token}")


def refused(response, field: str | None = None) -> dict:
    assert response.status_code == 400, response.content[:300]
    error = response.json()["error"]
    if field is not None:
        assert field in error["fields"], error
    return error


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("ordered_at", "9999-12-31T23:59:59-12:00"),  # year 10000 in UTC: unreadable once stored
        ("ordered_at", "2100-01-01T00:00:00+00:00"),
        ("paid_at", "1999-12-31T23:59:59+00:00"),
        ("paid_at", "0001-01-01T00:00:00"),
    ],
)
def test_a_time_outside_2000_to_2100_is_refused_with_the_range(client, token, field, value):
    error = refused(post(client, token, {**ORDER, field: value}), field)
    assert error["fields"][field] == OUT_OF_RANGE
    assert not Order.objects.filter(order_no="BAD-1").exists()


def test_times_at_the_edges_of_the_range_are_accepted(client, token):
    body = {**ORDER, "ordered_at": "2000-01-01T00:00:00+00:00", "paid_at": "2099-12-31T23:59:59+00:00"}
    assert post(client, token, body).status_code == 200


@pytest.mark.parametrize("value", ["2026-13-45T00:00:00", "2026-02-30T10:00:00", "2026-05-01T12:30:00+99:00"])
def test_a_well_formed_but_impossible_time_is_refused(client, token, value):
    refused(post(client, token, {**ORDER, "ordered_at": value}), "ordered_at")


@pytest.mark.parametrize("body", ["[" * 20_000, "[" * 20_000 + "]" * 20_000, '{"a":' * 10_000 + "1" + "}" * 10_000])
def test_a_body_nested_too_deep_is_invalid_json(client, token, body):
    assert refused(post(client, token, body))["code"] == "invalid_json"


def test_a_number_too_long_to_read_is_invalid_json(client, token):
    body = json.dumps(ORDER)[:-1] + ', "quantity": ' + "1" * 5000 + "}"
    assert refused(post(client, token, body))["code"] == "invalid_json"


@pytest.mark.parametrize("amount", [1e20, "1e20", 10_000_000_000, "9999999999.995", "1e999999"])
def test_an_amount_the_column_cannot_hold_is_refused(client, token, amount):
    error = refused(post(client, token, {**ORDER, "amount_paid": amount}), "amount_paid")
    assert "9999999999.99" in error["fields"]["amount_paid"]
    assert not Order.objects.filter(order_no="BAD-1").exists()


def test_the_largest_amount_the_column_holds_is_stored(client, token):
    assert post(client, token, {**ORDER, "amount_paid": "9999999999.99"}).status_code == 200
    assert str(Order.objects.get(order_no="BAD-1").amount_paid) == "9999999999.99"


@pytest.mark.parametrize("bad", ["\u0000", "\ud800"], ids=["nul", "lone-surrogate"])
@pytest.mark.parametrize("field", sorted(STRING_FIELDS))
def test_nul_or_a_lone_surrogate_in_a_text_field_is_refused(client, token, field, bad):
    error = refused(post(client, token, {**ORDER, field: f"A{bad}B"}), field)
    assert error["code"] == "invalid_field"
    assert not Order.objects.filter(order_no__startswith="A").exists()
