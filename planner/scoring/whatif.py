"""What-if runs: solve a base scenario and its variants (in parallel processes), then compare.

Every file is loaded first, so a bad variant is reported before any solving starts. Each solve
uses one CP-SAT worker; the processes are what runs in parallel.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass
from pathlib import Path

from planner.domain.plan import Plan
from planner.scoring.compare import Comparison, comparison_of
from planner.scoring.score import ScoreResult, score

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

    for path in paths:
        load(path, allow_outside=options.allow_outside)  # every input error before any solving
    if on_start:
        on_start(processes_for(options, len(paths)))
    names = plan_names(paths)
    results: dict[str, ScoreResult] = {}

    def done(name: str, result: ScoreResult) -> None:
        results[name] = result
        if on_solved:
            on_solved(name, result.plan)

    jobs = list(zip(names, paths, strict=True))
    stable = None
    if options.stable and len(jobs) > 1:
        _run(jobs[:1], options, None, done)
        stable, jobs = results[names[0]].plan.to_json(), jobs[1:]
    _run(jobs, options, stable, done)
    return {name: results[name] for name in names}


def processes_for(options: WhatIfOptions, jobs: int) -> int:
    """Processes to use: as asked, but no more than the cores or the jobs."""
    return max(1, min(options.processes, os.cpu_count() or 1, jobs))


def _run(jobs: list[tuple[str, str]], options: WhatIfOptions, stable: str | None,
         done: Callable[[str, ScoreResult], None]) -> None:
    processes = processes_for(options, len(jobs))
    if processes == 1:
        for name, path in jobs:
            done(name, _solve_and_score(path, options, stable))
        return
    # spawn: a clean interpreter per worker (no forked solver threads or locks).
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=processes, mp_context=context) as pool:
        futures = {pool.submit(_solve_and_score, path, options, stable): name for name, path in jobs}
        for future in as_completed(futures):
            done(futures[future], future.result())


def _solve_and_score(path: str, options: WhatIfOptions, stable: str | None = None) -> ScoreResult:
    """Runs in a worker process; scoring there too keeps the parent from scoring plans one by one."""
    from planner.scenario import load
    from planner.solver import SolveOptions, solve

    scenario = load(path, allow_outside=options.allow_outside)
    settings = SolveOptions(time_limit=options.time_limit, workers=1, seed=options.seed,
                            deterministic=options.deterministic,
                            stable=Plan.model_validate_json(stable) if stable else None)
    return score(scenario, solve(scenario, settings).plan, with_best_times=False)


def whatif(paths: list[str], options: WhatIfOptions | None = None, on_solved: Callable[[str, Plan], None] | None = None,
           on_start: Callable[[int], None] | None = None) -> Comparison:
    """Solve ``paths`` (the base first) and compare every variant with the base."""
    return comparison_of(solve_files(paths, options or WhatIfOptions(), on_solved, on_start))
