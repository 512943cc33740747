"""Explain an infeasible scenario: the fewest hard rules that conflict, and the pins they fight.

Every hard rule and pin gets a switch. First CP-SAT keeps as many rules switched on as it can
while keeping the pins (pins are the user's facts); the rules it must switch off are the
conflict. Then, with every rule on, pins are dropped one by one while the scenario stays
infeasible, leaving a minimal set of pins in the conflict. (Raw assumption cores come back far
from minimal when the model has an objective, so we minimise directly.)
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ortools.sat.python import cp_model

from planner.domain.scenario import Scenario
from planner.rules import resolve_rules
from planner.solver.candidates import generate
from planner.solver.model import ModelBuilder
from planner.workflow import dependency_graph

MAX_PIN_PROBES = 40


@dataclass
class Explanation:
    feasible: bool
    status: str
    conflicts: list[tuple[str, str]] = field(default_factory=list)  # (rule id, source)
    pins: list[str] = field(default_factory=list)  # pins that take part in the conflict


def _solver(time_limit: float, workers: int, seed: int) -> cp_model.CpSolver:
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = time_limit
    solver.parameters.num_workers = workers
    solver.parameters.random_seed = seed
    return solver


def explain(scenario: Scenario, *, time_limit: float = 30.0, workers: int = 2, seed: int = 0) -> Explanation:
    dependency_graph(scenario)
    rules = resolve_rules(scenario)
    cands = generate(scenario, rules)
    builder = ModelBuilder(scenario, rules, cands, [0.0] * len(cands.pubs), explain=True).build()
    switches = builder.relax.switches
    pins = {k: v for k, v in switches.items() if k.startswith("pins.")}
    hard = {k: v for k, v in switches.items() if k not in pins}
    model = builder.model
    weight = len(hard) + 1  # one pin outweighs every rule: drop rules before pins
    model.maximize(sum(hard.values()) + weight * sum(pins.values()))
    solver = _solver(time_limit, workers, seed)
    status = solver.solve(model)
    name = solver.status_name(status)
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return Explanation(False, name)
    off = sorted(rule for rule, switch in hard.items() if not solver.boolean_value(switch))
    dropped = [pin for pin, switch in pins.items() if not solver.boolean_value(switch)]
    if not off and not dropped:
        return Explanation(True, name)
    conflicts = [(rule, builder.relax.sources.get(rule, "")) for rule in off]
    return Explanation(False, name, conflicts, _pins_in_conflict(model, hard, pins, time_limit, workers, seed))


def _pins_in_conflict(model: cp_model.CpModel, hard: dict, pins: dict, time_limit: float, workers: int,
                      seed: int) -> list[str]:
    """Deletion filter: a pin stays only if the conflict disappears without it."""
    if not pins or len(pins) > MAX_PIN_PROBES:
        return sorted(pins)
    model.clear_objective()
    kept = sorted(pins)

    def infeasible(active: list[str]) -> bool:
        model.clear_assumptions()
        model.add_assumptions(list(hard.values()) + [pins[p] for p in active]
                              + [pins[p].negated() for p in pins if p not in active])
        status = _solver(time_limit, workers, seed).solve(model)
        return status == cp_model.INFEASIBLE

    if not infeasible(kept):
        return []
    for pin in list(kept):
        trial = [p for p in kept if p != pin]
        if infeasible(trial):
            kept = trial
    return kept
