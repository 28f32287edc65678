"""Login protection and the Content-Security-Policy that every page is served with."""

import pytest
from django.urls import reverse

from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db


def test_repeated_wrong_passwords_lock_the_login(client, bob, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(reverse("login"), {"username": "bob", "password": "wrong"})
    response = client.post(reverse("login"), {"username": "bob", "password": PASSWORD})
    assert response.status_code == 429
    body = response.content.decode()
    assert "登录已被暂时锁定" in body and "15 分钟" in body
    assert "_auth_user_id" not in client.session


def test_a_few_wrong_passwords_do_not_lock(client, bob, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        client.post(reverse("login"), {"username": "bob", "password": "wrong"})
    response = client.post(reverse("login"), {"username": "bob", "password": PASSWORD})
    assert response.status_code == 302


def test_pages_carry_a_strict_content_security_policy(client, bob):
    client.force_login(bob)
    policy = client.get(reverse("reviews:order_list"))["Content-Security-Policy"]
    assert "script-src 'self'" in policy
    assert "unsafe-inline" not in policy
    assert "frame-ancestors 'none'" in policy


def test_templates_have_no_inline_scripts_or_styles():
    """The CSP forbids inline code, so none may creep into a template."""
    import re
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent / "templates"
    offenders = []
    for path in root.rglob("*.html"):
        text = path.read_text(encoding="utf-8")
        if re.search(r"<script(?![^>]*\bsrc=)[^>]*>", text) or re.search(r"\sstyle=\"", text):
            offenders.append(str(path.relative_to(root)))
        if re.search(r"\son[a-z]+=\"", text):
            offenders.append(f"{path.relative_to(root)} (inline event handler)")
    assert offenders == []
