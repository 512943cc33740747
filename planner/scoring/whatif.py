"""What-if runs: solve a base scenario and its variants (as tasks on Dask), then compare.

Every file is loaded first, so a bad variant is reported before any solving starts. Each solve
uses one CP-SAT worker; the workers of the cluster (``planner.distributed``: one started here, or
the scheduler ``cluster`` names) are what runs in parallel.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from planner.domain.plan import Plan
from planner.domain.scenario import Scenario
from planner.scoring.compare import Comparison, comparison_of
from planner.scoring.score import ScoreResult, score

if TYPE_CHECKING:
    from planner.distributed import Outcome

MAX_PROCESSES = 2


@dataclass(frozen=True)
class WhatIfOptions:
    #: As planner plan's: a variant solved for less than its base compares search effort, not plans.
    time_limit: float = 30.0
    seed: int = 0
    #: Stop on CP-SAT's deterministic time: same files and seed, same plans (wall time varies).
    deterministic: bool = True
    processes: int = MAX_PROCESSES
    #: Solve the base first and the variants against it (moving its posts costs), so the
    #: differences are the ones the variant forces, not a different search path.
    stable: bool = True
    #: Let the scenarios name files outside their folders (``planner.scenario.load``).
    allow_outside: bool = False
    #: A Dask scheduler's address (``tcp://HOST:8786``); None: PLANNER_DASK_SCHEDULER, else a cluster
    #: of ``processes`` workers started for the run.
    cluster: str | None = None


def plan_names(paths: list[str]) -> list[str]:
    """Short names for the reports: the file stems, made unique."""
    names: list[str] = []
    for path in paths:
        stem = Path(path).stem
        name, n = stem, 2
        while name in names:
            name, n = f"{stem}_{n}", n + 1
        names.append(name)
    return names


def solve_files(paths: list[str], options: WhatIfOptions, on_solved: Callable[[str, Plan], None] | None = None,
                on_start: Callable[[int], None] | None = None) -> dict[str, ScoreResult]:
    """Load, solve and score each scenario file; the result keeps the order of ``paths``.
    ``on_start(processes)`` is called once every file has loaded, ``on_solved(name, plan)`` as each
    solve finishes. A script that calls this must guard its entry point with
    ``if __name__ == "__main__":`` (worker processes are spawned)."""
    from planner.scenario import load

    # Every input error before any solving; the loaded scenarios are what the workers receive.
    scenarios = dict(zip(paths, (load(path, allow_outside=options.allow_outside) for path in paths), strict=True))
    if on_start:
        on_start(processes_for(options, len(paths)))
    names = plan_names(paths)
    results: dict[str, ScoreResult] = {}

    def done(name: str, result: ScoreResult) -> None:
        results[name] = result
        if on_solved:
            on_solved(name, result.plan)

    jobs = [(name, scenarios[path]) for name, path in zip(names, paths, strict=True)]
    stable = None
    if options.stable and len(jobs) > 1:
        _run(jobs[:1], options, None, done)
        stable, jobs = results[names[0]].plan.to_json(), jobs[1:]
    _run(jobs, options, stable, done)
    return {name: results[name] for name in names}


def processes_for(options: WhatIfOptions, jobs: int) -> int:
    """Processes to use: as asked, but no more than the cores or the jobs."""
    return max(1, min(options.processes, os.cpu_count() or 1, jobs))


def _run(jobs: list[tuple[str, Scenario]], options: WhatIfOptions, stable: str | None,
         done: Callable[[str, ScoreResult], None]) -> None:
    from planner.distributed import Job, open_client, run_jobs, run_serial, scheduler_address

    address = scheduler_address(options.cluster)
    processes = processes_for(options, len(jobs))
    # The scenarios and the stable plan go to each worker once; a task names them by index.
    payloads: list[Scenario | str | None] = [scenario for _, scenario in jobs] + [stable]
    tasks = [Job(name, (i, len(jobs)), (options,)) for i, (name, _) in enumerate(jobs)]

    def finished(count: int, total: int, outcome: Outcome) -> None:
        if outcome.error is not None:
            raise outcome.error
        done(outcome.name, outcome.result)

    if address is None and processes == 1:
        run_serial(_solve_and_score, payloads, tasks, finished)
        return
    with open_client(address, processes) as client:
        run_jobs(client, _solve_and_score, payloads, tasks, finished)


def _solve_and_score(scenario: Scenario, stable: str | None, options: WhatIfOptions) -> ScoreResult:
    """Runs on a worker; scoring there too keeps the parent from scoring plans one by one."""
    from planner.solver import SolveOptions, solve

    settings = SolveOptions(time_limit=options.time_limit, workers=1, seed=options.seed,
                            deterministic=options.deterministic,
                            stable=Plan.model_validate_json(stable) if stable else None)
    return score(scenario, solve(scenario, settings).plan, with_best_times=False)


def whatif(paths: list[str], options: WhatIfOptions | None = None, on_solved: Callable[[str, Plan], None] | None = None,
           on_start: Callable[[int], None] | None = None) -> Comparison:
    """Solve ``paths`` (the base first) and compare every variant with the base."""
    return comparison_of(solve_files(paths, options or WhatIfOptions(), on_solved, on_start))
