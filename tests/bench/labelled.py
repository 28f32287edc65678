"""Labelled demo data loaded straight into Buyer/Order/BuyerLink rows, for tests and benchmarks.

Until orders arrive through the import service, this stands in for it: one buyer per phone,
and a link between buyers whose normalized addresses are the same (what identity resolution
does). Every order keeps the demo's ``_attack`` label so detection can be scored.
"""

from datetime import datetime
from decimal import Decimal
from itertools import combinations

from django.utils import timezone

from blacklist.normalize import normalize_address
from reviews.demo import DemoExport
from reviews.models import Buyer, BuyerLink, Order, Shop

PDD_STATUS = {"待发货": "paid", "已发货，待收货": "shipped", "已收货": "completed", "已取消": "cancelled"}
PDD_AFTER_SALE = {"退款成功": "refunded", "售后处理中": "refunding"}


def parse_time(value: str) -> datetime | None:
    return timezone.make_aware(datetime.strptime(value, "%Y-%m-%d %H:%M:%S")) if value else None


def demo_rows(*, normal: int, seed: int = 7, attacks_every: int = 1500) -> list[dict]:
    """``normal`` ordinary orders plus one of each attack shape per ``attacks_every`` of them."""
    export = DemoExport(seed=seed, end=timezone.localtime().replace(tzinfo=None))
    rows = list(export.normal_orders(normal))
    for _ in range(max(1, normal // attacks_every)):
        rows += export.shop_bombing()
        rows += export.inventory_lock()
        rows += export.serial_refunder()
        rows += export.ring()
    rows.sort(key=lambda row: row["订单成交时间"])
    return rows


def load_rows(shop: Shop, rows: list[dict]) -> dict[int, str]:
    """Create the buyers, links and orders of these export rows; returns ``{order_id: attack label}``."""
    buyers: dict[str, Buyer] = {}
    for row in rows:
        phone = row["手机"]
        if phone not in buyers:
            buyers[phone] = Buyer(
                shop=shop,
                key_kind=Buyer.KeyKind.PHONE,
                key=phone,
                confidence=Buyer.Confidence.STRONG,
                display_name=row["收货人"],
                masked_phone=f"{phone[:3]}****{phone[-4:]}",
            )
    Buyer.objects.bulk_create(buyers.values(), batch_size=2000, ignore_conflicts=True)
    by_key = dict(Buyer.objects.filter(shop=shop, key_kind=Buyer.KeyKind.PHONE).values_list("key", "pk"))
    by_place: dict[str, set[int]] = {}
    for row in rows:
        by_place.setdefault(normalize_address(row["收货地址"]), set()).add(by_key[row["手机"]])
    links = [
        BuyerLink(shop=shop, buyer_a_id=a, buyer_b_id=b, via=BuyerLink.Via.ADDRESS, key=place)
        for place, ids in by_place.items()
        if len(ids) > 1
        for a, b in combinations(sorted(ids), 2)
    ]
    BuyerLink.objects.bulk_create(links, batch_size=2000, ignore_conflicts=True)
    orders = [
        Order(
            shop=shop,
            order_no=row["订单号"],
            buyer_id=by_key[row["手机"]],
            sku_id=row["商品id"],
            sku_name=row["商品"],
            spec=row["商品规格"],
            quantity=int(row["商品数量(件)"]),
            amount_paid=Decimal(row["用户实付金额(元)"]),
            amount_received=Decimal(row["商家实收金额(元)"]),
            status=PDD_AFTER_SALE.get(row["售后状态"]) or PDD_STATUS[row["订单状态"]],
            after_sale_status=row["售后状态"],
            ordered_at=parse_time(row["订单成交时间"]),
            paid_at=parse_time(row["支付时间"]),
            shipped_at=parse_time(row["发货时间"]),
            received_at=parse_time(row["确认收货时间"]),
            receiver=row["收货人"],
            phone=row["手机"],
            province=row["省"],
            city=row["市"],
            district=row["区"],
            street=row["街道"],
            address=row["收货地址"],
        )
        for row in rows
    ]
    Order.objects.bulk_create(orders, batch_size=2000)
    ids = dict(Order.objects.filter(shop=shop).values_list("order_no", "pk"))
    return {ids[row["订单号"]]: row["_attack"] for row in rows}
