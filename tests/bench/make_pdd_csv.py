"""Write a realistic Pinduoduo order export of N rows (reviews/demo.py shapes, attacks included).

    python -m tests.bench.make_pdd_csv /tmp/pdd-1m.csv --rows 1000000 [--xlsx]

Rows are generated in chunks of 20,000 (each its own seed and order-number prefix), so memory
stays flat however many rows are asked for.
"""

import argparse
import csv
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

from reviews.demo import DemoExport

CHUNK = 20_000
END = datetime(2025, 11, 20, 22, 0, 0)


def pdd_rows(total: int) -> Iterator[dict[str, str]]:
    made = 0
    chunk = 0
    while made < total:
        export = DemoExport(seed=1000 + chunk, end=END, days=30, order_prefix=f"{chunk:03d}")
        for row in export.rows(CHUNK):
            if made >= total:
                return
            yield row
            made += 1
        chunk += 1


def headers() -> list[str]:
    row = next(pdd_rows(1))
    return [h for h in row if not h.startswith("_")]


def write_csv(path: Path, total: int) -> Path:
    names = headers()
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(names)
        for row in pdd_rows(total):
            writer.writerow([row[h] for h in names])
    return path


def write_xlsx(path: Path, total: int) -> Path:
    import openpyxl

    names = headers()
    workbook = openpyxl.Workbook(write_only=True)
    sheet = workbook.create_sheet("订单")
    sheet.append(names)
    for row in pdd_rows(total):
        sheet.append([row[h] for h in names])
    workbook.save(path)
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--xlsx", action="store_true")
    args = parser.parse_args()
    (write_xlsx if args.xlsx else write_csv)(args.out, args.rows)
    print(f"wrote {args.rows:,} rows to {args.out}")


if __name__ == "__main__":
    main()
