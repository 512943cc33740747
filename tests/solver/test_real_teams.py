"""The shipped team scenarios plan as their headers promise (issue 18's 'done when')."""

from __future__ import annotations

from pathlib import Path

import pytest

import planner
from planner.rules import check_plan, resolve_rules

SCENARIOS = Path(__file__).resolve().parents[2] / "scenarios"


@pytest.mark.slow
def test_a_one_person_creator_plans_every_topic_with_multi_day_edits() -> None:
    scenario = planner.load(SCENARIOS / "solo_creator.yaml")
    plan = planner.plan(scenario, time_limit=10, seed=0)
    assert plan.unscheduled == []
    assert not [v for v in check_plan(plan, scenario, resolve_rules(scenario)) if v.hard]
    assert {m for t in plan.tasks for m in t.members} == {"chen"}
    edit_days = {}
    for task in plan.tasks:
        if task.stage == "edit":
            edit_days.setdefault(task.topic, set()).add(task.start.date())
    long_edits = {t.id for t in scenario.topics if t.effort.get("edit", 0) > 8}
    assert long_edits and all(len(edit_days[t]) >= 2 for t in long_edits)
    assert sorted({t.stage for t in plan.tasks if t.topic == "earbuds"}) == ["adapt:douyin", "adapt:wechat_channels",
                                                                            "edit"]  # 存稿: shot already


@pytest.mark.slow
def test_a_brand_team_plans_its_stock_its_event_its_deliverable_and_the_replies() -> None:
    scenario = planner.load(SCENARIOS / "brand_team.yaml")
    plan = planner.plan(scenario, time_limit=10, seed=0)
    assert not [v for v in check_plan(plan, scenario, resolve_rules(scenario)) if v.hard]
    posts = {(p.topic, p.account) for p in plan.publications}
    assert {a for t, a in posts if t == "c01"} == {"dy_main", "xhs_main"}  # required on two accounts
    assert ("l01", "dy_main") in posts
    assert not [t for t in plan.tasks if t.topic == "s02" and not t.stage.startswith("reply:")]  # ready-made
    shoots = {t.start.date().isoformat() for t in plan.tasks if t.topic in ("e01", "e02") and t.stage == "shoot"}
    assert shoots <= {"2026-12-12"}
    replies = [t for t in plan.tasks if t.stage.startswith("reply:")]
    assert len(replies) == sum(1 for p in plan.publications if p.topic != "l01")
    live = next(t for t in plan.tasks if t.stage == "live")
    assert not [r for r in replies if set(r.members) & set(live.members) and r.start < live.end and live.start < r.end]
