"""CSV tables of a score or a comparison, safe to open in a spreadsheet.

A cell a spreadsheet would read as a formula (starting with = + - @, or a tab or carriage return)
gets a leading apostrophe: a topic titled ``=HYPERLINK(...)`` stays text. So does every line inside
a cell (after a ``\r`` or ``\n``): a reader that splits rows at a lone ``\r`` would otherwise start a
row with the formula. Every cell is quoted, so no reader can split a cell at all. Numbers are left
alone.
"""

from __future__ import annotations

import csv
import re

import pandas as pd

from planner.report.json_out import SCORE_TABLES
from planner.scoring.compare import Comparison
from planner.scoring.score import ScoreResult

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


_LINE_STARTS = re.compile(r"(\r\n|\r|\n)(?=[=+\-@\t\r])")


def safe_cell(value: object) -> object:
    """A text cell with an apostrophe before any formula start: at its start and after each line break."""
    if not isinstance(value, str):
        return value
    text = _LINE_STARTS.sub(lambda m: m.group(1) + "'", value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def to_csv(frame: pd.DataFrame, index: bool = False) -> str:
    data = frame.reset_index() if index else frame
    safe = data.map(safe_cell) if len(data) else data
    safe.columns = [str(safe_cell(str(c))) for c in safe.columns]
    return safe.to_csv(index=False, lineterminator="\n", quoting=csv.QUOTE_ALL)


def score_csv(result: ScoreResult) -> dict[str, str]:
    """One CSV per table, by name (``publications``, ``kpis``, ``violations``...)."""
    return {name: to_csv(getattr(result, name)) for name in SCORE_TABLES}


def comparison_csv(comp: Comparison) -> dict[str, str]:
    return {"summary": to_csv(comp.summary), "kpis": to_csv(comp.kpis), "posts": to_csv(comp.posts, index=True),
            "hours": to_csv(comp.hours, index=True), "unscheduled": to_csv(comp.unscheduled),
            "changes": to_csv(comp.changes)}
