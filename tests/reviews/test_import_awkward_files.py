"""Files real merchants upload that are not quite what they seem: an "Excel" export that is an HTML
table saved as .xls, a workbook whose orders are on a later sheet, and order numbers Excel turned
into numbers (scientific notation, digits rounded away or cut): those rows are refused, with the
line and the reason, and never merged into another order."""

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse

from reviews.models import ImportBatch, Order
from reviews.services.importing import workbooks
from reviews.services.importing.passes import import_check
from reviews.services.importing.sheet import ImportRefused
from tests.reviews.importing_helpers import PDD_HEADERS, import_file, pdd_row, pdd_rows, write_csv

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def refused_message(path, shop) -> str:
    with pytest.raises(ImportRefused) as refused:
        import_check(path=path, shop_id=shop.pk)
    return refused.value.message


# -- an HTML table saved as .xls ----------------------------------------------------------------
def html_export(rows: list[dict], *, title: str = "拼多多订单导出", charset: str = "gb2312") -> str:
    """Shaped like a back-office "Excel" export: Office XML namespaces, a style block, a title row
    spanning the table, <th> headers, unclosed <td>s on data rows, entities and a <br>."""
    cells = "".join(f"<th>{h}</th>" for h in PDD_HEADERS)
    body = "".join(
        "<tr>" + "".join(f"<td style=\"mso-number-format:'\\@';\">{row.get(h, '')}" for h in PDD_HEADERS) + "</tr>\n"
        for row in rows
    )
    return (
        '<html xmlns:o="urn:schemas-microsoft-com:office:office" xmlns:x="urn:schemas-microsoft-com:office:excel">\n'
        f'<head><meta http-equiv="Content-Type" content="text/html; charset={charset}">\n'
        "<style>td { mso-number-format: General; } br { mso-data-placement: same-cell; }</style></head>\n"
        f'<body><table border="1"><tr><td colspan="{len(PDD_HEADERS)}">{title}</td></tr>\n'
        f"<tr>{cells}</tr>\n{body}</table></body></html>\n"
    )


def test_html_table_saved_as_xls_imports_like_a_sheet_with_excel_line_numbers(tmp_path, shop_a):
    rows = pdd_rows(30)
    rows[3]["商品"] = "抽纸&amp;湿巾<br>组合装"
    rows[3]["商家备注"] = "&nbsp;优先发&nbsp;"
    rows[10]["支付时间"] = "昨天"
    path = tmp_path / "订单导出.xls"
    path.write_bytes(html_export(rows).encode("gbk"))
    check, run = import_file(path, shop_a)
    assert (check.file_format, check.encoding, check.platform) == ("html", "gb18030", "pdd")
    # Line 1 is the title, 2 the header: the 11th order is on line 13, as Excel numbers it.
    assert [(e["line"], e["column"]) for e in check.errors] == [(13, "支付时间")]
    assert check.created == run.created == len(rows) - 1 and run.rejected == 1
    order = Order.objects.get(order_no=rows[3]["订单号"])
    assert order.sku_name == "抽纸&湿巾 组合装" and order.merchant_note == "优先发"
    assert order.receiver == rows[3]["收货人"] and order.phone == rows[3]["手机"]
    _check, again = import_file(path, shop_a)
    assert (again.created, again.updated, again.unchanged) == (0, 0, len(rows) - 1)


def test_html_utf8_without_a_declared_charset_and_header_in_a_later_table(tmp_path, shop_a):
    page = html_export([pdd_row(订单号="H-1"), pdd_row(订单号="H-2")], charset="utf-8")
    page = page.replace('<meta http-equiv="Content-Type" content="text/html; charset=utf-8">', "")
    page = page.replace("<body>", "<body><table><tr><td>店铺</td><td>店铺A</td></tr></table>")
    path = tmp_path / "orders.xls"
    path.write_text(page, encoding="utf-8")
    check, run = import_file(path, shop_a)
    assert check.rejected == 0 and run.created == 2
    assert sorted(Order.objects.values_list("order_no", flat=True)) == ["H-1", "H-2"]


def test_html_page_without_a_table_is_refused_as_a_web_page(tmp_path, shop_a):
    path = tmp_path / "orders.xls"
    path.write_text("<!DOCTYPE html><html><body><p>登录已过期</p></body></html>", encoding="utf-8")
    assert refused_message(path, shop_a).startswith("这是网页（HTML）文件")


def test_html_table_without_an_order_number_column_is_refused(tmp_path, shop_a):
    path = tmp_path / "orders.xls"
    path.write_text("<html><table><tr><th>商品</th><th>数量</th></tr><tr><td>抽纸</td><td>1</td></tr></table>")
    assert refused_message(path, shop_a).startswith("找不到订单号列")


def test_html_table_keeps_the_row_and_size_limits(tmp_path, shop_a, settings):
    path = tmp_path / "orders.xls"
    path.write_bytes(html_export(pdd_rows(100)).encode("gbk"))
    settings.SHIELD_IMPORT_MAX_ROWS = 50
    assert "行上限" in refused_message(path, shop_a)
    settings.SHIELD_IMPORT_MAX_ROWS = 1000
    settings.SHIELD_IMPORT_MAX_BYTES = 8 * 1024
    assert "超过上限" in refused_message(path, shop_a)
    assert not Order.objects.exists()


# -- a workbook with a cover sheet ------------------------------------------------------------------
def workbook_with_cover(path, rows, *, order_sheet="订单明细"):
    book = openpyxl.Workbook()
    cover = book.active
    cover.title = "汇总"
    cover.append(["店铺订单汇总"])
    cover.append(["导出时间", "2025-11-20 12:00:00"])
    cover.append(["订单数", len(rows)])
    sheet = book.create_sheet(order_sheet)
    sheet.append(PDD_HEADERS)
    for row in rows:
        sheet.append([row.get(h, "") for h in PDD_HEADERS])
    book.create_sheet("说明").append(["本表由系统生成"])
    book.save(path)
    return path


@pytest.mark.parametrize("reader", ["calamine", "openpyxl (big files)"])
def test_orders_on_a_later_sheet_are_found_and_the_sheet_is_named(tmp_path, shop_a, reader, monkeypatch):
    if reader != "calamine":
        monkeypatch.setattr(workbooks, "CALAMINE_MAX_BYTES", 0)
    rows = pdd_rows(25)
    path = workbook_with_cover(tmp_path / "orders.xlsx", rows)
    check, run = import_file(path, shop_a)
    assert check.rejected == 0 and run.created == len(rows)
    assert check.sheet_note == "读取的是第 2 个工作表“订单明细”（共 3 个）：前面的工作表没有订单号表头，已跳过。"
    assert run.sheet_note == check.sheet_note


def test_one_sheet_workbook_needs_no_note_and_no_order_sheet_at_all_is_refused(tmp_path, shop_a):
    book = openpyxl.Workbook()
    book.active.append(PDD_HEADERS)
    book.active.append([pdd_row().get(h, "") for h in PDD_HEADERS])
    book.save(tmp_path / "one.xlsx")
    check, _run = import_file(tmp_path / "one.xlsx", shop_a)
    assert check.sheet_note == ""
    book = openpyxl.Workbook()
    book.active.append(["店铺订单汇总"])
    book.create_sheet("图表").append(["销量", 3])
    book.save(tmp_path / "none.xlsx")
    assert refused_message(tmp_path / "none.xlsx", shop_a).startswith("找不到订单号列")


def test_the_dry_run_page_the_result_page_and_the_command_name_the_sheet(
    client, manny, shop_a, tmp_path, capsys, django_capture_on_commit_callbacks
):
    path = workbook_with_cover(tmp_path / "orders.xlsx", pdd_rows(5), order_sheet="Orders")
    client.force_login(manny)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("reviews:import_new"), {"file": SimpleUploadedFile("orders.xlsx", path.read_bytes())}
        )
    batch = ImportBatch.objects.get()
    assert batch.status == ImportBatch.Status.CHECKED and "第 2 个工作表“Orders”" in batch.message
    assert "第 2 个工作表“Orders”" in client.get(response["Location"]).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("reviews:import_confirm", args=[batch.pk]))
    batch.refresh_from_db()
    assert batch.status == ImportBatch.Status.DONE and "第 2 个工作表“Orders”" in batch.message
    assert "第 2 个工作表“Orders”" in client.get(response["Location"]).content.decode()
    call_command("import_orders", str(path), "--shop", str(shop_a.pk), "--dry-run")
    assert "第 2 个工作表“Orders”" in capsys.readouterr().out


def test_the_sheet_note_is_in_english_for_an_english_manager(tmp_path, shop_a):
    from django.utils import translation

    path = workbook_with_cover(tmp_path / "orders.xlsx", pdd_rows(3))
    with translation.override("en"):
        note = import_check(path=path, shop_id=shop_a.pk).sheet_note
    assert note.startswith("Read sheet 2") and "订单明细" in note


# -- order numbers Excel took for numbers --------------------------------------------------------
@pytest.mark.parametrize(
    ("headers", "order_no", "reason"),
    [
        ("pdd", "2.61207E+17", "科学计数法"),
        ("pdd", "2.61207e17", "科学计数法"),
        ("pdd", "2.61207123456789E+17", "科学计数法"),
        ("pdd", "261207123456789000", "末尾 3 位都是 0"),
        ("taobao", "3790123456789010000", "末尾 4 位都是 0"),
        ("taobao", "3.79012E+18", "科学计数法"),
        ("taobao", "37901234567", None),  # short, but not a length Excel would have shown as 3.79E+10
        ("taobao", "379012345678", "淘宝/天猫的订单号至少有 15 位"),
        ("douyin", "693820174552130", "抖店的订单号至少有 19 位"),
        ("douyin", "6938201745521300000", "末尾 4 位都是 0"),
    ],
)
def test_order_number_excel_mangled_is_refused_with_line_and_reason(tmp_path, shop_a, headers, order_no, reason):
    make = {
        "pdd": lambda no, n: pdd_row(订单号=no, 手机=f"1380000{n:04d}"),
        "taobao": lambda no, n: {"订单编号": no, "买家会员名": f"tb_{n}", "订单状态": "交易成功", "宝贝标题": "抽纸"},
        "douyin": lambda no, n: {"子订单编号": no, "选购商品": "保温杯", "订单状态": "已完成", "收件人": f"赵{n}"},
    }[headers]
    good = {"pdd": "251120-000000000000009", "taobao": "3790123456789012345", "douyin": "6938201745521300101"}
    rows = [make(good[headers], 1), make(order_no, 2), make(order_no, 3)]  # twice: never merged into one
    check, run = import_file(write_csv(tmp_path / "orders.csv", rows), shop_a)
    if reason is None:
        assert check.rejected == 0 and Order.objects.filter(order_no=order_no).exists()
        return
    assert [(e["line"], e["value"]) for e in check.errors] == [(3, order_no), (4, order_no)]
    assert all(reason in e["reason"] and "重新导出" in e["reason"] for e in check.errors)
    assert check.duplicates == 0, "refused rows are not counted as one order seen twice"
    assert (run.created, run.rejected) == (1, 2)
    assert list(Order.objects.values_list("order_no", flat=True)) == [good[headers]]
    assert order_no in check.error_csv.decode("utf-8-sig")


@pytest.mark.parametrize(
    ("headers", "order_no"),
    [
        ({"订单编号": "1"}, "1"),  # hand-made and test files: short numbers are fine
        ({"订单编号": "3790123456789012345"}, "3790123456789012345"),
        ({"订单编号": "250123456789000"}, "250123456789000"),  # 15 digits: Excel keeps them all
        ({"子订单编号": "6920000000000001-1", "选购商品": "保温杯"}, "6920000000000001-1"),
        ({"子订单编号": "6938201745521300101", "选购商品": "保温杯"}, "6938201745521300101"),
        ({"订单号": "251120-408812345670001"}, "251120-408812345670001"),
        ({"订单号": "P1"}, "P1"),
        ({"order_no": "2024E0001"}, "2024E0001"),  # an ERP's own numbering, not a float
        ({"order_no": "INV-2.5E+3"}, "INV-2.5E+3"),
    ],
)
def test_real_order_numbers_of_every_platform_are_not_mistaken_for_excel_damage(tmp_path, shop_a, headers, order_no):
    row = {**headers, "订单状态": "交易成功", "status": "completed"}
    check, run = import_file(write_csv(tmp_path / "orders.csv", [row]), shop_a)
    assert check.rejected == 0, check.errors
    assert Order.objects.get().order_no == order_no


@pytest.mark.parametrize("reader", ["calamine", "openpyxl (big files)"])
def test_xlsx_order_number_stored_as_a_long_number_is_refused_short_ones_import(tmp_path, shop_a, reader, monkeypatch):
    if reader != "calamine":
        monkeypatch.setattr(workbooks, "CALAMINE_MAX_BYTES", 0)
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["订单编号", "买家会员名", "订单状态", "买家实际支付金额"])
    sheet.append(["3790123456789012345", "tb_1", "交易成功", 10])  # text: exact
    sheet.append([3.79012345678901e18, "tb_2", "交易成功", 10])  # a number: digits lost
    sheet.append([2.61207e17, "tb_3", "交易成功", 10])
    sheet.append([123456, "tb_4", "交易成功", 10])  # a short number is exact
    book.save(tmp_path / "orders.xlsx")
    check, run = import_file(tmp_path / "orders.xlsx", shop_a)
    assert [e["line"] for e in check.errors] == [3, 4]
    assert all("存成了数字" in e["reason"] for e in check.errors)
    assert sorted(Order.objects.values_list("order_no", flat=True)) == ["123456", "3790123456789012345"]
    assert run.rejected == 2


# -- a sheet whose furthest cell is far beyond its data -----------------------------------------
def test_a_sparse_sheet_whose_grid_would_take_gigabytes_is_refused_before_it_is_opened(tmp_path, shop_a, monkeypatch):
    """calamine holds a sheet as a dense grid up to its furthest cell: one cell at ZZ200000 in a
    615-byte sheet took a worker to 4.3 GB. The sheet's extent is read from its XML first."""
    book = openpyxl.Workbook()
    book.active.append(PDD_HEADERS)
    book.active.append([pdd_row()[h] for h in PDD_HEADERS])
    book.active["ZZ200000"] = "x"
    path = tmp_path / "sparse.xlsx"
    book.save(path)
    monkeypatch.setattr(workbooks, "_open_xlsx_calamine", lambda path: pytest.fail("calamine opened the file"))
    assert "远超其中的数据" in refused_message(path, shop_a)
    assert workbooks.sheet_grid_cells(path) == 200_000 * 702


def test_an_ordinary_wide_sheet_is_measured_and_imported(tmp_path, shop_a):
    book = openpyxl.Workbook()
    book.active.append([*PDD_HEADERS, *(f"备用{i}" for i in range(40))])  # columns past Z
    book.active.append([pdd_row()[h] for h in PDD_HEADERS])
    path = tmp_path / "wide.xlsx"
    book.save(path)
    assert workbooks.sheet_grid_cells(path) == 2 * (len(PDD_HEADERS) + 40)
    assert import_check(path=path, shop_id=shop_a.pk).total_rows == 1
