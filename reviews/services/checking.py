"""The real-time check: record one order sent by a shop's system and screen it at once.

The order is upserted by (shop, order number) like an import row, so it shows up in Shield,
and screened by the same ``screen_orders`` as every imported order.
"""

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from blacklist.normalize import normalize_phone
from reviews.models import Buyer, Order
from reviews.services.identity import buyer_key_for, identity_address
from reviews.services.policy import policy_current_cached
from reviews.services.screening import Verdict, screen_orders

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


def _buyer_for(shop_id: int, order: CheckedOrder) -> Buyer | None:
    identity = buyer_identity(order)
    if identity is None:
        return None
    kind, key, confidence = identity
    buyer = Buyer.objects.filter(shop_id=shop_id, key_kind=kind, key=key).first()
    if buyer is not None:
        return buyer
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
            )
    except IntegrityError:
        return Buyer.objects.get(shop_id=shop_id, key_kind=kind, key=key)


def order_check(*, shop_id: int, order: CheckedOrder) -> tuple[Order, Verdict]:
    """Upsert the order, screen it with the shop's current policy, and return the stored order and verdict.

    A closed order (cancelled, refunded, completed) also moves its buyer's ledger: the usual
    ``orders_changed`` job runs for it once committed.
    """
    from reviews import jobs
    from shieldsite.queues import enqueue

    now = timezone.now()
    with transaction.atomic():
        if connection.vendor == "postgresql":
            # The caller already holds the verdict, and a lost check record comes back with the next
            # import: this transaction need not wait for its WAL flush (PostgreSQL still never
            # corrupts; at worst the last ~0.6 s of checks are lost in a server crash).
            with connection.cursor() as cursor:
                cursor.execute("SET LOCAL synchronous_commit TO OFF")
        buyer = _buyer_for(shop_id, order)
        row = Order(
            shop_id=shop_id,
            order_no=order.order_no,
            buyer=buyer,
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
        )
        (saved,) = Order.objects.bulk_create(
            [row],
            update_conflicts=True,
            unique_fields=["shop", "order_no"],
            update_fields=[
                "buyer", "sku_id", "sku_name", "quantity", "amount_paid", "amount_received", "status",
                "ordered_at", "paid_at", "receiver", "phone", "province", "city", "district", "street",
                "address", "buyer_note", "updated_at",
            ],
        )  # fmt: skip
        if saved.pk is None:  # databases that cannot return the id of an upserted row
            saved = Order.objects.get(shop_id=shop_id, order_no=order.order_no)
        policy = policy_current_cached(shop_id=shop_id)
        verdict = screen_orders(shop_id=shop_id, order_ids=[saved.pk], policy=policy)[saved.pk]
        if order.status in CLOSED_STATUSES:
            enqueue("scoring", jobs.orders_changed, shop_id, [saved.pk])
    return saved, verdict
