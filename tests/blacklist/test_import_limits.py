"""A blacklist file over the row limit, or one that inflates when unzipped, is refused before it is read whole."""

import io
import time
import zipfile
from pathlib import Path

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl.worksheet._reader import WorkSheetParser

from blacklist.models import BlacklistEntry
from blacklist.resources import MAX_ROWS

pytestmark = pytest.mark.django_db

ROW_LIMIT_MESSAGE = "文件超过 5,000 行"
BAD_FILES = Path(__file__).resolve().parent.parent / "data" / "bad"


def workbook_bytes(rows: int) -> bytes:
    """An ordinary XLSX, as openpyxl (and Excel) write it: a header, then ``rows`` phone entries."""
    workbook = openpyxl.Workbook(write_only=True)
    sheet = workbook.create_sheet()
    sheet.append(["类型", "值"])
    for number in range(rows):
        sheet.append(["手机号", f"138{number:08d}"])
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


HEADER_ROW = '<row><c t="inlineStr"><is><t>类型</t></is></c><c t="inlineStr"><is><t>值</t></is></c></row>'


def workbook_with_rows(rows_xml: str) -> bytes:
    """An XLSX whose first sheet holds exactly ``rows_xml`` (the rest as openpyxl writes it)."""
    template = zipfile.ZipFile(io.BytesIO(workbook_bytes(0)))
    sheet = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        f"<sheetData>{rows_xml}</sheetData></worksheet>"
    )
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for info in template.infolist():
            content = sheet.encode() if info.filename == "xl/worksheets/sheet1.xml" else template.read(info)
            archive.writestr(info.filename, content)
    return out.getvalue()


def compressed_workbook_bytes(rows: int, row_xml: str) -> bytes:
    """A header, then one row repeated ``rows`` times (no row numbers): it zips to almost nothing,
    as the 1 MB file of 3,000,000 rows that kept a worker busy for 139 s did."""
    return workbook_with_rows(HEADER_ROW + row_xml * rows)


@pytest.fixture
def rows_parsed(monkeypatch):
    """How many sheet rows openpyxl parsed (the work a row bomb makes a worker do)."""
    counter = {"rows": 0}
    parse_row = WorkSheetParser.parse_row

    def counting(self, element):
        counter["rows"] += 1
        return parse_row(self, element)

    monkeypatch.setattr(WorkSheetParser, "parse_row", counting)
    return counter


def upload(client, content: bytes, name: str):
    return client.post(reverse("blacklist:import_upload"), {"file": SimpleUploadedFile(name, content)})


def file_errors(response) -> str:
    assert response.status_code == 400
    return " ".join(response.context["form"].errors["file"])


@pytest.mark.parametrize("rows", [MAX_ROWS + 1, 50_000])
def test_xlsx_over_the_row_limit_is_refused_at_the_limit(client, manny, shop_a, rows_parsed, rows):
    content = workbook_bytes(rows)
    client.force_login(manny)
    assert ROW_LIMIT_MESSAGE in file_errors(upload(client, content, "blacklist.xlsx"))
    assert rows_parsed["rows"] <= MAX_ROWS + 3, "the header (twice: once for its width), the rows allowed, one more"
    assert not BlacklistEntry.objects.exists()


def test_xlsx_of_exactly_the_row_limit_is_previewed(client, manny, shop_a):
    client.force_login(manny)
    response = upload(client, workbook_bytes(MAX_ROWS), "blacklist.xlsx")
    assert response.status_code == 200
    assert response.context["summary"]["total"] == MAX_ROWS


def test_highly_compressed_xlsx_of_300000_rows_stops_at_the_row_limit(client, manny, shop_a, rows_parsed):
    # Short rows: 300,000 of them unzip to ~9 MB, under the zip-bomb bound, so the row limit must stop them.
    content = compressed_workbook_bytes(300_000, '<row><c t="inlineStr"><is><t>x</t></is></c></row>')
    assert len(content) < 100_000
    client.force_login(manny)
    started = time.monotonic()
    assert ROW_LIMIT_MESSAGE in file_errors(upload(client, content, "blacklist.xlsx"))
    assert time.monotonic() - started < 5
    assert rows_parsed["rows"] <= MAX_ROWS + 3


def test_highly_compressed_xlsx_that_unzips_far_beyond_any_blacklist_is_refused_unread(
    client, manny, shop_a, rows_parsed
):
    row = '<row><c t="inlineStr"><is><t>手机号</t></is></c><c t="inlineStr"><is><t>13800138000</t></is></c></row>'
    content = compressed_workbook_bytes(300_000, row)
    client.force_login(manny)
    started = time.monotonic()
    assert "疑似压缩炸弹" in file_errors(upload(client, content, "blacklist.xlsx"))
    assert time.monotonic() - started < 5
    assert rows_parsed["rows"] == 0


def test_xlsx_whose_rows_jump_to_row_1000000_stops_at_the_row_limit(client, manny, shop_a):
    # Two rows in the file, but a reader fills the gap up to row 1,000,000 with empty rows.
    content = workbook_with_rows(HEADER_ROW + '<row r="1000000"><c t="inlineStr"><is><t>手机号</t></is></c></row>')
    client.force_login(manny)
    started = time.monotonic()
    assert ROW_LIMIT_MESSAGE in file_errors(upload(client, content, "blacklist.xlsx"))
    assert time.monotonic() - started < 5


def test_the_order_imports_zip_bomb_is_refused_by_the_blacklist_import_too(client, manny, shop_a, rows_parsed):
    client.force_login(manny)
    assert "疑似压缩炸弹" in file_errors(upload(client, (BAD_FILES / "zip_bomb.xlsx").read_bytes(), "blacklist.xlsx"))
    assert rows_parsed["rows"] == 0


def test_csv_over_the_row_limit_is_refused(client, manny, shop_a):
    content = "类型,值\n" + "".join(f"手机号,138{n:08d}\n" for n in range(MAX_ROWS + 1))
    client.force_login(manny)
    assert ROW_LIMIT_MESSAGE in file_errors(upload(client, content.encode(), "blacklist.csv"))


def test_xlsx_with_thousands_of_columns_is_refused(client, manny, shop_a):
    # Every row as wide as its widest header: 16,384 columns × 5,000 rows would be 80 million cells.
    workbook = openpyxl.Workbook(write_only=True)
    sheet = workbook.create_sheet()
    sheet.append(["类型", "值"] + [f"备注{n}" for n in range(16_000)])
    sheet.append(["手机号", "13800138000"])
    out = io.BytesIO()
    workbook.save(out)
    client.force_login(manny)
    assert "列" in file_errors(upload(client, out.getvalue(), "blacklist.xlsx"))
