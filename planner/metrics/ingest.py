"""History import: a platform export (CSV, XLSX, Parquet) → the canonical history frame + a report.

Rows that cannot be used are dropped and listed with their row number and reason; cells that
are merely blank stay blank. A file with no usable row is an error.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import numpy as np
import pandas as pd

from planner.domain.vocab import FORMAT_ALIASES, FORMATS, PLATFORM_ALIASES, PLATFORMS, canonical
from planner.errors import InputError, Problem, clip_list
from planner.metrics.fields import COLUMNS, FIELDS
from planner.metrics.mapping import ColumnMap
from planner.metrics.numbers import parse_column, parse_duration, parse_flag, parse_number, parse_rate
from planner.metrics.presets import PRESETS, Preset, detect_preset, match_columns, normalise_header
from planner.metrics.reader import RawTable, read_table
from planner.metrics.times import parse_time, parse_times

DEFAULT_TZ = "Asia/Shanghai"
SUMMARY_WORDS = frozenset({"合计", "总计", "汇总", "total", "sum", "平均", "平均值", "average"})
PARSERS = {"count": parse_number, "number": parse_number, "rate": parse_rate, "duration": parse_duration,
           "flag": parse_flag}


@dataclass(frozen=True)
class DroppedRow:
    row: int
    reason: str


@dataclass
class ImportReport:
    """What the import did: where each field came from and which rows it dropped, and why."""

    file: str
    preset: str | None
    encoding: str | None
    header_row: int
    columns: dict[str, str]
    timezone: str = DEFAULT_TZ
    rows_read: int = 0
    dropped: list[DroppedRow] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def rows_used(self) -> int:
        return self.rows_read - len(self.dropped)

    def lines(self, limit: int = 20) -> list[str]:
        """The report as an operator reads it: rows dropped for the same reason share a line."""
        how = f"preset {self.preset}" if self.preset else "column mapping"
        enc = f", {self.encoding}" if self.encoding else ""
        out = [f"{self.file}: {self.rows_used} of {self.rows_read} rows used ({how}{enc}, header on row {self.header_row})"]
        if self.dropped:
            out.append(f"dropped {len(self.dropped)} row{'s' if len(self.dropped) > 1 else ''}:")
            by_reason: dict[str, list[int]] = {}
            for d in self.dropped:
                by_reason.setdefault(d.reason, []).append(d.row)
            for reason, rows in list(by_reason.items())[:limit]:
                label = "row" if len(rows) == 1 else f"rows ({len(rows)})"
                out.append(f"  {label} {_ranges(rows)}: {reason}")
            if len(by_reason) > limit:
                out.append(f"  ... and {len(by_reason) - limit} more reasons")
        out += [f"note: {n}" for n in self.notes]
        return out


def _ranges(rows: list[int], limit: int = 8) -> str:
    """[2, 3, 4, 9] → "2-4, 9" (at most ``limit`` pieces)."""
    pieces: list[str] = []
    start = prev = rows[0]
    for row in [*rows[1:], None]:
        if row is not None and row == prev + 1:
            prev = row
            continue
        pieces.append(str(start) if start == prev else f"{start}-{prev}")
        if row is not None:
            start = prev = row
    more = f", ... ({len(pieces) - limit} more)" if len(pieces) > limit else ""
    return ", ".join(pieces[:limit]) + more


@dataclass
class ImportResult:
    frame: pd.DataFrame
    report: ImportReport


def _resolve(table: RawTable, preset: Preset | None, mapping: ColumnMap | None, file: str) -> dict[str, str]:
    headers = list(table.cells.columns)
    found = match_columns(preset, headers) if preset else {}
    if mapping:
        by_norm = {normalise_header(h): h for h in headers}
        problems = []
        for name, header in mapping.columns.items():
            actual = header if header in headers else by_norm.get(normalise_header(header))
            if actual is None:
                problems.append(Problem(f"mapping names column '{header}' for {name}, but {file} has no such column "
                                        f"(columns: {clip_list(headers)})", file=mapping.source or file, path=name))
            else:
                found = {k: v for k, v in found.items() if v != actual}
                found[name] = actual
        if problems:
            raise InputError(problems)
    return found


def import_history(
    path: str | Path,
    *,
    preset: str | None = None,
    mapping: ColumnMap | None = None,
    timezone: str = DEFAULT_TZ,
    observed_at: str | None = None,
    local_tz: str | None = None,
) -> ImportResult:
    """Import one history file. ``preset`` names an export layout (see ``PRESETS``); without a
    preset or mapping the layout is detected from the headers. ``mapping`` overrides the preset.
    ``observed_at`` is when the counts were read, for exports that do not say. ``timezone`` is the
    file's zone (of times written without an offset); ``local_tz`` the zone the account lives in,
    whose clock gives a post's hour and weekday (default: the file's zone).
    """
    file = str(path)
    for zone, option in ((local_tz or timezone, "--tz"), (timezone, "--source-tz")):
        try:
            ZoneInfo(zone)
        except (ZoneInfoNotFoundError, ValueError):
            raise InputError(Problem(f"unknown time zone '{zone}'", path=option)) from None
    chosen: Preset | None = None
    if preset is not None:
        chosen = PRESETS.get(preset)
        if chosen is None:
            from planner.domain.vocab import suggest

            raise InputError(Problem(f"unknown preset '{preset}'{suggest(preset, list(PRESETS))}; presets: "
                                     + ", ".join(PRESETS), file=file))

    def score(names: list[str]) -> int:
        candidates = [chosen] if chosen else list(PRESETS.values())
        best = max(len(match_columns(p, names)) for p in candidates)
        if mapping:
            norm = {normalise_header(n) for n in names}
            best += sum(normalise_header(h) in norm for h in mapping.columns.values())
        return best

    table = read_table(path, score)
    headers = list(table.cells.columns)
    mapped = mapping is not None and "published_at" in mapping.columns and "views" in mapping.columns
    if chosen is None and not mapped:
        chosen = detect_preset(headers)
    # No layout has both a publish time and views: keep what the closest one recognises, so the
    # error names only what is really missing (and a mapping may supply just that).
    closest = chosen if chosen or mapped else max(PRESETS.values(), key=lambda p: len(match_columns(p, headers)))
    columns = _resolve(table, closest, mapping, file)
    constants = dict(mapping.constants) if mapping else {}
    if observed_at is not None:
        constants["observed_at"] = observed_at
    report = ImportReport(file, chosen.name if chosen else None, table.encoding, table.header_row,
                          {**columns, **{k: f"={v}" for k, v in constants.items()}}, timezone)
    missing = [n for n in ("published_at", "views") if n not in columns]
    if missing:
        names = {"published_at": "publish time, e.g. 发布时间", "views": "plays or views, e.g. 播放量"}
        seen = ", ".join(f"{k} ← '{v}'" for k, v in columns.items()) or "none"
        raise InputError(Problem(
            "no column for " + " and ".join(f"{m} ({names[m]})" for m in missing)
            + f"; columns are: {clip_list(headers)}; recognised: {seen}. Pick a --preset (" + ", ".join(PRESETS)
            + ") or map the columns with --map FILE, a YAML file of 'field: header' lines (e.g. "
            + ", ".join(f"{m}: {_guess(m, headers, columns)}" for m in missing)
            + "); planner fit --help lists every field", file=file))
    frame, reasons = _parse(table, columns, chosen, timezone)
    _apply_constants(frame, constants, chosen, path, timezone, report)
    _check_rows(frame, reasons, columns)
    _drop_duplicates(table, columns, reasons)
    keep = reasons == ""
    report.rows_read = len(frame)
    report.dropped = [DroppedRow(int(r), reason) for r, reason in zip(table.rows[~keep], reasons[~keep], strict=True)]
    frame = frame[keep].reset_index(drop=True)
    if frame.empty:
        first = f" (first: row {report.dropped[0].row}: {report.dropped[0].reason})" if report.dropped else ""
        raise InputError(Problem(f"no usable rows: {report.rows_read} rows read, none usable{first}", file=file))
    _finish(frame, report)
    if local_tz and local_tz != timezone:
        for name in ("published_at", "observed_at"):
            frame[name] = pd.to_datetime(frame[name], utc=True).dt.tz_convert(local_tz)
        report.notes.append(f"times read in {timezone} where the file gives no offset; hours and weekdays "
                            f"in {local_tz}")
    return ImportResult(frame[list(COLUMNS)], report)


def _guess(field: str, headers: list[str], taken: dict[str, str]) -> str:
    """A header the user might mean for ``field`` (a time-like or count-like one), for the example."""
    hints = ("time", "date", "时间", "日期", "created", "posted") if field == "published_at" else (
        "view", "play", "播放", "观看", "阅读")
    used = set(taken.values())
    for header in headers:
        if header not in used and any(h in str(header).lower() for h in hints):
            return str(header)
    return "<your header>"


def _parse(table: RawTable, columns: dict[str, str], preset: Preset | None,
           tz: str) -> tuple[pd.DataFrame, pd.Series]:
    cells = table.cells
    n = len(cells)
    frame = pd.DataFrame({"row": table.rows.to_numpy()})
    reasons = pd.Series([""] * n, dtype=object)
    first_cell = cells.iloc[:, 0].map(lambda v: normalise_header(v) if v is not None else "")
    reasons[first_cell.isin(SUMMARY_WORDS)] = "summary row (合计/总计), not a post"

    def add(mask: pd.Series, text: pd.Series | str) -> None:
        nonlocal reasons
        extra = text if isinstance(text, pd.Series) else pd.Series(text, index=reasons.index)
        reasons = reasons.where(~mask | (reasons != ""), extra)

    for name, spec in FIELDS.items():
        header = columns.get(name)
        if header is None:
            if spec.kind == "time":
                frame[name] = pd.Series(pd.NaT, index=frame.index, dtype=f"datetime64[us, {tz}]")
            else:
                frame[name] = "" if spec.kind == "text" else np.nan
            continue
        raw = cells[header]
        values = preset.values.get(name) if preset else None
        if values:
            raw = raw.map(lambda v, m=values: m.get(str(v).strip(), v))
        if spec.kind == "text":
            frame[name] = raw.map(lambda v: "" if v is None or (isinstance(v, float) and np.isnan(v)) else str(v).strip())
            continue
        if spec.kind == "time":
            parsed, bad = parse_times(raw, tz)
        else:
            parsed, bad = parse_column(raw, PARSERS[spec.kind])
        frame[name] = parsed.set_axis(frame.index)
        add(bad != "", f"{header}: " + bad)
    return frame, reasons


def _apply_constants(frame: pd.DataFrame, constants: dict[str, str], preset: Preset | None, path: str | Path,
                     tz: str, report: ImportReport) -> None:
    for name, value in constants.items():
        kind = FIELDS[name].kind
        try:
            if kind == "time":
                frame[name] = parse_time(value, tz)
            elif kind == "count":
                frame[name] = parse_number(value)
            else:
                frame[name] = value
        except ValueError as error:
            raise InputError(Problem(f"{name}: {error}", file=report.file)) from None
    if not (frame["platform"] != "").any():
        if preset is None or preset.platform is None:
            raise InputError(Problem("no platform: map a platform column or a constant (platform: =douyin), "
                                     "or pick a --preset", file=report.file))
        frame["platform"] = preset.platform
    if not (frame["account"] != "").any():
        names = frame["account_name"]
        if (names != "").any():
            frame["account"] = names
        else:
            frame["account"] = Path(path).stem
            report.notes.append(f"no account column: every post counted for account '{Path(path).stem}' "
                                "(the file name); map account: =ID to name it")


def _platform(value: str) -> str | None:
    return canonical(value, PLATFORMS, PLATFORM_ALIASES)


def _check_rows(frame: pd.DataFrame, reasons: pd.Series, columns: dict[str, str]) -> None:
    def add(mask: pd.Series, text: str | pd.Series) -> None:
        extra = text if isinstance(text, pd.Series) else pd.Series(text, index=reasons.index)
        reasons.where(~mask | (reasons != ""), extra, inplace=True)

    add(frame["published_at"].isna(), f"{columns['published_at']} is blank")
    add(frame["views"].isna(), f"{columns['views']} is blank")
    platform = frame["platform"].map(_platform)
    add(platform.isna(), "unknown platform '" + frame["platform"].astype(str) + "'")
    frame["platform"] = platform
    for name in ("views", "likes", "comments", "shares", "saves", "coins", "followers", "conversions", "duration_s"):
        if name in columns:
            add(frame[name] < 0, f"{columns[name]} is negative")
    engaged = frame[["likes", "comments", "shares", "saves"]].fillna(0).max(axis=1)
    add((frame["views"] == 0) & (engaged > 0), f"{columns['views']} is 0 but the post has likes or comments: counts look missing")
    add(frame["views"] == 0, f"{columns['views']} is 0: the post was not shown yet, or the count is missing")
    if "observed_at" in frame:
        early = frame["observed_at"].notna() & (frame["observed_at"] < frame["published_at"])
        add(early, "counts read before the post was published")


def _drop_duplicates(table: RawTable, columns: dict[str, str], reasons: pd.Series) -> None:
    used = list(dict.fromkeys(columns.values()))
    keys = pd.util.hash_pandas_object(table.cells[used].astype(str), index=False)
    first_row = pd.Series(table.rows.to_numpy(), index=keys.index).groupby(keys).transform("first")
    duplicate = keys.duplicated(keep="first") & (reasons == "")
    reasons.where(~duplicate, "duplicate of row " + first_row.astype(str), inplace=True)


def _finish(frame: pd.DataFrame, report: ImportReport) -> None:
    """Derived fields: post ids, ages, orientation, formats; notes for what is missing."""
    if (frame["post_id"] == "").all():
        frame["post_id"] = "row" + frame["row"].astype(str)
    observed = frame["observed_at"]
    if observed.notna().any():
        frame["observed_at"] = observed = pd.to_datetime(observed, utc=True).dt.tz_convert(report.timezone)
        frame["age_h"] = (observed - pd.to_datetime(frame["published_at"], utc=True)).dt.total_seconds() / 3600
    else:
        frame["observed_at"] = pd.NaT
        frame["age_h"] = np.nan
        report.notes.append("no observation time (数据更新时间): post ages unknown, counts used as exported; "
                            "give --observed-at to bring them to a common age")
    sized = frame["width"].notna() & frame["height"].notna() & frame["vertical"].isna()
    frame.loc[sized, "vertical"] = (frame.loc[sized, "height"] > frame.loc[sized, "width"]).astype(float)
    fmt = frame["format"].map(lambda v: v if v in FORMATS else FORMAT_ALIASES.get(v, FORMAT_ALIASES.get(v.lower(), "")))
    unknown = sorted(set(frame.loc[(fmt == "") & (frame["format"] != ""), "format"]))
    if unknown:
        report.notes.append(f"format not one of {', '.join(FORMATS)} (left blank): {', '.join(unknown[:5])}")
    frame["format"] = fmt
    if frame["saves"].isna().all() and frame["coins"].notna().any():
        frame["saves"] = frame["coins"]
        report.notes.append("no 收藏 column: coins (投币) stand in for saves")
    absent = [n for n in ("likes", "comments", "shares", "saves", "completion", "follower_gain", "conversions")
              if frame[n].isna().all()]
    if absent:
        report.notes.append("not in this file: " + ", ".join(absent))
    frame["trend_linked"] = frame["trend_linked"].astype(float)
