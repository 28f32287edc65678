"""Load a demo shop with staff and a month of realistic orders, attacks included."""

from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from blacklist.models import Kind, ReasonCategory
from blacklist.normalize import normalize_phone
from blacklist.services import blacklist_add, hits_of_orders
from reviews.demo import DemoExport
from reviews.models import Buyer, Decision, Membership, Order, Organization, Platform, Role, Shop
from reviews.services.contacting import contact_templates_seed
from reviews.services.deciding import Action, order_decide, platform_cancels_confirm, reason_category_for
from reviews.services.importing.lifecycle import orders_import_rows
from reviews.services.tagging import buyer_tag_add, shop_tags

DEMO_PASSWORD = "shield-demo-2026"
# How long the demo's live bombing has been going on when the seed starts: well inside the
# policy's default SKU burst window (15 minutes).
LIVE_ATTACK_MINUTES = 5
# Cancellations decided longer ago than this the demo merchant has confirmed on the platform.
CONFIRMED_AFTER_DAYS = 5
DEMO_USERS = [("admin", Role.ADMIN), ("manager", Role.MANAGER), ("reviewer", Role.REVIEWER)]
# What the demo reviewer writes when blacklisting, by the category the order's flag points to.
BLACKLIST_NOTES = {
    ReasonCategory.BOMBING: "短时间内集中下单炸店，拉黑手机号",
    ReasonCategory.STOCK_LOCK: "大量拍下不付款占库存，拉黑手机号",
    ReasonCategory.REFUND: "多次取消退款，拉黑手机号",
}


class Command(BaseCommand):
    help = "Create demo shops, the users admin/manager/reviewer and a month of orders (with attacks)."

    def add_arguments(self, parser):
        parser.add_argument("--if-empty", action="store_true", help="do nothing when a shop already exists")
        parser.add_argument("--orders", type=int, default=3000, help="ordinary orders in the main shop")

    def handle(self, *args, if_empty=False, orders=3000, **options):
        if if_empty and Shop.objects.exists():
            self.stdout.write("Demo data already present; skipping seed.")
        else:
            self.seed(orders)
        self.stdout.write(self.style.SUCCESS("Shield demo is ready: http://127.0.0.1:8000/"))
        for username, role in DEMO_USERS:
            self.stdout.write(f"  {username:<9} / {DEMO_PASSWORD}   ({Role(role).label}, {role})")

    def seed(self, orders: int) -> None:
        with transaction.atomic():
            main, second, manager = self.shops_and_staff()
            admin = get_user_model().objects.get(username="admin")
            for shop in (main, second):  # the messages reviewers send when contacting a buyer
                contact_templates_seed(shop=shop, user=admin)
        # Through the real import (check + upsert + identity + links), as a manager's upload would.
        end = timezone.localtime().replace(tzinfo=None)
        for shop, export in (
            (main, DemoExport(seed=7, end=end)),
            (second, DemoExport(seed=11, end=end, order_prefix="F")),
        ):
            rows = export.rows(orders if shop == main else max(orders // 5, 300))
            # And one attack under way as the merchant opens Shield: its open orders are the
            # queue's work, with their shipping deadlines still ahead. It ends as the seed
            # starts (the seed takes seconds), so when `make run` is up it is inside the SKU
            # burst window and the dashboard and queue show the live-attack banner for the next
            # ten minutes or so: real orders, screened by the real rules, no banner faked.
            rows += export.shop_bombing(
                start=end - timedelta(minutes=LIVE_ATTACK_MINUTES), minutes=LIVE_ATTACK_MINUTES, live=True
            )
            rows.sort(key=lambda row: row["订单成交时间"])
            if shop == main:
                self.blacklist_known_attackers(shop, rows, manager)
            # replay: the demo month is the shop's past as Shield saw it live, so its old
            # unshipped orders were work then (the review history below decides them).
            batch = orders_import_rows(
                shop=shop, rows=rows, file_name="拼多多订单导出-演示.csv", user=manager, replay=True
            )
            self.stdout.write(f"  {shop.name}: {batch.created_count} 单 ({batch.get_status_display()})")
            if shop == main:
                self.tag_known_refunder(shop, rows, manager)
        # The reviewer works the main shop; the manager the fruit shop, where the reviewer is not staff.
        for shop, username in ((main, "reviewer"), (second, manager.username)):
            decided = self.review_history(shop, get_user_model().objects.get(username=username))
            self.stdout.write(f"  {shop.name}: {username} 已处理 {decided} 单, 其余在审核队列中")

    def review_history(self, shop, reviewer) -> int:
        """The reviewer has kept up with the queue until the last two days, through the real
        decision service, so the dashboard, the precision and the reviewer reports have history:
        every order flagged before the shipping window began was decided soon after it was
        placed. What is left is the last two days' work and the attack under way."""
        window_start = timezone.now() - timedelta(hours=settings.SHIELD_SHIP_WITHIN_HOURS)
        orders = list(
            Order.objects.filter(shop=shop, risk_state=Order.RiskState.FLAGGED, ordered_at__lt=window_start)
            .order_by("ordered_at", "pk")
            .select_related("buyer")
        )
        for index, order in enumerate(orders):
            kinds, category = (), ""
            if order.risk_decision == Order.Decision.BLOCK and order.phone and index % 4 == 0:
                action, kinds = Action.BLACKLIST, ("phone",)
                category = reason_category_for(order.risk_reasons, hits_of_orders([order.pk])[order.pk])
                note = BLACKLIST_NOTES.get(category, "恶意拍单，拉黑手机号")
            elif order.risk_decision == Order.Decision.BLOCK:
                action, note = Action.CANCEL, "多个账号集中下单，已联系平台取消"
            elif (order.risk_score or 0) < 50:
                action, note = Action.APPROVE, "老客户，正常购买"
            else:
                action, note = Action.CANCEL, "可疑订单，取消"
            decision = order_decide(
                order=order, user=reviewer, action=action, note=note, blacklist_kinds=kinds, reason_category=category
            )
            # Decided within two hours of the order (demo data only).
            when = order.ordered_at + timedelta(minutes=10 + (index * 17) % 110)
            Decision.objects.filter(pk=decision.pk).update(created_at=when)
        # The merchant has cancelled on the platform what was decided before the last few days,
        # ticking it off the to-cancel list soon after (through the real confirmation); the last
        # few days' still wait there, and count as 待取消 on the dashboard, not as saved.
        older = Decision.objects.filter(
            shop=shop,
            action__in=Decision.CANCELLING,
            created_at__lt=timezone.now() - timedelta(days=CONFIRMED_AFTER_DAYS),
        )
        platform_cancels_confirm(shop=shop, user=reviewer, decision_ids=older.values_list("pk", flat=True))
        older.update(platform_cancel_confirmed_at=F("created_at") + timedelta(minutes=40))
        return len(orders)

    def blacklist_known_attackers(self, shop, rows, user) -> None:
        """A merchant hit before has already blacklisted a refunder's phone and a ring's pickup point."""
        refunder = next(row for row in rows if row["_attack"] == "serial_refund")
        ring = next(row for row in rows if row["_attack"] == "ring")
        blacklist_add(
            shop_id=shop.pk,
            kind=Kind.PHONE,
            value=refunder["手机"],
            receiver=refunder["收货人"],
            reason_category=ReasonCategory.REFUND,
            reason="上个月多次仅退款",
            created_by=user,
        )
        blacklist_add(
            shop_id=shop.pk,
            kind=Kind.ADDRESS,
            value=ring["收货地址"],
            reason_category=ReasonCategory.BOMBING,
            reason="多个账号共用的驿站地址",
            created_by=user,
            organization_id=shop.organization_id,  # the ring orders from both shops: one list for both
        )

    def tag_known_refunder(self, shop, rows, user) -> None:
        """The serial refunder is tagged 兔子 for all the merchant's shops, as a manager would."""
        phone = normalize_phone(next(row for row in rows if row["_attack"] == "serial_refund")["手机"])
        buyer = Buyer.objects.filter(shop=shop, key_kind=Buyer.KeyKind.PHONE, key=phone).first()
        if buyer is not None:
            rabbit = next(t for t in shop_tags(shop_id=shop.pk) if t.name == "兔子")
            buyer_tag_add(buyer=buyer, tag=rabbit, user=user, note="上个月三次仅退款", shared=True)

    def shops_and_staff(self):
        merchant = Organization.objects.create(name="小米粒")
        main = Shop.objects.create(name="小米粒日用百货专营店", platform=Platform.PDD, organization=merchant)
        second = Shop.objects.create(name="小米粒生鲜水果店", platform=Platform.PDD, organization=merchant)
        user_model = get_user_model()
        for username, role in DEMO_USERS:
            user = user_model.objects.filter(username=username).first() or user_model(username=username)
            user.set_password(DEMO_PASSWORD)
            user.is_staff = user.is_superuser = role == Role.ADMIN
            user.save()
            Membership.objects.update_or_create(user=user, shop=main, defaults={"role": role})
            if role != Role.REVIEWER:
                Membership.objects.update_or_create(user=user, shop=second, defaults={"role": role})
            if role == Role.MANAGER:
                manager = user
        return main, second, manager
