"""Buyers and their links, orders, the credit ledger, reviewers' decisions and buyer tags."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from reviews.expressions import ReasonCodes
from reviews.models.shops import Shop
from reviews.querysets import BuyerQuerySet, OrderQuerySet


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
        # Imported already past its shipping cut-off (承诺发货时间): screened, its verdict kept
        # for scores, links and reports, but nobody can act on it any more, so never queued.
        HISTORY = "history", _("历史订单，未进队列")

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
    # Queried per shop, never across shops: the queue by the partial indexes of migration 0016,
    # other states by order_shop_risk_ordered (tests/reviews/test_order_indexes.py).
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
    # The file import that last created or changed the order: the import's result page links to
    # exactly its orders in the queue. Indexed only for queued orders (order_batch_queue).
    import_batch = models.ForeignKey(
        "reviews.ImportBatch",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="orders",
        verbose_name=_("导入批次"),
        db_index=False,
    )
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
            models.Index(fields=["shop", "sku_id", "ordered_at"], name="order_shop_sku_time"),
            models.Index(fields=["shop", "status", "-ordered_at"], name="order_shop_status"),
            models.Index(fields=["buyer", "ordered_at"], name="order_buyer_time"),
            models.Index(fields=["shop", "risk_state", "ordered_at"], name="order_shop_risk_ordered"),
            models.Index(fields=["claimed_by", "risk_state"], name="order_claimed_by"),
            models.Index(fields=["shop", "phone_key"], name="order_shop_phone_key"),
            models.Index(fields=["shop", "address_key"], name="order_shop_address_key"),
            # An import's orders in the queue (its result page's count and link).
            models.Index(
                fields=["import_batch"],
                name="order_batch_queue",
                condition=models.Q(risk_state__in=["flagged", "in_review"]),
            ),
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
        # Shield's "cancel" is a decision; next to the platform's status it must not claim more.
        # ``cancel_outcome`` is annotated by the pages that list orders (see selectors.dashboard).
        outcome = getattr(self, "cancel_outcome", None)
        if outcome == "awaiting":
            return _("待平台取消")
        if outcome == "missed":
            return _("未能拦截（已发货）")
        if outcome == "prevented" and self.status not in (self.Status.CANCELLED, self.Status.REFUNDED):
            return _("已在平台取消")  # the merchant confirmed it; no import has said so yet
        return self.get_risk_state_display()

    @property
    def full_address(self) -> str:
        return one_line_address(self.province, self.city, self.district, self.street, self.address)


def one_line_address(province: str, city: str, district: str, street: str, address: str) -> str:
    """The address as one line, without repeating a region the address already starts with."""
    address = address or ""
    if address and province and address.startswith(province):
        return address
    return "".join(part or "" for part in (province, city, district, street)) + address


# Order statuses grouped the way every part of Shield reads them.
# A merchant can still act on it (stop the shipment, refuse the refund).
ACTIONABLE_STATUSES = (Order.Status.UNPAID, Order.Status.PAID, Order.Status.REFUNDING)
# Counted against a buyer's record: cancelled, refunded or being refunded.
BAD_STATUSES = (Order.Status.CANCELLED, Order.Status.REFUNDED, Order.Status.REFUNDING)
# Paid for and not cancelled or refunded: what honest orders mostly are.
GOOD_STATUSES = (Order.Status.PAID, Order.Status.SHIPPED, Order.Status.COMPLETED)
# Refunded after it shipped (仅退款 or a return): what a serial refunder's orders end as.
REFUND_STATUSES = (Order.Status.REFUNDED, Order.Status.REFUNDING)
# Never paid, or cancelled before shipping: what a burst of fake orders is while it lasts.
UNSETTLED_STATUSES = (Order.Status.UNPAID, Order.Status.CANCELLED)


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
        REVERSAL = "reversal", _("撤销处理，退回分值")

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
    # The review decision that caused the event (blacklisting), so taking that decision back
    # finds what to cancel out.
    decision = models.ForeignKey(
        "Decision",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="credit_events",
        verbose_name=_("审核记录"),
    )
    # A reversal (an undone or reopened decision) points to the event it cancels out: the ledger
    # keeps both rows, and their deltas sum to nothing. Reversals carry no order of their own, so
    # the (order, kind) uniqueness of the event they cancel is untouched.
    reverses = models.OneToOneField(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="reversal",
        verbose_name=_("抵消的记录"),
    )

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


class Decision(models.Model):
    """One thing a person did to a flagged order. An audit record: never edited away, never deleted."""

    class Action(models.TextChoices):
        APPROVE = "approve", _("通过")
        CANCEL = "cancel", _("取消")
        BLACKLIST = "blacklist", _("拉黑并取消")
        NOTE = "note", _("备注")
        SKIP = "skip", _("跳过")
        RELEASE = "release", _("释放领取")
        UNDO = "undo", _("撤销")
        REOPEN = "reopen", _("重新打开")

    # Actions that settle an order; an order has at most one standing (not reversed) settlement.
    FINAL = (Action.APPROVE, Action.CANCEL, Action.BLACKLIST)
    # Actions that take a settlement back and return the order to the queue.
    REVERSING = (Action.UNDO, Action.REOPEN)
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
    # An undo or reopen names the settlement it takes back; that settlement is stamped
    # ``reversed_at`` (it stays in the history, marked as taken back).
    reverses = models.OneToOneField(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="reversal", verbose_name=_("撤回的处理")
    )
    reversed_at = models.DateTimeField(_("被撤回时间"), null=True, blank=True)

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
                condition=models.Q(
                    action__in=["cancel", "blacklist"],
                    platform_cancel_confirmed_at__isnull=True,
                    reversed_at__isnull=True,
                ),
            ),
        ]
        constraints = [
            # The database, not only the service, refuses a second standing settlement; one taken
            # back by an undo or reopen no longer counts.
            models.UniqueConstraint(
                fields=["order"],
                condition=models.Q(action__in=["approve", "cancel", "blacklist"], reversed_at__isnull=True),
                name="decision_one_final_per_order",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.order_id} {self.action} by {self.user_id}"

    @property
    def awaits_platform_cancel(self) -> bool:
        return self.action in self.CANCELLING and self.platform_cancel_confirmed_at is None and self.reversed_at is None


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
