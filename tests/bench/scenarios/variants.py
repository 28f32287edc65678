"""The same labelled orders written as the exports merchants really download.

- ``plain``: an older Pinduoduo export (收货人, 手机, 收货地址), whose 街道 column carries the
  detailed address too, as those files do;
- ``masked``: the same with every phone masked (``138****5678``);
- ``privacy``: the newer Pinduoduo export: no receiver, no address detail, the masked
  用户购买手机号 and 省 / 市 / 区 / 街道/镇 only (some provinces written ``****``);
- ``douyin``: a 抖店 export with masked receiver names (``林*``) and masked phones.

Each writer returns the CSV text; ``write`` puts it in a file. Labels never enter a file.
"""

import csv
import io
import random
from collections.abc import Callable, Iterable
from datetime import datetime, timedelta
from pathlib import Path

from tests.bench.scenarios import ExportOrder

VARIANTS = ("plain", "masked", "privacy", "douyin")


def _t(value: datetime | None) -> str:
    return f"{value:%Y-%m-%d %H:%M:%S}" if value else ""


def mask_phone(phone: str) -> str:
    return f"{phone[:3]}****{phone[-4:]}"


def mask_name(name: str) -> str:
    return name[:1] + "*" * max(1, len(name) - 1)


# Shield outcome -> (PDD 订单状态, PDD 售后状态)
PDD_STATUS = {
    "unpaid": ("待支付", "无售后或售后取消"),
    "unpaid_closed": ("已取消", "无售后或售后取消"),
    "paid": ("待发货", "无售后或售后取消"),
    "cancelled": ("已取消", "无售后或售后取消"),
    "shipped": ("已发货，待收货", "无售后或售后取消"),
    "completed": ("已收货", "无售后或售后取消"),
    "refunding": ("已发货，待收货", "退款中"),
    "refunded": ("已收货", "退款成功"),
}
# Shield outcome -> (抖店 订单状态, 售后状态, 取消原因)
DOUYIN_STATUS = {
    "unpaid": ("待支付", "-", ""),
    "unpaid_closed": ("已关闭", "-", "超时未支付"),
    "paid": ("待发货", "-", ""),
    "cancelled": ("已关闭", "-", "买家取消"),
    "shipped": ("已发货", "-", ""),
    "completed": ("已完成", "-", ""),
    "refunding": ("已发货", "售后中", ""),
    "refunded": ("已完成", "退款成功", ""),
}

PDD_HEADERS = [
    "订单号", "商品", "商品id", "商品规格", "商品数量(件)", "用户实付金额(元)", "商家实收金额(元)", "订单成交时间",
    "支付时间", "发货时间", "确认收货时间", "订单状态", "售后状态", "收货人", "手机", "省", "市", "区", "街道",
    "收货地址", "商家备注", "买家留言",
]  # fmt: skip
PRIVACY_HEADERS = [
    "商品", "订单号", "订单状态", "用户实付金额(元)", "商家实收金额(元)", "商品数量(件)", "商品规格", "商品id",
    "售后状态", "订单成交时间", "支付时间", "承诺发货时间", "发货时间", "确认收货时间", "用户购买手机号", "省", "市",
    "区", "街道/镇", "是否审核中", "买家留言", "商家备注", "是否抽奖或0元试用", "是否无痕发货", "订单来源",
]  # fmt: skip
DOUYIN_HEADERS = [
    "主订单编号", "子订单编号", "选购商品", "商品规格", "商品ID", "商品数量", "订单应付金额", "订单提交时间",
    "支付完成时间", "发货时间", "订单完成时间", "订单状态", "售后状态", "取消原因", "收件人", "收件人手机号", "省",
    "市", "区", "街道", "收件地址", "买家留言", "商家备注",
]  # fmt: skip


def _pdd_rows(orders: Iterable[ExportOrder], masked: bool) -> Iterable[list[str]]:
    for o in orders:
        status, after = PDD_STATUS[o.outcome]
        paid = "" if o.paid_at is None else f"{o.amount:.2f}"
        yield [
            o.order_no, o.sku_name, o.sku_id, o.spec, str(o.quantity), f"{o.amount:.2f}", paid or "0.00",
            _t(o.ordered_at), _t(o.paid_at), _t(o.shipped_at), _t(o.received_at), status, after, o.receiver,
            mask_phone(o.phone) if masked else o.phone, o.province, o.city, o.district, f"{o.street}{o.detail}",
            f"{o.province}{o.city}{o.district}{o.street}{o.detail}", "", o.buyer_note,
        ]  # fmt: skip


def _privacy_rows(orders: Iterable[ExportOrder], rng: random.Random) -> Iterable[list[str]]:
    for o in orders:
        status, after = PDD_STATUS[o.outcome]
        ship_by = _t(o.paid_at + timedelta(hours=48)) if o.paid_at else ""
        yield [
            o.sku_name, o.order_no, status, f"{o.amount:.2f}", f"{o.amount:.2f}" if o.paid_at else "0.00",
            str(o.quantity), o.spec, o.sku_id, after, _t(o.ordered_at), _t(o.paid_at), ship_by, _t(o.shipped_at),
            _t(o.received_at), mask_phone(o.phone), "****" if rng.random() < 0.3 else o.province, o.city, o.district,
            o.street, "否", o.buyer_note, "", "否", "否", "拼多多APP",
        ]  # fmt: skip


def _douyin_rows(orders: Iterable[ExportOrder]) -> Iterable[list[str]]:
    for o in orders:
        status, after, reason = DOUYIN_STATUS[o.outcome]
        done = o.received_at if o.outcome in ("completed", "refunded") else None
        yield [
            o.order_no, o.order_no, o.sku_name, o.spec, o.sku_id, str(o.quantity), f"{o.amount:.2f}",
            _t(o.ordered_at), _t(o.paid_at), _t(o.shipped_at), _t(done), status, after, reason,
            mask_name(o.receiver), mask_phone(o.phone), o.province, o.city, o.district, o.street,
            f"{o.province}{o.city}{o.district}{o.street}{o.detail}", o.buyer_note, "",
        ]  # fmt: skip


WRITERS: dict[str, tuple[list[str], Callable]] = {
    "plain": (PDD_HEADERS, lambda orders, rng: _pdd_rows(orders, masked=False)),
    "masked": (PDD_HEADERS, lambda orders, rng: _pdd_rows(orders, masked=True)),
    "privacy": (PRIVACY_HEADERS, _privacy_rows),
    "douyin": (DOUYIN_HEADERS, lambda orders, rng: _douyin_rows(orders)),
}


def export_text(orders: list[ExportOrder], variant: str, *, seed: int = 0) -> str:
    """The orders as one export file of this variant (CSV text, UTF-8)."""
    headers, rows = WRITERS[variant]
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(headers)
    writer.writerows(rows(orders, random.Random(seed)))
    return out.getvalue()


def write(orders: list[ExportOrder], variant: str, path: Path, *, seed: int = 0) -> Path:
    path.write_text(export_text(orders, variant, seed=seed), encoding="utf-8")
    return path
