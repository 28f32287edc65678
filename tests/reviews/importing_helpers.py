"""Builders for order export files, shaped like the platforms' own exports."""

import csv
import io
from datetime import datetime
from pathlib import Path

from reviews.demo import DemoExport
from reviews.services.importing.passes import import_check, import_run

PDD_HEADERS = [
    "订单号", "商品", "商品id", "商品规格", "商品数量(件)", "用户实付金额(元)", "商家实收金额(元)",
    "订单成交时间", "支付时间", "发货时间", "确认收货时间", "订单状态", "售后状态",
    "收货人", "手机", "省", "市", "区", "街道", "收货地址", "商家备注", "买家留言",
]  # fmt: skip


def pdd_rows(
    count: int, *, seed: int = 7, prefix: str = "", end: datetime = datetime(2025, 11, 20, 12, 0)
) -> list[dict[str, str]]:
    rows = DemoExport(seed=seed, end=end, order_prefix=prefix).rows(count)
    return [{k: v for k, v in row.items() if not k.startswith("_")} for row in rows]


def pdd_row(**changes) -> dict[str, str]:
    row = {
        "订单号": "251120-000000000000001",
        "商品": "维达抽纸 3层120抽*24包 整箱",
        "商品id": "100238471",
        "商品规格": "24包",
        "商品数量(件)": "1",
        "用户实付金额(元)": "39.90",
        "商家实收金额(元)": "39.90",
        "订单成交时间": "2025-11-20 10:00:00",
        "支付时间": "2025-11-20 10:00:30",
        "发货时间": "",
        "确认收货时间": "",
        "订单状态": "待发货",
        "售后状态": "无售后或售后取消",
        "收货人": "王伟",
        "手机": "13800138000",
        "省": "广东省",
        "市": "深圳市",
        "区": "南山区",
        "街道": "科技园南路",
        "收货地址": "广东省深圳市南山区科技园南路8号3栋101室",
        "商家备注": "",
        "买家留言": "",
    }
    row.update(changes)
    return row


def csv_bytes(rows: list[dict], headers: list[str] | None = None, *, encoding="utf-8", delimiter=",") -> bytes:
    headers = headers or list(rows[0])
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter)
    writer.writerow(headers)
    for row in rows:
        writer.writerow([row.get(h, "") for h in headers])
    return buffer.getvalue().encode(encoding)


def write_csv(path: Path, rows: list[dict], headers=None, **kwargs) -> Path:
    path.write_bytes(csv_bytes(rows, headers, **kwargs))
    return path


def write_xlsx(path: Path, rows: list[dict], headers=None) -> Path:
    import openpyxl

    headers = headers or list(rows[0])
    workbook = openpyxl.Workbook(write_only=True)
    sheet = workbook.create_sheet()
    sheet.append(headers)
    for row in rows:
        sheet.append([row.get(h, "") for h in headers])
    workbook.save(path)
    return path


def import_file(path: Path, shop) -> tuple:
    """Check then write, as the CLI does. Returns (check result, run result)."""
    check = import_check(path=path, shop_id=shop.pk)
    run = import_run(path=path, shop_id=shop.pk, superseded_lines=check.superseded_lines)
    return check, run
