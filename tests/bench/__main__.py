"""`make bench`: run every benchmark module in this folder (``bench_*.py``) and print its figures.

Each module has a ``main()`` that generates data of a stated size, measures, and prints a
ratio against a baseline measured in the same run. Benchmarks that need PostgreSQL read
DATABASE_URL like the rest of Shield.
"""

import importlib
import os
import pkgutil
import sys
from pathlib import Path

import django


def main() -> int:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "shieldsite.settings")
    django.setup()
    here = Path(__file__).resolve().parent
    wanted = sys.argv[1:]
    modules = [m.name for m in pkgutil.iter_modules([str(here)]) if m.name.startswith("bench_")]
    modules = [m for m in sorted(modules) if not wanted or any(w in m for w in wanted)]
    if not modules:
        print("no benchmarks yet")
        return 0
    for name in modules:
        print(f"\n### {name}")
        importlib.import_module(f"tests.bench.{name}").main()
    return 0


if __name__ == "__main__":
    sys.exit(main())
