"""The real-time check: record one order sent by a shop's system and screen it at once.

The order is upserted by (shop, order number) like an import row, so it shows up in Shield,
and screened by the same ``screen_orders`` as every imported order.
"""

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from functools import cache

from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from blacklist.normalize import normalize_phone
from reviews.models import Buyer, Order
from reviews.services.identity import buyer_key_for, identity_address
from reviews.services.policy import policy_current_cached
from reviews.services.rules import RULE_OF_CODE, Attack
from reviews.services.screening import VERDICT_FIELDS, Verdict, allow_verdict, order_keys, screen_orders
from shieldsite.db import prepared_cursor

CLOSED_STATUSES = (Order.Status.CANCELLED, Order.Status.REFUNDED, Order.Status.COMPLETED)


@dataclass
class CheckedOrder:
    order_no: str
    sku_id: str = ""
    sku_name: str = ""
    quantity: int = 1
    amount_paid: Decimal = Decimal("0")
    status: str = Order.Status.PAID
    ordered_at: datetime | None = None
    paid_at: datetime | None = None
    buyer_id: str = ""
    receiver: str = ""
    phone: str = ""
    province: str = ""
    city: str = ""
    district: str = ""
    street: str = ""
    address: str = ""
    buyer_note: str = ""


# Reasons that say an order belongs to a burst on its SKU: the burst rules that raise an alert.
BURST_CODES = frozenset(code for code, spec in RULE_OF_CODE.items() if spec.attack == Attack.BURST and spec.alert)


def buyer_identity(order: CheckedOrder) -> tuple[str, str, str] | None:
    """``(key_kind, key, confidence)``: the importer's identity rules, so a checked order and
    the same order in a later export resolve to the same buyer."""
    row = {
        "buyer_id": order.buyer_id.strip(),
        "phone_key": normalize_phone(order.phone),
        "receiver": order.receiver,
        "address": order.address,
        "province": order.province,
        "city": order.city,
        "district": order.district,
        "street": order.street,
    }
    row["identity_address"] = identity_address(row)
    return buyer_key_for(row)


def _create_buyer(shop_id: int, order: CheckedOrder, identity: tuple[str, str, str]) -> int:
    """The id of a buyer Shield sees for the first time (or that another request just created)."""
    kind, key, confidence = identity
    phone = normalize_phone(order.phone)
    try:
        with transaction.atomic():
            return Buyer.objects.create(
                shop_id=shop_id,
                key_kind=kind,
                key=key,
                confidence=confidence,
                display_name=order.receiver[:100],
                masked_phone=f"{phone[:3]}****{phone[-4:]}" if phone and len(phone) >= 7 else "",
                first_seen_at=order.ordered_at,
                last_order_at=order.ordered_at,
            ).pk
    except IntegrityError:
        return Buyer.objects.get(shop_id=shop_id, key_kind=kind, key=key).pk


# What a new check writes over an order checked (or imported) before under the same number.
UPSERT_FIELDS = (
    "buyer", "sku_id", "sku_name", "quantity", "amount_paid", "amount_received", "status", "ordered_at",
    "paid_at", "receiver", "phone", "province", "city", "district", "street", "address", "buyer_note", "updated_at",
)  # fmt: skip


@cache
def _upsert_sql() -> tuple[str, tuple]:
    """``bulk_create(update_conflicts=True)``'s statement for one order, built once from the model
    (every concrete field but the id, so a new field needs no change here), with more in the same
    round trip: the buyer is looked up by its identity key inside the statement, and two settings
    for the rest of the check's transaction.

    - ``synchronous_commit`` off: the caller already holds the verdict, and a lost check record
      comes back with the next import (PostgreSQL still never corrupts; at worst the last ~0.6 s
      of checks are lost in a server crash), so the commit need not wait for its WAL flush.
    - ``plan_cache_mode`` generic: the check's statements are prepared for one order, and their
      one cached plan fits every order; without it PostgreSQL plans the blacklist lookup again
      on each check because its key list varies in length.
    """
    quote = connection.ops.quote_name
    fields = tuple(f for f in Order._meta.concrete_fields if not f.primary_key and not f.generated)
    buyer = Order._meta.get_field("buyer")
    find_buyer = f"(SELECT id FROM {quote(Buyer._meta.db_table)} WHERE shop_id = %s AND key_kind = %s AND key = %s)"
    values = ", ".join(find_buyer if f is buyer else "%s" for f in fields)
    updates = ", ".join(f"{c} = EXCLUDED.{c}" for c in (quote(Order._meta.get_field(f).column) for f in UPSERT_FIELDS))
    sql = f"""
        WITH upserted AS (
            INSERT INTO {quote(Order._meta.db_table)} ({", ".join(quote(f.column) for f in fields)})
            VALUES ({values})
            ON CONFLICT (shop_id, order_no) DO UPDATE SET {updates}
            RETURNING id, buyer_id
        )
        SELECT id, buyer_id, set_config('synchronous_commit', 'off', true),
               set_config('plan_cache_mode', 'force_generic_plan', true)
        FROM upserted
    """
    return sql, fields


def _upsert(row: Order, order: CheckedOrder) -> Order:
    """Insert the order or update the one with its number, with its buyer; ``row`` gets the ids."""
    identity = buyer_identity(order)
    sql, fields = _upsert_sql()
    kind, key = identity[:2] if identity else (None, None)
    params = []
    for f in fields:
        if f.name == "buyer":
            params += [row.shop_id, kind, key]
        else:
            params.append(f.get_db_prep_save(f.pre_save(row, True), connection))
    with prepared_cursor() as cursor:
        cursor.execute(sql, params)
        row.pk, row.buyer_id, *_settings = cursor.fetchone()
    row._state.adding, row._state.db = False, connection.alias
    if row.buyer_id is None and identity is not None:
        # A buyer Shield has not seen yet (rare once a shop's orders are imported).
        row.buyer_id = _create_buyer(row.shop_id, order, identity)
        Order.objects.filter(pk=row.pk).update(buyer_id=row.buyer_id)
    return row


def order_check(*, shop_id: int, order: CheckedOrder) -> tuple[Order, Verdict]:
    """Upsert the order, screen it with the shop's current policy, and return the stored order and verdict.

    A closed order (cancelled, refunded, completed) also moves its buyer's ledger: the usual
    ``orders_changed`` job runs for it once committed.
    """
    from reviews import jobs
    from shieldsite.queues import enqueue

    now = timezone.now()
    with transaction.atomic():
        policy = policy_current_cached(shop_id=shop_id)
        row = Order(
            shop_id=shop_id,
            order_no=order.order_no,
            sku_id=order.sku_id,
            sku_name=order.sku_name,
            quantity=order.quantity,
            amount_paid=order.amount_paid,
            amount_received=order.amount_paid,
            status=order.status,
            ordered_at=order.ordered_at or now,
            paid_at=order.paid_at,
            receiver=order.receiver,
            phone=order.phone,
            province=order.province,
            city=order.city,
            district=order.district,
            street=order.street,
            address=order.address,
            buyer_note=order.buyer_note,
            # A new order goes in with the verdict most checks end with (allow, nothing found):
            # screening then writes only when it found something, and most checks write the
            # order once. Nobody sees these values before screening: it is one transaction.
            # (An order checked before keeps its stored verdict until screening replaces it.)
            **{name: value for name, value in zip(VERDICT_FIELDS, allow_verdict(policy, order.status), strict=True)},
        )
        saved = _upsert(row, order)
        # The keys the stored order will be matched by: its blacklist entries come with the screening query.
        identity = buyer_identity(order)
        keys = order_keys(
            phone=saved.phone, receiver=saved.receiver, full_address=saved.full_address,
            identity=identity[:2] if identity else None,
        )  # fmt: skip
        verdict = screen_orders(
            shop_id=shop_id, order_ids=[saved.pk], policy=policy, blacklist_hint={value for _kind, value in keys}
        )[saved.pk]
        if order.status in CLOSED_STATUSES:
            enqueue("scoring", jobs.orders_changed, shop_id, [saved.pk])
        if BURST_CODES & {reason.code for reason in verdict.reasons}:
            # Part of a burst: its earlier orders still in reach are screened again in hindsight.
            enqueue("scoring", jobs.orders_screen, shop_id, [saved.pk])
    return saved, verdict
