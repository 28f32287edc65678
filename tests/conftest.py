"""Shared fixtures: the owner / member / outsider trio, order builders, and service guards.

alice is admin of shop A, bob a reviewer of shop A, charlie a reviewer of shop B.
Tests that need real PostgreSQL or Redis ask for ``postgres`` / ``redis_url``: locally
they skip with a reason when the service is absent; with CI set they fail instead.
"""

import itertools
import os
from datetime import timedelta
from decimal import Decimal

import pytest
from django.conf import settings
from django.db import connection
from django.utils import timezone

from reviews.models import Buyer, BuyerLink, Membership, Order, Role, Shop

IN_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}
PASSWORD = "correct horse battery staple"


def need_service(reason: str) -> None:
    """Skip locally, fail in CI: CI must always exercise the real services."""
    if IN_CI:
        pytest.fail(f"CI requires this service: {reason}")
    pytest.skip(reason)


@pytest.fixture
def postgres(db):
    if connection.vendor != "postgresql":
        need_service("needs PostgreSQL: set DATABASE_URL=postgres://...")
    return connection


@pytest.fixture
def redis_url():
    import redis

    if not settings.REDIS_URL:
        need_service("needs Redis: set REDIS_URL=redis://127.0.0.1:6379/0")
    try:
        redis.Redis.from_url(settings.REDIS_URL).ping()
    except redis.RedisError as exc:
        need_service(f"Redis at {settings.REDIS_URL} does not answer: {exc}")
    return settings.REDIS_URL


@pytest.fixture
def shop_a(db):
    return Shop.objects.create(name="店铺A")


@pytest.fixture
def shop_b(db):
    return Shop.objects.create(name="店铺B")


def make_member(username: str, shop: Shop, role: str):
    from django.contrib.auth import get_user_model

    user = get_user_model().objects.create_user(username=username, password=PASSWORD)
    Membership.objects.create(user=user, shop=shop, role=role)
    return user


@pytest.fixture
def alice(shop_a):
    return make_member("alice", shop_a, Role.ADMIN)


@pytest.fixture
def manny(shop_a):
    return make_member("manny", shop_a, Role.MANAGER)


@pytest.fixture
def bob(shop_a):
    return make_member("bob", shop_a, Role.REVIEWER)


@pytest.fixture
def charlie(shop_b):
    return make_member("charlie", shop_b, Role.REVIEWER)


_serial = itertools.count(1)


def make_buyer(shop: Shop, **fields) -> Buyer:
    n = next(_serial)
    fields.setdefault("key_kind", Buyer.KeyKind.PHONE)
    fields.setdefault("key", f"138{n:08d}")
    fields.setdefault("confidence", Buyer.Confidence.STRONG)
    fields.setdefault("display_name", f"买家{n}")
    return Buyer.objects.create(shop=shop, **fields)


def make_link(shop: Shop, a: Buyer, b: Buyer, via: str = BuyerLink.Via.ADDRESS, key: str = "") -> BuyerLink:
    """Two buyers linked (the pair stored lower id first, as identity links them)."""
    a, b = sorted([a, b], key=lambda buyer: buyer.pk)
    return BuyerLink.objects.create(shop=shop, buyer_a=a, buyer_b=b, via=via, key=key or f"{a.pk}-{b.pk}")


def make_order(shop: Shop, **fields) -> Order:
    """An ordinary paid order; pass fields to shape it."""
    n = next(_serial)
    fields.setdefault("order_no", f"T{n:010d}")
    fields.setdefault("sku_id", "100238471")
    fields.setdefault("sku_name", "维达抽纸 3层120抽*24包")
    fields.setdefault("quantity", 1)
    fields.setdefault("amount_paid", Decimal("39.90"))
    fields.setdefault("ordered_at", timezone.now() - timedelta(minutes=n))
    fields.setdefault("receiver", "王伟")
    fields.setdefault("phone", "13800001111")
    fields.setdefault("province", "广东省")
    fields.setdefault("city", "深圳市")
    if "buyer" not in fields:
        fields["buyer"] = make_buyer(shop)
    return Order.objects.create(shop=shop, **fields)


@pytest.fixture
def order_of_shop_a(shop_a):
    return make_order(shop_a)


@pytest.fixture
def order_of_shop_b(shop_b):
    return make_order(shop_b)


@pytest.fixture
def allow_local_webhooks(settings):
    """The tests' webhook receivers listen on loopback, which production refuses by default."""
    settings.SHIELD_ALERT_ALLOW_PRIVATE = True


@pytest.fixture(autouse=True)
def _jobs_run_synchronously(settings):
    """With a real Redis, jobs still go through RQ but run at once, so tests see their effect."""
    settings.RQ_ASYNC = False


def pytest_report_header(config):
    db = settings.DATABASES["default"]
    return [
        f"shield: database {db['ENGINE'].rsplit('.', 1)[-1]} {db.get('NAME')}, "
        f"redis {settings.REDIS_URL or 'none (jobs in-process)'}, CI={IN_CI}"
    ]


@pytest.fixture(autouse=True)
def _fresh_cache(settings):
    """Screening caches per-SKU figures and the API counts requests in the cache: each test gets an
    empty in-memory cache (clearing the Redis one would also wipe the RQ queues sharing its database)."""
    from django.core.cache import cache

    from reviews.services import identity, policy
    from reviews.services.screening import baselines

    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "tests"}}
    cache.clear()
    policy._recent.clear()  # the check API's few-second policy memo
    baselines._recent_normals.clear()  # and its one-minute memo of SKU quantities
    identity.crowded_forget()  # and the pickup points it found crowded
    yield
    cache.clear()


SAMPLE_REASONS = [
    {"code": "burst_sku", "message": "10 分钟内同一商品 60 单，来自 3 个账号", "weight": 40},
    {"code": "credit_low", "message": "买家信用分 42，低于 60", "weight": 30},
]


def make_flagged_order(shop: Shop, **fields) -> Order:
    """An order screening flagged for review (the risk engine's contract: state, score, reasons)."""
    fields.setdefault("risk_state", Order.RiskState.FLAGGED)
    fields.setdefault("risk_score", 70)
    fields.setdefault("risk_decision", Order.Decision.REVIEW)
    fields.setdefault("risk_reasons", SAMPLE_REASONS)
    fields.setdefault("paid_at", fields.get("ordered_at") or timezone.now())
    return make_order(shop, **fields)
