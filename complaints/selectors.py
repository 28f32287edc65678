"""Read paths of complaints that other pages share: the category an order's flag points to,
and the losses recovered (compensation and legal follow-up) for the dashboard."""

from collections.abc import Iterable
from datetime import datetime
from decimal import Decimal

from django.db.models import DecimalField, OuterRef, QuerySet, Subquery, Sum
from django.utils import timezone

from blacklist.models import ReasonCategory
from complaints.models import Compensation, Complaint, LegalAction
from reviews.models import Order, Shop
from reviews.services.deciding import reason_category_for

# The screening rules say which category their attack belongs to once (``RuleSpec.
# blacklist_category``, read by ``reason_category_for``); complaints share those categories by
# value, and only the blacklist's 辱骂/骚扰 is spelled differently here.
_COMPLAINT_CATEGORY = {ReasonCategory.HARASSMENT: Complaint.Category.ABUSE}


def category_for_orders(orders: Iterable[Order]) -> str:
    """The complaint category the orders' screening reasons point to (their heaviest
    attack-shaped reason: 炸店, 占库存, 退款); 其他 when none does."""
    reasons = [reason for order in orders for reason in order.risk_reasons or ()]
    category = reason_category_for(reasons)
    category = _COMPLAINT_CATEGORY.get(category, category)
    return category if category in Complaint.Category.values else Complaint.Category.OTHER


def with_recovered(complaints: QuerySet[Complaint], since: datetime, until: datetime) -> QuerySet[Complaint]:
    """Each complaint with what was recovered for it between ``since`` and ``until`` (exclusive), by
    the day the money arrived: ``recovered_platform`` (the platform's compensation) and
    ``recovered_legal`` (what the legal follow-up got back). Sum them with ``RECOVERED_SUMS``."""
    first, after = timezone.localdate(since), timezone.localdate(until)
    paid = (
        Compensation.objects.filter(complaint=OuterRef("pk"), received_on__gte=first, received_on__lt=after)
        .values("complaint")
        .annotate(total=Sum("amount"))
        .values("total")
    )
    won = LegalAction.objects.filter(complaint=OuterRef("pk"), recovered_on__gte=first, recovered_on__lt=after)
    return complaints.annotate(
        recovered_platform=Subquery(paid, output_field=DecimalField()),
        recovered_legal=Subquery(won.values("recovered_amount"), output_field=DecimalField()),
    )


# Aggregates over ``with_recovered``: they fit in the same query as other complaint counts.
RECOVERED_SUMS = {
    # Named apart from the annotations they sum: an aggregate may not reuse an annotation's name.
    "platform_recovered": Sum("recovered_platform", default=Decimal(0)),
    "legal_recovered": Sum("recovered_legal", default=Decimal(0)),
}


def recovered_of(sums: dict) -> dict:
    """The ``RECOVERED_SUMS`` of an aggregate as the dashboard shows them."""
    platform, legal = sums["platform_recovered"], sums["legal_recovered"]
    return {"platform": platform, "legal": legal, "total": platform + legal}


def recovered_totals(shop: Shop, since: datetime, until: datetime) -> dict:
    """Money recovered for the shop's complaints between ``since`` and ``until``: the platform's
    compensation, the legal follow-up's and their total. One query."""
    complaints = with_recovered(Complaint.objects.filter(shop=shop), since, until)
    return recovered_of(complaints.aggregate(**RECOVERED_SUMS))


def complaint_recovery(complaint: Complaint) -> dict:
    """One complaint's recovery as its page shows it: the payments, the legal follow-up with its
    documents, and what they add up to."""
    compensations = list(complaint.compensations.select_related("recorded_by"))
    legal = LegalAction.objects.filter(complaint=complaint).first()
    platform = sum((c.amount for c in compensations), Decimal(0))
    legal_amount = legal.recovered_amount if legal else Decimal(0)
    return {
        "compensations": compensations,
        "legal": legal,
        "documents": list(legal.documents.select_related("uploaded_by")) if legal else [],
        "platform": platform,
        "legal_amount": legal_amount,
        "total": platform + legal_amount,
    }
