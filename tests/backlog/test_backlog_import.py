"""A topic backlog (选题库) as a team keeps it: rows in, bad rows refused one line each, and back out."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from click.testing import CliRunner

from planner.backlog import read_backlog
from planner.backlog.export import backlog_frame, sheet_bytes, topics_yaml
from planner.cli import cli
from planner.domain.plan import Plan, Publication
from planner.domain.scenario import Topic
from planner.errors import InputError
from planner.scenario import load

ROOT = Path(__file__).resolve().parents[2]
DEMO = ROOT / "scenarios" / "demo.yaml"

ZH_ROWS = [
    {"选题": "a01", "标题": "毛肚七上八下到底几秒", "平台": "抖音、快手", "形式": "教程", "目标": "促活", "优先级": "高",
     "时长": "1分30秒", "截止": "2026-12-12", "出镜": "", "栏目": "", "状态": "待拍", "已完成环节": "脚本"},
    {"选题": "a02", "标题": "老板娘凌晨去菜市场", "平台": "B站", "形式": "Vlog", "目标": "留存", "优先级": 3,
     "时长": "2:30", "截止": "", "出镜": "fang", "栏目": "", "状态": "", "已完成环节": ""},
    {"选题": "a03", "标题": "坏的优先级", "平台": "抖音", "形式": "口播", "目标": "拉新", "优先级": "很急",
     "时长": 60, "截止": "", "出镜": "", "栏目": "", "状态": "", "已完成环节": ""},
    {"选题": "a04", "标题": "未知平台", "平台": "抖音、脸书", "形式": "口播", "目标": "拉新", "优先级": 2,
     "时长": 60, "截止": "", "出镜": "", "栏目": "", "状态": "", "已完成环节": ""},
    {"选题": "a05", "标题": "", "平台": "抖音", "形式": "口播", "目标": "拉新", "优先级": 2,
     "时长": 60, "截止": "", "出镜": "", "栏目": "", "状态": "", "已完成环节": ""},
    {"选题": "a06", "标题": "上周已经发了", "平台": "抖音", "形式": "口播", "目标": "拉新", "优先级": 2,
     "时长": 60, "截止": "", "出镜": "", "栏目": "", "状态": "已发布", "已完成环节": ""},
    {"选题": "a07", "标题": "火锅小课堂 底料篇", "平台": "抖音", "形式": "教程", "目标": "促活", "优先级": 3,
     "时长": 45, "截止": "2026-12-15 18:00", "出镜": "", "栏目": "课堂", "状态": "", "已完成环节": ""},
    {"选题": "a08", "标题": "火锅小课堂 蘸料篇", "平台": "抖音", "形式": "教程", "目标": "促活", "优先级": 3,
     "时长": 45, "截止": "", "出镜": "", "栏目": "课堂", "状态": "", "已完成环节": ""},
]


def write_sheet(path: Path, rows: list[dict[str, object]], sheet: str = "选题库") -> Path:
    with pd.ExcelWriter(path, engine="openpyxl") as writer:
        pd.DataFrame(rows).to_excel(writer, sheet_name=sheet, index=False)
    return path


def test_chinese_sheet_loads_good_rows_and_refuses_bad_ones_with_sheet_row_and_column(tmp_path: Path) -> None:
    result = read_backlog(write_sheet(tmp_path / "backlog.xlsx", ZH_ROWS))
    assert [t["id"] for t in result.topics] == ["a01", "a02", "a07", "a08"]
    assert result.skipped == [7]
    refused = [str(p) for p in result.refused]
    file = str(tmp_path / "backlog.xlsx")
    assert refused == [
        f"{file}:4 选题库!优先级: '很急' 不是 1-5 的优先级（或 高/中/低）",
        f"{file}:5 选题库!平台: 未知的平台 '脸书'；可用：douyin (抖音), kuaishou (快手), bilibili (B站), "
        "xiaohongshu (小红书), wechat_channels (视频号), weibo (微博), xigua (西瓜), tiktok (TikTok), "
        "youtube_shorts (YouTube Shorts), instagram_reels (Instagram Reels)",
        f"{file}:6 选题库!标题: 必填，但为空",
    ]
    assert result.summary() == f"{file}：读取 8 行，导入 4 个选题，拒绝 3 行，跳过 1 行（状态为已发布/已取消）"
    assert "4 topics taken, 3 rows refused, 1 skipped" in result.summary("en")
    first = result.topics[0]
    assert first["priority"] == 4 and first["duration_s"] == 90 and first["platforms"] == ["抖音", "快手"]
    assert first["deadline"] == "2026-12-12T23:59"  # a date alone: by the end of that day
    topics = [Topic.model_validate(t) for t in result.topics]
    assert topics[0].platforms == ["douyin", "kuaishou"] and topics[1].format == "vlog"
    assert [(t.series, t.episode) for t in topics[2:]] == [("课堂", 1), ("课堂", 2)]


def test_done_stages_become_the_topics_work_in_progress(tmp_path: Path) -> None:
    rows = [*ZH_ROWS, {**ZH_ROWS[1], "选题": "a09", "已完成环节": "拍摄、打包"}]
    result = read_backlog(write_sheet(tmp_path / "backlog.xlsx", rows), lang="en")
    assert result.topics[0]["done"] == ["script"]
    assert "done: [script]" in topics_yaml(result)
    assert Topic.model_validate(result.topics[0]).done == ["script"]
    assert str(result.refused[-1]).startswith(f"{tmp_path / 'backlog.xlsx'}:10 选题库!已完成环节: done names 打包")


def test_english_csv_headers_and_a_mapping_for_an_odd_header(tmp_path: Path) -> None:
    path = tmp_path / "backlog.csv"
    path.write_text("Topic,Title,Platforms,Format,Goal,Priority,Duration,Deadline,Owner note\n"
                    "e1,Hotpot 101,douyin bilibili,tutorial,engage,2,45,2026-12-10 20:00,x\n"
                    "e2,Broth secrets,xiaohongshu,talking_head,retain,5,60,,y\n", encoding="utf-8")
    result = read_backlog(path)
    assert [t["id"] for t in result.topics] == ["e1", "e2"] and not result.refused
    assert result.topics[0]["platforms"] == ["douyin", "bilibili"]
    assert result.topics[0]["deadline"] == "2026-12-10T20:00"
    mapped = read_backlog(path, mapping={"category": "Owner note"})
    assert [t["category"] for t in mapped.topics] == ["x", "y"]


def test_missing_required_column_is_one_clear_error(tmp_path: Path) -> None:
    rows = [{k: v for k, v in r.items() if k != "形式"} for r in ZH_ROWS]
    with pytest.raises(InputError) as caught:
        read_backlog(write_sheet(tmp_path / "b.xlsx", rows), lang="en")
    assert "no column for 形式 (format)" in str(caught.value)


@pytest.mark.parametrize("suffix", [".xlsx", ".csv"])
def test_export_reads_back_into_the_same_topics(tmp_path: Path, suffix: str) -> None:
    scenario = load(DEMO)
    path = tmp_path / f"backlog{suffix}"
    path.write_bytes(sheet_bytes(backlog_frame(scenario), suffix))
    again = read_backlog(path)
    assert not again.refused
    assert [Topic.model_validate(t) for t in again.topics] == list(scenario.topics)


def _plan(scenario_name: str, pubs: list[tuple[str, str, str]]) -> Plan:
    return Plan(scenario=scenario_name, generated_at="2026-12-06T00:00:00+08:00",
                publications=[Publication(topic=t, account=a, platform=p, at=f"2026-12-08T{h}:00:00+08:00")
                              for t, a, p, h in [(*x[:2], "douyin", x[2]) for x in pubs]])


def test_export_lists_each_topics_planned_posts(tmp_path: Path) -> None:
    scenario = load(DEMO)
    plan = _plan(scenario.name, [("t01", "dy_brand", "19"), ("t01", "dy_founder", "21")])
    frame = backlog_frame(scenario, plan)
    planned = dict(zip(frame["选题"], frame["计划发布"], strict=True))
    assert planned["t01"] == "dy_brand@2026-12-08 19:00; dy_founder@2026-12-08 21:00"
    assert planned["t02"] == "未排期"


def test_scenario_reads_topics_from_a_backlog_and_its_own_entry_overrides_a_row(tmp_path: Path) -> None:
    write_sheet(tmp_path / "backlog.xlsx", ZH_ROWS)
    text = DEMO.read_text(encoding="utf-8").split("\ntopics:\n")[0]
    (tmp_path / "s.yaml").write_text(
        text.replace("team:\n", "team:\n", 1) + "\ntopics_from: {path: backlog.xlsx, sheet: 选题库}\n"
        "topics:\n  - {id: a02, priority: 5}\n", encoding="utf-8")
    scenario = load(tmp_path / "s.yaml")
    assert [t.id for t in scenario.topics] == ["a02", "a01", "a07", "a08"]
    assert scenario.topic_by_id["a02"].priority == 5 and scenario.topic_by_id["a02"].title == "老板娘凌晨去菜市场"
    assert len(scenario._notes) == 4 and "拒绝 3 行" in scenario._notes[0]
    assert scenario._notes[1].endswith("选题库!优先级: '很急' 不是 1-5 的优先级（或 高/中/低）")


def test_cli_import_and_export(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    write_sheet(tmp_path / "backlog.xlsx", ZH_ROWS)
    result = CliRunner().invoke(cli, ["topics", "import", "backlog.xlsx", "-o", "topics.yaml", "--lang", "en"])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0] == "refused: backlog.xlsx:4 选题库!优先级: '很急' is not a priority 1-5 (or high/medium/low)"
    assert lines[-1].endswith("8 rows read, 4 topics taken, 3 rows refused, 1 skipped (status published or dropped)")
    assert (tmp_path / "topics.yaml").read_text(encoding="utf-8").count("- {id:") == 4
    out = CliRunner().invoke(cli, ["topics", "export", str(DEMO), "-o", "back.csv"])
    assert out.exit_code == 0, out.output
    assert out.output == "42 个选题已写入 back.csv\n"
    assert len(read_backlog(tmp_path / "back.csv").topics) == 42


def test_a_backlog_row_naming_an_unknown_member_is_located_at_its_row(tmp_path: Path,
                                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    write_sheet(tmp_path / "backlog.xlsx", [{**ZH_ROWS[0], "出镜": "nobody"}])
    text = DEMO.read_text(encoding="utf-8").split("\ntopics:\n")[0]
    (tmp_path / "s.yaml").write_text(text + "\ntopics_from: backlog.xlsx\n", encoding="utf-8")
    with pytest.raises(InputError) as caught:
        load("s.yaml")
    assert str(caught.value).startswith("backlog.xlsx:2 topics[0].talent[0]: 未知的成员 'nobody'")
