"""Times as exported data writes them (history exports, hot-list snapshots), read into one time zone.

The one reader of a column of times: a cell may be ISO text with or without an offset, a
spreadsheet or Chinese spelling, an Excel date or serial day, or Unix seconds or milliseconds.
A single time a person types (a calendar cell, a ``--since``) is read by ``planner.moments``.
"""

from __future__ import annotations

import math
import re
from datetime import date, datetime, tzinfo

import numpy as np
import pandas as pd

from planner.metrics.numbers import BLANKS

_CHINESE = re.compile(r"(\d{4})年(\d{1,2})月(\d{1,2})日?")
_EXCEL_EPOCH = pd.Timestamp("1899-12-30")
# An offset cut short ("+08:0"): pandas would read it as some offset; the cell is unreadable instead.
_CUT_OFFSET = re.compile(r"\d:\d{2}(?::\d{2}(?:\.\d+)?)?[+-](?!\d{2}(?::?\d{2})?$)[\d:]*$")


def parse_time(value: object, tz: str | tzinfo) -> pd.Timestamp | None:
    """One cell as an aware timestamp in ``tz``; naive values are read as ``tz`` local time.

    Accepts ISO text ("2024-01-05 18:30", with or without an offset), "2024/1/5 18:30",
    "2024年1月5日 18:30", Excel dates and serial numbers, and Unix seconds or milliseconds.
    """
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    if isinstance(value, datetime | date | pd.Timestamp | np.datetime64):
        stamp = pd.Timestamp(value)
    elif isinstance(value, int | float | np.integer | np.floating) and not isinstance(value, bool):
        stamp = _from_number(float(value))
    else:
        text = str(value).strip()
        if text.lower() in BLANKS:
            return None
        if re.fullmatch(r"\d+(\.\d+)?", text):
            stamp = _from_number(float(text))
        else:
            text = _CHINESE.sub(r"\1-\2-\3 ", text).replace("时", ":").replace("分", "").strip()
            if _CUT_OFFSET.search(text):
                raise ValueError(f"'{value}' has an offset cut short (write it as +08:00)")
            try:
                stamp = pd.Timestamp(text)
            except (ValueError, OverflowError):
                raise ValueError(f"'{value}' is not a date and time") from None
    if stamp is pd.NaT or pd.isna(stamp):
        raise ValueError(f"'{value}' is not a date and time")
    if not 2000 <= stamp.year <= 2100:
        raise ValueError(f"'{value}' is not a plausible date")
    if stamp.tzinfo is not None:
        return stamp.tz_convert(tz)
    local = stamp.tz_localize(tz, ambiguous="NaT", nonexistent="NaT")
    if not isinstance(local, pd.Timestamp):  # NaT
        raise ValueError(f"'{value}' is skipped or repeated by a clock change in {tz}; write its offset")
    return local


def _from_number(number: float) -> pd.Timestamp:
    if number > 1e11:  # Unix milliseconds
        return pd.Timestamp(number, unit="ms", tz="UTC")
    if number > 1e8:  # Unix seconds
        return pd.Timestamp(number, unit="s", tz="UTC")
    if 20000 < number < 80000:  # Excel serial day (1954..2119)
        return _EXCEL_EPOCH + pd.Timedelta(days=number)
    raise ValueError(f"'{number:g}' is not a date and time")


def parse_times(values: pd.Series, tz: str | tzinfo) -> tuple[pd.Series, pd.Series]:
    """Parse a column; returns (aware timestamps with NaT for blanks, reasons with "" where fine).

    ISO text and Unix times go through pandas at once (hot lists run to millions of rows); the
    rest is parsed once per distinct spelling.
    """
    reasons = pd.Series("", index=values.index, dtype=object)
    out = pd.Series(pd.NaT, index=values.index, dtype=pd.DatetimeTZDtype(unit="us", tz=tz))
    text = values.map(lambda v: v.strip() if isinstance(v, str) else None)
    iso = text.str.fullmatch(r"\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2})?([+-]\d{2}:?\d{2}|Z)").fillna(False).astype(bool)
    if iso.any():
        aware = text[iso].str.contains(r"(?:[+-]\d{2}:?\d{2}|Z)$", regex=True)
        for mask, localize in ((aware, False), (~aware, True)):
            part = text[iso][mask]
            if part.empty:
                continue
            stamps = pd.to_datetime(part, format="ISO8601", errors="coerce", utc=not localize)
            stamps = (stamps.dt.tz_localize(tz, ambiguous="NaT", nonexistent="NaT") if localize
                      else stamps.dt.tz_convert(tz))
            out[part.index] = stamps.astype(out.dtype)
    _unix_times(values, text, out)
    rest = out.isna() & values.notna()
    if rest.any():
        cells = values[rest].tolist()
        keys = [cell if isinstance(cell, str | int | float) else repr(cell) for cell in cells]
        parsed: dict[object, tuple[pd.Timestamp | None, str]] = {}
        for key, cell in zip(keys, cells, strict=True):
            if key not in parsed:
                try:
                    parsed[key] = (parse_time(cell, tz), "")
                except ValueError as error:
                    parsed[key] = (None, str(error))
        index = values.index[rest]
        out[index] = pd.Series([parsed[k][0] for k in keys], index=index, dtype=out.dtype)
        reasons[index] = pd.Series([parsed[k][1] for k in keys], index=index, dtype=object)
    return out, reasons


def _unix_times(values: pd.Series, text: pd.Series, out: pd.Series) -> None:
    """Fill ``out`` where a cell is Unix seconds or milliseconds of a plausible year (2001-2100)."""
    if pd.api.types.is_numeric_dtype(values.dtype) and not pd.api.types.is_bool_dtype(values.dtype):
        numbers = values.astype("float64")
    else:
        digits = text.str.fullmatch(r"\d{9,13}(?:\.\d+)?").fillna(False).astype(bool)
        if not digits.any():
            return
        numbers = pd.Series(np.nan, index=values.index).where(~digits, pd.to_numeric(text.where(digits),
                                                                                     errors="coerce"))
    seconds = numbers.where(numbers < 1e11, numbers / 1000.0)
    plausible = (seconds >= 978_307_200) & (seconds < 4_133_980_800)  # 2001-01-01 .. 2101-01-01 UTC
    if plausible.any():
        stamps = pd.to_datetime(seconds[plausible], unit="s", utc=True).dt.tz_convert(tz=out.dt.tz)
        out[stamps.index] = stamps.astype(out.dtype)
