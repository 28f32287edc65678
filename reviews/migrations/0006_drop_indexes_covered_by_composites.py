"""Drop the single-column order and buyer indexes that composite indexes already serve.

Each index costs every imported order a write (a 1,000,000-row import spends most of its database
time maintaining indexes). An order's shop_id is served by order_unique_shop_order_no, buyer_id
by order_buyer_time, claimed_by_id by order_claimed_by; risk_state is only queried per shop
(order_shop_risk, order_shop_risk_ordered); a buyer's shop_id by buyer_unique_shop_key.
Only the indexes go: the foreign-key constraints stay as they are (no re-validation of a big table).
"""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


DROPPED = {
    "reviews_buyer_shop_id_89c82f35": ("reviews_buyer", "shop_id"),
    "reviews_order_shop_id_ed8b0f32": ("reviews_order", "shop_id"),
    "reviews_order_buyer_id_cb5e8cc2": ("reviews_order", "buyer_id"),
    "reviews_order_claimed_by_id_a3b09554": ("reviews_order", "claimed_by_id"),
    "reviews_order_risk_state_4bcd2ce4": ("reviews_order", "risk_state"),
    "reviews_order_risk_state_4bcd2ce4_like": ("reviews_order", "risk_state"),
}


class Migration(migrations.Migration):
    dependencies = [
        ("reviews", "0005_merge_review_queue"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[
                migrations.RunSQL(
                    sql=[f"DROP INDEX IF EXISTS {name}" for name in DROPPED],
                    reverse_sql=[
                        f"CREATE INDEX IF NOT EXISTS {name} ON {table} ({column})"
                        for name, (table, column) in DROPPED.items()
                        if not name.endswith("_like")
                    ],
                ),
            ],
            state_operations=[
                migrations.AlterField(
                    model_name="buyer",
                    name="shop",
                    field=models.ForeignKey(
                        db_index=False,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="buyers",
                        to="reviews.shop",
                        verbose_name="店铺",
                    ),
                ),
                migrations.AlterField(
                    model_name="order",
                    name="buyer",
                    field=models.ForeignKey(
                        blank=True,
                        db_index=False,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="orders",
                        to="reviews.buyer",
                        verbose_name="买家",
                    ),
                ),
                migrations.AlterField(
                    model_name="order",
                    name="claimed_by",
                    field=models.ForeignKey(
                        blank=True,
                        db_index=False,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="claimed_orders",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="领取人",
                    ),
                ),
                migrations.AlterField(
                    model_name="order",
                    name="risk_state",
                    field=models.CharField(
                        choices=[
                            ("new", "未筛查"),
                            ("allowed", "放行"),
                            ("flagged", "待审核"),
                            ("in_review", "审核中"),
                            ("approved", "已通过"),
                            ("cancelled", "已取消"),
                            ("blacklisted", "已拉黑"),
                        ],
                        default="new",
                        max_length=12,
                        verbose_name="风控状态",
                    ),
                ),
                migrations.AlterField(
                    model_name="order",
                    name="shop",
                    field=models.ForeignKey(
                        db_index=False,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="orders",
                        to="reviews.shop",
                        verbose_name="店铺",
                    ),
                ),
            ],
        ),
    ]
