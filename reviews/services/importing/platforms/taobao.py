"""Taobao / Tmall (淘宝/天猫) order exports: one line per order (订单编号) or per sub-order
(子订单编号); 联系手机 may start with an apostrophe; unpaid orders are listed too (等待买家付款).
"""

from reviews.models import Order, Platform

PLATFORM = Platform.TAOBAO
PRIORITY = 1

HEADERS = {
    "order_no": ["订单编号", "子订单编号"],
    "main_order_no": ["主订单编号"],
    "buyer_id": ["买家会员名"],
    "sku_name": ["宝贝标题"],
    "sku_id": ["宝贝id"],
    "spec": ["宝贝属性", "商品属性"],
    "quantity": ["宝贝总数量", "购买数量"],
    "amount_paid": ["买家实际支付金额"],
    "amount_due": ["买家应付货款"],
    "refund_amount": ["退款金额"],
    "status": ["订单状态"],
    "receiver": ["收货人姓名"],
    "phone": ["联系手机"],
    "address": ["收货地址"],
    "ordered_at": ["订单创建时间", "买家下单时间"],
    "paid_at": ["订单付款时间", "买家付款时间"],
    "shipped_at": ["发货时间"],
    "received_at": ["确认收货时间"],
    "merchant_note": ["订单备注", "商家备注"],
    "buyer_note": ["买家留言"],
}

MARKERS = {"订单编号", "买家会员名", "买家实际支付金额", "宝贝标题", "联系手机", "收货人姓名"}

STATUS_WORDS = {
    "等待买家付款": Order.Status.UNPAID,
    "买家已付款": Order.Status.PAID,
    "买家已付款，等待卖家发货": Order.Status.PAID,
    "等待卖家发货": Order.Status.PAID,
    "卖家已发货": Order.Status.SHIPPED,
    "卖家已发货，等待买家确认": Order.Status.SHIPPED,
    "交易成功": Order.Status.COMPLETED,
    "交易关闭": Order.Status.CANCELLED,
    "付款以后用户退款成功，交易自动关闭": Order.Status.REFUNDED,
}

# Order numbers grew from 15 digits to 18–19; a number-only one of 12–14 digits was cut by Excel.
ORDER_NO_DIGITS = 15
