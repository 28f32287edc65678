"""The check API: token in, verdict out; clear errors; recorded orders show up in Shield."""

import json

import pytest
from django.urls import reverse

from blacklist.models import Kind
from blacklist.services import blacklist_add
from reviews.models import ApiToken, Order
from reviews.services.tokens import api_token_create, api_token_revoke
from tests.conftest import make_order

pytestmark = pytest.mark.django_db
URL = "/api/v1/check"
ORDER = {
    "order_no": "API-1",
    "sku_id": "100238471",
    "quantity": 1,
    "phone": "13800138000",
    "receiver": "王伟",
    "address": "广东省深圳市南山区科技园南路1号",
    "ordered_at": "2026-05-01T12:30:00+08:00",
}


@pytest.fixture
def token(shop_a, alice):
    return api_token_create(shop=shop_a, name="ERP", user=alice)[1]


def post(client, body, token=None, content_type="application/json"):
    headers = {"HTTP_AUTHORIZATION": f"Bearer {token}"} if token else {}
    data = body if isinstance(body, str | bytes) else json.dumps(body)
    return client.post(URL, data, content_type=content_type, **headers)


def test_url_is_the_documented_one():
    assert reverse("reviews:api_check") == URL


def test_check_records_the_order_and_returns_a_verdict(client, token, shop_a):
    response = post(client, ORDER, token)
    assert response.status_code == 200
    body = response.json()
    assert body["decision"] == "allow" and body["score"] == 0 and body["reasons"] == []
    assert body["policy_version"] == 1
    assert body["buyer"]["credit_score"] == 100
    order = Order.objects.get(shop=shop_a, order_no="API-1")
    assert order.risk_decision == "allow" and order.buyer.key == "13800138000"


def test_checking_twice_updates_the_same_order(client, token, shop_a):
    post(client, ORDER, token)
    post(client, {**ORDER, "quantity": 3}, token)
    assert Order.objects.filter(shop=shop_a, order_no="API-1").get().quantity == 3


def test_blacklisted_phone_is_blocked_with_a_chinese_reason(client, token, shop_a):
    blacklist_add(shop_id=shop_a.pk, kind=Kind.PHONE, value="13800138000", reason="恶意拍单")
    body = post(client, ORDER, token).json()
    assert body["decision"] == "block" and body["score"] == 100
    assert body["reasons"][0]["code"] == "blacklist" and "黑名单" in body["reasons"][0]["message"]
    assert Order.objects.get(order_no="API-1").risk_state == "flagged"


def test_each_check_of_an_order_stores_what_it_found(client, token, shop_a, alice):
    from blacklist.services import blacklist_remove

    entry = blacklist_add(shop_id=shop_a.pk, kind=Kind.PHONE, value="13800138000", reason="恶意拍单")
    post(client, ORDER, token)
    order = Order.objects.get(order_no="API-1")
    assert (order.risk_decision, order.risk_score, order.risk_state) == ("block", 100, "flagged")
    assert [r["code"] for r in order.risk_reasons] == ["blacklist"]
    blacklist_remove(entry=entry, user=alice)
    assert post(client, ORDER, token).json()["decision"] == "allow"
    order.refresh_from_db()
    assert (order.risk_decision, order.risk_score, order.risk_state, order.risk_reasons) == ("allow", 0, "allowed", [])
    assert order.policy_version == 1


def test_missing_token_is_401_and_wrong_token_is_401(client):
    assert post(client, ORDER).status_code == 401
    response = post(client, ORDER, "shd_not-a-real-token")
    assert response.status_code == 401 and response.json()["error"]["code"] == "unauthorized"


def test_revoked_token_is_403(client, token, alice):
    api_token_revoke(token=ApiToken.objects.get(), user=alice)
    response = post(client, ORDER, token)
    assert response.status_code == 403 and response.json()["error"]["code"] == "token_revoked"


def test_bad_json_is_a_clear_400(client, token):
    response = post(client, "{not json", token)
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "invalid_json"
    assert "JSON" in response.json()["error"]["message"]


def test_missing_fields_are_listed(client, token):
    response = post(client, {"quantity": 1, "phone": "13800138000"}, token)
    assert response.status_code == 400
    error = response.json()["error"]
    assert error["code"] == "missing_field" and error["fields"] == {"order_no": "必填"}


def test_wrong_types_are_listed_in_chinese(client, token):
    response = post(client, {**ORDER, "quantity": "2", "phone": 138, "ordered_at": "yesterday"}, token)
    fields = response.json()["error"]["fields"]
    assert response.status_code == 400 and response.json()["error"]["code"] == "invalid_field"
    assert fields == {
        "quantity": "应为整数",
        "phone": "应为字符串",
        "ordered_at": "应为 ISO 8601 时间，例如 2026-05-01T12:30:00+08:00",
    }


def test_an_order_without_any_identity_is_refused(client, token):
    response = post(client, {"order_no": "X", "quantity": 1}, token)
    assert response.status_code == 400 and "buyer_id" in response.json()["error"]["fields"]


def test_a_json_array_is_refused(client, token):
    assert post(client, [ORDER], token).status_code == 400


def test_rate_limit_per_token(client, token, settings, shop_a, alice, monkeypatch):
    import types

    settings.API_RATE_LIMIT = 2
    # Half-way through one minute: the requests below must not straddle two windows.
    monkeypatch.setattr("reviews.views.api.time", types.SimpleNamespace(time=lambda: 60 * 29_000_000 + 30.0))
    assert post(client, ORDER, token).status_code == 200
    assert post(client, ORDER, token).status_code == 200
    limited = post(client, ORDER, token)
    assert limited.status_code == 429 and int(limited["Retry-After"]) > 0
    other = api_token_create(shop=shop_a, name="另一个", user=alice)[1]
    assert post(client, ORDER, other).status_code == 200


def test_token_only_sees_its_own_shop(client, shop_b, charlie, token):
    from reviews.models import Membership, Role

    Membership.objects.filter(user=charlie).update(role=Role.ADMIN)
    post(client, ORDER, token)
    assert not Order.objects.filter(shop=shop_b).exists()


def test_admin_creates_a_token_shown_once_and_stored_hashed(client, alice, shop_a):
    client.force_login(alice)
    response = client.post(reverse("reviews:api_tokens"), {"name": "ERP"})
    raw = response.context["created"]["raw"]
    assert raw.startswith("shd_") and raw in response.content.decode()
    stored = ApiToken.objects.get()
    assert raw not in (stored.token_hash, stored.prefix) and len(stored.token_hash) == 64
    assert raw not in client.get(reverse("reviews:api_tokens")).content.decode()
    assert post(client, ORDER, raw).status_code == 200


def test_admin_revokes_a_token(client, alice, token):
    client.force_login(alice)
    client.post(reverse("reviews:api_token_revoke", args=[ApiToken.objects.get().pk]))
    assert ApiToken.objects.get().revoked_by == alice


def test_managers_cannot_manage_tokens(client, manny, token):
    client.force_login(manny)
    assert client.get(reverse("reviews:api_tokens")).status_code == 403
    assert client.post(reverse("reviews:api_token_revoke", args=[ApiToken.objects.get().pk])).status_code == 403


def test_get_is_not_allowed(client, token):
    assert client.get(URL, HTTP_AUTHORIZATION=f"Bearer {token}").status_code == 405


def test_a_saved_policy_reaches_the_api(client, token, shop_a, alice):
    from reviews.services import policy
    from reviews.services.policy import policy_save

    assert post(client, ORDER, token).json()["policy_version"] == 1
    policy_save(shop=shop_a, values={"review_threshold": 30}, user=alice)
    policy._recent.clear()  # as after RECENT_SECONDS
    assert post(client, {**ORDER, "order_no": "API-2"}, token).json()["policy_version"] == 2


@pytest.mark.parametrize("prepared", [True, False])
def test_checks_give_the_same_answers_with_prepared_statements_on_or_off(client, token, shop_a, settings, prepared):
    settings.DB_PREPARED_STATEMENTS = prepared  # off behind an old pgbouncer in transaction mode
    blacklist_add(shop_id=shop_a.pk, kind=Kind.PHONE, value="13800138000", reason="恶意拍单")
    first = post(client, ORDER, token).json()
    other = {"order_no": "API-2", "phone": "13900139000", "receiver": "陈静", "address": "广东省深圳市福田区福华路9号"}
    second = post(client, {**ORDER, **other}, token).json()
    assert (first["decision"], first["reasons"][0]["code"]) == ("block", "blacklist")
    assert (second["decision"], second["reasons"]) == ("allow", [])


def test_a_new_phone_behind_a_blacklisted_buyers_name_and_address_is_linked_to_them(client, token, shop_a):
    blacklist_add(shop_id=shop_a.pk, kind=Kind.PHONE, value="13800138000", reason="恶意拍单")
    post(client, ORDER, token)
    body = post(client, {**ORDER, "order_no": "API-2", "phone": "13900139000"}, token).json()
    assert body["decision"] == "review"
    assert [r["code"] for r in body["reasons"]] == ["blacklist_linked"]
    second = Order.objects.get(order_no="API-2")
    assert second.phone_key == "13900139000" and second.address_key


def test_a_skus_usual_quantity_worked_out_again_reaches_the_api_at_once(client, token, shop_a):
    from reviews.services.screening.baselines import MIN_SKU_SAMPLE, sku_normals_warm

    bulky = {**ORDER, "sku_id": "BULKY", "quantity": 6}
    first = post(client, bulky, token).json()
    assert "quantity" in {reason["code"] for reason in first["reasons"]}  # nobody bought it before: one unit
    for _ in range(MIN_SKU_SAMPLE):
        make_order(shop_a, sku_id="BULKY", quantity=6, phone="13700137000")
    sku_normals_warm(shop_a.pk)  # what each import does
    again = post(client, {**bulky, "order_no": "API-2"}, token).json()
    assert "quantity" not in {reason["code"] for reason in again["reasons"]}


def test_the_api_asks_the_shared_cache_for_a_skus_usual_quantity_once_a_minute(client, token, shop_a, monkeypatch):
    from django.core.cache import cache

    from reviews.services.screening import baselines

    asked = []

    class Counting:
        def get_many(self, keys):
            asked.append(keys)
            return cache.get_many(keys)

        def __getattr__(self, name):
            return getattr(cache, name)

    monkeypatch.setattr(baselines, "cache", Counting())
    bulky = {**ORDER, "sku_id": "BULKY", "quantity": 6}
    post(client, bulky, token)
    cache.set(f"skub:{shop_a.pk}:BULKY", (6.0, 6.0, 0.0))  # another process works the figure out again
    within = post(client, {**bulky, "order_no": "API-2"}, token).json()
    assert len(asked) == 1
    assert "quantity" in {reason["code"] for reason in within["reasons"]}

    monkeypatch.setattr(baselines, "RECENT_NORMAL_SECONDS", 0.0)  # as a minute later
    after = post(client, {**bulky, "order_no": "API-3"}, token).json()
    assert len(asked) == 2
    assert "quantity" not in {reason["code"] for reason in after["reasons"]}


def test_one_allowed_check_is_eight_round_trips_for_a_new_or_a_returning_buyer(client, token, shop_a):
    """What README's figure counts: the token, BEGIN, the stored order (if any, with the check's
    settings), the buyer found or created with its dates widened, the order upserted (a new one
    with the verdict most orders get), its links, the screening query, COMMIT (a savepoint and
    its release inside a test). A verdict that differs is written by one more statement."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from reviews.models import Buyer

    post(client, ORDER, token)  # the worker's first check also loads the policy and the SKU's figures
    other = {"order_no": "API-2", "phone": "13900139000", "receiver": "陈静", "address": "广东省深圳市福田区福华路9号"}
    with CaptureQueriesContext(connection) as ctx:
        assert post(client, {**ORDER, **other}, token).json()["decision"] == "allow"
    assert len(ctx.captured_queries) == 8, [q["sql"][:60] for q in ctx.captured_queries]
    stored = Order.objects.get(shop=shop_a, order_no="API-2")
    assert (stored.risk_state, stored.risk_decision, stored.risk_score) == ("allowed", "allow", 0)

    later = {**ORDER, **other, "order_no": "API-3", "ordered_at": "2026-05-03T09:00:00+08:00"}
    with CaptureQueriesContext(connection) as ctx:
        assert post(client, later, token).status_code == 200
    assert len(ctx.captured_queries) == 8, [q["sql"][:60] for q in ctx.captured_queries]
    buyer = Buyer.objects.get(shop=shop_a, key="13900139000")
    assert buyer.last_order_at.isoformat() == "2026-05-03T01:00:00+00:00"  # widened by the same statement
    assert Order.objects.filter(buyer=buyer).count() == 2

    earlier = {**later, "order_no": "API-4", "ordered_at": "2026-05-02T09:00:00+08:00"}
    assert post(client, earlier, token).status_code == 200  # inside its dates: found, not rewritten
    buyer.refresh_from_db()
    assert buyer.last_order_at.isoformat() == "2026-05-03T01:00:00+00:00"
    assert Order.objects.filter(buyer=buyer).count() == 3

    blacklist_add(shop_id=shop_a.pk, kind=Kind.PHONE, value="13900139000", reason="恶意拍单")
    with CaptureQueriesContext(connection) as ctx:
        answer = post(client, {**later, "order_no": "API-5"}, token).json()
    assert answer["decision"] != "allow"
    assert any("UPDATE" in q["sql"][:10] for q in ctx.captured_queries)  # its own verdict written over
    stored = Order.objects.get(shop=shop_a, order_no="API-5")
    assert (stored.risk_decision, stored.risk_score) == (answer["decision"], answer["score"])
    assert stored.risk_state != "allowed" and stored.risk_reasons


def test_a_check_on_a_cold_cache_never_works_the_place_cells_out_itself(client, token, shop_a, monkeypatch):
    """Working a big shop's farm and refund-ring cells out takes seconds: a check screens without
    them and leaves the work to a job."""
    from django.core.cache import cache

    from reviews.services import places
    from reviews.services.screening import baselines

    cache.clear()
    baselines._recent_normals.clear()
    queued = []
    monkeypatch.setattr(baselines, "enqueue", lambda queue, job, *args: queued.append((job, args)))
    monkeypatch.setattr(places, "_work_out", lambda shop_id: pytest.fail("a check worked the cells out"))
    assert post(client, ORDER, token).status_code == 200
    assert queued == [("reviews.jobs.places_warm", (shop_a.pk,))]


@pytest.mark.django_db(transaction=True)
def test_a_check_on_a_connection_the_server_dropped_is_answered_without_a_select_1_first(
    client, token, shop_a, monkeypatch
):
    """A persistent connection the server dropped (a restart, a failover) is found by the check's
    own first statement and replaced, instead of Django's ``SELECT 1`` on every request."""
    import psycopg
    from django.db import connection

    assert post(client, ORDER, token).status_code == 200
    connection.ensure_connection()  # the worker's persistent connection, as the next request finds it
    connection.health_check_done = False  # what the start of the next request does
    with psycopg.connect(connection.connection.info.dsn, autocommit=True) as other:
        other.execute("SELECT pg_terminate_backend(%s)", [connection.connection.info.backend_pid])
    monkeypatch.setattr(connection, "is_usable", lambda: pytest.fail("a SELECT 1 was sent first"))

    response = post(client, {**ORDER, "order_no": "API-2"}, token)
    assert response.status_code == 200, response.content
    assert Order.objects.filter(shop=shop_a, order_no="API-2").exists()
