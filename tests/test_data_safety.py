"""Data safety: money is Decimal, times are stored in UTC, and nothing a shop or buyer owns is
deleted with it (orders, decisions, evidence stay; deleting a shop that has them is refused)."""

from datetime import UTC, datetime
from decimal import Decimal

import pytest
from django.apps import apps
from django.db import connection, models
from django.db.models.deletion import ProtectedError
from django.utils import timezone

from reviews.models import Buyer, Decision, Order, Shop
from tests.conftest import make_buyer, make_order

SHIELD_APPS = ("reviews", "blacklist", "complaints")
# The only records that may go with their shop or user: who works where.
MAY_CASCADE = {("reviews.Membership", "shop"), ("reviews.Membership", "user")}


def shield_foreign_keys():
    for app in SHIELD_APPS:
        for model in apps.get_app_config(app).get_models():
            for field in model._meta.get_fields():
                if isinstance(field, models.ForeignKey) and field.concrete:
                    yield model, field


def test_no_shield_record_is_deleted_along_with_a_shop_buyer_order_or_person():
    cascading = [
        f"{model._meta.label}.{field.name}"
        for model, field in shield_foreign_keys()
        if field.remote_field.on_delete is models.CASCADE and (model._meta.label, field.name) not in MAY_CASCADE
    ]
    assert cascading == []


def test_every_money_field_is_decimal():
    # Money columns say so in their label: 金额 or (元).
    found = []
    for app in SHIELD_APPS:
        for model in apps.get_app_config(app).get_models():
            for field in model._meta.concrete_fields:
                if isinstance(field, models.FloatField):
                    pytest.fail(f"{model._meta.label}.{field.name} is a float")
                label = str(field.verbose_name)
                if "金额" in label or "(元)" in label:
                    found.append(field.name)
                    assert isinstance(field, models.DecimalField), f"{model._meta.label}.{field.name}"
                    assert field.decimal_places == 2
    assert {"amount_paid", "amount_received", "amount_saved"} <= set(found)


@pytest.mark.django_db
def test_deleting_a_shop_with_orders_is_refused(shop_a):
    order = make_order(shop_a)
    with pytest.raises(ProtectedError):
        shop_a.delete()
    assert Shop.objects.filter(pk=shop_a.pk).exists()
    assert Order.objects.filter(pk=order.pk).exists()


@pytest.mark.django_db
def test_deleting_a_buyer_with_orders_is_refused(shop_a):
    buyer = make_buyer(shop_a)
    make_order(shop_a, buyer=buyer)
    with pytest.raises(ProtectedError):
        buyer.delete()
    assert Buyer.objects.filter(pk=buyer.pk).exists()


@pytest.mark.django_db
def test_deleting_a_decided_order_is_refused(shop_a, bob):
    order = make_order(shop_a)
    Decision.objects.create(shop=shop_a, order=order, user=bob, action=Decision.Action.APPROVE)
    with pytest.raises(ProtectedError):
        order.delete()


@pytest.mark.django_db
def test_money_round_trips_exactly(shop_a):
    order = make_order(shop_a, amount_paid=Decimal("0.10") + Decimal("0.20"))
    order.refresh_from_db()
    assert order.amount_paid == Decimal("0.30")


@pytest.mark.django_db
def test_times_are_stored_in_utc_and_shown_in_shanghai(shop_a, settings):
    assert settings.USE_TZ is True
    assert settings.TIME_ZONE == "Asia/Shanghai"
    moment = datetime(2026, 1, 1, 0, 30, tzinfo=UTC)  # 08:30 in Beijing
    order = make_order(shop_a, ordered_at=moment)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SHOW TIME ZONE")
            assert cursor.fetchone()[0] == "UTC"
        cursor.execute(f"SELECT ordered_at FROM {Order._meta.db_table} WHERE id = %s", [order.pk])
        raw = cursor.fetchone()[0]
    stored = raw if isinstance(raw, datetime) else datetime.fromisoformat(str(raw))
    assert stored.replace(tzinfo=None) == datetime(2026, 1, 1, 0, 30)
    assert timezone.localtime(order.ordered_at).strftime("%H:%M") == "08:30"
