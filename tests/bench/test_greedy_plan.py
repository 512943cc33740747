"""The greedy baseline as a checked plan, and the objective recomputed from a plan."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from planner.bench.greedy_plan import greedy_plan, plan_objective
from planner.domain.plan import Plan, Publication, Violation
from planner.domain.scenario import Scenario


def tiny() -> Scenario:
    """One Douyin account, two people, topics worth 50 and 30 (priority 3: value as written)."""
    return Scenario.model_validate({
        "name": "tiny",
        "horizon": {"start": "2026-12-07", "days": 3, "publish_hours": "18:00-21:00"},
        "accounts": [{"id": "dy", "platform": "douyin", "followers": 100000}],
        "team": [{"id": "ann", "roles": ["writer", "shooter", "editor", "planner"]},
                 {"id": "bob", "roles": ["talent", "shooter"]}],
        "topics": [
            {"id": "a", "title": "A", "format": "talking_head", "goal": "engage", "platforms": ["douyin"], "value": 50},
            {"id": "b", "title": "B", "format": "talking_head", "goal": "engage", "platforms": ["douyin"], "value": 30},
        ],
        "objective": {"unscheduled_penalty": 20},
    })


def test_greedy_plan_is_checked_and_scored_like_the_solver() -> None:
    outcome = greedy_plan(tiny())
    plan = outcome.plan
    assert outcome.hard_violations == 0
    assert next(p.topic for p in plan.publications) == "a"  # the most valuable topic goes first
    assert plan.tasks and all(t.start < t.end for t in plan.tasks)
    objective = outcome.objective
    assert objective.total == pytest.approx(objective.values - objective.unscheduled - objective.soft)
    assert plan_objective(plan, tiny()) == objective
    assert plan.solver.objective == objective.total


def test_plan_objective_counts_values_left_out_topics_and_soft_penalties() -> None:
    at = datetime(2026, 12, 9, 19, tzinfo=UTC)
    plan = Plan(scenario="tiny", generated_at=at,
                publications=[Publication(topic="a", account="dy", platform="douyin", at=at, expected={"value": 50})],
                violations=[Violation(rule="douyin.peak_hours", hard=False, penalty=2.0),
                            Violation(rule="x", hard=True, penalty=0.0)])
    got = plan_objective(plan, tiny())
    assert (got.values, got.unscheduled, got.soft, got.total) == (50.0, 60.0, 2.0, -12.0)
