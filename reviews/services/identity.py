"""Who placed an order: resolve buyers from the strongest key a row carries, and link buyers
that share a phone, an address or a receiver at an address.

Keys, strongest first (``Buyer.KeyKind``):
1. platform buyer id / 会员名 → ``platform_id``, confidence strong;
2. a full (unmasked) phone → ``phone``, strong;
3. a masked phone (``138****5678``) together with a receiver name and an address, or — in a
   privacy export that carries nothing else — together with the region down to the district
   or street (市/区/街道) → ``masked_phone``, confidence masked;
4. receiver + normalized address → ``receiver_address``, weak.
A row with none of these has no buyer. Everything here is set-based: one SELECT per batch for
buyers, one INSERT for the new ones, one SELECT and one INSERT for links.
"""

import json
import re
import time
from collections import defaultdict
from collections.abc import Iterable
from functools import cache, lru_cache
from itertools import combinations

from django.db import connection
from django.db.models import JSONField

from blacklist.matching import mask_phone
from blacklist.normalize import (
    canonical_place,
    is_masked,
    normalize_address,
    normalize_name,
    normalize_phone,
    receiver_address_key,
)
from reviews.models import Buyer, BuyerLink, Order

# An address shared by more buyers than this is a public place (a campus, a big 驿站), not a
# ring: linking every pair would drown the real rings in noise.
LINK_MAX_GROUP = 40
# A phone or address on more orders than this is a pickup point, a front desk or a shared
# number: it links nobody, and a check arriving there must not read all of its orders.
LINK_CROWDED_ORDERS = 20 * LINK_MAX_GROUP


def buyer_key_for(row: dict) -> tuple[str, str, str] | None:
    """(key_kind, key, confidence) for one parsed order row, or None when nothing identifies the buyer."""
    platform_id = row.get("buyer_id") or ""
    if platform_id:
        return Buyer.KeyKind.PLATFORM_ID, platform_id[:255], Buyer.Confidence.STRONG
    phone_key = row.get("phone_key") or ""
    if phone_key and not is_masked(phone_key):
        return Buyer.KeyKind.PHONE, phone_key, Buyer.Confidence.STRONG
    name = normalize_name(row.get("receiver") or "")
    place = row.get("identity_address") or ""
    if phone_key and name and place:
        # The region, not the whole address: a buyer retypes the street detail from order to
        # order, and a masked phone with a name is one person within a district all the same.
        region = masked_region_key(row)
        where = f"@{region}" if region else place
        return Buyer.KeyKind.MASKED_PHONE, f"{phone_key}|{name}|{where}"[:255], Buyer.Confidence.MASKED
    if phone_key and not name:
        region = masked_region_key(row)
        if region:
            return Buyer.KeyKind.MASKED_PHONE, f"{phone_key}|@{region}"[:255], Buyer.Confidence.MASKED
    if name and place:
        return Buyer.KeyKind.RECEIVER_ADDRESS, receiver_address_key(name, place)[:255], Buyer.Confidence.WEAK
    return None


@lru_cache(maxsize=8192)
def _region_key(part: str) -> str:
    return normalize_address(part)


def _masked_phone_place(phone_key: str, row: dict) -> str:
    """A masked phone within its district and street, or "" without them."""
    region = masked_region_key(row)
    return f"{phone_key}|@{region}" if region else ""


def masked_region_key(row: dict) -> str:
    """City + district + street of a privacy-export row, or "" when it says less than a district.

    The province is left out: privacy exports mask it (``****``) in some files and not in
    others, and the city already names it. A masked phone (three + four digits known) is
    shared by about one in ten thousand numbers, so within one district it points at one buyer
    closely enough to count orders — but not surely, hence confidence ``masked``.
    """
    district = _region_key(row.get("district") or "")
    street = row.get("street") or ""
    street = "" if street_is_detail(street) else _region_key(street)
    if not (district or street):
        return ""
    return f"{_region_key(row.get('city') or '')}|{district}|{street}"


def identity_address(row: dict) -> str:
    """The normalized full address used for identity (region parts + detail, masks dropped).

    The region columns are prepended unless the address already starts with them, so
    省/市/区 columns plus a detail and a one-line 收货地址 give the same key.
    """
    address = canonical_place(row.get("address") or "")
    region = [_region_key(row.get(part) or "") for part in ("province", "city", "district", "street")]
    if address and any(part and address.startswith(part) for part in region[:2]):
        return address
    return canonical_place("".join(region) + address)


# What ``identity_keys`` sets on a row.
IDENTITY_KEY_FIELDS = ("phone_key", "identity_address", "address_key")


def identity_keys(row: dict) -> None:
    """Set the keys an order is matched and linked by, from its phone, receiver and address
    fields: ``phone_key`` (normalized, masked or not), ``identity_address`` (for the buyer key) and
    ``address_key`` (only a detailed address links buyers: a bare region, as privacy exports
    give, would link a whole district). Every way in (file rows, the check API) calls this."""
    phone = (row.get("phone") or "").strip().lstrip("'")
    row["phone_key"] = normalize_phone(phone) if phone else ""
    place = identity_address(row)
    row["identity_address"] = place
    if row.get("address") or street_is_detail(row.get("street") or ""):
        row["address_key"] = place[:255] if len(place) >= len(region_prefix(row)) + 4 else ""
    else:
        row["address_key"] = ""


def street_is_detail(street: str) -> bool:
    """A 街道 column that carries the house number (older Pinduoduo exports) is address detail, not
    region (digits, full-width ones included)."""
    return any(ch.isdigit() for ch in street)


# The 街道/镇/乡 a detailed address starts with ("粤海街道科技南路18号3栋"): what is region in a 街道
# column that carries the house number too, or in an address after its 省市区 (\d: any digits).
_LEADING_STREET = re.compile(r"^\D{1,12}?(?:街道|镇|乡)")


def leading_street(text: str) -> str:
    """The 街道/镇/乡 ``text`` starts with, or ""."""
    found = _LEADING_STREET.match(text.strip())
    return found.group() if found else ""


def region_prefix(row: dict) -> str:
    """The normalized region part of a row's address: 省市区, and 街道 unless that column carries the
    detailed address itself (house numbers, as older Pinduoduo exports write it)."""
    parts = ["province", "city", "district"] + ([] if street_is_detail(row.get("street") or "") else ["street"])
    return "".join(_region_key(row.get(part) or "") for part in parts)


def buyers_resolve(*, shop_id: int, rows: list[dict]) -> None:
    """Set ``row["buyer_id_resolved"]`` on every row: existing buyers found with one query, the
    missing ones created with one upsert (safe when two imports create the same buyer at once).
    Also moves each buyer's first_seen_at / last_order_at to cover these orders."""
    wanted: dict[tuple[str, str], dict] = {}
    for row in rows:
        key = row["_buyer_key"] if "_buyer_key" in row else buyer_key_for(row)  # the import computes it ahead
        row["_buyer_key"] = key
        if key is None:
            row["buyer_id_resolved"] = None
            continue
        kind, value, confidence = key
        seen = wanted.get((kind, value))
        at = row.get("ordered_at")
        if seen is None:
            masked = row.get("phone_key") or ""
            if masked and not is_masked(masked) and len(masked) >= 7:
                masked = mask_phone(masked)
            wanted[(kind, value)] = {
                "confidence": confidence,
                "display_name": (row.get("receiver") or "")[:100],
                "masked_phone": masked[:20],
                "first": at,
                "last": at,
            }
        elif at is not None:
            seen["first"] = at if seen["first"] is None else min(seen["first"], at)
            seen["last"] = at if seen["last"] is None else max(seen["last"], at)
    if not wanted:
        return

    if len(wanted) == 1:
        ids = _resolve_one(shop_id, wanted)  # a checked order: one statement instead of three
    else:
        ids = _resolve(shop_id, wanted)
        _widen_buyer_dates(ids, wanted)

    for row in rows:
        key = row.pop("_buyer_key")
        if key is not None:
            row["buyer_id_resolved"] = ids[(key[0], key[1])]


# A list parameter as one JSON text, read in SQL as ``ARRAY(SELECT jsonb_array_elements_text(%s::jsonb))``.
# Django's psycopg binding writes a list into the statement as an array literal, element by
# element in Python, and the planner then estimates every element of ``key = ANY('{...}')``
# against the column's statistics: 45 ms of planning for a batch's 5,000 phones and addresses,
# more than the query itself. One JSON string is encoded in C and the planner cannot look inside.
JSON_ARRAY = "ARRAY(SELECT jsonb_array_elements_text(%s::jsonb))"


def json_list(values: Iterable[str]) -> str:
    return json.dumps(list(values), ensure_ascii=False)


@cache  # a check asks for the same two lists on every call; no default here is a callable
def other_columns(model, provided: frozenset[str]) -> tuple[list[str], list]:
    """The model's columns an insert does not set itself, with their model defaults."""
    columns, defaults = [], []
    for model_field in model._meta.concrete_fields:
        if model_field.primary_key or model_field.generated or model_field.attname in provided:
            continue  # the database fills the generated ones (Order.reason_codes)
        if model_field.has_default() and callable(model_field.default) and model_field.default not in (list, dict):
            raise ValueError(f"{model_field} has a callable default: other_columns would cache one value of it")
        value = model_field.get_default()
        columns.append(model_field.column)
        defaults.append(json.dumps(value) if isinstance(model_field, JSONField) else value)
    return columns, defaults


def _epoch(moment) -> float | None:
    """A datetime as epoch seconds for a JSON parameter, read back with ``to_timestamp``: a
    float keeps microseconds exactly at today's dates and costs a third of ``isoformat``."""
    return None if moment is None else moment.timestamp()


def _resolve(shop_id: int, wanted: dict) -> dict[tuple[str, str], int]:
    """Find the wanted buyers and create the missing ones in two statements with JSON parameters (``JSON_ARRAY``):
    the buyer ids by (kind, key). Dates are widened afterwards, in SQL."""
    table = Buyer._meta.db_table
    ids: dict[tuple[str, str], int] = {}
    with connection.cursor() as cursor:
        # One unique-index probe per key (LIMIT 1 keeps the planner from turning this into a
        # hash join over every buyer of the shop, which grows with the shop, not the batch).
        # The shop is a sub-select so the planner cannot look it up in the statistics: during a
        # new shop's first import they say it has no buyers, and the planner then walked the
        # whole shop through its (shop, restricted) index once per key (1.5 s a batch at 5k buyers).
        cursor.execute(
            "SELECT b.id, b.key_kind, b.key FROM ROWS FROM (jsonb_array_elements_text(%s::jsonb), "
            "jsonb_array_elements_text(%s::jsonb)) AS k(kind, key) CROSS JOIN LATERAL ("
            f"SELECT id, key_kind, key FROM {table} "
            "WHERE shop_id = (SELECT %s::bigint) AND key_kind = k.kind AND key = k.key LIMIT 1) AS b",
            [json_list(kind for kind, _value in wanted), json_list(value for _kind, value in wanted), shop_id],
        )
        for pk, kind, value in cursor.fetchall():
            ids[(kind, value)] = pk
        missing = sorted((key, info) for key, info in wanted.items() if key not in ids)
        if missing:
            # ON CONFLICT: a concurrent import created the buyer since the SELECT; take its id.
            ids.update(_insert_buyers(cursor, shop_id, missing, "DO UPDATE SET key = EXCLUDED.key"))
    return ids


# For one buyer: dates widened on conflict, only when they move (an unchanged buyer is not rewritten).
_WIDEN_ON_CONFLICT = (
    "DO UPDATE SET first_seen_at = least(b.first_seen_at, EXCLUDED.first_seen_at), "
    "last_order_at = greatest(b.last_order_at, EXCLUDED.last_order_at) "
    "WHERE b.first_seen_at IS DISTINCT FROM least(b.first_seen_at, EXCLUDED.first_seen_at) "
    "OR b.last_order_at IS DISTINCT FROM greatest(b.last_order_at, EXCLUDED.last_order_at)"
)


def _resolve_one(shop_id: int, wanted: dict) -> dict[tuple[str, str], int]:
    """One buyer (a checked order) found or created, its dates widened, in one upsert. Only when
    its dates did not move (an order older than its last) is it looked up with a second statement."""
    with connection.cursor() as cursor:
        ids = _insert_buyers(cursor, shop_id, list(wanted.items()), _WIDEN_ON_CONFLICT)
        if not ids:
            ((kind, value),) = wanted
            cursor.execute(
                f"SELECT id FROM {Buyer._meta.db_table} WHERE shop_id = %s AND key_kind = %s AND key = %s",
                [shop_id, kind, value],
            )
            ids[(kind, value)] = cursor.fetchone()[0]
    return ids


def _insert_buyers(cursor, shop_id: int, missing: list, on_conflict: str) -> dict[tuple[str, str], int]:
    """Insert the buyers ``[((kind, key), info), …]`` in key order (ordinality), like every import:
    two at once then wait, not deadlock. Returns the ids the statement gave back."""
    provided = ["shop_id", "key_kind", "key", "confidence", "display_name", "masked_phone", "first_seen_at",
                "last_order_at", "created_at", "updated_at"]  # fmt: skip
    others, defaults = other_columns(Buyer, frozenset(provided))
    placeholders = "".join(", %s" for _ in others)
    given = [
        [kind, value, str(info["confidence"]), info["display_name"], info["masked_phone"],
         _epoch(info["first"]), _epoch(info["last"])]
        for (kind, value), info in missing
    ]  # fmt: skip
    cursor.execute(
        f"INSERT INTO {Buyer._meta.db_table} AS b ({', '.join(provided + others)}) "
        "SELECT %s, e->>0, e->>1, e->>2, e->>3, e->>4, to_timestamp((e->>5)::float8), "
        f"to_timestamp((e->>6)::float8), now(), now(){placeholders} "
        "FROM jsonb_array_elements(%s::jsonb) WITH ORDINALITY AS t(e, n) "
        f"ORDER BY n ON CONFLICT (shop_id, key_kind, key) {on_conflict} RETURNING id, key_kind, key",
        [shop_id, *defaults, json.dumps(given, ensure_ascii=False)],
    )
    return {(kind, value): pk for pk, kind, value in cursor.fetchall()}


def _widen_buyer_dates(ids: dict[tuple[str, str], int], wanted: dict) -> None:
    """Move first_seen_at / last_order_at of the batch's buyers out to cover its orders, in SQL:
    only the buyers whose dates change are locked (in id order, so two imports moving the same
    buyers never deadlock) and written; the dates never travel back to Python."""
    dates = json.dumps([[ids[key], _epoch(info["first"]), _epoch(info["last"])] for key, info in wanted.items()])
    table = Buyer._meta.db_table
    given = (
        "SELECT (e->>0)::bigint AS id, to_timestamp((e->>1)::float8) AS first, "
        "to_timestamp((e->>2)::float8) AS last "
        "FROM jsonb_array_elements(%s::jsonb) AS t(e)"
    )
    widens = (
        "(b.first_seen_at IS DISTINCT FROM least(b.first_seen_at, v.first) "
        "OR b.last_order_at IS DISTINCT FROM greatest(b.last_order_at, v.last))"
    )
    with connection.cursor() as cursor:
        # id = ANY(...) lets the planner fetch just these buyers by primary key.
        cursor.execute(
            f"WITH v AS MATERIALIZED ({given}) SELECT b.id FROM {table} AS b JOIN v ON b.id = v.id "
            f"WHERE b.id = ANY(ARRAY(SELECT id FROM v)) AND {widens} ORDER BY b.id FOR UPDATE OF b",
            [dates],
        )
        locked = [pk for (pk,) in cursor.fetchall()]
        if not locked:
            return
        cursor.execute(
            f"UPDATE {table} AS b SET first_seen_at = least(b.first_seen_at, v.first), "
            f"last_order_at = greatest(b.last_order_at, v.last) FROM ({given}) AS v "
            "WHERE b.id = v.id AND b.id = ANY(%s)",
            [dates, locked],
        )


# Up to this many keys (a checked order, a small sync page) are probed one by one with their
# values in the statement, so PostgreSQL plans each from the key's own statistics.
FEW_KEYS = 20


# Keys found crowded, remembered in this process for an hour: a pickup point that a check
# arrives at again is not counted again (orders are only deleted by retention, months later).
# (shop, column, key) -> when the memory expires (``time.monotonic``).
_crowded: dict[tuple[int, str, str], float] = {}
CROWDED_REMEMBER_SECONDS = 3600.0
CROWDED_REMEMBER_KEYS = 50_000


def crowded_forget() -> None:
    """Forget the crowded keys remembered (as an hour later)."""
    _crowded.clear()


def _link_candidates_of_few(cursor, shop_id: int, phones: list[str], places: list[str]) -> list[tuple]:
    """The earlier orders of the keys that link: each key probed through the (shop, key) index at
    most ``LINK_CROWDED_ORDERS`` + 1 orders deep (a crowded key costs as little as a rare one,
    and is then not probed again for a while), then the orders of those that link fetched (for
    most checks none: no second statement)."""
    table = Order._meta.db_table
    now = time.monotonic()
    probes, params = [], []
    for column, values in (("phone_key", phones), ("address_key", places)):
        for value in values:
            if _crowded.get((shop_id, column, value), 0.0) > now:
                continue
            probes.append(
                f"SELECT %s, %s, c.n, c.lo < c.hi FROM (SELECT count(*) AS n, min(buyer_id) AS lo, "
                f"max(buyer_id) AS hi FROM (SELECT buyer_id FROM {table} WHERE shop_id = %s AND {column} = %s "
                f"AND buyer_id IS NOT NULL LIMIT {LINK_CROWDED_ORDERS + 1}) AS o) AS c"
            )
            params += [column, value, shop_id, value]
    if not probes:
        return []
    cursor.execute(" UNION ALL ".join(probes), params)
    linking: dict[str, list[str]] = {"phone_key": [], "address_key": []}
    for column, value, orders, several_buyers in cursor.fetchall():
        if orders > LINK_CROWDED_ORDERS:
            if len(_crowded) >= CROWDED_REMEMBER_KEYS:
                _crowded.clear()
            _crowded[(shop_id, column, value)] = now + CROWDED_REMEMBER_SECONDS
        elif several_buyers:
            linking[column].append(value)
    fetch = [
        f"SELECT DISTINCT phone_key, address_key, receiver, buyer_id, city, district, street FROM {table} "
        f"WHERE shop_id = %s AND buyer_id IS NOT NULL AND {column} = ANY(%s)"
        for column, values in linking.items()
        if values
    ]
    if not fetch:
        return []
    cursor.execute(" UNION ".join(fetch), [v for values in linking.values() if values for v in (shop_id, values)])
    return cursor.fetchall()


def _link_candidates_of_batch(cursor, shop_id: int, phones: list[str], places: list[str]) -> list[tuple]:
    """The earlier orders of a batch's keys that link, in one statement: the database groups the
    batch's keys and returns just those orders. Each half is an index scan on (shop, key), so the
    cost follows the batch, not the shop (a crowded key is counted whole, once per batch)."""
    table = Order._meta.db_table
    # The shop is a sub-select for the reason given in ``_resolve``.
    half = (
        f"SELECT phone_key, address_key, receiver, buyer_id, city, district, street FROM {table} "
        "WHERE shop_id = (SELECT %s::bigint) AND buyer_id IS NOT NULL AND {key} = ANY(ARRAY("
        f"SELECT {{key}} FROM {table} WHERE shop_id = (SELECT %s::bigint) AND buyer_id IS NOT NULL "
        f"AND {{key}} = ANY({JSON_ARRAY}) GROUP BY {{key}} "
        f"HAVING min(buyer_id) < max(buyer_id) AND count(*) <= {LINK_CROWDED_ORDERS}))"
    )
    cursor.execute(
        f"{half.format(key='phone_key')} UNION {half.format(key='address_key')}",
        [shop_id, shop_id, json_list(phones), shop_id, shop_id, json_list(places)],
    )
    return cursor.fetchall()


def buyers_link(*, shop_id: int, rows: Iterable[dict]) -> int:
    """Record ``BuyerLink`` rows for buyers that share a full phone, a masked phone within one
    district and street (as a privacy export identifies a buyer), a detailed address or a receiver
    at an address, with this batch and with every earlier order of the shop.

    One SELECT finds the earlier orders carrying the batch's phones and addresses; one INSERT
    (ignoring pairs already known) stores the new pairs. Returns how many pairs were offered.
    """
    phones: dict[str, set[int]] = defaultdict(set)
    places: dict[str, set[int]] = defaultdict(set)
    receivers: dict[str, set[int]] = defaultdict(set)
    masked: dict[str, set[int]] = defaultdict(set)  # "138****5678|@city|district|street"
    for row in rows:
        buyer_id = row.get("buyer_id_resolved")
        if not buyer_id:
            continue
        phone_key = row.get("phone_key") or ""
        if phone_key and not is_masked(phone_key):
            phones[phone_key].add(buyer_id)
        elif phone_key and (key := _masked_phone_place(phone_key, row)):
            masked[key].add(buyer_id)
        if row.get("address_key"):
            places[row["address_key"]].add(buyer_id)
            name = normalize_name(row.get("receiver") or "")
            if name and not is_masked(name):  # 王* at a campus pickup point is a hundred people
                receivers[f"{name}|{row['address_key']}"].add(buyer_id)
    if not phones and not places and not masked:
        return 0
    phone_keys = [*phones, *{key.partition("|")[0] for key in masked}]
    # Only keys that more than one buyer shares can give a link (the batch's own orders are
    # already written), and crowded ones give none (``LINK_CROWDED_ORDERS``).
    with connection.cursor() as cursor:
        if len(phone_keys) + len(places) <= FEW_KEYS:
            earlier = _link_candidates_of_few(cursor, shop_id, phone_keys, list(places))
        else:
            earlier = _link_candidates_of_batch(cursor, shop_id, phone_keys, list(places))
    for phone_key, address_key, receiver, buyer_id, city, district, street in earlier:
        if phone_key in phones:
            phones[phone_key].add(buyer_id)
        elif masked and is_masked(phone_key or ""):
            key = _masked_phone_place(phone_key, {"city": city, "district": district, "street": street})
            if key in masked:
                masked[key].add(buyer_id)
        if address_key in places:
            places[address_key].add(buyer_id)
            name = normalize_name(receiver)
            if name and not is_masked(name) and f"{name}|{address_key}" in receivers:
                receivers[f"{name}|{address_key}"].add(buyer_id)

    links: dict[tuple[int, int, str], str] = {}
    for via, groups in (
        (BuyerLink.Via.PHONE, phones),
        (BuyerLink.Via.PHONE, masked),
        (BuyerLink.Via.ADDRESS, places),
        (BuyerLink.Via.RECEIVER_ADDRESS, receivers),
    ):
        for key, buyer_ids in groups.items():
            if len(buyer_ids) < 2 or len(buyer_ids) > LINK_MAX_GROUP:
                continue
            for a, b in combinations(sorted(buyer_ids), 2):
                links.setdefault((a, b, via), key[:255])
    if not links:
        return 0
    created = BuyerLink.objects.bulk_create(
        [
            BuyerLink(shop_id=shop_id, buyer_a_id=a, buyer_b_id=b, via=via, key=key)
            for (a, b, via), key in links.items()
        ],
        ignore_conflicts=True,
    )
    return len(created)
