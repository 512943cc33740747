"""Every format of a score and of a comparison: content, escaping and safe output."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pytest
from reportkit import FORMULA, XSS, hostile_plan, hostile_scenario, hostile_score

from planner.errors import InputError
from planner.report.csv_out import safe_cell
from planner.report.render import FORMATS, render_comparison, render_score, write_output
from planner.scoring import Comparison, ScoreResult, compare


@pytest.fixture(scope="module")
def result() -> ScoreResult:
    return hostile_score()


@pytest.fixture(scope="module")
def comparison() -> Comparison:
    scenario = hostile_scenario()
    return compare({"base": (scenario, hostile_plan()), "variant": (scenario, hostile_plan(moved=True))})


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("fmt", FORMATS)
def test_every_format_renders_a_score_and_a_comparison(fmt: str, lang: str, result: ScoreResult,
                                                       comparison: Comparison) -> None:
    for output in (render_score(fmt, result, lang), render_comparison(fmt, comparison, lang)):
        assert output.files and (output.binary or output.stdout.strip())


def test_the_table_names_violations_kpis_channels_hours_and_trends(result: ScoreResult) -> None:
    text = render_score("table", result, "en").stdout
    assert "HARD  team.capacity" in text and "ann works 9 h on 2026-12-07 (max 8 h)" in text
    for heading in ("predicted KPIs: median (80% interval p10–p90)", "topics by channel: all channels vs per channel",
                    "hours per member and day / capacity", "trends", "unscheduled topics (0)"):
        assert heading in text
    assert "9/8!" in text  # ann's overloaded Monday
    assert "b =HYPERLINK" in text and "heat 1.00  inside" in text
    zh = render_score("table", result, "zh").stdout
    assert "违规: 1 硬性" in zh and "全渠道" in zh and "单渠道" in zh


def test_json_holds_the_plan_and_every_table(result: ScoreResult) -> None:
    data = json.loads(render_score("json", result).stdout)
    assert data["summary"]["hard_violations"] == 1
    assert data["plan"]["solver"]["status"] == "MANUAL"
    assert {row["kpi"] for row in data["kpis"]} >= {"views", "follower_gain", "engagement", "conversions"}
    assert data["publications"][0]["at"].endswith("+08:00")
    assert data["trends"][0]["heat"] == 1.0


def test_csv_cells_cannot_become_formulas(result: ScoreResult) -> None:
    output = render_score("csv", result)
    rows = list(csv.DictReader(io.StringIO(output.stdout)))
    titles = {row["选题"]: row["标题"] for row in rows}
    assert titles["b"] == "'" + FORMULA
    assert titles["a"] == XSS  # not a formula: left alone
    workload = list(csv.DictReader(io.StringIO(output.files["score-workload.csv"].lstrip("\ufeff"))))  # type: ignore[union-attr]
    assert workload[0]["姓名"] == "'-2+3"
    assert all(name.startswith("score-") and name.endswith(".csv") for name in output.files)
    assert str(output.files["score-publications.csv"]).startswith("\ufeff")  # Excel reads it as UTF-8


@pytest.mark.parametrize(("cell", "safe"), [("=1+1", "'=1+1"), ("+86 138", "'+86 138"), ("-1", "'-1"),
                                             ("@SUM(A1)", "'@SUM(A1)"), ("\t=1", "'\t=1"), ("火锅", "火锅"),
                                             (-1.5, -1.5), ("a=b", "a=b")])
def test_safe_cell(cell: object, safe: object) -> None:
    assert safe_cell(cell) == safe


def test_html_shows_hostile_names_as_text(result: ScoreResult, comparison: Comparison) -> None:
    for page in (render_score("html", result).stdout, render_comparison("html", comparison).stdout):
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
        assert XSS not in page
        assert "<img src=x" not in page and "<b>test</b>" not in page and "热点<i>" not in page
        assert page.count("<script>") == 1  # the report's own


def test_html_needs_no_network(result: ScoreResult) -> None:
    page = render_score("html", result).stdout
    assert "Content-Security-Policy" in page and "default-src 'none'" in page
    # Only in-page anchors: nothing to fetch (URLs in rule sources are text, escaped).
    assert re.findall(r"""\s(?:src|href|xlink:href)\s*=\s*(?!["']?#)""", page) == []
    assert "@import" not in page and "url(" not in page


def test_html_holds_board_agenda_gantt_kpi_charts_heatmaps(result: ScoreResult) -> None:
    page = render_score("html", result, "en").stdout
    sections = re.findall(r'<section id="(\w+)">', page)
    # A broken hard rule (ann's 9 h day) comes first; then the board the report opens on.
    assert sections == ["violations", "board", "agenda", "unscheduled", "workload", "gantt", "trends", "best_time",
                        "kpis", "topics"]
    assert 'class="post g-acquire"' in page and 'class="badge">trend<' in page
    assert page.count("<svg") >= 1 + 4 + 3 + 2  # Gantt, KPI bars, goal bars, one heatmap per account


def test_the_comparison_marks_what_changed(comparison: Comparison) -> None:
    changes = {(r.change, r.topic, r.where) for r in comparison.changes.itertuples()}
    assert changes == {("moved", "a", "dy"), ("dropped", "c", "ks"), ("reassigned", "a", "edit")}
    page = render_comparison("html", comparison, "en").stdout
    assert 'post g-engage moved' in page and 'post g-convert dropped' in page
    text = render_comparison("table", comparison, "en").stdout
    assert "variant: moved 1, added 0, dropped 1, reassigned 1" in text
    assert "reassigned a" in text and "edit  ann → cy" in text


def test_markdown_escapes_html_and_pipes(result: ScoreResult) -> None:
    text = render_score("md", result).stdout
    assert "&lt;script&gt;" in text and XSS not in text
    assert "Topic \\| C" in text


def test_write_output_writes_a_file_or_a_folder(tmp_path: Path, result: ScoreResult) -> None:
    (html_path,) = write_output(render_score("html", result), tmp_path / "r.html")
    assert html_path.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    written = write_output(render_score("ics", result), tmp_path / "cal")
    assert sorted(p.name for p in written) == ["account-dy.ics", "account-ks.ics", "member-ann.ics", "member-bob.ics",
                                              "member-cy.ics"]
    (tmp_path / "file").write_text("x")
    with pytest.raises(InputError, match="is a file"):
        write_output(render_score("csv", result), tmp_path / "file")


def test_an_unknown_format_or_language_is_an_input_error(result: ScoreResult) -> None:
    with pytest.raises(InputError, match="unknown format 'pdf'"):
        render_score("pdf", result)
    with pytest.raises(InputError, match="unknown language 'fr'"):
        render_score("md", result, "fr")


def test_the_plan_summary_speaks_the_readers_language() -> None:
    from planner.report.summary import plan_summary

    zh = plan_summary(hostile_plan(), hostile_scenario())
    en = plan_summary(hostile_plan(), hostile_scenario(), lang="en")
    assert "目标值" in zh and "各账号每日发布数" in zh and "成员工时" in zh and "18.5 h，可用 56 h" in zh
    assert "objective" in en and "posts per account and day" in en and "18.5 h  of 56 h available" in en
