"""One big shop for the page benchmarks (queue, dashboard): buyers, links and a month of orders.

Loaded with COPY (minutes with the ORM, seconds this way). Every NOT NULL column of the
tables is written here, once, so a new column breaks one generator, not one per benchmark.
Also the timing helpers those benchmarks share.
"""

import random
import statistics
import time
from dataclasses import dataclass
from datetime import timedelta
from decimal import Decimal

from django.db import DatabaseError, connection
from django.utils import timezone

SKUS = 500
ADDRESS = ("广东省", "深圳市", "南山区", "", "科技园南路88号")


def p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20)[-1] if len(values) >= 20 else max(values)


def timed(fn) -> float:
    """Milliseconds ``fn()`` took."""
    started = time.perf_counter()
    fn()
    return (time.perf_counter() - started) * 1000


@dataclass
class ShopData:
    orders: int
    flagged: int  # one order in ``orders // flagged`` is flagged (paid, waiting in the queue)
    buyers: int
    links: int
    reasons: list[str]  # risk_reasons JSON of the flagged orders, in turn
    fates: list[str]  # statuses the other orders take, picked at random
    rings: bool = False  # links as rings of 2–6 accounts sharing an address, else disjoint pairs
    seconds_apart: float = 2.6  # between consecutive orders (2.6 s × 1M ≈ a month)


def generate(shop_id: int, data: ShopData, *, vacuum: bool = False) -> None:
    """Load the shop, then ``settle`` it (with ``vacuum``: pages marked all-visible, so index-only
    scans skip them, and the gigabyte of WAL the load and the vacuum wrote flushed beforehand)."""
    now = timezone.now()
    rng = random.Random(6)
    with connection.connection.cursor() as cur:
        first_buyer = _copy_buyers(cur, shop_id, data.buyers, rng, now)
        _copy_links(cur, shop_id, first_buyer, data, rng, now)
        _copy_orders(cur, shop_id, first_buyer, data, rng, now)
    settle(vacuum=vacuum)


def settle(*, vacuum: bool = True) -> None:
    """ANALYZE the database after a bulk load; with ``vacuum``, VACUUM ANALYZE and a CHECKPOINT:
    the state autovacuum leaves bulk-loaded or bulk-updated tables in shortly after on a server
    where it runs (it is off on the development and CI boxes), without the load's WAL being
    written back while requests are timed."""
    with connection.connection.cursor() as cur:
        cur.execute("VACUUM ANALYZE" if vacuum else "ANALYZE")
    if vacuum:
        try:
            with connection.cursor() as cursor:
                cursor.execute("CHECKPOINT")
        except DatabaseError as exc:  # needs a superuser or pg_checkpoint
            print(f"(no CHECKPOINT after the load: {exc})")


def _copy_buyers(cur, shop_id: int, count: int, rng: random.Random, now) -> int:
    with cur.copy(
        "COPY reviews_buyer (shop_id, key_kind, key, confidence, display_name, masked_phone, credit_score, "
        "restricted, created_at, updated_at) FROM STDIN"
    ) as copy:
        for i in range(count):
            phone = f"13{i:09d}"
            copy.write_row(
                (shop_id, "phone", phone, "strong", f"买家{i}", f"{phone[:3]}****{phone[-4:]}",
                 rng.randint(30, 100), False, now, now)
            )  # fmt: skip
    cur.execute("SELECT min(id) FROM reviews_buyer WHERE shop_id = %s", [shop_id])
    return cur.fetchone()[0]


def _copy_links(cur, shop_id: int, first_buyer: int, data: ShopData, rng: random.Random, now) -> None:
    with cur.copy("COPY reviews_buyerlink (shop_id, buyer_a_id, buyer_b_id, via, key, created_at) FROM STDIN") as copy:
        if not data.rings:
            for i in range(0, data.links * 2, 2):
                copy.write_row((shop_id, first_buyer + i, first_buyer + i + 1, "address", f"地址{i}", now))
            return
        links, ring = 0, 0
        while links < data.links:
            size = rng.randint(2, 6)
            base = first_buyer + ring * 7  # each ring in its own block of buyers
            for k in range(1, size):
                copy.write_row((shop_id, base, base + k, "address", f"地址{base}", now))
            links += size - 1
            ring += 1


def _copy_orders(cur, shop_id: int, first_buyer: int, data: ShopData, rng: random.Random, now) -> None:
    flagged_every = data.orders // data.flagged
    address_key = "".join(ADDRESS)
    with cur.copy(
        "COPY reviews_order (shop_id, order_no, buyer_id, sku_id, sku_name, spec, quantity, amount_paid, "
        "amount_received, status, after_sale_status, ordered_at, paid_at, shipped_at, receiver, phone, province, "
        "city, district, street, address, merchant_note, buyer_note, extra, risk_state, risk_score, "
        "risk_decision, risk_reasons, phone_key, address_key, import_digest, created_at, updated_at) FROM STDIN"
    ) as copy:
        for i in range(data.orders):
            flagged = i % flagged_every == 0
            at = now - timedelta(seconds=i * data.seconds_apart)
            buyer = first_buyer + rng.randrange(data.buyers)
            phone = f"13{buyer - first_buyer:09d}"
            status = "paid" if flagged else rng.choice(data.fates)
            shipped = at + timedelta(hours=20) if status in ("completed", "shipped", "refunded") else None
            copy.write_row(
                (shop_id, f"B{i:09d}", buyer, f"1002{rng.randrange(SKUS):05d}", "维达抽纸 3层120抽*24包", "",
                 1 + (i % 3), Decimal("39.90"), Decimal("37.50"), status, "", at, at, shipped, "王伟", phone,
                 *ADDRESS, "", "", "{}", "flagged" if flagged else "allowed",
                 rng.randint(40, 99) if flagged else rng.randint(0, 39), "review" if flagged else "allow",
                 data.reasons[i % len(data.reasons)] if flagged else "[]", phone, address_key, "", now, now)
            )  # fmt: skip
