"""A manager imports files that are not what the shop expects: another platform's export is
warned of before anything is written, and a two-month-old export's orders go into history (the
order list, the buyer's record) without landing in today's review queue."""

from datetime import timedelta
from pathlib import Path

import pytest
from django.urls import reverse
from django.utils import timezone

from blacklist.models import Kind
from blacklist.services import blacklist_add
from reviews.models import ImportBatch, Order
from tests.conftest import PASSWORD
from tests.reviews.importing_helpers import pdd_row, write_csv

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

DATA = Path(__file__).resolve().parent.parent / "data"
PHONE = "13912345678"


def at(when) -> str:
    return timezone.localtime(when).strftime("%Y-%m-%d %H:%M:%S")


def upload(page, path: Path) -> None:
    page.get_by_role("link", name="导入", exact=True).click()
    page.get_by_role("link", name="上传订单导出文件").click()
    page.set_input_files("#id_file", str(path))
    page.get_by_role("button", name="上传并检查").click()
    page.wait_for_selector("text=试运行结果")


def test_a_douyin_export_uploaded_to_a_pdd_shop_is_warned_of_in_the_dry_run(
    login, page, screenshots, manny, shop_a, tmp_path, settings
):
    settings.MEDIA_ROOT = tmp_path / "media"
    login(manny.username, PASSWORD)
    upload(page, DATA / "douyin_orders.csv")
    warning = page.get_by_role("alert")
    assert "这个文件看起来是抖店的导出，而本店铺是拼多多店铺。" in warning.inner_text()
    page.screenshot(path=str(screenshots / "import_wrong_platform.png"), full_page=True)
    assert not Order.objects.exists()  # a dry run writes nothing


def test_an_old_export_shows_its_span_and_its_history_orders_stay_out_of_the_queue(
    login, page, live_server, screenshots, manny, shop_a, tmp_path, settings
):
    settings.MEDIA_ROOT = tmp_path / "media"
    blacklist_add(shop_id=shop_a.pk, kind=Kind.PHONE, value=PHONE, reason="恶意拍单")
    now = timezone.now()
    placed = now - timedelta(days=60)
    rows = [
        pdd_row(订单号=f"OLD-{i}", 手机=PHONE, 订单状态="已发货" if i < 3 else "待发货",
                订单成交时间=at(placed + timedelta(days=i)), 支付时间=at(placed + timedelta(days=i, minutes=1)),
                发货时间=at(placed + timedelta(days=i + 1)) if i < 3 else "")
        for i in range(5)
    ]  # fmt: skip
    # The same buyer, an hour ago: the one order of the file a reviewer can still stop.
    rows.append(pdd_row(订单号="NEW-1", 手机=PHONE, 订单成交时间=at(now - timedelta(hours=1)),
                        支付时间=at(now - timedelta(minutes=59))))  # fmt: skip
    path = write_csv(tmp_path / "拼多多订单-十月.csv", rows)

    login(manny.username, PASSWORD)
    upload(page, path)
    span = page.locator(".import-span").inner_text()
    first, last = timezone.localtime(placed), timezone.localtime(now - timedelta(hours=1))
    assert f"{first:%Y-%m-%d %H:%M} — {last:%Y-%m-%d %H:%M}" in span
    assert "已发货或已过发货期限" in span and "5 单" in span
    page.screenshot(path=str(screenshots / "import_old_export_dry_run.png"), full_page=True)

    page.get_by_role("button", name="确认导入").click()
    page.wait_for_selector("text=导入完成", timeout=15_000)
    result = page.locator(".import-flagged").inner_text()
    assert "1 单需要人工审核" in result
    page.screenshot(path=str(screenshots / "import_old_export_done.png"), full_page=True)

    page.get_by_role("link", name="只看这些订单").click()
    queue = page.locator("main").inner_text()
    assert "NEW-1" in queue and "OLD-" not in queue and "共 1 单待审核" in queue
    page.goto(page.url.split("?")[0])  # the whole queue: still no October order
    assert "OLD-" not in page.locator("main").inner_text()

    page.get_by_role("link", name="订单", exact=True).click()
    orders = page.locator("main").inner_text()
    assert all(f"OLD-{i}" in orders for i in range(5))
    assert "历史订单，未进队列" in orders

    # The buyer's record counts the old orders: the review page of the new one says six in all.
    new = Order.objects.get(order_no="NEW-1")
    page.goto(f"{live_server.url}{reverse('reviews:review', args=[new.pk])}")
    assert page.locator("#buyer tbody td").first.inner_text() == "6"  # 累计订单
    assert ImportBatch.objects.get().status == ImportBatch.Status.DONE
