"""Plain-text tables that stay aligned with Chinese text.

A terminal gives East Asian wide and full-width characters (汉字, full-width punctuation) two
columns and everything else one, so ``len`` misaligns any table with a Chinese name in it.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence


def width(text: str) -> int:
    """Display width in terminal columns: wide (W) and full-width (F) characters take two."""
    return sum(2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1 for ch in text)


def pad(text: str, size: int, right: bool = False) -> str:
    """``text`` filled with spaces to ``size`` columns (on the left when ``right``)."""
    fill = " " * max(0, size - width(text))
    return fill + text if right else text + fill


def clip(text: str, size: int) -> str:
    """At most ``size`` columns, the cut marked with an ellipsis."""
    if width(text) <= size:
        return text
    out, used = "", 0
    for ch in text:
        step = width(ch)
        if used + step > size - 1:
            break
        out += ch
        used += step
    return out + "…"


def table(header: Sequence[str], rows: Sequence[Sequence[str]], *, indent: str = "",
          right: Sequence[int] = (), rule: bool = False) -> list[str]:
    """Lines of a table: columns two spaces apart, those at indexes ``right`` right-aligned
    (numbers); ``rule`` puts a line of dashes under the header."""
    sizes = [max([width(h), *(width(r[i]) for r in rows)]) for i, h in enumerate(header)]
    lines = []
    body = [["-" * s for s in sizes]] if rule else []
    for row in [list(header), *body, *rows]:
        cells = [pad(c, sizes[i], right=i in right) for i, c in enumerate(row)]
        lines.append((indent + "  ".join(cells)).rstrip())
    return lines
