"""Every order export is audited: who, when, which export and how many rows."""

import pytest
from django.urls import reverse

from reviews.models import ExportEvent
from tests.conftest import make_order

pytestmark = pytest.mark.django_db


def test_exporting_orders_leaves_an_audit_entry_naming_the_user_and_the_rows(client, shop_a, manny):
    make_order(shop_a, status="cancelled")
    make_order(shop_a, status="cancelled")
    make_order(shop_a, status="paid")
    client.force_login(manny)
    response = client.get(reverse("reviews:order_export"), {"format": "xlsx", "status": "cancelled"})
    assert response.status_code == 200
    (event,) = ExportEvent.objects.all()
    assert (event.shop, event.user, event.kind, event.file_format, event.rows) == (
        shop_a,
        manny,
        ExportEvent.Kind.ORDERS,
        "xlsx",
        2,
    )
    assert "status=cancelled" in event.query


def test_a_refused_export_is_not_audited_as_one(client, shop_a, bob):
    client.force_login(bob)
    assert client.get(reverse("reviews:order_export")).status_code == 403
    assert not ExportEvent.objects.exists()
