"""RQ entry points. Each takes ids, re-fetches, calls a service and reports progress.

Start them by dotted path, ``shieldsite.queues.enqueue(queue_name, "reviews.jobs.<name>", *ids)``:
the services that enqueue them never import this module, so it imports them at the top. All of
them are safe to run twice (an RQ retry or an abandoned job re-run gives the same result).
"""

import logging
from collections.abc import Callable
from datetime import date

from django.db import DatabaseError
from django.utils import timezone
from django.utils.translation import gettext as _

from reviews.models import BulkDecisionJob, CreditEvent, ImportBatch, Order, Shop
from reviews.models.orders import ACTIONABLE_STATUSES
from reviews.selectors import dashboard
from reviews.selectors.reports import Period
from reviews.services import alerting, backtesting, deciding, learning, scoring
from reviews.services.batching import chunks
from reviews.services.importing import lifecycle
from reviews.services.screening import baselines, verdicts
from shieldsite.queues import enqueue

log = logging.getLogger(__name__)


def job_progress(stage: str = "") -> Callable[[int, int], None]:
    """A ``progress(done, total)`` callback that writes to the running RQ job's meta (no-op in-process)."""
    try:
        from rq import get_current_job

        job = get_current_job()
    except Exception:  # noqa: BLE001 - outside a worker there is no job to report to
        job = None

    def report(done: int, total: int) -> None:
        if job is None:
            return
        job.meta.update({"stage": stage, "done": done, "total": total, "percent": round(100 * done / max(total, 1))})
        job.save_meta()

    return report


def orders_changed(shop_id: int, order_ids: list[int], *, screen: bool = True) -> None:
    """Orders were created or updated (import, check API): rescore their buyers, then screen them.

    1. derive the credit events of these orders' outcomes;
    2. rescore the buyers concerned (set-based);
    3. screen these orders and, in hindsight, the still-actionable orders of the same buyers and
       their rings (``verdicts.hindsight_targets``). An import passes ``screen=False`` for each
       of its batches and screens the whole file once at the end (``orders_screen``), so that
       every order is judged with everything the file says.
    """
    order_ids = sorted(set(order_ids))
    if not order_ids:
        return
    report = job_progress("orders_changed")
    buyer_ids: set[int] = set()
    for chunk in chunks(order_ids):
        buyer_ids |= set(
            Order.objects.filter(shop_id=shop_id, pk__in=chunk, buyer_id__isnull=False).values_list(
                "buyer_id", flat=True
            )
        )
        # An order may have moved to another buyer: the old buyer's score changes too.
        buyer_ids |= set(CreditEvent.objects.filter(order_id__in=chunk).values_list("buyer_id", flat=True))
    scoring.credit_events_derive(shop_id=shop_id, order_ids=order_ids)
    report(1, 3)
    scoring.rescore(shop_id=shop_id, buyer_ids=sorted(buyer_ids))
    report(2, 3)
    if screen:
        screened = verdicts.screen_in_hindsight(
            shop_id=shop_id, order_ids=order_ids, buyer_ids=buyer_ids, sku_neighbours=False
        )
        report(3, 3)
        log.info(
            "orders_changed shop=%s orders=%s buyers=%s screened=%s", shop_id, len(order_ids), len(buyer_ids), screened
        )


def orders_screen(shop_id: int, order_ids: list[int]) -> int:
    """Screen these new orders (a whole imported file, or a check API order that looks like part of
    a burst) and the actionable orders they shed light on: their buyers' and rings', and those of
    the same SKUs around them."""
    return verdicts.screen_in_hindsight(shop_id=shop_id, order_ids=order_ids, progress=job_progress("orders_screen"))


def rescore_buyers(shop_id: int, buyer_ids: list[int]) -> int:
    """Recompute these buyers' scores from their ledgers (after a decision or a manual event)."""
    return scoring.rescore(shop_id=shop_id, buyer_ids=buyer_ids, progress=job_progress("rescore_buyers"))


def rescore_shop(shop_id: int) -> int:
    """Full run: re-derive every order's ledger event and recompute every buyer of the shop,
    then (as a follow-up job) rescreen the orders a merchant can still act on, whose verdict
    may depend on the new scores."""
    report = job_progress("rescore_shop")
    scoring.credit_events_derive(shop_id=shop_id)
    report(0, 1)
    changed = scoring.rescore(shop_id=shop_id, progress=report)
    baselines.sku_normals_warm(shop_id)
    enqueue("scoring", "reviews.jobs.screen_open_orders", shop_id)
    return changed


def places_warm(shop_id: int) -> int:
    """Work out the shop's place cells (farms, refund rings) for checks that found none cached."""
    found = baselines.place_cells_warm(shop_id)
    return len(found.farms) + len(found.refunds)


def screen_open_orders(shop_id: int) -> int:
    """Screen every order of the shop that is still actionable and not taken up by a person, with
    the shop's place cells (farms, refund rings) worked out again first."""
    report = job_progress("screen_open_orders")
    baselines.place_cells_warm(shop_id)
    ids = list(
        Order.objects.filter(
            shop_id=shop_id,
            status__in=ACTIONABLE_STATUSES,
            risk_state__in=verdicts.OPEN_STATES,
        )
        .order_by("ordered_at", "pk")
        .values_list("pk", flat=True)
    )
    batches = list(chunks(ids))
    for done, batch in enumerate(batches, start=1):
        verdicts.screen_orders(shop_id=shop_id, order_ids=batch)
        report(done, len(batches))
    return len(ids)


def rescore_all_shops() -> None:
    """Nightly: a full rescore of every shop, one job per shop so shops run in parallel on workers."""
    for shop_id in Shop.objects.values_list("pk", flat=True):
        enqueue("scoring", "reviews.jobs.rescore_shop", shop_id)


def learn_weights(shop_id: int) -> int | None:
    """Fit the shop's rule weights from its labelled orders: kept in shadow, or a new policy version
    when they beat the policy in force on the newest labels. Returns the LearnedWeights id."""
    learned = learning.weights_learn(shop_id=shop_id)
    return learned.pk if learned else None


def learn_weights_all_shops() -> None:
    """Nightly, after the rescore: one learning job per shop."""
    for shop_id in Shop.objects.values_list("pk", flat=True):
        enqueue("scoring", "reviews.jobs.learn_weights", shop_id)


def run_backtest(backtest_id: int) -> None:
    """Compute a policy backtest; its row carries progress and result for the policy page."""
    backtesting.backtest_run(backtest_id=backtest_id)


def import_check_job(batch_id: int) -> None:
    """The dry run of an uploaded order file (``imports`` queue): counts and rejected rows, no writes."""
    batch = ImportBatch.objects.filter(pk=batch_id).first()
    if batch is None:
        return
    try:
        lifecycle.import_batch_check(batch=batch)
    except DatabaseError:
        raise  # the database, not the file: RQ retries the job
    except Exception:
        # A file the checker cannot read must not leave the batch "checking" for ever.
        log.exception("import check %s crashed", batch_id)
        ImportBatch.objects.filter(pk=batch_id).update(
            status=ImportBatch.Status.REFUSED,
            message=_("无法读取这个文件（格式损坏或不是平台导出的订单表）。请重新导出为 CSV 或 XLSX 后再上传。"),
            finished_at=timezone.now(),
        )


def import_run_job(batch_id: int) -> None:
    """Import a confirmed order file (``imports`` queue). Safe to run twice: it resumes."""
    lifecycle.import_batch_run(batch_id=batch_id)


def import_dry_runs_expire() -> int:
    """Hourly: dry runs left unconfirmed for a day expire (file removed, record kept as 已过期)."""
    return lifecycle.import_dry_runs_expire()


def decide_orders_bulk(job_id: int) -> None:
    """Settle the orders of one bulk decision job, reporting progress on the job's row."""
    job = BulkDecisionJob.objects.select_related("user").get(pk=job_id)
    try:
        deciding.orders_decide_bulk(job=job)
    except Exception as exc:
        deciding.decision_bulk_job_fail(job_id=job_id, error=repr(exc))
        raise


def dashboard_refresh(shop_id: int, start: str, end: str) -> None:
    """Recompute one period's dashboard figures in the background while the page shows the last ones."""
    dashboard.period_figures_refresh(
        shop=Shop.objects.get(pk=shop_id), period=Period(date.fromisoformat(start), date.fromisoformat(end))
    )


def deliver_alert(alert_id: int, channel_id: int) -> None:
    """One delivery attempt of an alert to a channel; raises on failure so RQ retries it
    (enqueued with ``Retry``; every attempt is logged as an AlertDelivery)."""
    alerting.alert_deliver(alert_id=alert_id, channel_id=channel_id)


def alerts_check() -> dict:
    """The periodic alert checks (queue age, complaint deadlines); ``manage.py alerts_check`` runs the same."""
    return alerting.alerts_check()
