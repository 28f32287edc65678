"""Shops, their staff, buyers and orders: the records every other part of Shield reads."""

import uuid
from pathlib import PurePath

from django.conf import settings
from django.core.cache import cache
from django.core.validators import MaxValueValidator
from django.db import models
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from reviews.expressions import ReasonCodes
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


class Organization(models.Model):
    """A merchant with several shops: it may share its blacklist across them."""

    name = models.CharField(_("商家名称"), max_length=100)
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("商家")
        verbose_name_plural = _("商家")

    def __str__(self) -> str:
        return self.name


class Shop(models.Model):
    name = models.CharField(_("店铺名称"), max_length=100)
    platform = models.CharField(_("平台"), max_length=10, choices=Platform.choices, default=Platform.PDD)
    organization = models.ForeignKey(
        Organization,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="shops",
        verbose_name=_("所属商家"),
        help_text=_("同一商家的店铺可以共用黑名单。"),
    )
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)

    objects = ShopQuerySet.as_manager()

    class Meta:
        verbose_name = _("店铺")
        verbose_name_plural = _("店铺")
        ordering = ["name", "pk"]

    def __str__(self) -> str:
        return self.name

    # Screening reads a shop's merchant from the cache on every check (screening.shop_organization_id).
    ORGANIZATION_CACHE_KEY = "shop-organization:{}"

    def save(self, *args, **kwargs) -> None:
        super().save(*args, **kwargs)
        # Moved to another merchant (or out of one): the shared blacklist it matches changes now,
        # not when the cached answer expires.
        cache.delete(self.ORGANIZATION_CACHE_KEY.format(self.pk))


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

    # Served by buyer_unique_shop_key (shop, key_kind, key): no single-column index to write per buyer.
    shop = models.ForeignKey(
        Shop, on_delete=models.PROTECT, related_name="buyers", verbose_name=_("店铺"), db_index=False
    )
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
        if not self.display_name and self.key_kind == self.KeyKind.MASKED_PHONE and "|@" in self.key:
            # A privacy-export buyer: the same masked phone in two cities is two buyers, so say where.
            city, district, *_street = self.key.split("|@", 1)[1].split("|")
            return f"{self.masked_phone}·{city}{district}"
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

    # Every index costs each imported row a write: the foreign keys below are served by the
    # composite indexes in Meta (shop → order_unique_shop_order_no, buyer → order_buyer_time,
    # claimed_by → order_claimed_by), so they get no single-column index of their own.
    shop = models.ForeignKey(
        Shop, on_delete=models.PROTECT, related_name="orders", verbose_name=_("店铺"), db_index=False
    )
    order_no = models.CharField(_("订单号"), max_length=64)
    buyer = models.ForeignKey(
        Buyer,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="orders",
        verbose_name=_("买家"),
        db_index=False,
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
    # Queried per shop (order_shop_risk, order_shop_risk_ordered), never across shops.
    risk_state = models.CharField(_("风控状态"), max_length=12, choices=RiskState.choices, default=RiskState.NEW)
    risk_score = models.PositiveSmallIntegerField(_("风险分"), null=True, blank=True)
    risk_decision = models.CharField(_("筛查结论"), max_length=8, choices=Decision.choices, blank=True)
    risk_reasons = models.JSONField(_("风险原因"), default=list, blank=True)
    # The reasons' codes alone, kept by the database: the queue counts orders per reason from
    # the queue's covering index (migration 0016) instead of reading every order's messages.
    reason_codes = models.GeneratedField(
        expression=ReasonCodes("risk_reasons"), output_field=models.JSONField(), db_persist=True
    )
    # A claim is a lease, not a lock: a reviewer holds the order until they decide, skip or
    # stay idle longer than SHIELD_CLAIM_TTL_MINUTES. No row lock is held while they read.
    claimed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="claimed_orders",
        verbose_name=_("领取人"),
        db_index=False,
    )
    claimed_at = models.DateTimeField(_("领取时间"), null=True, blank=True)
    # The platform's shipping cut-off (承诺发货时间) when the export gave one; otherwise the
    # queue falls back to paid_at + 48 hours (see ``OrderQuerySet.with_deadline``).
    ship_by = models.DateTimeField(_("承诺发货时间"), null=True, blank=True)
    policy_version = models.PositiveIntegerField(_("筛查所用策略版本"), null=True, blank=True)
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
            models.Index(fields=["shop", "phone_key"], name="order_shop_phone_key"),
            models.Index(fields=["shop", "address_key"], name="order_shop_address_key"),
            # The dashboard's and reports' flagged orders (2% of a shop's orders) by time.
            models.Index(
                fields=["shop", "ordered_at"],
                name="order_shop_flagged_time",
                condition=models.Q(risk_decision__in=["review", "block"]),
            ),
        ]

    def __str__(self) -> str:
        return self.order_no

    @property
    def risk_state_label(self) -> str:
        """The risk state as a person reads it: a risky order that was already refunded or closed
        when it was screened never entered the queue, and says so rather than "放行"."""
        if self.risk_state == self.RiskState.ALLOWED and self.risk_decision in (
            self.Decision.REVIEW,
            self.Decision.BLOCK,
        ):
            return _("已结束，未进队列")
        return self.get_risk_state_display()

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


class CreditEvent(models.Model):
    """One line of a buyer's credit ledger. The score is the policy's base plus the sum of deltas.

    Events derived from an order's outcome (``DERIVED``) are written by the scoring job, at most
    one per order and kind, so deriving twice changes nothing. The others are recorded by a
    person's decision (blacklisting, an upheld complaint, a manual adjustment).
    """

    class Kind(models.TextChoices):
        UNPAID_CLOSED = "unpaid_closed", _("拍下未付款被关闭")
        CANCEL_AFTER_PAY = "cancel_after_pay", _("付款后取消")
        REFUND = "refund", _("退款")
        REFUND_AFTER_RECEIPT = "refund_after_receipt", _("收货后退款")
        COMPLETED = "completed", _("交易完成无售后")
        BLACKLISTED = "blacklisted", _("被拉黑")
        COMPLAINT_UPHELD = "complaint_upheld", _("投诉成立")
        MANUAL = "manual", _("人工调整")

    DERIVED = ("unpaid_closed", "cancel_after_pay", "refund", "refund_after_receipt", "completed")

    shop = models.ForeignKey(Shop, on_delete=models.PROTECT, related_name="credit_events", verbose_name=_("店铺"))
    buyer = models.ForeignKey(Buyer, on_delete=models.PROTECT, related_name="credit_events", verbose_name=_("买家"))
    order = models.ForeignKey(
        Order, on_delete=models.PROTECT, null=True, blank=True, related_name="credit_events", verbose_name=_("订单")
    )
    kind = models.CharField(_("事件"), max_length=24, choices=Kind.choices)
    delta = models.SmallIntegerField(_("分值变化"))
    reason = models.CharField(_("说明"), max_length=255, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("记录人"),
        help_text=_("为空表示由系统任务根据订单结果自动记录"),
    )
    created_at = models.DateTimeField(_("记录时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("信用记录")
        verbose_name_plural = _("信用记录")
        ordering = ["-created_at", "-pk"]
        constraints = [models.UniqueConstraint(fields=["order", "kind"], name="creditevent_unique_order_kind")]
        indexes = [
            models.Index(fields=["buyer", "-created_at"], name="creditevent_buyer_time"),
            models.Index(fields=["shop", "buyer"], name="creditevent_shop_buyer"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.delta:+d}"


def default_address_keywords() -> str:
    return "驿站\n快递超市\n兔喜\n代收点\n自提点\n丰巢"


# The merchants' own words for bad buyers (差评防御-style tools use the same), with their meaning.
BUILTIN_BUYER_TAGS = (
    ("兔子", _("恶意退款/仅退款")),
    ("野狗", _("职业差评师")),
    ("鳄鱼", _("职业打假")),
    ("老鼠", _("淘客拍单/刷单")),
    ("蜜獾", _("骚扰辱骂")),
    ("同行", _("同行恶拍")),
    ("炸店", _("炸店")),
)


def _numbers_by_key(text: str) -> dict[str, int]:
    """``{"key": n}`` from a policy's "key=n" lines (tag weights, SKU limits); the form refuses
    lines that do not read, and any that slipped in another way count nothing."""
    found = {}
    for line in text.splitlines():
        key, sep, value = line.partition("=")
        if sep and key.strip() and value.strip().isdigit():
            found[key.strip()] = int(value.strip())
    return found


def default_tag_weights() -> str:
    return "兔子=30\n野狗=30\n鳄鱼=30\n老鼠=20\n蜜獾=20\n同行=40\n炸店=40"


class RiskPolicy(models.Model):
    """One version of a shop's screening thresholds. Saving creates a new version; the latest is current."""

    class RestrictedAction(models.TextChoices):
        REVIEW = "review", _("送人工审核")
        BLOCK = "block", _("建议拦截")

    shop = models.ForeignKey(Shop, on_delete=models.PROTECT, related_name="risk_policies", verbose_name=_("店铺"))
    version = models.PositiveIntegerField(_("版本"))
    # Credit score
    base_score = models.PositiveSmallIntegerField(
        _("初始信用分"), default=100, help_text=_("每个买家的起始分，也是信用分的上限。")
    )
    restriction_floor = models.PositiveSmallIntegerField(
        _("受限分数线"), default=60, help_text=_("信用分低于此分的买家被限制，其订单送审或建议拦截。")
    )
    restricted_action = models.CharField(
        _("受限买家的新订单"),
        max_length=8,
        choices=RestrictedAction.choices,
        default=RestrictedAction.REVIEW,
        help_text=_("受限买家下单时的处理方式。"),
    )
    delta_unpaid_closed = models.SmallIntegerField(
        _("未付款被关闭扣分"), default=-5, help_text=_("拍下不付款、订单被关闭时，信用分的变化（负数为扣分）。")
    )
    delta_cancel_after_pay = models.SmallIntegerField(
        _("付款后取消扣分"), default=-8, help_text=_("付款后、发货前取消订单时，信用分的变化。")
    )
    delta_refund = models.SmallIntegerField(
        _("退款扣分"), default=-10, help_text=_("未收货就退款（含仅退款）时，信用分的变化。")
    )
    delta_refund_after_receipt = models.SmallIntegerField(
        _("收货后退款扣分"), default=-15, help_text=_("确认收货后又退款时，信用分的变化，通常比未收货退款扣得多。")
    )
    delta_blacklisted = models.SmallIntegerField(
        _("被拉黑扣分"),
        default=-40,
        help_text=_("买家被客服拉黑时，信用分的变化；同一买家只扣一次，不论拉黑了它几笔订单。"),
    )
    delta_complaint_upheld = models.SmallIntegerField(
        _("投诉成立扣分"), default=-30, help_text=_("对买家的平台投诉成立时，信用分的变化。")
    )
    delta_completed = models.SmallIntegerField(
        _("正常成交加分"), default=2, help_text=_("订单完成且无售后时加的分，总分不超过初始信用分。")
    )
    # Decision thresholds
    review_threshold = models.PositiveSmallIntegerField(
        _("送审分数线"), default=40, help_text=_("风险分达到此分（0–100）的订单进入审核队列。")
    )
    block_threshold = models.PositiveSmallIntegerField(
        _("建议拦截分数线"), default=80, help_text=_("风险分达到此分的订单标为“建议拦截”。")
    )
    # Burst (炸店)
    burst_orders = models.PositiveSmallIntegerField(
        _("单个买家短时下单数"), default=5, help_text=_("同一买家在下面的时间窗口内下单达到此数即视为炸店。")
    )
    group_burst_orders = models.PositiveSmallIntegerField(
        _("关联账号组短时下单数"),
        default=8,
        help_text=_("同一手机号/地址关联的一组账号在时间窗口内合计下单达到此数即视为炸店。"),
    )
    burst_minutes = models.PositiveSmallIntegerField(
        _("炸店时间窗口（分钟）"), default=30, help_text=_("统计买家和关联账号短时下单数的时间窗口。")
    )
    sku_burst_orders = models.PositiveSmallIntegerField(
        _("单个商品短时集中下单数"),
        default=15,
        help_text=_("同一商品在时间窗口内，由少数账号重复下单的订单数达到此数即视为恶意扫货。"),
    )
    sku_burst_accounts = models.PositiveSmallIntegerField(
        _("集中下单的最多账号数"), default=5, help_text=_("上面的集中订单来自不超过这么多个账号时才算。")
    )
    sku_burst_minutes = models.PositiveSmallIntegerField(
        _("商品扫货时间窗口（分钟）"), default=15, help_text=_("统计单个商品集中下单的时间窗口。")
    )
    # Inventory lock (同行恶拍)
    lock_quantity = models.PositiveSmallIntegerField(
        _("占库存单笔件数"),
        default=20,
        help_text=_("新账号或关联账号单笔购买达到此件数，视为可能的同行恶拍占库存。"),
    )
    lock_new_buyer_days = models.PositiveSmallIntegerField(
        _("新账号天数"), default=7, help_text=_("首次下单距今不超过这么多天的买家算新账号。")
    )
    lock_sku_orders = models.PositiveSmallIntegerField(
        _("新/关联账号同商品未完成订单数"),
        default=4,
        help_text=_("24 小时内新账号或关联账号对同一商品的未发货订单达到此数，视为占库存。"),
    )
    # Cancel / refund rate
    rate_threshold_pct = models.PositiveSmallIntegerField(
        _("取消/退款率上限（%）"), default=40, help_text=_("买家（或其关联账号组）取消和退款的订单占比超过此值即提示。")
    )
    rate_min_orders = models.PositiveSmallIntegerField(
        _("计算取消率的最少订单数"),
        default=3,
        help_text=_("订单数少于此数时不计算取消/退款率；此外占比须明显高于本店平常水平（不是偶然），才会提示。"),
    )
    # Purchase limit and quantity
    sku_daily_limit = models.PositiveSmallIntegerField(
        _("每人每天同一商品限购件数"),
        default=0,
        help_text=_("同一买家一天内购买同一商品超过此件数即提示；0 表示不限。"),
    )
    # One "商品ID=件数" a line: that SKU's own daily limit, over ``sku_daily_limit`` (0: no limit).
    sku_limits = models.TextField(
        _("单品限购"),
        blank=True,
        default="",
        help_text=_(
            "每行一个“商品ID=件数”，给个别商品（如秒杀、低价引流款）单独设每人每天的限购件数，"
            "代替上面的统一限购；件数为 0 表示该商品不限购。"
        ),
    )
    quantity_factor = models.PositiveSmallIntegerField(
        _("数量异常倍数"), default=5, help_text=_("单笔件数达到该商品常见件数的这么多倍（且至少 5 件）即视为数量异常。")
    )
    # Address / receiver patterns
    address_keywords = models.TextField(
        _("可疑地址关键词"),
        default=default_address_keywords,
        blank=True,
        help_text=_("每行一个。收货地址含这些词（如驿站、代收点）时加分，常见于多账号团伙。"),
    )
    flag_masked_identity = models.BooleanField(
        _("只有脱敏身份时提示"), default=True, help_text=_("订单只有脱敏手机号和脱敏姓名、无法确认身份时加少量风险分。")
    )
    masked_identity_weight_pct = models.PositiveSmallIntegerField(
        _("脱敏身份的规则权重（%）"),
        default=100,
        validators=[MaxValueValidator(100)],
        help_text=_(
            "买家只凭脱敏手机号和地区识别时，同一个“买家”可能是几个人。黑名单的脱敏匹配、关联账号、"
            "买家短时多单、取消/退款率、信用分等按买家累计的规则只按此比例计分；100 表示与确定身份同等对待。"
        ),
    )
    # Region rules: one region a line, "广东省" (whole province) or "广东省/深圳" (see reviews.regions).
    region_review = models.TextField(
        _("送审地区"),
        blank=True,
        help_text=_("收货地在这些省市的订单送人工审核，例如不发货的偏远地区。"),
    )
    region_block = models.TextField(
        _("拦截地区"),
        blank=True,
        help_text=_("收货地在这些省市的订单建议拦截，例如攻击集中来自的城市。"),
    )
    # Buyer tags: one "标签=分值" a line; a tag not listed adds nothing (see reviews.services.tagging).
    tag_weights = models.TextField(
        _("买家标签分值"),
        default=default_tag_weights,
        blank=True,
        help_text=_("每行一个“标签=分值”。买家带有这些标签时，其订单按分值加风险分；不在此列的标签不计分。"),
    )
    # One "rule code=weight" a line, for the rules whose weight the admin changed (0: switched off).
    rule_weights = models.TextField(
        _("规则开关与权重"),
        blank=True,
        default="",
        help_text=_("每条规则的权重（0–100）；0 表示关闭该规则，留空用默认值。"),
    )
    note = models.CharField(_("修改说明"), max_length=255, blank=True)
    diff = models.JSONField(_("与上一版的差异"), default=dict, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("修改人"),
    )
    created_at = models.DateTimeField(_("保存时间"), auto_now_add=True)

    # The fields an admin tunes; everything else is bookkeeping.
    TUNABLE = (
        "base_score",
        "restriction_floor",
        "restricted_action",
        "delta_unpaid_closed",
        "delta_cancel_after_pay",
        "delta_refund",
        "delta_refund_after_receipt",
        "delta_blacklisted",
        "delta_complaint_upheld",
        "delta_completed",
        "review_threshold",
        "block_threshold",
        "burst_orders",
        "group_burst_orders",
        "burst_minutes",
        "sku_burst_orders",
        "sku_burst_accounts",
        "sku_burst_minutes",
        "lock_quantity",
        "lock_new_buyer_days",
        "lock_sku_orders",
        "rate_threshold_pct",
        "rate_min_orders",
        "sku_daily_limit",
        "sku_limits",
        "quantity_factor",
        "address_keywords",
        "flag_masked_identity",
        "masked_identity_weight_pct",
        "region_review",
        "region_block",
        "tag_weights",
        "rule_weights",
    )

    class Meta:
        verbose_name = _("风控策略")
        verbose_name_plural = _("风控策略")
        ordering = ["shop", "-version"]
        constraints = [models.UniqueConstraint(fields=["shop", "version"], name="riskpolicy_unique_shop_version")]

    def __str__(self) -> str:
        return f"{self.shop_id} v{self.version}"

    def values(self) -> dict:
        """The tunable values as a plain dict (what the backtest and the diff compare)."""
        return {name: getattr(self, name) for name in self.TUNABLE}

    @cached_property
    def keywords(self) -> list[str]:
        return [line.strip() for line in self.address_keywords.splitlines() if line.strip()]

    @cached_property
    def regions_review(self) -> list[str]:
        return [line.strip() for line in self.region_review.splitlines() if line.strip()]

    @cached_property
    def regions_block(self) -> list[str]:
        return [line.strip() for line in self.region_block.splitlines() if line.strip()]

    @cached_property
    def tag_weight_map(self) -> dict[str, int]:
        """``{"兔子": 30, ...}`` from the ``tag_weights`` lines."""
        return {name: min(weight, 100) for name, weight in _numbers_by_key(self.tag_weights).items()}

    @cached_property
    def rule_weight_map(self) -> dict[str, int]:
        """``{"sku_bombing": 30, "ring_accounts": 0, ...}`` from the ``rule_weights`` lines: a rule's
        weight where the admin changed it; 0 switches the rule off."""
        return {code: min(weight, 100) for code, weight in _numbers_by_key(self.rule_weights).items()}

    @cached_property
    def sku_limit_map(self) -> dict[str, int]:
        """``{"100238471": 2, ...}`` from the ``sku_limits`` lines."""
        return _numbers_by_key(self.sku_limits)

    def credit_delta(self, kind: str) -> int:
        return getattr(self, f"delta_{kind}")


class ApiToken(models.Model):
    """A shop's key for the check API. Only a SHA-256 of the token is stored; it is shown once."""

    shop = models.ForeignKey(Shop, on_delete=models.PROTECT, related_name="api_tokens", verbose_name=_("店铺"))
    name = models.CharField(_("名称"), max_length=100, help_text=_("例如“ERP 下单前检查”，方便日后辨认。"))
    token_hash = models.CharField(max_length=64, unique=True)
    prefix = models.CharField(_("令牌前缀"), max_length=16)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("创建人")
    )
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)
    last_used_at = models.DateTimeField(_("最近使用"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("吊销时间"), null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("吊销人"),
    )

    class Meta:
        verbose_name = _("API 令牌")
        verbose_name_plural = _("API 令牌")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None


class LearnedWeights(models.Model):
    """Rule weights fitted for one shop from its labelled orders (reviewers' decisions, then final
    outcomes): in shadow until their backtest on the newest labelled orders beats the policy in
    force, when they become the policy's ``rule_weights`` as a new version."""

    class Status(models.TextChoices):
        SHADOW = "shadow", _("影子运行")
        ACTIVE = "active", _("已接管")

    shop = models.ForeignKey(Shop, on_delete=models.PROTECT, related_name="learned_weights", verbose_name=_("店铺"))
    status = models.CharField(_("状态"), max_length=8, choices=Status.choices, default=Status.SHADOW)
    samples = models.PositiveIntegerField(_("带标签的订单"))
    positives = models.PositiveIntegerField(_("其中恶意"))
    # Points per rule code (on the policy's 0–100 scale) and the fitted log-odds behind them (with
    # the intercept under "_intercept"; no float columns in Shield).
    weights = models.JSONField(_("学习到的权重"), default=dict)
    logits = models.JSONField(_("对数几率系数"), default=dict)
    # Precision, recall and F1 at the review line, of the policy in force and of these weights,
    # on the newest labelled orders (not used for fitting).
    evaluation = models.JSONField(_("回测"), default=dict)
    policy = models.ForeignKey(
        "RiskPolicy", on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("接管后的策略")
    )
    created_at = models.DateTimeField(_("计算时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("学习到的规则权重")
        verbose_name_plural = _("学习到的规则权重")
        ordering = ["shop", "-created_at", "-pk"]
        get_latest_by = "created_at"

    def __str__(self) -> str:
        return f"{self.shop} · {self.get_status_display()} · {self.created_at:%Y-%m-%d}"


class Backtest(models.Model):
    """A what-if run of candidate policy values over the last days of a shop's orders."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("排队中")
        RUNNING = "running", _("计算中")
        DONE = "done", _("已完成")
        FAILED = "failed", _("失败")

    shop = models.ForeignKey(Shop, on_delete=models.PROTECT, related_name="backtests", verbose_name=_("店铺"))
    values = models.JSONField(_("试算的策略"))
    base_version = models.PositiveIntegerField(_("对比的当前版本"))
    days = models.PositiveSmallIntegerField(_("回看天数"), default=30)
    status = models.CharField(_("状态"), max_length=8, choices=Status.choices, default=Status.QUEUED)
    progress = models.PositiveSmallIntegerField(_("进度（%）"), default=0)
    result = models.JSONField(_("结果"), default=dict, blank=True)
    error = models.TextField(_("错误"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("发起人")
    )
    created_at = models.DateTimeField(_("发起时间"), auto_now_add=True)
    finished_at = models.DateTimeField(_("完成时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("策略回测")
        verbose_name_plural = _("策略回测")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"backtest {self.pk} ({self.status})"


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


# -- alerts ------------------------------------------------------------------------------------
class AlertKind(models.TextChoices):
    BLACKLIST_ORDER = "blacklist_order", _("黑名单买家再次下单")
    SKU_BURST = "sku_burst", _("商品被炸店")
    QUEUE_STALE = "queue_stale", _("审核队列积压")
    COMPLAINT_DUE = "complaint_due", _("投诉明天到期或已逾期")
    TEST = "test", _("测试消息")


# The events a channel can subscribe to (a test message goes to the one channel tested).
ALERT_EVENTS = [kind for kind in AlertKind if kind != AlertKind.TEST]


def default_alert_kinds() -> list[str]:
    return [str(kind) for kind in ALERT_EVENTS]


class AlertSettings(models.Model):
    """A shop's alert knobs and its webhook signing secret (kept to sign; shown once when made)."""

    shop = models.OneToOneField(Shop, on_delete=models.PROTECT, related_name="alert_settings", verbose_name=_("店铺"))
    secret = models.CharField(max_length=64, editable=False)
    secret_created_at = models.DateTimeField(_("签名密钥生成时间"), null=True, blank=True)
    secret_created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    window_minutes = models.PositiveSmallIntegerField(
        _("同类提醒间隔（分钟）"),
        default=30,
        help_text=_("同一商品或同一买家的同类事件，在这段时间内只提醒一次。"),
    )
    queue_age_minutes = models.PositiveSmallIntegerField(
        _("队列积压提醒（分钟）"),
        default=60,
        help_text=_("审核队列里最早的订单等待超过这么多分钟时提醒。"),
    )
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    class Meta:
        verbose_name = _("提醒设置")
        verbose_name_plural = _("提醒设置")

    def __str__(self) -> str:
        return f"{self.shop_id} alerts"


class AlertChannel(models.Model):
    """Where a shop's alerts go: a webhook (generic JSON, WeCom or DingTalk robot) or email."""

    class Kind(models.TextChoices):
        WEBHOOK = "webhook", _("通用 Webhook（JSON）")
        WECOM = "wecom", _("企业微信群机器人")
        DINGTALK = "dingtalk", _("钉钉群机器人")
        EMAIL = "email", _("邮件")

    shop = models.ForeignKey(Shop, on_delete=models.PROTECT, related_name="alert_channels", verbose_name=_("店铺"))
    kind = models.CharField(_("类型"), max_length=10, choices=Kind.choices, default=Kind.WEBHOOK)
    name = models.CharField(_("名称"), max_length=100, help_text=_("例如“客服群机器人”，方便辨认。"))
    url = models.URLField(_("Webhook 地址"), max_length=500, blank=True)
    robot_secret = models.CharField(
        _("钉钉加签密钥"),
        max_length=100,
        blank=True,
        help_text=_("钉钉机器人安全设置选“加签”时填写（SEC 开头）；编辑时留空则保持不变。"),
    )
    emails = models.TextField(_("收件邮箱"), blank=True, help_text=_("邮件渠道用：每行一个地址。"))
    events = models.JSONField(_("提醒哪些事件"), default=default_alert_kinds)
    active = models.BooleanField(_("启用"), default=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    updated_at = models.DateTimeField(_("修改时间"), auto_now=True)
    # Removing a channel retires it: its delivery log stays readable under the alerts.
    removed_at = models.DateTimeField(_("删除时间"), null=True, blank=True)
    removed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("提醒渠道")
        verbose_name_plural = _("提醒渠道")
        ordering = ["shop", "pk"]

    def __str__(self) -> str:
        return self.name

    @property
    def event_labels(self) -> list[str]:
        return [str(AlertKind(kind).label) for kind in self.events or [] if kind in AlertKind.values]

    @property
    def recipients(self) -> list[str]:
        return [line.strip() for line in self.emails.replace(",", "\n").splitlines() if line.strip()]


class AlertMute(models.Model):
    """An admin silenced one event kind until a time."""

    shop = models.ForeignKey(Shop, on_delete=models.PROTECT, related_name="alert_mutes", verbose_name=_("店铺"))
    kind = models.CharField(_("事件"), max_length=20, choices=AlertKind.choices)
    until = models.DateTimeField(_("静音至"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("设置时间"), auto_now=True)

    class Meta:
        verbose_name = _("提醒静音")
        verbose_name_plural = _("提醒静音")
        constraints = [models.UniqueConstraint(fields=["shop", "kind"], name="alertmute_unique_shop_kind")]

    def __str__(self) -> str:
        return f"{self.shop_id} {self.kind} → {self.until:%Y-%m-%d %H:%M}"


class Alert(models.Model):
    """One event worth telling the shop about; repeats within the window only count up ``repeats``."""

    shop = models.ForeignKey(Shop, on_delete=models.PROTECT, related_name="alerts", verbose_name=_("店铺"))
    kind = models.CharField(_("事件"), max_length=20, choices=AlertKind.choices)
    # What the rate limit counts per: "sku:<id>", "buyer:<id>", "queue", "complaint:<id>:<state>".
    subject = models.CharField(_("对象"), max_length=120)
    title = models.CharField(_("标题"), max_length=200)
    text = models.TextField(_("内容"))
    url = models.CharField(_("链接"), max_length=500)
    data = models.JSONField(_("数据"), default=dict, blank=True)
    repeats = models.PositiveIntegerField(_("间隔内重复次数"), default=0)
    # Not auto_now_add: a periodic check dates its alert at the moment it checked.
    created_at = models.DateTimeField(_("时间"), default=timezone.now)

    class Meta:
        verbose_name = _("提醒")
        verbose_name_plural = _("提醒")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["shop", "kind", "subject", "created_at"], name="alert_ratelimit")]

    def __str__(self) -> str:
        return self.title


class AlertDelivery(models.Model):
    """One attempt to deliver an alert to one channel: what the endpoint answered, or why not."""

    alert = models.ForeignKey(Alert, on_delete=models.PROTECT, related_name="deliveries", verbose_name=_("提醒"))
    channel = models.ForeignKey(
        AlertChannel, on_delete=models.PROTECT, related_name="deliveries", verbose_name=_("渠道")
    )
    attempt = models.PositiveSmallIntegerField(_("第几次尝试"))
    ok = models.BooleanField(_("成功"), default=False)
    status_code = models.PositiveSmallIntegerField(_("HTTP 状态码"), null=True, blank=True)
    error = models.TextField(_("错误"), blank=True)
    duration_ms = models.PositiveIntegerField(_("耗时（毫秒）"), default=0)
    created_at = models.DateTimeField(_("时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("提醒投递")
        verbose_name_plural = _("提醒投递")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["channel", "-created_at"], name="alertdelivery_channel_recent")]

    def __str__(self) -> str:
        return f"{self.alert_id} → {self.channel_id} #{self.attempt}"


class BuyerTag(models.Model):
    """A word of the shop's vocabulary for buyers: the merchants' own (兔子, 野狗, ...) or the shop's."""

    shop = models.ForeignKey(Shop, on_delete=models.PROTECT, related_name="buyer_tags", verbose_name=_("店铺"))
    name = models.CharField(_("标签"), max_length=20)
    description = models.CharField(_("含义"), max_length=100, blank=True)
    builtin = models.BooleanField(_("内置"), default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("买家标签")
        verbose_name_plural = _("买家标签")
        ordering = ["shop", "-builtin", "pk"]
        constraints = [models.UniqueConstraint(fields=["shop", "name"], name="buyertag_unique_shop_name")]

    def __str__(self) -> str:
        return f"{self.name}（{self.description}）" if self.description else self.name


class BuyerTagging(models.Model):
    """A tag put on a buyer by a person. Removing it sets ``removed_*``: the history stays."""

    shop = models.ForeignKey(Shop, on_delete=models.PROTECT, related_name="+", verbose_name=_("店铺"))
    buyer = models.ForeignKey(Buyer, on_delete=models.PROTECT, related_name="taggings", verbose_name=_("买家"))
    tag = models.ForeignKey(BuyerTag, on_delete=models.PROTECT, related_name="taggings", verbose_name=_("标签"))
    note = models.CharField(_("备注"), max_length=200, blank=True)
    # Shown on the same buyer (same identity key) in every shop of the merchant.
    shared = models.BooleanField(_("本商家所有店铺共用"), default=False)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("打标签的人")
    )
    added_at = models.DateTimeField(_("打标签时间"), auto_now_add=True)
    removed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    removed_at = models.DateTimeField(_("移除时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("买家标签记录")
        verbose_name_plural = _("买家标签记录")
        ordering = ["-added_at", "-pk"]
        indexes = [models.Index(fields=["buyer", "removed_at"], name="buyertagging_buyer_live")]
        constraints = [
            # A tag is on a buyer at most once at a time.
            models.UniqueConstraint(
                fields=["buyer", "tag"], condition=models.Q(removed_at__isnull=True), name="buyertagging_one_live"
            )
        ]

    def __str__(self) -> str:
        return f"{self.buyer_id} {self.tag_id}"
