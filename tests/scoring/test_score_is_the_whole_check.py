"""Score judges every hard rule the solver honours, on any calendar, and only what the calendar shows.

Issue 22: a 06:30 post against 07:00 publish hours is a HARD violation; a missing pin is one too;
a calendar with posts only, or with tasks for some topics, gets no invented "without its edit";
``planner score`` exits 6 when a hard rule is broken (``--strict`` changes nothing).
"""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from planner.cli import cli
from planner.rules import check_plan
from planner.scenario import load
from planner.scenario.calendar import parse_calendar
from planner.scoring import score
from planner.scoring.compliance import compliance

ROOT = Path(__file__).resolve().parents[2]
TINY = ROOT / "tests" / "fixtures" / "tiny.yaml"  # publish hours 18:00-21:00, topics a and b on dy

POSTS_ONLY = "topic,account,time\na,dy,2026-12-09 19:00\nb,dy,2026-12-09 20:00\n"
PARTIAL = (POSTS_ONLY.replace("topic,account,time\n", "topic,account,time,member,stage\n")
           + "a,,2026-12-07 10:00,ann,script\na,,2026-12-08 10:00,ann,shoot\na,,2026-12-08 10:00,bob,shoot\n"
           "a,,2026-12-09 10:00,ann,edit\n")


def _plan(text: str, name: str = "calendar.csv"):  # type: ignore[no-untyped-def]
    scenario = load(TINY)
    return scenario, parse_calendar(text, scenario, name)


def _score_cli(tmp_path: Path, text: str, *args: str) -> tuple[int, str, str]:
    calendar = tmp_path / "calendar.csv"
    calendar.write_text(text, encoding="utf-8")
    result = CliRunner().invoke(cli, ["score", str(TINY), str(calendar), "--format", "json", *args])
    return result.exit_code, result.stdout, result.stderr


def test_a_post_before_the_publish_hours_is_a_hard_violation() -> None:
    scenario, plan = _plan("topic,account,time\na,dy,2026-12-09 17:30\nb,dy,2026-12-09 20:00\n")
    hard = [v for v in compliance(plan, scenario).violations if v.hard]
    assert [(v.rule, v.detail) for v in hard] == [
        ("horizon.publish_hours", "a on dy at 2026-12-09 17:30: 17:30 is outside the publish hours 18:00-21:00")]


def test_score_exits_6_on_a_post_outside_the_publish_hours_and_strict_changes_nothing(tmp_path: Path) -> None:
    early = "topic,account,time\na,dy,2026-12-09 06:30\nb,dy,2026-12-09 20:00\n"
    for extra in ((), ("--strict",)):
        code, out, err = _score_cli(tmp_path, early, "--lang", "en", *extra)
        assert code == 6, err
        assert "horizon.publish_hours" in out
        assert err.splitlines()[-1] == "the plan breaks 1 hard rule(s)"
    code, _, err = _score_cli(tmp_path, early)
    assert (code, err.splitlines()[-1]) == (6, "该计划违反 1 条硬性规则")


def test_a_calendar_with_posts_only_scores_clean_and_exits_0(tmp_path: Path) -> None:
    scenario, plan = _plan(POSTS_ONLY)
    checked = compliance(plan, scenario)
    assert checked.violations == []
    assert checked.not_judged == ["a", "b"]
    code, _, err = _score_cli(tmp_path, POSTS_ONLY, "--lang", "en")
    assert (code, err) == (0, "")


def test_tasks_for_some_topics_judge_production_only_there() -> None:
    scenario, plan = _plan(PARTIAL)
    # The plain rule check charges b with the edit the calendar never meant to show:
    assert any("b goes out on dy without its edit" in v.detail for v in check_plan(plan, scenario))
    checked = compliance(plan, scenario)
    assert checked.violations == []
    assert checked.not_judged == ["b"]
    result = score(scenario, plan, with_best_times=False)
    assert (result.hard_count, result.not_judged) == (0, ["b"])


def test_production_is_still_judged_for_topics_with_tasks() -> None:
    scenario, plan = _plan(PARTIAL.replace("a,,2026-12-09 10:00,ann,edit\n", "a,,2026-12-09 20:00,ann,edit\n"))
    hard = [v for v in compliance(plan, scenario).violations if v.hard]
    assert [v.rule for v in hard] == ["production.before_publish"]
    assert "a edit ends" in hard[0].detail


def test_score_names_the_topics_it_could_not_judge_for_production(tmp_path: Path) -> None:
    code, _, err = _score_cli(tmp_path, PARTIAL, "--lang", "en")
    assert (code, err) == (0, "production not judged (the calendar has no tasks for these topics): b\n")
    code, _, err = _score_cli(tmp_path, PARTIAL)
    assert (code, err) == (0, "未评判制作（日历中没有这些选题的任务）：b\n")


def test_a_pinned_publication_missing_from_the_calendar_is_a_hard_violation(tmp_path: Path) -> None:
    pinned = tmp_path / "pinned.yaml"
    pinned.write_text(TINY.read_text(encoding="utf-8")
                      + "pins:\n  publications:\n    - {topic: a, account: dy, at: 2026-12-08T19:00:00}\n",
                      encoding="utf-8")
    scenario = load(pinned)
    plan = parse_calendar(POSTS_ONLY, scenario, "calendar.csv")
    hard = [v for v in compliance(plan, scenario).violations if v.hard]
    assert [(v.rule, v.detail) for v in hard] == [("pins", "pinned a on dy at 2026-12-08 19:00 is not in the plan")]
    kept = parse_calendar(POSTS_ONLY.replace("2026-12-09 19:00", "2026-12-08 19:00"), scenario, "calendar.csv")
    assert compliance(kept, scenario).violations == []
