"""Load a demo shop with staff and a month of realistic orders, attacks included."""

from datetime import datetime
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from reviews.demo import DemoExport
from reviews.models import Buyer, Membership, Order, Platform, Role, Shop

DEMO_PASSWORD = "shield-demo-2026"
DEMO_USERS = [("admin", Role.ADMIN), ("manager", Role.MANAGER), ("reviewer", Role.REVIEWER)]

PDD_STATUS = {"待发货": "paid", "已发货，待收货": "shipped", "已收货": "completed", "已取消": "cancelled"}
PDD_AFTER_SALE = {"退款成功": "refunded", "售后处理中": "refunding"}


def parse_time(value: str) -> datetime | None:
    if not value:
        return None
    return timezone.make_aware(datetime.strptime(value, "%Y-%m-%d %H:%M:%S"))


class Command(BaseCommand):
    help = "Create demo shops, the users admin/manager/reviewer and a month of orders (with attacks)."

    def add_arguments(self, parser):
        parser.add_argument("--if-empty", action="store_true", help="do nothing when a shop already exists")
        parser.add_argument("--orders", type=int, default=3000, help="ordinary orders in the main shop")

    def handle(self, *args, if_empty=False, orders=3000, **options):
        if if_empty and Shop.objects.exists():
            self.stdout.write("Demo data already present; skipping seed.")
        else:
            with transaction.atomic():
                self.seed(orders)
        self.stdout.write(self.style.SUCCESS("Shield demo is ready: http://127.0.0.1:8000/"))
        for username, role in DEMO_USERS:
            self.stdout.write(f"  {username:<9} / {DEMO_PASSWORD}   ({Role(role).label}, {role})")

    def seed(self, orders: int) -> None:
        main = Shop.objects.create(name="小米粒日用百货专营店", platform=Platform.PDD)
        second = Shop.objects.create(name="小米粒生鲜水果店", platform=Platform.PDD)
        user_model = get_user_model()
        for username, role in DEMO_USERS:
            user = user_model.objects.filter(username=username).first() or user_model(username=username)
            user.set_password(DEMO_PASSWORD)
            user.is_staff = user.is_superuser = role == Role.ADMIN
            user.save()
            Membership.objects.update_or_create(user=user, shop=main, defaults={"role": role})
            if role != Role.REVIEWER:
                Membership.objects.update_or_create(user=user, shop=second, defaults={"role": role})
        end = timezone.localtime().replace(tzinfo=None)
        self.load(main, DemoExport(seed=7, end=end).rows(orders))
        self.load(second, DemoExport(seed=11, end=end, order_prefix="F").rows(max(orders // 5, 300)))

    def load(self, shop: Shop, rows: list[dict[str, str]]) -> None:
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
        Buyer.objects.bulk_create(buyers.values(), batch_size=1000)
        by_key = {b.key: b for b in Buyer.objects.filter(shop=shop, key_kind=Buyer.KeyKind.PHONE)}
        Order.objects.bulk_create(
            [
                Order(
                    shop=shop,
                    order_no=row["订单号"],
                    buyer=by_key[row["手机"]],
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
            ],
            batch_size=1000,
        )
