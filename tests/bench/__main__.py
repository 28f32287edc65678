"""`make bench`: run every benchmark module in this folder (``bench_*.py``) and write bench-report.md.

Each module has a ``main()`` that generates data of a stated size, measures, prints a ratio
against a baseline measured in the same run, and returns ``{"figures": [...]}`` (see
``tests/bench/report.py``). This runner collects them into one Markdown report, each figure next
to its baseline. Benchmarks that need PostgreSQL read DATABASE_URL like the rest of Shield.

    python -m tests.bench                 # all, full size
    BENCH_SCALE=0.05 python -m tests.bench   # all, a twentieth of the data (quick look)
    python -m tests.bench risk import     # only the modules whose name contains these words
"""

import importlib
import os
import pkgutil
import platform
import sys
import time
import traceback
from concurrent.futures import ProcessPoolExecutor
from datetime import UTC, datetime
from pathlib import Path

import django

# Sizes each module reads from the environment, at scale 1. BENCH_SCALE sets the ones not given.
SCALED_SIZES = {
    "BENCH_IMPORT_ROWS": 1_000_000,
    "BENCH_XLSX_ROWS": 100_000,
    "BENCH_ORDERS": 1_000_000,
    "BENCH_BUYERS": 300_000,
    "BENCH_REQUESTS": 4_000,
    "BENCH_DETECTION_ORDERS": 20_000,
}
MINIMUM = 200


def apply_scale() -> float:
    from tests.bench.report import scale

    factor = scale()
    if factor != 1:
        for name, size in SCALED_SIZES.items():
            os.environ.setdefault(name, str(max(MINIMUM, int(size * factor))))
    return factor


def migrate_first() -> None:
    """Bring the bench database (a scratch one) up to the code's migrations, saying so, rather than
    fail half-way through a benchmark on a missing column."""
    from django.core.management import call_command
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    executor = MigrationExecutor(connection)
    plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
    if plan:
        print(f"migrating the bench database first ({len(plan)} migrations)", flush=True)
        call_command("migrate", verbosity=0)


def _loop(_cpu: int) -> float:
    begun = time.perf_counter()
    for _step in range(10_000_000):
        pass
    return time.perf_counter() - begun


def box_speed() -> float:
    """Seconds a fixed pure-Python loop takes on every CPU at once (the slowest CPU, median of three
    rounds): figures from a shared box move with its load, and this, taken at the start and the
    end of a run, says how fast the box was (benchmarks use both CPUs, so both are timed)."""
    rounds = []
    with ProcessPoolExecutor(os.cpu_count() or 1) as pool:
        for _ in range(3):
            rounds.append(max(pool.map(_loop, range(os.cpu_count() or 1))))
    return sorted(rounds)[1]


def main() -> int:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "shieldsite.settings")
    speed_before = box_speed()
    print(f"box speed: a 10M-step Python loop takes {speed_before:.2f} s on each CPU at once", flush=True)
    factor = apply_scale()
    django.setup()
    migrate_first()
    from django.db import connection

    from tests.bench.report import render

    here = Path(__file__).resolve().parent
    wanted = sys.argv[1:]
    modules = [m.name for m in pkgutil.iter_modules([str(here)]) if m.name.startswith("bench_")]
    modules = [m for m in sorted(modules) if not wanted or any(w in m for w in wanted)]
    if not modules:
        print("no benchmarks yet")
        return 0
    results: dict[str, dict] = {}
    started = time.perf_counter()
    for name in modules:
        print(f"\n### {name}", flush=True)
        begun = time.perf_counter()
        try:
            outcome = importlib.import_module(f"tests.bench.{name}").main()
        except Exception as exc:  # noqa: BLE001 - one broken benchmark must not hide the others
            traceback.print_exc()
            outcome = {"error": f"{type(exc).__name__}: {exc}"}
        outcome = outcome if isinstance(outcome, dict) else {"figures": outcome or []}
        outcome["seconds"] = time.perf_counter() - begun
        results[name] = outcome
    sizes = ", ".join(f"{k}={os.environ[k]}" for k in SCALED_SIZES if k in os.environ) or "module defaults"
    header = (
        f"{datetime.now(UTC):%Y-%m-%d %H:%M} UTC · database {connection.vendor} · Python {platform.python_version()} "
        f"· {os.cpu_count()} CPUs · BENCH_SCALE={factor:g} ({sizes}) · took {time.perf_counter() - started:.0f} s"
        f" · box speed (10M-step Python loop on each CPU at once): {speed_before:.2f} s at the start, "
        f"{box_speed():.2f} s at the end"
    )
    report = Path(os.environ.get("BENCH_REPORT", "bench-report.md"))
    report.write_text(render(results, header=header), encoding="utf-8")
    missed = [f["name"] for r in results.values() for f in r.get("figures", []) if f.get("pass") is False]
    failed = [name for name, r in results.items() if r.get("error")]
    print(f"\nwrote {report} ({len(modules)} benchmarks; {len(missed)} goals missed, {len(failed)} failed)")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
