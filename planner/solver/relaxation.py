"""The LP relaxation of a built model: a proven upper bound on the plan's objective.

CP-SAT proves its bound with an LP of its own, but it shares the cores with the search and on a
model of planning size it stays far above the best plan within a run's time, while GLOP solves the
whole relaxation, once, in a fraction of it. Dropping the integrality of every variable (and any constraint that is not linear) can only
raise the optimum, so the relaxation's value is an upper bound on every plan, and, the objective
having integer coefficients, so is its floor.
"""

from __future__ import annotations

import math
import threading
import time as clock
from dataclasses import dataclass

from ortools.linear_solver import linear_solver_pb2, pywraplp
from ortools.sat.python import cp_model

#: Slack against GLOP's floating-point error before taking the floor (objective units are 0.1 point).
_TOLERANCE = 1e-6


#: Models up to this many variables get the LP bound: GLOP solves those in a small part of a run,
#: while larger ones (an M benchmark's) are not solved within a whole run's time.
LP_MAX_VARIABLES = 45_000


def lp_time_limit(time_limit: float, variables: int) -> float:
    """Seconds GLOP may take (0: not worth trying). A quarter of the run at most: the bound only
    reports how far the plan can be from the best, the search makes the plan."""
    return 0.0 if variables > LP_MAX_VARIABLES else 0.25 * time_limit


@dataclass(frozen=True)
class LpBound:
    #: In the model's objective units; None when GLOP did not finish in time (or the model minimises).
    bound: int | None
    seconds: float


def lp_bound(model: cp_model.CpModel, time_limit: float, deterministic_limit: float | None = None) -> LpBound:
    """The floor of the LP relaxation's optimum of a maximising CP-SAT model, within ``time_limit``
    wall seconds and, when given, ``deterministic_limit`` of GLOP's deterministic time: then whether
    the bound arrives does not depend on the machine's load (a deterministic run's status and gap
    stay the same from run to run).

    GLOP's primal and dual simplex race on two threads and the first to finish stops the other: on
    some of our models one is several times faster than the other, and which one cannot be told
    beforehand. Each has the same deterministic limit, so whether one of them arrives in it does not
    depend on the load either."""
    started = clock.perf_counter()
    if time_limit <= 0:
        return LpBound(None, 0.0)
    proto = model.proto
    objective = proto.objective
    if not proto.has_objective() or objective.scaling_factor >= 0:
        return LpBound(None, 0.0)  # our models maximise: CP-SAT stores that as a negated minimum
    relaxed = _relaxation(proto)
    racers = [_Racer(relaxed, dual, time_limit, deterministic_limit) for dual in (False, True)]
    results: list[float | None] = [None, None]

    def run(k: int) -> None:
        results[k] = racers[k].solve()
        if results[k] is not None:
            for other in racers:
                other.interrupt()

    threads = [threading.Thread(target=run, args=(k,), name=f"lp-{k}", daemon=True) for k in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    values = [v for v in results if v is not None]
    if not values:
        return LpBound(None, clock.perf_counter() - started)
    value = (min(values) - objective.offset) * -objective.scaling_factor
    bound = math.floor(value + _TOLERANCE * max(1.0, abs(value)))
    return LpBound(bound, clock.perf_counter() - started)


def _relaxation(proto: object) -> object:
    """The LP relaxation of a CP-SAT model proto, as an MPModelProto (built once for both racers)."""
    lp = pywraplp.Solver.CreateSolver("GLOP")
    columns = [lp.NumVar(float(v.domain[0]), float(_last(v.domain)), "") for v in proto.variables]  # type: ignore[attr-defined]
    for constraint in proto.constraints:  # type: ignore[attr-defined]
        if len(constraint.enforcement_literal):
            continue  # only explain mode switches rules on and off; leaving one out relaxes further
        if constraint.has_linear():
            _row(lp, columns, constraint.linear.vars, constraint.linear.coeffs,
                 constraint.linear.domain[0], _last(constraint.linear.domain))
        elif constraint.has_at_most_one():
            _clause(lp, columns, constraint.at_most_one.literals, upper=1)
        elif constraint.has_exactly_one():
            _clause(lp, columns, constraint.exactly_one.literals, lower=1, upper=1)
        elif constraint.has_bool_or():
            _clause(lp, columns, constraint.bool_or.literals, lower=1)
        # any other kind is left out: the relaxation only gets looser, the bound stays valid
    objective = proto.objective  # type: ignore[attr-defined]
    goal = lp.Objective()
    for var, coeff in zip(objective.vars, objective.coeffs, strict=True):
        goal.SetCoefficient(columns[var], -float(coeff))  # maximise: undo CP-SAT's negation
    goal.SetMaximization()
    out = linear_solver_pb2.MPModelProto()
    lp.ExportModelToProto(out)
    return out


class _Racer:
    """One GLOP solve of the relaxation (primal or dual simplex) that another thread may interrupt."""

    def __init__(self, relaxed: object, dual: bool, time_limit: float, deterministic_limit: float | None) -> None:
        self.lp = pywraplp.Solver.CreateSolver("GLOP")
        self.lp.LoadModelFromProto(relaxed)
        self.lp.SetTimeLimit(max(1, int(time_limit * 1000)))
        settings = [f"use_dual_simplex: {'true' if dual else 'false'}"]
        if deterministic_limit is not None:
            settings.append(f"max_deterministic_time: {deterministic_limit:.3f}")
        self.lp.SetSolverSpecificParametersAsString(" ".join(settings))
        self.lock = threading.Lock()
        self.running = False
        self.stopped = False

    def solve(self) -> float | None:
        """The LP optimum, or None when this racer did not finish (limit, interrupt)."""
        with self.lock:
            if self.stopped:
                return None
            self.running = True
        status = self.lp.Solve()
        with self.lock:
            self.running = False
        if status != pywraplp.Solver.OPTIMAL:
            return None
        return float(self.lp.Objective().Value())

    def interrupt(self) -> None:
        with self.lock:
            self.stopped = True
            if self.running:
                self.lp.InterruptSolve()


_INFINITY = 2**62


def _last(domain: object) -> int:
    """The last value of a repeated proto field (its wrapper reads index -1 as 0)."""
    return domain[len(domain) - 1]  # type: ignore[arg-type, index, no-any-return]


def _row(lp: pywraplp.Solver, columns: list, variables: object, coeffs: object, lower: int, upper: int) -> None:
    row = lp.RowConstraint(-math.inf if lower <= -_INFINITY else float(lower),
                           math.inf if upper >= _INFINITY else float(upper), "")
    for var, coeff in zip(variables, coeffs, strict=True):  # type: ignore[call-overload]
        row.SetCoefficient(columns[var], float(coeff))


def _clause(lp: pywraplp.Solver, columns: list, literals: object, lower: float = -math.inf,
            upper: float = math.inf) -> None:
    """Sum of literals within [lower, upper]; a negated literal ~x counts as 1 - x."""
    negated = 0
    coeffs: dict[int, float] = {}
    for lit in literals:  # type: ignore[attr-defined]
        if lit >= 0:
            coeffs[lit] = coeffs.get(lit, 0.0) + 1.0
        else:
            coeffs[-lit - 1] = coeffs.get(-lit - 1, 0.0) - 1.0
            negated += 1
    row = lp.RowConstraint(lower - negated, upper - negated, "")
    for var, coeff in coeffs.items():
        row.SetCoefficient(columns[var], coeff)
