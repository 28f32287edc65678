"""The one shape every benchmark returns, and the Markdown report ``make bench`` writes.

Each ``bench_*.main()`` keeps printing as it always did and also returns
``{"figures": [figure(...), ...]}``: each figure next to the baseline measured in the same run,
its goal, and whether it met it.
"""

import math
import os


def figure(name: str, value: float, *, unit: str = "", baseline: float | None = None,
           baseline_name: str = "", goal: str = "", ok: bool | None = None) -> dict:  # fmt: skip
    """One measured figure; ``baseline`` is measured in the same run (the ratio is value / baseline)."""
    return {"name": name, "value": value, "unit": unit, "baseline": baseline, "baseline_name": baseline_name,
            "goal": goal, "pass": ok}  # fmt: skip


def scale() -> float:
    """BENCH_SCALE (default 1): 0.1 runs every benchmark on a tenth of its data, for a quick look."""
    return float(os.environ.get("BENCH_SCALE", "1") or 1)


def _number(value, unit: str = "") -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "—"
    precision = 2 if isinstance(value, float) and abs(value) < 100 else 0
    text = f"{value:,.{precision}f}" if isinstance(value, float) else f"{value:,}"
    return f"{text} {unit}".strip()


def render(results: dict[str, dict], *, header: str) -> str:
    """Markdown: one table per benchmark module, figure beside baseline and goal."""
    lines = ["# Shield benchmark report", "", header, ""]
    for module, outcome in results.items():
        lines += [f"## {module.removeprefix('bench_')}", ""]
        if outcome.get("error"):
            lines += [f"**failed:** `{outcome['error']}`", ""]
            continue
        figures = outcome.get("figures") or []
        if not figures:
            lines += [outcome.get("note") or "no figures (skipped; see the console output)", ""]
            continue
        lines += [
            "| figure | value | baseline (same run) | ratio | goal | met |",
            "| --- | --- | --- | --- | --- | --- |",
        ]
        for f in figures:
            baseline = f.get("baseline")
            ratio = (
                f"{f['value'] / baseline:.2f}×"
                if isinstance(baseline, int | float) and baseline and isinstance(f["value"], int | float)
                else "—"
            )
            base = f"{_number(baseline, f.get('unit', ''))} {f.get('baseline_name', '')}".strip() if baseline else "—"
            met = {True: "✅", False: "❌", None: ""}[f.get("pass")]
            value = _number(f["value"], f.get("unit", ""))
            lines.append(f"| {f['name']} | {value} | {base} | {ratio} | {f.get('goal') or ''} | {met} |")
        lines.append("")
    return "\n".join(lines)


def scaled(size: int, minimum: int = 100) -> int:
    """A data size at BENCH_SCALE (for sizes a module keeps as constants)."""
    return max(minimum, int(size * scale()))
