"""Which blacklist or allowlist entries hit an order: one query for a whole batch.

Callers describe each order by its raw identity (``keys_for``) and get back the matches.
Keys are ``(kind, normalized key)`` pairs; the same rules normalize entries and orders.

A masked phone (``138****5678``) identifies nobody on its own, so it takes part only
together with the receiver's name, as the key ``"138****5678|林*坤"``. A full phone on
an entry also produces that masked key, so an entry typed from an old export still
catches the same buyer in a privacy export.
"""

import re
from collections import defaultdict
from collections.abc import Hashable, Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime

from django.db import transaction
from django.db.models import Count, Max, OuterRef, Subquery
from django.utils import timezone
from django.utils.translation import gettext as _

from blacklist.models import BlacklistEntry, EntryHit, Kind
from blacklist.normalize import (
    is_masked,
    normalize_address,
    normalize_name,
    normalize_phone,
    receiver_address_key,
    to_halfwidth,
)
from shieldsite.db import prepared_cursor

Key = tuple[str, str]

# What an entry's phone must look like once normalized: a mainland mobile (masked or
# not) or a landline with its area code. Orders are matched leniently; entries are not,
# so a typo like a missing digit is caught while typing instead of never matching.
_PLAUSIBLE_PHONE = re.compile(r"^(1[3-9][0-9*]{9}|0\d{9,11})$")

# An address shorter than this (after normalization) says too little to stop anyone.
MIN_ADDRESS_KEY = 6


def mask_phone(phone: str) -> str:
    """The way platforms mask a phone: first three and last four digits."""
    return f"{phone[:3]}****{phone[-4:]}"


def masked_phone_key(phone: str, receiver: str) -> str:
    name = normalize_name(receiver)
    if not phone or not name or len(phone) < 7:
        return ""
    return f"{mask_phone(phone)}|{name}"


def keys_for(*, buyer_id: str = "", phone: str = "", receiver: str = "", address: str = "") -> frozenset[Key]:
    """The keys an order (or a buyer) can be matched by."""
    keys: set[Key] = set()
    if buyer_id.strip():
        keys.add((Kind.BUYER_ID, to_halfwidth(buyer_id).strip().lower()))
    normalized = normalize_phone(phone)
    if normalized and not is_masked(normalized):
        keys.add((Kind.PHONE, normalized))
    if normalized and receiver:
        key = masked_phone_key(normalized, receiver)
        if key:
            keys.add((Kind.PHONE, key))
    name = normalize_name(receiver)
    if name and not is_masked(name):
        keys.add((Kind.RECEIVER, name))
    place = normalize_address(address)
    if len(place) >= MIN_ADDRESS_KEY:
        keys.add((Kind.ADDRESS, place))
        pair = receiver_address_key(receiver, address)
        if pair:
            keys.add((Kind.RECEIVER_ADDRESS, pair))
    return frozenset(keys)


class InvalidEntry(ValueError):
    """A value that cannot become an entry; ``field`` names the form field at fault."""

    def __init__(self, message: str, field: str = "value"):
        super().__init__(message)
        self.field = field


def entry_keys(kind: str, value: str, receiver: str = "") -> tuple[str, str]:
    """``(key, masked_key)`` for a new entry; raises ``InvalidEntry`` with a message for a person."""
    value = (value or "").strip()
    if not value:
        raise InvalidEntry(_("请填写值。"))
    if kind == Kind.BUYER_ID:
        return to_halfwidth(value).strip().lower(), ""
    if kind == Kind.PHONE:
        phone = normalize_phone(value)
        if not phone or not _PLAUSIBLE_PHONE.match(phone):
            raise InvalidEntry(
                _("“%(value)s”不是有效的手机号：请填写 11 位手机号（可带 +86、空格或横线）或带区号的固话。")
                % {"value": value}
            )
        masked = masked_phone_key(phone, receiver)
        if is_masked(phone):
            if not masked:
                raise InvalidEntry(_("脱敏手机号只能和收货人姓名一起匹配，请填写收货人。"), "receiver")
            return masked, ""
        return phone, masked
    if kind == Kind.RECEIVER:
        name = normalize_name(value)
        if len(name) < 2 or is_masked(name):
            raise InvalidEntry(_("收货人姓名至少两个字，且不能是脱敏姓名。"))
        return name, ""
    if kind in (Kind.ADDRESS, Kind.RECEIVER_ADDRESS):
        place = normalize_address(value)
        if len(place) < MIN_ADDRESS_KEY:
            raise InvalidEntry(_("地址太短，无法可靠匹配：请填写到街道和门牌。"))
        if kind == Kind.ADDRESS:
            return place, ""
        pair = receiver_address_key(receiver, value)
        if not pair:
            raise InvalidEntry(_("“收货人+地址”类型需要同时填写收货人。"), "receiver")
        return pair, ""
    raise InvalidEntry(_("未知的类型：%(kind)s") % {"kind": kind})


@dataclass(frozen=True)
class Match:
    entry_id: int
    list_type: str
    kind: str
    value: str
    reason: str
    linked: bool


def entries_sql(shop: str, organization: str | None) -> str:
    """``BlacklistEntry.objects.active(%(at)s)`` of the shop (and of its organization) whose key or
    masked key is one of ``%(values)s``, as SQL for PostgreSQL; ``shop`` and ``organization``
    are SQL expressions. One branch per index, so a long list costs the same as a short one
    (``(shop OR organization) AND (key OR masked key)`` would read all of a shop's entries)."""
    scopes = [f"shop_id = {shop}"] + ([f"organization_id = {organization}"] if organization else [])
    table = BlacklistEntry._meta.db_table
    hits = " UNION ".join(
        f"SELECT * FROM {table} WHERE {scope} AND {column} = ANY(%(values)s)"
        for scope in scopes
        for column in ("key", "masked_key")
    )
    return (
        f"SELECT {', '.join(ENTRY_COLUMNS)} FROM ({hits}) e "
        "WHERE removed_at IS NULL AND (expires_at IS NULL OR expires_at > %(at)s)"
    )


ENTRY_COLUMNS = ("id", "list_type", "kind", "value", "reason", "key", "masked_key")
# Without an organization the statement has no organization branches: one cached plan fits each.
_SHOP_ENTRIES_SQL = entries_sql("%(shop)s", None)
_SHOP_AND_SHARED_ENTRIES_SQL = entries_sql("%(shop)s", "%(organization)s")


def _wanted(
    keys: Mapping[Hashable, Iterable[Key]], linked_keys: Mapping[Hashable, Iterable[Key]] | None
) -> dict[Key, list[tuple[Hashable, bool]]]:
    wanted: dict[Key, list[tuple[Hashable, bool]]] = defaultdict(list)
    for ref, own in keys.items():
        for key in own:
            wanted[key].append((ref, False))
    for ref, theirs in (linked_keys or {}).items():
        for key in theirs:
            wanted[key].append((ref, True))
    return wanted


def entries_for(
    shop_id: int, values: Iterable[str], *, at: datetime | None = None, organization_id: int | None = None
) -> list[tuple]:
    """Rows (``ENTRY_COLUMNS``) of the active entries of the shop, and of those its merchant shares
    (with ``organization_id``), whose key or masked key is one of ``values``."""
    values = set(values)
    if not values:
        return []
    # The check API asks this once per order: a prepared statement, planned once per connection.
    with prepared_cursor() as cursor:
        params = {"shop": shop_id, "values": sorted(values), "at": at or timezone.now()}
        if organization_id is None:
            cursor.execute(_SHOP_ENTRIES_SQL, params)
        else:
            cursor.execute(_SHOP_AND_SHARED_ENTRIES_SQL, {**params, "organization": organization_id})
        return cursor.fetchall()


def match_entries(
    entries: Iterable[tuple],
    keys: Mapping[Hashable, Iterable[Key]],
    linked_keys: Mapping[Hashable, Iterable[Key]] | None = None,
) -> dict[Hashable, list[Match]]:
    """Which of these entry rows (``ENTRY_COLUMNS``, any superset of the ones that can hit) hit each ref."""
    wanted = _wanted(keys, linked_keys)
    found: dict[Hashable, dict[tuple[int, bool], Match]] = defaultdict(dict)
    for pk, list_type, kind, value, reason, key, masked_key in entries:
        for entry_key in filter(None, (key, masked_key)):
            for ref, linked in wanted.get((kind, entry_key), ()):
                found[ref].setdefault((pk, linked), Match(pk, list_type, kind, value, reason, linked))
    answer: dict[Hashable, list[Match]] = {}
    for ref, by_entry in found.items():
        # An own hit of an entry makes a linked hit of the same entry redundant.
        matches = [m for (pk, linked), m in by_entry.items() if not (linked and (pk, False) in by_entry)]
        answer[ref] = sorted(matches, key=lambda m: (m.linked, m.entry_id))
    return answer


def matches_for(
    shop_id: int,
    keys: Mapping[Hashable, Iterable[Key]],
    linked_keys: Mapping[Hashable, Iterable[Key]] | None = None,
    *,
    at: datetime | None = None,
    organization_id: int | None = None,
) -> dict[Hashable, list[Match]]:
    """Active entries of the shop (and, with ``organization_id``, the entries its merchant shares
    with all of its shops) that hit each ref's keys, in one query.

    ``keys`` maps a caller's ref (an order id, say) to that order's own keys;
    ``linked_keys`` maps the same ref to the keys of buyers linked to it: a hit there is
    reported with ``linked=True``. Refs without a hit are absent from the answer.
    """
    values = {value for _kind, value in _wanted(keys, linked_keys)}
    if not values:
        return {}
    entries = entries_for(shop_id, values, at=at, organization_id=organization_id)
    return match_entries(entries, keys, linked_keys)


@transaction.atomic
def record_hits(hits: Mapping[int, Iterable[tuple[int, bool]]], *, at: datetime | None = None) -> None:
    """Remember which orders each entry hit: ``{entry_id: [(order_id, linked), ...]}``.

    Safe to call twice for the same order: the hit is stored once and counted once.
    """
    at = at or timezone.now()
    rows = [
        EntryHit(entry_id=entry_id, order_id=order_id, linked=linked, at=at)
        for entry_id, pairs in hits.items()
        for order_id, linked in pairs
    ]
    if not rows:
        return
    EntryHit.objects.bulk_create(rows, ignore_conflicts=True, batch_size=2000)
    of_entry = EntryHit.objects.filter(entry=OuterRef("pk")).values("entry")
    BlacklistEntry.objects.filter(pk__in=list(hits)).update(
        hit_count=Subquery(of_entry.annotate(n=Count("pk")).values("n")),
        last_hit_at=Subquery(of_entry.annotate(last=Max("at")).values("last")),
    )
