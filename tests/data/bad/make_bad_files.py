"""Regenerate the bad-input corpus: ``python tests/data/bad/make_bad_files.py``.

Each file is one way a real order export arrives broken. The expected outcome of each is in
``tests/reviews/test_bad_inputs.py`` (MANIFEST). Oversized files are made at test time.
"""

import codecs
import io
import zipfile
from pathlib import Path

import openpyxl

HERE = Path(__file__).resolve().parent
HEADER = ["订单号", "商品", "商品id", "商品数量(件)", "用户实付金额(元)", "订单成交时间", "支付时间", "订单状态",
          "售后状态", "收货人", "手机", "省", "市", "区", "收货地址"]  # fmt: skip


def row(n: int, **changes) -> list[str]:
    values = {
        "订单号": f"251120-{n:015d}", "商品": "维达抽纸 3层120抽*24包", "商品id": "100238471", "商品数量(件)": "1",
        "用户实付金额(元)": "39.90", "订单成交时间": "2025-11-20 10:00:00", "支付时间": "2025-11-20 10:00:30",
        "订单状态": "待发货", "售后状态": "无售后或售后取消", "收货人": "王伟", "手机": f"1380013{n:04d}",
        "省": "广东省", "市": "深圳市", "区": "南山区", "收货地址": f"科技园南路{n}号",
    }  # fmt: skip
    values.update(changes)
    return [values[h] for h in HEADER]


def csv_text(rows: list[list[str]], header=HEADER, sep=",") -> str:
    out = io.StringIO()
    import csv

    writer = csv.writer(out, delimiter=sep, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue()


def good(count: int, start: int = 1) -> list[list[str]]:
    return [row(n) for n in range(start, start + count)]


def xlsx_bytes(rows: list[list], header=HEADER) -> bytes:
    book = openpyxl.Workbook()
    sheet = book.active
    if header:
        sheet.append(header)
    for values in rows:
        sheet.append(values)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def write(name: str, data: bytes | str, encoding: str = "utf-8") -> None:
    (HERE / name).write_bytes(data if isinstance(data, bytes) else data.encode(encoding))


def main() -> None:
    # --- refused whole ---
    write("empty.csv", b"")
    write("blank_lines_only.csv", "\r\n  \r\n\t\r\n")
    write("header_only.csv", csv_text([]))
    write("header_only.xlsx", xlsx_bytes([]))
    write("empty_sheet.xlsx", xlsx_bytes([], header=None))
    write("no_order_number_column.csv", csv_text(good(3), header=["编号", *HEADER[1:]]))
    write("header_below_row_ten.csv", "说明\r\n" * 12 + csv_text(good(2)))
    dup = csv_text([[*r, "251120-999"] for r in good(3)], header=[*HEADER, "订单号"])
    write("duplicated_order_number_header.csv", dup)
    write("duplicated_paid_time_header.csv", csv_text([[*r, "2025-11-21 00:00:00"] for r in good(3)],
                                                       header=[*HEADER, "支付时间"]))  # fmt: skip
    write("latin1_bytes.csv", csv_text(good(2)).encode("utf-8").replace("王伟".encode(), b"\xff\xfe\xfd\x80\xff"))
    write("shift_jis.csv", "注文番号,商品名,数量\r\n" + "".join(f"A{n},ティッシュペーパー,{n}\r\n" for n in range(40)),
          encoding="shift_jis")  # fmt: skip
    write("binary_noise.csv", bytes((i * 37 + 11) % 256 for i in range(4096)))
    write("png_renamed.csv", b"\x89PNG\r\n\x1a\n" + bytes(200))
    write("pdf_renamed.xlsx", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\n")
    write("old_excel_97.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504))
    write("gzip_renamed.csv", b"\x1f\x8b\x08\x00" + bytes(60))
    html = "<html><head><meta charset='utf-8'></head><body><table><tr>" + "".join(f"<td>{h}</td>" for h in HEADER)
    html += "</tr><tr>" + "".join(f"<td>{v}</td>" for v in row(1)) + "</tr></table></body></html>"
    write("html_saved_as.xls", html)  # read as a table: PDD and other back-offices export these
    write(
        "html_page_no_table.xls",
        "<!DOCTYPE html><html><head><meta charset='utf-8'><title>登录</title></head>"
        "<body><p>登录已过期，请重新登录后再导出</p></body></html>",
    )
    # Opened and saved in Excel: one order number in scientific notation, one rounded to 15 digits.
    write(
        "excel_mangled_order_numbers.csv",
        csv_text([row(1), row(2, 订单号="2.61207E+17"), row(3, 订单号="261207123456789000"), row(4)]),
    )
    write(
        "excel_2003_xml.xls",
        '<?xml version="1.0"?>\n<?mso-application progid="Excel.Sheet"?>\n'
        '<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet"><Worksheet ss:Name="订单"/></Workbook>\n',
    )
    full = xlsx_bytes(good(50))
    write("truncated.xlsx", full[: len(full) // 2])
    plain_zip = io.BytesIO()
    with zipfile.ZipFile(plain_zip, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("订单.csv", csv_text(good(3)))
    write("zip_of_csv_renamed.xlsx", plain_zip.getvalue())
    bomb = io.BytesIO()
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types/>')
        with archive.open("xl/worksheets/sheet1.xml", "w") as member:
            chunk = b" " * (1 << 20)
            for _ in range(300):  # 300 MB of spaces, ~300 KB compressed
                member.write(chunk)
    write("zip_bomb.xlsx", bomb.getvalue())
    text = csv_text(good(5))
    write("nul_inside_text.csv", text[:200] + "\x00\x00" + text[200:])
    write(
        "unterminated_quote.csv",
        csv_text(good(2)) + '251120-000000000000009,"维达抽纸 没有结尾的引号,1,39.90\r\n' + "x" * 50,
    )

    # --- imported, bad rows reported with their line numbers ---
    write("bad_dates.csv", csv_text([row(1), row(2, 订单成交时间="2025-13-45 10:00"), row(3),
                                     row(4, 支付时间="昨天下午"), row(5)]))  # fmt: skip
    write("negative_quantity.csv", csv_text([row(1), row(2, **{"商品数量(件)": "-3"}), row(3)]))
    write(
        "huge_quantity.csv",
        csv_text([row(1), row(2, **{"商品数量(件)": "99999999999"}), row(3, **{"商品数量(件)": "1.5"})]),
    )
    write("bad_amounts.csv", csv_text([row(1, **{"用户实付金额(元)": "-5.00"}), row(2, **{"用户实付金额(元)": "abc"}),
                                       row(3, **{"用户实付金额(元)": "1e400"}), row(4)]))  # fmt: skip
    link = '=HYPERLINK("http://evil","点我")'
    formulas = [row(1, 收货人=link), row(2, **{"商品数量(件)": "=1+1"}), row(3, 收货地址="@SUM(A1:A9)")]
    write("formula_cells.csv", csv_text(formulas))
    long_no = "9" * 80
    write("empty_and_long_order_numbers.csv", csv_text([row(1), row(2, 订单号=""), row(3, 订单号=long_no), row(4)]))
    write("unknown_status.csv", csv_text([row(1), row(2, 订单状态="ABC123"), row(3)]))
    write("truncated_last_row.csv", csv_text(good(3)) + "251120-000000000000004,维达抽纸,100238471,2,39.")
    write("bad_rows.xlsx", xlsx_bytes([row(1), row(2, **{"商品数量(件)": "-1"}), row(3, 订单成交时间="明天"), row(4)]))

    # --- imported whole: encodings and layouts Excel and the platforms really produce ---
    write("utf8_bom.csv", codecs.BOM_UTF8 + csv_text(good(3)).encode("utf-8"))
    write("gbk.csv", csv_text(good(3)), encoding="gbk")
    write("utf16_le_bom_tabs.csv", codecs.BOM_UTF16_LE + csv_text(good(3), sep="\t").encode("utf-16-le"))
    write("utf16_le_no_bom.csv", csv_text(good(3), sep="\t").encode("utf-16-le"))
    write("semicolons_and_duplicate_rows.csv", csv_text([row(1), row(2), row(1, 订单状态="已取消")], sep=";"))


if __name__ == "__main__":
    main()
