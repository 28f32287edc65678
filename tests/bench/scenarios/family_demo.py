"""The demo's own export (``reviews/demo.py``) as a scenario family: the data Shield's first
defaults were chosen on. It is a tuning family, never a held-out one."""

from datetime import datetime
from decimal import Decimal

from reviews.demo import DemoExport
from tests.bench.scenarios import ExportOrder

FAMILY = "demo"


def _time(text: str) -> datetime | None:
    return datetime.strptime(text, "%Y-%m-%d %H:%M:%S") if text else None


def _outcome(row: dict) -> str:
    status, after = row["订单状态"], row["售后状态"]
    if status == "已取消":
        return "cancelled"
    if after == "退款成功":
        return "refunded"
    return {"待发货": "paid", "已发货，待收货": "shipped", "已收货": "completed"}[status]


def generate(*, seed: int, end: datetime, orders: int = 20_000) -> list[ExportOrder]:
    export = DemoExport(seed=seed, end=end)
    normal = int(orders * 0.95)
    rows = list(export.normal_orders(normal))
    for _ in range(max(1, normal // 1900)):
        rows += export.shop_bombing()
        rows += export.inventory_lock()
        rows += export.serial_refunder()
        rows += export.ring()
    found = []
    for row in rows:
        head = row["省"] + row["市"] + row["区"]
        detail = row["收货地址"].removeprefix(head).removeprefix(row["街道"])
        found.append(
            ExportOrder(
                order_no=row["订单号"], sku_id=row["商品id"], sku_name=row["商品"], spec=row["商品规格"],
                quantity=int(row["商品数量(件)"]), amount=Decimal(row["用户实付金额(元)"]), outcome=_outcome(row),
                ordered_at=_time(row["订单成交时间"]), paid_at=_time(row["支付时间"]),
                shipped_at=_time(row["发货时间"]), received_at=_time(row["确认收货时间"]), receiver=row["收货人"],
                phone=row["手机"], province=row["省"],
                city=row["市"], district=row["区"], street=row["街道"], detail=detail, label=row["_attack"] or None,
            )
        )  # fmt: skip
    return sorted(found, key=lambda o: o.ordered_at)
