"""Shops, their staff, buyers and orders: the records every other part of Shield reads."""

import uuid
from pathlib import PurePath

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from reviews.querysets import BuyerQuerySet, OrderQuerySet, ShopQuerySet, ShopScopedQuerySet


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
    # Normalized keys written by the import, so identity and linking find buyers that share
    # a phone or an address with one indexed query per batch.
    phone_key = models.CharField(_("手机号(规范化)"), max_length=20, blank=True, editable=False)
    address_key = models.CharField(_("地址(规范化)"), max_length=255, blank=True, editable=False)
    # Digest of the imported values: a re-import with the same digest is "unchanged" and not written.
    import_digest = models.CharField(max_length=32, blank=True, editable=False)
    risk_state = models.CharField(
        _("风控状态"), max_length=12, choices=RiskState.choices, default=RiskState.NEW, db_index=True
    )
    risk_score = models.PositiveSmallIntegerField(_("风险分"), null=True, blank=True)
    risk_decision = models.CharField(_("筛查结论"), max_length=8, choices=Decision.choices, blank=True)
    risk_reasons = models.JSONField(_("风险原因"), default=list, blank=True)
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
            models.Index(fields=["shop", "phone_key"], name="order_shop_phone_key"),
            models.Index(fields=["shop", "address_key"], name="order_shop_address_key"),
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


def import_upload_path(instance, filename: str) -> str:
    """A random name under MEDIA_ROOT/imports: the merchant's file name is never a path."""
    suffix = PurePath(filename).suffix.lower()[:6]
    return f"imports/{uuid.uuid4().hex}{suffix if suffix in ('.csv', '.xlsx', '.txt', '.tsv') else ''}"


def import_error_path(instance, filename: str) -> str:
    return f"imports/errors/{uuid.uuid4().hex}.csv"


class ImportBatch(models.Model):
    """One uploaded order export and what became of it: a job record staff can watch.

    The dry run (``check``) reads the whole file and fills the ``check_*`` counts and the
    rejected rows; after the manager confirms, the import job writes batch by batch and
    records its progress and counts in this row inside each batch's transaction, so a
    re-run after a crash resumes with exact counts.
    """

    class Status(models.TextChoices):
        CHECKING = "checking", _("检查中")
        CHECKED = "checked", _("待确认")
        REFUSED = "refused", _("文件被拒绝")
        QUEUED = "queued", _("排队中")
        RUNNING = "running", _("导入中")
        DONE = "done", _("已完成")
        FAILED = "failed", _("失败")

    shop = models.ForeignKey(Shop, on_delete=models.PROTECT, related_name="import_batches", verbose_name=_("店铺"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("上传人"),
    )
    created_at = models.DateTimeField(_("上传时间"), auto_now_add=True)
    file = models.FileField(_("文件"), upload_to=import_upload_path, max_length=200)
    file_name = models.CharField(_("文件名"), max_length=255)
    size = models.BigIntegerField(_("大小(字节)"), default=0)
    checksum = models.CharField(_("SHA-256"), max_length=64)
    file_format = models.CharField(_("格式"), max_length=10, blank=True)
    encoding = models.CharField(_("编码"), max_length=20, blank=True)
    platform = models.CharField(_("识别为"), max_length=10, choices=Platform.choices, blank=True)
    status = models.CharField(_("状态"), max_length=10, choices=Status.choices, default=Status.CHECKING)
    message = models.TextField(_("说明"), blank=True)
    total_rows = models.PositiveIntegerField(_("总行数"), default=0)
    rows_done = models.PositiveIntegerField(_("已处理行数"), default=0)
    check_created = models.PositiveIntegerField(_("预计新增"), default=0)
    check_updated = models.PositiveIntegerField(_("预计更新"), default=0)
    check_unchanged = models.PositiveIntegerField(_("预计不变"), default=0)
    created_count = models.PositiveIntegerField(_("新增"), default=0)
    updated_count = models.PositiveIntegerField(_("更新"), default=0)
    unchanged_count = models.PositiveIntegerField(_("未变化"), default=0)
    rejected_count = models.PositiveIntegerField(_("拒绝"), default=0)
    duplicate_count = models.PositiveIntegerField(_("重复订单号"), default=0)
    # The first rejected rows, shown on the dry-run page: [{"line", "column", "reason", "value"}].
    errors = models.JSONField(_("拒绝的行(前若干条)"), default=list, blank=True)
    # Lines whose order number appears again later in the file: the later line wins.
    superseded_lines = models.JSONField(default=list, blank=True, editable=False)
    error_file = models.FileField(_("拒绝行文件"), upload_to=import_error_path, max_length=200, blank=True)
    started_at = models.DateTimeField(_("开始时间"), null=True, blank=True)
    finished_at = models.DateTimeField(_("完成时间"), null=True, blank=True)

    objects = ShopScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("导入批次")
        verbose_name_plural = _("导入批次")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["shop", "-created_at"], name="importbatch_shop_created")]

    def __str__(self) -> str:
        return f"{self.file_name} ({self.get_status_display()})"

    @property
    def percent(self) -> int:
        """How far the current phase (check or import) is, 0–100."""
        if self.status in (self.Status.DONE, self.Status.CHECKED):
            return 100
        if not self.total_rows:
            return 0
        return min(99, int(self.rows_done * 100 / self.total_rows))

    @property
    def duration(self):
        if self.started_at and self.finished_at:
            return self.finished_at - self.started_at
        return None

    @property
    def is_active(self) -> bool:
        return self.status in (self.Status.CHECKING, self.Status.QUEUED, self.Status.RUNNING)
