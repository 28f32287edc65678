"""Shops, the organizations that own them, their staff and API tokens."""

from django.conf import settings
from django.core.cache import cache
from django.db import models
from django.utils.translation import gettext_lazy as _

from reviews.querysets import ShopQuerySet


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

    # Screening reads a shop's merchant from the cache on every check (screening.loading.shop_organization_id).
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
