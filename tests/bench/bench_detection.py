"""Detection quality with the default policy on labelled demo data (~5% attack orders).

Normal shoppers plus the four attack shapes of ``reviews/demo.py`` (burst, inventory lock,
serial refunder, ring) are loaded straight into a scratch shop and go through the same path
an import takes (``orders_changed``: ledger, rescore, screening). Prints recall per shape
and the share of normal orders flagged. Goal: recall ≥ 90%, normal flagged ≤ 2%.
Everything runs inside a transaction that is rolled back.

    BENCH_NORMAL=30000 python -m tests.bench detection
"""

import os
import time
from collections import Counter

from django.db import transaction

from reviews.jobs import orders_changed
from reviews.models import Order, Shop
from tests.bench.labelled import demo_rows, load_rows
from tests.bench.report import figure


class Rollback(Exception):
    pass


def main() -> dict:
    normal = int(os.environ.get("BENCH_NORMAL", "30000"))
    try:
        with transaction.atomic():
            shop = Shop.objects.create(name="bench-detection")
            # One set of the four shapes (100 orders) per 1,900 normal orders: ~5% attack orders.
            labels = load_rows(shop, demo_rows(normal=normal, seed=2026, attacks_every=1900))
            started = time.perf_counter()
            orders_changed(shop.pk, list(labels))
            seconds = time.perf_counter() - started
            verdicts = dict(Order.objects.filter(shop=shop).values_list("pk", "risk_decision"))
            totals, caught = Counter(), Counter()
            for pk, label in labels.items():
                shape = label or "normal"
                totals[shape] += 1
                caught[shape] += verdicts[pk] != Order.Decision.ALLOW
            raise Rollback
    except Rollback:
        pass
    attacks = sum(n for shape, n in totals.items() if shape != "normal")
    found = sum(n for shape, n in caught.items() if shape != "normal")
    print(f"orders: {sum(totals.values()):,} ({attacks:,} attack = {attacks / sum(totals.values()):.1%})")
    print(f"screened through orders_changed in {seconds:.1f} s")
    for shape in sorted(totals):
        if shape != "normal":
            print(f"  recall {shape:<15} {caught[shape]:>5}/{totals[shape]:<5} {caught[shape] / totals[shape]:.1%}")
    recall = found / attacks
    flagged = caught["normal"] / totals["normal"]
    print(f"recall of attack orders: {recall:.1%} (goal ≥ 90%) {'OK' if recall >= 0.9 else 'MISSED'}")
    print(f"normal orders flagged:   {flagged:.2%} (goal ≤ 2%) {'OK' if flagged <= 0.02 else 'MISSED'}")
    return {
        "figures": [
            figure(f"recall of attack orders ({attacks:,})", round(recall * 100, 2), unit="%", goal="≥ 90%",
                   ok=recall >= 0.9),
            figure(f"normal orders flagged ({totals['normal']:,})", round(flagged * 100, 3), unit="%", goal="≤ 2%",
                   ok=flagged <= 0.02),
            figure("screening through orders_changed", seconds, unit="s"),
        ]
    }  # fmt: skip
