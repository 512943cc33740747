"""Read a CSV, XLSX or Parquet file into raw cells, keeping each row's number in the file.

CSV text may be UTF-8 (with or without a BOM) or GBK/GB18030, the two encodings Chinese
exports come in. Exports often put a title or a note above the header; the header is the first
of the top rows that names known fields.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from planner.errors import InputError, Problem, clip_list
from planner.textio import check_size, decode

HEADER_SEARCH_ROWS = 10
MAX_FILE_BYTES = 500 * 1024 * 1024


@dataclass
class RawTable:
    """Cells as read (strings for CSV, typed values for XLSX/Parquet) under the file's headers."""

    cells: pd.DataFrame
    rows: pd.Series  # the row number a user sees in the file (header = its own row number)
    header_row: int
    encoding: str | None
    sheet: str | None = None  # the XLSX sheet read (None for CSV and Parquet)


def _read_grid(path: Path, file: str, sheet: str | int = 0) -> tuple[pd.DataFrame, str | None, str | None]:
    """All cells without a header (header detection comes next), the encoding and the sheet's name."""
    suffix = path.suffix.lower()
    if suffix in (".xlsx", ".xlsm"):
        try:
            with pd.ExcelFile(path, engine="openpyxl") as book:
                sheets = [str(n) for n in book.sheet_names]
                if isinstance(sheet, str) and sheet not in sheets:
                    raise InputError(Problem(f"no sheet '{sheet}' (sheets: {clip_list(sheets)})", file=file))
                if isinstance(sheet, int) and not 0 <= sheet < len(sheets):
                    raise InputError(Problem(f"no sheet number {sheet} (sheets: {clip_list(sheets)})", file=file))
                name = sheet if isinstance(sheet, str) else sheets[sheet]
                return pd.read_excel(book, sheet_name=name, header=None, dtype=object), None, name
        except InputError:
            raise
        except Exception as error:  # a damaged archive raises a dozen unrelated types (zipfile, zlib, KeyError...)
            raise InputError(Problem(f"cannot read as XLSX: {_first_line(error)}", file=file)) from None
    try:
        if suffix == ".parquet":
            frame = pd.read_parquet(path)
            names = pd.DataFrame([list(frame.columns)], dtype=object)
            cells = pd.DataFrame(frame.astype(object).to_numpy())
            return pd.concat([names, cells], ignore_index=True), None, None
        decoded = decode(path.read_bytes(), file)
        return _csv_grid(decoded.text), decoded.encoding, None
    except InputError:
        raise
    except (ValueError, OSError, ImportError, pd.errors.ParserError) as error:
        kind = "Parquet" if suffix == ".parquet" else "CSV"
        raise InputError(Problem(f"cannot read as {kind}: {_first_line(error)}", file=file)) from None


def _first_line(error: BaseException) -> str:
    """The first line of an error's text (a library's message may run on), or its type's name."""
    text = str(error).strip()
    return text.splitlines()[0] if text else type(error).__name__


def _csv_grid(text: str) -> pd.DataFrame:
    # The csv module copes with ragged rows (a title line above the header) that pandas refuses.
    # The delimiter is the one the top lines (the header among them) use most.
    top = text[:20000].splitlines()[:HEADER_SEARCH_ROWS]
    delimiter = max((",", "\t", ";"), key=lambda d: max((line.count(d) for line in top), default=0))
    records = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    width = max((len(r) for r in records), default=0)
    return pd.DataFrame([r + [""] * (width - len(r)) for r in records], dtype=object)


def read_table(path: str | Path, score_header: Callable[[list[str]], int], sheet: str | int = 0) -> RawTable:
    """Read ``path`` (of an XLSX, the ``sheet`` named or numbered); the header is the top row that
    ``score_header`` likes best."""
    target = Path(path)
    file = str(path)
    if not target.is_file():
        raise InputError(Problem("no such file", file=file))
    check_size(target, MAX_FILE_BYTES, file)
    grid, encoding, sheet_name = _read_grid(target, file, sheet)
    if grid.empty:
        raise InputError(Problem("the file is empty", file=file))
    best, best_score = 0, -1
    for i in range(min(HEADER_SEARCH_ROWS, len(grid))):
        names = [str(v).strip() for v in grid.iloc[i].tolist() if _filled(v)]
        score = score_header(names)
        if score > best_score:
            best, best_score = i, score
    headers = [str(v).strip() if _filled(v) else f"column {j + 1}" for j, v in enumerate(grid.iloc[best].tolist())]
    cells = grid.iloc[best + 1:].copy()
    cells.columns = pd.Index(_unique(headers))
    rows = pd.Series(range(best + 2, best + 2 + len(cells)), index=cells.index)
    # Wholly empty rows (spacers, trailing lines) are not posts and not errors either.
    text = cells.astype(str).apply(lambda col: col.str.strip())
    filled = (cells.notna() & ~text.isin(["", "nan", "None", "NaT"])).any(axis=1)
    return RawTable(cells[filled].reset_index(drop=True), rows[filled].reset_index(drop=True), best + 1, encoding, sheet_name)


def _filled(value: object) -> bool:
    if value is None:
        return False
    if isinstance(value, float) and value != value:
        return False
    return str(value).strip() != ""


def _unique(headers: list[str]) -> list[str]:
    seen: dict[str, int] = {}
    out = []
    for header in headers:
        count = seen.get(header, 0)
        seen[header] = count + 1
        out.append(header if count == 0 else f"{header} ({count + 1})")
    return out
