"""Every XLSX Shield reads (orders, blacklist) goes through one zip-bomb check, judged member by member."""

import io
import os
import zipfile

import openpyxl
import pytest
from django.core.exceptions import ValidationError

from reviews.services.importing.reading import open_sheet
from reviews.services.importing.sheet import ImportRefused
from shieldsite.spreadsheets import Upload, load_dataset, refuse_zip_bomb


def padded_bomb() -> bytes:
    """A workbook whose sheet is 300 MB of spaces (~300 KB zipped), beside 4 MB of random bytes that
    do not zip at all: the archive as a whole unzips to only ~75 times its size."""
    template = openpyxl.Workbook()
    template.active.append(["订单号"])
    packed = io.BytesIO()
    template.save(packed)
    out = io.BytesIO()
    with zipfile.ZipFile(packed) as parts, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as bomb:
        for name in parts.namelist():
            if name != "xl/worksheets/sheet1.xml":
                bomb.writestr(name, parts.read(name))
        bomb.writestr("xl/media/image1.png", os.urandom(4 * 1024 * 1024))
        with bomb.open("xl/worksheets/sheet1.xml", "w") as sheet:
            sheet.write(b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>')
            chunk = b" " * (1 << 20)
            for _ in range(300):
                sheet.write(chunk)
            sheet.write(b"</sheetData></worksheet>")
    return out.getvalue()


@pytest.fixture(scope="module")
def bomb() -> bytes:
    return padded_bomb()


def test_a_bomb_padded_with_random_bytes_is_refused_by_the_order_import(bomb, tmp_path):
    path = tmp_path / "orders.xlsx"
    path.write_bytes(bomb)
    with pytest.raises(ImportRefused, match="疑似压缩炸弹"):
        open_sheet(path)


def test_a_bomb_padded_with_random_bytes_is_refused_by_the_blacklist_import(bomb):
    with pytest.raises(ValidationError, match="疑似压缩炸弹"):
        load_dataset(Upload(kind="xlsx", name="b.xlsx", data=bomb), max_rows=5000, max_expanded=1 << 40)


def test_an_ordinary_workbook_passes_the_check_and_its_unzipped_size_is_known():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/worksheets/sheet1.xml", "<worksheet/>" * 1000)
    assert refuse_zip_bomb(out.getvalue(), max_expanded=1 << 20) == 12_000
    with pytest.raises(ValidationError, match="疑似压缩炸弹"):
        refuse_zip_bomb(out.getvalue(), max_expanded=1000)
