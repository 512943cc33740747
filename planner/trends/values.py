"""Vectorised parsing of hot-list cells: times, numbers with 万/亿, yes/no flags, titles."""

from __future__ import annotations

from datetime import tzinfo

import numpy as np
import pandas as pd

from planner.metrics.times import parse_times as parse_export_times

_EPOCH = pd.Timestamp(0, tz="UTC")
_SECOND = pd.Timedelta(1, "s")
_UNITS = {"万": 1e4, "w": 1e4, "W": 1e4, "亿": 1e8}
_TEXT = pd.StringDtype("pyarrow")  # arrow string kernels: several times faster than Python objects
_TRUE = {"1", "true", "yes", "y", "t", "1.0"}


def as_text(values: pd.Series) -> pd.Series:
    """Cells as stripped strings; missing stays missing (<NA>)."""
    text = values.astype(_TEXT).str.strip()
    return text.mask(text == "")


def parse_times(values: pd.Series, tz: tzinfo) -> pd.Series:
    """Seconds since the epoch (float, NaN where unreadable or missing), read as every export's
    times are (``planner.metrics.times.parse_times``): ISO 8601 with an offset as is, without one
    in ``tz``; Unix seconds or milliseconds; the spreadsheet and Chinese spellings."""
    stamps, _ = parse_export_times(values, tz)
    return (stamps - _EPOCH) / _SECOND


def parse_numbers(values: pd.Series) -> pd.Series:
    """Floats; Chinese hot lists often write heat as ``1.2万`` or ``3亿``, so those count too.

    Infinities (``inf``, ``1e999``) are no numbers: NaN, as unreadable cells are.
    """
    if pd.api.types.is_numeric_dtype(values.dtype):
        out = values.astype("float64")
        return out.where(np.isfinite(out))
    text = as_text(values).str.replace(",", "", regex=False)
    out = pd.to_numeric(text, errors="coerce").astype("float64")
    unit = text.str[-1:]
    scaled = unit.isin(list(_UNITS)).fillna(False).astype(bool) & out.isna()
    if scaled.any():
        base = pd.to_numeric(text[scaled].str[:-1], errors="coerce").astype("float64")
        out[scaled] = base * unit[scaled].map(_UNITS).astype("float64")
    return out.where(np.isfinite(out))


def parse_flags(values: pd.Series) -> pd.Series:
    """1/true/yes -> True; anything else, missing included, -> False."""
    return as_text(values).str.lower().isin(_TRUE).fillna(False).astype(bool)


def clean_titles(values: pd.Series) -> pd.Series:
    """One spelling per topic: no surrounding ``#``, single spaces."""
    text = as_text(values).str.strip("#").str.replace(r"\s+", " ", regex=True).str.strip()
    return text.mask(text == "")
