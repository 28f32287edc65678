"""With DEBUG off, a failing or unknown address under /api/ answers JSON in the check API's
``{"error": {"code", "message"}}`` shape, never an HTML page a program cannot read; every other
address keeps the Chinese error pages."""

import pytest
from django.test import Client

from reviews.services.tokens import api_token_create

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def production(settings):
    settings.DEBUG = False


@pytest.fixture
def token(shop_a, alice):
    return api_token_create(shop=shop_a, name="ERP", user=alice)[1]


def json_error(response, status: int, code: str) -> dict:
    assert response.status_code == status
    assert response["Content-Type"].startswith("application/json")
    error = response.json()["error"]
    assert error["code"] == code and error["message"]
    return error


def test_an_unknown_api_address_is_a_json_404():
    json_error(Client().get("/api/v2/check"), 404, "not_found")


def test_a_server_error_in_the_api_is_a_json_500(token, monkeypatch):
    def broken(**kwargs):
        raise RuntimeError("database went away")

    monkeypatch.setattr("reviews.views.api.order_check", broken)
    client = Client(raise_request_exception=False)
    body = '{"order_no": "X1", "phone": "13800138000"}'
    response = client.post("/api/v1/check", body, content_type="application/json", HTTP_AUTHORIZATION=f"Bearer {token}")
    error = json_error(response, 500, "server_error")
    assert "database went away" not in error["message"]


def test_a_body_over_djangos_upload_limit_is_a_json_400(token, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1024
    body = '{"order_no": "' + "x" * 2048 + '"}'
    client = Client(raise_request_exception=False)
    response = client.post("/api/v1/check", body, content_type="application/json", HTTP_AUTHORIZATION=f"Bearer {token}")
    json_error(response, 400, "bad_request")


def test_other_pages_keep_the_html_error_pages(alice, monkeypatch):
    assert "页面不存在" in Client().get("/no-such-page/").content.decode()

    def broken(**kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr("reviews.views.background.jobs_for_shop", broken)
    client = Client(raise_request_exception=False)
    client.force_login(alice)
    response = client.get("/jobs/")
    assert response.status_code == 500
    assert "服务器暂时出错" in response.content.decode()
