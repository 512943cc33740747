"""``planner init``: the starter scenario it writes checks clean and plans, from flags or answers."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from planner.cli import cli
from planner.domain.vocab import PLATFORMS
from planner.scenario import load


def init(*args: str, input: str | None = None) -> str:
    result = CliRunner().invoke(cli, ["init", *args], input=input)
    assert result.exit_code == 0, result.output
    return result.output


def check_clean(path: Path) -> None:
    """``planner check`` exits 0 with no problem and no warning."""
    result = CliRunner().invoke(cli, ["check", "-q", str(path)])
    assert (result.exit_code, result.output) == (0, ""), result.output


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("team", [1, 2, 3, 5])
def test_every_team_size_checks_clean_on_every_platform(team: int, lang: str, tmp_path: Path) -> None:
    for platform in PLATFORMS:
        path = tmp_path / f"{platform}.yaml"
        init(str(path), "--platforms", platform, "--team", str(team), "--days", "30", "--lang", lang)
        check_clean(path)


def test_flags_make_the_scenario_asked_for(tmp_path: Path) -> None:
    output = init(str(tmp_path / "team"), "--platforms", "抖音，小红书、B站", "--team", "4", "--days", "10",
                  "--name", "火锅店", "--start", "2026/12/07")
    path = tmp_path / "team" / "scenario.yaml"
    assert str(path) in output and f"planner check {path}" in output
    scenario = load(path)
    assert scenario.name == "火锅店"
    assert (str(scenario.horizon.start), scenario.horizon.days) == ("2026-12-07", 10)
    assert [a.platform for a in scenario.accounts] == ["douyin", "xiaohongshu", "bilibili"]
    assert scenario.rule_packs == ["douyin", "xiaohongshu", "bilibili"]
    assert len(scenario.team) == 4 and scenario.topics
    text = path.read_text(encoding="utf-8")
    assert text.count("\n# ") >= 10 and "docs/scenario-guide.md" in text  # commented for a first reader


@pytest.mark.slow
def test_the_starter_plans_every_topic(tmp_path: Path) -> None:
    path = tmp_path / "scenario.yaml"
    init(str(path), "--platforms", "抖音,快手,小红书,视频号", "--team", "3", "--days", "14")
    result = CliRunner().invoke(cli, ["plan", str(path), "--time-limit", "3", "-q", "-o", str(tmp_path / "plan.json"),
                                      "--lang", "en"])
    assert result.exit_code == 0, result.output
    assert "unscheduled" not in result.output and (tmp_path / "plan.json").is_file()


def test_questions_when_flags_are_missing_at_a_terminal(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("planner.cli.init.stdin_is_terminal", lambda: True)
    path = tmp_path / "asked.yaml"
    output = init(str(path), input="小店\n快手,微博\n2\n7\n")
    assert "平台" in output and "团队人数" in output
    scenario = load(path)
    assert (scenario.name, [a.platform for a in scenario.accounts]) == ("小店", ["kuaishou", "weibo"])
    assert (len(scenario.team), scenario.horizon.days) == (2, 7)
    check_clean(path)


def test_no_questions_without_a_terminal(tmp_path: Path) -> None:
    init(str(tmp_path))
    scenario = load(tmp_path / "scenario.yaml")
    assert [a.platform for a in scenario.accounts] == ["douyin", "xiaohongshu"] and len(scenario.team) == 3


def test_an_existing_file_is_kept_without_force(tmp_path: Path) -> None:
    path = tmp_path / "mine.yaml"
    path.write_text("keep me", encoding="utf-8")
    result = CliRunner().invoke(cli, ["init", str(path), "--lang", "en"])
    assert result.exit_code == 1 and "the file exists; --force replaces it" in result.output
    assert path.read_text(encoding="utf-8") == "keep me"
    init(str(path), "--force")
    assert load(path).accounts


def test_an_unknown_platform_lists_the_valid_ones(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["init", str(tmp_path), "--platforms", "抖音,小红薯"])
    assert result.exit_code == 1
    assert result.output.startswith("error: --platforms: 未知的平台 '小红薯'（是否想写 'xiaohongshu'？）；可用：douyin (抖音)")
    assert not (tmp_path / "scenario.yaml").exists()
