"""XLSX workbooks: the tables of ``planner.report.tables`` as sheets with real dates, what teams
share. Text is always stored as text: a title starting with ``=`` never becomes a formula (no
apostrophe needed, unlike CSV, so the cell reads exactly as the scenario wrote it)."""

from __future__ import annotations

import io
from collections.abc import Sequence
from datetime import date, datetime
from typing import Any

import pandas as pd
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from planner.report.tables import Table, local
from planner.scoring.compare import Comparison
from planner.textwidth import width

DATETIME_FORMAT = "yyyy-mm-dd hh:mm"
DATE_FORMAT = "yyyy-mm-dd"
MAX_COLUMN_WIDTH = 60  # characters; longer text (reasons) wraps


def workbook(tables: Sequence[Table]) -> bytes:
    """One sheet per table, in order: bold frozen header, a filter on it, columns as wide as their text."""
    book = Workbook()
    book.remove(book.active)
    for table in tables:
        sheet = book.create_sheet(_sheet_name(table.title))
        sheet.append(table.header)
        for row in table.rows:
            sheet.append([_plain(v) for v in row])
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        for column, fmt in [*[(c, DATETIME_FORMAT) for c in table.times], *[(c, DATE_FORMAT) for c in table.dates]]:
            for (cell,) in sheet.iter_rows(min_row=2, min_col=column + 1, max_col=column + 1):
                cell.number_format = fmt
        for row in sheet.iter_rows(min_row=2):
            for cell in row:
                if isinstance(cell.value, str):
                    cell.data_type = "s"  # "=..." stays text, never a formula
        _fit_columns(sheet, table)
        sheet.freeze_panes = "A2"
        if table.rows:
            sheet.auto_filter.ref = sheet.dimensions
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def comparison_workbook(comp: Comparison) -> bytes:
    """A what-if comparison: one sheet per table of the comparison (as its CSV has them)."""
    frames = {"summary": comp.summary, "kpis": comp.kpis, "posts": comp.posts.reset_index(),
              "hours": comp.hours.reset_index(), "unscheduled": comp.unscheduled, "changes": comp.changes}
    return workbook([_frame_table(name, frame) for name, frame in frames.items()])


def _frame_table(name: str, frame: pd.DataFrame) -> Table:
    rows = [[_cell(v) for v in row] for row in frame.itertuples(index=False)]
    times = tuple(i for i, column in enumerate(frame.columns)
                  if any(isinstance(row[i], datetime) for row in rows))
    return Table(name, name, [str(c) for c in frame.columns], rows, times=times)


def _cell(value: Any) -> Any:
    if isinstance(value, datetime):
        return local(value)
    if isinstance(value, float) and value != value:
        return None
    if hasattr(value, "item"):  # numpy scalars
        return value.item()
    return value


def _plain(value: Any) -> Any:
    if isinstance(value, str):
        return ILLEGAL_CHARACTERS_RE.sub("", value)  # control characters a workbook cannot hold
    return value


def _sheet_name(title: str) -> str:
    """Excel's limits: 31 characters, none of []:*?/\\."""
    return "".join("_" if ch in "[]:*?/\\" else ch for ch in title)[:31] or "sheet"


def _fit_columns(sheet: Any, table: Table) -> None:
    for index, head in enumerate(table.header):
        if index in table.times:
            chars = 17
        elif index in table.dates:
            chars = 11
        else:
            cells = [head, *[row[index] for row in table.rows[:500]]]
            chars = max(width(str(c)) if not isinstance(c, date) else 10 for c in cells)
        column = sheet.column_dimensions[get_column_letter(index + 1)]
        column.width = min(chars + 2, MAX_COLUMN_WIDTH)
        if chars > MAX_COLUMN_WIDTH:
            for (cell,) in sheet.iter_rows(min_row=2, min_col=index + 1, max_col=index + 1):
                cell.alignment = Alignment(wrap_text=True, vertical="top")
