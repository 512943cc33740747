"""One person may fill several roles of a stage where the format allows it: a creator who films
themselves is shooter and talent at once, and works the stage's hours once."""

from __future__ import annotations

from typing import Any

from conftest import tiny

from planner.rules import check_plan
from planner.solver import SolveOptions, solve

SOLO = [{"id": "chen", "roles": ["writer", "shooter", "talent", "editor"], "hours_per_day": 8}]


def _topic(topic_id: str, fmt: str, value: float) -> dict[str, Any]:
    return {"id": topic_id, "title": topic_id, "format": fmt, "goal": "engage", "platforms": ["douyin"],
            "value": value}


def test_a_creator_who_films_themselves_gets_a_plan_and_works_the_shoot_once() -> None:
    plan = solve(tiny(team=SOLO, topics=[_topic("a", "talking_head", 50)]), SolveOptions(time_limit=5)).plan
    assert [p.topic for p in plan.publications] == ["a"]
    shoot = next(t for t in plan.tasks if t.stage == "shoot")
    assert shoot.members == ["chen"]
    assert sum(t.hours for t in plan.tasks) == 1 + 1 + 2  # script, shoot (once, not twice), edit
    assert not [v for v in check_plan(plan, tiny(team=SOLO)) if v.hard]


def test_the_hours_of_a_self_filmed_shoot_count_once_against_capacity() -> None:
    """A 5 h shoot for one person with 6 h a day: it fits only if it counts once."""
    team = [{**SOLO[0], "hours_per_day": 6}]
    topic = {**_topic("a", "talking_head", 50), "effort": {"shoot": 5}}
    plan = solve(tiny(team=team, topics=[topic]), SolveOptions(time_limit=5)).plan
    assert [p.topic for p in plan.publications] == ["a"]


def test_a_skit_still_needs_a_second_person_behind_the_camera() -> None:
    plan = solve(tiny(team=SOLO, topics=[_topic("a", "skit", 50)]), SolveOptions(time_limit=5, lang="en")).plan
    assert plan.publications == []
    assert plan.unscheduled[0].reasons == [
        "the shoot needs a shooter and talent who are different people on the same day; only chen holds these "
        "roles and the workflow requires two people"]
