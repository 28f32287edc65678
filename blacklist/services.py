"""The only code that writes blacklist entries. Every change leaves an ``EntryEvent``.

Who may call what is decided by the views (roles live in ``reviews``, which this app
must not import); these functions trust their caller and check only the data.
"""

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from datetime import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from blacklist.matching import InvalidEntry, entry_keys
from blacklist.models import BlacklistEntry, EntryEvent, EntryHit, Kind, ListType, ReasonCategory, Source


class DuplicateEntry(ValidationError):
    """The value is already on the shop's active list; ``entry`` is the one already there.

    ``earlier_row`` is set when the entry came from an earlier row of the same batch.
    """

    def __init__(self, entry: BlacklistEntry, earlier_row: int | None = None):
        self.entry = entry
        self.earlier_row = earlier_row
        super().__init__(
            {
                "value": ValidationError(
                    _("已有相同的有效条目（#%(pk)s：%(value)s），不会重复添加。"),
                    code="duplicate",
                    params={"pk": entry.pk, "value": entry.value},
                )
            }
        )


def find_duplicate(
    *, shop_id: int, list_type: str, kind: str, key: str, exclude_pk: int | None = None
) -> BlacklistEntry | None:
    """An active entry of the same list, kind and key, if there is one."""
    entries = BlacklistEntry.objects.active().filter(shop_id=shop_id, list_type=list_type, kind=kind, key=key)
    if exclude_pk is not None:
        entries = entries.exclude(pk=exclude_pk)
    return entries.order_by("pk").first()


def _keys_or_error(kind: str, value: str, receiver: str) -> tuple[str, str]:
    try:
        return entry_keys(kind, value, receiver)
    except InvalidEntry as exc:
        raise ValidationError({exc.field: str(exc)}) from None


def _check_expiry(expires_at: datetime | None) -> None:
    if expires_at is not None and expires_at <= timezone.now():
        raise ValidationError({"expires_at": _("到期时间已经过去，请选择将来的时间。")})


ENTRY_FIELDS = ("list_type", "kind", "value", "receiver", "reason_category", "reason", "expires_at")


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
    organization_id: int | None = None,
) -> BlacklistEntry:
    """Add one entry to the block list or the allowlist.

    With ``organization_id`` the entry is shared: it matches in every shop of that merchant.

    Raises ``ValidationError`` (in Chinese, keyed by form field) for bad input, and its
    subclass ``DuplicateEntry`` when the value is already on the shop's active list.
    """
    row = {
        "list_type": list_type,
        "kind": kind,
        "value": value,
        "receiver": receiver,
        "reason_category": reason_category,
        "reason": reason,
        "expires_at": expires_at,
        "organization_id": organization_id,
    }
    [outcome] = blacklist_add_many(shop_id=shop_id, rows=[row], created_by=created_by, source=source)
    if isinstance(outcome, ValidationError):
        raise outcome
    return outcome


@transaction.atomic
def blacklist_add_many(
    *,
    shop_id: int,
    rows: Sequence[Mapping[str, Any]],
    created_by=None,
    source: str = Source.MANUAL,
    dry_run: bool = False,
) -> list[BlacklistEntry | ValidationError]:
    """Add many entries with the checks of ``blacklist_add``, in a few queries for the lot.

    Each row is a mapping of ``ENTRY_FIELDS``. The answer has one outcome per row, in
    order: the new entry, or the ``ValidationError`` that kept it out — a
    ``DuplicateEntry`` when the value is already listed, or listed by an earlier row of
    the same batch (then ``earlier_row`` is that row's index). With ``dry_run`` nothing is
    written and the entries come back unsaved.
    """
    outcomes: list[BlacklistEntry | ValidationError | None] = [None] * len(rows)
    candidates: list[tuple[int, BlacklistEntry]] = []
    for index, row in enumerate(rows):
        try:
            candidates.append((index, _new_entry(shop_id, row, created_by=created_by, source=source)))
        except ValidationError as exc:
            outcomes[index] = exc
    listed: dict[tuple[str, str, str], BlacklistEntry] = {}
    if candidates:
        keys = {entry.key for _index, entry in candidates}
        for entry in BlacklistEntry.objects.active().filter(shop_id=shop_id, key__in=keys).order_by("pk"):
            listed.setdefault((entry.list_type, entry.kind, entry.key), entry)
    first_row: dict[tuple[str, str, str], int] = {}
    new_entries = []
    for index, entry in candidates:
        identity = (entry.list_type, entry.kind, entry.key)
        if identity in first_row:
            outcomes[index] = DuplicateEntry(listed[identity], earlier_row=first_row[identity])
        elif identity in listed:
            outcomes[index] = DuplicateEntry(listed[identity])
        else:
            listed[identity], first_row[identity] = entry, index
            outcomes[index] = entry
            new_entries.append(entry)
    if new_entries and not dry_run:
        BlacklistEntry.objects.bulk_create(new_entries, batch_size=1000)
        EntryEvent.objects.bulk_create(
            [
                EntryEvent(entry=entry, action=EntryEvent.Action.CREATED, user=created_by, note=entry.reason)
                for entry in new_entries
            ],
            batch_size=1000,
        )
    return outcomes


def _new_entry(shop_id: int, row: Mapping[str, Any], *, created_by, source: str) -> BlacklistEntry:
    """An unsaved entry for a row, or ``ValidationError`` keyed by the field at fault."""
    kind = row.get("kind") or ""
    if not kind:
        raise ValidationError({"kind": _("请填写类型（如 手机号、收货人、收货地址）。")})
    value = (row.get("value") or "").strip()
    receiver = (row.get("receiver") or "").strip()
    key, masked_key = _keys_or_error(kind, value, receiver)
    _check_expiry(row.get("expires_at"))
    return BlacklistEntry(
        shop_id=shop_id,
        list_type=row.get("list_type") or ListType.BLOCK,
        kind=kind,
        value=value,
        receiver=receiver,
        key=key,
        masked_key=masked_key,
        reason_category=row.get("reason_category") or ReasonCategory.OTHER,
        reason=(row.get("reason") or "").strip(),
        source=source,
        created_by=created_by,
        expires_at=row.get("expires_at"),
        organization_id=row.get("organization_id"),
    )


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
        except InvalidEntry as exc:
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


# Fields a person may change after adding an entry; the list (block/allow) is not one of
# them: moving a buyer between lists is a removal and a new entry, each with its reason.
# ``organization_id`` shares the entry with every shop of that merchant, or (None) no longer.
EDITABLE_FIELDS = ("kind", "value", "receiver", "reason_category", "reason", "expires_at", "organization_id")


def _for_audit(value):
    return value.isoformat() if isinstance(value, datetime) else value


@transaction.atomic
def blacklist_edit(*, entry: BlacklistEntry, user, note: str = "", **changes) -> BlacklistEntry:
    """Change an entry's value, kind, receiver, reason, expiry or sharing; the keys follow the value.

    Only fields in ``EDITABLE_FIELDS`` may be passed. The event records each changed field
    as ``{field: [before, after]}``; an edit that changes nothing records nothing.
    Raises ``ValidationError`` like ``blacklist_add`` (a duplicate of another active entry
    included); a removed entry cannot be edited.
    """
    unknown = set(changes) - set(EDITABLE_FIELDS)
    if unknown:
        raise TypeError(f"not editable: {sorted(unknown)}")
    entry = BlacklistEntry.objects.select_for_update().get(pk=entry.pk)
    if entry.removed_at is not None:
        raise ValidationError(_("该条目已移除，不能再修改。"))
    for field in ("value", "receiver", "reason"):
        if field in changes:
            changes[field] = (changes[field] or "").strip()
    diff = {
        field: [_for_audit(getattr(entry, field)), _for_audit(new)]
        for field, new in changes.items()
        if getattr(entry, field) != new
    }
    if not diff:
        return entry
    if "expires_at" in diff:
        _check_expiry(changes["expires_at"])
    for field, new in changes.items():
        setattr(entry, field, new)
    if diff.keys() & {"kind", "value", "receiver"}:
        entry.key, entry.masked_key = _keys_or_error(entry.kind, entry.value, entry.receiver)
    if diff.keys() & {"kind", "value", "receiver", "expires_at"}:
        duplicate = find_duplicate(
            shop_id=entry.shop_id, list_type=entry.list_type, kind=entry.kind, key=entry.key, exclude_pk=entry.pk
        )
        if duplicate is not None and entry.is_active:
            raise DuplicateEntry(duplicate)
    entry.save()
    EntryEvent.objects.create(entry=entry, action=EntryEvent.Action.EDITED, user=user, note=note, changes=diff)
    return entry


@transaction.atomic
def blacklist_expire(*, entry: BlacklistEntry, user, note: str = "") -> BlacklistEntry:
    """Let an entry run out now: it stops matching orders but stays listed with its history."""
    entry = BlacklistEntry.objects.select_for_update().get(pk=entry.pk)
    if entry.removed_at is not None or entry.is_expired:
        return entry
    now = timezone.now()
    diff = {"expires_at": [_for_audit(entry.expires_at), _for_audit(now)]}
    entry.expires_at = now
    entry.save(update_fields=["expires_at", "updated_at"])
    EntryEvent.objects.create(entry=entry, action=EntryEvent.Action.EXPIRED, user=user, note=note, changes=diff)
    return entry


def hits_of_orders(order_ids: Iterable[int]) -> dict[int, list[EntryHit]]:
    """The entries that stopped (or let through) these orders, in one query, by order: each
    order's own keys' first, then its linked accounts', newest first, each with its entry and who
    added it. An order without hits maps to an empty list."""
    hits: dict[int, list[EntryHit]] = defaultdict(list)
    rows = EntryHit.objects.filter(order_id__in=list(order_ids)).select_related("entry", "entry__created_by")
    for hit in rows.order_by("linked", "-at", "-pk"):
        hits[hit.order_id].append(hit)
    return hits
