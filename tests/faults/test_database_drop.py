"""The database connection drops in the middle of a request: the user gets a clean Chinese error
page (no traceback, no SQL), and the next request works again on a fresh connection."""

import psycopg
import pytest
from django.db import close_old_connections, connection
from django.urls import reverse

from tests.conftest import make_order

pytestmark = pytest.mark.django_db(transaction=True)


def terminate_own_backend() -> None:
    """Kill this process's PostgreSQL session from another connection, as a failover or a restart would."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        pid = cursor.fetchone()[0]
    params = connection.get_connection_params()
    keep = {k: params[k] for k in ("dbname", "user", "host", "port", "password") if params.get(k)}
    with psycopg.connect(**keep, autocommit=True) as other:
        other.execute("SELECT pg_terminate_backend(%s)", [pid])


def test_connection_dropped_mid_request_shows_a_clean_error_page(real_services, client, bob, shop_a, monkeypatch):
    from reviews.views import orders

    make_order(shop_a, order_no="DROP-1")
    client.force_login(bob)
    assert client.get(reverse("reviews:order_list")).status_code == 200

    real_render = orders.render

    def render_after_the_connection_died(*args, **kwargs):
        terminate_own_backend()
        return real_render(*args, **kwargs)  # the page's querysets run now, on a dead connection

    monkeypatch.setattr(orders, "render", render_after_the_connection_died)
    client.raise_request_exception = False
    response = client.get(reverse("reviews:order_list"))
    assert response.status_code == 500
    page = response.content.decode()
    assert "服务器暂时出错" in page and "已保存的数据不会丢失" in page
    for leak in ("Traceback", "OperationalError", "SELECT", "psycopg", "terminat"):
        assert leak not in page

    monkeypatch.setattr(orders, "render", real_render)
    # Django's request_finished/request_started signals close an unusable connection; the test
    # client switches that off (to keep a test's transaction), so do what the handler does.
    close_old_connections()
    again = client.get(reverse("reviews:order_list"))
    assert again.status_code == 200 and "DROP-1" in again.content.decode(), "the next request reconnects"


def test_check_api_reconnects_after_the_database_dropped_an_idle_connection(real_services, client, shop_a, alice):
    """A restart or failover between two calls: the merchant's system gets its verdict, not a 500
    (Django's connection health check runs before the check API's first query, as before any other)."""
    from reviews.services.tokens import api_token_create

    raw = api_token_create(shop=shop_a, name="ERP", user=alice)[1]
    body = {"sku_id": "SKU-1", "phone": "13800138000", "receiver": "王伟", "address": "广东省深圳市南山区科技园南路1号"}

    def check(order_no: str):
        return client.post(
            reverse("reviews:api_check"), {**body, "order_no": order_no}, content_type="application/json",
            HTTP_AUTHORIZATION=f"Bearer {raw}",
        )  # fmt: skip

    assert check("API-DROP-1").status_code == 200
    terminate_own_backend()
    close_old_connections()  # what the server does as the next request starts (see above)
    client.raise_request_exception = False
    again = check("API-DROP-2")
    assert again.status_code == 200, again.content.decode()
    assert again.json()["decision"] == "allow"
