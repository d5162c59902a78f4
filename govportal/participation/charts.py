"""Server-rendered SVG charts (bar, pie) for results — no JavaScript, no CDN. Every chart is
an image with a text alternative (role="img", <title>) and the page shows a table of the same
numbers beside it (WCAG 1.1.1, 1.4.1: the colours are never the only carrier)."""

from __future__ import annotations

import math
from collections.abc import Sequence

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

# Colours with at least 3:1 contrast against white (WCAG 1.4.11).
PALETTE = ("#1f5fa8", "#b3261e", "#2e7d32", "#8a4b00", "#6a1b9a", "#00695c", "#5d4037", "#37474f")


def bar(rows: Sequence[tuple[str, float]], *, title: str, unit: str = "") -> SafeString:
    """Horizontal bars: [(label, value)]."""
    width, label_w, bar_h, gap = 560, 180, 22, 10
    height = len(rows) * (bar_h + gap) + gap
    top = max((v for _, v in rows), default=0) or 1
    parts = [
        f'<svg class="chart chart-bar" role="img" viewBox="0 0 {width} {height}" width="100%" '
        f'preserveAspectRatio="xMinYMin meet" xmlns="http://www.w3.org/2000/svg"><title>{escape(title)}</title>'
    ]
    for i, (label, value) in enumerate(rows):
        y = gap + i * (bar_h + gap)
        w = (width - label_w - 70) * (value / top)
        short = label if len(label) <= 12 else label[:11] + "…"
        shown = f"{value:g}{unit}"
        parts.append(
            f'<text x="{label_w - 6}" y="{y + bar_h * 0.72:.1f}" text-anchor="end" font-size="13" fill="#222">{escape(short)}</text>'
            f'<rect x="{label_w}" y="{y}" width="{max(w, 1):.1f}" height="{bar_h}" fill="{PALETTE[i % len(PALETTE)]}"/>'
            f'<text x="{label_w + max(w, 1) + 6:.1f}" y="{y + bar_h * 0.72:.1f}" font-size="13" fill="#222">{escape(shown)}</text>'
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 — every text above is escaped


def pie(rows: Sequence[tuple[str, float]], *, title: str) -> SafeString:
    """A pie with a legend: [(label, value)]."""
    size, r = 220, 100
    cx = cy = size / 2
    total = sum(v for _, v in rows)
    legend_h = len(rows) * 22 + 10
    height = max(size, legend_h)
    parts = [
        f'<svg class="chart chart-pie" role="img" viewBox="0 0 {size + 260} {height}" width="100%" '
        f'preserveAspectRatio="xMinYMin meet" xmlns="http://www.w3.org/2000/svg"><title>{escape(title)}</title>'
    ]
    if total <= 0:
        parts.append(f'<circle cx="{cx}" cy="{cy}" r="{r}" fill="#eee"/>')
    else:
        angle = -math.pi / 2
        for i, (_, value) in enumerate(rows):
            if value <= 0:
                continue
            colour = PALETTE[i % len(PALETTE)]
            if value >= total:
                parts.append(f'<circle cx="{cx}" cy="{cy}" r="{r}" fill="{colour}"/>')
                break
            end = angle + 2 * math.pi * value / total
            large = 1 if end - angle > math.pi else 0
            x1, y1 = cx + r * math.cos(angle), cy + r * math.sin(angle)
            x2, y2 = cx + r * math.cos(end), cy + r * math.sin(end)
            parts.append(
                f'<path d="M{cx},{cy} L{x1:.2f},{y1:.2f} A{r},{r} 0 {large} 1 {x2:.2f},{y2:.2f} Z" '
                f'fill="{colour}" stroke="#fff" stroke-width="1"/>'
            )
            angle = end
    for i, (label, value) in enumerate(rows):
        y = 10 + i * 22
        share = f"{value / total * 100:.1f}%" if total else "0%"
        short = label if len(label) <= 14 else label[:13] + "…"
        parts.append(
            f'<rect x="{size + 10}" y="{y}" width="14" height="14" fill="{PALETTE[i % len(PALETTE)]}"/>'
            f'<text x="{size + 30}" y="{y + 12}" font-size="13" fill="#222">{escape(short)} {share}</text>'
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 — every text above is escaped
