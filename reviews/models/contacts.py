"""Contacting buyers to verify an order (联系买家核实): the shop's message templates and the log."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from reviews.models.orders import Buyer, Order
from reviews.models.shops import Shop


class ContactTemplate(models.Model):
    """A message a reviewer sends a buyer, written by the shop's admins. Placeholders such as
    ``{订单号}`` are filled in when shown (``contacting.PLACEHOLDERS``). Retired, never deleted:
    the log keeps pointing at what was used."""

    shop = models.ForeignKey(Shop, on_delete=models.PROTECT, related_name="contact_templates", verbose_name=_("店铺"))
    title = models.CharField(_("标题"), max_length=50)
    text = models.TextField(_("话术内容"), max_length=1000)
    active = models.BooleanField(_("启用"), default=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("创建人")
    )
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("最后修改人")
    )
    updated_at = models.DateTimeField(_("最后修改时间"), auto_now=True)

    class Meta:
        verbose_name = _("联系话术模板")
        verbose_name_plural = _("联系话术模板")
        ordering = ["shop", "-active", "pk"]
        constraints = [models.UniqueConstraint(fields=["shop", "title"], name="contacttemplate_unique_shop_title")]

    def __str__(self) -> str:
        return self.title


class ContactAttempt(models.Model):
    """One time a reviewer contacted a buyer about an order (or about the buyer as a whole).
    An audit record (who, when, which words were sent): never edited, never deleted."""

    class Channel(models.TextChoices):
        PLATFORM = "platform", _("平台消息")
        PHONE = "phone", _("电话")
        SMS = "sms", _("短信")
        OTHER = "other", _("其他")

    class Outcome(models.TextChoices):
        CONFIRMED = "confirmed", _("确认真实购买")
        NO_ANSWER = "no_answer", _("无人应答")
        ADMITTED = "admitted", _("承认恶意")
        REFUSED = "refused", _("拒绝配合")

    shop = models.ForeignKey(Shop, on_delete=models.PROTECT, related_name="contact_attempts", verbose_name=_("店铺"))
    buyer = models.ForeignKey(
        Buyer,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="contact_attempts",
        verbose_name=_("买家"),
    )
    order = models.ForeignKey(
        Order,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="contact_attempts",
        verbose_name=_("订单"),
    )
    channel = models.CharField(_("联系方式"), max_length=10, choices=Channel.choices)
    template = models.ForeignKey(
        ContactTemplate,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="attempts",
        verbose_name=_("所用话术"),
    )
    # The words as sent, placeholders filled: a template edited later does not rewrite history.
    message = models.TextField(_("发送内容"), blank=True)
    outcome = models.CharField(_("联系结果"), max_length=10, choices=Outcome.choices)
    note = models.TextField(_("备注"), blank=True, max_length=1000)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("联系人")
    )
    created_at = models.DateTimeField(_("联系时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("联系买家记录")
        verbose_name_plural = _("联系买家记录")
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["order", "-created_at"], name="contactattempt_order_time"),
            models.Index(fields=["buyer", "-created_at"], name="contactattempt_buyer_time"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(order__isnull=False) | models.Q(buyer__isnull=False),
                name="contactattempt_about_someone",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_channel_display()} {self.get_outcome_display()}"
