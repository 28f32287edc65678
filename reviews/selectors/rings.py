"""Read paths of the linked-account rings: one buyer's ring hop by hop, and a shop's largest rings."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, Max, Q, Sum

from reviews.models import Buyer, BuyerLink, Order, Shop
from reviews.models.orders import BAD_STATUSES
from reviews.selectors.reports import FLAGGED_DECISIONS, cached_for_version

RING_HOPS = 6
RING_MAX_MEMBERS = 60


@dataclass
class RingMember:
    buyer: Buyer
    hops: int
    orders: int = 0
    flagged: int = 0
    bad: int = 0
    max_score: int | None = None
    amount: Decimal = Decimal(0)


@dataclass
class RingLink:
    a: int
    b: int
    vias: list[str]
    kinds: list[str] = field(default_factory=list)


@dataclass
class Ring:
    focus: Buyer
    members: list[RingMember]
    links: list[RingLink]
    truncated: bool = False

    @property
    def others(self) -> int:
        return len(self.members) - 1


def _order_stats(buyer_ids: Iterable[int]) -> dict[int, dict]:
    """Per buyer: orders, flagged, cancelled/refunded, highest risk score, amount paid. One query."""
    rows = (
        Order.objects.filter(buyer_id__in=list(buyer_ids))
        .order_by()
        .values("buyer_id")
        .annotate(
            orders=Count("pk"),
            flagged=Count("pk", filter=Q(risk_decision__in=FLAGGED_DECISIONS)),
            bad=Count("pk", filter=Q(status__in=BAD_STATUSES)),
            max_score=Max("risk_score"),
            amount=Sum("amount_paid"),
        )
    )
    return {row.pop("buyer_id"): row for row in rows}


def ring_for_buyer(buyer: Buyer) -> Ring:
    """The accounts linked to ``buyer`` by phone, address or receiver, hop by hop (one query per hop).

    Stops after ``RING_HOPS`` hops or ``RING_MAX_MEMBERS`` accounts (``truncated`` says so).
    """
    hops = {buyer.pk: 0}
    frontier = {buyer.pk}
    vias: dict[tuple[int, int], set[str]] = defaultdict(set)
    truncated = False
    links = BuyerLink.objects.filter(shop_id=buyer.shop_id)
    for hop in range(1, RING_HOPS + 1):
        if not frontier:
            break
        found = set()
        for a, b, via in links.filter(Q(buyer_a_id__in=frontier) | Q(buyer_b_id__in=frontier)).values_list(
            "buyer_a_id", "buyer_b_id", "via"
        ):
            for other in (a, b):
                if other not in hops:
                    if len(hops) >= RING_MAX_MEMBERS:
                        truncated = True
                        continue
                    hops[other] = hop
                    found.add(other)
            if a in hops and b in hops:
                vias[(a, b)].add(via)
        frontier = found
    else:
        truncated = truncated or bool(frontier)
    buyers = Buyer.objects.in_bulk(list(hops))
    stats = _order_stats(hops)
    labels = dict(BuyerLink.Via.choices)
    members = [
        RingMember(buyers[pk], hop, **stats.get(pk, {}))
        for pk, hop in sorted(hops.items(), key=lambda item: (item[1], item[0]))
    ]
    for member in members:
        member.amount = member.amount or Decimal(0)
    ring_links = [
        RingLink(a, b, [str(labels.get(v, v)) for v in sorted(kinds)], sorted(kinds))
        for (a, b), kinds in sorted(vias.items())
    ]
    return Ring(buyers[buyer.pk], members, ring_links, truncated)


@dataclass
class RingSummary:
    lead: Buyer
    size: int
    links: int
    vias: list[str]
    orders: int = 0
    flagged: int = 0
    bad: int = 0
    amount: Decimal = Decimal(0)
    min_credit: int | None = None


def largest_rings(shop: Shop, *, limit: int = 20) -> list[RingSummary]:
    """The shop's biggest groups of linked accounts (connected components of its links), largest first.

    One pass over the shop's links, then one query for the members' orders and one for the
    lead accounts. Cached like the dashboard.
    """
    return cached_for_version(f"rings:{shop.pk}:{limit}", shop, lambda: _compute_largest_rings(shop, limit))


def _compute_largest_rings(shop: Shop, limit: int) -> list[RingSummary]:
    parent: dict[int, int] = {}

    def root(x: int) -> int:
        parent.setdefault(x, x)
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    edges = list(BuyerLink.objects.filter(shop=shop).values_list("buyer_a_id", "buyer_b_id", "via"))
    for a, b, _via in edges:
        ra, rb = root(a), root(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)
    members: dict[int, list[int]] = defaultdict(list)
    for buyer_id in parent:
        members[root(buyer_id)].append(buyer_id)
    ring_links: Counter = Counter()
    ring_vias: dict[int, set] = defaultdict(set)
    for a, _b, via in edges:
        ring_links[root(a)] += 1
        ring_vias[root(a)].add(via)
    top = sorted(members, key=lambda r: (-len(members[r]), r))[:limit]
    wanted = [buyer_id for r in top for buyer_id in members[r]]
    stats = _order_stats(wanted)
    credit = dict(Buyer.objects.filter(pk__in=wanted).values_list("pk", "credit_score"))
    labels = dict(BuyerLink.Via.choices)
    summaries = []
    leads = {}
    for r in top:
        ids = members[r]
        # The account to open the ring from: the one with the most orders.
        leads[r] = max(ids, key=lambda pk: (stats.get(pk, {}).get("orders", 0), -pk))
    lead_buyers = Buyer.objects.in_bulk(leads.values())
    for r in top:
        ids = members[r]
        rows = [stats.get(pk, {}) for pk in ids]
        summaries.append(
            RingSummary(
                lead=lead_buyers[leads[r]],
                size=len(ids),
                links=ring_links[r],
                vias=[str(labels.get(v, v)) for v in sorted(ring_vias[r])],
                orders=sum(row.get("orders", 0) for row in rows),
                flagged=sum(row.get("flagged", 0) for row in rows),
                bad=sum(row.get("bad", 0) for row in rows),
                amount=sum((row.get("amount") or Decimal(0) for row in rows), Decimal(0)),
                min_credit=min((credit[pk] for pk in ids if pk in credit), default=None),
            )
        )
    return summaries
