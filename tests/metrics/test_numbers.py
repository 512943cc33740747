"""Numbers, rates, durations and times as exports write them."""

from __future__ import annotations

import pandas as pd
import pytest

from planner.metrics.numbers import (
    format_count,
    parse_column,
    parse_duration,
    parse_flag,
    parse_number,
    parse_rate,
)
from planner.metrics.times import parse_time, parse_times


@pytest.mark.parametrize(("text", "value"), [
    ("1.2万", 12_000), ("3.4w", 34_000), ("3.4W", 34_000), ("541.2K", 541_200), ("541.2k", 541_200),
    ("1,024", 1024), ("１，０２４", 1024), ("1.5亿", 150_000_000), ("2.3M", 2_300_000), ("10万+", 100_000),
    ("  87 ", 87), ("1.2E+05", 120_000), ("-5", -5), ("1.2万次", 12_000), (42, 42), (3.5, 3.5),
])
def test_counts_parse(text: object, value: float) -> None:
    assert parse_number(text) == pytest.approx(value)


@pytest.mark.parametrize("blank", ["", "  ", "-", "--", "—", "暂无", "N/A", None, float("nan")])
def test_blank_cells_are_missing_not_errors(blank: object) -> None:
    assert parse_number(blank) is None
    assert parse_rate(blank) is None


@pytest.mark.parametrize("text", ["abc", "一千", "12a", "1.2.3", "inf", "10%"])
def test_text_in_a_count_is_an_error_that_quotes_the_cell(text: str) -> None:
    with pytest.raises(ValueError, match=f"'{text}' is not a number"):
        parse_number(text)


@pytest.mark.parametrize(("text", "value"), [
    ("10%", 0.10), ("35.2%", 0.352), ("0.352", 0.352), ("35.2", 0.352), (0.5, 0.5), ("100%", 1.0), ("０.５", 0.5),
])
def test_rates_parse_into_zero_to_one(text: object, value: float) -> None:
    assert parse_rate(text) == pytest.approx(value)


@pytest.mark.parametrize("text", ["135%", "250", "-3%", "high"])
def test_impossible_rates_are_errors(text: str) -> None:
    with pytest.raises(ValueError):
        parse_rate(text)


@pytest.mark.parametrize(("text", "seconds"), [
    ("00:45", 45), ("1:58", 118), ("1:02:03", 3723), ("1分23秒", 83), ("83秒", 83), ("83s", 83), ("2min", 120),
    (59, 59), ("12:34", 754),
])
def test_durations_parse_to_seconds(text: object, seconds: float) -> None:
    assert parse_duration(text) == seconds


@pytest.mark.parametrize(("text", "flag"), [("是", 1.0), ("否", 0.0), ("true", 1.0), ("0", 0.0), (True, 1.0)])
def test_flags(text: object, flag: float) -> None:
    assert parse_flag(text) == flag


def test_a_column_reports_each_bad_cell_and_keeps_the_rest() -> None:
    values, reasons = parse_column(pd.Series(["1.2万", "", "abc", "7", None]), parse_number)
    assert values.tolist()[:2] == [12_000, pytest.approx(float("nan"), nan_ok=True)]
    assert values.iloc[3] == 7
    assert reasons.tolist() == ["", "", "'abc' is not a number", "", ""]


@pytest.mark.parametrize("text", ["2024-03-01 18:30", "2024/3/1 18:30", "2024年3月1日 18:30", "2024-03-01T10:30:00Z",
                                  "2024-03-01 18:30:00+08:00", 1709289000])
def test_times_in_many_spellings_land_in_one_zone(text: object) -> None:
    stamp = parse_time(text, "Asia/Shanghai")
    assert stamp is not None
    assert str(stamp) == "2024-03-01 18:30:00+08:00"


def test_time_column_reports_bad_cells() -> None:
    stamps, reasons = parse_times(pd.Series(["2024-03-01 18:30", "yesterday", ""]), "Asia/Shanghai")
    assert stamps.notna().tolist() == [True, False, False]
    assert reasons.tolist() == ["", "'yesterday' is not a date and time", ""]


def test_counts_print_the_way_operators_read_them() -> None:
    assert [format_count(v) for v in (8.4, 840, 12_000, 3.4e8)] == ["8.4", "840", "1.2万", "3.4亿"]
