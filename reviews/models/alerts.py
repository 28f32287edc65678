"""Alerts: per-shop settings, channels, mutes, the alerts raised and each delivery attempt."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from reviews.models.shops import Shop


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
