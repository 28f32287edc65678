"""Server-side SVG geometry for the dashboard's charts and the ring view.

The strict CSP allows neither inline scripts nor style attributes, so charts are plain SVG
shapes laid out here and drawn by ``templates/reviews/_svg_chart.html`` (and ``_ring_svg.html``);
colours come from CSS classes in app.css. Every chart's numbers are also shown as a table.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

WIDTH = 720
HEIGHT = 240
LEFT, RIGHT, TOP, BOTTOM = 44, 12, 12, 28


@dataclass
class Svg:
    """A chart as shapes: ``lines`` (polylines), ``rects``, ``dots``, ``texts`` and horizontal ``grid``."""

    width: int = WIDTH
    height: int = HEIGHT
    lines: list[dict] = field(default_factory=list)
    rects: list[dict] = field(default_factory=list)
    dots: list[dict] = field(default_factory=list)
    texts: list[dict] = field(default_factory=list)
    grid: list[dict] = field(default_factory=list)
    legend: list[dict] = field(default_factory=list)


def nice_max(value: float) -> int:
    """A round axis maximum at or above ``value`` whose quarters are whole numbers (4, 8, 20, 40, 80, 200 …)."""
    quarter = max(value, 1) / 4
    power = 10 ** max(0, math.floor(math.log10(quarter)))
    for step in (1, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10):
        tick = step * power
        if tick == int(tick) and quarter <= tick:
            return int(4 * tick)
    return int(40 * power)


def _y_axis(svg: Svg, top: int) -> None:
    plot_h = svg.height - TOP - BOTTOM
    for i in range(5):
        value = top * i / 4
        y = round(svg.height - BOTTOM - plot_h * i / 4, 1)
        label = f"{value:,.0f}"
        svg.grid.append({"x1": LEFT, "x2": svg.width - RIGHT, "y": y})
        svg.texts.append({"x": LEFT - 6, "y": y + 4, "text": label, "anchor": "end", "css": "axis"})


def _x_labels(svg: Svg, labels: list[str], xs: list[float], every: int) -> None:
    for i, (label, x) in enumerate(zip(labels, xs, strict=True)):
        if i % every == 0 or i == len(labels) - 1:
            svg.texts.append({"x": round(x, 1), "y": svg.height - 8, "text": label, "anchor": "middle", "css": "axis"})


def line_chart(labels: list[str], series: list[tuple[str, str, list[float]]]) -> Svg:
    """One polyline per ``(label, css_class, values)``, on a shared y axis from zero."""
    svg = Svg()
    top = nice_max(max((v for _l, _c, values in series for v in values), default=0))
    plot_w = svg.width - LEFT - RIGHT
    plot_h = svg.height - TOP - BOTTOM
    n = len(labels)
    xs = [LEFT + (plot_w * (i + 0.5) / n) for i in range(n)]
    _y_axis(svg, top)
    for label, css, values in series:
        points = [
            (round(x, 1), round(svg.height - BOTTOM - plot_h * v / top, 1)) for x, v in zip(xs, values, strict=True)
        ]
        svg.lines.append({"css": css, "points": " ".join(f"{x},{y}" for x, y in points), "label": label})
        if n <= 62:
            svg.dots.extend(
                {"cx": x, "cy": y, "css": css, "title": f"{day} {label}: {v:,.0f}"}
                for (x, y), v, day in zip(points, values, labels, strict=True)
            )
        svg.legend.append({"css": css, "label": label})
    _x_labels(svg, labels, xs, every=max(1, math.ceil(n / 10)))
    return svg


def stacked_bars(labels: list[str], stacks: list[tuple[str, str, list[float]]]) -> Svg:
    """Bars per label, each stacked from ``(label, css_class, values)`` in order."""
    svg = Svg()
    totals = [sum(values[i] for _l, _c, values in stacks) for i in range(len(labels))]
    top = nice_max(max(totals, default=0))
    plot_w = svg.width - LEFT - RIGHT
    plot_h = svg.height - TOP - BOTTOM
    n = max(len(labels), 1)
    slot = plot_w / n
    bar = max(2.0, slot * 0.7)
    xs = [LEFT + slot * (i + 0.5) for i in range(len(labels))]
    _y_axis(svg, top)
    base = [0.0] * len(labels)
    for name, css, values in stacks:
        for i, value in enumerate(values):
            if not value:
                continue
            h = plot_h * value / top
            y = svg.height - BOTTOM - plot_h * base[i] / top - h
            svg.rects.append(
                {
                    "x": round(xs[i] - bar / 2, 1),
                    "y": round(y, 1),
                    "w": round(bar, 1),
                    "h": round(h, 1),
                    "css": css,
                    "title": f"{labels[i]} {name}: {value:,.0f}",
                }
            )
            base[i] += value
        svg.legend.append({"css": css, "label": name})
    _x_labels(svg, labels, xs, every=max(1, math.ceil(n / 10)))
    return svg


def heat_map(rows: list[str], columns: list[str], values: list[list[int]], unit: str) -> Svg:
    """A grid of cells shaded in six steps (css ``heat-0`` … ``heat-5``) by their share of the maximum."""
    cell_w, cell_h, left, top = 40, 24, 44, 6
    svg = Svg(width=left + cell_w * len(columns) + 8, height=top + cell_h * len(rows) + 24)
    peak = max((v for row in values for v in row), default=0)
    for r, (row_label, row) in enumerate(zip(rows, values, strict=True)):
        y = top + r * cell_h
        svg.texts.append({"x": left - 6, "y": y + 16, "text": row_label, "anchor": "end", "css": "axis"})
        for c, value in enumerate(row):
            level = 0 if not value or not peak else 1 + min(4, int(4 * value / peak))
            svg.rects.append(
                {
                    "x": left + c * cell_w,
                    "y": y,
                    "w": cell_w - 2,
                    "h": cell_h - 2,
                    "css": f"heat-{level}",
                    "title": f"{row_label} {columns[c]}: {value} {unit}",
                }
            )
    for c, label in enumerate(columns):
        if c % 2 == 0:
            svg.texts.append(
                {
                    "x": left + c * cell_w + cell_w / 2 - 1,
                    "y": top + cell_h * len(rows) + 14,
                    "text": label,
                    "anchor": "middle",
                    "css": "axis",
                }
            )
    return svg


# -- ring view --------------------------------------------------------------------------------
RING_SIZE = 560


@dataclass
class RingDrawing:
    size: int
    nodes: list[dict]
    edges: list[dict]


def ring_layout(members, links, *, focus_id: int, url_for, name_of=str) -> RingDrawing:
    """Radial layout: the buyer in the middle, accounts one hop out on the first circle, and so on.

    Each circle is ordered by the angle of the neighbours one hop in, so links rarely cross.
    ``members`` are ``RingMember``s, ``links`` ``RingLink``s; ``url_for(buyer_id)`` links a node,
    ``name_of(buyer)`` labels it (the ring page passes one that masks names).
    """
    size = RING_SIZE
    centre = size / 2
    by_hop: dict[int, list] = {}
    for member in members:
        by_hop.setdefault(member.hops, []).append(member)
    depth = max(by_hop) if by_hop else 0
    neighbours: dict[int, set[int]] = {}
    for link in links:
        neighbours.setdefault(link.a, set()).add(link.b)
        neighbours.setdefault(link.b, set()).add(link.a)
    angle: dict[int, float] = {}
    position: dict[int, tuple[float, float]] = {}
    for hop in sorted(by_hop):
        ring = by_hop[hop]
        if hop == 0:
            for member in ring:
                angle[member.buyer.pk] = 0.0
                position[member.buyer.pk] = (centre, centre)
            continue

        def inner_angle(member, hop=hop):
            seen = [angle[n] for n in neighbours.get(member.buyer.pk, ()) if n in angle]
            return sum(seen) / len(seen) if seen else 0.0

        ring.sort(key=lambda m: (inner_angle(m), m.buyer.pk))
        radius = (size / 2 - 46) * hop / depth
        offset = 0.0 if hop == 1 else math.pi / max(len(ring), 1)
        for i, member in enumerate(ring):
            a = offset + 2 * math.pi * i / len(ring) - math.pi / 2
            angle[member.buyer.pk] = a
            position[member.buyer.pk] = (centre + radius * math.cos(a), centre + radius * math.sin(a))
    nodes = []
    for member in members:
        x, y = position[member.buyer.pk]
        score = member.buyer.credit_score
        # "Low" is the policy's restriction floor, which rescoring already applied to the buyer.
        css = "node-focus" if member.buyer.pk == focus_id else ("node-low" if member.buyer.restricted else "node")
        if member.buyer.restricted:
            css += " node-restricted"
        r = round(10 + min(14, 2.5 * math.sqrt(member.orders or 0)), 1)
        nodes.append(
            {
                "x": round(x, 1),
                "y": round(y, 1),
                "r": r,
                "label_y": round(y + r + 13, 1),
                "css": css,
                "label": name_of(member.buyer)[:8],
                "sub": f"{score}",
                "title": _("%(buyer)s · 信用分 %(score)s · %(orders)s 单")
                % {"buyer": name_of(member.buyer), "score": score, "orders": member.orders},
                "url": url_for(member.buyer.pk),
            }
        )
    edges = [
        {
            "x1": round(position[link.a][0], 1),
            "y1": round(position[link.a][1], 1),
            "x2": round(position[link.b][0], 1),
            "y2": round(position[link.b][1], 1),
            "css": "edge-phone" if "phone" in link.kinds else "edge-address",
            "title": "、".join(link.vias),
        }
        for link in links
        if link.a in position and link.b in position
    ]
    return RingDrawing(size, nodes, edges)
