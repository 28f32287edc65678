"""An import as the manager sees it, one ``ImportBatch``: the upload stored with its checksum,
the dry run queued and recorded (checked or refused), the confirmation, and the run — safe to
run again after a crash, and never two runs of one batch at once."""

import csv
import hashlib
import io
import logging
from collections.abc import Callable, Iterable
from contextlib import contextmanager
from pathlib import Path

from django.core.files.base import ContentFile, File
from django.db import DatabaseError, connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from reviews.models import ImportBatch, Order, Shop
from reviews.models.jobs import DRY_RUN_TTL
from reviews.services.importing.passes import import_check, import_run
from reviews.services.importing.sheet import ImportRefused, refuse_size
from reviews.services.screening.baselines import place_cells_warm, sku_normals_warm
from shieldsite.files import local_path
from shieldsite.queues import enqueue

logger = logging.getLogger(__name__)


def import_batch_create(*, shop: Shop, user, upload, file_name: str | None = None, start: bool = True) -> ImportBatch:
    """Store an uploaded file under a random name with its size and SHA-256, then queue its dry run
    (``start=False``: the caller runs ``import_batch_check`` itself).

    Raises ``ImportRefused`` when the file is over the size limit (before storing it).
    """
    size = upload.size
    refuse_size(size)
    checksum = _sha256(upload.chunks())
    upload.seek(0)
    name = (file_name or Path(upload.name).name)[:255]
    with transaction.atomic():
        batch = ImportBatch(shop=shop, created_by=user, file_name=name, size=size, checksum=checksum)
        batch.file.save(name, upload, save=False)
        batch.save()
        if start:
            enqueue("imports", "reviews.jobs.import_check_job", batch.pk, job_id=f"import_check-{batch.pk}")
    return batch


def import_batch_check(*, batch: ImportBatch, on_progress: Callable[[int, int], None] | None = None) -> ImportBatch:
    """Run the dry run for a stored batch and record its outcome (checked or refused)."""
    batch.started_at = timezone.now()
    ImportBatch.objects.filter(pk=batch.pk).update(status=ImportBatch.Status.CHECKING, rows_done=0)

    def progress(done: int, total: int) -> None:
        ImportBatch.objects.filter(pk=batch.pk).update(rows_done=done, total_rows=total)
        if on_progress:
            on_progress(done, total)

    try:
        with local_path(batch.file) as path:
            result = import_check(path=path, shop_id=batch.shop_id, progress=progress)
    except ImportRefused as refused:
        batch.status = ImportBatch.Status.REFUSED
        batch.message = refused.message
        batch.finished_at = timezone.now()
        batch.save(update_fields=["status", "message", "finished_at"])
        return batch
    batch.refresh_from_db()
    batch.started_at = None  # the import's own clock starts at confirmation
    batch.status = ImportBatch.Status.CHECKED
    batch.platform = result.platform
    batch.file_format = result.file_format
    batch.encoding = result.encoding
    batch.total_rows = result.total_rows
    batch.rows_done = 0
    batch.check_created, batch.check_updated, batch.check_unchanged = result.created, result.updated, result.unchanged
    batch.rejected_count = result.rejected
    batch.duplicate_count = result.duplicates
    batch.errors = result.errors
    batch.superseded_lines = result.superseded_lines
    batch.first_ordered_at, batch.last_ordered_at = result.first_ordered_at, result.last_ordered_at
    batch.check_history = result.history
    batch.message = result.sheet_note
    if result.error_stream is not None:
        result.error_stream.seek(0)
        batch.error_file.save("rejected.csv", File(result.error_stream), save=False)
        result.error_stream.close()
    batch.save()
    return batch


def import_batch_confirm(*, batch: ImportBatch, user) -> ImportBatch:
    """The manager confirmed the dry run: queue the import job. A dry run older than
    ``DRY_RUN_TTL`` expires instead (its file may be stale or already swept)."""
    with transaction.atomic():
        locked = ImportBatch.objects.select_for_update().get(pk=batch.pk)
        if locked.status != ImportBatch.Status.CHECKED:
            return locked
        if locked.created_at < timezone.now() - DRY_RUN_TTL:
            _expire(locked)
            return locked
        locked.status = ImportBatch.Status.QUEUED
        locked.rows_done = 0
        locked.save(update_fields=["status", "rows_done"])
        enqueue("imports", "reviews.jobs.import_run_job", locked.pk, job_id=f"import_run-{locked.pk}")
    return locked


# Two runs of one batch at once (a work horse that outlived its killed worker, and RQ's retry of
# the "abandoned" job) would both resume from the same row and count it twice. A PostgreSQL
# session lock per batch lets only one run; it is released when its process dies.
RUN_LOCK_CLASS = 0x53484944  # "SHID"


@contextmanager
def _single_run(batch_id: int):
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_try_advisory_lock(%s, %s)", [RUN_LOCK_CLASS, batch_id])
        acquired = cursor.fetchone()[0]
    try:
        yield acquired
    finally:
        if acquired:
            try:
                with connection.cursor() as cursor:
                    cursor.execute("SELECT pg_advisory_unlock(%s, %s)", [RUN_LOCK_CLASS, batch_id])
            except DatabaseError:
                pass  # the connection is gone, and its lock with it


def import_batch_run(
    *, batch_id: int, on_progress: Callable[[int, int], None] | None = None, replay: bool = False
) -> ImportBatch:
    """Import a confirmed batch; safe to run again after a crash (resumes with exact counts).

    If another run of the same batch is still alive, this one leaves it to finish. ``replay``:
    see ``writing.commit_batch``.
    """
    with _single_run(batch_id) as alone:
        if not alone:
            logger.warning("import batch %s is already being imported by another process", batch_id)
            return ImportBatch.objects.get(pk=batch_id)
        return _import_batch_run(batch_id=batch_id, on_progress=on_progress, replay=replay)


def _import_batch_run(
    *, batch_id: int, on_progress: Callable[[int, int], None] | None = None, replay: bool = False
) -> ImportBatch:
    batch = ImportBatch.objects.get(pk=batch_id)
    if batch.status not in (ImportBatch.Status.QUEUED, ImportBatch.Status.RUNNING, ImportBatch.Status.FAILED):
        return batch
    if batch.status == ImportBatch.Status.QUEUED:
        # A fresh run: the dry run's rejected count is recounted by the writer.
        batch.rows_done = batch.created_count = batch.updated_count = batch.unchanged_count = batch.rejected_count = 0
    if batch.status == ImportBatch.Status.FAILED:
        batch.message = ""
    batch.status = ImportBatch.Status.RUNNING
    batch.started_at = batch.started_at or timezone.now()
    batch.save()
    resumed = batch.rows_done > 0
    try:
        with local_path(batch.file) as path:
            if _sha256(_file_chunks(path)) != batch.checksum:
                return _fail(batch, _("上传的文件在检查之后被改动过（校验和不一致），请重新上传。"))
            run = import_run(
                path=path,
                shop_id=batch.shop_id,
                superseded_lines=batch.superseded_lines,
                batch_id=batch.pk,
                resume_from=batch.rows_done,
                progress=on_progress,
                replay=replay,
            )
    except ImportRefused as refused:
        return _fail(batch, refused.message)
    except Exception:
        logger.exception("import batch %s failed", batch.pk)
        _fail(batch, _("导入时出错，已导入的部分不会重复；请稍后重新运行。"))
        raise
    try:
        # The new orders change what is normal for their SKUs: screening and the check API should
        # find the new baselines cached.
        sku_normals_warm(batch.shop_id)
        place_cells_warm(batch.shop_id)
    except Exception:
        logger.exception("SKU baselines of shop %s not cached after import %s", batch.shop_id, batch.pk)
    order_ids = run.order_ids
    if resumed:
        # A killed run wrote its first batches before this run began: they are screened too.
        touched = Order.objects.filter(shop_id=batch.shop_id, updated_at__gte=batch.started_at)
        order_ids = sorted(set(order_ids) | set(touched.values_list("pk", flat=True)))
    if order_ids:
        # Screened with the whole file's knowledge: a burst that only shows at its end, or a
        # buyer's refunds further down, flags the file's earlier orders too.
        enqueue("scoring", "reviews.jobs.orders_screen", batch.shop_id, order_ids)
    batch.refresh_from_db()
    batch.status = ImportBatch.Status.DONE
    batch.finished_at = timezone.now()
    batch.message = run.sheet_note  # the run's own failure message (a retry) is gone
    batch.save(update_fields=["status", "finished_at", "message"])
    return batch


def import_dry_runs_expire(*, now=None) -> int:
    """Expire every dry run left unconfirmed for longer than ``DRY_RUN_TTL``: its uploaded file
    (and rejected-rows file) is removed, the batch record stays, marked 已过期. Safe to run twice;
    returns how many expired."""
    cutoff = (now or timezone.now()) - DRY_RUN_TTL
    expired = 0
    stale = ImportBatch.objects.filter(status=ImportBatch.Status.CHECKED, created_at__lt=cutoff)
    for pk in stale.values_list("pk", flat=True).order_by("pk"):
        with transaction.atomic():
            # skip_locked: a manager confirming this very batch right now wins.
            batch = ImportBatch.objects.select_for_update(skip_locked=True).filter(pk=pk).first()
            if batch is None or batch.status != ImportBatch.Status.CHECKED or batch.created_at >= cutoff:
                continue
            _expire(batch)
            expired += 1
    return expired


def _expire(batch: ImportBatch) -> None:
    # Files go after the commit: a rolled-back expiry must not leave a batch without its file.
    names = [f.name for f in (batch.file, batch.error_file) if f]
    storage = batch.file.storage
    batch.status = ImportBatch.Status.EXPIRED
    batch.finished_at = timezone.now()
    batch.message = _("试运行超过 24 小时没有确认，已过期；上传的文件已删除，需要时请重新上传。")
    batch.file = ""
    batch.error_file = ""
    batch.save(update_fields=["status", "finished_at", "message", "file", "error_file"])
    transaction.on_commit(lambda: [storage.delete(name) for name in names])


def _sha256(chunks: Iterable[bytes]) -> str:
    digest = hashlib.sha256()
    for chunk in chunks:
        digest.update(chunk)
    return digest.hexdigest()


def _file_chunks(path: Path) -> Iterable[bytes]:
    with open(path, "rb") as handle:
        while chunk := handle.read(1 << 20):
            yield chunk


def _fail(batch: ImportBatch, message: str) -> ImportBatch:
    ImportBatch.objects.filter(pk=batch.pk).update(
        status=ImportBatch.Status.FAILED, message=message, finished_at=timezone.now()
    )
    batch.refresh_from_db()
    return batch


def orders_import_rows(
    *, shop: Shop, rows: list[dict[str, str]], file_name: str = "demo.csv", user=None, replay: bool = False
) -> ImportBatch:
    """Import rows shaped like an export (header → value) through the full check + write path.

    Used by ``seed_demo``: the rows become an in-memory CSV, stored and imported like an upload.
    ``replay``: the rows are a shop's past taken in as if Shield had watched it happen, so none
    goes to history for being past its shipping cut-off (``writing.commit_batch``).
    """
    headers = [h for h in rows[0] if not h.startswith("_")] if rows else []
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(headers)
    for row in rows:
        writer.writerow([row.get(h, "") for h in headers])
    content = ContentFile(buffer.getvalue().encode("utf-8"), name=file_name)
    batch = import_batch_create(shop=shop, user=user, upload=content, file_name=file_name, start=False)
    batch = import_batch_check(batch=batch)
    if batch.status == ImportBatch.Status.CHECKED:
        ImportBatch.objects.filter(pk=batch.pk).update(status=ImportBatch.Status.QUEUED)
        batch = import_batch_run(batch_id=batch.pk, replay=replay)
    return batch
