"""Platform complaints (恶意买家投诉), their audit trail, evidence files and evidence packs.

Nothing here is ever deleted: every foreign key protects its target, and a complaint that
is dropped is *withdrawn*, not removed.
"""

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from complaints.querysets import ComplaintQuerySet, EvidencePackQuerySet, EvidenceQuerySet
from reviews.models import Buyer, Order, Shop


def now():
    """The current time, looked up at call time so a test's frozen clock applies."""
    return timezone.now()


class Complaint(models.Model):
    class Category(models.TextChoices):
        UNPAID = "unpaid", _("恶意拍单不付款")
        BOMBING = "bombing", _("炸店")
        STOCK_LOCK = "stock_lock", _("同行恶拍/占库存")
        REFUND = "refund", _("恶意退款/仅退款")
        ABUSE = "abuse", _("辱骂/骚扰")
        OTHER = "other", _("其他")

    class Status(models.TextChoices):
        DRAFT = "draft", _("草稿")
        SUBMITTED = "submitted", _("已提交")
        REPLIED = "replied", _("平台已回复")
        UPHELD = "upheld", _("投诉成立")
        REJECTED = "rejected", _("投诉驳回")
        WITHDRAWN = "withdrawn", _("已撤回")

    shop = models.ForeignKey(Shop, on_delete=models.PROTECT, related_name="complaints", verbose_name=_("店铺"))
    category = models.CharField(_("投诉类型"), max_length=12, choices=Category.choices)
    title = models.CharField(_("标题"), max_length=200)
    description = models.TextField(_("事情经过"), blank=True)
    buyers = models.ManyToManyField(Buyer, related_name="complaints", verbose_name=_("涉及买家"), blank=True)
    orders = models.ManyToManyField(Order, related_name="complaints", verbose_name=_("涉及订单"))
    platform_ticket_no = models.CharField(_("平台工单号"), max_length=64, blank=True)
    status = models.CharField(_("状态"), max_length=10, choices=Status.choices, default=Status.DRAFT)
    submitted_at = models.DateTimeField(_("提交时间"), null=True, blank=True)
    reply_due_at = models.DateTimeField(_("回复截止"), null=True, blank=True)
    replied_at = models.DateTimeField(_("平台回复时间"), null=True, blank=True)
    reply_text = models.TextField(_("平台回复内容"), blank=True)
    outcome = models.TextField(_("处理结果"), blank=True)
    closed_at = models.DateTimeField(_("结案时间"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="complaints_created",
        verbose_name=_("创建人"),
    )
    created_at = models.DateTimeField(_("创建时间"), default=now)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    objects = ComplaintQuerySet.as_manager()

    class Meta:
        verbose_name = _("平台投诉")
        verbose_name_plural = _("平台投诉")
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["shop", "status", "reply_due_at"], name="complaint_shop_status_due"),
            models.Index(fields=["shop", "-created_at"], name="complaint_shop_created"),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_overdue(self) -> bool:
        """Waiting for the platform past its reply deadline."""
        return (
            self.status == self.Status.SUBMITTED
            and self.reply_due_at is not None
            and self.reply_due_at < timezone.now()
        )

    @property
    def is_due_soon(self) -> bool:
        """Waiting for the platform and the deadline falls before the end of tomorrow."""
        from complaints.querysets import due_soon_limit

        return (
            self.status == self.Status.SUBMITTED
            and self.reply_due_at is not None
            and not self.is_overdue
            and self.reply_due_at <= due_soon_limit()
        )


class ComplaintEvent(models.Model):
    """One thing a person did to a complaint: the audit trail, append-only."""

    class Action(models.TextChoices):
        CREATED = "created", _("创建草稿")
        EDITED = "edited", _("修改内容")
        EVIDENCE_ADDED = "evidence_added", _("添加证据")
        PACK_REQUESTED = "pack_requested", _("生成证据包")
        PACK_DOWNLOADED = "pack_downloaded", _("下载证据包")
        STATUS_CHANGED = "status_changed", _("状态变更")
        COMPENSATED = "compensated", _("记录平台赔付")
        LEGAL_RECORDED = "legal_recorded", _("记录法律跟进")

    complaint = models.ForeignKey(Complaint, on_delete=models.PROTECT, related_name="events", verbose_name=_("投诉"))
    action = models.CharField(_("操作"), max_length=16, choices=Action.choices)
    from_status = models.CharField(_("原状态"), max_length=10, choices=Complaint.Status.choices, blank=True)
    to_status = models.CharField(_("新状态"), max_length=10, choices=Complaint.Status.choices, blank=True)
    note = models.TextField(_("说明"), blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="complaint_events",
        verbose_name=_("操作人"),
    )
    created_at = models.DateTimeField(_("时间"), default=now)

    class Meta:
        verbose_name = _("投诉记录")
        verbose_name_plural = _("投诉记录")
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.complaint_id} {self.action} {self.to_status}"


def evidence_path(instance: "Evidence", filename: str) -> str:
    """A random name under evidence/: the original name is kept only in the database."""
    return f"evidence/{instance.complaint.shop_id}/{uuid.uuid4().hex}{instance.extension}"


def thumbnail_path(instance: "Evidence", filename: str) -> str:
    return f"evidence/{instance.complaint.shop_id}/thumbs/{uuid.uuid4().hex}.png"


class Evidence(models.Model):
    """One file attached to a complaint, its type checked from its content on upload."""

    class Kind(models.TextChoices):
        SCREENSHOT = "screenshot", _("截图")
        CHAT = "chat", _("聊天记录")
        LOGISTICS = "logistics", _("物流凭证")
        LEGAL = "legal", _("法律文书")
        OTHER = "other", _("其他")

    complaint = models.ForeignKey(Complaint, on_delete=models.PROTECT, related_name="evidence", verbose_name=_("投诉"))
    kind = models.CharField(_("证据类型"), max_length=12, choices=Kind.choices, default=Kind.SCREENSHOT)
    caption = models.CharField(_("说明"), max_length=200, blank=True)
    file = models.FileField(_("文件"), upload_to=evidence_path, max_length=200)
    thumbnail = models.FileField(_("缩略图"), upload_to=thumbnail_path, max_length=200, blank=True)
    # A document of the complaint's legal follow-up (起诉状, 判决书...), attached after it was upheld.
    legal_action = models.ForeignKey(
        "LegalAction",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="documents",
        verbose_name=_("法律跟进"),
    )
    original_name = models.CharField(_("原文件名"), max_length=255)
    size = models.PositiveBigIntegerField(_("大小(字节)"))
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    content_type = models.CharField(_("文件类型"), max_length=64)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="evidence_uploaded",
        verbose_name=_("上传人"),
    )
    uploaded_at = models.DateTimeField(_("上传时间"), default=now)

    objects = EvidenceQuerySet.as_manager()

    class Meta:
        verbose_name = _("证据文件")
        verbose_name_plural = _("证据文件")
        ordering = ["uploaded_at", "pk"]

    def __str__(self) -> str:
        return self.original_name

    @property
    def extension(self) -> str:
        from complaints.uploads import EXTENSION_FOR_TYPE

        return EXTENSION_FOR_TYPE.get(self.content_type, "")

    @property
    def is_image(self) -> bool:
        return self.content_type.startswith("image/")

    @property
    def shop_id(self) -> int:
        return self.complaint.shop_id


class EvidencePack(models.Model):
    """A ZIP of a complaint's summary, orders and files, built by a background job."""

    class Status(models.TextChoices):
        PENDING = "pending", _("排队中")
        RUNNING = "running", _("生成中")
        DONE = "done", _("已完成")
        FAILED = "failed", _("失败")

    complaint = models.ForeignKey(Complaint, on_delete=models.PROTECT, related_name="packs", verbose_name=_("投诉"))
    status = models.CharField(_("状态"), max_length=8, choices=Status.choices, default=Status.PENDING)
    progress = models.PositiveSmallIntegerField(_("进度(%)"), default=0)
    file = models.FileField(_("文件"), upload_to="evidence/packs/", max_length=200, blank=True)
    size = models.PositiveBigIntegerField(_("大小(字节)"), default=0)
    sha256 = models.CharField(_("SHA-256"), max_length=64, blank=True)
    error = models.TextField(_("错误"), blank=True)
    # Built for a reviewer: phones, receivers and street detail masked. Only a manager or admin
    # asks for (and may download) a full one.
    masked = models.BooleanField(_("脱敏"), default=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("创建人")
    )
    created_at = models.DateTimeField(_("创建时间"), default=now)
    finished_at = models.DateTimeField(_("完成时间"), null=True, blank=True)

    objects = EvidencePackQuerySet.as_manager()

    class Meta:
        verbose_name = _("证据包")
        verbose_name_plural = _("证据包")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"pack {self.pk} of complaint {self.complaint_id}"

    @property
    def download_name(self) -> str:
        return f"evidence-pack-{self.complaint_id}-{self.pk}.zip"

    @property
    def is_finished(self) -> bool:
        return self.status in (self.Status.DONE, self.Status.FAILED)


class Compensation(models.Model):
    """Money the platform paid the shop for an upheld complaint; one row per payment, never edited."""

    complaint = models.ForeignKey(
        Complaint, on_delete=models.PROTECT, related_name="compensations", verbose_name=_("投诉")
    )
    amount = models.DecimalField(_("赔付金额(元)"), max_digits=12, decimal_places=2)
    received_on = models.DateField(_("到账日期"))
    note = models.CharField(_("备注"), max_length=500, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("记录人")
    )
    recorded_at = models.DateTimeField(_("记录时间"), default=now)

    class Meta:
        verbose_name = _("平台赔付")
        verbose_name_plural = _("平台赔付")
        ordering = ["received_on", "pk"]

    def __str__(self) -> str:
        return f"{self.complaint_id} ¥{self.amount} {self.received_on}"


class LegalAction(models.Model):
    """The legal follow-up of an upheld complaint (one per complaint), updated as the case moves on."""

    class Status(models.TextChoices):
        PREPARING = "preparing", _("准备材料")
        FILED = "filed", _("已起诉/已报案")
        IN_PROGRESS = "in_progress", _("审理中")
        WON = "won", _("胜诉")
        SETTLED = "settled", _("调解/和解")
        LOST = "lost", _("败诉")
        DROPPED = "dropped", _("已放弃")

    complaint = models.OneToOneField(
        Complaint, on_delete=models.PROTECT, related_name="legal_action", verbose_name=_("投诉")
    )
    status = models.CharField(_("进展"), max_length=12, choices=Status.choices, default=Status.PREPARING)
    filed_on = models.DateField(_("立案/报案日期"), null=True, blank=True)
    case_no = models.CharField(_("案号/报案回执号"), max_length=100, blank=True)
    outcome = models.TextField(_("结果"), blank=True)
    recovered_amount = models.DecimalField(_("追回金额(元)"), max_digits=12, decimal_places=2, default=0)
    recovered_on = models.DateField(_("追回日期"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("创建人")
    )
    created_at = models.DateTimeField(_("创建时间"), default=now)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    class Meta:
        verbose_name = _("法律跟进")
        verbose_name_plural = _("法律跟进")

    def __str__(self) -> str:
        return f"{self.complaint_id} {self.status}"
