"""Read hot-list snapshots (CSV or JSON lines) into one tidy frame, in chunks.

Only the columns a window needs are read, a chunk at a time, and ads, pinned items and rows
outside ``--since/--until`` are dropped per chunk, so memory follows the kept rows, not the file.
Bad cells stop the import with one located problem: file, line, column.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, tzinfo
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from planner.errors import InputError, Problem, clip_list
from planner.scenario.yamlio import loads_json
from planner.trends.sources import SourcePreset, resolve_columns
from planner.trends.values import clean_titles, parse_flags, parse_numbers, parse_times

CHUNK_ROWS = 50_000
FRAME_COLUMNS = ("t", "rank", "title", "heat", "category")
MAX_RANK = 1_000_000  # no hot list has more places; a rank beyond is a broken cell


@dataclass(frozen=True)
class ReadOptions:
    source: SourcePreset
    tz: tzinfo
    since: datetime | None = None  # aware; rows before it are skipped
    until: datetime | None = None  # aware; rows at or after it are skipped


@dataclass
class Snapshots:
    """The kept rows (t: Unix seconds, rank, title, heat, category) and what was dropped."""

    rows: pd.DataFrame
    file: str
    read: int = 0
    ads: int = 0
    pinned: int = 0  # pinned or without a rank (the board's fixed top item)
    outside: int = 0

    @property
    def times(self) -> np.ndarray:
        """Distinct snapshot times (sorted), from ranked rows only: an ad stamped at another
        second would otherwise look like a snapshot in which every topic was missing."""
        return np.unique(self.rows["t"].to_numpy())


@dataclass
class _Chunk:
    file: str
    frame: pd.DataFrame  # logical names -> raw cells
    lines: np.ndarray  # the file line of each row
    columns: dict[str, str]  # logical -> column name in the file
    positions: dict[str, int | None]  # logical -> 1-based column number (CSV) or None (JSON)


def read_snapshots(path: str | Path, options: ReadOptions) -> Snapshots:
    """Read every chunk of ``path`` and keep the rows that can make a window."""
    file = str(path)
    target = Path(path)
    if not target.is_file():
        raise InputError(Problem("no such file", file=file))
    chunks = _json_chunks(target, options) if _is_json_lines(target) else _csv_chunks(target, options)
    result = Snapshots(pd.DataFrame(), file)
    kept: list[pd.DataFrame] = []
    for chunk in chunks:
        kept.append(_normalise(chunk, result, options))
    if result.read == 0:
        raise InputError(Problem("no snapshot rows: the file has a header but no data", file=file, line=2))
    rows = pd.concat(kept, ignore_index=True) if kept else pd.DataFrame(columns=list(FRAME_COLUMNS))
    result.rows = rows
    return result


def _is_json_lines(path: Path) -> bool:
    if path.suffix.lower() in {".jsonl", ".ndjson", ".json"}:
        return True
    if path.suffix.lower() in {".csv", ".tsv", ".txt"}:
        return False
    with path.open("rb") as handle:
        return handle.read(64).lstrip().startswith(b"{")


def _csv_chunks(path: Path, options: ReadOptions) -> Iterator[_Chunk]:
    file = str(path)
    try:
        header = pd.read_csv(path, nrows=0, encoding="utf-8-sig").columns.tolist()
    except pd.errors.EmptyDataError:
        raise InputError(Problem("empty file: expected a header row (time, rank, title, heat)", file=file, line=1)) from None
    except UnicodeDecodeError as error:
        raise InputError(Problem(f"not UTF-8 text (byte {error.start})", file=file)) from None
    except pd.errors.ParserError as error:
        raise InputError(Problem(f"unreadable CSV header: {_first_line(error)}", file=file, line=1)) from None
    columns = _columns(header, options.source, file)
    positions: dict[str, int | None] = {k: header.index(v) + 1 for k, v in columns.items()}
    reader = pd.read_csv(
        path, usecols=list(columns.values()), dtype=str, keep_default_na=False, na_values=[""],
        chunksize=CHUNK_ROWS, encoding="utf-8-sig",
    )
    first = 0
    try:
        for raw in reader:
            frame = pd.DataFrame({k: raw[v] for k, v in columns.items()})
            # Line numbers assume one line per row (no line breaks inside quoted cells).
            lines = np.arange(first, first + len(raw)) + 2
            first += len(raw)
            yield _Chunk(file, frame.reset_index(drop=True), lines, columns, positions)
    except (pd.errors.ParserError, UnicodeDecodeError) as error:
        raise InputError(Problem(f"unreadable CSV after line {first + 1}: {_first_line(error)}", file=file)) from None


def _first_line(error: BaseException) -> str:
    text = str(error).strip()
    return text.splitlines()[0] if text else type(error).__name__


def _json_chunks(path: Path, options: ReadOptions) -> Iterator[_Chunk]:
    file = str(path)
    columns: dict[str, str] | None = None
    records: list[dict[str, Any]] = []
    lines: list[int] = []
    number = 0
    with path.open("rb") as handle:
        for number, raw in enumerate(handle, start=1):
            try:
                text = raw.decode("utf-8-sig" if number == 1 else "utf-8")
            except UnicodeDecodeError as error:
                raise InputError(Problem(f"not UTF-8 text (byte {error.start} of the line); save the file as UTF-8",
                                         file=file, line=number)) from None
            if not text.strip():
                continue
            try:
                record = loads_json(text)  # nesting too deep, lone surrogates: JSONDecodeError
            except json.JSONDecodeError as error:
                raise InputError(Problem(f"not valid JSON: {error.msg}", file=file, line=number, column=error.colno)) from None
            if not isinstance(record, dict):
                raise InputError(Problem("each line must be a JSON object", file=file, line=number))
            if columns is None:
                columns = _columns(list(record), options.source, file)
            records.append(record)
            lines.append(number)
            if len(records) >= CHUNK_ROWS:
                yield _json_chunk(file, records, lines, columns)
                records, lines = [], []
    if columns is None:
        raise InputError(Problem("empty file: expected JSON lines with time, rank, title, heat", file=file, line=1))
    if records:
        yield _json_chunk(file, records, lines, columns)


def _json_chunk(file: str, records: list[dict[str, Any]], lines: list[int], columns: dict[str, str]) -> _Chunk:
    frame = pd.DataFrame({k: pd.Series([r.get(v) for r in records], dtype=object) for k, v in columns.items()})
    return _Chunk(file, frame, np.array(lines), columns, dict.fromkeys(columns))


def _columns(header: list[str], source: SourcePreset, file: str) -> dict[str, str]:
    columns, missing = resolve_columns(header, source)
    if missing:
        field = missing[0]
        names = ", ".join(source.candidates(field))
        raise InputError(Problem(
            f"missing column for the {field} (one of: {names}); the header has: {clip_list(header)}",
            file=file, line=1,
        ))
    return columns


def _normalise(chunk: _Chunk, result: Snapshots, options: ReadOptions) -> pd.DataFrame:
    """Parse one chunk's cells, report the first bad one, drop what cannot make a window."""
    raw = chunk.frame
    result.read += len(raw)
    source = options.source
    ad = parse_flags(raw["is_ad"]) if "is_ad" in raw else pd.Series(False, index=raw.index)
    pinned = parse_flags(raw["is_pinned"]) if "is_pinned" in raw else pd.Series(False, index=raw.index)
    rank = parse_numbers(raw["rank"])
    _check(chunk, "rank", raw["rank"].notna() & rank.isna(), "rank {value} is not a number")
    _check(chunk, "rank", rank.notna() & ((rank < 1) | (rank > MAX_RANK) | (rank != rank.round())),
           f"rank {{value}} is not a whole number from 1 to {MAX_RANK}")
    heat = parse_numbers(raw["heat"])
    _check(chunk, "heat", raw["heat"].notna() & heat.isna(), "heat {value} is not a number")
    t = parse_times(raw["time"], options.tz)
    _check(chunk, "time", t.isna(), "cannot read the time {value} (expected ISO 8601 like 2025-01-01T08:00:00+08:00, or Unix seconds)")
    title = clean_titles(raw["title"])
    # The board's pinned top item and ads carry no rank (Weibo); flagged ones go even with one.
    unranked = rank.isna() & ~ad
    organic = ~ad & ~pinned & ~unranked
    _check(chunk, "title", organic & title.isna(), "the title is empty")
    result.ads += int(ad.sum())
    result.pinned += int((~ad & (pinned | unranked)).sum())
    keep = organic.copy()
    if options.since is not None:
        keep &= t >= options.since.timestamp()
    if options.until is not None:
        keep &= t < options.until.timestamp()
    result.outside += int((organic & ~keep).sum())
    if "category" in raw:
        category = raw["category"].astype("string").str.strip().fillna("")
        category = category.mask(category.isin(source.no_category), "")
    else:
        category = pd.Series("", index=raw.index, dtype="string")
    return pd.DataFrame({
        "t": t[keep].astype("int64"),
        "rank": rank[keep],
        "title": title[keep].astype(object),
        "heat": heat[keep].fillna(0.0),
        "category": category[keep].astype(object),
    })


def _check(chunk: _Chunk, field: str, bad: pd.Series, message: str) -> None:
    """Raise one problem for the first bad cell of ``field``, counting the rest."""
    if not bad.any():
        return
    flags = bad.to_numpy()
    first = int(np.argmax(flags))
    count = int(flags.sum())
    value = chunk.frame[field].iloc[first]
    blank = pd.api.types.is_scalar(value) and pd.isna(value)  # a JSON cell may hold a list: not blank
    shown = "(empty)" if blank else repr(str(value))
    more = f"; {count - 1} more bad rows follow" if count > 1 else ""
    raise InputError(Problem(
        message.format(value=shown) + more, file=chunk.file, line=int(chunk.lines[first]),
        column=chunk.positions.get(field), path=chunk.columns[field],
    ))
