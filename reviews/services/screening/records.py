"""Buyers' records and rings: the connected groups of their links, and a whole shop's
records, identities, rings and tags loaded once for a run over all its orders (the backtest)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from operator import itemgetter

from django.db import connection, transaction
from django.db.models import Count, DateField, FloatField, Func, Min, Q
from django.db.models.functions import Cast

from reviews.models import Buyer, BuyerLink, Order
from reviews.models.orders import BAD_STATUSES, REFUND_STATUSES
from reviews.services.batching import chunks
from reviews.services.order_context import BuyerRecord, phone_of_identity
from reviews.services.tagging import live_tags_of_shop

LINK_HOPS = 3


class EpochSeconds(Func):
    """A timestamp as seconds since 1970 (a float), so a million rows need no datetime parsing."""

    output_field = FloatField()

    def as_postgresql(self, compiler, connection, **extra):
        # date_part's float, not EXTRACT's numeric cast to float: the same value (both are the
        # correctly rounded microseconds / 10^6), without numeric arithmetic on every row.
        return self.as_sql(compiler, connection, template="date_part('epoch', %(expressions)s)", **extra)


def linked_groups(*, shop_id: int, buyer_ids: set[int], whole_shop: bool = False) -> dict[int, set[int]]:
    """For each buyer, the other accounts of its ring: the connected group of its links.

    Follows links up to ``LINK_HOPS`` steps out from the batch (one query per step), so a
    ring joined through a shared phone on one side and an address on the other is one group.
    """
    links = BuyerLink.objects.filter(shop_id=shop_id)
    adjacency: dict[int, set[int]] = defaultdict(set)
    if whole_shop:
        for a, b in links.values_list("buyer_a_id", "buyer_b_id"):
            adjacency[a].add(b)
            adjacency[b].add(a)
    else:
        seen: set[int] = set()
        frontier = set(buyer_ids)
        for _hop in range(LINK_HOPS):
            frontier -= seen
            if not frontier:
                break
            seen |= frontier
            found: set[int] = set()
            for ids in chunks(sorted(frontier)):
                for a, b in links.filter(Q(buyer_a_id__in=ids) | Q(buyer_b_id__in=ids)).values_list(
                    "buyer_a_id", "buyer_b_id"
                ):
                    adjacency[a].add(b)
                    adjacency[b].add(a)
                    found.update((a, b))
            frontier = found
    groups: dict[int, set[int]] = {}
    for start in list(adjacency):
        if start in groups:
            continue
        component, stack = {start}, [start]
        while stack:
            for other in adjacency[stack.pop()]:
                if other not in component:
                    component.add(other)
                    stack.append(other)
        for member in component:
            groups[member] = component - {member}
    return groups


@dataclass
class ShopRecords:
    """Every buyer's record, identity, ring and tags of one shop, loaded once for a whole-shop run."""

    buyers: dict[int, BuyerRecord]
    identity: dict[int, tuple[str, str]]
    neighbours: dict[int, set[int]]
    tags: dict[int, list[str]] = field(default_factory=dict)
    # ``loading._identity_flags``'s memo of receivers and phones, kept across the run's batches.
    seen: dict = field(default_factory=dict)


def _rows(queryset, names: Iterable[str]) -> list[tuple]:
    """The rows of a ``values_list`` queryset straight from the cursor, as tuples of ``names`` (its
    columns or aliases). For the columns read here (ids, text, numbers) Django's per-row
    converters change nothing, and skipping them halves the time of a million-row read."""
    sql, params = queryset.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        columns = [column[0] for column in cursor.description]
        rows = cursor.fetchall()
    names = list(names)
    if columns == names:
        return rows
    pick = itemgetter(*(columns.index(name) for name in names))
    return [pick(row) for row in rows]


def load_shop_records(*, shop_id: int) -> ShopRecords:
    buyers: dict[int, BuyerRecord] = {}
    identity: dict[int, tuple[str, str]] = {}
    columns = ("id", "credit_score", "restricted", "key_kind", "key", "confidence")
    for pk, score, restricted, kind, key, confidence in _rows(
        Buyer.objects.filter(shop_id=shop_id).order_by().values_list(*columns), columns
    ):
        buyers[pk] = BuyerRecord(pk, score, restricted, confidence=confidence, phone=phone_of_identity(kind, key))
        identity[pk] = (kind, key)
    stats = (
        Order.objects.filter(shop_id=shop_id, buyer_id__isnull=False)
        .values_list("buyer_id")
        .annotate(
            n=Count("pk"),
            bad=Count("pk", filter=Q(status__in=BAD_STATUSES)),
            first=EpochSeconds(Min("ordered_at")),
            shipped=Count("shipped_at"),
            refunds=Count("shipped_at", filter=Q(status__in=REFUND_STATUSES)),
            names=Count("receiver", distinct=True),
            days=Count(Cast("ordered_at", DateField()), distinct=True),
        )
        .order_by()
    )
    with transaction.atomic(savepoint=False):
        # One hash entry per buyer: with the default 4 MB of work_mem a big shop's aggregate
        # spills to disk (300k buyers: 1.7 s, 0.9 s in memory). SET LOCAL lasts to the end of the
        # transaction: this block's, or the caller's when there is one.
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL work_mem = '64MB'")
        rows = _rows(stats, ("buyer_id", "n", "bad", "first", "shipped", "refunds", "names", "days"))
    for buyer_id, n, bad, first, shipped, refunds, names, days in rows:
        record = buyers.get(buyer_id)
        if record is not None:
            record.orders, record.bad_orders, record.first_order_ts = n, bad, first
            record.shipped, record.refunds, record.names, record.days = shipped, refunds, names, days
    neighbours = linked_groups(shop_id=shop_id, buyer_ids=set(), whole_shop=True)
    return ShopRecords(buyers, identity, neighbours, live_tags_of_shop(shop_id))
