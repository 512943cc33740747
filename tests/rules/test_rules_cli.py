"""``planner rules``: the exact text a user sees."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from planner.cli import cli
from planner.cli.rules import rules as rules_group
from planner.rules import describe
from planner.rules.packs import PACKS_DIR

BROKEN = Path(__file__).resolve().parent / "fixtures" / "broken_packs"


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, ["rules", *args])
    return result.exit_code, result.stdout, result.stderr


def test_list_shows_every_kind_with_its_default_and_meaning() -> None:
    code, out, _ = run("list")
    lines = out.splitlines()
    assert code == 0
    assert lines[0] == "kind                default  meaning"
    assert "max_posts_per_day   hard     an account publishes at most ``max`` posts on any one day." in lines
    assert ("no_back_to_back     soft     an account does not post two topics of the same category "
            "(or format, goal) in a row.") in lines
    assert len(lines) == 1 + len(describe())


def test_show_prints_the_pack_as_a_table() -> None:
    code, out, _ = run("show", "douyin")
    lines = out.splitlines()
    assert code == 0
    assert lines[0] == f"douyin — 抖音 (12 rules, {PACKS_DIR / 'douyin.yaml'})"
    assert lines[1].split() == ["id", "kind", "mode", "parameters", "source", "as_of"]
    rows = {line.split()[0]: line for line in lines[2:lines.index("")]}
    assert rows["douyin.title_length"].split()[:4] == ["douyin.title_length", "text_limits", "hard", "title_max=30"]
    assert rows["douyin.title_length"].endswith("2026-11-28")
    assert rows["douyin.peak_hours"].split()[:5] == [
        "douyin.peak_hours", "posting_window", "soft", "w=2", "hours=12:00-14:00,18:00-22:00"]
    assert "ad_label=广告 ai_label=AI生成" in rows["douyin.labels"]


def test_show_lists_the_warm_up_profiles_and_says_their_numbers_are_practice() -> None:
    code, out, _ = run("show", "douyin")
    lines = out.splitlines()
    start = lines.index("warm-up new_account — 新号养号（前 14 天） — practice, not platform law (养号经验，非平台规则)")
    assert code == 0
    assert "source: operating practice for new 抖音 accounts" in lines[start + 1] and "as_of: 2026-12-06" in lines[start + 1]
    rows = {line.split()[0]: line for line in lines[start + 3:]}
    assert rows["douyin.warmup.new_account.ramp_week1"].split() == [
        "douyin.warmup.new_account.ramp_week1", "max_posts_per_day", "hard", "max=1", "days", "1-7", "after", "creation"]
    assert "match={commercial: true}" in rows["douyin.warmup.new_account.no_ads"]
    assert rows["douyin.warmup.new_account.interaction"].split() == [
        "douyin.warmup.new_account.interaction", "reply_duty", "hard", "minutes=30", "within_hours=2",
        "days", "1-14", "after", "creation"]


def test_show_takes_a_chinese_platform_name() -> None:
    code, out, _ = run("show", "小红书")
    assert code == 0 and out.startswith("xiaohongshu — 小红书 (")


def test_show_all_prints_every_pack() -> None:
    code, out, _ = run("show", "all")
    headers = [line.split(" — ")[0] for line in out.splitlines() if " — " in line and "rules, " in line]
    assert code == 0
    assert headers == sorted(p.stem for p in PACKS_DIR.glob("*.yaml"))


def test_show_an_unknown_platform_is_a_one_line_error() -> None:
    code, out, err = run("show", "douyn")
    assert code == 1 and out == ""
    assert err == ("error: no rule pack 'douyn' (known: bilibili, douyin, instagram_reels, kuaishou, tiktok, "
                   "wechat_channels, weibo, xiaohongshu, xigua, youtube_shorts)\n")


def test_lint_passes_the_shipped_packs() -> None:
    paths = sorted(str(p) for p in PACKS_DIR.glob("*.yaml"))
    code, out, err = run("lint", *paths)
    assert code == 0 and err == ""
    assert out.splitlines()[1] == f"{PACKS_DIR / 'douyin.yaml'}: ok (12 rules)"


def test_lint_reports_every_problem_with_its_code_and_fails() -> None:
    paths = [str(BROKEN / name) for name in ("duplicate_id.yaml", "unknown_kind.yaml")]
    code, out, err = run("lint", *paths)
    assert code == 1
    assert out.splitlines() == [
        f"{paths[0]}:10:5 rules[1].id: [R001] duplicate rule id 'douyin.title_length'",
        f"{paths[1]}:11:5 rules[1].kind: [R004] unknown rule kind 'max_post_per_day' (did you mean 'max_posts_per_day'?)",
    ]
    assert err == "2 problem(s)\n"


def test_lint_a_missing_file() -> None:
    code, out, _ = run("lint", "no/such/pack.yaml")
    assert code == 1 and out == "no/such/pack.yaml: [R000] no such file\n"


def test_lint_help_lists_every_code() -> None:
    _, out, _ = run("lint", "--help")
    for code in ("R000", "R001", "R002", "R003", "R004", "R005", "R006", "R007"):
        assert f"  {code}  " in out



@pytest.mark.parametrize("name", ["", *sorted(rules_group.commands)])
def test_every_command_has_help_with_an_example(name: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PLANNER_LANG", "en")  # the English help (Chinese: tests/test_help_lang.py)
    code, out, _ = run(*([name] if name else []), "--help")
    assert code == 0
    assert "Example:" in out and "planner rules" in out.split("Example:")[1]
