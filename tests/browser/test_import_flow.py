"""A manager uploads an export, reads the dry run, confirms, and watches the progress bar reach 100%."""

import pytest

from reviews.models import ImportBatch, Order
from reviews.services.importing import lifecycle, passes
from tests.conftest import PASSWORD
from tests.reviews.importing_helpers import pdd_row, pdd_rows, write_csv

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_manager_uploads_dry_runs_confirms_and_watches_progress(
    login, page, screenshots, manny, shop_a, tmp_path, settings, monkeypatch
):
    settings.MEDIA_ROOT = tmp_path / "media"
    monkeypatch.setattr(passes, "BATCH_ROWS", 50)
    held = []
    real_enqueue = lifecycle.enqueue

    def hold_the_import_job(queue, func, *args, **options):
        # The dry run runs at once; the import job waits until the test releases it, so the
        # page is seen while the job is queued and the bar must move by polling alone.
        if func == "reviews.jobs.import_run_job":
            held.append(args[0])
        else:
            real_enqueue(queue, func, *args, **options)

    monkeypatch.setattr(lifecycle, "enqueue", hold_the_import_job)
    rows = pdd_rows(300) + [pdd_row(订单号="BAD-1", **{"商品数量(件)": "-3"})]
    path = write_csv(tmp_path / "拼多多订单.csv", rows)

    login(manny.username, PASSWORD)
    page.get_by_role("link", name="导入", exact=True).click()
    page.get_by_role("link", name="上传订单导出文件").click()
    page.set_input_files("#id_file", str(path))
    page.get_by_role("button", name="上传并检查").click()
    page.wait_for_selector("text=试运行结果")
    main = page.locator("main").inner_text()
    assert "商品数量不能为负数" in main and "下载全部拒绝的行" in main
    page.screenshot(path=str(screenshots / "import_dry_run.png"), full_page=True)

    page.get_by_role("button", name="确认导入").click()
    bar = page.locator(".import-progress .progress")
    assert bar.get_attribute("aria-valuenow") == "0"
    page.screenshot(path=str(screenshots / "import_queued.png"))
    assert len(held) == 1 and Order.objects.count() == 0

    lifecycle.import_batch_run(batch_id=held[0])  # the worker picks the job up
    page.wait_for_selector("text=导入完成", timeout=15_000)
    assert page.locator(".progress").get_attribute("aria-valuenow") == "100"
    batch = ImportBatch.objects.get()
    assert batch.status == ImportBatch.Status.DONE and batch.rejected_count == 1
    assert Order.objects.count() == batch.created_count == batch.check_created
    page.screenshot(path=str(screenshots / "import_done.png"), full_page=True)
