"""Risk engine speed on PostgreSQL: full rescore, backtest and the check API.

Generates a scratch shop directly in SQL (default 1M orders / 300k buyers over 30 days),
then measures, each next to a baseline from the same run:
1. full rescore (derive ledger events + recompute every buyer) vs one plain SQL
   ``GROUP BY buyer`` over the same orders — goal ≤ 3×;
2. a policy backtest over the last 30 days — goal ≤ 10 s;
3. ``POST /api/v1/check`` under gunicorn (2 workers), load from a second process on
   127.0.0.1, vs a trivial Django view served the same way — goals p99 ≤ 3× trivial,
   p99 ≤ 25 ms, ≥ 400 req/s. Two clients, each judged: the Python ``loadgen`` and, when it is
   installed (``make bench`` installs it where apt can), wrk, whose figures are the server's
   (the Python client's own ~1.5 ms per request adds to both views' latencies).
The tables are settled (VACUUM ANALYZE, CHECKPOINT: ``shop_data.settle``) after the load and
after the rescores, as autovacuum would leave them on a server where it runs. The scratch shop
is deleted afterwards.

    DATABASE_URL=postgres://... REDIS_URL=redis://... python -m tests.bench risk
    BENCH_ORDERS=100000 BENCH_BUYERS=30000 BENCH_REQUESTS=2000 ...   # quick mode
"""

import json
import os
import re
import secrets
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path
from unittest import mock

from django.contrib.auth import get_user_model
from django.db import connection

from reviews import jobs
from reviews.models import Shop
from reviews.services import scoring
from reviews.services.backtesting import backtest_compute
from reviews.services.tokens import api_token_create
from tests.bench.report import figure
from tests.bench.shop_data import settle

ROOT = Path(__file__).resolve().parents[2]


def timed(func, *args, **kwargs) -> tuple[float, object]:
    started = time.perf_counter()
    result = func(*args, **kwargs)
    return time.perf_counter() - started, result


def generate(shop_id: int, orders: int, buyers: int) -> None:
    """Buyers and orders straight from generate_series: realistic status mix, 200 SKUs, 30 days."""
    with connection.cursor() as cursor:
        cursor.execute(
            """
            INSERT INTO reviews_buyer (shop_id, key_kind, key, confidence, display_name, masked_phone,
                                       credit_score, restricted, created_at, updated_at)
            SELECT %s, 'phone', '139' || lpad(g::text, 8, '0'), 'strong', '买家' || g, '', 100, false, now(), now()
            FROM generate_series(1, %s) g
            """,
            [shop_id, buyers],
        )
        cursor.execute("SELECT min(id) FROM reviews_buyer WHERE shop_id = %s", [shop_id])
        first = cursor.fetchone()[0]
        cursor.execute(
            """
            INSERT INTO reviews_order (shop_id, order_no, buyer_id, sku_id, sku_name, spec, quantity, amount_paid,
                amount_received, status, after_sale_status, ordered_at, paid_at, shipped_at, received_at,
                receiver, phone, province, city, district, street, address, merchant_note, buyer_note, extra,
                risk_state, risk_reasons, risk_decision, created_at, updated_at, phone_key, address_key, import_digest)
            SELECT %(shop)s, 'B' || g, b.id, 'SKU' || (g %% 200), '商品', '', 1 + (g %% 3), 39.9, 39.9,
                   s.status, '', t.at, CASE WHEN s.status = 'unpaid' THEN NULL ELSE t.at + interval '1 minute' END,
                   CASE WHEN s.status IN ('shipped', 'completed') THEN t.at + interval '1 day' END,
                   CASE WHEN s.status = 'completed' OR (s.status = 'refunded' AND g %% 2 = 0)
                        THEN t.at + interval '4 days' END,
                   '王伟', '139' || lpad((b.id - %(first)s + 1)::text, 8, '0'), '广东省', '深圳市', '南山区', '',
                   '科技园南路' || (g %% 997) || '号', '', '', '{}', 'new', '[]', '', now(), now(),
                   '139' || lpad((b.id - %(first)s + 1)::text, 8, '0'), '', ''
            FROM generate_series(1, %(orders)s) g
            CROSS JOIN LATERAL (SELECT %(first)s + ((g::bigint * 2654435761) %% %(buyers)s) AS id) b
            CROSS JOIN LATERAL (SELECT now() - make_interval(secs => (g::bigint * 7919) %% 2592000) AS at) t
            CROSS JOIN LATERAL (SELECT CASE
                WHEN g %% 100 < 60 THEN 'completed' WHEN g %% 100 < 75 THEN 'shipped'
                WHEN g %% 100 < 85 THEN 'paid' WHEN g %% 100 < 92 THEN 'cancelled'
                WHEN g %% 100 < 97 THEN 'refunded' ELSE 'unpaid' END AS status) s
            """,
            {"shop": shop_id, "first": first, "orders": orders, "buyers": buyers},
        )
    settle()


def group_by_baseline(shop_id: int) -> float:
    """One plain aggregation per buyer over the same orders: the floor any rescore is compared with."""
    with connection.cursor() as cursor:
        started = time.perf_counter()
        cursor.execute(
            """
            SELECT buyer_id, count(*), sum(CASE WHEN status IN ('cancelled', 'refunded') THEN 1 ELSE 0 END)
            FROM reviews_order WHERE shop_id = %s GROUP BY buyer_id
            """,
            [shop_id],
        )
        cursor.fetchall()
        return time.perf_counter() - started


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def serve_and_load(path: str, token: str, requests: int, buyers: int) -> dict[str, dict | None]:
    """Serve Shield under gunicorn (2 sync workers) and load ``path`` from another process on
    127.0.0.1: the Python client (``loadgen``), then wrk when it is installed.

    Both clients open a connection per request, as gunicorn's sync workers close each one. The
    Python client costs ~1.5 ms of its own per request, which adds to every latency it sees and
    caps what it can send (~1,500 req/s); wrk, in C, costs almost nothing, so its figures are
    the server's. Returns ``{"python": figures, "wrk": figures or None}``.
    """
    port = free_port()
    env = {
        **os.environ,
        "DEBUG": "0",
        "SECRET_KEY": secrets.token_urlsafe(40),
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "0",
        "API_RATE_LIMIT": "0",
        "LOG_LEVEL": "WARNING",
    }
    gunicorn = shutil.which("gunicorn", path=str(Path(sys.executable).parent)) or "gunicorn"
    server = subprocess.Popen(
        [
            gunicorn,
            "tests.bench.wsgi_trivial",
            "--workers",
            "2",
            "--bind",
            f"127.0.0.1:{port}",
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
    )
    try:
        for _ in range(100):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                time.sleep(0.1)
        load = [sys.executable, "-m", "tests.bench.loadgen", str(port), path]
        subprocess.run([*load, "200", "4", token, str(buyers)], cwd=ROOT, check=True, capture_output=True)  # warm-up
        out = subprocess.run([*load, str(requests), "4", token, str(buyers)], cwd=ROOT, check=True, capture_output=True)
        return {"python": json.loads(out.stdout), "wrk": wrk_load(port, path, token, buyers, seconds=requests / 400)}
    finally:
        server.terminate()
        server.wait(timeout=10)


def wrk_load(port: int, path: str, token: str, buyers: int, *, seconds: float) -> dict | None:
    """p50/p99 and requests per second from wrk (4 connections, one thread), or None without wrk."""
    wrk = shutil.which("wrk")
    if wrk is None:
        return None
    command = [wrk, "-t", "1", "-c", "4", "-d", f"{max(3, round(seconds))}s", "--latency",
               "-s", str(ROOT / "tests" / "bench" / "check.lua"), f"http://127.0.0.1:{port}{path}",
               "--", token, str(buyers)]  # fmt: skip
    out = subprocess.run(command, check=True, capture_output=True, text=True).stdout
    return parse_wrk(out)


_WRK_UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0}


def parse_wrk(out: str) -> dict:
    """wrk's ``--latency`` report as the Python client's figures: p50/p99 in ms, req/s, statuses."""

    def latency(percent: str) -> float:
        match = re.search(rf"^\s*{percent}%\s+([\d.]+)(us|ms|s|m)\s*$", out, re.MULTILINE)
        return float(match.group(1)) * _WRK_UNITS[match.group(2)]

    total = int(re.search(r"^\s*(\d+) requests in", out, re.MULTILINE).group(1))
    bad = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    errors = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out)
    status = {"2xx/3xx": total - int(bad.group(1)) if bad else total}
    if bad:
        status["other"] = int(bad.group(1))
    if errors and any(int(n) for n in errors.groups()):
        status["socket errors"] = sum(int(n) for n in errors.groups())
    rps = float(re.search(r"^Requests/sec:\s+([\d.]+)", out, re.MULTILINE).group(1))
    return {"p50": latency("50"), "p99": latency("99"), "rps": rps, "status": status}


def cleanup(shop_id: int) -> None:
    with connection.cursor() as cursor:
        for table in ("reviews_creditevent", "reviews_backtest", "reviews_apitoken", "reviews_riskpolicy",
                      "reviews_order", "reviews_buyerlink", "reviews_buyer"):  # fmt: skip
            cursor.execute(f"DELETE FROM {table} WHERE shop_id = %s", [shop_id])
        cursor.execute("DELETE FROM reviews_shop WHERE id = %s", [shop_id])


def main() -> dict:
    if connection.vendor != "postgresql":
        print("skipped: needs PostgreSQL (set DATABASE_URL=postgres://...)")
        return {"note": "skipped: needs PostgreSQL"}
    orders = int(os.environ.get("BENCH_ORDERS", "1000000"))
    buyers = int(os.environ.get("BENCH_BUYERS", "300000"))
    requests = int(os.environ.get("BENCH_REQUESTS", "4000"))
    parts = os.environ.get("BENCH_PARTS", "rescore,backtest,api").split(",")
    shop = Shop.objects.create(name="bench-risk")
    figures: list[dict] = []
    try:
        seconds, _ = timed(generate, shop.pk, orders, buyers)
        print(f"generated {orders:,} orders / {buyers:,} buyers in {seconds:.1f} s")
        if "rescore" in parts:
            figures += measure_rescore(shop.pk)
        else:
            full_rescore(shop.pk)
        # The rescores rewrote every buyer and wrote the ledger: settle again before timing reads.
        settle()
        if "backtest" in parts:
            figures += measure_backtest(shop.pk)
        if "api" in parts:
            figures += measure_api(shop, requests, buyers)
    finally:
        cleanup(shop.pk)
    return {"figures": figures}


def full_rescore(shop_id: int) -> None:
    """``rescore_shop`` (the nightly job) without the follow-up screening job it enqueues."""
    with mock.patch("shieldsite.queues.enqueue"):
        jobs.rescore_shop(shop_id)


def measure_rescore(shop_id: int) -> list[dict]:
    group_by_baseline(shop_id)  # warm the cache the same way for both
    baseline = min(group_by_baseline(shop_id) for _ in range(3))
    first, _ = timed(full_rescore, shop_id)
    again, _ = timed(full_rescore, shop_id)
    derive, _ = timed(scoring.credit_events_derive, shop_id=shop_id)
    only, _ = timed(scoring.rescore, shop_id=shop_id)
    baseline_after = min(group_by_baseline(shop_id) for _ in range(3))
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM reviews_creditevent WHERE shop_id = %s", [shop_id])
        events = cursor.fetchone()[0]
        cursor.execute("SELECT count(*) FROM reviews_buyer WHERE shop_id = %s AND restricted", [shop_id])
        restricted = cursor.fetchone()[0]
    print(f"plain SQL GROUP BY buyer:         {baseline:6.2f} s (again after the rescores: {baseline_after:.2f} s)")
    print(f"full rescore, first run:          {first:6.2f} s  ({first / baseline:.1f}×; writes {events:,} events)")
    print(f"full rescore, again (idempotent): {again:6.2f} s  ({again / baseline:.1f}×, goal ≤ 3×)")
    print(f"  of which derive events:         {derive:6.2f} s")
    print(f"  of which recompute scores:      {only:6.2f} s  ({only / baseline:.1f}×)")
    print(f"  restricted buyers: {restricted:,}")
    return [
        figure("full rescore, first run", first, unit="s", baseline=baseline, baseline_name="SQL GROUP BY buyer"),
        figure("full rescore, again (idempotent)", again, unit="s", baseline=baseline,
               baseline_name="SQL GROUP BY buyer", goal="≤ 3× GROUP BY", ok=again <= 3 * baseline),
    ]  # fmt: skip


def measure_backtest(shop_id: int) -> list[dict]:
    seconds, result = timed(backtest_compute, shop_id=shop_id, values={"burst_orders": 3})
    print(
        f"backtest over {result['total_orders']:,} orders: {seconds:.1f} s (goal ≤ 10 s); "
        f"would flag {result['orders']:,} (now {result['orders_now']:,}); rules {result['rules']}"
    )
    return [figure(f"backtest, {result['total_orders']:,} orders", seconds, unit="s", goal="≤ 10 s", ok=seconds <= 10)]


def measure_api(shop: Shop, requests: int, buyers: int) -> list[dict]:
    user, _created = get_user_model().objects.get_or_create(username="bench-risk-admin")
    _token, raw = api_token_create(shop=shop, name="bench", user=user)
    trivial = serve_and_load("/bench/ping", "", requests, buyers)
    check = serve_and_load("/api/v1/check", raw, requests, buyers)
    figures = []
    for client in ("python", "wrk"):
        if check[client] is None or trivial[client] is None:
            print(f"({client}: not installed, no figures from it)")
            continue
        base, api = trivial[client], check[client]
        for name, found in (("trivial view", base), ("check API", api)):
            print(
                f"{client:<6} {name:<13} p50 {found['p50']:6.1f} ms  p99 {found['p99']:6.1f} ms  "
                f"{found['rps']:6.0f} req/s  status {found['status']}"
            )
        print(
            f"{client:<6} check API p99 = {api['p99'] / base['p99']:.1f}× trivial (goal ≤ 3×), "
            f"p99 {api['p99']:.1f} ms (goal ≤ 25 ms), {api['rps']:.0f} req/s (goal ≥ 400)"
        )
        label = "Python client" if client == "python" else "wrk"
        figures += [
            figure(f"check API p99 ({label})", api["p99"], unit="ms", baseline=base["p99"],
                   baseline_name="trivial view p99", goal="≤ 3× trivial and ≤ 25 ms",
                   ok=api["p99"] <= min(3 * base["p99"], 25)),
            figure(f"check API throughput ({label})", api["rps"], unit="req/s", baseline=base["rps"],
                   baseline_name="trivial view", goal="≥ 400 req/s", ok=api["rps"] >= 400),
        ]  # fmt: skip
    return figures
