"""The real-time check: record one order sent by a shop's system and screen it at once.

The order enters through the same intake as a file's rows (``orders_intake``: same buyer, keys
and links), so it shows up in Shield, and is screened by the same ``screen_orders``.
"""

from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from reviews.models import Order
from reviews.models.orders import one_line_address
from reviews.services.identity import IDENTITY_KEY_FIELDS, buyer_key_for, identity_keys
from reviews.services.intake import orders_intake
from reviews.services.order_context import Verdict
from reviews.services.policy import policy_current_cached
from reviews.services.rules import RULE_OF_CODE, Attack
from reviews.services.screening.loading import order_keys
from reviews.services.screening.verdicts import screen_orders
from shieldsite.queues import enqueue

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
    # The identity keys ``buyer_identity`` worked out while the request was checked: the intake
    # takes them as they are instead of working them out a second time.
    keys: dict = field(default_factory=dict, repr=False, compare=False)


# Reasons that say an order belongs to a burst on its SKU: the burst rules that raise an alert.
BURST_CODES = frozenset(code for code, spec in RULE_OF_CODE.items() if spec.attack == Attack.BURST and spec.alert)


def buyer_identity(order: CheckedOrder) -> tuple[str, str, str] | None:
    """``(key_kind, key, confidence)``: the importer's identity rules, so a checked order and
    the same order in a later export resolve to the same buyer."""
    row = _row_of(order, None)
    identity_keys(row)
    order.keys = {name: row[name] for name in IDENTITY_KEY_FIELDS}
    return buyer_key_for(row)


def _row_of(order: CheckedOrder, now) -> dict:
    """The order as the intake takes it: a file row's fields, what the check does not send left empty."""
    return {
        "order_no": order.order_no, "sku_id": order.sku_id, "sku_name": order.sku_name, "spec": "",
        "quantity": order.quantity, "amount_paid": order.amount_paid, "amount_received": order.amount_paid,
        "status": order.status, "after_sale_status": "", "ordered_at": order.ordered_at or now,
        "paid_at": order.paid_at, "shipped_at": None, "received_at": None, "ship_by": None,
        "receiver": order.receiver, "phone": order.phone, "province": order.province, "city": order.city,
        "district": order.district, "street": order.street, "address": order.address, "merchant_note": "",
        "buyer_note": order.buyer_note, "extra": {}, "buyer_id": order.buyer_id.strip(), **order.keys,
    }  # fmt: skip


@dataclass
class CheckedRecord:
    """What the check stored: the order's id and number, and its buyer."""

    pk: int
    order_no: str
    buyer_id: int | None


# For the rest of the check's transaction (set by the intake's first statement):
# - ``synchronous_commit`` off: the caller already holds the verdict, and a lost check record
#   comes back with the next import (PostgreSQL still never corrupts; at worst the last ~0.6 s
#   of checks are lost in a server crash), so the commit need not wait for its WAL flush;
# - ``plan_cache_mode`` generic: the check's statements are prepared for one order, and their one
#   cached plan fits every order; without it PostgreSQL plans the blacklist lookup again on each
#   check because its key list varies in length.
CHECK_SETTINGS = {"synchronous_commit": "off", "plan_cache_mode": "force_generic_plan"}


def order_check(*, shop_id: int, order: CheckedOrder) -> tuple[CheckedRecord, Verdict]:
    """Take the order in, screen it with the shop's current policy, and return what was stored and the verdict.

    A closed order (cancelled, refunded, completed) also moves its buyer's ledger: the usual
    ``orders_changed`` job runs for it once committed.
    """
    now = timezone.now()
    with transaction.atomic():
        policy = policy_current_cached(shop_id=shop_id)
        row = _row_of(order, now)
        # A new order goes in with the verdict most orders get, which screening below then
        # only writes over when it differs: one UPDATE fewer for most checks.
        presumed = {"risk_score": 0, "risk_decision": Order.Decision.ALLOW, "risk_reasons": [],
                    "policy_version": policy.version, "risk_state": Order.RiskState.ALLOWED}  # fmt: skip
        intake = orders_intake(shop_id=shop_id, rows=[row], local_settings=CHECK_SETTINGS, presumed=presumed)
        order_id = intake.ids[order.order_no]
        # The keys the stored order will be matched by (the intake set the row's identity keys):
        # its blacklist entries come with the screening query.
        identity = buyer_key_for(row)
        full_address = one_line_address(order.province, order.city, order.district, order.street, order.address)
        keys = order_keys(
            phone=order.phone, receiver=order.receiver, full_address=full_address,
            identity=identity[:2] if identity else None,
        )  # fmt: skip
        verdict = screen_orders(
            shop_id=shop_id, order_ids=[order_id], policy=policy, blacklist_hint={value for _kind, value in keys}
        )[order_id]
        if order.status in CLOSED_STATUSES:
            enqueue("scoring", "reviews.jobs.orders_changed", shop_id, [order_id])
        if BURST_CODES & {reason.code for reason in verdict.reasons}:
            # Part of a burst: its earlier orders still in reach are screened again in hindsight.
            enqueue("scoring", "reviews.jobs.orders_screen", shop_id, [order_id])
    buyer_id = verdict.buyer.buyer_id if verdict.buyer else row.get("buyer_id_resolved")
    saved = CheckedRecord(order_id, order.order_no, buyer_id)
    return saved, verdict
