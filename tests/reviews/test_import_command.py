"""`manage.py import_orders FILE --shop SHOP [--dry-run]` for big files and cron."""

from datetime import timedelta

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from django.utils import timezone

from reviews.models import ImportBatch, Order
from tests.reviews.importing_helpers import pdd_row, pdd_rows, write_csv

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def test_dry_run_counts_and_writes_nothing(tmp_path, shop_a, capsys):
    path = write_csv(tmp_path / "orders.csv", pdd_rows(40) + [pdd_row(订单号="X", 支付时间="bad")])
    call_command("import_orders", str(path), "--shop", str(shop_a.pk), "--dry-run")
    out, err = capsys.readouterr()
    assert "拒绝 1" in out and "不是有效的日期时间" in out and "试运行" in out
    assert "100%" in err  # the progress bar
    assert not Order.objects.exists()
    assert ImportBatch.objects.get().status == ImportBatch.Status.CHECKED


def test_import_by_shop_name_then_reimport_changes_nothing(tmp_path, shop_a, capsys):
    path = write_csv(tmp_path / "orders.csv", pdd_rows(40))
    call_command("import_orders", str(path), "--shop", shop_a.name)
    total = Order.objects.count()
    assert f"新增 {total}" in capsys.readouterr().out
    call_command("import_orders", str(path), "--shop", shop_a.name)
    assert f"不变 {total}" in capsys.readouterr().out
    assert Order.objects.count() == total


def test_refused_file_is_a_command_error_in_chinese(tmp_path, shop_a):
    path = tmp_path / "empty.csv"
    path.write_bytes(b"")
    with pytest.raises(CommandError, match="文件是空的"):
        call_command("import_orders", str(path), "--shop", str(shop_a.pk))
    with pytest.raises(CommandError, match="店铺不存在"):
        call_command("import_orders", str(path), "--shop", "nope")


def test_seed_demo_loads_orders_through_the_import_with_buyers_and_rings():
    from reviews.models import Buyer, BuyerLink

    call_command("seed_demo", "--orders", "300")
    batches = ImportBatch.objects.all()
    assert batches.count() == 2 and all(b.status == ImportBatch.Status.DONE for b in batches)
    assert Order.objects.filter(buyer__isnull=True).count() == 0
    assert Buyer.objects.filter(key_kind="phone").exists()
    assert BuyerLink.objects.filter(via="address").exists(), "the demo ring shares a pickup point"


@pytest.mark.django_db(transaction=True)
def test_seed_demo_leaves_a_review_history_and_a_queue_to_work():
    # transaction=True: screening runs on commit, as it does in `make run`, before the reviewer works.
    from reviews.models import Decision

    call_command("seed_demo", "--orders", "300")
    decisions = Decision.objects.filter(user__username="reviewer")
    assert decisions.count() > 0, "the dashboard and the reviewer report need some history"
    assert set(decisions.values_list("action", flat=True)) <= {"approve", "cancel", "blacklist"}
    decided = decisions.values_list("order_id", flat=True)
    assert not Order.objects.filter(pk__in=decided, risk_state__in=["flagged", "in_review"]).exists()
    assert Order.objects.filter(risk_state="flagged").exists(), "the reviewer still finds work in the queue"
    # The reviewer kept up: what waits was placed within the shipping window, deadlines ahead.
    window_start = timezone.now() - timedelta(hours=settings.SHIELD_SHIP_WITHIN_HOURS)
    assert not Order.objects.filter(risk_state="flagged", ordered_at__lt=window_start).exists()
    assert all(d.created_at > d.order.ordered_at for d in decisions.select_related("order"))
