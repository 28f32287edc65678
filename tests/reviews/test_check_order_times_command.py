"""``manage.py check_order_times`` finds orders stored before the 2000–2100 range was enforced
with a time outside it, lists each (shop, order number, field, value) and exits non-zero."""

import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from reviews.models import Order
from tests.conftest import make_order

pytestmark = pytest.mark.django_db


def store_raw(order: Order, field: str, value: str) -> None:
    """Write the value as the old check API and importer did: straight to the column (a year
    10000 cannot even be a Python datetime)."""
    with connection.cursor() as cursor:
        cursor.execute(f"UPDATE {Order._meta.db_table} SET {field} = %s::timestamptz WHERE id = %s", [value, order.pk])


def run() -> tuple[str, CommandError | None]:
    out = io.StringIO()
    try:
        call_command("check_order_times", stdout=out)
    except CommandError as exc:
        return out.getvalue(), exc
    return out.getvalue(), None


def test_clean_data_reports_nothing_and_exits_zero(shop_a):
    make_order(shop_a)
    out, failed = run()
    assert failed is None
    assert "没有" in out


def test_each_time_outside_the_range_is_listed_per_shop_and_the_command_fails(shop_a, shop_b):
    far = make_order(shop_a, order_no="FAR-1")
    early = make_order(shop_b, order_no="EARLY-1")
    make_order(shop_a, order_no="FINE-1")
    store_raw(far, "ordered_at", "9999-12-31T23:59:59-12:00")
    store_raw(far, "ship_by", "2100-01-01T00:00:00+00:00")
    store_raw(early, "paid_at", "1999-12-31T23:59:59+00:00")
    out, failed = run()
    assert failed is not None and failed.returncode != 0
    assert "3" in str(failed)
    lines = [line for line in out.splitlines() if "\t" in line]
    assert len(lines) == 3, out
    assert any("店铺A" in line and "FAR-1" in line and "ordered_at" in line and "10000-01-01" in line for line in lines)
    assert any("店铺A" in line and "FAR-1" in line and "ship_by" in line and "2100-01-01" in line for line in lines)
    assert any("店铺B" in line and "EARLY-1" in line and "paid_at" in line and "1999-12-31" in line for line in lines)
    assert "FINE-1" not in out
