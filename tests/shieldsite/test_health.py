"""GET /healthz: what a load balancer probes to decide whether this web process takes traffic."""

from unittest import mock

from django.db import OperationalError
from django.test import Client, override_settings


def test_healthy_process_answers_200_without_login(db):
    response = Client().get("/healthz")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok" and body["database"] == "ok"
    assert "no-cache" in response["Cache-Control"]


def test_lost_database_answers_503_without_saying_why(db):
    with mock.patch(
        "shieldsite.health.connection.cursor", side_effect=OperationalError("password for shield@10.0.0.5")
    ):
        response = Client().get("/healthz")
    assert response.status_code == 503
    assert response.json() == {"status": "unavailable", "database": "unavailable", "redis": mock.ANY}
    assert b"10.0.0.5" not in response.content


@override_settings(REDIS_URL="redis://127.0.0.1:1/0")
def test_redis_down_is_reported_but_keeps_the_process_in_service(db):
    response = Client().get("/healthz")
    assert response.status_code == 200
    assert response.json()["redis"] == "unavailable"


def test_with_production_settings_a_plain_http_probe_is_answered_while_pages_go_to_https():
    from tests.test_settings import PRODUCTION, run_manage

    probe = (
        "from django.test import Client; c = Client(HTTP_HOST='shield.example.com'); "
        "print(c.get('/healthz').status_code, c.get('/accounts/login/').status_code)"
    )
    result = run_manage("shell", "-c", probe, **PRODUCTION, DATABASE_URL="sqlite:///:memory:", REDIS_URL="")
    assert result.stdout.splitlines()[-1].split() == ["200", "301"], result.stdout + result.stderr


def test_only_get(db):
    assert Client().post("/healthz").status_code == 405
