"""The record of every time someone unmasked one order's buyer data on a page."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from reviews.models.orders import Order
from reviews.models.shops import Shop


class RevealEvent(models.Model):
    """One click on 显示完整信息: who saw which order's full phone, name and address, and when.
    Append-only; a recent one keeps the order unmasked for that person (``revealing.REVEAL_FOR``)."""

    shop = models.ForeignKey(Shop, on_delete=models.PROTECT, related_name="reveals", verbose_name=_("店铺"))
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="reveals", verbose_name=_("查看人")
    )
    order = models.ForeignKey(Order, on_delete=models.PROTECT, related_name="reveals", verbose_name=_("订单"))
    at = models.DateTimeField(_("查看时间"), default=timezone.now)

    class Meta:
        verbose_name = _("完整信息查看记录")
        verbose_name_plural = _("完整信息查看记录")
        ordering = ["-at", "-pk"]
        indexes = [
            models.Index(fields=["shop", "-at"], name="revealevent_shop_time"),
            models.Index(fields=["order", "user", "-at"], name="revealevent_order_user"),
        ]

    def __str__(self) -> str:
        return f"order {self.order_id} by {self.user_id}"
