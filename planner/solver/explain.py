"""Explain an infeasible scenario: the fewest hard rules that conflict, and the pins they fight.

Every hard rule, every pin and the staffing of every stage gets a switch. Candidates are not
pruned here, so rules that judge one post or one assignment alone (windows, days off, client
teams) are switches too, rather than silently absent items. First CP-SAT keeps as many rules
switched on as it can while keeping the pins (pins are the user's facts); the rules it must switch
off are the conflict. Then, with every rule on, pins are dropped one by one while the scenario stays
infeasible, leaving a minimal set of pins in the conflict. (Raw assumption cores come back far from
minimal when the model has an objective, so we minimise directly.)
"""

from __future__ import annotations

import time as clock
from collections.abc import Callable
from dataclasses import dataclass, field

from ortools.sat.python import cp_model

from planner.domain.scenario import Scenario
from planner.rules import resolve_rules
from planner.solver.candidates import generate
from planner.solver.model import ModelBuilder
from planner.workflow import dependency_graph

MAX_PIN_PROBES = 40

#: Progress lines: a short sentence each, as the explanation goes through its steps.
Say = Callable[[str], None]


@dataclass
class Explanation:
    feasible: bool
    status: str
    conflicts: list[tuple[str, str]] = field(default_factory=list)  # (rule id, source)
    pins: list[str] = field(default_factory=list)  # pins that take part in the conflict, by topic, account, time
    #: The rules are proven to be the fewest that must be relaxed (False: the smallest set found in the time).
    minimal: bool = True


def _solver(time_limit: float, workers: int, seed: int) -> cp_model.CpSolver:
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = max(0.1, time_limit)
    solver.parameters.num_workers = workers
    solver.parameters.random_seed = seed
    return solver


def explain(scenario: Scenario, *, time_limit: float = 30.0, workers: int = 2, seed: int = 0,
            say: Say | None = None) -> Explanation:
    started = clock.perf_counter()
    report = say or (lambda _text: None)
    dependency_graph(scenario)
    rules = resolve_rules(scenario)
    cands = generate(scenario, rules, prune=False)
    builder = ModelBuilder(scenario, rules, cands, [0.0] * len(cands.pubs), explain=True).build()
    switches = builder.relax.switches
    pins = {k: switches[k] for k in builder.relax.pins if k in switches}
    hard = {k: v for k, v in switches.items() if k not in pins}
    report(f"{len(hard)} hard rules and {len(pins)} pins as switches; keeping as many on as possible")
    model = builder.model
    weight = len(hard) + 1  # one pin outweighs every rule: drop rules before pins
    model.maximize(sum(hard.values()) + weight * sum(pins.values()))
    solver = _solver(time_limit, workers, seed)
    status = solver.solve(model)
    name = solver.status_name(status)
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return Explanation(False, name, minimal=False)
    off = sorted(rule for rule, switch in hard.items() if not solver.boolean_value(switch))
    dropped = [pin for pin, switch in pins.items() if not solver.boolean_value(switch)]
    if not off and not dropped:
        return Explanation(True, name)
    conflicts = [(rule, builder.relax.sources.get(rule, "")) for rule in off]
    minimal = status == cp_model.OPTIMAL
    report(f"{len(off)} rules to relax ({'the fewest' if minimal else 'the fewest found in the time'}); "
           f"finding the pins they fight")
    left = time_limit - (clock.perf_counter() - started)
    in_conflict = _pins_in_conflict(model, hard, pins, left, workers, seed, report)
    return Explanation(False, name, conflicts, in_conflict, minimal)


def _pins_in_conflict(model: cp_model.CpModel, hard: dict, pins: dict, time_limit: float, workers: int,
                      seed: int, say: Say) -> list[str]:
    """Deletion filter: a pin stays only if the conflict disappears without it."""
    if not pins or len(pins) > MAX_PIN_PROBES:
        return list(pins)
    model.clear_objective()
    kept = list(pins)
    deadline = clock.perf_counter() + time_limit

    def infeasible(active: list[str]) -> bool:
        model.clear_assumptions()
        model.add_assumptions(list(hard.values()) + [pins[p] for p in active]
                              + [pins[p].negated() for p in pins if p not in active])
        left = deadline - clock.perf_counter()
        status = _solver(left, workers, seed).solve(model)
        return status == cp_model.INFEASIBLE

    if not infeasible(kept):
        return []
    for number, pin in enumerate(list(kept), 1):
        if clock.perf_counter() >= deadline:
            say("out of time: the pins left may not all take part")
            break
        trial = [p for p in kept if p != pin]
        if infeasible(trial):
            kept = trial
        if number % 10 == 0:
            say(f"{number} of {len(pins)} pins tried")
    return kept
