"""Shops, their staff, buyers and orders: the records every other part of Shield reads."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from reviews.querysets import BuyerQuerySet, OrderQuerySet, ShopQuerySet


class Platform(models.TextChoices):
    PDD = "pdd", _("拼多多")
    TAOBAO = "taobao", _("淘宝/天猫")
    DOUYIN = "douyin", _("抖店")
    OTHER = "other", _("其他")


class Role(models.TextChoices):
    """A member's role in one shop. Each role may do everything the ones before it may."""

    REVIEWER = "reviewer", _("客服")
    MANAGER = "manager", _("经理")
    ADMIN = "admin", _("管理员")

    @classmethod
    def rank(cls, role: str) -> int:
        return [cls.REVIEWER, cls.MANAGER, cls.ADMIN].index(role)


class Shop(models.Model):
    name = models.CharField(_("店铺名称"), max_length=100)
    platform = models.CharField(_("平台"), max_length=10, choices=Platform.choices, default=Platform.PDD)
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)

    objects = ShopQuerySet.as_manager()

    class Meta:
        verbose_name = _("店铺")
        verbose_name_plural = _("店铺")
        ordering = ["name", "pk"]

    def __str__(self) -> str:
        return self.name


class Membership(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("用户")
    )
    shop = models.ForeignKey(Shop, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("店铺"))
    role = models.CharField(_("角色"), max_length=10, choices=Role.choices, default=Role.REVIEWER)
    created_at = models.DateTimeField(_("加入时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("店铺成员")
        verbose_name_plural = _("店铺成员")
        constraints = [models.UniqueConstraint(fields=["user", "shop"], name="membership_unique_user_shop")]

    def __str__(self) -> str:
        return f"{self.user} @ {self.shop} ({self.get_role_display()})"

    def allows(self, role: str) -> bool:
        return Role.rank(self.role) >= Role.rank(role)


class Buyer(models.Model):
    """One buyer of one shop, identified by the strongest key an export carried."""

    class KeyKind(models.TextChoices):
        PLATFORM_ID = "platform_id", _("平台买家ID")
        PHONE = "phone", _("手机号")
        MASKED_PHONE = "masked_phone", _("脱敏手机号")
        RECEIVER_ADDRESS = "receiver_address", _("收货人+地址")

    class Confidence(models.TextChoices):
        STRONG = "strong", _("确定")
        MASKED = "masked", _("脱敏")
        WEAK = "weak", _("较弱")

    shop = models.ForeignKey(Shop, on_delete=models.PROTECT, related_name="buyers", verbose_name=_("店铺"))
    key_kind = models.CharField(_("识别依据"), max_length=20, choices=KeyKind.choices)
    key = models.CharField(_("识别键"), max_length=255)
    confidence = models.CharField(_("身份可信度"), max_length=10, choices=Confidence.choices)
    display_name = models.CharField(_("买家"), max_length=100, blank=True)
    masked_phone = models.CharField(_("手机号(脱敏)"), max_length=20, blank=True)
    credit_score = models.IntegerField(_("信用分"), default=100)
    restricted = models.BooleanField(_("受限"), default=False)
    first_seen_at = models.DateTimeField(_("首次下单"), null=True, blank=True)
    last_order_at = models.DateTimeField(_("最近下单"), null=True, blank=True)
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    objects = BuyerQuerySet.as_manager()

    class Meta:
        verbose_name = _("买家")
        verbose_name_plural = _("买家")
        constraints = [
            models.UniqueConstraint(fields=["shop", "key_kind", "key"], name="buyer_unique_shop_key"),
        ]
        indexes = [
            models.Index(fields=["shop", "credit_score"], name="buyer_shop_score"),
            models.Index(fields=["shop", "restricted"], name="buyer_shop_restricted"),
        ]

    def __str__(self) -> str:
        return self.display_name or self.masked_phone or f"#{self.pk}"


class BuyerLink(models.Model):
    """Two buyers of one shop that share a phone, an address or a receiver at an address.

    Stored once per pair and key kind with ``buyer_a_id < buyer_b_id``; rings of accounts
    are the connected groups of these links.
    """

    class Via(models.TextChoices):
        PHONE = "phone", _("同一手机号")
        ADDRESS = "address", _("同一地址")
        RECEIVER_ADDRESS = "receiver_address", _("同一收货人+地址")

    shop = models.ForeignKey(Shop, on_delete=models.PROTECT, related_name="buyer_links", verbose_name=_("店铺"))
    buyer_a = models.ForeignKey(Buyer, on_delete=models.PROTECT, related_name="links_as_a")
    buyer_b = models.ForeignKey(Buyer, on_delete=models.PROTECT, related_name="links_as_b")
    via = models.CharField(_("关联方式"), max_length=20, choices=Via.choices)
    key = models.CharField(_("共同的键"), max_length=255)
    created_at = models.DateTimeField(_("发现时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("关联账号")
        verbose_name_plural = _("关联账号")
        constraints = [
            models.UniqueConstraint(fields=["buyer_a", "buyer_b", "via"], name="buyerlink_unique_pair_via"),
            models.CheckConstraint(condition=models.Q(buyer_a__lt=models.F("buyer_b")), name="buyerlink_ordered_pair"),
        ]
        indexes = [models.Index(fields=["shop", "via", "key"], name="buyerlink_shop_key")]

    def __str__(self) -> str:
        return f"{self.buyer_a_id}~{self.buyer_b_id} ({self.via})"


class Order(models.Model):
    class Status(models.TextChoices):
        UNPAID = "unpaid", _("待付款")
        PAID = "paid", _("待发货")
        SHIPPED = "shipped", _("已发货")
        COMPLETED = "completed", _("已完成")
        CANCELLED = "cancelled", _("已取消")
        REFUNDING = "refunding", _("退款中")
        REFUNDED = "refunded", _("已退款")

    class RiskState(models.TextChoices):
        NEW = "new", _("未筛查")
        ALLOWED = "allowed", _("放行")
        FLAGGED = "flagged", _("待审核")
        IN_REVIEW = "in_review", _("审核中")
        APPROVED = "approved", _("已通过")
        CANCELLED = "cancelled", _("已取消")
        BLACKLISTED = "blacklisted", _("已拉黑")

    class Decision(models.TextChoices):
        ALLOW = "allow", _("放行")
        REVIEW = "review", _("人工审核")
        BLOCK = "block", _("建议拦截")

    shop = models.ForeignKey(Shop, on_delete=models.PROTECT, related_name="orders", verbose_name=_("店铺"))
    order_no = models.CharField(_("订单号"), max_length=64)
    buyer = models.ForeignKey(
        Buyer, on_delete=models.PROTECT, null=True, blank=True, related_name="orders", verbose_name=_("买家")
    )
    sku_id = models.CharField(_("商品ID"), max_length=64, blank=True)
    sku_name = models.CharField(_("商品"), max_length=255, blank=True)
    spec = models.CharField(_("规格"), max_length=255, blank=True)
    quantity = models.PositiveIntegerField(_("数量"), default=1)
    amount_paid = models.DecimalField(_("实付金额(元)"), max_digits=12, decimal_places=2, default=0)
    amount_received = models.DecimalField(_("商家实收(元)"), max_digits=12, decimal_places=2, default=0)
    status = models.CharField(_("订单状态"), max_length=12, choices=Status.choices, default=Status.PAID)
    after_sale_status = models.CharField(_("售后状态"), max_length=64, blank=True)
    ordered_at = models.DateTimeField(_("下单时间"), null=True, blank=True)
    paid_at = models.DateTimeField(_("支付时间"), null=True, blank=True)
    shipped_at = models.DateTimeField(_("发货时间"), null=True, blank=True)
    received_at = models.DateTimeField(_("收货时间"), null=True, blank=True)
    receiver = models.CharField(_("收货人"), max_length=100, blank=True)
    phone = models.CharField(_("手机"), max_length=32, blank=True)
    province = models.CharField(_("省"), max_length=32, blank=True)
    city = models.CharField(_("市"), max_length=32, blank=True)
    district = models.CharField(_("区"), max_length=32, blank=True)
    street = models.CharField(_("街道"), max_length=64, blank=True)
    address = models.CharField(_("收货地址"), max_length=255, blank=True)
    merchant_note = models.TextField(_("商家备注"), blank=True)
    buyer_note = models.TextField(_("买家留言"), blank=True)
    extra = models.JSONField(_("其他列"), default=dict, blank=True)
    risk_state = models.CharField(
        _("风控状态"), max_length=12, choices=RiskState.choices, default=RiskState.NEW, db_index=True
    )
    risk_score = models.PositiveSmallIntegerField(_("风险分"), null=True, blank=True)
    risk_decision = models.CharField(_("筛查结论"), max_length=8, choices=Decision.choices, blank=True)
    risk_reasons = models.JSONField(_("风险原因"), default=list, blank=True)
    # A claim is a lease, not a lock: a reviewer holds the order until they decide, skip or
    # stay idle longer than SHIELD_CLAIM_TTL_MINUTES. No row lock is held while they read.
    claimed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="claimed_orders",
        verbose_name=_("领取人"),
    )
    claimed_at = models.DateTimeField(_("领取时间"), null=True, blank=True)
    # The platform's shipping cut-off (承诺发货时间) when the export gave one; otherwise the
    # queue falls back to paid_at + 48 hours (see ``OrderQuerySet.with_deadline``).
    ship_by = models.DateTimeField(_("承诺发货时间"), null=True, blank=True)
    created_at = models.DateTimeField(_("导入时间"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    objects = OrderQuerySet.as_manager()

    class Meta:
        verbose_name = _("订单")
        verbose_name_plural = _("订单")
        ordering = ["-ordered_at", "-pk"]
        constraints = [models.UniqueConstraint(fields=["shop", "order_no"], name="order_unique_shop_order_no")]
        indexes = [
            models.Index(fields=["shop", "-ordered_at"], name="order_shop_ordered"),
            models.Index(fields=["shop", "risk_state", "-risk_score"], name="order_shop_risk"),
            models.Index(fields=["shop", "sku_id", "ordered_at"], name="order_shop_sku_time"),
            models.Index(fields=["shop", "status", "-ordered_at"], name="order_shop_status"),
            models.Index(fields=["buyer", "ordered_at"], name="order_buyer_time"),
            models.Index(fields=["shop", "risk_state", "ordered_at"], name="order_shop_risk_ordered"),
            models.Index(fields=["claimed_by", "risk_state"], name="order_claimed_by"),
        ]

    def __str__(self) -> str:
        return self.order_no

    @property
    def full_address(self) -> str:
        """The address as one line, without repeating a region the address already starts with."""
        region = "".join(part for part in (self.province, self.city, self.district, self.street) if part)
        if self.address and self.province and self.address.startswith(self.province):
            return self.address
        return f"{region}{self.address}"


class Decision(models.Model):
    """One thing a person did to a flagged order. An audit record: never edited away, never deleted."""

    class Action(models.TextChoices):
        APPROVE = "approve", _("通过")
        CANCEL = "cancel", _("取消")
        BLACKLIST = "blacklist", _("拉黑并取消")
        NOTE = "note", _("备注")
        SKIP = "skip", _("跳过")
        RELEASE = "release", _("释放领取")

    # Actions that settle an order; an order is settled at most once.
    FINAL = (Action.APPROVE, Action.CANCEL, Action.BLACKLIST)
    # Actions after which the merchant still has to cancel the order on the platform.
    CANCELLING = (Action.CANCEL, Action.BLACKLIST)

    shop = models.ForeignKey(Shop, on_delete=models.PROTECT, related_name="decisions", verbose_name=_("店铺"))
    order = models.ForeignKey(Order, on_delete=models.PROTECT, related_name="decisions", verbose_name=_("订单"))
    action = models.CharField(_("处理"), max_length=10, choices=Action.choices)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="decisions", verbose_name=_("处理人")
    )
    created_at = models.DateTimeField(_("处理时间"), auto_now_add=True)
    reasons = models.JSONField(_("当时显示的风险原因"), default=list, blank=True)
    risk_score = models.PositiveSmallIntegerField(_("当时的风险分"), null=True, blank=True)
    policy_version = models.PositiveIntegerField(_("策略版本"), null=True, blank=True)
    note = models.TextField(_("备注"), blank=True)
    blacklist_keys = models.JSONField(_("拉黑的键"), default=list, blank=True)
    amount_saved = models.DecimalField(_("挽回金额(元)"), max_digits=12, decimal_places=2, default=0)
    units_saved = models.PositiveIntegerField(_("挽回件数"), default=0)
    platform_cancel_confirmed_at = models.DateTimeField(_("平台已取消"), null=True, blank=True)
    platform_cancel_confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("确认人"),
    )
    bulk_job = models.ForeignKey(
        "BulkDecisionJob", on_delete=models.PROTECT, null=True, blank=True, related_name="decisions"
    )

    class Meta:
        verbose_name = _("审核记录")
        verbose_name_plural = _("审核记录")
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["order", "created_at"], name="decision_order_time"),
            models.Index(fields=["user", "-created_at"], name="decision_user_time"),
            models.Index(fields=["shop", "-created_at"], name="decision_shop_time"),
            models.Index(
                fields=["shop", "created_at"],
                name="decision_to_cancel",
                condition=models.Q(action__in=["cancel", "blacklist"], platform_cancel_confirmed_at__isnull=True),
            ),
        ]
        constraints = [
            # The database, not only the service, refuses a second settling decision.
            models.UniqueConstraint(
                fields=["order"],
                condition=models.Q(action__in=["approve", "cancel", "blacklist"]),
                name="decision_one_final_per_order",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.order_id} {self.action} by {self.user_id}"

    @property
    def awaits_platform_cancel(self) -> bool:
        return self.action in self.CANCELLING and self.platform_cancel_confirmed_at is None


class BulkDecisionJob(models.Model):
    """A bulk approve / cancel / blacklist the user started, with progress they can watch."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("排队中")
        RUNNING = "running", _("处理中")
        DONE = "done", _("已完成")
        FAILED = "failed", _("失败")

    shop = models.ForeignKey(Shop, on_delete=models.PROTECT, related_name="bulk_jobs", verbose_name=_("店铺"))
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    action = models.CharField(_("处理"), max_length=10, choices=Decision.Action.choices)
    order_ids = models.JSONField(_("订单"), default=list)
    note = models.TextField(_("备注"), blank=True)
    blacklist_kinds = models.JSONField(_("拉黑的键类型"), default=list, blank=True)
    reason_category = models.CharField(_("原因分类"), max_length=12, blank=True)
    total = models.PositiveIntegerField(_("总数"), default=0)
    done = models.PositiveIntegerField(_("已处理"), default=0)
    skipped = models.PositiveIntegerField(_("已跳过"), default=0)
    status = models.CharField(_("状态"), max_length=8, choices=Status.choices, default=Status.QUEUED)
    error = models.TextField(_("错误"), blank=True)
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)
    finished_at = models.DateTimeField(_("完成时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("批量处理")
        verbose_name_plural = _("批量处理")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.get_action_display()} {self.done}/{self.total}"

    @property
    def percent(self) -> int:
        return 100 if not self.total else int((self.done + self.skipped) * 100 / self.total)

    @property
    def finished(self) -> bool:
        return self.status in (self.Status.DONE, self.Status.FAILED)
