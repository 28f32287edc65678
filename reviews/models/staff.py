"""Staff management records: one-time links (invites, password resets) and the staff audit trail."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from reviews.models.shops import Role, Shop


class StaffLink(models.Model):
    """A one-time link an admin hands to a person: an invitation to join the shop (the invitee
    picks a username and password) or a password reset for an existing member. Only a SHA-256 of
    the token is stored; the link is shown once, to the admin who made it."""

    class Purpose(models.TextChoices):
        INVITE = "invite", _("邀请")
        RESET = "reset", _("重置密码")

    shop = models.ForeignKey(Shop, on_delete=models.PROTECT, related_name="staff_links", verbose_name=_("店铺"))
    purpose = models.CharField(_("用途"), max_length=10, choices=Purpose.choices)
    role = models.CharField(_("角色"), max_length=10, choices=Role.choices, default=Role.REVIEWER)
    # Invites: what the admin knows of the person, shown on the page the link opens.
    name = models.CharField(_("姓名"), max_length=150, blank=True)
    email = models.EmailField(_("邮箱"), blank=True)
    # Resets: whose password; invites: who joined through it.
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("用户"),
    )
    token_hash = models.CharField(max_length=64, unique=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("创建人")
    )
    created_at = models.DateTimeField(_("创建时间"), default=timezone.now)
    expires_at = models.DateTimeField(_("失效时间"))
    used_at = models.DateTimeField(_("使用时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("一次性链接")
        verbose_name_plural = _("一次性链接")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.get_purpose_display()} @ {self.shop_id}"

    def is_usable(self, now=None) -> bool:
        return self.used_at is None and (now or timezone.now()) < self.expires_at


class StaffChange(models.Model):
    """One change an admin made to a shop's staff: who, when, what, and the member before/after.
    Append-only; passwords and link tokens never appear in it."""

    class Action(models.TextChoices):
        ADDED = "added", _("添加员工")
        INVITED = "invited", _("发出邀请")
        INVITE_REVOKED = "invite_revoked", _("撤销邀请")
        JOINED = "joined", _("通过邀请加入")
        ROLE_CHANGED = "role_changed", _("修改角色")
        DEACTIVATED = "deactivated", _("停用员工")
        PASSWORD_SET = "password_set", _("设置临时密码")
        RESET_LINK = "reset_link", _("生成重置密码链接")
        PASSWORD_RESET = "password_reset", _("通过链接重置密码")

    shop = models.ForeignKey(Shop, on_delete=models.PROTECT, related_name="staff_changes", verbose_name=_("店铺"))
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("操作人")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("员工"),
    )
    action = models.CharField(_("操作"), max_length=20, choices=Action.choices)
    before = models.JSONField(_("修改前"), default=dict, blank=True)
    after = models.JSONField(_("修改后"), default=dict, blank=True)
    at = models.DateTimeField(_("时间"), default=timezone.now)

    class Meta:
        verbose_name = _("员工变更记录")
        verbose_name_plural = _("员工变更记录")
        ordering = ["-at", "-pk"]
        indexes = [models.Index(fields=["shop", "-at"], name="staffchange_shop_time")]

    def __str__(self) -> str:
        return f"{self.action} {self.user_id} by {self.actor_id}"

    @property
    def invitee_name(self) -> str:
        """The name an invitation was made out to (changes about an invitation have no user yet)."""
        return self.after.get("name") or self.before.get("name") or ""

    FIELD_LABELS = {"username": _("用户名"), "name": _("姓名"), "email": _("邮箱"), "role": _("角色")}

    def differences(self) -> list[tuple[str, str, str]]:
        """(field, before, after) for each member field the change touched, roles by their label."""

        def shown(name, value):
            if name == "role" and value in Role.values:
                return str(Role(value).label)
            return value or ""

        rows = []
        for name, label in self.FIELD_LABELS.items():
            old, new = self.before.get(name), self.after.get(name)
            if old != new and (old or new):
                rows.append((str(label), shown(name, old), shown(name, new)))
        return rows
