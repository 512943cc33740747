"""How CP-SAT searches: the run's settings, limits and portfolio, progress and Ctrl-C."""

from __future__ import annotations

import math
import signal
import threading
import time as clock
from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from ortools.sat.python import cp_model

from planner.domain.plan import Plan, SolveStatus
from planner.errors import InputError, Problem
from planner.messages import LANGS
from planner.solver.model import SCALE

STATUS = {cp_model.OPTIMAL: SolveStatus.OPTIMAL, cp_model.FEASIBLE: SolveStatus.FEASIBLE,
          cp_model.INFEASIBLE: SolveStatus.INFEASIBLE, cp_model.UNKNOWN: SolveStatus.UNKNOWN,
          cp_model.MODEL_INVALID: SolveStatus.MODEL_INVALID}

Progress = Callable[[float, float, float], None]  # (seconds, objective, bound)


#: Models with fewer variables keep CP-SAT's whole portfolio (see configure).
SMALL_MODEL = 10_000


@dataclass
class SolveOptions:
    """Settings of a run. With ``deterministic`` (the default) the same seed gives the same plan:
    the search is interleaved and stopped by CP-SAT's deterministic time, not the wall clock."""

    time_limit: float = 30.0
    workers: int = 2
    seed: int = 0
    deterministic: bool = True
    stable: Plan | None = None
    progress: Progress | None = None
    hint: Plan | None = None
    #: Best slots kept per topic, account and day (0 keeps every slot); see candidates.shortlist.
    slots_per_day: int = 6
    #: Start the search from the greedy plan.
    greedy_hint: bool = True
    #: Candidate publications and assignments above which the scenario is solved by parts (see
    #: solver.parts): well above the M benchmark's size, which one model solves well. 0 never splits.
    split_above: int = 150_000
    #: Candidates per part: about an M benchmark, which CP-SAT improves well in seconds.
    part_items: int = 50_000
    #: Models with this many variables or more are improved topic by topic (see solver.neighbourhoods),
    #: smaller ones by CP-SAT's whole portfolio, which proves the S benchmark optimal. 0: always.
    neighbourhoods_above: int = SMALL_MODEL
    #: The language of the plan's reasons: "zh" (default) or "en".
    lang: str = "zh"

    def __post_init__(self) -> None:
        problems = [Problem(message, path=name) for name, message in _option_problems(self)]
        if problems:
            raise InputError(problems)


MAX_TIME_LIMIT = 7 * 24 * 3600.0  # a week: CP-SAT takes seconds as a double, but nobody waits longer
MAX_WORKERS = 64


def _option_problems(options: SolveOptions) -> list[tuple[str, str]]:
    """(field, what is wrong) for each setting out of its range."""
    out = []
    limit = options.time_limit
    if not isinstance(limit, int | float) or isinstance(limit, bool) or not math.isfinite(limit) \
            or not 0 < limit <= MAX_TIME_LIMIT:
        out.append(("time_limit", f"must be a number of seconds in (0, {MAX_TIME_LIMIT:g}], got {limit!r}"))
    for name, low, high in (("workers", 1, MAX_WORKERS), ("seed", 0, 2**31 - 1), ("slots_per_day", 0, 10**6),
                            ("split_above", 0, 10**12), ("part_items", 1, 10**12),
                            ("neighbourhoods_above", 0, 10**12)):
        value = getattr(options, name)
        if not isinstance(value, int) or isinstance(value, bool) or not low <= value <= high:
            out.append((name, f"must be a whole number in [{low}, {high}], got {value!r}"))
    if options.lang not in LANGS:
        out.append(("lang", f"must be one of {', '.join(LANGS)}, got {options.lang!r}"))
    return out


class ProgressCallback(cp_model.CpSolverSolutionCallback):
    def __init__(self, report: Progress | None, start: float, bound: int | None = None) -> None:
        super().__init__()
        self.report = report
        self.start = start
        self.stopped = False
        self.bound = bound  # a proven bound known before the search (the LP relaxation's), model units

    def on_solution_callback(self) -> None:
        if self.report is not None:
            bound = self.best_objective_bound if self.bound is None else min(self.bound, self.best_objective_bound)
            self.report(clock.perf_counter() - self.start, self.objective_value / SCALE, bound / SCALE)


@contextmanager
def interruptible(solver: cp_model.CpSolver | None = None) -> Any:
    """Ctrl-C stops the search and keeps the best plan found so far. The search to stop may be
    set later, as ``state["solver"]`` (one per part or neighbourhood)."""
    state: dict[str, Any] = {"interrupted": False, "solver": solver}

    def stop(signum: int, frame: Any) -> None:
        state["interrupted"] = True
        if state["solver"] is not None:
            state["solver"].stop_search()

    try:
        previous = signal.signal(signal.SIGINT, stop)
    except ValueError:  # not the main thread: no signal handling
        yield state
        return
    try:
        yield state
    finally:
        signal.signal(signal.SIGINT, previous)


def search_in_thread(solver: cp_model.CpSolver, model: cp_model.CpModel, callback: Any) -> Any:
    """Search in a worker thread so the main thread stays free to take Ctrl-C at once."""
    box: dict[str, Any] = {}

    def run() -> None:
        box["status"] = solver.solve(model, callback)

    worker = threading.Thread(target=run, name="cp-sat", daemon=True)
    worker.start()
    while worker.is_alive():
        worker.join(0.1)
    return box["status"]


#: Deterministic work units CP-SAT does per wall second on a two-worker run of a mid-sized model: a
#: deterministic run of ``time_limit`` then lasts roughly ``time_limit`` seconds. (Deterministic time
#: keeps plans reproducible; this factor only keeps its length near what the user asked for.)
DTIME_PER_SECOND = 0.4


def wall_guard(time_limit: float) -> float:
    """Wall seconds after which a deterministic search is stopped anyway."""
    return 3 * time_limit + 10


def extraction_reserve(time_limit: float) -> float:
    """Wall seconds kept back from the search for layout, checks and reasons after it."""
    return max(1.0, min(3.0, 0.1 * time_limit))


def configure(solver: cp_model.CpSolver, options: SolveOptions, spent: float = 0.0, variables: int = 0,
              light_presolve: bool | None = None, start_dtime: float = 0.0) -> None:
    """Search limits and the search portfolio.

    The search is interleaved (deterministic with any number of workers). On a model of
    SMALL_MODEL variables or more, one full-model worker (default_lp, which also proves the bound)
    takes turns with CP-SAT's large-neighbourhood searches, which are what improve a large plan:
    the default portfolio's full-model workers would take every batch and leave LNS no call at all.
    A small model keeps the default portfolio and full presolve, whose core and LP workers can prove
    a small plan optimal.
    ``light_presolve`` overrides the size rule (parts always want it). ``start_dtime``, the
    deterministic time the start took, comes off a deterministic search's.
    On the wall clock the limit covers the whole run: what building took, and a reserve for
    extraction, come off the search time.
    """
    p = solver.parameters
    p.catch_sigint_signal = False  # our handler stops the search and marks the plan interrupted
    p.random_seed = options.seed
    p.num_workers = max(1, options.workers)
    p.interleave_search = True
    if variables >= SMALL_MODEL:
        p.subsolvers.append("default_lp")
    if light_presolve is None:
        light_presolve = variables >= SMALL_MODEL
    if light_presolve:
        # One light presolve pass: on a large model full presolve probes for most of the time limit
        # before the first solution, while light presolve takes up the greedy hint at once and
        # leaves the time to the search.
        p.cp_model_probing_level = 0
        p.max_presolve_iterations = 1
    if options.deterministic:
        whole = options.time_limit * DTIME_PER_SECOND
        p.max_deterministic_time = max(0.1 * whole, whole - start_dtime)
        # Deterministic work runs slower per wall second on big models, so a deterministic run can
        # last many times its limit: a wall-clock guard stops the search, and the run says it is then
        # not deterministic (see solve).
        p.max_time_in_seconds = wall_guard(options.time_limit)
    else:
        p.max_time_in_seconds = max(0.5, options.time_limit - spent - extraction_reserve(options.time_limit))
