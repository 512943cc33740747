"""The helpers every loader and table shares: the capped reader, display width, time parsing."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from pathlib import Path
from zoneinfo import ZoneInfo

import pandas as pd
import pytest

from planner.errors import InputError
from planner.metrics.times import parse_times
from planner.moments import parse_moment
from planner.textio import UTF8, read_text
from planner.textwidth import clip, pad, table, width
from planner.trends.values import parse_times as parse_epoch_seconds

CALENDAR = "选题,账号,时间\n清油和牛油,抖音号,2026/12/8 19:00\n"


# ---- the capped reader ----------------------------------------------------------------------

def test_utf8_reads_as_utf8_with_or_without_a_bom(tmp_path: Path) -> None:
    plain, bom = tmp_path / "plain.csv", tmp_path / "bom.csv"
    plain.write_bytes(CALENDAR.encode("utf-8"))
    bom.write_bytes(CALENDAR.encode("utf-8-sig"))
    assert (read_text(plain, 1000).text, read_text(plain, 1000).encoding) == (CALENDAR, "utf-8")
    assert (read_text(bom, 1000).text, read_text(bom, 1000).encoding) == (CALENDAR, "utf-8 with BOM")


def test_a_gb18030_file_falls_back_from_utf8(tmp_path: Path) -> None:
    path = tmp_path / "excel.csv"
    path.write_bytes(CALENDAR.encode("gb18030"))
    read = read_text(path, 1000)
    assert (read.text, read.encoding) == (CALENDAR, "GBK/GB18030")


def test_utf8_only_files_refuse_gb18030_naming_the_byte(tmp_path: Path) -> None:
    path = tmp_path / "scenario.yaml"
    path.write_bytes("name: 种子\n".encode("gb18030"))
    with pytest.raises(InputError, match=r"not UTF-8 text \(byte 6\); save the file as UTF-8"):
        read_text(path, 1000, UTF8)


def test_a_file_over_the_cap_is_refused_before_it_is_read(tmp_path: Path) -> None:
    path = tmp_path / "big.csv"
    with path.open("wb") as handle:
        handle.truncate(10_001)  # sparse: nothing to read if the size is checked first
    with pytest.raises(InputError, match="file is over the 10000 byte limit") as error:
        read_text(path, 10_000)
    assert str(path) in str(error.value)


def test_a_missing_file_is_named(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file"):
        read_text(tmp_path / "nope.csv", 1000)


# ---- display width --------------------------------------------------------------------------

def test_cjk_characters_take_two_columns_ascii_one() -> None:
    assert width("abc") == 3
    assert width("抖音") == 4
    assert width("B站 video") == 9
    assert width("，") == 2  # full-width punctuation


def test_pad_and_clip_count_columns_not_characters() -> None:
    assert pad("抖音", 6) == "抖音  "
    assert pad("12", 4, right=True) == "  12"
    assert clip("清油和牛油有什么区别", 7) == "清油和…"
    assert clip("short", 7) == "short"


def test_a_table_lines_up_chinese_and_ascii() -> None:
    lines = table(["账号", "posts"], [["抖音号", "12"], ["dy", "3"]], right=(1,), rule=True)
    assert lines == ["账号    posts", "------  -----", "抖音号     12", "dy          3"]
    assert len({width(line) for line in lines}) == 1


# ---- times --------------------------------------------------------------------------------------

@pytest.mark.parametrize("text", ["2026-12-08 19:00", "2026-12-08T19:00:00", "2026/12/8 19:00", "2026.12.08 19:00",
                                  "2026年12月8日 19:00", "2026年12月8日19:00"])
def test_one_written_time_in_every_spelling(text: str) -> None:
    assert parse_moment(text) == datetime(2026, 12, 8, 19, 0)


def test_a_written_time_takes_the_zone_only_when_it_has_none() -> None:
    shanghai = ZoneInfo("Asia/Shanghai")
    assert parse_moment("2025-03-01", shanghai) == datetime(2025, 3, 1, tzinfo=shanghai)
    aware = parse_moment("2025-03-01T08:00+00:00", shanghai)
    assert aware is not None and aware.utcoffset() == timedelta(0)
    assert parse_moment("明天晚上") is None and parse_moment("  ") is None


def test_an_export_column_reads_iso_unix_and_chinese_spellings_alike() -> None:
    cells = pd.Series(["2025-03-01T08:00:00+08:00", "1740787200", 1740787200000, "2025年3月1日 08:00", "", "soon"])
    stamps, reasons = parse_times(cells, "Asia/Shanghai")
    expected = pd.Timestamp("2025-03-01 08:00", tz="Asia/Shanghai")
    assert list(stamps[:4]) == [expected] * 4
    assert stamps[4:].isna().all() and reasons[4] == "" and "soon" in reasons[5]


def test_hot_list_seconds_come_from_the_same_reader() -> None:
    seconds = parse_epoch_seconds(pd.Series(["2025-03-01T00:00:00Z", "2025-03-01 08:00", "1740787200", None]),
                                  timezone(timedelta(hours=8)))
    assert seconds[:3].tolist() == [1740787200.0] * 3 and pd.isna(seconds[3])


def test_a_folder_is_no_file(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="is a folder, not a file"):
        read_text(tmp_path, 1000)


def test_a_pipe_is_read_up_to_the_cap(tmp_path: Path) -> None:
    import contextlib
    import os
    import threading

    fifo = tmp_path / "pipe.csv"
    os.mkfifo(fifo)

    def feed(data: bytes) -> None:
        with contextlib.suppress(BrokenPipeError), fifo.open("wb") as handle:  # the reader may stop at its cap
            handle.write(data)

    writer = threading.Thread(target=feed, args=(CALENDAR.encode("gb18030"),))
    writer.start()
    assert read_text(fifo, 1000).text == CALENDAR
    writer.join()
    writer = threading.Thread(target=feed, args=(b"x" * 2000,))
    writer.start()
    with pytest.raises(InputError, match="file is over the 1000 byte limit"):
        read_text(fifo, 1000)
    writer.join()
