"""A scenario too large to hold its candidates is refused before any is made, with the numbers
and the way out, instead of running out of memory (issue 24, item 12)."""

from __future__ import annotations

import time

import pytest

from planner.domain.scenario import Scenario
from planner.errors import InputError
from planner.solver import SolveOptions, solve


def test_500_accounts_by_200_topics_is_refused_in_a_moment() -> None:
    scenario = Scenario.model_validate({
        "name": "huge",
        "horizon": {"start": "2026-12-07", "days": 14, "slot_minutes": 30},
        "accounts": [{"id": f"a{i}", "platform": "douyin"} for i in range(500)],
        "team": [{"id": "ann", "roles": ["writer", "shooter", "editor", "talent"]}],
        "topics": [{"id": f"t{i}", "title": f"T{i}", "format": "talking_head", "goal": "engage",
                    "platforms": ["douyin"]} for i in range(200)],
    })
    started = time.perf_counter()
    with pytest.raises(InputError) as caught:
        solve(scenario, SolveOptions(time_limit=5))
    assert time.perf_counter() - started < 10
    (problem,) = caught.value.problems
    assert problem.path == "topics"
    assert "200 topics on 500 accounts" in problem.message and "split the scenario" in problem.message
