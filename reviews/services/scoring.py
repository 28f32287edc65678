"""Credit scores: a ledger of events per buyer, and the score derived from it set-based.

Every buyer starts at the policy's base score. Events move it: an order's outcome
(derived here from the order itself, at most one event per order and kind) and a person's
decision (``credit_event_record``: blacklisted, complaint upheld; a buyer loses the blacklisting
points once, however many of its orders a reviewer blacklists it on). The score is
``base + sum(deltas)``, kept within ``[0, base]``: good orders win back lost points but
never lift a buyer above the base. Below the policy's floor the buyer is restricted.

Both steps are single SQL statements per batch (``INSERT … SELECT … ON CONFLICT`` and
``UPDATE … FROM (… GROUP BY buyer)``) and are idempotent: running them twice gives the same
ledger and the same scores.
"""

from collections.abc import Callable, Iterable

from django.db import connection, transaction
from django.db.models import Count, Max, Min
from django.utils import timezone

from reviews.models import Buyer, CreditEvent, Order, RiskPolicy
from reviews.services.batching import chunks
from reviews.services.policy import policy_current

Progress = Callable[[int, int], None] | None

# Buyers per rescore statement on a full run.
BUYER_BATCH = 100_000
ANALYZE_AFTER = 50_000

# Kinds a buyer is charged for once: blacklisting a bomber on each of its fifteen orders is one
# blacklisting, not fifteen (the decisions and the blacklist still record every one of them).
ONCE_PER_BUYER = frozenset({CreditEvent.Kind.BLACKLISTED})

# The one outcome an order contributes to its buyer's ledger, by status. An order counts
# as paid when it has a payment time; "after receipt" when it has a receipt time.
DERIVED_KIND_SQL = """
    CASE
        WHEN o.status = 'cancelled' AND o.paid_at IS NULL THEN 'unpaid_closed'
        WHEN o.status = 'cancelled' THEN 'cancel_after_pay'
        WHEN o.status = 'refunded' AND o.received_at IS NOT NULL THEN 'refund_after_receipt'
        WHEN o.status = 'refunded' THEN 'refund'
        WHEN o.status = 'completed' THEN 'completed'
    END
"""


def _table(model) -> str:
    return connection.ops.quote_name(model._meta.db_table)


def _in_list(column: str, ids: list[int]) -> tuple[str, list[int]]:
    return f" AND {column} IN ({', '.join(['%s'] * len(ids))})", list(ids)


@transaction.atomic
def credit_events_derive(*, shop_id: int, order_ids: list[int] | None = None, policy: RiskPolicy | None = None) -> None:
    """Bring the ledger's order-outcome events in line with these orders (all of the shop's if None).

    Inserts the missing events, updates a delta the policy changed, and removes an event
    whose order no longer has that outcome (a completed order refunded later). Events that
    a person recorded are never touched.
    """
    policy = policy or policy_current(shop_id=shop_id)
    deltas = " ".join(f"WHEN '{kind}' THEN {int(policy.credit_delta(kind))}" for kind in CreditEvent.DERIVED)
    events, orders = _table(CreditEvent), _table(Order)
    now = timezone.now()
    if order_ids is None:
        _derive_whole_shop(shop_id, deltas, now)
        return
    for ids in chunks(order_ids):
        scope, params = _in_list("o.id", ids)
        with connection.cursor() as cursor:
            cursor.execute(
                f"""
                INSERT INTO {events} (shop_id, buyer_id, order_id, kind, delta, reason, created_at)
                SELECT src.shop_id, src.buyer_id, src.id, src.kind, CASE src.kind {deltas} END, '', %s
                FROM (
                    SELECT o.id, o.shop_id, o.buyer_id, {DERIVED_KIND_SQL} AS kind
                    FROM {orders} o WHERE o.shop_id = %s AND o.buyer_id IS NOT NULL {scope}
                ) src
                WHERE src.kind IS NOT NULL AND NOT EXISTS (
                    -- Skip what the ledger already says, so a re-run reads but writes nothing
                    -- (an anti-join, far cheaper than probing the conflict index row by row).
                    SELECT 1 FROM {events} e WHERE e.order_id = src.id AND e.kind = src.kind
                    AND e.buyer_id = src.buyer_id AND e.delta = CASE src.kind {deltas} END
                )
                ON CONFLICT (order_id, kind) DO UPDATE
                SET delta = excluded.delta, buyer_id = excluded.buyer_id
                WHERE {events}.delta <> excluded.delta OR {events}.buyer_id <> excluded.buyer_id
                """,
                [now, shop_id, *params],
            )
            derived = ", ".join(f"'{kind}'" for kind in CreditEvent.DERIVED)
            cursor.execute(
                f"""
                DELETE FROM {events}
                WHERE shop_id = %s AND kind IN ({derived}) {scope.replace("o.id", "order_id")}
                AND NOT EXISTS (
                    SELECT 1 FROM {orders} o
                    WHERE o.id = {events}.order_id AND o.buyer_id = {events}.buyer_id
                    AND {DERIVED_KIND_SQL} = {events}.kind
                )
                """,
                [shop_id, *params],
            )


def _derive_whole_shop(shop_id: int, deltas: str, now) -> None:
    """The whole shop in one statement: orders and ledger are each read once (a hash full join),
    missing or changed events are upserted and stale ones deleted in the same pass."""
    events, orders = _table(CreditEvent), _table(Order)
    derived = ", ".join(f"'{kind}'" for kind in CreditEvent.DERIVED)
    with connection.cursor() as cursor:
        cursor.execute(
            f"""
            WITH wanted AS (
                SELECT o.id AS order_id, o.buyer_id, {DERIVED_KIND_SQL} AS kind
                FROM {orders} o WHERE o.shop_id = %s AND o.buyer_id IS NOT NULL
            ), ledger AS (
                SELECT e.id, e.order_id, e.buyer_id, e.kind, e.delta
                FROM {events} e WHERE e.shop_id = %s AND e.kind IN ({derived})
            ), diff AS (
                SELECT w.order_id AS w_order, w.buyer_id AS w_buyer, w.kind AS w_kind, l.id AS l_id
                FROM (SELECT * FROM wanted WHERE kind IS NOT NULL) w
                FULL OUTER JOIN ledger l ON l.order_id = w.order_id AND l.kind = w.kind
                WHERE l.id IS NULL OR w.order_id IS NULL
                   OR l.buyer_id <> w.buyer_id OR l.delta <> CASE w.kind {deltas} END
            ), gone AS (
                DELETE FROM {events} WHERE id IN (SELECT l_id FROM diff WHERE w_order IS NULL)
            )
            INSERT INTO {events} (shop_id, buyer_id, order_id, kind, delta, reason, created_at)
            SELECT %s, w_buyer, w_order, w_kind, CASE w_kind {deltas} END, '', %s FROM diff WHERE w_order IS NOT NULL
            ON CONFLICT (order_id, kind) DO UPDATE SET delta = excluded.delta, buyer_id = excluded.buyer_id
            """,
            [shop_id, shop_id, shop_id, now],
        )
        if cursor.rowcount > ANALYZE_AFTER:
            # A first full derivation adds most of the table at once: refresh the planner's
            # statistics now rather than at autovacuum's leisure, or the next statements
            # pick nested loops over hundreds of thousands of rows.
            cursor.execute(f"ANALYZE {events}")


def credit_event_record(
    *,
    buyer: Buyer,
    kind: str,
    reason: str,
    created_by,
    delta: int | None = None,
    order: Order | None = None,
    decision=None,
) -> CreditEvent:
    """Record an event a person caused (blacklisted, complaint upheld, manual adjustment).

    ``delta`` defaults to the shop policy's value for the kind. Recording the same kind for
    the same order again returns the existing event, and so does a kind the buyer is charged
    for once (``ONCE_PER_BUYER``) that it already has (events taken back by ``credit_event_reverse``
    do not count). ``decision`` is the review decision that caused it, so undoing that decision
    finds it. The buyer's score is recomputed once the transaction commits.
    """
    from shieldsite.queues import enqueue

    if delta is None:
        delta = policy_current(shop_id=buyer.shop_id).credit_delta(kind)
    with transaction.atomic():
        if kind in ONCE_PER_BUYER and not _buyers_not_yet_charged(buyer_ids={buyer.pk}, kind=kind):
            return CreditEvent.objects.filter(buyer=buyer, kind=kind, reversal__isnull=True).earliest("created_at")
        if order is not None:
            event, created = CreditEvent.objects.get_or_create(
                order=order,
                kind=kind,
                defaults={
                    "shop_id": buyer.shop_id,
                    "buyer": buyer,
                    "delta": delta,
                    "reason": reason,
                    "created_by": created_by,
                    "decision": decision,
                },
            )
            if not created and CreditEvent.objects.filter(reverses=event).exists():
                # The order's event was taken back (an undone decision): charge again on a new
                # row, which cannot carry the order (one event per order and kind), so say which.
                event = CreditEvent.objects.create(
                    shop_id=buyer.shop_id,
                    buyer=buyer,
                    kind=kind,
                    delta=delta,
                    reason=f"{reason}（{order.order_no}）",
                    created_by=created_by,
                    decision=decision,
                )
        else:
            event = CreditEvent.objects.create(
                shop_id=buyer.shop_id,
                buyer=buyer,
                kind=kind,
                delta=delta,
                reason=reason,
                created_by=created_by,
                decision=decision,
            )
        enqueue("scoring", "reviews.jobs.rescore_buyers", buyer.shop_id, [buyer.pk])
    return event


def credit_event_reverse(*, event: CreditEvent, reason: str, created_by) -> CreditEvent:
    """Cancel out an event a person caused with a compensating ``reversal`` row (the ledger never
    loses a row); reversing it twice returns the first reversal. The buyer is rescored on commit."""
    from shieldsite.queues import enqueue

    with transaction.atomic():
        existing = CreditEvent.objects.filter(reverses=event).first()
        if existing is not None:
            return existing
        reversal = CreditEvent.objects.create(
            shop_id=event.shop_id,
            buyer_id=event.buyer_id,
            kind=CreditEvent.Kind.REVERSAL,
            delta=-event.delta,
            reason=reason[:255],
            created_by=created_by,
            reverses=event,
        )
        enqueue("scoring", "reviews.jobs.rescore_buyers", event.shop_id, [event.buyer_id])
    return reversal


def credit_events_record_many(events: list[CreditEvent]) -> None:
    """Insert events people caused on many orders at once (a bulk decision), in the caller's
    transaction; like ``credit_event_record``, at most one per order and kind, and a
    ``ONCE_PER_BUYER`` kind only for buyers without one yet (their first order here)."""
    kinds = {event.kind for event in events} & ONCE_PER_BUYER
    uncharged = {
        kind: _buyers_not_yet_charged(buyer_ids={e.buyer_id for e in events if e.kind == kind}, kind=kind)
        for kind in kinds
    }
    kept = []
    for event in events:
        if event.kind in uncharged:
            if event.buyer_id not in uncharged[event.kind]:
                continue
            uncharged[event.kind].discard(event.buyer_id)
        kept.append(event)
    CreditEvent.objects.bulk_create(kept, ignore_conflicts=True)


def _buyers_not_yet_charged(*, buyer_ids: Iterable[int], kind: str) -> set[int]:
    """Of these buyers, those without an event of ``kind`` yet. Call it in a transaction: it locks
    the buyers' rows until the caller has recorded their events, so two reviewers blacklisting
    the same buyer at once charge it once."""
    wanted = sorted(set(buyer_ids))
    list(Buyer.objects.select_for_update().filter(pk__in=wanted).order_by("pk").values_list("pk", flat=True))
    charged = CreditEvent.objects.filter(buyer_id__in=wanted, kind=kind, reversal__isnull=True).values_list(
        "buyer_id", flat=True
    )
    return set(wanted) - set(charged)


def _rescore_statement(shop_id: int, policy: RiskPolicy, where: str, params: list, *, whole_shop: bool = False) -> int:
    """Score = base + the buyer's deltas, within [0, base], for the buyers ``where`` selects.

    A full run (``whole_shop``) sums the shop's ledger in one GROUP BY and names the shop on
    the updated rows too (else PostgreSQL reads every shop's buyers to join them). Listed
    buyers sum their own events through the buyer index instead: joined to a GROUP BY, rows
    an import just wrote (no statistics yet) made PostgreSQL redo the whole aggregate once per
    buyer (~7 s for 4,400 buyers)."""
    base, floor = int(policy.base_score), int(policy.restriction_floor)
    buyers, events = _table(Buyer), _table(CreditEvent)
    if whole_shop:
        total = "t.total"
        totals = f"""LEFT JOIN (
            SELECT buyer_id, SUM(delta) AS total FROM {events} e
            WHERE e.shop_id = %s {where.replace("b.id", "e.buyer_id")} GROUP BY buyer_id
        ) t ON t.buyer_id = b.id"""
        target, values = f"AND {buyers}.shop_id = %s", [shop_id, *params, shop_id, *params, shop_id]
    else:
        total = f"(SELECT SUM(e.delta) FROM {events} e WHERE e.buyer_id = b.id AND e.shop_id = %s)"
        totals, target, values = "", "", [shop_id, shop_id, *params]
    with connection.cursor() as cursor:
        cursor.execute(
            f"""
            UPDATE {buyers} SET credit_score = s.score, restricted = (s.score < {floor})
            FROM (
                SELECT buyer_id, CASE WHEN raw > {base} THEN {base} WHEN raw < 0 THEN 0 ELSE raw END AS score
                FROM (
                    SELECT b.id AS buyer_id, {base} + COALESCE({total}, 0) AS raw
                    FROM {buyers} b
                    {totals}
                    WHERE b.shop_id = %s {where}
                ) r
            ) s
            WHERE {buyers}.id = s.buyer_id {target}
              AND ({buyers}.credit_score <> s.score OR {buyers}.restricted <> (s.score < {floor}))
            """,
            values,
        )
        return cursor.rowcount


def rescore(*, shop_id: int, buyer_ids: list[int] | None = None, progress: Progress = None) -> int:
    """Recompute credit score and restriction of these buyers (every buyer of the shop if None).

    One aggregate and one bulk UPDATE per batch; rows whose score did not change are not
    written. Returns how many buyers changed.
    """
    policy = policy_current(shop_id=shop_id)
    changed = 0
    if buyer_ids is not None:
        ids = sorted(set(buyer_ids))
        batches = list(chunks(ids))
        for done, batch in enumerate(batches, start=1):
            where, params = _in_list("b.id", batch)
            with transaction.atomic():
                changed += _rescore_statement(shop_id, policy, where, params)
            if progress:
                progress(done, len(batches))
        return changed
    # Id ranges of about BUYER_BATCH buyers each, from the shop's lowest and highest id (a
    # [::step] slice of the ids would bring every id of the shop into Python first). Every
    # buyer falls in exactly one range however evenly the ids are spread.
    ids = Buyer.objects.filter(shop_id=shop_id).aggregate(first=Min("pk"), last=Max("pk"), count=Count("pk"))
    if not ids["count"]:
        return 0
    parts = -(-ids["count"] // BUYER_BATCH)
    step = -(-(ids["last"] - ids["first"] + 1) // parts)
    bounds = [ids["first"] + i * step for i in range(parts)]
    bounds.append(None)
    for done, (low, high) in enumerate(zip(bounds, bounds[1:], strict=False), start=1):
        where = " AND b.id >= %s" + (" AND b.id < %s" if high is not None else "")
        params = [low] + ([high] if high is not None else [])
        with transaction.atomic():
            changed += _rescore_statement(shop_id, policy, where, params, whole_shop=True)
        if progress:
            progress(done, len(bounds) - 1)
    return changed
