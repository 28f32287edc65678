"""A refused request is logged as one line, not a traceback that buries the real errors."""

import logging

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_a_403_is_logged_as_one_line_without_the_traceback(client, bob, caplog):
    """bob is a reviewer: the order export is a manager's."""
    client.force_login(bob)
    with caplog.at_level(logging.WARNING, logger="django.request"):
        assert client.get(reverse("reviews:order_export")).status_code == 403
    refused = [r for r in caplog.records if r.name == "django.request" and getattr(r, "status_code", None) == 403]
    assert len(refused) == 1
    assert refused[0].getMessage().startswith("Forbidden")
    assert refused[0].exc_info is None and "Traceback" not in caplog.text
