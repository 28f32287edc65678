"""Blacklist and allowlist entries of a shop, with their audit trail and the orders they hit.

This app imports nothing from Shield's other apps: entries keep a plain ``shop_id`` and
normalized keys, so screening can ask "which entries hit these orders?" without a cycle.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class ListType(models.TextChoices):
    BLOCK = "block", _("黑名单")
    ALLOW = "allow", _("白名单")


class Kind(models.TextChoices):
    BUYER_ID = "buyer_id", _("买家ID")
    PHONE = "phone", _("手机号")
    RECEIVER = "receiver", _("收货人")
    ADDRESS = "address", _("收货地址")
    RECEIVER_ADDRESS = "receiver_address", _("收货人+地址")


class Source(models.TextChoices):
    MANUAL = "manual", _("手动添加")
    DECISION = "decision", _("审核决定")
    IMPORT = "import", _("文件导入")
    COMPLAINT = "complaint", _("投诉成立")


class ReasonCategory(models.TextChoices):
    UNPAID = "unpaid", _("恶意拍单不付款")
    BOMBING = "bombing", _("炸店")
    STOCK_LOCK = "stock_lock", _("同行恶拍/占库存")
    REFUND = "refund", _("恶意退款/仅退款")
    HARASSMENT = "harassment", _("辱骂/骚扰")
    TRUSTED = "trusted", _("可信买家")
    OTHER = "other", _("其他")


class EntryQuerySet(models.QuerySet):
    def for_shops(self, shop_ids):
        return self.filter(shop_id__in=list(shop_ids))

    def listed(self):
        """Entries not removed (expired ones included: they stay listed)."""
        return self.filter(removed_at__isnull=True)

    def active(self, at=None):
        """Entries that match orders now: not removed and not expired."""
        at = at or timezone.now()
        return self.listed().filter(Q(expires_at__isnull=True) | Q(expires_at__gt=at))


class BlacklistEntry(models.Model):
    shop_id = models.BigIntegerField(_("店铺"), db_index=True)
    list_type = models.CharField(_("名单"), max_length=5, choices=ListType.choices, default=ListType.BLOCK)
    kind = models.CharField(_("类型"), max_length=20, choices=Kind.choices)
    value = models.CharField(_("值"), max_length=255)
    receiver = models.CharField(
        _("收货人"), max_length=100, blank=True, help_text=_("脱敏手机号须同时填写收货人才能匹配")
    )
    key = models.CharField(_("匹配键"), max_length=255)
    masked_key = models.CharField(_("脱敏匹配键"), max_length=255, blank=True)
    reason_category = models.CharField(
        _("原因分类"), max_length=12, choices=ReasonCategory.choices, default=ReasonCategory.OTHER
    )
    reason = models.TextField(_("原因说明"), blank=True)
    source = models.CharField(_("来源"), max_length=10, choices=Source.choices, default=Source.MANUAL)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("添加人"),
    )
    created_at = models.DateTimeField(_("添加时间"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)
    expires_at = models.DateTimeField(_("到期时间"), null=True, blank=True)
    hit_count = models.PositiveIntegerField(_("命中次数"), default=0)
    last_hit_at = models.DateTimeField(_("最近命中"), null=True, blank=True)
    removed_at = models.DateTimeField(_("移除时间"), null=True, blank=True)
    removed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("移除人"),
    )
    # Set when the entry is shared with every shop of the same merchant (the id of a
    # reviews.Organization; a plain id because the blacklist imports nothing from reviews).
    # ``shop_id`` stays the shop that added it: the one that may edit it.
    organization_id = models.PositiveIntegerField(_("共用于商家"), null=True, blank=True)

    objects = EntryQuerySet.as_manager()

    class Meta:
        verbose_name = _("名单条目")
        verbose_name_plural = _("名单条目")
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["shop_id", "key"], name="blacklist_shop_key"),
            models.Index(fields=["shop_id", "masked_key"], name="blacklist_shop_masked_key"),
            models.Index(fields=["shop_id", "list_type", "-created_at"], name="blacklist_shop_list"),
            models.Index(fields=["organization_id", "key"], name="blacklist_org_key"),
            # The check API matches shared entries by masked key too (blacklist.matching).
            models.Index(
                fields=["organization_id", "masked_key"],
                name="blacklist_org_masked_key",
                condition=Q(organization_id__isnull=False),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.value}"

    @property
    def is_expired(self) -> bool:
        return self.expires_at is not None and self.expires_at <= timezone.now()

    @property
    def is_active(self) -> bool:
        return self.removed_at is None and not self.is_expired


class EntryEvent(models.Model):
    """Who did what to an entry, and when. Never deleted."""

    class Action(models.TextChoices):
        CREATED = "created", _("添加")
        EDITED = "edited", _("修改")
        EXPIRED = "expired", _("设为到期")
        REMOVED = "removed", _("移除")

    entry = models.ForeignKey(BlacklistEntry, on_delete=models.PROTECT, related_name="events")
    action = models.CharField(_("操作"), max_length=10, choices=Action.choices)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    at = models.DateTimeField(_("时间"), default=timezone.now)
    note = models.TextField(_("说明"), blank=True)
    changes = models.JSONField(_("变更"), default=dict, blank=True)

    class Meta:
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.get_action_display()} #{self.entry_id}"


class EntryHit(models.Model):
    """An order an entry stopped (or, for an allowlist entry, let through)."""

    entry = models.ForeignKey(BlacklistEntry, on_delete=models.PROTECT, related_name="hits")
    order_id = models.BigIntegerField(_("订单"))
    linked = models.BooleanField(_("关联账号命中"), default=False)
    at = models.DateTimeField(_("时间"), default=timezone.now)

    class Meta:
        ordering = ["-at", "-pk"]
        constraints = [models.UniqueConstraint(fields=["entry", "order_id"], name="entryhit_unique_entry_order")]
        # The review page lists the entries that stopped its order.
        indexes = [models.Index(fields=["order_id"], name="entryhit_order")]

    def __str__(self) -> str:
        return f"#{self.entry_id} → {self.order_id}"
