"""Helpers the report's renderers share: frames as rows, and the terminal report's tables."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import pandas as pd

from planner.textwidth import clip, pad, table

__all__ = ["clip", "grid", "pad", "rows_of"]  # clip and pad: planner.textwidth's, for report/table.py


def grid(header: Sequence[str], rows: Sequence[Sequence[str]], indent: str = "  ",
         right: Sequence[int] = ()) -> list[str]:
    """Lines of a table, indented under their section's heading; columns in ``right`` are
    right-aligned (numbers)."""
    return table(header, rows, indent=indent, right=right)


def rows_of(frame: pd.DataFrame) -> list[dict[str, Any]]:
    """A frame's rows as plain dicts (what the renderers iterate over)."""
    return [{str(k): v for k, v in row.items()} for row in frame.to_dict(orient="records")]
