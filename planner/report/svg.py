"""Inline SVG charts: bars with p10–p90 whiskers, and the weekday × hour heatmap."""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

import pandas as pd

from planner.report.labels import WEEKDAYS, number, word


def e(text: object) -> str:
    return escape(str(text), quote=True)


def interval_bars(title: str, labels: Sequence[str], values: Sequence[float], lows: Sequence[float],
                  highs: Sequence[float], lang: str, colours: Sequence[str] | None = None,
                  width: int = 380) -> str:
    """Horizontal bars of medians, each with a whisker from p10 to p90."""
    row, left, right, top = 22, 110, 70, 22
    height = top + row * len(labels) + 8
    top_value = max([*highs, *values, 1e-9])
    scale = (width - left - right) / top_value
    parts = [svg_open(width, height, title), f'<text x="0" y="14" font-weight="600">{e(title)}</text>']
    for i, label in enumerate(labels):
        y = top + i * row
        colour = colours[i] if colours else "#60a5fa"
        bar = max(values[i] * scale, 0.5)
        parts.append(f'<text x="{left - 6}" y="{y + 14}" text-anchor="end">{e(label)}</text>')
        parts.append(f'<rect x="{left}" y="{y + 3}" width="{bar:.1f}" height="14" fill="{colour}" opacity="0.8">'
                     f'<title>{e(label)}: {e(number(values[i], lang))} (p10 {e(number(lows[i], lang))}, '
                     f'p90 {e(number(highs[i], lang))})</title></rect>')
        x1, x2 = left + lows[i] * scale, left + highs[i] * scale
        parts.append(f'<line x1="{x1:.1f}" x2="{x2:.1f}" y1="{y + 10}" y2="{y + 10}" stroke="#111" />'
                     f'<line x1="{x1:.1f}" x2="{x1:.1f}" y1="{y + 6}" y2="{y + 14}" stroke="#111" />'
                     f'<line x1="{x2:.1f}" x2="{x2:.1f}" y1="{y + 6}" y2="{y + 14}" stroke="#111" />')
        parts.append(f'<text x="{x2 + 4:.1f}" y="{y + 14}">{e(number(values[i], lang))}</text>')
    parts.append("</svg>")
    return "".join(parts)


def svg_open(width: float, height: float, title: str) -> str:
    """An SVG that keeps its drawn size and scales down (its viewBox) when the page is narrower."""
    return (f'<svg xmlns="http://www.w3.org/2000/svg" width="{width:g}" height="{height:g}" '
            f'viewBox="0 0 {width:g} {height:g}" role="img" aria-label="{e(title)}">')


def heat_colour(share: float) -> str:
    """From pale to deep blue as ``share`` goes 0 -> 1: lightness 96% down to 30%."""
    return f"hsl(217, 80%, {96 - 66 * share:.0f}%)"


def heatmap(title: str, grid: pd.DataFrame, lang: str, marks: set[tuple[int, int]] | None = None) -> str:
    """``grid``: rows weekday 0-6, columns hour 0-23. Darker is better; ``marks`` (weekday, hour) get a dot.
    Under the grid, the scale: five steps from the lowest to the highest value, and what a dot means."""
    cell, left, top = 14, 34, 30
    steps = 5
    width, height = left + 24 * cell + 4, top + 7 * cell + 40
    values = grid.to_numpy(dtype=float)
    low, high = float(values.min()), float(values.max())
    span = high - low if high > low else 1.0
    parts = [svg_open(width, height, title), f'<text x="0" y="12" font-weight="600">{e(title)}</text>']
    for hour in range(0, 24, 3):
        parts.append(f'<text x="{left + hour * cell}" y="{top - 4}">{hour:02d}</text>')
    names = WEEKDAYS["zh" if lang == "zh" else "en"]
    for day in range(7):
        y = top + day * cell
        parts.append(f'<text x="0" y="{y + 11}">{e(names[day])}</text>')
        for hour in range(24):
            colour = heat_colour((values[day, hour] - low) / span)
            parts.append(f'<rect x="{left + hour * cell}" y="{y}" width="{cell - 1}" height="{cell - 1}" '
                         f'fill="{colour}"><title>{e(names[day])} {hour:02d}:00 — '
                         f'{e(number(values[day, hour], lang))}</title></rect>')
            if marks and (day, hour) in marks:
                parts.append(f'<circle cx="{left + hour * cell + cell / 2 - 0.5}" cy="{y + cell / 2 - 0.5}" r="2.5" '
                             f'fill="#f97316" />')
    y = top + 7 * cell + 12
    parts.append(f'<text x="0" y="{y + 10}">{e(word("scale", lang))}</text>'
                 f'<text x="{left}" y="{y + 24}">{e(word("low", lang))} {e(number(low, lang))}</text>')
    for i in range(steps):
        parts.append(f'<rect x="{left + i * 2 * cell}" y="{y}" width="{2 * cell - 1}" height="{cell - 3}" '
                     f'fill="{heat_colour(i / (steps - 1))}" />')
    right = left + steps * 2 * cell
    parts.append(f'<text x="{right - 2}" y="{y + 24}" text-anchor="end">{e(word("high", lang))} '
                 f'{e(number(high, lang))}</text>'
                 f'<circle cx="{right + 12}" cy="{y + 5}" r="3" fill="#f97316" />'
                 f'<text x="{right + 20}" y="{y + 9}">{e(word("planned_post", lang))}</text>')
    parts.append("</svg>")
    return "".join(parts)
