"""Screening orders and storing their verdicts: only orders whose verdict changed are written,
orders a person took up are never touched, newly found attacks raise alerts, and the open orders
that later orders shed light on are screened again (hindsight)."""

from __future__ import annotations

import json
import logging
from collections import defaultdict
from collections.abc import Callable, Iterable
from datetime import timedelta

from django.conf import settings
from django.db import connection, transaction
from django.db.models import Q
from django.utils import timezone, translation

from blacklist.matching import record_hits
from reviews.models import Order, RiskPolicy
from reviews.models.orders import ACTIONABLE_STATUSES
from reviews.services.alerting import ScreeningEvent, alerts_for_screening
from reviews.services.batching import ID_BATCH, chunks
from reviews.services.order_context import Verdict
from reviews.services.policy import policy_current
from reviews.services.rules import ALERT_CODES, screen_order
from reviews.services.screening.features import build_contexts
from reviews.services.screening.loading import load_screening_data
from reviews.services.screening.records import linked_groups
from shieldsite.db import prepared_cursor

logger = logging.getLogger(__name__)
DECIDED_STATES = (
    Order.RiskState.IN_REVIEW,
    Order.RiskState.APPROVED,
    Order.RiskState.CANCELLED,
    Order.RiskState.BLACKLISTED,
)
VERDICT_FIELDS = ("risk_score", "risk_decision", "risk_reasons", "policy_version", "risk_state")


def risk_state_for(verdict: Verdict, status: str, current: str = "") -> str:
    """Flagged only while a merchant can still act on the order; otherwise out of the queue.

    An order imported past its shipping cut-off stays history (``intake.orders_intake``) unless
    a refund request makes it actionable again."""
    if current == Order.RiskState.HISTORY and status != Order.Status.REFUNDING:
        return Order.RiskState.HISTORY
    if verdict.flagged and status in ACTIONABLE_STATUSES:
        return Order.RiskState.FLAGGED
    return Order.RiskState.ALLOWED


def screen_orders(
    *, shop_id: int, order_ids: list[int], policy: RiskPolicy | None = None, blacklist_hint: Iterable[str] = ()
) -> dict[int, Verdict]:
    """Screen these orders with the shop's current policy and store each verdict on its order.

    Orders a person already took up keep their state and verdict. Only orders whose verdict
    changed are written, with one UPDATE per distinct verdict (a batch has few: most orders
    share "allow, 0, no reasons"). Blacklist hits are counted on the entries. Returns the
    verdict of every order screened. ``blacklist_hint``: see ``loading._load_one``.
    """
    policy = policy or policy_current(shop_id=shop_id)
    data = load_screening_data(shop_id=shop_id, order_ids=order_ids, policies=[policy], blacklist_hint=blacklist_hint)
    contexts = build_contexts(data, policy)
    verdicts: dict[int, Verdict] = {}
    groups: dict[tuple, list[int]] = defaultdict(list)
    hits: dict[int, list[tuple[int, bool]]] = defaultdict(list)
    alert_events: list[ScreeningEvent] = []
    for row in data.targets:
        # Stored reasons are in the shop's language whoever (or whichever request) screened.
        with translation.override(settings.LANGUAGE_CODE):
            verdict = screen_order(contexts[row["id"]], policy)
        verdicts[row["id"]] = verdict
        if row["risk_state"] in DECIDED_STATES:
            continue
        for match in contexts[row["id"]].blacklist:
            hits[match.entry_id].append((row["id"], match.linked))
        state = risk_state_for(verdict, row["status"], row["risk_state"])
        if row["status"] in ACTIONABLE_STATUSES and state != Order.RiskState.HISTORY:
            # Alert on what this screening newly found on an order a merchant can still act on.
            before = {r.get("code") for r in row["risk_reasons"] or ()}
            alert_events += [
                ScreeningEvent(r.code, row["id"], row["buyer_id"], row["sku_id"], r.message)
                for r in verdict.reasons
                if r.code in ALERT_CODES and r.code not in before
            ]
        new = (
            verdict.score,
            verdict.decision,
            [r.as_stored() for r in verdict.reasons],
            verdict.policy_version,
            state,
        )
        if tuple(row[name] for name in VERDICT_FIELDS) != new:
            groups[json.dumps(new, ensure_ascii=False, sort_keys=True)].append(row["id"])
    # Joins the caller's transaction when there is one (no savepoint: nothing here is retried alone).
    with transaction.atomic(savepoint=False):
        for key, ids in groups.items():
            values = dict(zip(VERDICT_FIELDS, json.loads(key), strict=True))
            for chunk in chunks(ids):
                _store_verdicts(chunk, values)
        if hits:
            record_hits(hits)
    if alert_events:
        _raise_alerts(shop_id, alert_events)
    return verdicts


OPEN_STATES = (Order.RiskState.NEW, Order.RiskState.ALLOWED, Order.RiskState.FLAGGED)


def hindsight_targets(
    *, shop_id: int, order_ids: list[int], buyer_ids: Iterable[int] | None = None, sku_neighbours: bool = True
) -> list[int]:
    """These orders, plus every still-actionable order whose verdict they may change, in time order:
    the open orders of the same buyers and of their rings (a ring links up, refunds pile up), and
    (``sku_neighbours``: for new orders) those of the same SKUs within the SKU window around them
    (a burst grows). Orders a person took up, and shipped or completed ones, are not re-screened:
    they count in the history only."""
    ids = set(order_ids)
    if not ids:
        return []
    window = timedelta(minutes=max(policy_current(shop_id=shop_id).sku_burst_minutes, 1))
    buyers = set(buyer_ids or ())
    spans: dict[str, list] = {}
    for chunk in chunks(sorted(ids)):
        rows = Order.objects.filter(shop_id=shop_id, pk__in=chunk).values_list("buyer_id", "sku_id", "ordered_at")
        for buyer_id, sku_id, at in rows:
            if buyer_id is not None and buyer_ids is None:
                buyers.add(buyer_id)
            if sku_id and at is not None:
                span = spans.setdefault(sku_id, [at, at])
                span[0], span[1] = min(span[0], at), max(span[1], at)
    buyers |= {other for group in linked_groups(shop_id=shop_id, buyer_ids=buyers).values() for other in group}
    open_orders = Order.objects.filter(shop_id=shop_id, status__in=ACTIONABLE_STATUSES, risk_state__in=OPEN_STATES)
    for chunk in chunks(sorted(buyers)):
        ids.update(open_orders.filter(buyer_id__in=chunk).values_list("pk", flat=True))
    skus = sorted(spans) if sku_neighbours else []
    for chunk in chunks(skus, 200):
        near = Q()
        for sku in chunk:
            first, last = spans[sku]
            near |= Q(sku_id=sku, ordered_at__gte=first - window, ordered_at__lte=last + window)
        ids.update(open_orders.filter(near).values_list("pk", flat=True))
    timed = []
    for chunk in chunks(sorted(ids)):
        timed += Order.objects.filter(pk__in=chunk).values_list("ordered_at", "pk")
    timed.sort(key=lambda pair: (pair[0] is None, pair[0] or 0, pair[1]))
    return [pk for _at, pk in timed]


def screen_in_hindsight(
    *, shop_id: int, order_ids: list[int], buyer_ids: Iterable[int] | None = None, sku_neighbours: bool = True,
    progress: Callable[[int, int], None] | None = None,
) -> int:  # fmt: skip
    """Screen these orders and the open orders they shed light on (``hindsight_targets``), in
    batches in time order; returns how many were screened."""
    ids = hindsight_targets(shop_id=shop_id, order_ids=order_ids, buyer_ids=buyer_ids, sku_neighbours=sku_neighbours)
    for start in range(0, len(ids), ID_BATCH):
        screen_orders(shop_id=shop_id, order_ids=ids[start : start + ID_BATCH])
        if progress:
            progress(min(start + ID_BATCH, len(ids)), len(ids))
    return len(ids)


_UPDATE_VERDICT = f"UPDATE {Order._meta.db_table} SET " + ", ".join(
    f"{Order._meta.get_field(name).column} = %s" for name in [*VERDICT_FIELDS, "updated_at"]
)
# One order (the check API) by ``id = %s``: with ``id = ANY(array)`` PostgreSQL plans it anew each time.
_VERDICT_OF_ONE_SQL = _UPDATE_VERDICT + " WHERE id = %s AND risk_state <> ALL(%s)"
_VERDICT_OF_MANY_SQL = _UPDATE_VERDICT + " WHERE id = ANY(%s) AND risk_state <> ALL(%s)"


def _store_verdicts(ids: list[int], values: dict) -> None:
    """One verdict on these orders, except those a person took up meanwhile (kept exactly as they saw them)."""
    params = [Order._meta.get_field(name).get_db_prep_save(values[name], connection) for name in VERDICT_FIELDS]
    sql, which = (_VERDICT_OF_ONE_SQL, ids[0]) if len(ids) == 1 else (_VERDICT_OF_MANY_SQL, ids)
    with prepared_cursor() as cursor:
        cursor.execute(sql, [*params, timezone.now(), which, [str(state) for state in DECIDED_STATES]])


def _raise_alerts(shop_id: int, events: list[ScreeningEvent]) -> None:
    """Alerts never break screening: a failure is logged and the verdicts stay stored."""
    try:
        with transaction.atomic():
            alerts_for_screening(shop_id=shop_id, events=events)
    except Exception:
        logger.exception("alerts for shop %s failed", shop_id)
