"""The review queue reads its page and its per-reason counts from two small partial indexes.

``reason_codes`` (a generated column: the codes of ``risk_reasons``) lets the counts read a few
words per queued order from the priority index instead of every order's reasons. The indexes
cover only queued orders (flagged, in review: a few percent of a shop's orders), so imports
write them for those orders alone. The deadline expression is ``reviews.expressions.deadline_key_sql``
for the default 48 hours; the queue's ORDER BY must match it for PostgreSQL to use them.
"""

from django.db import migrations, models

import reviews.expressions

QUEUED = "risk_state IN ('flagged', 'in_review')"
DEADLINE_KEY = (
    "COALESCE((ship_by AT TIME ZONE 'UTC'), (paid_at AT TIME ZONE 'UTC') + interval '48 hours', "
    "(ordered_at AT TIME ZONE 'UTC') + interval '48 hours')"
)
INDEXES = {
    # Default sort (riskiest, then closest cut-off), score filters, and the counts (INCLUDE).
    "order_queue_priority": f"(shop_id, risk_score DESC, ({DEADLINE_KEY}), id) INCLUDE (reason_codes)",
    # Sorted by shipping cut-off.
    "order_queue_deadline": f"(shop_id, ({DEADLINE_KEY}), id)",
}


def create_indexes(apps, schema_editor):
    for name, columns in INDEXES.items():
        schema_editor.execute(f"CREATE INDEX IF NOT EXISTS {name} ON reviews_order {columns} WHERE {QUEUED}")


def drop_indexes(apps, schema_editor):
    for name in INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [
        ("reviews", "0015_shared_tags"),
    ]

    operations = [
        migrations.AddField(
            model_name="order",
            name="reason_codes",
            field=models.GeneratedField(
                db_persist=True,
                expression=reviews.expressions.ReasonCodes("risk_reasons"),
                output_field=models.JSONField(),
            ),
        ),
        migrations.RunPython(create_indexes, drop_indexes, elidable=False),
    ]
