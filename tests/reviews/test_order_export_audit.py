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


def test_managers_see_each_export_on_the_personal_data_record_page(client, shop_a, shop_b, manny, charlie):
    make_order(shop_a, status="cancelled")
    client.force_login(manny)
    client.get(reverse("reviews:order_export"), {"format": "csv", "status": "cancelled"})
    client.force_login(charlie)
    client.get(reverse("reviews:order_export"), {"format": "xlsx"})  # another shop's export
    client.force_login(manny)
    page = client.get(reverse("reviews:reveal_list")).content.decode()
    exports = page[page.index('id="exports"') :]
    assert "manny" in exports and "订单导出" in exports and "CSV" in exports and "status=cancelled" in exports
    assert "charlie" not in exports and "XLSX" not in exports
