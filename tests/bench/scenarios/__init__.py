"""Labelled scenario families for judging detection on data its defaults were not tuned on.

Each family is a module here (``family_*.py``) written independently of the others and of
Shield's rules: its own shop, its own traffic model, its own ways of attacking. A family
exposes its name (``FAMILY = "toys"``, what ``BENCH_FAMILIES`` and ``TUNED_ON`` say) and one function::

    def generate(*, seed: int, end: datetime, orders: int = 20_000) -> list[ExportOrder]

giving about ``orders`` orders over the 30 days before ``end`` (naive Asia/Shanghai time),
about 5% of them attack orders (``label`` set) and the rest honest ones (``label`` None, with
``lookalike`` naming honest shapes that resemble an attack: flash sale, wholesale, family...).

``variants.py`` writes the same orders as the exports a merchant really has: plain PDD (full
phone, receiver, address), masked PDD (phone ``138****5678``), the newer PDD privacy export
(masked 用户购买手机号 and 省/市/区/街道/镇 only) and Douyin (masked phone and name). The
bench imports each file through Shield's own import and reads every verdict back.
"""

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

# Shield's own order statuses (``Order.Status``) plus the two outcomes of an order never paid.
OUTCOMES = (
    "unpaid",  # placed, not yet paid (recent)
    "unpaid_closed",  # never paid, closed by the platform or the merchant
    "paid",  # paid, not yet shipped
    "cancelled",  # paid, then cancelled before shipping (refund before shipping)
    "shipped",
    "completed",  # received
    "refunding",  # after-sale requested, not settled
    "refunded",  # refunded (仅退款 or return) after shipping or receipt
)


@dataclass
class ExportOrder:
    order_no: str  # unique within the generated set
    sku_id: str
    sku_name: str
    spec: str
    quantity: int
    amount: Decimal  # what the buyer paid (or would have paid), 2 decimals
    outcome: str  # one of OUTCOMES
    ordered_at: datetime  # naive, Asia/Shanghai
    paid_at: datetime | None
    shipped_at: datetime | None
    received_at: datetime | None
    receiver: str  # full name as the buyer typed it, e.g. 林小坤
    phone: str  # full 11-digit mobile number
    province: str  # e.g. 广东省
    city: str  # e.g. 深圳市
    district: str  # e.g. 南山区
    street: str  # 街道/镇, e.g. 粤海街道
    detail: str  # the rest as typed: road, number, building, room (variants allowed)
    label: str | None = None  # attack shape: burst, inventory_lock, serial_refund, ring, or the family's own
    lookalike: str | None = None  # honest shape resembling an attack: flash_sale, wholesale, family, ...
    buyer_note: str = ""
