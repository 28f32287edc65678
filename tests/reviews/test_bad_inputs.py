"""The bad-input corpus (tests/data/bad/) through the real upload → dry run → confirm → job path.

For each file the manifest states what a manager must see: the whole file refused with a Chinese
message naming the problem (and not one order written), or the bad rows reported by line number
with the good rows imported. Never a server error. Regenerate the files with
``python tests/data/bad/make_bad_files.py``.
"""

from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from reviews.models import ImportBatch, Order

pytestmark = pytest.mark.django_db

BAD = Path(__file__).resolve().parent.parent / "data" / "bad"
NOT_A_TABLE = "这不是订单表格，看起来是"

# file → ("refused", words of the message) | ("rows", orders imported, {line: words of the reason})
MANIFEST = {
    "empty.csv": ("refused", "所提交的是空文件"),  # Django's own FileField message
    "blank_lines_only.csv": ("refused", "文件是空的"),
    "header_only.csv": ("refused", "文件只有表头，没有订单行"),
    "header_only.xlsx": ("refused", "文件只有表头，没有订单行"),
    "empty_sheet.xlsx": ("refused", "文件是空的"),
    "no_order_number_column.csv": ("refused", "找不到订单号列"),
    "header_below_row_ten.csv": ("refused", "找不到订单号列"),
    "shift_jis.csv": ("refused", "找不到订单号列"),
    "duplicated_order_number_header.csv": ("refused", "表头“订单号”出现了两次（第 1 列和第 16 列）"),
    "duplicated_paid_time_header.csv": ("refused", "表头“支付时间”出现了两次（第 7 列和第 16 列）"),
    "latin1_bytes.csv": ("refused", "无法识别文件编码"),
    "binary_noise.csv": ("refused", "含有二进制内容"),
    "nul_inside_text.csv": ("refused", "含有二进制内容"),
    "png_renamed.csv": ("refused", NOT_A_TABLE + "PNG 图片"),
    "pdf_renamed.xlsx": ("refused", NOT_A_TABLE + "PDF 文档"),
    "gzip_renamed.csv": ("refused", NOT_A_TABLE + "gzip 压缩包"),
    "old_excel_97.xls": ("refused", "这是旧版 Excel（.xls）文件"),
    "html_page_no_table.xls": ("refused", "这是网页（HTML）文件"),
    "excel_2003_xml.xls": ("refused", "这是 XML 文件（如 Excel 2003 XML 表格）"),
    "truncated.xlsx": ("refused", "这不是有效的 XLSX 文件"),
    "zip_of_csv_renamed.xlsx": ("refused", "这不是有效的 XLSX 文件"),
    "zip_bomb.xlsx": ("refused", "疑似压缩炸弹"),
    "bad_dates.csv": ("rows", 3, {3: "不是有效的日期时间", 5: "不是有效的日期时间"}),
    "negative_quantity.csv": ("rows", 2, {3: "商品数量不能为负数"}),
    "huge_quantity.csv": ("rows", 1, {3: "商品数量不是有效的整数", 4: "商品数量不是有效的整数"}),
    "bad_amounts.csv": ("rows", 1, {2: "金额不能为负数", 3: "金额不是有效的数字", 4: "金额不是有效的数字"}),
    "formula_cells.csv": ("rows", 2, {3: "商品数量不是有效的整数"}),
    "empty_and_long_order_numbers.csv": ("rows", 2, {3: "订单号为空", 4: "订单号超过 64 个字符"}),
    "unknown_status.csv": ("rows", 2, {3: "无法识别的订单状态"}),
    "truncated_last_row.csv": ("rows", 3, {5: "少于表头的 15 列"}),
    "unterminated_quote.csv": ("rows", 2, {4: "引号没有配对"}),
    "bad_rows.xlsx": ("rows", 2, {3: "商品数量不能为负数", 4: "不是有效的日期时间"}),
    "utf8_bom.csv": ("rows", 3, {}),
    "html_saved_as.xls": ("rows", 1, {}),  # an HTML table saved as .xls is read like a sheet
    "excel_mangled_order_numbers.csv": ("rows", 2, {3: "科学计数法", 4: "只留下 15 位有效数字"}),
    "gbk.csv": ("rows", 3, {}),
    "utf16_le_bom_tabs.csv": ("rows", 3, {}),
    "utf16_le_no_bom.csv": ("rows", 3, {}),
    "semicolons_and_duplicate_rows.csv": ("rows", 2, {2: "以后出现的行为准"}),
}


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def test_every_corpus_file_has_an_expected_outcome():
    files = {p.name for p in BAD.iterdir() if p.suffix != ".py"}
    assert files == set(MANIFEST), "add each new file of tests/data/bad/ to MANIFEST (and drop removed ones)"
    assert len(files) >= 30


def upload(client, name: str, data: bytes, capture):
    with capture(execute=True):
        return client.post(reverse("reviews:import_new"), {"file": SimpleUploadedFile(name, data)})


def assert_refused(client, response, message: str):
    if response.status_code == 400:  # refused at upload, before the file is stored
        assert message in response.content.decode()
        assert not ImportBatch.objects.exists()
    else:
        assert response.status_code == 302
        batch = ImportBatch.objects.get()
        assert batch.status == ImportBatch.Status.REFUSED, batch.message
        assert message in batch.message
        page = client.get(response["Location"])
        assert page.status_code == 200
        assert "文件被拒绝，没有导入任何订单" in page.content.decode() and message in page.content.decode()
    assert Order.objects.count() == 0


@pytest.mark.parametrize("name", sorted(MANIFEST))
def test_bad_file_gives_a_clear_answer_and_no_partial_rows(
    client, manny, shop_a, name, django_capture_on_commit_callbacks
):
    client.force_login(manny)
    expected = MANIFEST[name]
    response = upload(client, name, (BAD / name).read_bytes(), django_capture_on_commit_callbacks)
    assert response.status_code in (302, 400)
    if expected[0] == "refused":
        assert_refused(client, response, expected[1])
        return

    _kind, imported, bad_lines = expected
    batch = ImportBatch.objects.get()
    assert batch.status == ImportBatch.Status.CHECKED, batch.message
    assert {e["line"]: e["reason"] for e in batch.errors}.keys() == bad_lines.keys()
    for error in batch.errors:
        assert bad_lines[error["line"]] in error["reason"], error
    page = client.get(response["Location"]).content.decode()
    for line in bad_lines:
        assert f">{line}<" in page, f"line {line} is shown on the dry-run page"
    assert Order.objects.count() == 0, "the dry run writes nothing"
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(reverse("reviews:import_confirm", args=[batch.pk])).status_code == 302
    batch.refresh_from_db()
    assert batch.status == ImportBatch.Status.DONE, batch.message
    assert Order.objects.filter(shop=shop_a).count() == imported
    assert client.get(reverse("reviews:import_detail", args=[batch.pk])).status_code == 200


def test_formula_cells_are_kept_as_text_and_escaped_in_the_rejected_rows_file(
    client, manny, shop_a, django_capture_on_commit_callbacks
):
    client.force_login(manny)
    upload(client, "formula_cells.csv", (BAD / "formula_cells.csv").read_bytes(), django_capture_on_commit_callbacks)
    batch = ImportBatch.objects.get()
    body = b"".join(client.get(reverse("reviews:import_rejected", args=[batch.pk])).streaming_content)
    text = body.decode("utf-8-sig")
    assert "'=1+1" in text and "\n=" not in text and ",=" not in text
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("reviews:import_confirm", args=[batch.pk]))
    assert Order.objects.get(order_no__endswith="000000000000001").receiver.startswith("=HYPERLINK")


def test_oversized_file_is_refused_at_upload(client, manny, settings, django_capture_on_commit_callbacks):
    settings.SHIELD_IMPORT_MAX_BYTES = 64 * 1024
    client.force_login(manny)
    data = (BAD / "gbk.csv").read_bytes() + b"\r\n" * (70 * 1024)
    response = upload(client, "big.csv", data, django_capture_on_commit_callbacks)
    assert_refused(client, response, "超过上限")


def test_file_with_too_many_rows_is_refused(client, manny, settings, django_capture_on_commit_callbacks):
    settings.SHIELD_IMPORT_MAX_ROWS = 1
    client.force_login(manny)
    response = upload(client, "many.csv", (BAD / "bad_dates.csv").read_bytes(), django_capture_on_commit_callbacks)
    assert_refused(client, response, "行上限")
