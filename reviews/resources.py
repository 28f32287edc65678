"""django-import-export resources for orders: the order export (with formula escaping), and the
stock baseline the import benchmark measures Shield's import against.

The hot import path (``reviews.services.importing``) streams and batches the file itself; the
header aliases every order file is read with live in ``reviews.services.importing.platforms``,
one module per platform.
"""

from import_export import fields, resources, widgets

from reviews.models import Order
from shieldsite.spreadsheets import escape_formula


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
