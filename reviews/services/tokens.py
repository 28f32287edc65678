"""API tokens of the check API: created and revoked by admins, stored only as a SHA-256."""

import hashlib
import secrets

from django.db import connection, transaction
from django.utils import timezone

from reviews.models import ApiToken, Shop
from shieldsite.db import first_statement_checks_health, prepared_cursor

TOKEN_PREFIX = "shd_"


def token_hash(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


@transaction.atomic
def api_token_create(*, shop: Shop, name: str, user) -> tuple[ApiToken, str]:
    """A new token for the shop. The raw token is returned once and never stored."""
    raw = TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(
        shop=shop, name=name, token_hash=token_hash(raw), prefix=raw[: len(TOKEN_PREFIX) + 6], created_by=user
    )
    return token, raw


@transaction.atomic
def api_token_revoke(*, token: ApiToken, user) -> ApiToken:
    """Revoke a token: calls with it answer 403 from now on. The record stays for the audit trail."""
    token = ApiToken.objects.select_for_update().get(pk=token.pk)
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.revoked_by = user
        token.save(update_fields=["revoked_at", "revoked_by"])
    return token


_LOOKUP_FIELDS = ["id", "shop_id", "last_used_at", "revoked_at"]
_LOOKUP_SQL = f"SELECT {', '.join(_LOOKUP_FIELDS)} FROM {ApiToken._meta.db_table} WHERE token_hash = %s"


def api_token_lookup(raw: str) -> ApiToken | None:
    """The token record for a raw token (revoked ones included), or None."""
    if not raw.startswith(TOKEN_PREFIX) or len(raw) > 100:
        return None
    hashed = token_hash(raw)

    def lookup():
        # Every check API request asks: one prepared statement rather than an ORM query.
        with prepared_cursor() as cursor:
            cursor.execute(_LOOKUP_SQL, [hashed])
            return cursor.fetchone()

    row = first_statement_checks_health(lookup)  # the check's first statement: no SELECT 1 before it
    return ApiToken.from_db(connection.alias, _LOOKUP_FIELDS, row) if row else None


def api_token_touch(token: ApiToken, *, every_seconds: int = 60) -> None:
    """Note that the token was used, at most once a minute (no write per request)."""
    now = timezone.now()
    if token.last_used_at is None or (now - token.last_used_at).total_seconds() >= every_seconds:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
