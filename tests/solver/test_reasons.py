"""Unscheduled reasons name the real cause: one scenario per cause family, whose cause is known.

Every scenario is the tiny one (three days; script, shoot and edit a day apart, so a topic can
only go out on the third day) with one thing changed.
"""

from __future__ import annotations

from typing import Any

import pytest
from conftest import tiny

from planner.domain.plan import Plan
from planner.solver import SolveOptions, solve

ANN = {"id": "ann", "roles": ["writer", "shooter", "editor", "planner"]}
BOB = {"id": "bob", "roles": ["talent", "shooter"]}


def _topic(topic_id: str, value: float, **extra: Any) -> dict[str, Any]:
    return {"id": topic_id, "title": topic_id.upper(), "format": "talking_head", "goal": "engage",
            "platforms": ["douyin"], "value": value, **extra}


def _plan(lang: str = "en", **overrides: Any) -> Plan:
    return solve(tiny(**overrides), SolveOptions(time_limit=5, seed=0, lang=lang)).plan


def _reasons(plan: Plan, topic: str) -> list[str]:
    found = {u.topic: u.reasons for u in plan.unscheduled}
    assert topic in found, f"{topic} was planned: {[p.topic for p in plan.publications]}"
    return found[topic]


def test_staffing_pair_names_the_roles_and_the_only_member() -> None:
    """A skit needs a shooter and a talent who are different people; ann is the only one with both roles."""
    plan = _plan(team=[{"id": "ann", "roles": ["writer", "shooter", "editor", "talent"]}],
                 topics=[_topic("a", 50, format="skit")])
    assert _reasons(plan, "a") == ["the shoot needs a shooter and talent who are different people on the same day; "
                                   "only ann holds these roles and the workflow requires two people"]


def test_a_stage_longer_than_any_day_runs_in_day_parts_and_says_when_they_do_not_fit_in_time() -> None:
    """A 10 h edit for ann's 8 h day is two day-parts: script, shoot and two edit days need four days."""
    plan = _plan(team=[{**ANN, "hours_per_day": 8}, BOB], topics=[_topic("a", 50, effort={"edit": 10})])
    assert _reasons(plan, "a") == ["no time to make it by 12-09: script, shoot, edit (1/2), edit (2/2) need a "
                                   "day each before 12-09 20:00"]


def test_a_stage_that_needs_more_days_than_the_plan_has_names_its_hours_and_the_members_day() -> None:
    plan = _plan(team=[{**ANN, "hours_per_day": 8}, BOB], topics=[_topic("a", 50, effort={"edit": 40})])
    assert _reasons(plan, "a") == ["the 40 h edit needs 5 days (the editors work ann 8 h a day) and the plan has 3"]


def test_capacity_names_the_full_members_and_the_topics_that_took_their_hours() -> None:
    """Both edits can only run on the third day; ann has 8 h and each edit takes 7."""
    plan = _plan(team=[{**ANN, "hours_per_day": 8}, BOB],
                 topics=[_topic("a", 50, effort={"edit": 7}), _topic("b", 30, effort={"edit": 7})])
    assert [p.topic for p in plan.publications] == ["a"]
    (reason,) = _reasons(plan, "b")
    assert reason.startswith("no editor hours for edit by 12-09: ann are full on every eligible day (it needs 7 h")
    assert reason.endswith("; their hours went to a")


def test_a_rule_cap_names_the_rule_the_account_and_the_count() -> None:
    rules = [{"id": "cap", "kind": "max_posts_per_day", "max": 1}]
    plan = _plan(rules=rules)
    reasons = _reasons(plan, "b")
    assert reasons[0] == "cap: dy already has 1 posts in 12-09 (max 1) (on dy: 2 slots refused)"


def test_a_deadline_before_production_can_finish_says_there_is_no_time() -> None:
    plan = _plan(topics=[_topic("a", 50), _topic("b", 30, deadline="2026-12-08T20:00:00")])
    (reason,) = _reasons(plan, "b")
    assert reason.startswith("no time to make it before its deadline 12-08: script, shoot, edit need a day each")


def test_a_dependency_names_the_episode_that_is_not_published() -> None:
    """Episode 1 cannot go out (its deadline is too early), so episode 2 may not either."""
    plan = _plan(topics=[_topic("a", 50, series="s", episode=1, deadline="2026-12-08T20:00:00"),
                         _topic("b", 30, series="s", episode=2)])
    reasons = _reasons(plan, "b")
    assert any("b comes after a, which is not published" in r for r in reasons), reasons


def test_value_competition_names_the_topic_that_took_the_resources() -> None:
    """bob (the only talent) can give one hour a day: both shoots need day two, and a is worth more."""
    plan = _plan(team=[ANN, {**BOB, "hours_per_day": 1}])
    assert [p.topic for p in plan.publications] == ["a"]
    reasons = _reasons(plan, "b")
    assert any(r.endswith("their hours went to a") and "talent" in r for r in reasons), reasons


@pytest.mark.parametrize(("lang", "text"), [
    ("zh", "40 小时的剪辑环节需要 5 天（剪辑每天可工作 ann 8 h），而计划只有 3 天"),
    ("en", "the 40 h edit needs 5 days (the editors work ann 8 h a day) and the plan has 3"),
])
def test_reasons_are_in_the_users_language(lang: str, text: str) -> None:
    plan = _plan(lang=lang, team=[{**ANN, "hours_per_day": 8}, BOB], topics=[_topic("a", 50, effort={"edit": 40})])
    assert _reasons(plan, "a") == [text]
