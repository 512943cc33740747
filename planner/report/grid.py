"""Plain-text tables that stay aligned with Chinese text (wide characters take two columns)."""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from typing import Any

import pandas as pd


def width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1 for ch in text)


def pad(text: str, size: int, right: bool = False) -> str:
    fill = " " * max(0, size - width(text))
    return fill + text if right else text + fill


def clip(text: str, size: int) -> str:
    """At most ``size`` columns, with an ellipsis when cut."""
    if width(text) <= size:
        return text
    out = ""
    for ch in text:
        if width(out + ch) > size - 1:
            break
        out += ch
    return out + "…"


def grid(header: Sequence[str], rows: Sequence[Sequence[str]], indent: str = "  ",
         right: Sequence[int] = ()) -> list[str]:
    """Lines of a table; columns in ``right`` are right-aligned (numbers)."""
    sizes = [max([width(h)] + [width(r[i]) for r in rows]) for i, h in enumerate(header)]
    lines = []
    for row in [list(header), *rows]:
        cells = [pad(c, sizes[i], right=i in right) for i, c in enumerate(row)]
        lines.append((indent + "  ".join(cells)).rstrip())
    return lines


def rows_of(frame: pd.DataFrame) -> list[dict[str, Any]]:
    """A frame's rows as plain dicts (what the renderers iterate over)."""
    return [{str(k): v for k, v in row.items()} for row in frame.to_dict(orient="records")]
