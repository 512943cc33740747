"""Small scenarios built in code, so each test states its own numbers."""

from __future__ import annotations

from typing import Any

import pytest

from planner.bench.tiers import Tier
from planner.domain.scenario import Scenario
from planner.pricing import candidate_values
from planner.rules import resolve_rules
from planner.solver.candidates import generate, shortlist
from planner.solver.model import ModelBuilder

#: A small agency: three client brands of two accounts, each with its own team, and two shared members.
AGENCY = Tier("XS", brands=3, accounts=6, members=12, topics=45, days=7, shared=2)


def tiny(**overrides: Any) -> Scenario:
    """One Douyin account, two people, two talking-head topics worth 50 and 30.

    Three days; posts only at 18:00, 19:00 or 20:00; stages one day apart, so script on
    day 0, shoot on day 1, edit on day 2 (ends by 19:00) and publish at 19:00 or 20:00 on day 2.
    """
    data: dict[str, Any] = {
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
    }
    for key, value in overrides.items():
        data[key] = value
    return Scenario.model_validate(data)


@pytest.fixture
def tiny_scenario() -> Scenario:
    return tiny()


def built(scenario: Scenario, slots_per_day: int = 6) -> ModelBuilder:
    """The model ``solve`` builds for a scenario (no hint)."""
    rules = resolve_rules(scenario)
    cands = generate(scenario, rules)
    values = candidate_values(scenario, cands.pubs)
    cands, chosen = shortlist(cands, values.points, rules, scenario, slots_per_day, set())
    return ModelBuilder(scenario, rules, cands, [values.points[i] for i in chosen]).build()
