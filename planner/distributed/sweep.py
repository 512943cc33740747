"""A sweep: every case of a grid solved as a task, and one row per case to compare.

The case's scenario travels once to each worker (see engine); a task returns a small summary of
its plan, not the plan, so gathering a thousand cases stays cheap. A case that fails keeps its row
with why, and the others keep theirs.
"""

from __future__ import annotations

import hashlib
import time as clock
from dataclasses import dataclass, field

from planner.distributed.cases import Axis, Case, Grid, make_grid, parse_axis
from planner.distributed.cluster import local_workers, open_client, scheduler_address
from planner.distributed.engine import Costs, Done, Job, run_jobs, run_serial
from planner.domain.plan import Plan
from planner.domain.scenario import Scenario


@dataclass(frozen=True)
class SweepOptions:
    #: Search per case; small, as a sweep's worth is in its many cases.
    time_limit: float = 2.0
    seed: int = 0  # the seed of every case when no seed axis is given
    #: Stop on CP-SAT's deterministic time: the same case gives the same plan wherever it runs.
    deterministic: bool = True
    cluster: str | None = None  # a scheduler's address; None: PLANNER_DASK_SCHEDULER, else embedded
    processes: int | None = None  # workers of the embedded cluster; None: one per core; 1: no cluster
    lang: str = "zh"
    allow_outside: bool = False


@dataclass(frozen=True)
class CaseResult:
    """What one solve came to: the columns of the comparison table."""

    status: str
    objective: float
    value: float  # the plan's predicted value (sum over its publications)
    posts: int
    per_platform: dict[str, int]
    hours: dict[str, float]  # production hours per member
    gap: float
    solve_seconds: float  # the solver's own time
    wall: float  # the task's time on its worker: loading nothing, solving, summarising
    plan_hash: str  # of the plan's content: equal hashes, the same plan
    worker: str = ""


@dataclass
class Row:
    case: Case
    result: CaseResult | None
    error: str | None = None


@dataclass
class Sweep:
    scenario: str
    axes: list[Axis]
    rows: list[Row]
    wall: float
    workers: int
    costs: Costs | None = None  # None when run in this process
    platforms: list[str] = field(default_factory=list)
    members: list[str] = field(default_factory=list)

    @property
    def failed(self) -> list[Row]:
        return [r for r in self.rows if r.error is not None]


def plan_hash(plan: Plan) -> str:
    """A short hash of what a plan decides (posts, tasks, what is left out and why, soft violations),
    leaving out when it was made and how long the solver took."""
    content = plan.model_dump_json(include={"publications", "tasks", "unscheduled", "violations"})
    return hashlib.sha256(content.encode("utf-8")).hexdigest()[:12]


def summarise(plan: Plan, wall: float, worker: str = "") -> CaseResult:
    per_platform: dict[str, int] = {}
    for p in plan.publications:
        per_platform[p.platform] = per_platform.get(p.platform, 0) + 1
    hours: dict[str, float] = {}
    for t in plan.tasks:
        for m in t.members:
            hours[m] = round(hours.get(m, 0.0) + t.hours, 2)
    info = plan.solver
    value = sum(p.expected.get("value", 0.0) for p in plan.publications)
    return CaseResult(str(info.status), info.objective, round(value, 1), len(plan.publications), per_platform, hours,
                      info.gap, info.seconds, round(wall, 3), plan_hash(plan), worker)


def solve_case(scenario: Scenario, seed: int, options: SweepOptions) -> CaseResult:
    """One task, on a worker: solve with one CP-SAT worker (the cluster's processes are the parallelism)."""
    import planner

    started = clock.perf_counter()
    plan = planner.plan(scenario, time_limit=options.time_limit, seed=seed, workers=1,
                        deterministic=options.deterministic, lang=options.lang)
    return summarise(plan, clock.perf_counter() - started, _worker_address())


def _worker_address() -> str:
    try:
        from distributed import get_worker

        return str(get_worker().address)
    except (ImportError, ValueError):  # not on a Dask worker: the serial path
        return ""


def grid_of(path: str, vary: list[str], options: SweepOptions) -> Grid:
    """The cases of ``planner sweep PATH --vary ...``; every input problem is raised here."""
    from planner.api import model_limits

    grid = make_grid(path, [parse_axis(v, options.lang) for v in vary], seed=options.seed,
                     allow_outside=options.allow_outside, lang=options.lang)
    problems = [p for s in grid.scenarios for p in model_limits(s, lang=options.lang)]
    if problems:
        from planner.errors import InputError

        raise InputError(problems)
    return grid


def sweep(path: str, vary: list[str], options: SweepOptions | None = None, on_done: Done | None = None,
          grid: Grid | None = None) -> Sweep:
    """Solve every case of the grid (on the embedded cluster, or the one ``options.cluster`` names)."""
    options = options or SweepOptions()
    grid = grid or grid_of(path, vary, options)
    address = scheduler_address(options.cluster, options.lang)
    jobs = [Job(case.name, (case.scenario,), (case.seed, options)) for case in grid.cases]
    started = clock.perf_counter()
    costs = None
    workers = local_workers(options.processes, len(jobs))
    if address is None and workers == 1:
        outcomes = run_serial(solve_case, grid.scenarios, jobs, on_done)
    else:
        with open_client(address, workers, options.lang) as client:
            outcomes, costs = run_jobs(client, solve_case, grid.scenarios, jobs, on_done)
            workers = costs.workers
    rows = [Row(case, o.result, o.why) for case, o in zip(grid.cases, outcomes, strict=True)]
    return Sweep(grid.scenarios[0].name, grid.axes, rows, clock.perf_counter() - started, workers, costs,
                 list(dict.fromkeys(a.platform for s in grid.scenarios for a in s.accounts)),
                 list(dict.fromkeys(m.id for s in grid.scenarios for m in s.team)))
