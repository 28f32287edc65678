"""An order file's times outside 2000–2100 reject their row (line, column, reason) like any bad
cell: a year-9999 time with a negative offset would be stored as year 10000 UTC, which Python
cannot read back, and the shop's order list, export and ring pages would answer 500."""

import pytest
from django.test import Client

from reviews.models import Order
from tests.reviews.importing_helpers import import_file, pdd_row, write_csv

pytestmark = pytest.mark.django_db
OUT_OF_RANGE = "时间应在 2000 年到 2100 年之间"


@pytest.mark.parametrize(
    ("column", "value"),
    [
        ("订单成交时间", "9999-12-31T23:59:59-12:00"),
        ("支付时间", "1999-12-31 23:59:59"),
        ("确认收货时间", "2100-01-01 08:00:00"),  # 00:00 UTC: the file is in Beijing time
        ("承诺发货时间", "9999年12月31日 23:59:59"),
    ],
)
def test_a_time_outside_2000_to_2100_rejects_its_row_and_the_rest_imports(tmp_path, shop_a, alice, column, value):
    rows = [pdd_row(订单号=f"T{n}", 承诺发货时间="") for n in (1, 2, 3)]
    rows[1][column] = value
    check, run = import_file(write_csv(tmp_path / "orders.csv", rows), shop_a)
    assert check.rejected == 1 and run.rejected == 1
    [error] = check.errors
    assert (error["line"], error["column"]) == (3, column)
    assert OUT_OF_RANGE in error["reason"]
    assert sorted(Order.objects.filter(shop=shop_a).values_list("order_no", flat=True)) == ["T1", "T3"]
    client = Client()
    client.force_login(alice)
    assert client.get("/orders/").status_code == 200
    assert client.get("/orders/export/").status_code == 200


def test_times_at_the_edges_of_the_range_import(tmp_path, shop_a):
    row = pdd_row(订单号="E1", 订单成交时间="2000-01-01T00:00:00+00:00", 支付时间="2099-12-31T23:59:59+00:00")
    check, run = import_file(write_csv(tmp_path / "orders.csv", [row]), shop_a)
    assert check.rejected == 0 and run.created == 1
