"""The only code that writes blacklist entries. Every change leaves an ``EntryEvent``."""

from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from blacklist.matching import entry_keys
from blacklist.models import BlacklistEntry, EntryEvent, Kind, ListType, ReasonCategory, Source


def find_duplicate(*, shop_id: int, list_type: str, kind: str, key: str) -> BlacklistEntry | None:
    """An active entry of the same list, kind and key, if there is one."""
    return (
        BlacklistEntry.objects.active()
        .filter(shop_id=shop_id, list_type=list_type, kind=kind, key=key)
        .order_by("pk")
        .first()
    )


@transaction.atomic
def blacklist_add(
    *,
    shop_id: int,
    kind: str,
    value: str,
    created_by=None,
    receiver: str = "",
    list_type: str = ListType.BLOCK,
    reason_category: str = ReasonCategory.OTHER,
    reason: str = "",
    source: str = Source.MANUAL,
    expires_at: datetime | None = None,
) -> BlacklistEntry:
    """Add one entry. Raises ``ValidationError`` (in Chinese) for bad input or a duplicate."""
    try:
        key, masked_key = entry_keys(kind, value, receiver)
    except ValueError as exc:
        raise ValidationError({"value": str(exc)}) from None
    if expires_at is not None and expires_at <= timezone.now():
        raise ValidationError({"expires_at": _("到期时间已经过去，请选择将来的时间。")})
    duplicate = find_duplicate(shop_id=shop_id, list_type=list_type, kind=kind, key=key)
    if duplicate is not None:
        raise ValidationError(
            {"value": _("已有相同的有效条目（#%(pk)s：%(value)s）。") % {"pk": duplicate.pk, "value": duplicate.value}},
            code="duplicate",
        )
    entry = BlacklistEntry.objects.create(
        shop_id=shop_id,
        list_type=list_type,
        kind=kind,
        value=value.strip(),
        receiver=receiver.strip(),
        key=key,
        masked_key=masked_key,
        reason_category=reason_category,
        reason=reason,
        source=source,
        created_by=created_by,
        expires_at=expires_at,
    )
    EntryEvent.objects.create(entry=entry, action=EntryEvent.Action.CREATED, user=created_by, note=reason)
    return entry


@transaction.atomic
def blacklist_add_for_buyer(
    *,
    shop_id: int,
    values: dict[str, str],
    created_by=None,
    receiver: str = "",
    reason_category: str = ReasonCategory.OTHER,
    reason: str = "",
    source: str = Source.DECISION,
    expires_at: datetime | None = None,
) -> list[BlacklistEntry]:
    """Blacklist a buyer by several keys at once (``{Kind.PHONE: "138...", Kind.ADDRESS: "..."}``).

    Keys that are already on the active list are skipped, not duplicated; keys too weak
    to match (a masked phone without a name, an address too short) raise ``ValidationError``.
    """
    entries = []
    for kind, value in values.items():
        if not (value or "").strip():
            continue
        try:
            key, _masked = entry_keys(kind, value, receiver)
        except ValueError as exc:
            raise ValidationError({kind: str(exc)}) from None
        if find_duplicate(shop_id=shop_id, list_type=ListType.BLOCK, kind=kind, key=key):
            continue
        entries.append(
            blacklist_add(
                shop_id=shop_id,
                kind=kind,
                value=value,
                receiver=receiver if kind in (Kind.PHONE, Kind.RECEIVER_ADDRESS) else "",
                created_by=created_by,
                reason_category=reason_category,
                reason=reason,
                source=source,
                expires_at=expires_at,
            )
        )
    return entries


@transaction.atomic
def blacklist_remove(*, entry: BlacklistEntry, user, note: str = "") -> BlacklistEntry:
    """Take an entry off the list. Soft: the entry, its hits and its history stay readable."""
    entry = BlacklistEntry.objects.select_for_update().get(pk=entry.pk)
    if entry.removed_at is None:
        entry.removed_at = timezone.now()
        entry.removed_by = user
        entry.save(update_fields=["removed_at", "removed_by", "updated_at"])
        EntryEvent.objects.create(entry=entry, action=EntryEvent.Action.REMOVED, user=user, note=note)
    return entry
