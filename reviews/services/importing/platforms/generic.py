"""Generic English headers (README.md), welcome in any platform's file (an ERP may mix them in),
Shield's own status labels and codes, and the fallbacks for wordings no platform lists.
"""

from reviews.models import Order, Platform

PLATFORM = Platform.OTHER
PRIORITY = 99

HEADERS = {
    "order_no": ["order_no", "order_id", "order number"],
    "buyer_id": ["buyer", "buyer_id"],
    "sku_id": ["sku", "sku_id"],
    "sku_name": ["product", "sku_name", "title"],
    "spec": ["spec", "variant"],
    "quantity": ["quantity", "qty"],
    "amount_paid": ["amount_paid", "paid", "amount"],
    "amount_received": ["amount_received"],
    "status": ["status"],
    "after_sale_status": ["after_sale_status", "refund_status"],
    "ordered_at": ["ordered_at", "created_at", "order_time"],
    "paid_at": ["paid_at"],
    "shipped_at": ["shipped_at"],
    "received_at": ["received_at", "completed_at"],
    "ship_by": ["ship_by", "承诺发货时间"],
    "receiver": ["receiver", "name"],
    "phone": ["phone", "mobile"],
    "province": ["province"],
    "city": ["city"],
    "district": ["district"],
    "street": ["street"],
    "address": ["address"],
    "merchant_note": ["merchant_note", "note"],
    "buyer_note": ["buyer_note", "message"],
}

MARKERS = {"order_no", "order_id", "order number"}

# Columns of Shield's own order export: re-importing it must not keep them as extra facts.
IGNORED_HEADERS = ("风险分", "风控状态")

STATUS_WORDS = {str(label): value for value, label in Order.Status.choices}
STATUS_WORDS.update({value: value for value in Order.Status.values})

# Fallback by keyword, most specific first, for wordings no platform lists.
STATUS_KEYWORDS = [
    ("退款成功", Order.Status.REFUNDED),
    ("已退款", Order.Status.REFUNDED),
    ("退款中", Order.Status.REFUNDING),
    ("关闭", Order.Status.CANCELLED),
    ("取消", Order.Status.CANCELLED),
    ("待付款", Order.Status.UNPAID),
    ("待支付", Order.Status.UNPAID),
    ("未付款", Order.Status.UNPAID),
    ("待发货", Order.Status.PAID),
    ("已付款", Order.Status.PAID),
    ("已支付", Order.Status.PAID),
    ("待收货", Order.Status.SHIPPED),
    ("待签收", Order.Status.SHIPPED),
    ("已发货", Order.Status.SHIPPED),
    ("已收货", Order.Status.COMPLETED),
    ("已签收", Order.Status.COMPLETED),
    ("交易成功", Order.Status.COMPLETED),
    ("已完成", Order.Status.COMPLETED),
]

# 售后状态: a closed after-sale refunds nothing; these words mean the refund went through.
AFTER_SALE_NONE = ("关闭",)
AFTER_SALE_DONE = ("成功", "已退款", "完成")
