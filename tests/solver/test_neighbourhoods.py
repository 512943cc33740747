"""Topic neighbourhoods: the plan they improve keeps every rule, beats its start, reports its own
objective, and the same seed gives the same plan."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import AGENCY, built, tiny

import planner
from planner.bench.generate import write
from planner.bench.greedy_plan import greedy_plan, plan_objective
from planner.domain.scenario import Scenario
from planner.solver import SolveOptions, solve

STEPS = SolveOptions(time_limit=4, workers=2, seed=0, split_above=0, neighbourhoods_above=0)


@pytest.fixture(scope="module")
def agency(tmp_path_factory: pytest.TempPathFactory) -> Scenario:
    return planner.load(str(write(AGENCY, 3, tmp_path_factory.mktemp("agency"))))


def test_the_tiny_optimum_is_found_and_proven_by_the_lp_bound() -> None:
    # Both topics fit (see test_solver): 50 + 30 = 80, and the relaxation can do no better.
    result = solve(tiny(), STEPS)
    assert any("neighbourhoods" in note for note in result.notes)
    assert result.plan.solver.objective == pytest.approx(80)
    assert result.plan.solver.status == "OPTIMAL"


def test_neighbourhoods_keep_every_rule_and_beat_greedy(agency: Scenario) -> None:
    result = solve(agency, STEPS)
    plan = result.plan
    assert any("neighbourhoods" in note for note in result.notes)
    assert not [v for v in plan.violations if v.hard]
    assert plan.solver.objective == pytest.approx(plan_objective(plan, agency).total, abs=0.5)
    assert plan.solver.objective > greedy_plan(agency).objective.total
    assert plan.solver.bound is not None and plan.solver.bound >= plan.solver.objective


def test_the_same_seed_gives_the_same_plan_by_neighbourhoods(agency: Scenario) -> None:
    first = solve(agency, STEPS).plan
    second = solve(agency, STEPS).plan
    assert first.publications == second.publications
    assert first.tasks == second.tasks
    assert first.solver.objective == second.solver.objective


def test_pins_hold_through_neighbourhoods(agency: Scenario) -> None:
    # A pinned post is a fixed domain of the model: freeing its topic must not move it.
    pub = greedy_plan(agency).plan.publications[0]
    pins = {"publications": [{"topic": pub.topic, "account": pub.account, "at": pub.at.isoformat()}]}
    pinned = Scenario.model_validate({**agency.model_dump(mode="json"), "pins": pins})
    plan = solve(pinned, STEPS).plan
    assert [p.at for p in plan.publications if (p.topic, p.account) == (pub.topic, pub.account)] == [pub.at]


def test_two_builds_of_one_scenario_in_one_process_are_the_same_model(agency: Scenario, tmp_path: Path) -> None:
    # A running count's upper bound was looked up by id(); a later object reusing a dead count's id
    # took its bound, so the same seed gave two plans in one process.
    texts = []
    for k in range(3):
        model = built(agency).model
        model.export_to_file(str(tmp_path / f"{k}.txt"))
        texts.append((tmp_path / f"{k}.txt").read_text())
    assert texts[0] == texts[1] == texts[2]
