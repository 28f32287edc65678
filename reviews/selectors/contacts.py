"""Read paths of the contact log: an order's or a buyer's contacts, the outcome a decision
carries, the buyer's timeline (credit events and contacts in time order), the shop's templates."""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from reviews.models import Buyer, ContactAttempt, ContactTemplate, Order

# A contact about the buyer (from another order or the buyer's page) still speaks for this
# order's decision for a week; a contact about this order itself always does.
CONTACT_FRESH = timedelta(days=7)


def contacts_of_order(order: Order) -> QuerySet[ContactAttempt]:
    """The contacts about this order and, when it has a buyer, every contact with that buyer."""
    about = Q(order=order)
    if order.buyer_id:
        about |= Q(buyer_id=order.buyer_id)
    return (
        ContactAttempt.objects.filter(about, shop_id=order.shop_id)
        .select_related("order", "template", "created_by")
        .order_by("-created_at", "-pk")
    )


def contacts_of_buyer(buyer: Buyer) -> QuerySet[ContactAttempt]:
    """Every contact with the buyer, about any of their orders or the buyer as a whole."""
    return (
        ContactAttempt.objects.filter(buyer=buyer)
        .select_related("order", "template", "created_by")
        .order_by("-created_at", "-pk")
    )


def contact_latest_for_order(order: Order, *, now: datetime | None = None) -> ContactAttempt | None:
    """The contact a decision on ``order`` rests on: the latest about this order, or with its buyer
    within ``CONTACT_FRESH``."""
    about = Q(order=order)
    if order.buyer_id:
        about |= Q(buyer_id=order.buyer_id, created_at__gte=(now or timezone.now()) - CONTACT_FRESH)
    return ContactAttempt.objects.filter(about, shop_id=order.shop_id).order_by("-created_at", "-pk").first()


def active_templates(shop_id: int) -> list[ContactTemplate]:
    return list(ContactTemplate.objects.filter(shop_id=shop_id, active=True).order_by("pk"))


def shop_templates(shop_id: int) -> QuerySet[ContactTemplate]:
    """All of the shop's templates, retired ones last, with who last changed them."""
    return ContactTemplate.objects.filter(shop_id=shop_id).select_related("updated_by").order_by("-active", "pk")


@dataclass(frozen=True)
class ContactEntry:
    """A contact as a line of the buyer's timeline: it reads like a credit event (when, what, who,
    which order, note) without moving the score."""

    attempt: ContactAttempt

    kind = "contact"
    delta = ""

    @property
    def created_at(self) -> datetime:
        return self.attempt.created_at

    @property
    def get_kind_display(self) -> str:
        return _("联系买家（%(channel)s）：%(outcome)s") % {
            "channel": self.attempt.get_channel_display(),
            "outcome": self.attempt.get_outcome_display(),
        }

    @property
    def reason(self) -> str:
        return self.attempt.note

    @property
    def order(self) -> Order | None:
        return self.attempt.order

    @property
    def order_id(self) -> int | None:
        return self.attempt.order_id

    @property
    def created_by(self):
        return self.attempt.created_by


def buyer_timeline(buyer: Buyer | None, *, limit: int = 20) -> list:
    """The buyer's latest credit events and contacts, newest first, ``limit`` in all. Two queries."""
    if buyer is None:
        return []
    events = list(buyer.credit_events.select_related("order", "created_by").order_by("-created_at", "-pk")[:limit])
    contacts = [ContactEntry(a) for a in contacts_of_buyer(buyer)[:limit]]
    merged = sorted(events + contacts, key=lambda entry: entry.created_at, reverse=True)
    return merged[:limit]


def contact_latest_for_orders(orders: list[Order], *, shop_id: int) -> dict[int, ContactAttempt]:
    """``contact_latest_for_order`` for a batch of one shop's orders, in one query."""
    if not orders:
        return {}
    cutoff = timezone.now() - CONTACT_FRESH
    order_ids = [o.pk for o in orders]
    buyer_ids = {o.buyer_id for o in orders if o.buyer_id}
    attempts = ContactAttempt.objects.filter(
        Q(order_id__in=order_ids) | Q(buyer_id__in=buyer_ids, created_at__gte=cutoff), shop_id=shop_id
    ).order_by("-created_at", "-pk")
    latest = {}
    for attempt in attempts:
        for order in orders:
            if order.pk in latest:
                continue
            if attempt.order_id == order.pk or (
                order.buyer_id and attempt.buyer_id == order.buyer_id and attempt.created_at >= cutoff
            ):
                latest[order.pk] = attempt
    return latest
