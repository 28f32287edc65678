"""``GET /healthz`` for load balancers and uptime checks: no login, no session, no details leaked."""

import redis
from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.db import DatabaseError, connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET


def _database() -> str:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        return "unavailable"
    return "ok"


def _redis() -> str:
    if not settings.REDIS_URL:
        return "not configured"
    try:
        redis.Redis.from_url(settings.REDIS_URL, socket_connect_timeout=0.5, socket_timeout=0.5).ping()
    except redis.RedisError:
        return "unavailable"
    return "ok"


@login_not_required
@require_GET
@never_cache
def healthz(request):
    """200 while this process reaches PostgreSQL, else 503 (take it out of the pool).

    Redis is reported but not required: pages keep working without it, and jobs wait in the
    DeferredJob outbox until it is back (docs/deploy.md, section 6).
    """
    checks = {"database": _database(), "redis": _redis()}
    healthy = checks["database"] == "ok"
    return JsonResponse({"status": "ok" if healthy else "unavailable", **checks}, status=200 if healthy else 503)
