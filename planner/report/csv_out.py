"""CSV tables of a score or a comparison, safe to open in a spreadsheet.

A cell a spreadsheet would read as a formula (starting with = + - @, or a tab or carriage return)
gets a leading apostrophe: a topic titled ``=HYPERLINK(...)`` stays text. So does every line inside
a cell (after a ``\r`` or ``\n``): a reader that splits rows at a lone ``\r`` would otherwise start a
row with the formula. Every cell is quoted, so no reader can split a cell at all. Numbers are left
alone.
"""

from __future__ import annotations

import csv
import io
import re
from datetime import date, datetime

import pandas as pd

from planner.report.tables import Table, export_tables
from planner.scoring.compare import Comparison
from planner.scoring.score import ScoreResult

#: Tables of a score kept as data for analysis (English column ids, full precision), after the
#: four shared tables of ``planner.report.tables``.
ANALYSIS_TABLES = ("kpis", "violations", "topics", "trends")

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


def table_csv(table: Table) -> str:
    """A shared table as its XLSX sheet reads: the same headers, times as ``2026-12-09 19:00``."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n", quoting=csv.QUOTE_ALL)
    writer.writerow([safe_cell(h) for h in table.header])
    for row in table.rows:
        writer.writerow([safe_cell(_text(v)) for v in row])
    return out.getvalue()


def _text(value: object) -> object:
    if isinstance(value, datetime):
        return f"{value:%Y-%m-%d %H:%M}"
    if isinstance(value, date):
        return f"{value:%Y-%m-%d}"
    return value


def score_csv(result: ScoreResult, lang: str = "zh") -> dict[str, str]:
    """One CSV per table, by name: ``publications`` (发布计划), ``tasks`` (制作任务), ``workload``
    (成员工作量) and ``unscheduled`` (未排入) as the XLSX sheets have them, then the analysis tables
    (``kpis``, ``violations``, ``topics``, ``trends``)."""
    out = {table.key: table_csv(table) for table in export_tables(result, lang)}
    out.update({name: to_csv(getattr(result, name)) for name in ANALYSIS_TABLES})
    return out


def comparison_csv(comp: Comparison) -> dict[str, str]:
    return {"summary": to_csv(comp.summary), "kpis": to_csv(comp.kpis), "posts": to_csv(comp.posts, index=True),
            "hours": to_csv(comp.hours, index=True), "unscheduled": to_csv(comp.unscheduled),
            "changes": to_csv(comp.changes)}
