"""History import: presets map real headers, bad rows are reported, encodings and formats read."""

from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd
import pytest
from metricskit import FIXTURES

from planner.errors import InputError
from planner.metrics.ingest import import_history
from planner.metrics.mapping import load_mapping, parse_mapping
from planner.metrics.presets import detect_preset


@pytest.mark.parametrize(("fixture", "preset", "platform", "first_views", "first_likes"), [
    ("douyin.csv", "douyin", "douyin", 12_000, 856),
    ("douyin.xlsx", "douyin", "douyin", 12_000, 856),
    ("kuaishou.csv", "kuaishou", "kuaishou", 23_000, 1204),
    ("bilibili.csv", "bilibili", "bilibili", 153_000, 11_000),
    ("xiaohongshu.csv", "xiaohongshu", "xiaohongshu", 18_000, 1020),
    ("wechat_channels.csv", "wechat_channels", "wechat_channels", 31_000, 420),
])
def test_each_preset_imports_its_export(fixture: str, preset: str, platform: str, first_views: float,
                                        first_likes: float) -> None:
    result = import_history(FIXTURES / fixture, preset=preset)
    frame = result.frame
    assert not result.report.dropped
    assert set(frame["platform"]) == {platform}
    assert frame.loc[0, "views"] == first_views
    assert frame.loc[0, "likes"] == first_likes
    assert frame["published_at"].notna().all()
    assert frame["completion"].between(0, 1).all()
    assert frame["follower_gain"].notna().all()
    assert frame["duration_s"].notna().all()


@pytest.mark.parametrize(("fixture", "preset"), [
    ("douyin.csv", "douyin"), ("kuaishou.csv", "kuaishou"), ("bilibili.csv", "bilibili"),
    ("xiaohongshu.csv", "xiaohongshu"), ("wechat_channels.csv", "wechat_channels"),
])
def test_the_preset_is_recognised_from_the_headers(fixture: str, preset: str) -> None:
    assert import_history(FIXTURES / fixture).report.preset == preset


def test_preset_headers_map_to_fields() -> None:
    columns = import_history(FIXTURES / "bilibili.csv", preset="bilibili").report.columns
    assert columns["saves"] == "收藏"
    assert columns["coins"] == "投币"
    assert columns["title"] == "稿件标题"
    assert columns["published_at"] == "投稿时间"
    assert columns["category"] == "分区"


def test_headers_with_units_and_spaces_still_match() -> None:
    preset = detect_preset(["作品名称", "发布时间", " 播放量(次) ", "点赞量（个）", "完播率(%)"])
    assert preset is not None and preset.name == "douyin"


def test_messy_export_reports_what_was_dropped_and_why() -> None:
    result = import_history(FIXTURES / "messy_douyin.csv")
    report = result.report
    assert report.header_row == 2  # a title line sits above the header
    assert report.rows_read == 8
    assert report.rows_used == 3
    assert [(d.row, d.reason) for d in report.dropped] == [
        (4, "duplicate of row 3"),
        (6, "点赞量: '一千' is not a number"),
        (7, "发布时间 is blank"),
        (8, "播放量 is blank"),
        (10, "summary row (合计/总计), not a post"),
    ]
    text = "\n".join(report.lines())
    assert "row 6: 点赞量: '一千' is not a number" in text
    assert "3 of 8 rows used" in text
    frame = result.frame
    assert frame["views"].tolist() == [15_000, 8_100, 33_000]
    # Blank and "--" cells stay blank instead of dropping the row.
    assert pd.isna(frame.loc[1, "comments"]) and pd.isna(frame.loc[1, "completion"])


def test_gbk_file_imports() -> None:
    result = import_history(FIXTURES / "kuaishou.csv")
    assert result.report.encoding == "GBK/GB18030"
    assert result.frame.loc[0, "title"] == "村里的大集又开了"


def test_utf8_with_bom_imports() -> None:
    result = import_history(FIXTURES / "xiaohongshu.csv")
    assert result.report.encoding == "utf-8 with BOM"
    assert result.report.columns["title"] == "笔记标题"
    assert result.frame.loc[0, "title"] == "通勤穿搭｜一周不重样"


def test_parquet_imports(tmp_path: Path) -> None:
    frame = pd.read_csv(FIXTURES / "douyin.csv", dtype=str)
    path = tmp_path / "douyin.parquet"
    frame.to_parquet(path)
    result = import_history(path, preset="douyin")
    assert result.frame["views"].tolist() == import_history(FIXTURES / "douyin.csv").frame["views"].tolist()


def test_mapping_file_maps_any_table() -> None:
    result = import_history(FIXTURES / "custom.csv", mapping=load_mapping(FIXTURES / "custom_map.yaml"))
    frame = result.frame
    assert set(frame["platform"]) == {"tiktok"}
    assert set(frame["account"]) == {"brand_tt"}
    assert frame["views"].tolist() == [12_000, 8_500, 21_400]
    assert frame["completion"].tolist() == [0.31, 0.27, 0.35]


def test_mapping_typo_is_located_with_a_suggestion() -> None:
    with pytest.raises(InputError) as caught:
        load_mapping(FIXTURES / "bad_map.yaml")
    problem = caught.value.problems[0]
    assert problem.line == 3
    assert "unknown field 'veiws' (did you mean 'views'?)" in problem.message


def test_mapping_naming_a_missing_column_says_which() -> None:
    mapping = parse_mapping({"published_at": "Post time", "views": "Views!"}, "map.yaml")
    with pytest.raises(InputError, match="mapping names column 'Views!' for views"):
        import_history(FIXTURES / "custom.csv", mapping=mapping)


def test_a_file_with_no_usable_rows_is_an_error() -> None:
    with pytest.raises(InputError) as caught:
        import_history(FIXTURES / "no_rows.csv")
    message = str(caught.value)
    assert "no_rows.csv" in message
    assert "no usable rows: 2 rows read" in message


def test_a_table_without_views_names_what_is_missing(tmp_path: Path) -> None:
    path = tmp_path / "odd.csv"
    path.write_text("标题,日期,数量\na,2024-01-01,3\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"no column for published_at \(publish time, e.g. 发布时间\) and views \(plays"):
        import_history(path)


def test_unknown_preset_is_an_error_with_a_suggestion() -> None:
    with pytest.raises(InputError, match="unknown preset 'douyn' \\(did you mean 'douyin'\\?\\)"):
        import_history(FIXTURES / "douyin.csv", preset="douyn")


def test_account_defaults_to_the_file_name_and_says_so(tmp_path: Path) -> None:
    path = tmp_path / "brand_dy.csv"
    shutil.copy(FIXTURES / "douyin.csv", path)
    result = import_history(path)
    assert set(result.frame["account"]) == {"brand_dy"}
    assert any("account 'brand_dy'" in note for note in result.report.notes)


def test_observation_time_gives_post_ages(tmp_path: Path) -> None:
    result = import_history(FIXTURES / "douyin.csv", observed_at="2024-03-10 18:30")
    ages = result.frame["age_h"]
    assert ages.iloc[0] == pytest.approx(9 * 24)
    assert (ages > 0).all()


def test_repeat_readings_of_one_post_are_kept_as_observations(history: pd.DataFrame) -> None:
    assert history["post_id"].is_unique  # the synthetic export reads each post once
    assert history["age_h"].notna().all()


def test_headers_named_like_the_fields_need_no_preset(tmp_path: Path) -> None:
    path = tmp_path / "posts.csv"
    path.write_text("published_at,views,likes,platform,account,format\n"
                    "2024-01-01 10:00,1.2万,300,抖音,a1,剧情\n"
                    "2024-01-02 10:00,900,20,douyin,a1,口播\n"
                    "2024-01-03 10:00,900,20,myspace,a1,vlog\n", encoding="utf-8")
    result = import_history(path)
    assert result.report.preset == "generic"
    assert result.frame["platform"].tolist() == ["douyin", "douyin"]
    assert result.frame["format"].tolist() == ["skit", "talking_head"]
    assert [(d.row, d.reason) for d in result.report.dropped] == [(4, "unknown platform 'myspace'")]
    assert "dropped 1 row:" in result.report.lines()
