"""The library entry points: the same power as the CLI, for embedding."""

from __future__ import annotations

from pathlib import Path

from planner.domain.plan import Plan
from planner.domain.scenario import Scenario


def load(path: str | Path, *, allow_outside: bool = False) -> Scenario:
    """Load a scenario file (with its ``extends`` chain); raises InputError with located problems.

    Files it names outside its folder (extends, rule packs, history) are refused unless ``allow_outside``.
    """
    from planner.scenario import load as load_scenario

    return load_scenario(path, allow_outside=allow_outside)


def plan(scenario: Scenario | str | Path, *, time_limit: float = 30.0, seed: int = 0, workers: int = 2,
         deterministic: bool = True, stable: Plan | None = None) -> Plan:
    """Solve a scenario into a Plan that has passed every rule's independent check."""
    from planner.solver import SolveOptions, solve

    if not isinstance(scenario, Scenario):
        scenario = load(scenario)
    options = SolveOptions(time_limit=time_limit, seed=seed, workers=workers, deterministic=deterministic,
                           stable=stable)
    return solve(scenario, options).plan


def check(plan: Plan, scenario: Scenario) -> list:  # type: ignore[type-arg]
    """Every rule violation of a plan, however it was made."""
    from planner.rules import check_plan

    return check_plan(plan, scenario)


def score(scenario: Scenario, plan: Plan):  # type: ignore[no-untyped-def]
    """Score any plan (solved or made by hand): violations, KPIs with intervals, workload, trends."""
    from planner.scoring import score as score_plan

    return score_plan(scenario, plan)


def compare(plans):  # type: ignore[no-untyped-def]
    """Compare plans side by side: {name: (scenario, plan)} -> Comparison."""
    from planner.scoring import compare as compare_plans

    return compare_plans(plans)
