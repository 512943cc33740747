"""The LP relaxation's bound: worked out by hand on tiny models, and never below a plan."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import AGENCY, built, tiny
from ortools.sat.python import cp_model

import planner
from planner.bench.generate import write
from planner.solver import SolveOptions, solve
from planner.solver.model import SCALE
from planner.solver.relaxation import LP_MAX_VARIABLES, lp_bound, lp_time_limit


def knapsack() -> tuple[cp_model.CpModel, list[cp_model.IntVar]]:
    # maximise 5x + 4y + 3z with 2x + 2y + 2z <= 3: the LP takes x and half of y, 7; a plan only one, 5.
    model = cp_model.CpModel()
    x, y, z = (model.new_bool_var(n) for n in "xyz")
    model.add(2 * x + 2 * y + 2 * z <= 3)
    model.maximize(5 * x + 4 * y + 3 * z)
    return model, [x, y, z]


def test_the_bound_is_the_floor_of_the_lp_optimum() -> None:
    model, _ = knapsack()
    assert lp_bound(model, 5).bound == 7


def test_negated_literals_count_as_one_minus_the_variable() -> None:
    model, (x, y, z) = knapsack()
    model.add_at_most_one([x, ~z])  # x <= z: the LP now takes x = z = 3/4 (value 6) or y = 1, x = z = 1/4 (6)
    model.add_bool_or([~x, ~y])  # not both: true already in both LP optima
    assert lp_bound(model, 5).bound == 6


def test_no_bound_without_time_or_for_a_minimum() -> None:
    model, (x, y, z) = knapsack()
    assert lp_bound(model, 0).bound is None
    model.minimize(x + y + z)
    assert lp_bound(model, 5).bound is None
    assert lp_time_limit(30, LP_MAX_VARIABLES + 1) == 0


def test_the_tiny_scenario_with_a_gap_relaxes_to_its_optimum() -> None:
    # One post fits in the 2 h window: a (50) with b left out (-60) is -10. Half of each,
    # 25 + 15 - 30 - 30 = -20, is worse, so the LP optimum is the plan's own -10.
    scenario = tiny(rules=[{"id": "gap", "kind": "min_gap", "hours": 2, "source": "test", "as_of": "2026-11-28"}])
    assert lp_bound(built(scenario).model, 5).bound == -10 * SCALE


@pytest.mark.slow
def test_a_plan_reports_the_tighter_bound_and_never_beats_it(tmp_path: Path) -> None:
    scenario = planner.load(str(write(AGENCY, 2, tmp_path)))
    options = SolveOptions(time_limit=3, workers=1, seed=0, split_above=0)
    relaxed = lp_bound(built(scenario, options.slots_per_day).model, 30).bound
    assert relaxed is not None
    info = solve(scenario, options).plan.solver
    assert info.objective is not None and info.bound is not None
    assert info.objective <= info.bound <= relaxed / SCALE + 1e-9


def test_a_member_filming_themselves_spends_their_hours_in_the_bound_too() -> None:
    # bob is shooter and talent for both shoots on day 1 but has one hour: one shoot, so a alone (-10).
    # The LP used to let his time in both roles cost nothing and bounded the plan by 80.
    scenario = tiny(team=[{"id": "ann", "roles": ["writer", "editor"]},
                          {"id": "bob", "roles": ["shooter", "talent"], "hours_per_day": 1}])
    assert lp_bound(built(scenario).model, 5).bound == -10 * SCALE


def test_a_day_holds_whole_tasks_in_the_bound_too() -> None:
    # 1.5 h a day holds one 1 h script, not one and a half: a alone (-10); the LP used to give 35.
    scenario = tiny(team=[{"id": "ann", "roles": ["writer"], "hours_per_day": 1.5},
                          {"id": "bob", "roles": ["shooter", "talent", "editor"]}])
    assert lp_bound(built(scenario).model, 5).bound == -10 * SCALE
