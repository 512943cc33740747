"""Replanning against an earlier plan (--stable): the earlier plan is the start, its people put back
in their role seats, and repaired where it no longer holds, so an unchanged scenario moves nothing
and a change moves little."""

from __future__ import annotations

from typing import Any

from conftest import built, tiny

from planner.domain.plan import Plan
from planner.domain.scenario import Scenario
from planner.solver import SolveOptions, solve
from planner.solver.earlier import start_from

OPTIONS = SolveOptions(time_limit=5, workers=1, seed=0)
# zed is shooter and talent; 口播 lets one person fill both, 剧情 does not.
TEAM = [{"id": "ann", "roles": ["writer", "editor", "planner"]},
        {"id": "zed", "roles": ["shooter", "talent"]},
        {"id": "bob", "roles": ["talent", "shooter", "editor"]}]


def _scenario(team: list[dict[str, Any]] | None = None) -> Scenario:
    topics = [{"id": f"t{i}", "title": f"T{i}", "format": "skit" if i % 2 else "talking_head", "goal": "engage",
               "platforms": ["douyin"], "value": 20 + 7 * i} for i in range(6)]
    return tiny(horizon={"start": "2026-12-07", "days": 7, "publish_hours": "18:00-21:00"},
                team=team or TEAM, topics=topics)


def _moved(before: Plan, after: Plan) -> int:
    def key(plan: Plan) -> set[tuple[str, str, object]]:
        return {(p.topic, p.account, p.at) for p in plan.publications}
    return len(key(before) - key(after))


def test_an_unchanged_scenario_replanned_against_its_own_plan_moves_nothing() -> None:
    scenario = _scenario()
    first = solve(scenario, OPTIONS).plan
    assert any(len(t.members) == 2 and "zed" in t.members for t in first.tasks if t.stage == "shoot")
    again = solve(scenario, SolveOptions(time_limit=5, workers=1, seed=0, stable=first)).plan
    assert _moved(first, again) == 0
    assert again.solver.objective >= first.solver.objective - 1e-6


def test_a_plan_that_no_longer_holds_is_repaired_rather_than_dropped() -> None:
    """bob is off on the day of one shoot: only what that forces moves."""
    scenario = _scenario()
    first = solve(scenario, OPTIONS).plan
    day = next(t.start.date() for t in first.tasks if "bob" in t.members)
    changed = _scenario([*TEAM[:2], {**TEAM[2], "days_off": [day.isoformat()]}])
    result = solve(changed, SolveOptions(time_limit=5, workers=1, seed=0, stable=first, lang="en"))
    touched = {t.topic for t in first.tasks if "bob" in t.members and t.start.date() == day}
    assert _moved(first, result.plan) <= len(touched)
    (note,) = [n for n in result.notes if n.startswith("against the earlier plan")]
    assert f"{_moved(first, result.plan)} of its {len(first.publications)} posts moved" in note


def test_the_earlier_plan_is_the_start_with_its_people_in_their_role_seats() -> None:
    """A plan lists who worked on a shoot, not in which role: zed and bob both hold shooter and
    talent, and a skit needs two people, so each must be put back in one seat for the start to hold."""
    scenario = _scenario()
    first = solve(scenario, OPTIONS).plan
    assert any(set(t.members) == {"zed", "bob"} for t in first.tasks if t.stage == "shoot")
    builder = built(scenario, slots_per_day=24)
    held = start_from(builder, first, scenario)
    assert held is not None
    chosen = {(c.topic.id, c.account.id, c.at) for c in builder.pubs if held.boolean_value(c.lit)}
    assert chosen == {(p.topic, p.account, scenario.horizon.localize(p.at)) for p in first.publications}
