"""Explain an infeasible scenario: the fewest hard rules (and pins) to relax for a plan to exist.

Every hard rule and pin gets a switch; CP-SAT maximises the switches left on. The ones it must
turn off form a smallest conflicting set (raw assumption cores are far from minimal when the
model has an objective, so we minimise directly).
"""

from __future__ import annotations

from dataclasses import dataclass

from ortools.sat.python import cp_model

from planner.domain.scenario import Scenario
from planner.rules import resolve_rules
from planner.solver.candidates import generate
from planner.solver.model import ModelBuilder
from planner.workflow import dependency_graph


@dataclass
class Explanation:
    feasible: bool
    status: str
    conflicts: list[tuple[str, str]]  # (rule id or pin, source)


def explain(scenario: Scenario, *, time_limit: float = 30.0, workers: int = 2, seed: int = 0) -> Explanation:
    dependency_graph(scenario)
    rules = resolve_rules(scenario)
    cands = generate(scenario, rules)
    builder = ModelBuilder(scenario, rules, cands, [0.0] * len(cands.pubs), explain=True).build()
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = time_limit
    solver.parameters.num_workers = workers
    solver.parameters.random_seed = seed
    status = solver.solve(builder.model)
    name = solver.status_name(status)
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return Explanation(False, name, [])
    off = [(rule, builder.relax.sources.get(rule, "")) for rule, switch in builder.relax.switches.items()
           if not solver.boolean_value(switch)]
    return Explanation(not off, name, sorted(off))
