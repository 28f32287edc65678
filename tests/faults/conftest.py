"""Fault tests run against the real services: each asks for ``postgres`` and ``redis_url`` and so
skips locally without them and fails in CI if they are missing."""

import pytest
from django.db import connection


@pytest.fixture
def real_services(postgres, redis_url, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return {"database": connection.settings_dict, "redis_url": redis_url, "media_root": settings.MEDIA_ROOT}
