"""Import an order export from the command line (big files, cron), with a terminal progress bar."""

import sys
import time
from pathlib import Path

from django.core.files import File
from django.core.management.base import BaseCommand, CommandError
from django.db.models import Q

from reviews.models import ImportBatch, Shop
from reviews.services.importing.lifecycle import import_batch_check, import_batch_create, import_batch_run
from reviews.services.importing.sheet import ImportRefused, max_bytes
from shieldsite.ids import parse_id


class ProgressBar:
    """``[#########-----------]  45%  450,000/1,000,000 rows  12.3 s`` redrawn in place on stderr."""

    def __init__(self, label: str, stream=None, width: int = 30):
        self.label, self.stream, self.width = label, stream or sys.stderr, width
        self.started = time.monotonic()

    def __call__(self, done: int, total: int) -> None:
        share = done / total if total else 1
        filled = int(self.width * share)
        self.stream.write(
            f"\r{self.label} [{'#' * filled}{'-' * (self.width - filled)}] {share:4.0%}  "
            f"{done:,}/{total:,}  {time.monotonic() - self.started:.1f} s"
        )
        self.stream.flush()

    def finish(self) -> None:
        self.stream.write("\n")


class Command(BaseCommand):
    help = "Import a Pinduoduo/Taobao/Douyin/generic order export (CSV, XLSX, HTML table as .xls) into a shop."

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument("--shop", required=True, help="shop id or exact name")
        parser.add_argument("--dry-run", action="store_true", help="check and count only; write nothing")

    def handle(self, *args, file: Path, shop: str, dry_run: bool = False, **options):
        shop_obj = Shop.objects.filter(Q(name=shop) | Q(pk=parse_id(shop))).first()
        if shop_obj is None:
            raise CommandError(f"店铺不存在: {shop}")
        if not file.is_file():
            raise CommandError(f"文件不存在: {file}")
        if file.stat().st_size > max_bytes():
            raise CommandError(f"文件超过上限 {max_bytes() // 1048576} MB")
        with open(file, "rb") as handle:
            try:
                batch = import_batch_create(shop=shop_obj, user=None, upload=File(handle, name=file.name), start=False)
            except ImportRefused as refused:
                raise CommandError(refused.message) from None
        bar = ProgressBar("检查")
        batch = import_batch_check(batch=batch, on_progress=bar)
        bar.finish()
        if batch.status == ImportBatch.Status.REFUSED:
            raise CommandError(batch.message)
        self.stdout.write(
            f"批次 #{batch.pk} · {batch.get_platform_display()} · {batch.file_format.upper()} {batch.encoding}\n"
            f"  行数 {batch.total_rows:,}: 新增 {batch.check_created:,} · 更新 {batch.check_updated:,} · "
            f"不变 {batch.check_unchanged:,} · 拒绝 {batch.rejected_count:,} · 重复订单号 {batch.duplicate_count:,}"
        )
        if batch.message:  # which sheet of a workbook was read
            self.stdout.write(f"  {batch.message}")
        for error in batch.errors[:10]:
            self.stdout.write(f"  第 {error['line']} 行 {error['column']}: {error['reason']} {error['value']}")
        if batch.error_file:
            try:
                where = batch.error_file.path
            except NotImplementedError:  # object storage: the import's page offers the download
                where = f"{batch.error_file.name}（对象存储；导入页 /imports/{batch.pk}/ 可下载）"
            self.stdout.write(f"  拒绝的行: {where}")
        if dry_run:
            self.stdout.write(self.style.WARNING("试运行：未写入任何订单。"))
            return
        ImportBatch.objects.filter(pk=batch.pk).update(status=ImportBatch.Status.QUEUED)
        bar = ProgressBar("导入")
        batch = import_batch_run(batch_id=batch.pk, on_progress=bar)
        bar.finish()
        if batch.status != ImportBatch.Status.DONE:
            raise CommandError(batch.message)
        self.stdout.write(
            self.style.SUCCESS(
                f"完成：新增 {batch.created_count:,} · 更新 {batch.updated_count:,} · 不变 {batch.unchanged_count:,} · "
                f"拒绝 {batch.rejected_count:,} · 用时 {batch.duration.total_seconds():.1f} s"
            )
        )
