"""Blacklist matching and import.

1. Matching: 10,000 orders against 2,000 entries in one query vs. one query per order.
2. Import: 5,000 file rows through ``blacklist_add_many`` vs. ``blacklist_add`` row by row
   (the row-by-row baseline is measured on 500 rows and extrapolated).

Run: ``python -m tests.bench blacklist`` (uses DATABASE_URL like the app; all rows are
written to a throwaway shop id inside a transaction that is rolled back).
"""

import time

from django.db import connection, transaction
from django.db.models import Q
from django.test.utils import CaptureQueriesContext

from blacklist.matching import entry_keys, keys_for, matches_for
from blacklist.models import BlacklistEntry, Kind
from blacklist.services import blacklist_add, blacklist_add_many
from tests.bench.report import figure

SHOP = 987_654_321
ENTRIES = 2_000
ORDERS = 10_000
BASELINE_SAMPLE = 500


class Rollback(Exception):
    pass


def order_keys(n: int):
    return keys_for(phone=f"139{n:08d}", receiver=f"买家{n}", address=f"浙江省杭州市西湖区文三路{n}号")


def main() -> dict:
    try:
        with transaction.atomic():
            rows = []
            for n in range(ENTRIES):
                # Every fifth order's phone is listed.
                value = f"139{n * 5:08d}"
                key, masked = entry_keys(Kind.PHONE, value)
                rows.append(BlacklistEntry(shop_id=SHOP, kind=Kind.PHONE, value=value, key=key, masked_key=masked))
            BlacklistEntry.objects.bulk_create(rows, batch_size=1000)
            batch = {n: order_keys(n) for n in range(ORDERS)}

            with CaptureQueriesContext(connection) as queries:
                start = time.perf_counter()
                hits = matches_for(SHOP, batch)
                batched = time.perf_counter() - start
            assert len(hits) == ENTRIES, len(hits)

            start = time.perf_counter()
            for n in range(BASELINE_SAMPLE):
                values = [value for _kind, value in batch[n]]
                list(
                    BlacklistEntry.objects.active()
                    .filter(shop_id=SHOP)
                    .filter(Q(key__in=values) | Q(masked_key__in=values))
                )
            per_order = (time.perf_counter() - start) / BASELINE_SAMPLE * ORDERS

            print(f"database: {connection.vendor}; {ENTRIES:,} entries, {ORDERS:,} orders, {len(hits):,} hit")
            print(
                f"matches_for, one batch: {batched * 1000:.0f} ms in {len(queries)} query "
                f"({ORDERS / batched:,.0f} orders/s)"
            )
            print(f"baseline, one query per order (extrapolated from {BASELINE_SAMPLE}): {per_order * 1000:.0f} ms")
            print(f"ratio: batched is {per_order / batched:.1f}x faster")
            raise Rollback
    except Rollback:
        pass
    figures = [
        figure(f"matches_for, {ORDERS:,} orders in one batch", batched * 1000, unit="ms",
               baseline=per_order * 1000, baseline_name="one query per order", goal="< baseline",
               ok=batched < per_order),
    ]  # fmt: skip
    return {"figures": figures + bench_import()}


IMPORT_ROWS = 5_000


def bench_import() -> list[dict]:
    rows = [{"kind": Kind.PHONE, "value": f"137{n:08d}", "reason": "批量导入"} for n in range(IMPORT_ROWS)]
    try:
        with transaction.atomic():
            start = time.perf_counter()
            outcomes = blacklist_add_many(shop_id=SHOP, rows=rows, source="import")
            batched = time.perf_counter() - start
            assert all(isinstance(o, BlacklistEntry) for o in outcomes)
            start = time.perf_counter()
            for row in rows[:BASELINE_SAMPLE]:
                blacklist_add(shop_id=SHOP + 1, **row)
            per_row = (time.perf_counter() - start) / BASELINE_SAMPLE * IMPORT_ROWS
            print(f"import {IMPORT_ROWS:,} rows, blacklist_add_many: {batched * 1000:.0f} ms")
            print(f"baseline, blacklist_add per row (extrapolated from {BASELINE_SAMPLE}): {per_row * 1000:.0f} ms")
            print(f"ratio: batched is {per_row / batched:.1f}x faster")
            raise Rollback
    except Rollback:
        pass
    return [
        figure(f"blacklist_add_many, {IMPORT_ROWS:,} rows", batched * 1000, unit="ms", baseline=per_row * 1000,
               baseline_name="blacklist_add per row", goal="< baseline", ok=batched < per_row),
    ]  # fmt: skip
