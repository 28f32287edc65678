"""What a screening rule sees and says: an order prepared with everything the rules need
(``OrderContext``, with its buyer's record, the SKU's and the shop's usual figures and the place
cells it falls in), and the ``Reason`` and ``Verdict`` they give. Built by ``screening``, read by
``rules``; nothing here reads the database.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import NamedTuple

from blacklist.matching import Match
from blacklist.models import ListType
from reviews.models import Buyer, Order
from reviews.phrases import Phrase, say_stored

# Closed before shipping, paid or not: what a burst of fake orders ends as within hours (refunds
# after receipt take days, and say nothing about a burst).
CANCELLED = Order.Status.CANCELLED
DAY = 86400.0
ONE_OFF_ORDERS = 4
# Before a shop has orders to say otherwise: about one order in ten ends cancelled or refunded.
SHOP_BAD_SHARE_PRIOR = 0.1
# ... one shipped order in twenty is refunded, and one order in twenty is cancelled.
SHOP_REFUND_SHARE_PRIOR = 0.05
SHOP_CANCEL_SHARE_PRIOR = 0.05


# An unpaid order counts as left unpaid (a bombing's shape) once it has waited this long: the
# newest orders of any busy SKU are unpaid for a minute or two on their way to being paid.
UNPAID_GRACE = 10 * 60.0


def left_unsettled(status: str, ts: float, now_ts: float) -> bool:
    """Cancelled, or unpaid for longer than ``UNPAID_GRACE`` by ``now_ts``."""
    return status == CANCELLED or (status == Order.Status.UNPAID and ts < now_ts - UNPAID_GRACE)


def phone_of_identity(kind: str, key: str) -> str:
    """The phone a buyer's identity rests on: the full number, or the masked one its key starts with."""
    if kind == Buyer.KeyKind.PHONE:
        return key
    if kind == Buyer.KeyKind.MASKED_PHONE:
        return key.split("|", 1)[0]
    return ""


class ShopRates(NamedTuple):
    """A shop's usual shares, the lines a buyer's own record is weighed against."""

    bad: float = SHOP_BAD_SHARE_PRIOR  # of its orders cancelled or refunded
    refund: float = SHOP_REFUND_SHARE_PRIOR  # of its shipped orders refunded
    cancel: float = SHOP_CANCEL_SHARE_PRIOR  # of its orders cancelled (paid or not)


class SkuBaseline(NamedTuple):
    """What is usual for one SKU of a shop, in robust figures (medians, not means or maxima), so
    that a burst or a bulk order stands out at a shop of any size."""

    quantity: float = 1.0  # median units of a paid order
    high: float = 1.0  # 95th percentile of units of a paid order: the usual upper end
    bad_share: float = 0.0  # median over its days of the share of orders cancelled (or never paid)


UNKNOWN_SKU = SkuBaseline()


class FarmCell(NamedTuple):
    """A (SKU, place) cell that 羊毛党 filled (see ``reviews.services.places``)."""

    accounts: int  # throwaway accounts that bought the SKU cheaply there
    expected: float  # how many the place's share of the shop's other orders would give
    place: str = ""  # "a:<address>" or "r:<city|district|street>"
    label: str = ""  # the place as one of its orders writes it (市区街道)


class RefundPlace(NamedTuple):
    """A place where refunds after delivery pile up from several accounts (``reviews.services.places``)."""

    refunds: int
    accounts: int
    expected: float  # what the place's shipped orders and the shop's refund share give
    place: str = ""
    label: str = ""


class RefundWave(NamedTuple):
    """One SKU's refunds after delivery piled up in one city or among one week's orders, far
    beyond that SKU's refund share elsewhere (``reviews.services.places``)."""

    refunds: int
    accounts: int
    expected: float  # what the cell's shipped orders and the SKU's refund share elsewhere give
    where: str  # "c:<city>" or "w:<first day>" (the week's orders)
    label: str = ""  # the city, or the week as "12-01–12-07"


# -- verdicts --------------------------------------------------------------------------------
@dataclass(frozen=True)
class Reason:
    code: str
    message: str  # said in the language active at screening (the shop's)
    weight: int
    # The message as its source text and facts, so a page says it in its reader's language.
    text: Phrase | None = None

    @classmethod
    def of(cls, code: str, text: Phrase, weight: int) -> Reason:
        return cls(code, str(text), weight, text)

    def as_dict(self) -> dict:
        return {"code": self.code, "message": self.message, "weight": self.weight}

    def as_stored(self) -> dict:
        """What ``Order.risk_reasons`` keeps: ``as_dict`` and, where known, the phrase (``text``)."""
        stored = self.as_dict()
        if self.text is not None:
            stored["text"] = self.text.as_json()
        return stored


def reason_message(stored) -> str:
    """One item of ``Order.risk_reasons`` in the active language: said again from its phrase, else
    (reasons stored before phrases were kept, or one that no longer reads) as it was stored."""
    if not isinstance(stored, dict):
        return ""
    return say_stored(stored.get("text"), str(stored.get("message") or ""))


@dataclass(frozen=True)
class Verdict:
    decision: str
    score: int
    reasons: list[Reason]
    policy_version: int
    # The buyer record the verdict was reached with (shown by the check API next to the verdict).
    buyer: BuyerRecord | None = field(default=None, compare=False)

    @property
    def flagged(self) -> bool:
        return self.decision != Order.Decision.ALLOW


# -- what a rule sees --------------------------------------------------------------------------
@dataclass(slots=True)
class BuyerRecord:
    buyer_id: int
    credit_score: int
    restricted: bool
    orders: int = 0
    bad_orders: int = 0
    first_order_ts: float | None = None
    confidence: str = Buyer.Confidence.STRONG
    shipped: int = 0  # orders that shipped
    refunds: int = 0  # of them refunded (or being refunded)
    names: int = 1  # different receivers on its orders
    days: int = 1  # different days it ordered on
    phone: str = ""  # the phone its identity rests on, full or masked ("" without one)


@dataclass(slots=True)
class OrderContext:
    """One order with everything the rules need, prepared set-based for the whole batch."""

    order_id: int | None
    buyer_id: int | None
    sku_id: str
    quantity: int
    ordered_ts: float
    receiver: str
    phone: str
    address: str
    receiver_gibberish: bool = False
    identity_masked: bool = False
    province: str = ""  # canonical (reviews.regions), "" when unknown
    city: str = ""
    buyer: BuyerRecord | None = None
    linked_buyers: int = 0
    group_orders: int = 0
    group_bad_orders: int = 0
    # The buyer and its linked accounts together: different receivers, the phones behind them
    # (full or masked; accounts known without a phone count none), the most days one of them
    # ordered on, and the days between the first of them ordering and the last one joining.
    ring_names: int = 0
    ring_phones: int = 0
    ring_days: int = 0
    ring_spread_days: float = 0.0
    ring_names_on_one_phone: int = 0  # the most receivers behind any one of those phones
    buyer_window: int = 0
    buyer_window_unsettled: int = 0  # of them unpaid or cancelled
    group_window: int = 0
    group_window_unsettled: int = 0  # of them unpaid or cancelled
    sku_concentrated_orders: int = 0
    sku_concentrated_accounts: int = 0
    sku_day_units: int = 0
    group_unshipped_sku_orders: int = 0
    sku_baseline: SkuBaseline | None = None
    blacklist: list[Match] = field(default_factory=list)
    buyer_tags: tuple[str, ...] = ()
    status: str = Order.Status.PAID
    # The SKU's orders within ``sku_burst_minutes`` before and after this one (known by now), and
    # how many of them were cancelled.
    sku_window_orders: int = 0
    sku_window_bad: int = 0
    # The shop's usual share of cancelled and refunded orders, and of refunds among shipped orders.
    shop_bad_share: float = SHOP_BAD_SHARE_PRIOR
    shop_refund_share: float = SHOP_REFUND_SHARE_PRIOR
    # The farmed (SKU, place) cell this order falls in, and the refund ring's place, if any.
    farm_cell: FarmCell | None = None
    refund_place: RefundPlace | None = None
    refund_wave: RefundWave | None = None

    @property
    def allowlisted(self) -> bool:
        return bool(self.blacklist) and any(m.list_type == ListType.ALLOW and not m.linked for m in self.blacklist)

    @property
    def buyer_masked(self) -> bool:
        """The buyer was resolved from a masked phone only: it may be several people."""
        return self.buyer is not None and self.buyer.confidence == Buyer.Confidence.MASKED

    @property
    def one_off_account(self) -> bool:
        """No record to speak of: no known buyer, or one with a few orders all within a day."""
        b = self.buyer
        if b is None:
            return True
        return b.orders <= ONE_OFF_ORDERS and (b.first_order_ts is None or self.ordered_ts - b.first_order_ts <= DAY)

    @property
    def is_new_buyer_days(self) -> float | None:
        if self.buyer is None or self.buyer.first_order_ts is None:
            return None
        return (self.ordered_ts - self.buyer.first_order_ts) / DAY
