"""Background work staff can watch: order imports, bulk decisions, policy backtests."""

import uuid
from datetime import timedelta
from pathlib import PurePath

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from reviews.models.orders import Decision
from reviews.models.shops import Platform, Shop
from reviews.querysets import ShopScopedQuerySet


def import_upload_path(instance, filename: str) -> str:
    """A random name under MEDIA_ROOT/imports: the merchant's file name is never a path."""
    suffix = PurePath(filename).suffix.lower()[:6]
    return f"imports/{uuid.uuid4().hex}{suffix if suffix in ('.csv', '.xlsx', '.txt', '.tsv') else ''}"


# A dry run nobody confirmed within this long expires: its file is removed, its record kept.
DRY_RUN_TTL = timedelta(hours=24)


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
        EXPIRED = "expired", _("已过期")

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
    # What the dry run saw of the orders' times: the file's span, and how many of its orders a
    # merchant can no longer act on (shipped, completed, or past their shipping cut-off).
    first_ordered_at = models.DateTimeField(_("最早下单"), null=True, blank=True)
    last_ordered_at = models.DateTimeField(_("最晚下单"), null=True, blank=True)
    check_history = models.PositiveIntegerField(_("已发货或已过发货期限"), default=0)
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

    @property
    def platform_mismatch(self) -> bool:
        """The file was recognised as another platform's export than the shop's."""
        return bool(self.platform) and self.platform not in (Platform.OTHER, self.shop.platform)

    @property
    def expires_at(self):
        """When an unconfirmed dry run expires."""
        return self.created_at + DRY_RUN_TTL


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
