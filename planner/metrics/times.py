"""Publish and observation times as exports write them, read into one time zone."""

from __future__ import annotations

import math
import re
from datetime import date, datetime

import numpy as np
import pandas as pd

from planner.metrics.numbers import BLANKS

_CHINESE = re.compile(r"(\d{4})年(\d{1,2})月(\d{1,2})日?")
_EXCEL_EPOCH = pd.Timestamp("1899-12-30")


def parse_time(value: object, tz: str) -> pd.Timestamp | None:
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
            try:
                stamp = pd.Timestamp(text)
            except (ValueError, OverflowError):
                raise ValueError(f"'{value}' is not a date and time") from None
    if stamp is pd.NaT or pd.isna(stamp):
        raise ValueError(f"'{value}' is not a date and time")
    if not 2000 <= stamp.year <= 2100:
        raise ValueError(f"'{value}' is not a plausible date")
    return stamp.tz_localize(tz) if stamp.tzinfo is None else stamp.tz_convert(tz)


def _from_number(number: float) -> pd.Timestamp:
    if number > 1e11:  # Unix milliseconds
        return pd.Timestamp(number, unit="ms", tz="UTC")
    if number > 1e8:  # Unix seconds
        return pd.Timestamp(number, unit="s", tz="UTC")
    if 20000 < number < 80000:  # Excel serial day (1954..2119)
        return _EXCEL_EPOCH + pd.Timedelta(days=number)
    raise ValueError(f"'{number:g}' is not a date and time")


def parse_times(values: pd.Series, tz: str) -> tuple[pd.Series, pd.Series]:
    """Parse a column; returns (aware timestamps with NaT for blanks, reasons with "" where fine).

    ISO text goes through pandas at once; the rest is parsed once per distinct spelling.
    """
    reasons = pd.Series("", index=values.index, dtype=object)
    out = pd.Series(pd.NaT, index=values.index, dtype=f"datetime64[us, {tz}]")
    text = values.map(lambda v: v if isinstance(v, str) else None)
    iso = text.str.fullmatch(r"\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2})?([+-]\d{2}:?\d{2}|Z)").fillna(False).astype(bool)
    if iso.any():
        aware = text[iso].str.contains(r"(?:[+-]\d{2}:?\d{2}|Z)$", regex=True)
        for mask, localize in ((aware, False), (~aware, True)):
            part = text[iso][mask]
            if part.empty:
                continue
            stamps = pd.to_datetime(part, format="ISO8601", errors="coerce", utc=not localize)
            stamps = stamps.dt.tz_localize(tz) if localize else stamps.dt.tz_convert(tz)
            out[part.index] = stamps.astype(out.dtype)
    rest = out.isna() & values.notna()
    cache: dict[object, tuple[pd.Timestamp | None, str]] = {}
    for index, cell in zip(values.index[rest], values[rest].tolist(), strict=True):
        key = cell if isinstance(cell, str | int | float) else repr(cell)
        hit = cache.get(key)
        if hit is None:
            try:
                hit = (parse_time(cell, tz), "")
            except ValueError as error:
                hit = (None, str(error))
            cache[key] = hit
        if hit[0] is not None:
            out.loc[index] = hit[0]
        reasons.loc[index] = hit[1]
    return out, reasons
