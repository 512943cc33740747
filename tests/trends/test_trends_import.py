"""From hot-list snapshots to trend windows, on the small board in data/board.csv.

The board: hourly snapshots at HH:30 on 2025-03-01 from 08:30 to 18:30, with 14:30 missing.
- 春日踏青 08:30-11:30, gone for four snapshots, back 17:30-18:30 (two windows)
- 成都下雪了 08:30-10:30, missed 11:30, back 12:30-13:30 (one window: one missed snapshot)
- 高考倒计时 12:30, 13:30, 15:30, 16:30 (one window: 14:30 was never taken)
- 单次话题 09:30 only; 置顶新闻 pinned every hour; 某品牌新品上市 an ad at 08:30 and 09:30
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from planner.domain.scenario import Trend
from planner.trends.sources import preset
from planner.trends.stays import StayRules
from planner.trends.windows import ImportOptions, import_trends

DATA = Path(__file__).parent / "data"
SH = ZoneInfo("Asia/Shanghai")


def at(hour: int, minute: int = 30) -> datetime:
    return datetime(2025, 3, 1, hour, minute, tzinfo=SH)


def windows(min_snapshots: int = 1, **options: object) -> list[Trend]:
    settings = ImportOptions(source=preset("weibo"), tz=SH, min_snapshots=min_snapshots, **options)  # type: ignore[arg-type]
    return import_trends(DATA / "board.csv", settings).trends


def by_name(trends: list[Trend]) -> dict[str, list[Trend]]:
    out: dict[str, list[Trend]] = {}
    for trend in trends:
        out.setdefault(trend.name, []).append(trend)
    return out


def test_a_topic_that_comes_back_gives_two_windows() -> None:
    first, second = by_name(windows())["春日踏青"]
    assert (first.start, first.end) == (at(8), at(12))
    assert (second.start, second.end) == (at(17), at(19))


def test_one_missed_snapshot_does_not_split_a_stay() -> None:
    [snow] = by_name(windows())["成都下雪了"]
    assert (snow.start, snow.end) == (at(8), at(14))
    assert snow.source == ("weibo hot search, best rank 1, 5 snapshots; on the board in the file's first snapshot: "
                           "may have started earlier")


def test_a_missing_snapshot_hour_is_not_an_absence() -> None:
    [exam] = by_name(windows())["高考倒计时"]
    assert (exam.start, exam.end) == (at(12), at(17))
    assert "4 snapshots" in exam.source


def test_a_longer_gap_setting_joins_the_comeback() -> None:
    [walk] = by_name(windows(rules=StayRules(gap_snapshots=5)))["春日踏青"]
    assert (walk.start, walk.end) == (at(8), at(19))


def test_ads_and_pinned_items_make_no_windows() -> None:
    names = by_name(windows())
    assert "置顶新闻" not in names
    assert "某品牌新品上市" not in names


def test_window_fields() -> None:
    first = by_name(windows())["春日踏青"][0]
    assert first.id == "wb-20250301-0002"
    assert first.peak == at(10)
    assert first.peak_heat == 300000.0
    assert first.category == "社会"
    assert first.keywords == ["春日踏青"]
    # 09:30 (0.667) lies on the line from 08:30 to the peak, so the curve leaves it out.
    assert first.curve == [(at(8), 0.333), (at(10), 1.0), (at(11), 0.833)]
    # The file's own "none" label is no category.
    assert by_name(windows())["单次话题"][0].category == ""


def test_ids_are_numbered_per_day_in_start_order() -> None:
    assert [(t.id, t.name) for t in windows()] == [
        ("wb-20250301-0001", "成都下雪了"),
        ("wb-20250301-0002", "春日踏青"),
        ("wb-20250301-0003", "单次话题"),
        ("wb-20250301-0004", "高考倒计时"),
        ("wb-20250301-0005", "春日踏青"),
    ]


def test_min_snapshots_filters_without_renumbering() -> None:
    ids = [t.id for t in windows(min_snapshots=2)]
    assert ids == ["wb-20250301-0001", "wb-20250301-0002", "wb-20250301-0004", "wb-20250301-0005"]
    assert [t.name for t in windows(min_snapshots=5)] == ["成都下雪了"]


def test_since_and_until_cut_the_snapshots_read() -> None:
    early = windows(until=at(12, 0))
    assert sorted(t.name for t in early) == ["单次话题", "成都下雪了", "春日踏青"]
    assert by_name(early)["成都下雪了"][0].end == at(11)
    late = windows(since=at(12, 0))
    assert sorted(t.name for t in late) == ["成都下雪了", "春日踏青", "高考倒计时"]
    assert by_name(late)["成都下雪了"][0].start == at(12)


def test_counts_of_what_was_skipped() -> None:
    settings = ImportOptions(source=preset("weibo"), tz=SH, min_snapshots=2)
    result = import_trends(DATA / "board.csv", settings)
    assert (result.snapshots.read, result.snapshots.ads, result.snapshots.pinned) == (28, 2, 10)
    assert result.stays == 5
    assert result.interval_s == 3600
    assert result.summary() == (
        "4 windows (5 stays, 1 below the snapshot minimum) from 10 snapshots about 60 min apart; "
        "28 rows read, 2 ads and 10 pinned or unranked skipped"
    )


def test_json_lines_with_unix_times_and_wan_units() -> None:
    settings = ImportOptions(source=preset("generic"), tz=SH, min_snapshots=1)
    trends = import_trends(DATA / "board.jsonl", settings).trends
    walk, tea = trends
    assert walk.id == "tr-20250301-0001"
    assert walk.name == "春日踏青"  # the #...# of a hashtag topic is dropped
    assert walk.peak_heat == 30000.0
    assert walk.start == datetime(2025, 3, 1, 8, 0, tzinfo=SH)
    assert tea.name == "新茶饮"
    assert tea.peak_heat == 9000.0


def test_duplicate_rows_in_one_snapshot_count_once(tmp_path: Path) -> None:
    board = tmp_path / "dup.csv"
    board.write_text(
        "time,rank,title,heat\n"
        "2025-03-01T08:00:00,1,春日踏青,100\n"
        "2025-03-01T08:00:00,7,春日踏青,40\n"
        "2025-03-01T09:00:00,1,春日踏青,80\n",
        encoding="utf-8",
    )
    [walk] = import_trends(board, ImportOptions(source=preset("generic"), tz=SH)).trends
    assert walk.source.startswith("hot list, best rank 1, 2 snapshots;")  # and it was there from the first
    assert walk.curve == [(datetime(2025, 3, 1, 8, tzinfo=SH), 1.0), (datetime(2025, 3, 1, 9, tzinfo=SH), 0.8)]


def test_nothing_in_range_gives_no_windows() -> None:
    assert windows(since=datetime(2026, 1, 1, tzinfo=SH)) == []


def test_windows_already_on_the_board_at_the_first_snapshot_may_have_started_earlier() -> None:
    found = by_name(windows())
    first = found["春日踏青"][0]  # on the board at 08:30, the file's first snapshot
    assert first.start == at(8) and "may have started earlier" in (first.source or "")
    later = [t for t in found["高考倒计时"] + found["春日踏青"][1:]]
    assert later and all("may have started earlier" not in (t.source or "") for t in later)
