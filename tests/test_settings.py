"""Production settings come from the environment and pass Django's deploy checks."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def run_manage(*args, **env):
    full_env = {
        k: v
        for k, v in os.environ.items()
        if k not in {"DEBUG", "SECRET_KEY", "ALLOWED_HOSTS", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    }
    full_env.update(env)
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=full_env, capture_output=True, text=True, timeout=120
    )


# What a production deployment sets at the least (docs/deploy.md).
PRODUCTION = {
    "DEBUG": "0",
    "SECRET_KEY": "x7#Qm2!vR9pL$wZ4tN8&kC1^bH6*sF3(jD5)gY0@eU-aO+iP=lK_rT~cV",
    "ALLOWED_HOSTS": "shield.example.com",
}


def test_check_deploy_is_clean_with_production_settings():
    result = run_manage("check", "--deploy", "--fail-level", "WARNING", **PRODUCTION)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_debug_off_without_secret_key_refuses_to_start():
    result = run_manage("check", DEBUG="0", ALLOWED_HOSTS="shield.example.com")
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_deploy_guide_documents_every_environment_setting():
    import re

    settings_py = (ROOT / "shieldsite" / "settings.py").read_text()
    names = set(re.findall(r'(?:env_bool|env_int|env_list|os\.environ\.get)\("([A-Z_]+)"', settings_py))
    names.add("DATABASE_URL")  # read by dj-database-url
    guide = (ROOT / "docs" / "deploy.md").read_text()
    assert len(names) > 20
    assert sorted(n for n in names if f"`{n}`" not in guide) == []


def test_a_login_lasts_one_working_day_unless_configured():
    code = "from django.conf import settings; print(settings.SESSION_COOKIE_AGE)"
    assert run_manage("shell", "-c", code).stdout.split()[-1] == str(8 * 3600)
    assert run_manage("shell", "-c", code, SESSION_COOKIE_AGE="3600").stdout.split()[-1] == "3600"


def test_weak_passwords_are_refused():
    import pytest
    from django.contrib.auth.models import User
    from django.contrib.auth.password_validation import validate_password
    from django.core.exceptions import ValidationError

    user = User(username="wangwei", first_name="伟")
    for weak in ("12345678", "password", "abc12", "wangwei2026"):
        with pytest.raises(ValidationError):
            validate_password(weak, user)
    validate_password("恶意订单-防护-7Qm2", user)
