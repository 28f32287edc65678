"""Fuzzing what strangers and users can type: the check API's body and the list pages' filters.

Whatever arrives (huge numbers, NUL, lone surrogates, deep nesting, wrong types, any text in any
filter), the answer is never a server error, and the API always answers JSON. Deterministic
(``derandomize``, no example database) so CI sees the same examples on every run.
"""

import json
from datetime import UTC, datetime, timedelta, timezone

import pytest
from django.test import Client
from django.urls import reverse
from hypothesis import HealthCheck, event, example, given, settings
from hypothesis import strategies as st

from blacklist.filters import EntryFilter
from complaints.filters import ComplaintFilter
from reviews.filters import OrderFilter, QueueFilter
from reviews.services.tokens import api_token_create
from reviews.views.api import STRING_FIELDS
from tests.conftest import make_flagged_order

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    """Each parametrized case logs a new user in: hashing its password properly costs more than the case."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


FUZZ = settings(
    derandomize=True,
    database=None,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

# -- the check API ------------------------------------------------------------------------------
VALID = {
    "order_no": "FUZZ-1",
    "sku_id": "100238471",
    "quantity": 1,
    "amount_paid": "39.90",
    "phone": "13800138000",
    "receiver": "王伟",
    "address": "广东省深圳市南山区科技园南路1号",
    "ordered_at": "2026-05-01T12:30:00+08:00",
}
FIELDS = [*STRING_FIELDS, "quantity", "amount_paid", "status", "ordered_at", "paid_at"]
NASTY = ["\x00", "\ud800", "\udfff", "\ufeff", "\u202e", "'; --", "%00", "9" * 4000, "1e20", "-0", "NaN", "Infinity"]

nasty_text = st.builds(
    lambda before, bad, after: before + bad + after, st.text(max_size=20), st.sampled_from(NASTY), st.text(max_size=20)
)
text = st.text(st.characters(codec=None, exclude_categories=()), max_size=80) | nasty_text
numbers = (
    st.integers(min_value=-(10**300), max_value=10**300)
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.decimals(allow_nan=False, allow_infinity=False).map(str)
    | st.sampled_from([1e20, 10**10, 9999999999.995, 1e308, -1, 0, 2**63, 2**64])
)
offsets = st.integers(min_value=-1439, max_value=1439).map(lambda minutes: timezone(timedelta(minutes=minutes)))
times = st.datetimes(min_value=datetime(1, 1, 2), max_value=datetime(9999, 12, 30), timezones=offsets).map(
    datetime.isoformat
) | st.sampled_from(["9999-12-31T23:59:59-12:00", "0001-01-01T00:00:00+14:00", "2026-13-45T00:00:00", "2026-02-30"])
scalars = st.none() | st.booleans() | numbers | text
json_values = st.recursive(
    scalars, lambda inner: st.lists(inner, max_size=3) | st.dictionaries(text, inner, max_size=3), max_leaves=8
)
field_values = scalars | times | json_values
# Values of the right type for each field, hostile inside: these get past parsing to the database.
typed = {name: text for name in STRING_FIELDS} | {
    "quantity": numbers,
    "amount_paid": numbers,
    "status": st.sampled_from(["paid", "shipped", "refunded", "cancelled"]) | text,
    "ordered_at": times,
    "paid_at": times,
}
typed_orders = st.lists(st.sampled_from(FIELDS), min_size=1, max_size=3, unique=True).flatmap(
    lambda names: st.fixed_dictionaries({name: typed[name] for name in names})
)
payloads = (
    typed_orders.map(lambda changes: {**VALID, **changes})
    | st.dictionaries(st.sampled_from(FIELDS), field_values, max_size=4).map(lambda changes: {**VALID, **changes})
    | st.dictionaries(st.sampled_from(FIELDS) | text, field_values, max_size=6)
)
bodies = (
    payloads.map(json.dumps)
    | json_values.map(json.dumps)
    | st.integers(min_value=1, max_value=30_000).flatmap(
        lambda depth: st.sampled_from(["[" * depth, "[" * depth + "]" * depth, '{"a":' * min(depth, 10_000)])
    )
    | st.integers(min_value=4000, max_value=20_000).map(lambda digits: '{"order_no": "X", "quantity": ' + "7" * digits)
    | st.binary(max_size=200)
)


@pytest.fixture
def api(shop_a, alice, settings):
    settings.API_RATE_LIMIT = 0  # hundreds of requests in a few seconds
    return Client(), api_token_create(shop=shop_a, name="fuzz", user=alice)[1]


@settings(FUZZ, max_examples=300)
@given(body=bodies)
def test_the_check_api_never_answers_a_server_error_and_always_answers_json(api, body):
    client, token = api
    response = client.post("/api/v1/check", body, content_type="application/json", HTTP_AUTHORIZATION=f"Bearer {token}")
    assert response.status_code < 500, response.content[:500]
    assert response["Content-Type"].startswith("application/json")
    answer = response.json()
    event(f"{response.status_code} {answer['error']['code'] if 'error' in answer else answer['decision']}")
    assert ("decision" in answer) if response.status_code == 200 else ("error" in answer)


# -- the list pages -----------------------------------------------------------------------------
COMMON = ["page", "per_page", "export", "format"]
PAGES = {
    "reviews:order_list": [*OrderFilter.base_filters, *COMMON],
    "reviews:queue": [*QueueFilter.base_filters, *COMMON],
    "blacklist:entry_list": [*EntryFilter.base_filters, *COMMON],
    "complaints:list": [*ComplaintFilter.base_filters, *COMMON],
    # Shield has no list of all buyers: the rings report lists the shop's linked buyers.
    "reviews:rings": COMMON,
    "reviews:jobs": COMMON,
}
# Query values arrive URL-decoded with bad UTF-8 replaced: any text but lone surrogates.
HOSTILE_QUERY = ["\x00", "a\x00b", "²", "٣", "9" * 5000, "-1", "1e400", "NaN", "2026-13-45", "0000-00-00", "9999-12-31"]
# Unicode digits: str.isdigit() accepts "²" and "①", int() does not.
digits = st.text(st.characters(categories=["Nd", "No"]), min_size=1, max_size=4)
query_text = st.sampled_from(HOSTILE_QUERY) | st.text(max_size=40) | st.integers().map(str) | digits


@pytest.fixture
def pages(alice, shop_a):
    make_flagged_order(shop_a, ordered_at=datetime.now(UTC) - timedelta(hours=1))
    client = Client()
    client.force_login(alice)
    return client


@pytest.mark.parametrize(("name", "param"), [(name, param) for name, params in PAGES.items() for param in params])
@settings(FUZZ, max_examples=10)
@given(value=query_text, data=st.data())
@example(value="²", data=None)  # isdigit() but not int(): the queue's shop answered 500 with it
def test_no_list_page_answers_a_server_error_whatever_its_filters_say(pages, name, param, value, data):
    params = {param: value}
    if data is not None:  # and any of the page's other parameters, or one it does not know
        others = st.fixed_dictionaries({}, optional=dict.fromkeys(PAGES[name], query_text))
        params = {**data.draw(others | st.dictionaries(st.text(max_size=10), query_text, max_size=2)), **params}
    response = pages.get(reverse(name), params)
    assert response.status_code < 500
    event(f"{response.status_code}")
