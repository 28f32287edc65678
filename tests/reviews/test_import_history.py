"""An import that checks the file: the dry run warns of another platform's export, shows the
orders' span and how many are history already; orders past their shipping cut-off enter history
but not the queue; the result page counts and links exactly the file's queued orders; an
unconfirmed dry run expires after a day and leaves the jobs page."""

from datetime import timedelta
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from blacklist.models import Kind
from blacklist.services import blacklist_add
from reviews import jobs
from reviews.models import ImportBatch, Order
from reviews.selectors.dashboard import open_queue
from reviews.services.importing.lifecycle import import_dry_runs_expire
from reviews.services.screening import verdicts
from tests.conftest import make_order
from tests.reviews.importing_helpers import csv_bytes, pdd_row

pytestmark = pytest.mark.django_db


@pytest.fixture
def alerted(monkeypatch) -> list:
    """The orders screening raised alerts for (what ``_raise_alerts`` was given)."""
    raised = []
    monkeypatch.setattr(verdicts, "_raise_alerts", lambda shop_id, events: raised.extend(e.order_id for e in events))
    return raised


DATA = Path(__file__).resolve().parent.parent / "data"
ATTACKER = "13912345678"


def at(when) -> str:
    return timezone.localtime(when).strftime("%Y-%m-%d %H:%M:%S")


def old_export(now, *, shipped: int = 3, unshipped: int = 2, fresh: int = 0) -> list[dict]:
    """A two-month-old export: orders shipped since, orders left 待发货 in the file (their cut-off
    long past), all by a blacklisted phone so screening would flag every one; and ``fresh``
    orders placed an hour ago by the same phone."""
    placed = now - timedelta(days=60)
    rows = []

    def row(number: str, ordered, **changes) -> dict:
        times = {"订单成交时间": at(ordered), "支付时间": at(ordered + timedelta(minutes=1))}
        return pdd_row(订单号=number, 手机=ATTACKER, **times, **changes)

    for i in range(shipped):
        rows.append(
            row(f"OLD-S{i}", placed + timedelta(hours=i), 订单状态="已发货", 发货时间=at(placed + timedelta(days=1)))
        )
    for i in range(unshipped):
        rows.append(row(f"OLD-P{i}", placed + timedelta(days=3, hours=i)))
    for i in range(fresh):
        rows.append(row(f"NEW-{i}", now - timedelta(hours=1, minutes=i)))
    return rows


def upload(client, capture, data: bytes, name: str = "orders.csv") -> ImportBatch:
    with capture(execute=True):
        response = client.post(reverse("reviews:import_new"), {"file": SimpleUploadedFile(name, data)})
    assert response.status_code == 302
    return ImportBatch.objects.latest("pk")


def confirm(client, capture, batch: ImportBatch) -> ImportBatch:
    with capture(execute=True):
        client.post(reverse("reviews:import_confirm", args=[batch.pk]))
    batch.refresh_from_db()
    assert batch.status == ImportBatch.Status.DONE
    return batch


def test_dry_run_of_an_old_export_shows_its_span_and_how_many_are_history(
    client, manny, shop_a, django_capture_on_commit_callbacks
):
    now = timezone.now()
    client.force_login(manny)
    batch = upload(client, django_capture_on_commit_callbacks, csv_bytes(old_export(now, fresh=1)))
    assert batch.status == ImportBatch.Status.CHECKED
    assert batch.check_history == 5  # three shipped, two past their cut-off; the fresh one is not
    assert abs(batch.first_ordered_at - (now - timedelta(days=60))) < timedelta(seconds=1)
    assert abs(batch.last_ordered_at - (now - timedelta(hours=1))) < timedelta(seconds=1)
    page = client.get(reverse("reviews:import_detail", args=[batch.pk])).content.decode()
    first, last = timezone.localtime(batch.first_ordered_at), timezone.localtime(batch.last_ordered_at)
    assert f"{first:%Y-%m-%d %H:%M} — {last:%Y-%m-%d %H:%M}" in page
    assert "已发货或已过发货期限" in page and "5 单" in page
    assert "这个文件看起来是" not in page  # a PDD export into a PDD shop: no warning


def test_dry_run_warns_when_the_file_is_another_platforms_export(
    client, manny, shop_a, django_capture_on_commit_callbacks
):
    client.force_login(manny)
    batch = upload(client, django_capture_on_commit_callbacks, (DATA / "douyin_orders.csv").read_bytes())
    assert batch.platform == "douyin" and shop_a.platform == "pdd"
    page = client.get(reverse("reviews:import_detail", args=[batch.pk])).content.decode()
    assert "这个文件看起来是抖店的导出，而本店铺是拼多多店铺。" in page


def test_orders_past_their_cut_off_enter_history_not_the_queue_and_raise_no_alert(
    client, manny, shop_a, django_capture_on_commit_callbacks, alerted
):
    blacklist_add(shop_id=shop_a.pk, kind=Kind.PHONE, value=ATTACKER, reason="恶意拍单")
    now = timezone.now()
    client.force_login(manny)
    batch = upload(client, django_capture_on_commit_callbacks, csv_bytes(old_export(now)))
    confirm(client, django_capture_on_commit_callbacks, batch)

    late = Order.objects.filter(order_no__startswith="OLD-P")
    assert {o.risk_state for o in late} == {Order.RiskState.HISTORY}
    # Screened all the same: the verdict is on the order, for scores, reports and backtests.
    assert {o.risk_decision for o in late} == {Order.Decision.BLOCK}
    assert all(o.import_batch_id == batch.pk for o in Order.objects.all())
    assert not Order.objects.flagged().exists()
    assert alerted == []
    # Later screening in hindsight (a full rescreen of the shop) leaves them in history.
    jobs.screen_open_orders(shop_a.pk)
    assert {o.risk_state for o in late.all()} == {Order.RiskState.HISTORY}
    queue = client.get(reverse("reviews:queue")).content.decode()
    assert "OLD-" not in queue and "共 0 单待审核" in queue
    assert open_queue(shop_a).open == 0  # the dashboard's 待审核 agrees


def test_fresh_orders_of_the_same_file_are_queued_and_alerted_as_before(
    client, manny, shop_a, django_capture_on_commit_callbacks, alerted
):
    blacklist_add(shop_id=shop_a.pk, kind=Kind.PHONE, value=ATTACKER, reason="恶意拍单")
    client.force_login(manny)
    batch = upload(client, django_capture_on_commit_callbacks, csv_bytes(old_export(timezone.now(), fresh=2)))
    confirm(client, django_capture_on_commit_callbacks, batch)
    fresh = set(Order.objects.filter(order_no__startswith="NEW-").values_list("pk", flat=True))
    assert set(Order.objects.flagged().values_list("pk", flat=True)) == fresh
    assert set(alerted) == fresh
    assert open_queue(shop_a).open == len(fresh)


def test_a_refund_request_on_a_history_order_brings_it_to_the_queue(
    client, manny, shop_a, django_capture_on_commit_callbacks
):
    blacklist_add(shop_id=shop_a.pk, kind=Kind.PHONE, value=ATTACKER, reason="恶意拍单")
    now = timezone.now()
    client.force_login(manny)
    rows = old_export(now, shipped=0, unshipped=1)
    confirm(
        client, django_capture_on_commit_callbacks, upload(client, django_capture_on_commit_callbacks, csv_bytes(rows))
    )
    assert Order.objects.get().risk_state == Order.RiskState.HISTORY
    rows[0].update(订单状态="已发货", 发货时间=at(now - timedelta(days=2)), 售后状态="退款中")
    confirm(
        client, django_capture_on_commit_callbacks, upload(client, django_capture_on_commit_callbacks, csv_bytes(rows))
    )
    order = Order.objects.get()
    assert order.status == Order.Status.REFUNDING and order.risk_state == Order.RiskState.FLAGGED


def test_result_page_counts_and_links_exactly_the_files_queued_orders(
    client, manny, shop_a, django_capture_on_commit_callbacks
):
    blacklist_add(shop_id=shop_a.pk, kind=Kind.PHONE, value=ATTACKER, reason="恶意拍单")
    # Waiting before the import, for another product a day earlier: neither this file's nor in its
    # orders' hindsight (make_order's default time drifts with the number of tests run before).
    make_order(
        shop_a, order_no="WAITING-BEFORE", sku_id="OTHER", ordered_at=timezone.now() - timedelta(days=1),
        risk_state=Order.RiskState.FLAGGED,
    )  # fmt: skip
    client.force_login(manny)
    batch = upload(client, django_capture_on_commit_callbacks, csv_bytes(old_export(timezone.now(), fresh=3)))
    confirm(client, django_capture_on_commit_callbacks, batch)

    page = client.get(reverse("reviews:import_detail", args=[batch.pk])).content.decode()
    assert "本次导入新增或更新的订单中，<strong>3</strong> 单需要人工审核。" in page
    link = f"{reverse('reviews:queue')}?shop={shop_a.pk}&amp;batch={batch.pk}"
    assert f'href="{link}"' in page
    queue = client.get(link.replace("&amp;", "&")).content.decode()
    assert "共 3 单待审核" in queue and "orders.csv" in queue
    assert all(f"NEW-{i}" in queue for i in range(3))
    assert "WAITING-BEFORE" not in queue and "OLD-" not in queue
    # The whole queue still has the order that was waiting before.
    assert "共 4 单待审核" in client.get(reverse("reviews:queue")).content.decode()


def test_queue_batch_filter_of_another_shops_import_shows_nothing(
    client, bob, shop_a, shop_b, django_capture_on_commit_callbacks
):
    other = ImportBatch.objects.create(shop=shop_b, file_name="b.csv", checksum="0" * 64, file="imports/b.csv")
    make_order(shop_b, order_no="THEIRS", risk_state=Order.RiskState.FLAGGED, import_batch=other)
    client.force_login(bob)
    page = client.get(reverse("reviews:queue"), {"batch": other.pk}).content.decode()
    assert "THEIRS" not in page and "b.csv" not in page and "共 0 单待审核" in page


def test_a_dry_run_left_for_a_day_expires_its_file_goes_and_it_leaves_the_jobs_page(
    client, alice, shop_a, django_capture_on_commit_callbacks, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    client.force_login(alice)  # the jobs page is for admins
    stale = upload(client, django_capture_on_commit_callbacks, csv_bytes([pdd_row()]), name="昨天的.csv")
    recent = upload(client, django_capture_on_commit_callbacks, csv_bytes([pdd_row()]), name="刚上传的.csv")
    ImportBatch.objects.filter(pk=stale.pk).update(created_at=timezone.now() - timedelta(hours=25))
    stale_file = Path(stale.file.path)
    assert stale_file.exists()

    # Past its day, it is off the jobs page even before the hourly expiry ran.
    jobs_page = client.get(reverse("reviews:jobs")).content.decode()
    assert "刚上传的.csv" in jobs_page and "昨天的.csv" not in jobs_page

    with django_capture_on_commit_callbacks(execute=True):
        assert jobs.import_dry_runs_expire() == 1
    stale.refresh_from_db()
    assert stale.status == ImportBatch.Status.EXPIRED and not stale.file and not stale_file.exists()
    assert ImportBatch.objects.get(pk=recent.pk).status == ImportBatch.Status.CHECKED
    assert import_dry_runs_expire() == 0  # safe to run twice

    jobs_page = client.get(reverse("reviews:jobs")).content.decode()
    assert "昨天的.csv" not in jobs_page and "刚上传的.csv" in jobs_page
    # The record stays, in the import history, marked 已过期; confirming it imports nothing.
    assert "已过期" in client.get(reverse("reviews:import_list")).content.decode()
    detail = client.get(reverse("reviews:import_detail", args=[stale.pk])).content.decode()
    assert "试运行已过期" in detail and "确认导入" not in detail
    client.post(reverse("reviews:import_confirm", args=[stale.pk]))
    assert not Order.objects.exists()


def test_confirming_a_dry_run_past_its_day_expires_it_instead(
    client, manny, shop_a, django_capture_on_commit_callbacks, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    client.force_login(manny)
    batch = upload(client, django_capture_on_commit_callbacks, csv_bytes([pdd_row()]))
    ImportBatch.objects.filter(pk=batch.pk).update(created_at=timezone.now() - timedelta(hours=25))
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("reviews:import_confirm", args=[batch.pk]))
    batch.refresh_from_db()
    assert batch.status == ImportBatch.Status.EXPIRED and not Order.objects.exists()
