"""Pinduoduo (拼多多) order exports: the older ones with 收货人 / 手机 / 收货地址, and the newer
privacy export with only a masked 用户购买手机号 and 省 / 市 / 区 / 街道/镇.

Order numbers are ``YYMMDD-`` and 15 digits (251120-408812345670001): Excel leaves them alone.
"""

from reviews.models import Order, Platform

PLATFORM = Platform.PDD
PRIORITY = 0

HEADERS = {
    "order_no": ["订单号"],
    "sku_name": ["商品", "商品名称"],
    "sku_id": ["商品id"],
    "spec": ["商品规格"],
    "quantity": ["商品数量(件)"],
    "amount_paid": ["用户实付金额(元)"],
    "amount_received": ["商家实收金额(元)"],
    "status": ["订单状态"],
    "after_sale_status": ["售后状态"],
    "ordered_at": ["订单成交时间"],
    "paid_at": ["支付时间"],
    "shipped_at": ["发货时间"],
    "received_at": ["确认收货时间"],
    "ship_by": ["承诺发货时间"],
    "receiver": ["收货人"],
    "phone": ["手机", "用户购买手机号"],
    "province": ["省"],
    "city": ["市"],
    "district": ["区"],
    "street": ["街道", "街道/镇"],
    "address": ["收货地址", "详细地址"],
    "merchant_note": ["商家备注"],
    "buyer_note": ["买家留言"],
}

MARKERS = {"订单号", "商品数量(件)", "用户实付金额(元)", "订单成交时间", "用户购买手机号"}

STATUS_WORDS = {
    "待支付": Order.Status.UNPAID,
    "待付款": Order.Status.UNPAID,
    "待发货": Order.Status.PAID,
    "已发货，待收货": Order.Status.SHIPPED,
    "已发货，待签收": Order.Status.SHIPPED,
    "已发货": Order.Status.SHIPPED,
    "已收货": Order.Status.COMPLETED,
    "已签收": Order.Status.COMPLETED,
    "已取消": Order.Status.CANCELLED,
    "未发货，退款成功": Order.Status.REFUNDED,
    "已发货，退款成功": Order.Status.REFUNDED,
    "已收货，退款成功": Order.Status.REFUNDED,
}

# 售后状态 "无售后或售后取消": nothing is being refunded.
AFTER_SALE_NONE = ("无售后", "售后取消")
