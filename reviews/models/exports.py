"""The record of every file of buyers' data that left Shield: order and blacklist exports."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from reviews.models.shops import Shop


class ExportEvent(models.Model):
    """One export a person downloaded: who, when, what and how many rows. Append-only.

    Evidence-pack downloads are recorded on their complaint (``ComplaintEvent``), which names it.
    """

    class Kind(models.TextChoices):
        ORDERS = "orders", _("订单导出")
        BLACKLIST = "blacklist", _("黑名单导出")

    shop = models.ForeignKey(Shop, on_delete=models.PROTECT, related_name="exports", verbose_name=_("店铺"))
    kind = models.CharField(_("导出内容"), max_length=10, choices=Kind.choices)
    file_format = models.CharField(_("格式"), max_length=8)
    rows = models.PositiveIntegerField(_("行数"))
    query = models.CharField(_("筛选条件"), max_length=500, blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="exports", verbose_name=_("导出人")
    )
    created_at = models.DateTimeField(_("导出时间"), default=timezone.now)

    class Meta:
        verbose_name = _("导出记录")
        verbose_name_plural = _("导出记录")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["shop", "-created_at"], name="exportevent_shop_time")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.rows} by {self.user_id}"
