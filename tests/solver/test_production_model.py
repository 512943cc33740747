"""How real teams produce, through the solver and back through the checks: long stages in day-parts,
work in progress (done, ready_at), production windows (produce_after/before, shoot_on), required topics."""

from __future__ import annotations

from typing import Any

from conftest import tiny

from planner.domain.plan import Plan
from planner.domain.scenario import Scenario
from planner.rules import check_plan, resolve_rules
from planner.solver import SolveOptions, solve

EDITOR = {"id": "eve", "roles": ["editor"], "hours_per_day": 6}


def _week(**topic: Any) -> Scenario:
    """One Douyin account, a writer/shooter, a talent and an editor with 6 h a day; seven days."""
    base = {"id": "a", "title": "A", "format": "talking_head", "goal": "engage", "platforms": ["douyin"],
            "value": 50}
    return tiny(horizon={"start": "2026-12-07", "days": 7, "publish_hours": "18:00-21:00"},
                team=[{"id": "ann", "roles": ["writer", "shooter", "planner"]}, {"id": "bob", "roles": ["talent"]},
                      EDITOR],
                topics=[{**base, **topic}])


def _solve(scenario: Scenario) -> Plan:
    plan = solve(scenario, SolveOptions(time_limit=5, lang="en")).plan
    assert not [v for v in check_plan(plan, scenario, resolve_rules(scenario)) if v.hard]
    return plan


def _days(plan: Plan, stage: str) -> list[str]:
    return [f"{t.start:%m-%d}" for t in sorted(plan.tasks, key=lambda t: t.start) if t.stage == stage]


def test_an_edit_longer_than_the_editors_day_runs_over_several_days_by_the_same_editor() -> None:
    plan = _solve(_week(effort={"edit": 14}))  # 14 h for someone with 6 h a day: three parts
    assert [p.topic for p in plan.publications] == ["a"]
    edits = [t for t in plan.tasks if t.stage == "edit"]
    assert len(edits) == 3 and {tuple(t.members) for t in edits} == {("eve",)}
    assert abs(sum(t.hours for t in edits) - 14) < 0.01
    assert len(set(_days(plan, "edit"))) == 3
    assert min(_days(plan, "edit")) > max(_days(plan, "shoot"))


def test_a_stage_span_limit_keeps_the_parts_close() -> None:
    scenario = _week(effort={"edit": 10})
    limited = scenario.model_copy(update={"rules": [
        *scenario.rules, *Scenario.model_validate({**_minimal(), "rules": [
            {"id": "production.stage_split", "max_days": 2}]}).rules]})
    plan = _solve(limited)
    days = _days(plan, "edit")
    assert len(days) == 2 and int(days[1][-2:]) - int(days[0][-2:]) == 1


def _minimal() -> dict[str, Any]:
    return {"name": "m", "horizon": {"start": "2026-12-07"}, "accounts": [{"id": "dy", "platform": "douyin"}]}


def test_work_in_progress_plans_only_what_is_left() -> None:
    plan = _solve(_week(done=["script", "shoot"]))
    assert sorted(t.stage for t in plan.tasks) == ["edit"]
    assert _days(plan, "edit") == ["12-07"]  # nothing before it: the edit can start on day one


def test_a_finished_video_is_only_placed_and_not_before_it_is_ready() -> None:
    plan = _solve(_week(ready_at="2026-12-10T12:00:00"))
    assert plan.tasks == []
    assert [f"{p.at:%m-%d}" >= "12-10" for p in plan.publications] == [True]


def test_production_windows_hold_the_shoot_to_its_days() -> None:
    plan = _solve(_week(produce_after="2026-12-08", shoot_on=["2026-12-10"]))
    assert _days(plan, "shoot") == ["12-10"]
    assert min(_days(plan, "script")) >= "12-08"


def test_a_required_topic_goes_out_even_when_it_is_worth_less_than_another() -> None:
    """The editor can make one of two topics; the cheaper one is the contract deliverable."""
    scenario = tiny(team=[{"id": "ann", "roles": ["writer", "shooter", "editor"], "hours_per_day": 4},
                          {"id": "bob", "roles": ["talent"]}],
                    topics=[{"id": "a", "title": "A", "format": "talking_head", "goal": "engage",
                             "platforms": ["douyin"], "value": 50, "effort": {"edit": 4}},
                            {"id": "b", "title": "B", "format": "talking_head", "goal": "engage",
                             "platforms": ["douyin"], "value": 10, "effort": {"edit": 4}, "required": True}])
    plan = _solve(scenario)
    assert [p.topic for p in plan.publications] == ["b"]


def test_a_required_topic_that_cannot_fit_makes_the_scenario_infeasible() -> None:
    scenario = _week(required=True, earliest="2026-12-07T18:00:00", deadline="2026-12-07T21:00:00")
    result = solve(scenario, SolveOptions(time_limit=5, lang="en"))
    assert not result.plan.solver.status.solved
