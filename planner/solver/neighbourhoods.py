"""Topic neighbourhoods: improve a plan a few topics at a time, the rest of the plan fixed.

A topic's plan is whether it is made, the day and people of each of its stages and its posts. It only
moves when all of that is free at once, which CP-SAT's own neighbourhoods (random variables or
constraints of the whole model) rarely free together: on the demo nearly every one of their calls still
improved the plan after 30 s. Here each step frees the whole plan of a handful of topics that share
people and days with a random one (and two topics left out), fixes every other topic's decisions, and
lets CP-SAT find the best plan for them. Measured on the demo from the same greedy start, 25 s: 28,426
against 27,100 for CP-SAT's own interleaved search.

Steps run one at a time on one core, in a copy of the model: two steps side by side from the same
plan, the second laid over the first's result, made 1.5 times the steps but no better plans (28,320
and 27,924 against 28,527 on the demo), as the second step's changes often clashed with the first's.
The other core solves the LP relaxation meanwhile (see solve). Steps are stopped by CP-SAT's
deterministic time when the run is deterministic, so the same seed gives the same plan.
"""

from __future__ import annotations

import random
import time as clock
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from ortools.sat.python import cp_model

from planner.solver.model import ModelBuilder
from planner.solver.search import search_in_thread

#: Topics freed per step at first; the size then follows how easily the steps are solved.
FIRST_SIZE = 6
MIN_SIZE, MAX_SIZE = 3, 30
#: Search per step: a step that is not solved to optimality in this gets smaller neighbourhoods.
STEP_SECONDS = 1.0
#: Deterministic work charged per step for what happens outside CP-SAT (choosing, fixing, hinting),
#: so that a deterministic run's length follows the number of steps too.
STEP_OVERHEAD = 0.05
#: Deterministic work (with the charge above) per wall second of steps on this 2-core machine: 43 steps
#: of the demo did 12 units in 33 s. A deterministic run of ``time_limit`` gets this many per second.
DTIME_PER_SECOND = 0.3


@dataclass
class Incumbent:
    values: list[int]  # every variable of the model, in index order
    objective: int  # in model units


@dataclass
class Run:
    incumbent: Incumbent
    steps: int = 0
    improved: int = 0
    guarded: bool = False  # stopped by the wall-clock limit, not the budget


Report = Callable[[int], None]  # called with the new objective (model units) after each improvement


class _Copy:
    """A copy of the model whose domains fix every topic's decisions to the plan, but those freed."""

    def __init__(self, model: cp_model.CpModel, decisions: list[int], values: list[int]) -> None:
        self.model = model.clone()
        self.decisions = decisions
        self.bounds = {i: _bounds(self.model, i) for i in decisions}
        self.values = list(values)  # the plan the fixed domains and the hint follow
        self.model.clear_hints()
        for i, value in enumerate(values):
            self.model.add_hint(self.model.get_int_var_from_proto_index(i), value)
        self.freed: list[int] = []
        for i in decisions:
            _set(self.model, i, values[i], values[i])

    def follow(self, values: list[int]) -> None:
        """Fix the decisions (and hint every variable) as ``values`` has them."""
        hint = self.model.proto.solution_hint.values  # one entry per variable, in index order
        for i, (old, new) in enumerate(zip(self.values, values, strict=True)):
            if old != new:
                hint[i] = new
                if i in self.bounds and i not in self.freed:
                    _set(self.model, i, new, new)
        for i in self.freed:
            _set(self.model, i, values[i], values[i])
        self.freed = []
        self.values = list(values)

    def free(self, indices: list[int]) -> None:
        for i in indices:
            _set(self.model, i, *self.bounds[i])
        self.freed = indices

class TopicNeighbourhoods:
    """Steps over one built model whose solution hint is a complete, feasible plan."""

    def __init__(self, builder: ModelBuilder, seed: int) -> None:
        self.model = builder.model
        own: dict[str, list[int]] = {}
        for c in builder.pubs:
            own.setdefault(c.topic.id, []).append(c.lit.index)
        for w in builder.work_items:
            own.setdefault(w.topic.id, []).append(w.lit.index)
        for (topic_id, _), days in builder.stage_day.items():
            own.setdefault(topic_id, []).extend(z.index for z in days.values())
        for topic_id, made in builder.made.items():
            own.setdefault(topic_id, []).append(made.index)
        self.own = own
        self.decisions = sorted({i for indices in own.values() for i in indices})
        self.topics = sorted(own)
        self.made = {t: builder.made[t].index for t in self.topics}
        self.work = [(w.topic.id, w.member.id, w.day, w.lit.index) for w in builder.work_items]
        self.rng = random.Random(seed)
        self.seed = seed

    def incumbent(self) -> Incumbent:
        hint = self.model.proto.solution_hint
        values = [0] * len(self.model.proto.variables)
        for var, value in zip(hint.vars, hint.values, strict=True):
            values[var] = value
        return Incumbent(values, self._objective(values))

    def run(self, budget: float, deterministic: bool, state: dict[str, Any], report: Report | None = None,
            wall_limit: float | None = None) -> Run:
        """Steps until ``budget`` is spent: wall seconds, or CP-SAT deterministic time (plus a charge
        per step) when ``deterministic``; in any case no step starts after ``wall_limit`` seconds.
        Ctrl-C (``state["interrupted"]``) stops the step under way and keeps the plan so far.
        The model's hint ends as the best plan."""
        run = Run(self.incumbent())
        work = _Copy(self.model, self.decisions, run.incumbent.values)
        size = FIRST_SIZE
        spent = 0.0
        started = clock.perf_counter()
        while (spent if deterministic else clock.perf_counter() - started) < budget and not state["interrupted"]:
            if wall_limit is not None and clock.perf_counter() - started >= wall_limit:
                run.guarded = True
                break
            work.follow(run.incumbent.values)
            work.free([i for t in self._choose(run.incumbent.values, size) for i in self.own[t]])
            solver = self._solver(run.steps, deterministic)
            state["solver"] = solver
            status = search_in_thread(solver, work.model, None)
            state["solver"] = None
            run.steps += 1
            if deterministic:
                spent += solver.deterministic_time + STEP_OVERHEAD
            if status in (cp_model.OPTIMAL, cp_model.FEASIBLE) and round(solver.objective_value) > run.incumbent.objective:
                run.incumbent = Incumbent(list(solver.response_proto.solution), round(solver.objective_value))
                run.improved += 1
                if report is not None:
                    report(run.incumbent.objective)
            if status == cp_model.OPTIMAL and self._quick(solver, deterministic):
                size = min(size + 1, MAX_SIZE)  # solved with time to spare: free more next time
            elif status != cp_model.OPTIMAL:
                size = max(size - 1, MIN_SIZE)
        self._set_hint(run.incumbent.values)
        return run

    # -- one step ----------------------------------------------------------------------
    def _choose(self, values: list[int], size: int) -> list[str]:
        """A random topic, the made topics that work most often beside it (same people, a day
        either side), and two topics left out: together they can trade hours and slots."""
        busy: dict[str, set[tuple[str, int]]] = {}
        for topic_id, member, day, index in self.work:
            if values[index]:
                busy.setdefault(topic_id, set()).add((member, day))
        free = self.topics
        first = self.rng.choice(free)
        near = {(member, d) for member, day in busy.get(first, ()) for d in (day - 1, day, day + 1)}
        made = [t for t in free if values[self.made[t]] and t != first]
        left_out = [t for t in free if not values[self.made[t]] and t != first]
        ranked = sorted(made, key=lambda t: (-len(busy.get(t, set()) & near), self.rng.random()))
        return [first, *ranked[: size - 1], *self.rng.sample(left_out, min(2, len(left_out)))]

    def _solver(self, step: int, deterministic: bool) -> cp_model.CpSolver:
        solver = cp_model.CpSolver()
        p = solver.parameters
        p.num_workers = 1  # two workers per step measured no better than one
        p.random_seed = self.seed + step
        p.catch_sigint_signal = False
        if deterministic:
            p.max_deterministic_time = STEP_SECONDS * DTIME_PER_SECOND
        else:
            p.max_time_in_seconds = STEP_SECONDS
        return solver

    def _quick(self, solver: cp_model.CpSolver, deterministic: bool) -> bool:
        if deterministic:
            return solver.deterministic_time < STEP_SECONDS * DTIME_PER_SECOND / 2
        return solver.wall_time < STEP_SECONDS / 2

    # -- the model ---------------------------------------------------------------------
    def _objective(self, values: list[int]) -> int:
        objective = self.model.proto.objective
        raw = sum(c * values[v] for v, c in zip(objective.vars, objective.coeffs, strict=True)) + objective.offset
        return round(raw * objective.scaling_factor)

    def _set_hint(self, values: list[int]) -> None:
        self.model.clear_hints()
        for i, value in enumerate(values):
            self.model.add_hint(self.model.get_int_var_from_proto_index(i), value)


def _bounds(model: cp_model.CpModel, i: int) -> tuple[int, int]:
    domain = model.proto.variables[i].domain
    return int(domain[0]), int(domain[len(domain) - 1])


def _set(model: cp_model.CpModel, i: int, low: int, high: int) -> None:
    domain = model.proto.variables[i].domain
    domain[0] = low
    domain[1] = high
