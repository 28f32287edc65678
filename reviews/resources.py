"""django-import-export resources for orders, and the header aliases every order file is read with.

Real exports are recognised without a mapping step: each platform's column names (Pinduoduo
old and privacy exports, Taobao/Tmall, Douyin 抖店, and a generic English set documented in
README.md) map to one canonical field. Columns that map to nothing are kept in ``Order.extra``.

The hot import path (``reviews.services.importing``) streams and batches the file itself and
only borrows the alias table from here; the ``OrderResource`` serves exports (with formula
escaping) and is the stock baseline the import benchmark measures against.
"""

import unicodedata

from import_export import fields, resources, widgets

from reviews.models import Order, Platform
from shieldsite.spreadsheets import escape_formula

# Canonical field -> header aliases, per platform. Headers are compared after
# ``header_key()``: full-width brackets, spaces and letter case do not matter.
ALIASES: dict[str, dict[str, list[str]]] = {
    Platform.PDD: {
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
    },
    Platform.TAOBAO: {
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
    },
    # 抖店 exports one line per sub-order (子订单编号, the order number Shield keys on, like
    # Taobao's); 主订单编号 is kept in extra. 商品金额 is the list price × quantity before
    # discounts (kept, like Taobao's 买家应付货款); 订单应付金额 is what the buyer pays.
    # 商家编码, 运费, 达人ID and 流量来源 map to no Order column and are kept under their own
    # header (DOUYIN_KEPT_COLUMNS documents them; they also help detect a Douyin file).
    Platform.DOUYIN: {
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
    },
    Platform.OTHER: {
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
    },
}

# Douyin columns with no Order field of their own: kept in ``Order.extra`` under these headers.
DOUYIN_KEPT_COLUMNS = ("商家编码", "运费", "达人ID", "流量来源")

# 抖店 order statuses (订单状态; 售后状态 is read by ``map_status`` like the other platforms').
# Pinduoduo-style words the table of ``reviews.services.importing`` already has are repeated
# here so this list reads as Douyin's whole vocabulary.
DOUYIN_STATUS_WORDS = {
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

# Columns whose presence tells one platform from another (the rest are shared words).
PLATFORM_MARKERS = {
    Platform.PDD: {"订单号", "商品数量(件)", "用户实付金额(元)", "订单成交时间", "用户购买手机号"},
    Platform.TAOBAO: {"订单编号", "买家会员名", "买家实际支付金额", "宝贝标题", "联系手机", "收货人姓名"},
    Platform.DOUYIN: {"选购商品", "订单应付金额", "订单提交时间", "收件人手机号", "收件人", "达人ID", "流量来源"},
    Platform.OTHER: {"order_no", "order_id", "order number"},
}


def header_key(header) -> str:
    """A header as compared with the alias table: NFKC (full-width → ASCII), no spaces, lower case."""
    text = unicodedata.normalize("NFKC", str(header or "")).replace("\ufeff", "")
    return "".join(text.split()).lower()


def detect_platform(headers: list[str]) -> Platform:
    """The platform whose marker columns the header row has most of (ties: PDD first)."""
    keys = {header_key(h) for h in headers}
    scores = {platform: len(keys & {header_key(m) for m in markers}) for platform, markers in PLATFORM_MARKERS.items()}
    best = max(scores, key=lambda platform: scores[platform])
    return best if scores[best] else Platform.OTHER


def map_headers(headers: list[str]) -> tuple[Platform, dict[int, str], dict[int, str]]:
    """Column index → canonical field for the detected platform, and index → header for the rest.

    A field named twice (old PDD files carry both 手机 and 用户购买手机号) takes the first alias
    in the table's order that is present; later ones go to ``extra``.
    """
    platform = detect_platform(headers)
    keys = [header_key(h) for h in headers]
    mapped: dict[int, str] = {}
    # Generic English headers are welcome in any file (an ERP may mix them in).
    tables = [ALIASES[platform]] + ([ALIASES[Platform.OTHER]] if platform != Platform.OTHER else [])
    for table in tables:
        for field, aliases in table.items():
            if field in mapped.values():
                continue
            for alias in aliases:
                alias_key = header_key(alias)
                index = next((i for i, k in enumerate(keys) if k == alias_key and i not in mapped), None)
                if index is not None:
                    mapped[index] = field
                    break
    extra = {i: str(h).strip() for i, h in enumerate(headers) if i not in mapped and str(h or "").strip()}
    return platform, mapped, extra


def is_order_no_header(header) -> bool:
    key = header_key(header)
    return any(key == header_key(alias) for table in ALIASES.values() for alias in table.get("order_no", []))


class EscapedCharWidget(widgets.CharWidget):
    def render(self, value, obj=None, **kwargs):
        return escape_formula(super().render(value, obj, **kwargs))


class OrderResource(resources.ModelResource):
    """Orders as a spreadsheet with PDD-style Chinese headers; every text cell formula-escaped.

    Also the *stock* django-import-export importer the benchmark compares Shield's import with.
    """

    order_no = fields.Field("order_no", "订单号", widget=EscapedCharWidget())
    sku_name = fields.Field("sku_name", "商品", widget=EscapedCharWidget())
    sku_id = fields.Field("sku_id", "商品id", widget=EscapedCharWidget())
    spec = fields.Field("spec", "商品规格", widget=EscapedCharWidget())
    quantity = fields.Field("quantity", "商品数量(件)", widget=widgets.IntegerWidget())
    amount_paid = fields.Field("amount_paid", "用户实付金额(元)", widget=widgets.DecimalWidget())
    amount_received = fields.Field("amount_received", "商家实收金额(元)", widget=widgets.DecimalWidget())
    status = fields.Field("status", "订单状态", widget=EscapedCharWidget())
    after_sale_status = fields.Field("after_sale_status", "售后状态", widget=EscapedCharWidget())
    ordered_at = fields.Field("ordered_at", "订单成交时间", widget=widgets.DateTimeWidget("%Y-%m-%d %H:%M:%S"))
    paid_at = fields.Field("paid_at", "支付时间", widget=widgets.DateTimeWidget("%Y-%m-%d %H:%M:%S"))
    shipped_at = fields.Field("shipped_at", "发货时间", widget=widgets.DateTimeWidget("%Y-%m-%d %H:%M:%S"))
    received_at = fields.Field("received_at", "确认收货时间", widget=widgets.DateTimeWidget("%Y-%m-%d %H:%M:%S"))
    receiver = fields.Field("receiver", "收货人", widget=EscapedCharWidget())
    phone = fields.Field("phone", "手机", widget=EscapedCharWidget())
    province = fields.Field("province", "省", widget=EscapedCharWidget())
    city = fields.Field("city", "市", widget=EscapedCharWidget())
    district = fields.Field("district", "区", widget=EscapedCharWidget())
    street = fields.Field("street", "街道", widget=EscapedCharWidget())
    address = fields.Field("address", "收货地址", widget=EscapedCharWidget())
    merchant_note = fields.Field("merchant_note", "商家备注", widget=EscapedCharWidget())
    buyer_note = fields.Field("buyer_note", "买家留言", widget=EscapedCharWidget())
    risk_score = fields.Field("risk_score", "风险分", widget=widgets.IntegerWidget())
    risk_state = fields.Field("risk_state", "风控状态", widget=EscapedCharWidget())

    class Meta:
        model = Order
        import_id_fields = ["order_no"]
        fields = [
            "order_no",
            "sku_name",
            "sku_id",
            "spec",
            "quantity",
            "amount_paid",
            "amount_received",
            "status",
            "after_sale_status",
            "ordered_at",
            "paid_at",
            "shipped_at",
            "received_at",
            "receiver",
            "phone",
            "province",
            "city",
            "district",
            "street",
            "address",
            "merchant_note",
            "buyer_note",
            "risk_score",
            "risk_state",
        ]
        export_order = fields

    def __init__(self, shop=None, **kwargs):
        super().__init__(**kwargs)
        self.shop = shop

    def get_queryset(self):
        queryset = Order.objects.all()
        return queryset.filter(shop=self.shop) if self.shop is not None else queryset

    def before_save_instance(self, instance, row, **kwargs):
        if self.shop is not None:
            instance.shop = self.shop

    def dehydrate_status(self, order):
        return order.get_status_display()

    def dehydrate_risk_state(self, order):
        return order.get_risk_state_display()
