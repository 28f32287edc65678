"""Drop order_shop_risk (shop, risk_state, risk_score DESC): no query needs it any more.

It was the queue's index; the queue (its sorts, its counts, claiming, releasing, the dashboard's
open queue) now reads the partial indexes of migration 0016, which hold only queued orders, and
a list by any other risk state reads order_shop_risk_ordered. No query orders by risk score
outside the queue, so the index only cost every imported row a write.
tests/reviews/test_order_indexes.py names the query behind each remaining index.
"""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("reviews", "0021_learned_weights"),
    ]

    operations = [
        migrations.RemoveIndex(
            model_name="order",
            name="order_shop_risk",
        ),
    ]
