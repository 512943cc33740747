"""What teams share: the XLSX workbook and the CSV tables, and the declaration labels (广告, 品牌合作,
AI生成, the commercial flag) in every output a poster may read."""

from __future__ import annotations

import csv
import io
import json
from datetime import datetime
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from click.testing import CliRunner
from reportkit import FORMULA, hostile_plan, hostile_scenario

from planner.cli import cli
from planner.domain.plan import Plan
from planner.domain.scenario import Scenario
from planner.report.json_out import plan_json
from planner.report.render import render_comparison, render_score
from planner.scenario.calendar import parse_calendar
from planner.scoring import ScoreResult, score

ROOT = Path(__file__).resolve().parents[2]
SHEETS = {"zh": ["发布计划", "制作任务", "成员工作量", "未排入"], "en": ["Publications", "Tasks", "Workload", "Unscheduled"]}


def labelled_scenario() -> Scenario:
    """The hostile scenario with topic a a paid brand deal and topic b AI-generated."""
    data: dict[str, Any] = hostile_scenario().model_dump()
    data["topics"][0].update(commercial=True, labels=["广告", "品牌合作"])
    data["topics"][1].update(ai_generated=True, labels=["AI生成"])
    return Scenario.model_validate(data)


@pytest.fixture(scope="module")
def result() -> ScoreResult:
    return score(labelled_scenario(), hostile_plan())


def workbook(result: ScoreResult, lang: str) -> openpyxl.Workbook:
    (content,) = render_score("xlsx", result, lang).files.values()
    assert isinstance(content, bytes)
    return openpyxl.load_workbook(io.BytesIO(content))


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_workbook_has_the_four_sheets_with_real_dates_and_rounded_numbers(result: ScoreResult, lang: str) -> None:
    book = workbook(result, lang)
    assert book.sheetnames == SHEETS[lang]
    pubs = book[SHEETS[lang][0]]
    header = [c.value for c in pubs[1]]
    assert header[:6] == (["时间", "星期", "账号", "平台", "选题", "标题"] if lang == "zh" else
                          ["time", "weekday", "account", "platform", "topic", "title"])
    rows = [dict(zip(header, (c.value for c in row), strict=True)) for row in pubs.iter_rows(min_row=2)]
    assert len(rows) == 4
    first = rows[0]
    time_key, views_key = header[0], header[header.index("播放" if lang == "zh" else "views")]
    assert isinstance(first[time_key], datetime) and first[time_key] == datetime(2026, 12, 9, 19, 0)
    assert pubs["A2"].number_format == "yyyy-mm-dd hh:mm" and pubs["A2"].is_date
    assert all(isinstance(r[views_key], int) for r in rows)  # counts are whole numbers, not 34948.49583
    value = header[header.index("价值分" if lang == "zh" else "value")]
    assert all(round(r[value], 1) == r[value] for r in rows)
    assert {r[header[5]] for r in rows} >= {FORMULA}  # a formula-like title is text, exactly as written
    assert all(c.data_type == "s" for c in pubs["F"][1:])
    tasks = book[SHEETS[lang][1]]
    assert [c.value for c in tasks[1]][:3] == (["开始", "结束", "环节"] if lang == "zh" else ["start", "end", "stage"])
    assert isinstance(tasks["A2"].value, datetime) and isinstance(tasks["B2"].value, datetime)
    assert tasks.max_row - 1 == len(result.plan.tasks)
    load = book[SHEETS[lang][2]]
    assert load["C2"].is_date and load.max_row - 1 == 3 * 7  # three members, seven days
    assert book[SHEETS[lang][3]].max_row == 1  # every topic made it: the header alone


def test_the_csv_carries_the_same_tables_as_the_workbook(result: ScoreResult) -> None:
    output = render_score("csv", result, "zh", name="plan")
    assert set(output.files) >= {"plan-publications.csv", "plan-tasks.csv", "plan-workload.csv",
                                 "plan-unscheduled.csv"}
    book = workbook(result, "zh")
    for key, sheet in zip(("publications", "tasks", "workload", "unscheduled"), SHEETS["zh"], strict=True):
        text = str(output.files[f"plan-{key}.csv"]).removeprefix("\ufeff")
        rows = list(csv.reader(io.StringIO(text)))
        assert rows[0] == [c.value for c in book[sheet][1]]
        assert len(rows) == book[sheet].max_row
    pubs = list(csv.DictReader(io.StringIO(output.stdout)))
    assert pubs[0]["时间"] == "2026-12-09 19:00" and pubs[0]["播放"].isdigit()


def test_labels_and_the_commercial_flag_reach_every_output(result: ScoreResult) -> None:
    # JSON: the plan and the scored publications, per post.
    data = json.loads(render_score("json", result).stdout)
    on = {(p["topic"], p["account"]): p for p in data["plan"]["publications"]}
    assert on[("a", "dy")]["labels"] == ["广告", "品牌合作"] and on[("a", "dy")]["commercial"] is True
    assert on[("b", "dy")]["labels"] == ["AI生成"] and on[("b", "dy")]["ai_generated"] is True
    assert on[("c", "ks")]["labels"] == [] and on[("c", "ks")]["commercial"] is False
    scored = {(p["topic"], p["account"]): p for p in data["publications"]}
    assert scored[("a", "ks")]["labels"] == ["广告", "品牌合作"] and scored[("a", "ks")]["commercial"] is True
    # CSV and XLSX: the labels column and the commercial column of the same row.
    rows = list(csv.DictReader(io.StringIO(render_score("csv", result, "zh").stdout)))
    a = next(r for r in rows if r["选题"] == "a")
    assert (a["标签"], a["商业"], a["AI生成"]) == ("广告、品牌合作", "是", "否")
    sheet = workbook(result, "en")["Publications"]
    header = [c.value for c in sheet[1]]
    b = next(dict(zip(header, (c.value for c in row), strict=True)) for row in sheet.iter_rows(min_row=2)
             if row[header.index("topic")].value == "b")
    assert (b["labels"], b["commercial"], b["AI-generated"]) == ("AI生成", "no", "yes")
    # ICS: the declaration is the description's first line, and in the event's title.
    ics = render_score("ics", result, "zh").stdout.replace("\r\n ", "")
    assert "SUMMARY:[抖音][广告][品牌合作][商业] " in ics
    assert "DESCRIPTION:标签: 广告、品牌合作、商业\\n选题: a" in ics
    assert "DESCRIPTION:标签: AI生成\\n选题: b" in ics
    # HTML: on the post's card of the board.
    page = render_score("html", result, "zh").stdout
    card = page[page.index('data-topic="a"'):]
    card = card[:card.index('<div class="pw">')]
    assert '<span class="lab">广告</span><span class="lab">品牌合作</span><span class="lab flag">商业</span>' in card


def test_a_labelled_plan_file_reads_back(result: ScoreResult) -> None:
    text = plan_json(result.plan, result.scenario)
    again = Plan.model_validate_json(text)
    assert again.publications[0].labels == ["广告", "品牌合作"]


def test_score_writes_a_workbook_and_asks_for_a_file_without_one(tmp_path: Path) -> None:
    demo, plan = ROOT / "scenarios" / "demo.yaml", Path(__file__).parent / "fixtures" / "demo_plan.json"
    runner = CliRunner()
    refused = runner.invoke(cli, ["score", str(demo), str(plan), "--format", "xlsx"])
    assert refused.exit_code == 1 and "xlsx" in refused.output and not list(tmp_path.iterdir())
    out = tmp_path / "plan.xlsx"
    written = runner.invoke(cli, ["score", str(demo), str(plan), "--format", "xlsx", "-o", str(out), "--lang", "en"])
    assert f"written {out}" in written.output
    assert openpyxl.load_workbook(out).sheetnames == SHEETS["en"]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_publications_csv_reads_back_as_a_hand_made_calendar(result: ScoreResult, lang: str) -> None:
    """A team edits the exported 发布计划 in a spreadsheet and scores it: its headers are ones
    ``planner score`` reads (时间, 账号, 选题); the other columns are ignored."""
    plan = parse_calendar(render_score("csv", result, lang).stdout, result.scenario)
    posts = sorted((p.topic, p.account, p.at) for p in plan.publications)
    assert posts == sorted((p.topic, p.account, p.at) for p in result.plan.publications)


def test_the_what_if_calendar_shows_the_labels_too() -> None:
    from planner.scoring import compare

    scenario = labelled_scenario()
    page = render_comparison("html", compare({"base": (scenario, hostile_plan()),
                                              "variant": (scenario, hostile_plan(moved=True))}), "zh").stdout
    assert '<span class="lab">广告</span><span class="lab">品牌合作</span><span class="lab flag">商业</span>' in page
