"""Douyin (抖店) order exports: one line per sub-order (子订单编号, the order number Shield keys
on, like Taobao's); 主订单编号 is kept in extra. 商品金额 is the list price × quantity before
discounts (kept, like Taobao's 买家应付货款); 订单应付金额 is what the buyer pays.
"""

from reviews.models import Order, Platform

PLATFORM = Platform.DOUYIN
PRIORITY = 2

HEADERS = {
    "main_order_no": ["主订单编号"],
    "order_no": ["子订单编号"],
    "sku_name": ["选购商品"],
    "sku_id": ["商品id"],
    "spec": ["商品规格"],
    "quantity": ["商品数量"],
    "amount_paid": ["订单应付金额"],
    "amount_due": ["商品金额"],
    "ordered_at": ["订单提交时间"],
    "paid_at": ["支付完成时间"],
    "shipped_at": ["发货时间"],
    "received_at": ["订单完成时间"],
    "ship_by": ["承诺发货时间"],
    "status": ["订单状态"],
    "after_sale_status": ["售后状态"],
    "cancel_reason": ["取消原因"],
    "receiver": ["收件人"],
    "phone": ["收件人手机号"],
    "province": ["省"],
    "city": ["市"],
    "district": ["区"],
    "street": ["街道"],
    "address": ["收件地址", "详细地址"],
    "merchant_note": ["商家备注"],
    "buyer_note": ["买家留言"],
}

# Columns with no Order field of their own: kept in ``Order.extra`` under their header (and they
# help detect a Douyin file).
KEPT_COLUMNS = ("商家编码", "运费", "达人ID", "流量来源")

MARKERS = {"选购商品", "订单应付金额", "订单提交时间", "收件人手机号", "收件人", "达人ID", "流量来源"}

# 订单状态 (售后状态 is read like the other platforms'; Douyin writes "-" for none). Words the
# other platforms share are repeated so that this reads as Douyin's whole vocabulary.
STATUS_WORDS = {
    "待支付": Order.Status.UNPAID,
    "待付款": Order.Status.UNPAID,
    "备货中": Order.Status.PAID,
    "待发货": Order.Status.PAID,
    "已支付": Order.Status.PAID,
    "部分发货": Order.Status.SHIPPED,
    "已发货": Order.Status.SHIPPED,
    "待收货": Order.Status.SHIPPED,
    "已签收": Order.Status.COMPLETED,
    "已完成": Order.Status.COMPLETED,
    "已关闭": Order.Status.CANCELLED,
    "已取消": Order.Status.CANCELLED,
    "售后中": Order.Status.REFUNDING,
    "退款中": Order.Status.REFUNDING,
    "退款成功": Order.Status.REFUNDED,
    "已退款": Order.Status.REFUNDED,
}

# (Sub-)order numbers have 19 digits: a number-only one of 12–18 digits was cut by Excel.
ORDER_NO_DIGITS = 19
