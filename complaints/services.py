"""The only code that writes complaints, their evidence and their packs.

Each function runs in one transaction and writes a ComplaintEvent for what the person did.
Status changes follow TRANSITIONS; anything else raises ValidationError with a Chinese
message the page shows as is. Who may call what is in ACTION_ROLES (views check it).
"""

from collections.abc import Iterable, Sequence
from datetime import date, datetime
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from complaints.deadlines import reply_due_for
from complaints.models import Compensation, Complaint, ComplaintEvent, Evidence, EvidencePack, LegalAction
from complaints.signals import complaint_upheld
from complaints.uploads import CheckedFile, check_uploads
from reviews.models import Buyer, CreditEvent, Order, Role, Shop
from reviews.services.scoring import credit_event_record
from shieldsite.queues import enqueue

S = Complaint.Status
TRANSITIONS: dict[str, set[str]] = {
    S.DRAFT: {S.SUBMITTED, S.WITHDRAWN},
    S.SUBMITTED: {S.REPLIED, S.WITHDRAWN},
    S.REPLIED: {S.UPHELD, S.REJECTED, S.WITHDRAWN},
    S.UPHELD: set(),
    S.REJECTED: set(),
    S.WITHDRAWN: set(),
}
# The least role that may do each thing to a complaint of their shop.
ACTION_ROLES = {
    "draft": Role.REVIEWER,
    "add_evidence": Role.REVIEWER,
    "build_pack": Role.REVIEWER,
    # A pack with buyers' full phones, names and addresses; below this role packs are masked.
    "full_pack": Role.MANAGER,
    "submit": Role.MANAGER,
    "reply": Role.MANAGER,
    "close": Role.MANAGER,
    "withdraw": Role.MANAGER,
    # Compensation from the platform and the legal follow-up of an upheld complaint.
    "compensate": Role.MANAGER,
    "legal": Role.MANAGER,
}
CLOSED = {S.UPHELD, S.REJECTED, S.WITHDRAWN}


def _locked(complaint: Complaint) -> Complaint:
    """The complaint re-read under a row lock, so two people never move it at once."""
    return Complaint.objects.select_for_update().get(pk=complaint.pk)


def _move(complaint: Complaint, *, to: str, user, note: str = "") -> ComplaintEvent:
    if to not in TRANSITIONS[complaint.status]:
        raise ValidationError(
            _("投诉当前是「%(current)s」，不能改为「%(target)s」。")
            % {"current": complaint.get_status_display(), "target": S(to).label}
        )
    event = ComplaintEvent.objects.create(
        complaint=complaint,
        action=ComplaintEvent.Action.STATUS_CHANGED,
        from_status=complaint.status,
        to_status=to,
        note=note,
        user=user,
    )
    complaint.status = to
    return event


def _check_orders(shop: Shop, orders: Iterable[Order]) -> list[Order]:
    """The orders a complaint may name: at least one, all of this shop, at most the limit.

    Every way orders reach a complaint (the form, the order numbers box, editing a draft)
    comes through here, so a complaint never becomes an export of the whole shop.
    """
    orders = list(dict.fromkeys(orders))
    if not orders:
        raise ValidationError(_("请至少选择一个涉及的订单：没有订单的投诉平台不会受理。"))
    limit = settings.SHIELD_COMPLAINT_MAX_ORDERS
    if len(orders) > limit:
        raise ValidationError(
            _("一个投诉最多关联 %(limit)d 个订单，请拆分为多个投诉（本次选了 %(count)d 个）。")
            % {"limit": limit, "count": len(orders)}
        )
    if any(order.shop_id != shop.pk for order in orders):
        raise ValidationError(_("所选订单不属于本店铺。"))
    return orders


def _buyer_ids(shop: Shop, orders: list[Order], buyers: Iterable[Buyer]) -> set[int]:
    """The chosen buyers plus the buyers of the chosen orders."""
    buyers = list(buyers)
    if any(buyer.shop_id != shop.pk for buyer in buyers):
        raise ValidationError(_("所选买家不属于本店铺。"))
    return {buyer.pk for buyer in buyers} | {order.buyer_id for order in orders if order.buyer_id}


def _file_kinds(files: Sequence, kind: str, kinds: Sequence[str]) -> list[str]:
    """Each file's evidence type: its own where the person chose one per file, else the upload's."""
    return list(kinds) if kinds else [kind] * len(files)


def _store_evidence(
    complaint: Complaint,
    checked: list[CheckedFile],
    *,
    user,
    kinds: list[str],
    caption: str,
    legal_action: LegalAction | None = None,
) -> list[Evidence]:
    """Write the checked files under random names, then their rows; on failure remove the files.

    Called last in a service, after every check and every other write, so the only thing
    that can still fail after the files exist is this function itself.
    """
    written: list[str] = []
    items = []
    try:
        for item, kind in zip(checked, kinds, strict=True):
            evidence = Evidence(
                complaint=complaint,
                legal_action=legal_action,
                kind=kind,
                caption=caption,
                original_name=item.original_name,
                size=item.size,
                sha256=item.sha256,
                content_type=item.content_type,
                uploaded_by=user,
            )
            evidence.file.save(item.original_name, item.upload, save=False)
            written.append(evidence.file.name)
            if item.thumbnail:
                evidence.thumbnail.save("thumb.png", ContentFile(item.thumbnail), save=False)
                written.append(evidence.thumbnail.name)
            items.append(evidence)
        Evidence.objects.bulk_create(items)
    except BaseException:
        for name in written:
            Evidence.file.field.storage.delete(name)
        raise
    return items


@transaction.atomic
def complaint_create(
    *,
    shop: Shop,
    user,
    category: str,
    title: str,
    orders: Iterable[Order],
    description: str = "",
    buyers: Iterable[Buyer] = (),
    files: list[UploadedFile] = (),
    evidence_kind: str = Evidence.Kind.SCREENSHOT,
    evidence_kinds: Sequence[str] = (),
    caption: str = "",
) -> Complaint:
    """Start a draft complaint about these orders (their buyers are added), with optional files,
    each of the upload's type (``evidence_kind``) or of its own (``evidence_kinds``, in order)."""
    orders = _check_orders(shop, orders)
    buyer_ids = _buyer_ids(shop, orders, buyers)
    kinds = _file_kinds(files, evidence_kind, evidence_kinds)
    checked = check_uploads(list(files), kinds=kinds, already_stored=0)
    complaint = Complaint.objects.create(
        shop=shop, category=category, title=title, description=description, created_by=user
    )
    complaint.orders.set(orders)
    complaint.buyers.set(buyer_ids)
    ComplaintEvent.objects.create(
        complaint=complaint, action=ComplaintEvent.Action.CREATED, to_status=S.DRAFT, user=user
    )
    if checked:
        _evidence_event(complaint, checked, user=user)
        _store_evidence(complaint, checked, user=user, kinds=kinds, caption=caption)
    return complaint


def _evidence_event(complaint: Complaint, checked: list[CheckedFile], *, user) -> None:
    ComplaintEvent.objects.create(
        complaint=complaint,
        action=ComplaintEvent.Action.EVIDENCE_ADDED,
        note="、".join(item.original_name for item in checked),
        user=user,
    )


@transaction.atomic
def complaint_update(
    *,
    complaint: Complaint,
    user,
    category: str,
    title: str,
    orders: Iterable[Order],
    description: str = "",
    buyers: Iterable[Buyer] = (),
) -> Complaint:
    """Change a draft's content; once submitted, what the platform received stays as it was."""
    complaint = _locked(complaint)
    if complaint.status != S.DRAFT:
        raise ValidationError(_("只有草稿可以修改；已提交的投诉请在平台上补充说明。"))
    orders = _check_orders(complaint.shop, orders)
    buyer_ids = _buyer_ids(complaint.shop, orders, buyers)
    complaint.category, complaint.title, complaint.description = category, title, description
    complaint.save(update_fields=["category", "title", "description", "updated_at"])
    complaint.orders.set(orders)
    complaint.buyers.set(buyer_ids)
    ComplaintEvent.objects.create(complaint=complaint, action=ComplaintEvent.Action.EDITED, user=user)
    return complaint


@transaction.atomic
def evidence_add(
    *,
    complaint: Complaint,
    user,
    files: list[UploadedFile],
    kind: str = Evidence.Kind.SCREENSHOT,
    kinds: Sequence[str] = (),
    caption: str = "",
) -> list[Evidence]:
    """Attach files to an open complaint: all of them pass every check, or none is saved. Each
    file is of the upload's type (``kind``) or of its own (``kinds``, in the files' order)."""
    complaint = _locked(complaint)
    if complaint.status in CLOSED:
        raise ValidationError(_("投诉已结案，不能再添加证据。"))
    if not files:
        raise ValidationError(_("请选择要上传的文件。"))
    stored = sum(complaint.evidence.values_list("size", flat=True))
    kinds = _file_kinds(files, kind, kinds)
    checked = check_uploads(list(files), kinds=kinds, already_stored=stored)
    _evidence_event(complaint, checked, user=user)
    return _store_evidence(complaint, checked, user=user, kinds=kinds, caption=caption)


def _not_in_future(moment: datetime, label: str) -> None:
    if moment > timezone.now():
        raise ValidationError(_("%(label)s不能晚于现在。") % {"label": label})


@transaction.atomic
def complaint_submit(
    *, complaint: Complaint, user, platform_ticket_no: str = "", submitted_at: datetime | None = None
) -> Complaint:
    """Record that the complaint was filed on the platform; the reply deadline starts now."""
    complaint = _locked(complaint)
    submitted_at = submitted_at or timezone.now()
    _not_in_future(submitted_at, _("提交时间"))
    if submitted_at < complaint.created_at:
        raise ValidationError(_("提交时间不能早于投诉创建时间。"))
    _move(complaint, to=S.SUBMITTED, user=user, note=platform_ticket_no)
    complaint.platform_ticket_no = platform_ticket_no
    complaint.submitted_at = submitted_at
    complaint.reply_due_at = reply_due_for(submitted_at)
    complaint.save(update_fields=["status", "platform_ticket_no", "submitted_at", "reply_due_at", "updated_at"])
    return complaint


@transaction.atomic
def complaint_record_reply(
    *, complaint: Complaint, user, reply_text: str, replied_at: datetime | None = None
) -> Complaint:
    """Record the platform's answer; it cannot predate the submission."""
    complaint = _locked(complaint)
    replied_at = replied_at or timezone.now()
    if complaint.submitted_at and replied_at < complaint.submitted_at:
        raise ValidationError(
            _("平台回复时间不能早于提交时间（%(at)s）。")
            % {"at": timezone.localtime(complaint.submitted_at).strftime("%Y-%m-%d %H:%M")}
        )
    _not_in_future(replied_at, _("平台回复时间"))
    _move(complaint, to=S.REPLIED, user=user, note=reply_text)
    complaint.replied_at = replied_at
    complaint.reply_text = reply_text
    complaint.save(update_fields=["status", "replied_at", "reply_text", "updated_at"])
    return complaint


@transaction.atomic
def complaint_close(*, complaint: Complaint, user, result: str, outcome: str = "") -> Complaint:
    """Close a replied complaint as upheld or rejected.

    Upheld writes a ``complaint_upheld`` credit event for each buyer concerned (in this
    transaction, so outcome and score change are saved together) and sends the
    ``complaint_upheld`` signal once; a rejected complaint is simply kept for the record.
    """
    if result not in (S.UPHELD, S.REJECTED):
        raise ValidationError(_("结案结果只能是投诉成立或投诉驳回。"))
    complaint = _locked(complaint)
    _move(complaint, to=result, user=user, note=outcome)
    complaint.outcome = outcome
    complaint.closed_at = timezone.now()
    complaint.save(update_fields=["status", "outcome", "closed_at", "updated_at"])
    if result == S.UPHELD:
        for buyer in complaint.buyers.all():
            credit_event_record(
                buyer=buyer,
                kind=CreditEvent.Kind.COMPLAINT_UPHELD,
                reason=_("投诉成立：%(title)s") % {"title": complaint.title},
                created_by=user,
            )
        complaint_upheld.send(sender=Complaint, complaint=complaint, user=user)
    return complaint


@transaction.atomic
def complaint_withdraw(*, complaint: Complaint, user, note: str = "") -> Complaint:
    """Drop a complaint that has not been decided; it stays on record as withdrawn."""
    complaint = _locked(complaint)
    _move(complaint, to=S.WITHDRAWN, user=user, note=note)
    complaint.closed_at = timezone.now()
    complaint.save(update_fields=["status", "closed_at", "updated_at"])
    return complaint


@transaction.atomic
def evidence_pack_request(*, complaint: Complaint, user, masked: bool = True) -> EvidencePack:
    """Ask for a fresh evidence pack; a background job builds it once this commits.

    A masked pack (the default) shows buyers' phones, names and addresses the way the platform
    masks them; the caller passes ``masked=False`` only for someone holding ``full_pack``.
    """

    complaint = _locked(complaint)
    pack = EvidencePack.objects.create(complaint=complaint, created_by=user, masked=masked)
    ComplaintEvent.objects.create(
        complaint=complaint,
        action=ComplaintEvent.Action.PACK_REQUESTED,
        note=_("脱敏") if masked else _("完整"),
        user=user,
    )
    enqueue("default", "complaints.jobs.build_evidence_pack", pack.pk, job_id=f"pack-{pack.pk}")
    return pack


def evidence_pack_downloaded(*, pack: EvidencePack, user) -> ComplaintEvent:
    """Record who downloaded which pack of the complaint: the pack holds buyers' personal data."""
    kind = _("脱敏") if pack.masked else _("完整")
    return ComplaintEvent.objects.create(
        complaint_id=pack.complaint_id,
        action=ComplaintEvent.Action.PACK_DOWNLOADED,
        note=_("证据包 #%(pk)d（%(kind)s）") % {"pk": pack.pk, "kind": kind},
        user=user,
    )


def _require_upheld(complaint: Complaint) -> None:
    """Recovery follows a complaint the platform upheld; nothing is recovered on the others."""
    if complaint.status != S.UPHELD:
        raise ValidationError(
            _("只有「投诉成立」的投诉可以记录赔付和法律跟进（当前：%(status)s）。")
            % {"status": complaint.get_status_display()}
        )


def _not_future_day(day: date | None, label: str) -> None:
    if day and day > timezone.localdate():
        raise ValidationError(_("%(label)s不能晚于今天。") % {"label": label})


@transaction.atomic
def compensation_record(
    *, complaint: Complaint, user, amount: Decimal, received_on: date, note: str = ""
) -> Compensation:
    """Record one payment the platform made to the shop for an upheld complaint (audited)."""
    complaint = _locked(complaint)
    _require_upheld(complaint)
    if amount is None or amount <= 0:
        raise ValidationError(_("赔付金额必须大于 0。"))
    _not_future_day(received_on, _("到账日期"))
    compensation = Compensation.objects.create(
        complaint=complaint, amount=amount, received_on=received_on, note=note, recorded_by=user
    )
    ComplaintEvent.objects.create(
        complaint=complaint,
        action=ComplaintEvent.Action.COMPENSATED,
        note=_("¥%(amount)s，%(day)s 到账") % {"amount": amount, "day": received_on.isoformat()}
        + (f"：{note}" if note else ""),
        user=user,
    )
    return compensation


@transaction.atomic
def legal_action_record(
    *,
    complaint: Complaint,
    user,
    status: str,
    filed_on: date | None = None,
    case_no: str = "",
    outcome: str = "",
    recovered_amount: Decimal = Decimal(0),
    recovered_on: date | None = None,
    files: list[UploadedFile] = (),
    caption: str = "",
) -> LegalAction:
    """Start or update the legal follow-up of an upheld complaint, with its documents (法律文书)
    kept as the complaint's evidence. Each change is audited with what it now says."""
    complaint = _locked(complaint)
    _require_upheld(complaint)
    recovered_amount = recovered_amount or Decimal(0)
    if recovered_amount < 0:
        raise ValidationError(_("追回金额不能为负数。"))
    if recovered_amount and not recovered_on:
        raise ValidationError(_("填写了追回金额，请同时填写追回日期。"))
    _not_future_day(filed_on, _("立案/报案日期"))
    _not_future_day(recovered_on, _("追回日期"))
    kinds = [Evidence.Kind.LEGAL] * len(files)
    stored = sum(complaint.evidence.values_list("size", flat=True))
    checked = check_uploads(list(files), kinds=kinds, already_stored=stored)
    legal = LegalAction.objects.filter(complaint=complaint).first() or LegalAction(complaint=complaint, created_by=user)
    before = legal.get_status_display() if legal.pk else ""
    legal.status, legal.filed_on, legal.case_no, legal.outcome = status, filed_on, case_no, outcome
    legal.recovered_amount, legal.recovered_on = recovered_amount, recovered_on
    legal.save()
    progress = legal.get_status_display()
    summary = f"{before} → {progress}" if before and before != progress else progress
    if recovered_amount:
        summary += _("，追回 ¥%(amount)s") % {"amount": recovered_amount}
    if outcome:
        summary += f"：{outcome}"
    ComplaintEvent.objects.create(
        complaint=complaint, action=ComplaintEvent.Action.LEGAL_RECORDED, note=summary, user=user
    )
    if checked:
        _evidence_event(complaint, checked, user=user)
        _store_evidence(complaint, checked, user=user, kinds=kinds, caption=caption, legal_action=legal)
    return legal
