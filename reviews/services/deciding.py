"""Claiming and deciding flagged orders: the only code that changes an order's review state.

A claim is a lease (``claimed_by``, ``claimed_at``) taken in a transaction of its own with
``SELECT … FOR UPDATE SKIP LOCKED`` and committed at once: no row lock is held while a
reviewer reads the order. Deciding takes the row lock again for the length of one request,
refuses an order someone else holds a live claim on, and writes a ``Decision`` for every
thing a person did. A settlement can be taken back — undone by its reviewer within minutes,
reopened by a manager later — by another ``Decision`` that reverses its effects through their
own services. Nothing here deletes anything.
"""

from collections.abc import Iterable
from datetime import datetime, timedelta
from itertools import islice

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from blacklist.models import BlacklistEntry, EntryHit, Kind, ListType, ReasonCategory, Source
from blacklist.services import blacklist_add_for_buyer, blacklist_remove, hits_of_orders
from reviews.models import BulkDecisionJob, CreditEvent, Decision, Order, Shop
from reviews.querysets import claim_cutoff
from reviews.selectors.contacts import contact_latest_for_order, contact_latest_for_orders
from reviews.selectors.queue import QueueCriteria, queue_matching
from reviews.services.contacting import contact_reason
from reviews.services.policy import policy_current
from reviews.services.rules import CATALOGUE
from reviews.services.scoring import credit_event_record, credit_event_reverse, credit_events_record_many
from shieldsite.queues import enqueue

Action = Decision.Action
QUEUE_STATES = (Order.RiskState.FLAGGED, Order.RiskState.IN_REVIEW)
SETTLED_STATE = {
    Action.APPROVE: Order.RiskState.APPROVED,
    Action.CANCEL: Order.RiskState.CANCELLED,
    Action.BLACKLIST: Order.RiskState.BLACKLISTED,
}
# The keys a reviewer may blacklist a buyer by, and where each comes from on the order.
BLACKLIST_KINDS = (Kind.PHONE, Kind.RECEIVER, Kind.ADDRESS, Kind.RECEIVER_ADDRESS)
BULK_BATCH = 500
BULK_FIELDS = (
    "risk_reasons",
    "risk_score",
    "policy_version",
    "buyer_id",
    "amount_paid",
    "quantity",
    "phone",
    "receiver",
)
BULK_FIELDS += ("province", "city", "district", "street", "address")
# The blacklist category each attack-shaped screening reason points to (see ``reason_category_for``).
CATEGORY_OF_REASON = {
    code: spec.blacklist_category for spec in CATALOGUE if spec.blacklist_category for code in spec.codes
}
BLACKLIST_REASON_CODES = ("blacklist", "blacklist_linked")


def reason_category_for(reasons, hits: Iterable[EntryHit] = ()) -> str:
    """The blacklist category an order's flag points to: that of its heaviest attack-shaped reason
    (炸店, 占库存, 退款); else, for an order a blacklist entry stopped, that entry's category (its
    ``hits``: see ``hits_of_orders``); else 其他. What a reviewer who blacklists without choosing
    gets, so a refund abuser is not filed under the form's first choice."""
    reasons = [r for r in reasons or () if isinstance(r, dict)]
    known = [r for r in reasons if r.get("code") in CATEGORY_OF_REASON]
    if known:
        return CATEGORY_OF_REASON[max(known, key=lambda r: r.get("weight") or 0)["code"]]
    if any(r.get("code") in BLACKLIST_REASON_CODES for r in reasons):
        for hit in hits:
            if hit.entry.list_type == ListType.BLOCK and hit.entry.reason_category != ReasonCategory.TRUSTED:
                return hit.entry.reason_category or ReasonCategory.OTHER
    return ReasonCategory.OTHER


class DecisionRefused(Exception):
    """The decision was not recorded; ``str(exc)`` says why, for the reviewer."""


class ClaimedByOther(DecisionRefused):
    def __init__(self, username: str):
        super().__init__(_("该订单正由 %(name)s 处理中，请处理下一单。") % {"name": username})


class AlreadyDecided(DecisionRefused):
    def __init__(self, state_label: str):
        super().__init__(_("该订单已处理（%(state)s），不能重复处理。") % {"state": state_label})


def queue_orders(*, user, shop: Shop, criteria: QueueCriteria | None = None) -> QuerySet[Order]:
    """The shop's queue as ``criteria`` (the queue page's filters) narrow and sort it."""
    base = Order.objects.filter(shop=shop).flagged().with_deadline()
    return queue_matching(base, criteria or QueueCriteria(), user=user)


def claim_next_order(
    *, user, shop: Shop, criteria: QueueCriteria | None = None, exclude_ids: Iterable[int] = ()
) -> Order | None:
    """Give ``user`` their next order: one they already hold, else claim the highest-priority free one.

    Priority is the queue's sort under ``criteria`` (default: risk score, then shipping
    cut-off). The claim is taken with ``FOR UPDATE SKIP LOCKED`` and committed before this
    returns, so two reviewers never get the same order and nobody holds a lock while reading.
    Orders the user skipped within the claim TTL are not handed to them again.
    """
    now = timezone.now()
    exclude_ids = list(exclude_ids)
    candidates = queue_orders(user=user, shop=shop, criteria=criteria).exclude(pk__in=exclude_ids)

    held = candidates.claimed_live_by(user, now=now).values_list("pk", flat=True).first()
    if held is not None:
        Order.objects.filter(pk=held).update(claimed_at=now)
        return Order.objects.with_related().get(pk=held)

    recently_skipped = Decision.objects.filter(user=user, action=Action.SKIP, created_at__gte=claim_cutoff(now)).values(
        "order_id"
    )
    with transaction.atomic():
        pk = (
            candidates.unclaimed(now=now)
            .exclude(pk__in=recently_skipped)
            .select_for_update(skip_locked=True, of=("self",))
            .values_list("pk", flat=True)
            .first()
        )
        if pk is None:
            return None
        Order.objects.filter(pk=pk).update(
            claimed_by=user, claimed_at=now, risk_state=Order.RiskState.IN_REVIEW, updated_at=now
        )
    return Order.objects.with_related().get(pk=pk)


def claim_renew(*, order: Order, user) -> bool:
    """Keep ``user``'s claim alive while they work on the order; False if they do not hold it."""
    return bool(
        Order.objects.filter(pk=order.pk, claimed_by=user, risk_state=Order.RiskState.IN_REVIEW).update(
            claimed_at=timezone.now()
        )
    )


def blacklist_values_for(order: Order, kinds: Iterable[str]) -> dict[str, str]:
    """The order's value for each chosen blacklist key kind (empty values left out)."""
    source = {
        Kind.PHONE: order.phone,
        Kind.RECEIVER: order.receiver,
        Kind.ADDRESS: order.full_address,
        Kind.RECEIVER_ADDRESS: order.full_address,
    }
    return {kind: source[kind] for kind in BLACKLIST_KINDS if kind in set(kinds) and source[kind].strip()}


def _reasons_with_contact(reasons, contact) -> list:
    """What a decision records as its reasons: the order's flag, plus what the buyer said when
    contacted (联系买家核实), so the record shows what the reviewer knew."""
    reasons = list(reasons or [])
    return [*reasons, contact_reason(contact)] if contact is not None else reasons


def _holder_is_other(order: Order, user, now: datetime) -> bool:
    return (
        order.claimed_by_id is not None
        and order.claimed_by_id != user.pk
        and order.claimed_at is not None
        and order.claimed_at >= claim_cutoff(now)
    )


def order_decide(
    *,
    order: Order,
    user,
    action: str,
    note: str = "",
    blacklist_kinds: Iterable[str] = (),
    reason_category: str = "",
    expires_at: datetime | None = None,
) -> Decision:
    """Record one reviewer decision on one order, apply it, and rescore the buyer once committed.

    ``approve`` / ``cancel`` / ``blacklist`` settle the order (once: a second attempt raises
    ``AlreadyDecided``); ``skip`` hands it back to the queue; ``note`` only adds a note. A
    blacklisting without ``reason_category`` files the entries under ``reason_category_for``.
    Raises ``ClaimedByOther`` if someone else holds a live claim, and ``ValidationError``
    (per key kind) when a blacklist key is too weak to match anyone.
    """
    if action not in (*Decision.FINAL, Action.SKIP, Action.NOTE):
        raise ValueError(f"unknown action {action!r}")
    now = timezone.now()
    with transaction.atomic():
        order = Order.objects.select_for_update(of=("self",)).select_related("claimed_by").get(pk=order.pk)
        if action != Action.NOTE:
            if _holder_is_other(order, user, now):
                raise ClaimedByOther(order.claimed_by.get_username())
            if order.risk_state not in QUEUE_STATES:
                raise AlreadyDecided(order.get_risk_state_display())

        decision = Decision(
            shop_id=order.shop_id,
            order=order,
            action=action,
            user=user,
            note=note.strip(),
            reasons=_reasons_with_contact(order.risk_reasons, contact_latest_for_order(order)),
            risk_score=order.risk_score,
            policy_version=order.policy_version,
        )
        if action == Action.BLACKLIST:
            values = blacklist_values_for(order, blacklist_kinds)
            if not values:
                raise ValidationError({"blacklist_kinds": _("这个订单没有可拉黑的键，请至少选择一个有值的键。")})
            if not reason_category:
                reason_category = reason_category_for(order.risk_reasons, hits_of_orders([order.pk])[order.pk])
            entries = blacklist_add_for_buyer(
                shop_id=order.shop_id,
                values=values,
                receiver=order.receiver,
                reason_category=reason_category,
                reason=note.strip(),
                source=Source.DECISION,
                expires_at=expires_at,
                created_by=user,
            )
            added = {entry.kind: entry.pk for entry in entries}
            decision.blacklist_keys = [
                {"kind": kind, "value": value, "entry_id": added.get(kind)} for kind, value in values.items()
            ]
        if action in Decision.CANCELLING:
            decision.amount_saved = order.amount_paid
            decision.units_saved = order.quantity

        try:
            with transaction.atomic():
                decision.save()
        except IntegrityError:
            # The unique constraint caught a settling decision that raced past the checks.
            raise AlreadyDecided(_("已处理")) from None

        if action in Decision.FINAL:
            order.risk_state = SETTLED_STATE[action]
            order.claimed_by, order.claimed_at = None, None
        elif action == Action.SKIP:
            order.risk_state = Order.RiskState.FLAGGED
            order.claimed_by, order.claimed_at = None, None
        elif order.claimed_by_id == user.pk:
            order.claimed_at = now  # a note is activity: keep the claim alive
        order.save(update_fields=["risk_state", "claimed_by", "claimed_at", "updated_at"])

        if action == Action.BLACKLIST and order.buyer_id:
            # The ledger remembers it; credit_event_record rescores the buyer on commit.
            credit_event_record(
                buyer=order.buyer,
                order=order,
                kind=CreditEvent.Kind.BLACKLISTED,
                reason=note.strip() or _("审核时拉黑"),
                created_by=user,
                decision=decision,
            )
        if action in Decision.FINAL:
            enqueue("scoring", "reviews.jobs.orders_changed", order.shop_id, [order.pk])
    return decision


def claims_release(*, shop: Shop, user, order_ids: Iterable[int] | None = None) -> int:
    """A manager hands claimed orders back to the queue (all of the shop's, or ``order_ids``).

    Each release is audited as a ``release`` decision naming whose claim it was.
    Returns how many claims were released.
    """
    with transaction.atomic():
        claimed = Order.objects.filter(shop=shop, claimed_by__isnull=False).flagged()
        if order_ids is not None:
            claimed = claimed.filter(pk__in=list(order_ids))
        rows = list(
            claimed.select_for_update(of=("self",)).values_list(
                "pk", "claimed_by__username", "risk_reasons", "risk_score"
            )
        )
        if not rows:
            return 0
        Decision.objects.bulk_create(
            Decision(
                shop=shop,
                order_id=pk,
                action=Action.RELEASE,
                user=user,
                note=_("释放了 %(name)s 的领取") % {"name": holder},
                reasons=reasons,
                risk_score=score,
            )
            for pk, holder, reasons, score in rows
        )
        Order.objects.filter(pk__in=[row[0] for row in rows]).update(
            claimed_by=None, claimed_at=None, risk_state=Order.RiskState.FLAGGED, updated_at=timezone.now()
        )
    return len(rows)


def bulk_decision_start(
    *,
    shop: Shop,
    user,
    action: str,
    order_ids: Iterable[int],
    note: str = "",
    blacklist_kinds: Iterable[str] = (),
    reason_category: str = "",
) -> BulkDecisionJob:
    """Queue one background job that settles many orders; the user watches its progress.

    Only the shop's orders still waiting in the queue are taken. A blacklisting without
    ``reason_category`` files each order's entries under its own reasons (``reason_category_for``).
    """
    if action not in Decision.FINAL:
        raise ValueError(f"bulk action must settle orders, not {action!r}")
    ids = list(
        Order.objects.filter(shop=shop, pk__in=list(order_ids)).flagged().order_by("pk").values_list("pk", flat=True)
    )
    job = BulkDecisionJob.objects.create(
        shop=shop,
        user=user,
        action=action,
        order_ids=ids,
        total=len(ids),
        note=note.strip(),
        blacklist_kinds=list(blacklist_kinds),
        reason_category=reason_category,
    )
    enqueue("default", "reviews.jobs.decide_orders_bulk", job.pk, job_id=f"bulk-{job.pk}")
    return job


def orders_decide_bulk(*, job: BulkDecisionJob, batch_size: int = BULK_BATCH) -> BulkDecisionJob:
    """Settle a bulk job's orders batch by batch, one ``Decision`` per order.

    Set-based per batch (one locking read, one insert, one update). Orders decided or
    claimed by someone else meanwhile are skipped, not overridden. Safe to run twice:
    progress is counted from the job's own decisions.
    """
    BulkDecisionJob.objects.filter(pk=job.pk).update(status=BulkDecisionJob.Status.RUNNING)
    processed = 0
    for batch in batched(job.order_ids, batch_size):
        with transaction.atomic():
            _decide_batch(job, list(batch))
            processed += len(batch)
            done = Decision.objects.filter(bulk_job=job).count()
            BulkDecisionJob.objects.filter(pk=job.pk).update(done=done, skipped=processed - done)
    BulkDecisionJob.objects.filter(pk=job.pk).update(status=BulkDecisionJob.Status.DONE, finished_at=timezone.now())
    job.refresh_from_db()
    return job


def batched(items: Iterable, size: int):
    """Successive lists of ``size`` items (itertools.batched arrives only in Python 3.12)."""
    iterator = iter(items)
    while chunk := list(islice(iterator, size)):
        yield chunk


def _decide_batch(job: BulkDecisionJob, batch: list[int]) -> None:
    now = timezone.now()
    rows = list(
        Order.objects.filter(pk__in=batch, shop_id=job.shop_id, risk_state__in=QUEUE_STATES)
        .filter(Q(claimed_by__isnull=True) | Q(claimed_by=job.user_id) | Q(claimed_at__lt=claim_cutoff(now)))
        .select_for_update(skip_locked=True, of=("self",))
        .only(*BULK_FIELDS)
    )
    # A blacklisting without a category files each order under its own flag (one query a batch).
    categorise = job.action == Action.BLACKLIST and not job.reason_category
    hits = hits_of_orders(order.pk for order in rows) if categorise else {}
    contacts = contact_latest_for_orders(rows, shop_id=job.shop_id)
    decisions = []
    decided = []
    for order in rows:
        decision = Decision(
            shop_id=job.shop_id,
            order_id=order.pk,
            action=job.action,
            user_id=job.user_id,
            note=job.note,
            reasons=_reasons_with_contact(order.risk_reasons, contacts.get(order.pk)),
            risk_score=order.risk_score,
            policy_version=order.policy_version,
            bulk_job=job,
        )
        if job.action == Action.BLACKLIST:
            values = blacklist_values_for(order, job.blacklist_kinds)
            if not values:
                continue  # nothing to blacklist this buyer by: leave the order for a person
            try:
                entries = blacklist_add_for_buyer(
                    shop_id=job.shop_id,
                    values=values,
                    receiver=order.receiver,
                    reason_category=job.reason_category or reason_category_for(order.risk_reasons, hits[order.pk]),
                    reason=job.note,
                    source=Source.DECISION,
                    created_by=job.user,
                )
            except ValidationError:
                continue  # a key too weak to match: leave this order for a person
            added = {entry.kind: entry.pk for entry in entries}
            decision.blacklist_keys = [
                {"kind": kind, "value": value, "entry_id": added.get(kind)} for kind, value in values.items()
            ]
        if job.action in Decision.CANCELLING:
            decision.amount_saved = order.amount_paid
            decision.units_saved = order.quantity
        decisions.append(decision)
        decided.append(order.pk)
    if not decided:
        return
    Decision.objects.bulk_create(decisions)
    if job.action == Action.BLACKLIST:
        decision_of = {decision.order_id: decision.pk for decision in decisions}
        delta = policy_current(shop_id=job.shop_id).credit_delta(CreditEvent.Kind.BLACKLISTED)
        credit_events_record_many(
            [
                CreditEvent(
                    shop_id=job.shop_id,
                    buyer_id=order.buyer_id,
                    order_id=order.pk,
                    kind=CreditEvent.Kind.BLACKLISTED,
                    delta=delta,
                    reason=job.note or _("批量拉黑"),
                    created_by_id=job.user_id,
                    decision_id=decision_of[order.pk],
                )
                for order in rows
                if order.pk in decision_of and order.buyer_id
            ]
        )
    Order.objects.filter(pk__in=decided).update(
        risk_state=SETTLED_STATE[job.action], claimed_by=None, claimed_at=None, updated_at=now
    )
    enqueue("scoring", "reviews.jobs.orders_changed", job.shop_id, decided)


def platform_cancels_confirm(*, shop: Shop, user, decision_ids: Iterable[int]) -> int:
    """The merchant cancelled these orders on the platform too: each decision records when and by
    whom (its audit), and the orders leave the to-cancel list. Only the shop's decisions to cancel
    not confirmed yet are touched; returns how many were confirmed now."""
    with transaction.atomic():
        return Decision.objects.filter(
            shop=shop,
            pk__in=list(decision_ids),
            action__in=Decision.CANCELLING,
            platform_cancel_confirmed_at__isnull=True,
            reversed_at__isnull=True,
        ).update(platform_cancel_confirmed_at=timezone.now(), platform_cancel_confirmed_by=user)


def platform_cancel_confirm(*, decision: Decision, user) -> Decision:
    """The merchant cancelled the order on the platform too: it leaves the to-cancel list."""
    platform_cancels_confirm(shop=decision.shop, user=user, decision_ids=[decision.pk])
    decision.refresh_from_db()
    return decision


def decision_bulk_job_fail(*, job_id: int, error: str) -> None:
    """Mark a bulk job failed so its progress bar stops and says why."""
    BulkDecisionJob.objects.filter(pk=job_id).update(
        status=BulkDecisionJob.Status.FAILED, error=error[:2000], finished_at=timezone.now()
    )


# How long the reviewer who settled an order may take it back (and only until their next settlement).
UNDO_WINDOW = timedelta(minutes=5)


class PlatformAlreadyCancelled(DecisionRefused):
    """The order was already cancelled on the platform: reopening it here does not bring it back there."""

    def __init__(self, order_no: str):
        super().__init__(
            _(
                "订单 %(no)s 已在平台上取消：重新打开只会让它回到审核队列，平台上的订单不会恢复。"
                "请勾选确认后再重新打开。"
            )
            % {"no": order_no}
        )


def undo_refusal(decision: Decision, user, now: datetime | None = None) -> str | None:
    """Why ``user`` may not undo ``decision`` now, or None if they may.

    Only the reviewer who settled the order, within ``UNDO_WINDOW``, and only their latest
    settlement (their next decision closes the window). Bulk settlements, settlements already
    taken back and cancellations already confirmed on the platform are for a manager to reopen.
    """
    now = now or timezone.now()
    if decision.action not in Decision.FINAL or decision.reversed_at is not None:
        return _("这条处理已被撤回或不能撤销。")
    if decision.user_id != user.pk:
        return _("只能撤销你自己的处理；需要改判请联系经理重新打开。")
    if decision.bulk_job_id is not None:
        return _("批量处理不能逐单撤销；需要改判请联系经理重新打开。")
    if now - decision.created_at > UNDO_WINDOW:
        return _("已超过 5 分钟，不能再撤销；需要改判请联系经理重新打开。")
    if Decision.objects.filter(
        user_id=decision.user_id, shop_id=decision.shop_id, action__in=Decision.FINAL, pk__gt=decision.pk
    ).exists():
        return _("你之后已经处理了其他订单，不能再撤销这一单；需要改判请联系经理重新打开。")
    if decision.platform_cancel_confirmed_at is not None:
        return _("该订单已标记为平台已取消，不能撤销；需要改判请联系经理重新打开。")
    return None


def undoable_decision(*, user, shop: Shop, now: datetime | None = None) -> Decision | None:
    """The settlement ``user`` may still undo in ``shop`` (their latest, inside the window), if any."""
    now = now or timezone.now()
    latest = (
        Decision.objects.filter(user=user, shop=shop, action__in=Decision.FINAL, created_at__gte=now - UNDO_WINDOW)
        .select_related("order")
        .order_by("-pk")
        .first()
    )
    if latest is None or undo_refusal(latest, user, now) is not None:
        return None
    # Its own latest settlement, not merely a recent one: a later one outside this filter cannot exist.
    return latest


def standing_settlement(order: Order) -> Decision | None:
    """The order's settlement that still stands (not undone or reopened), if any."""
    return order.decisions.filter(action__in=Decision.FINAL, reversed_at__isnull=True).select_related("user").first()


def decision_undo(*, decision: Decision, user) -> Decision:
    """The reviewer takes back their own settlement within the window: the order returns to the
    queue, claimed by them so they can decide again, and every effect is reversed.

    Raises ``DecisionRefused`` saying why when ``undo_refusal`` refuses.
    """
    with transaction.atomic():
        decision = Decision.objects.select_for_update().get(pk=decision.pk)
        refusal = undo_refusal(decision, user)
        if refusal:
            raise DecisionRefused(refusal)
        return _take_back(decision, user=user, action=Action.UNDO, note=_("处理后 5 分钟内撤销"), claim=True)


def decision_reopen(*, decision: Decision, user, reason: str, platform_cancelled_ack: bool = False) -> Decision:
    """A manager reopens a settled order, any time later, with a reason: it returns to the queue
    with its history and every effect of the settlement is reversed.

    Raises ``ValidationError`` without a reason, ``PlatformAlreadyCancelled`` when the order was
    confirmed cancelled on the platform and ``platform_cancelled_ack`` is not given, and
    ``DecisionRefused`` when the settlement was already taken back. Who may reopen (managers) is
    checked by the view.
    """
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("请填写重新打开的原因。")})
    with transaction.atomic():
        decision = Decision.objects.select_for_update().select_related("order").get(pk=decision.pk)
        if decision.action not in Decision.FINAL or decision.reversed_at is not None:
            raise DecisionRefused(_("这条处理已被撤回，订单已在队列中。"))
        if decision.platform_cancel_confirmed_at is not None:
            if not platform_cancelled_ack:
                raise PlatformAlreadyCancelled(decision.order.order_no)
            reason = _("%(reason)s（已知平台上已取消，平台订单不会恢复）") % {"reason": reason}
        return _take_back(decision, user=user, action=Action.REOPEN, note=reason, claim=False)


def _take_back(original: Decision, *, user, action: str, note: str, claim: bool) -> Decision:
    """Record ``action`` reversing ``original`` and undo its effects, in the caller's transaction.

    The original stays, stamped ``reversed_at``; blacklist entries it added are removed through
    the blacklist's service (soft, with an event); its credit events are cancelled out by
    compensating rows; the order returns to the queue and is rescreened and rescored on commit.
    """
    now = timezone.now()
    order = Order.objects.select_for_update(of=("self",)).select_related("buyer").get(pk=original.order_id)
    Decision.objects.filter(pk=original.pk).update(reversed_at=now)
    reversal = Decision.objects.create(
        shop_id=order.shop_id,
        order=order,
        action=action,
        user=user,
        note=note,
        reasons=order.risk_reasons,
        risk_score=order.risk_score,
        policy_version=order.policy_version,
        reverses=original,
    )
    label = original.get_action_display()
    why = _("%(action)s已%(how)s：%(note)s") % {"action": label, "how": reversal.get_action_display(), "note": note}
    entry_ids = [key["entry_id"] for key in original.blacklist_keys or () if key.get("entry_id")]
    for entry in BlacklistEntry.objects.filter(pk__in=entry_ids, shop_id=order.shop_id, removed_at__isnull=True):
        blacklist_remove(entry=entry, user=user, note=why)

    events = CreditEvent.objects.filter(reversal__isnull=True).filter(
        Q(decision=original) | Q(decision__isnull=True, order=order, kind=CreditEvent.Kind.BLACKLISTED)
    )
    reversed_buyers = set()
    for event in events.exclude(kind=CreditEvent.Kind.REVERSAL):
        credit_event_reverse(event=event, reason=why, created_by=user)
        if event.kind == CreditEvent.Kind.BLACKLISTED:
            reversed_buyers.add(event.buyer)
    for buyer in reversed_buyers:
        _recharge_blacklisting(buyer=buyer)

    order.risk_state = Order.RiskState.IN_REVIEW if claim else Order.RiskState.FLAGGED
    order.claimed_by, order.claimed_at = (user, now) if claim else (None, None)
    order.save(update_fields=["risk_state", "claimed_by", "claimed_at", "updated_at"])
    enqueue("scoring", "reviews.jobs.orders_changed", order.shop_id, [order.pk], screen=False)
    return reversal


def _recharge_blacklisting(*, buyer) -> None:
    """A buyer is charged for being blacklisted once, on its first blacklisted order: when that
    charge is taken back but another of its orders still stands blacklisted, charge it there."""
    other = (
        Decision.objects.filter(order__buyer=buyer, action=Action.BLACKLIST, reversed_at__isnull=True)
        .select_related("order", "user")
        .order_by("pk")
        .first()
    )
    if other is not None:
        credit_event_record(
            buyer=buyer,
            order=other.order,
            kind=CreditEvent.Kind.BLACKLISTED,
            reason=other.note or _("审核时拉黑"),
            created_by=other.user,
            decision=other,
        )
