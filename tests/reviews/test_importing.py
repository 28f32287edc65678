"""Importing order exports: every bad input gets a clear Chinese message, good rows always land,
re-imports change nothing, later statuses win, and formats (GBK, BOM, tabs, XLSX) just work."""

import codecs
from datetime import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from reviews.models import Buyer, Order
from reviews.services.importing import passes, workbooks
from reviews.services.importing.passes import import_check
from reviews.services.importing.sheet import ImportRefused
from tests.reviews.importing_helpers import (
    PDD_HEADERS,
    csv_bytes,
    import_file,
    pdd_row,
    pdd_rows,
    write_csv,
    write_xlsx,
)

pytestmark = pytest.mark.django_db


def refused_message(path, shop) -> str:
    with pytest.raises(ImportRefused) as refused:
        import_check(path=path, shop_id=shop.pk)
    return refused.value.message


# -- file-level problems: the whole file is refused, nothing is written ------------------------
def test_binary_file_is_refused(tmp_path, shop_a):
    path = tmp_path / "orders.csv"
    path.write_bytes(b"\x00\x01\x02binary\x00" * 100)
    assert "这不是文本表格文件" in refused_message(path, shop_a)


def test_image_renamed_to_csv_is_refused_by_content(tmp_path, shop_a):
    path = tmp_path / "orders.csv"
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 200)
    assert refused_message(path, shop_a) == "这不是订单表格，看起来是PNG 图片。请上传平台导出的 CSV 或 XLSX 文件。"


def test_old_xls_file_is_refused_with_how_to_fix(tmp_path, shop_a):
    path = tmp_path / "orders.xls"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600)
    assert "另存为 .xlsx 或 CSV" in refused_message(path, shop_a)


def test_zip_renamed_to_xlsx_is_refused(tmp_path, shop_a):
    import zipfile

    path = tmp_path / "orders.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("hello.txt", "not a workbook")
    assert "不是有效的 XLSX 文件" in refused_message(path, shop_a)


def test_empty_file_is_refused(tmp_path, shop_a):
    path = tmp_path / "orders.csv"
    path.write_bytes(b"")
    assert refused_message(path, shop_a).startswith("文件是空的")
    path.write_bytes(b"\n\n  \n")
    assert refused_message(path, shop_a).startswith("文件是空的")


def test_header_only_file_is_refused(tmp_path, shop_a):
    path = tmp_path / "orders.csv"
    path.write_bytes(",".join(PDD_HEADERS).encode() + b"\r\n")
    assert refused_message(path, shop_a) == "文件只有表头，没有订单行。"


def test_file_without_order_number_column_is_refused(tmp_path, shop_a):
    path = write_csv(tmp_path / "orders.csv", [{"商品": "抽纸", "数量": "1"}])
    assert refused_message(path, shop_a).startswith("找不到订单号列")


def test_unknown_encoding_is_refused(tmp_path, shop_a):
    path = tmp_path / "orders.csv"
    path.write_bytes(b"\x80\xff\xfe\x80" * 400)
    assert "编码" in refused_message(path, shop_a)
    assert not Order.objects.exists()


def test_file_over_the_size_limit_is_refused(tmp_path, shop_a, settings):
    settings.SHIELD_IMPORT_MAX_BYTES = 1024 * 1024
    path = write_csv(tmp_path / "orders.csv", pdd_rows(6000))
    message = refused_message(path, shop_a)
    assert "超过上限 1 MB" in message


def test_file_over_the_row_limit_is_refused(tmp_path, shop_a, settings):
    settings.SHIELD_IMPORT_MAX_ROWS = 50
    path = write_csv(tmp_path / "orders.csv", pdd_rows(100))
    assert "行上限" in refused_message(path, shop_a)
    xlsx = write_xlsx(tmp_path / "orders.xlsx", pdd_rows(100))
    assert "行上限" in refused_message(xlsx, shop_a)


# -- row-level problems: the row is refused and reported, the rest imports ----------------------
@pytest.mark.parametrize(
    ("change", "column", "reason"),
    [
        ({"订单成交时间": "2025-13-45 99:00"}, "订单成交时间", "不是有效的日期时间"),
        ({"支付时间": "昨天"}, "支付时间", "不是有效的日期时间"),
        ({"商品数量(件)": "-2"}, "商品数量(件)", "商品数量不能为负数"),
        ({"商品数量(件)": "两件"}, "商品数量(件)", "商品数量不是有效的整数"),
        ({"商品数量(件)": "1.5"}, "商品数量(件)", "商品数量不是有效的整数"),
        ({"用户实付金额(元)": "-39.90"}, "用户实付金额(元)", "金额不能为负数"),
        ({"用户实付金额(元)": "=1+2"}, "用户实付金额(元)", "金额不是有效的数字"),
        ({"订单状态": "外星状态"}, "订单状态", "无法识别的订单状态"),
        ({"订单号": ""}, "订单号", "订单号为空"),
    ],
)
def test_bad_row_is_rejected_with_line_column_and_reason_while_good_rows_import(
    tmp_path, shop_a, change, column, reason
):
    rows = [
        pdd_row(订单号="A1"),
        pdd_row(订单号="A2", **{k: v for k, v in change.items() if k != "订单号"}),
        pdd_row(订单号="A3"),
    ]
    if "订单号" in change:
        rows[1]["订单号"] = change["订单号"]
    path = write_csv(tmp_path / "orders.csv", rows)
    check, run = import_file(path, shop_a)
    assert check.rejected == 1 and run.rejected == 1
    assert check.errors[0]["line"] == 3
    assert check.errors[0]["column"] == column
    assert reason in check.errors[0]["reason"]
    assert sorted(Order.objects.values_list("order_no", flat=True)) == ["A1", "A3"]
    error_csv = check.error_csv.decode("utf-8-sig")
    assert reason in error_csv and error_csv.count("\n") == 2  # header + the one rejected row


def test_duplicate_order_numbers_in_one_file_last_line_wins_and_is_reported(tmp_path, shop_a, monkeypatch):
    monkeypatch.setattr(passes, "BATCH_ROWS", 2)  # the duplicates straddle batches
    rows = [
        pdd_row(订单号="D1", 商家备注="first"),
        pdd_row(订单号="X"),
        pdd_row(订单号="Y"),
        pdd_row(订单号="D1", 商家备注="last"),
    ]
    path = write_csv(tmp_path / "orders.csv", rows)
    check, run = import_file(path, shop_a)
    assert check.duplicates == 1
    assert check.superseded_lines == [2]
    assert any("以后出现的行为准" in e["reason"] and e["line"] == 2 for e in check.errors)
    assert (check.created, run.created, run.updated) == (3, 3, 0)
    assert Order.objects.get(order_no="D1").merchant_note == "last"
    assert Order.objects.count() == 3


def test_formula_cells_are_stored_as_text_never_evaluated(tmp_path, shop_a):
    path = write_csv(
        tmp_path / "orders.csv", [pdd_row(商家备注='=HYPERLINK("http://evil")', 买家留言="@SUM(A1)", 收货人="+王伟")]
    )
    import_file(path, shop_a)
    order = Order.objects.get()
    assert order.merchant_note == '=HYPERLINK("http://evil")'
    assert order.buyer_note == "@SUM(A1)"
    assert order.receiver == "+王伟"


# -- idempotence and status rules ---------------------------------------------------------------
def test_reimporting_the_same_file_changes_nothing(tmp_path, shop_a):
    path = write_csv(tmp_path / "orders.csv", pdd_rows(300))
    first_check, first = import_file(path, shop_a)
    stamps = dict(Order.objects.values_list("order_no", "updated_at"))
    buyers = Buyer.objects.count()
    check, again = import_file(path, shop_a)
    assert first.created == first_check.created == Order.objects.count()
    assert (check.created, check.updated, check.unchanged) == (0, 0, first.created)
    assert (again.created, again.updated, again.unchanged) == (0, 0, first.created)
    assert dict(Order.objects.values_list("order_no", "updated_at")) == stamps
    assert Buyer.objects.count() == buyers


def test_newer_export_updates_status_but_an_older_one_never_goes_back(tmp_path, shop_a):
    paid = pdd_row(订单号="S1")
    shipped = pdd_row(订单号="S1", 订单状态="已发货，待收货", 发货时间="2025-11-21 09:00:00")
    import_file(write_csv(tmp_path / "1.csv", [paid]), shop_a)
    import_file(write_csv(tmp_path / "2.csv", [shipped]), shop_a)
    order = Order.objects.get()
    assert order.status == Order.Status.SHIPPED
    check, run = import_file(write_csv(tmp_path / "1.csv", [paid]), shop_a)
    order.refresh_from_db()
    assert order.status == Order.Status.SHIPPED and order.shipped_at is not None
    assert (run.updated, run.unchanged) == (0, 1)


def test_refund_request_withdrawn_later_moves_status_back_when_the_row_is_newer(tmp_path, shop_a):
    refunding = pdd_row(订单号="R1", 订单状态="已收货", 售后状态="售后处理中", 确认收货时间="2025-11-22 10:00:00")
    import_file(write_csv(tmp_path / "1.csv", [refunding]), shop_a)
    assert Order.objects.get().status == Order.Status.REFUNDING
    older = pdd_row(订单号="R1", 订单状态="已收货", 确认收货时间="2025-11-22 10:00:00")
    import_file(write_csv(tmp_path / "2.csv", [older]), shop_a)
    assert Order.objects.get().status == Order.Status.REFUNDING  # same times: not evidently newer
    newer = dict(older, 确认收货时间="2025-11-25 10:00:00")
    import_file(write_csv(tmp_path / "3.csv", [newer]), shop_a)
    assert Order.objects.get().status == Order.Status.COMPLETED


# -- platforms and formats ---------------------------------------------------------------------
def test_gbk_file_as_excel_saves_it_round_trips(tmp_path, shop_a):
    rows = pdd_rows(50)
    path = write_csv(tmp_path / "orders.csv", rows, encoding="gbk")
    check, run = import_file(path, shop_a)
    assert check.encoding == "gb18030" and run.created == len(rows)
    order = Order.objects.get(order_no=rows[0]["订单号"])
    assert order.receiver == rows[0]["收货人"] and order.sku_name == rows[0]["商品"]


def test_utf8_with_bom_and_tab_delimited_files_import(tmp_path, shop_a):
    bom = tmp_path / "bom.csv"
    bom.write_bytes(codecs.BOM_UTF8 + csv_bytes([pdd_row(订单号="B1")]))
    tabs = tmp_path / "tabs.txt"
    tabs.write_bytes(csv_bytes([pdd_row(订单号="T1")], delimiter="\t"))
    utf16 = tmp_path / "utf16.txt"
    utf16.write_bytes(csv_bytes([pdd_row(订单号="U1")], delimiter="\t", encoding="utf-16"))
    for path in (bom, tabs, utf16):
        import_file(path, shop_a)
    assert sorted(Order.objects.values_list("order_no", flat=True)) == ["B1", "T1", "U1"]


@pytest.mark.parametrize("reader", ["calamine", "openpyxl (big files)"])
def test_xlsx_round_trips_with_real_date_cells(tmp_path, shop_a, reader, monkeypatch):
    if reader != "calamine":
        monkeypatch.setattr(workbooks, "CALAMINE_MAX_BYTES", 0)
    rows = pdd_rows(40)
    for row in rows[:5]:
        row["订单成交时间"] = datetime.strptime(row["订单成交时间"], "%Y-%m-%d %H:%M:%S")
    row_zero_no = rows[0]["订单号"]
    path = write_xlsx(tmp_path / "orders.xlsx", rows)
    check, run = import_file(path, shop_a)
    assert check.file_format == "xlsx" and run.created == len(rows) and check.rejected == 0
    order = Order.objects.get(order_no=row_zero_no)
    assert order.ordered_at is not None and order.quantity == int(rows[0]["商品数量(件)"])


def test_taobao_export_maps_member_name_apostrophe_phone_refund_and_keeps_unknown_columns(tmp_path, shop_a):
    rows = [
        {
            "订单编号": "3790123456789012345",
            "买家会员名": "tb_小红",
            "买家应付货款": "59.90",
            "买家实际支付金额": "59.90",
            "订单状态": "交易关闭",
            "退款金额": "59.90",
            "收货人姓名": "李*红",
            "收货地址": "浙江省 杭州市 西湖区 文三路100号",
            "联系手机": "'13925130165",
            "订单创建时间": "2025/11/20 10:00:00",
            "订单付款时间": "2025/11/20 10:01:00",
            "宝贝标题": "蓝月亮洗衣液",
            "宝贝总数量": "2",
            "订单关闭原因": "买家不想买了",
            "异常信息": "",
        }
    ]
    check, _run = import_file(write_csv(tmp_path / "tb.csv", rows), shop_a)
    assert check.platform == "taobao"
    order = Order.objects.select_related("buyer").get()
    assert order.status == Order.Status.REFUNDED
    assert order.phone == "13925130165" and order.quantity == 2
    assert order.buyer.key_kind == Buyer.KeyKind.PLATFORM_ID and order.buyer.key == "tb_小红"
    assert order.extra["订单关闭原因"] == "买家不想买了"
    assert order.extra["退款金额"] == "59.90"


def test_douyin_export_uses_sub_order_number_and_maps_statuses(tmp_path, shop_a):
    rows = [
        {
            "主订单编号": "6920000000000001",
            "子订单编号": "6920000000000001-1",
            "选购商品": "儿童保温杯",
            "商品ID": "3600000001",
            "商品数量": "1",
            "订单应付金额": "45.00",
            "订单提交时间": "2025-11-20 20:00:00",
            "支付完成时间": "2025-11-20 20:00:10",
            "订单状态": "已关闭",
            "售后状态": "",
            "取消原因": "拍错了",
            "收件人": "赵**",
            "收件人手机号": "15011112222",
            "收件地址": "北京市朝阳区建国路88号",
        }
    ]
    check, _run = import_file(write_csv(tmp_path / "dy.csv", rows), shop_a)
    assert check.platform == "douyin"
    order = Order.objects.get()
    assert order.order_no == "6920000000000001-1" and order.sku_id == "3600000001"
    assert order.status == Order.Status.CANCELLED and order.amount_paid == Decimal("45.00")
    assert order.extra["取消原因"] == "拍错了" and order.extra["主订单编号"] == "6920000000000001"


def test_generic_english_headers_import(tmp_path, shop_a):
    rows = [{"order_no": "E1", "buyer": "erp-42", "phone": "13800001111", "sku": "S1", "quantity": "3",
             "status": "completed", "ordered_at": "2025-11-20T10:00:00", "amount_paid": "12.50",
             "channel": "wechat"}]  # fmt: skip
    check, _run = import_file(write_csv(tmp_path / "erp.csv", rows), shop_a)
    order = Order.objects.select_related("buyer").get()
    assert check.platform == "other"
    assert (order.status, order.quantity, order.sku_id) == (Order.Status.COMPLETED, 3, "S1")
    assert order.buyer.key == "erp-42" and order.extra == {"channel": "wechat"}


def test_pdd_privacy_export_with_masked_phone_and_region_only(tmp_path, shop_a):
    headers = ["订单号", "商品", "订单状态", "商品数量(件)", "用户实付金额(元)", "订单成交时间", "用户购买手机号",
               "省", "市", "区", "街道/镇", "是否审核中", "订单来源"]  # fmt: skip
    rows = [
        {"订单号": "P1", "商品": "抽纸", "订单状态": "待发货", "商品数量(件)": "1", "用户实付金额(元)": "9.9",
         "订单成交时间": "2025-11-20 10:00:00", "用户购买手机号": "138****5678", "省": "****", "市": "深圳市",
         "区": "南山区", "街道/镇": "粤海街道", "是否审核中": "否", "订单来源": "app"},
    ]  # fmt: skip
    check, _run = import_file(write_csv(tmp_path / "privacy.csv", rows, headers), shop_a)
    order = Order.objects.get()
    assert check.rejected == 0
    assert order.phone == "138****5678" and order.province == "****" and order.street == "粤海街道"
    assert order.extra == {"是否审核中": "否", "订单来源": "app"}
    # The masked phone and the district identify the buyer, as a masked identity; a bare
    # region links nobody to anybody.
    assert (order.buyer.key_kind, order.buyer.confidence) == ("masked_phone", "masked")
    assert order.address_key == ""


def test_promised_ship_time_fills_the_deadline_not_extra_and_reimports_unchanged(tmp_path, shop_a):
    rows = [pdd_row(订单号="SHIP-1", 承诺发货时间="2025-11-22 18:00:00"), pdd_row(订单号="SHIP-2", 承诺发货时间="")]
    path = write_csv(tmp_path / "orders.csv", rows)
    _, result = import_file(path, shop_a)
    assert result.created == 2
    promised = Order.objects.get(order_no="SHIP-1")
    assert timezone.localtime(promised.ship_by).strftime("%Y-%m-%d %H:%M") == "2025-11-22 18:00"
    assert "承诺发货时间" not in promised.extra
    assert Order.objects.get(order_no="SHIP-2").ship_by is None
    _, again = import_file(path, shop_a)
    assert (again.created, again.updated, again.unchanged) == (0, 0, 2)


def test_unreadable_promised_ship_time_is_a_row_error(tmp_path, shop_a):
    path = write_csv(tmp_path / "orders.csv", [pdd_row(订单号="SHIP-3", 承诺发货时间="下周")])
    _, result = import_file(path, shop_a)
    assert result.created == 0
    assert not Order.objects.filter(order_no="SHIP-3").exists()


def test_repeated_values_convert_the_same_on_every_row_and_each_bad_one_is_reported(tmp_path, shop_a):
    """The parser converts a price, quantity or status once per file and reuses it: every row
    still gets its own value, and a bad value is reported each time it appears."""
    rows = [
        pdd_row(订单号="B1", **{"用户实付金额(元)": "¥1,299.5", "商品数量(件)": "2", "订单状态": "已发货"}),
        pdd_row(订单号="B2", **{"用户实付金额(元)": "两百", "商品数量(件)": "2", "订单状态": "已发货"}),
        pdd_row(订单号="B3", **{"用户实付金额(元)": "¥1,299.5", "商品数量(件)": "2", "订单状态": "已发货"}),
        pdd_row(订单号="B4", **{"用户实付金额(元)": "两百", "商品数量(件)": "3", "订单状态": "已收货"}),
    ]
    check, run = import_file(write_csv(tmp_path / "orders.csv", rows), shop_a)
    assert [(e["line"], e["reason"]) for e in check.errors] == [(3, "金额不是有效的数字"), (5, "金额不是有效的数字")]
    assert run.created == 2 and run.rejected == 2
    orders = {o.order_no: o for o in Order.objects.filter(shop=shop_a)}
    assert sorted(orders) == ["B1", "B3"]
    for order in orders.values():
        assert (str(order.amount_paid), order.quantity, order.status) == ("1299.50", 2, "shipped")


def test_file_that_breaks_half_way_stops_the_import_with_the_reason_in_the_users_language(
    tmp_path, shop_a, monkeypatch, settings
):
    """Batches are parsed ahead of the one being written: a file found bad after the first
    batch (here: more data rows than the limit, which the quick line count let through) still
    stops with the reason in the manager's language, the batch already written stays, and
    nothing from the bad part of the file is imported."""
    from django.utils import translation

    monkeypatch.setattr(passes, "BATCH_ROWS", 3)
    settings.SHIELD_IMPORT_MAX_ROWS = 5
    path = write_csv(tmp_path / "orders.csv", [pdd_row(订单号=f"H{n}") for n in range(1, 10)])
    with translation.override("en"), pytest.raises(ImportRefused) as refused:
        passes.import_run(path=path, shop_id=shop_a.pk)
    assert refused.value.message.startswith("The file has more than the 5-row limit")
    assert sorted(Order.objects.filter(shop=shop_a).values_list("order_no", flat=True)) == ["H1", "H2", "H3"]


def test_a_nul_character_deep_in_the_file_rejects_its_row_and_the_rest_imports(tmp_path, shop_a):
    rows = pdd_rows(60)  # the NUL lands well past the first bytes the file check looks at
    rows[50]["商家备注"] = "正常\x00备注"
    path = write_csv(tmp_path / "orders.csv", rows)
    check, run = import_file(path, shop_a)
    assert check.rejected == 1 and run.rejected == 1
    [error] = check.errors
    assert error["line"] == 52 and error["column"] == "商家备注"
    assert "空字符（NUL）" in error["reason"]
    assert Order.objects.filter(shop=shop_a).count() == len(rows) - 1
    assert not Order.objects.filter(order_no=rows[50]["订单号"]).exists()
