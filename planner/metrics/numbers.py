"""Numbers as creator-centre exports write them: "1.2万", "3.4w", "541.2K", "1,024", "10%".

Every parser returns ``None`` for a blank cell (empty, "-", "--", "暂无", ...) and raises
``ValueError`` with a short reason for text that is not a number, so the importer can say
which row it dropped and why.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Callable
from typing import Any

import numpy as np
import pandas as pd

# Placeholders exports use for "no data"; they are blanks, not errors.
BLANKS = frozenset({"", "-", "--", "---", "—", "——", "/", "n/a", "na", "nan", "none", "null", "暂无", "无", "空"})

# Unit suffixes, lower-cased after NFKC (which turns full-width "Ｗ" into "w").
_UNITS = {
    "": 1.0, "k": 1e3, "千": 1e3, "w": 1e4, "万": 1e4, "m": 1e6, "百万": 1e6, "千万": 1e7,
    "亿": 1e8, "b": 1e9,
}
_NUMBER = re.compile(r"^([+-]?)(\d+(?:\.\d*)?|\.\d+)(百万|千万|[k千w万m亿b]?)(\+?)$")
# Trailing count words ("1.2万次", "35人") carry no meaning for the value.
_COUNT_WORDS = re.compile(r"(次|个|人|条|赞|播放|观看)$")


def _clean(value: object) -> str | None:
    """Normalised text of a cell, or None when the cell is blank."""
    if value is None:
        return None
    if isinstance(value, float) and math.isnan(value):
        return None
    text = unicodedata.normalize("NFKC", str(value)).strip().lower()
    text = text.replace(",", "").replace(" ", "").replace("\u3000", "").replace("'", "")
    return None if text in BLANKS else text


def parse_number(value: object) -> float | None:
    """Parse a count: ``"1.2万"`` → 12000, ``"3.4w"`` → 34000, ``"541.2K"`` → 541200, ``"1,024"`` → 1024.

    ``"10万+"`` reads as 100000 (the floor the platform shows). Percentages are refused here:
    a share is not a count (use :func:`parse_rate`).
    """
    if isinstance(value, bool):
        return float(value)
    if isinstance(value, int | float | np.integer | np.floating):
        number = float(value)
        return None if math.isnan(number) else number
    text = _clean(value)
    if text is None:
        return None
    text = _COUNT_WORDS.sub("", text)
    match = _NUMBER.match(text)
    if not match:
        try:  # Excel's scientific notation: "1.2E+05"
            number = float(text)
        except ValueError:
            number = math.nan
        if not math.isfinite(number):
            raise ValueError(f"'{value}' is not a number") from None
        return number
    sign, digits, unit, _ = match.groups()
    number = float(digits) * _UNITS[unit]
    return -number if sign == "-" else number


def parse_rate(value: object) -> float | None:
    """Parse a share into 0..1: ``"35.2%"`` → 0.352, ``0.352`` → 0.352, ``35.2`` → 0.352.

    A bare number above 1 is read as a percentage (exports drop the % sign); above 100 is an error.
    """
    if isinstance(value, int | float | np.integer | np.floating) and not isinstance(value, bool):
        number = float(value)
        if math.isnan(number):
            return None
    else:
        text = _clean(value)
        if text is None:
            return None
        percent = text.endswith("%")
        body = text.rstrip("%")
        try:
            number = float(body)
        except ValueError:
            raise ValueError(f"'{value}' is not a rate") from None
        if percent:
            return _check_rate(number / 100, value)
    return _check_rate(number / 100 if number > 1 else number, value)


def _check_rate(number: float, original: object) -> float:
    if not 0 <= number <= 1:
        raise ValueError(f"'{original}' is not a rate between 0% and 100%")
    return number


_CLOCK = re.compile(r"^(?:(\d+):)?(\d+):(\d{1,2}(?:\.\d+)?)$")
_WORDS = re.compile(r"^(?:(\d+(?:\.\d+)?)(?:小时|h))?(?:(\d+(?:\.\d+)?)(?:分钟|分|min|m))?(?:(\d+(?:\.\d+)?)(?:秒|s))?$")


def parse_duration(value: object) -> float | None:
    """Parse a video length in seconds: ``"01:23"``, ``"1:02:03"``, ``"1分23秒"``, ``"83s"``, ``83``."""
    if isinstance(value, int | float | np.integer | np.floating) and not isinstance(value, bool):
        number = float(value)
        return None if math.isnan(number) else number
    if hasattr(value, "hour") and hasattr(value, "minute") and hasattr(value, "second"):
        # Excel stores "00:01:23" as a time of day.
        return float(value.hour * 3600 + value.minute * 60 + value.second)  # type: ignore[attr-defined]
    text = _clean(value)
    if text is None:
        return None
    clock = _CLOCK.match(text)
    if clock:
        hours, minutes, seconds = clock.groups()
        return int(hours or 0) * 3600 + int(minutes) * 60 + float(seconds)
    words = _WORDS.match(text)
    if words and any(words.groups()):
        hours, minutes, seconds = (float(g) if g else 0.0 for g in words.groups())
        return hours * 3600 + minutes * 60 + seconds
    try:
        return float(text)
    except ValueError:
        raise ValueError(f"'{value}' is not a duration") from None


_TRUE = frozenset({"1", "true", "yes", "y", "是", "有", "t"})
_FALSE = frozenset({"0", "false", "no", "n", "否", "无关", "f"})


def parse_flag(value: object) -> float | None:
    """Parse a yes/no cell into 1.0 / 0.0 (是/否, true/false, 1/0)."""
    if isinstance(value, bool | np.bool_):
        return float(value)
    if isinstance(value, int | float | np.integer | np.floating):
        number = float(value)
        return None if math.isnan(number) else float(number != 0)
    text = _clean(value)
    if text is None:
        return None
    if text in _TRUE:
        return 1.0
    if text in _FALSE:
        return 0.0
    raise ValueError(f"'{value}' is not yes/no")


def parse_column(values: pd.Series, parser: Callable[[Any], float | None]) -> tuple[pd.Series, pd.Series]:
    """Parse a column; returns (floats with NaN for blanks, reasons with "" where the cell parsed).

    Plain numbers go through pandas at once; the rest is parsed once per distinct spelling.
    A cell that reads as infinite ("inf", "Infinity", "1e309") is no count: it gets a reason,
    as a text that is not a number does.
    """
    out = pd.to_numeric(values, errors="coerce").astype(float)
    out[~np.isfinite(out)] = np.nan  # let the parser below give infinities their reason
    if parser is parse_rate:
        out[out > 1] = np.nan  # "35.2" in a rate column means 35.2%: let the parser say so
    reasons = pd.Series("", index=values.index, dtype=object)
    rest = out.isna() & values.notna()
    if rest.any():
        parsed: dict[Any, tuple[float, str]] = {}
        for key in pd.unique(values[rest].map(lambda v: v if isinstance(v, str | int | float | bool) else repr(v))):
            try:
                number = parser(key)
                if number is not None and not math.isfinite(number):
                    raise ValueError(f"'{key}' is not a number")
                parsed[key] = (np.nan if number is None else number, "")
            except ValueError as error:
                parsed[key] = (np.nan, str(error))
        keys = values[rest].map(lambda v: v if isinstance(v, str | int | float | bool) else repr(v))
        out[rest] = keys.map(lambda k: parsed[k][0]).astype(float)
        reasons[rest] = keys.map(lambda k: parsed[k][1])
    return out, reasons


def format_count(value: float, digits: int = 1) -> str:
    """A count the way an operator reads it: 840 → "840", 12,000 → "1.2万", 3.4e8 → "3.4亿".

    ``digits`` is the decimals kept for 万 and 亿 (a heatmap scale needs two to tell steps apart).
    """
    if value is None or not math.isfinite(value):
        return "-"
    size = abs(value)
    if size >= 1e8:
        return f"{value / 1e8:.{digits}f}亿"
    if size >= 1e4:
        return f"{value / 1e4:.{digits}f}万"
    if size >= 100:
        return f"{value:.0f}"
    return f"{value:.1f}" if size < 10 else f"{value:.0f}"
