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
from planner.domain.scenario import Scenario
from planner.scoring.compare import Comparison, compare

MAX_PROCESSES = 2


@dataclass(frozen=True)
class WhatIfOptions:
    time_limit: float = 10.0
    seed: int = 0
    #: Stop on CP-SAT's deterministic time: same files and seed, same plans (wall time varies).
    deterministic: bool = True
    processes: int = MAX_PROCESSES
    #: Solve the base first and the variants against it (moving its posts costs), so the
    #: differences are the ones the variant forces, not a different search path.
    stable: bool = False


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


def solve_files(paths: list[str], options: WhatIfOptions,
                on_solved: Callable[[str, Plan], None] | None = None) -> dict[str, tuple[Scenario, Plan]]:
    """Load and solve each scenario file; the result keeps the order of ``paths``.
    ``on_solved(name, plan)`` is called as each solve finishes. A script that calls this must
    guard its entry point with ``if __name__ == "__main__":`` (worker processes are spawned)."""
    from planner.scenario import load

    scenarios = [load(path) for path in paths]
    names = plan_names(paths)
    plans: dict[str, Plan] = {}

    def done(name: str, text: str) -> None:
        plans[name] = Plan.model_validate_json(text)
        if on_solved:
            on_solved(name, plans[name])

    jobs = list(zip(names, paths, strict=True))
    stable = None
    if options.stable and len(jobs) > 1:
        _run(jobs[:1], options, None, done)
        stable, jobs = plans[names[0]].to_json(), jobs[1:]
    _run(jobs, options, stable, done)
    return {name: (scenario, plans[name]) for name, scenario in zip(names, scenarios, strict=True)}


def _run(jobs: list[tuple[str, str]], options: WhatIfOptions, stable: str | None,
         done: Callable[[str, str], None]) -> None:
    processes = max(1, min(options.processes, os.cpu_count() or 1, len(jobs)))
    if processes == 1:
        for name, path in jobs:
            done(name, _solve_file(path, options, stable))
        return
    # spawn: a clean interpreter per worker (no forked solver threads or locks).
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=processes, mp_context=context) as pool:
        futures = {pool.submit(_solve_file, path, options, stable): name for name, path in jobs}
        for future in as_completed(futures):
            done(futures[future], future.result())


def _solve_file(path: str, options: WhatIfOptions, stable: str | None = None) -> str:
    """Runs in a worker process: the plan as JSON (small and safe to send back)."""
    from planner.scenario import load
    from planner.solver import SolveOptions, solve

    settings = SolveOptions(time_limit=options.time_limit, workers=1, seed=options.seed,
                            deterministic=options.deterministic,
                            stable=Plan.model_validate_json(stable) if stable else None)
    return solve(load(path), settings).plan.to_json()


def whatif(paths: list[str], options: WhatIfOptions | None = None,
           on_solved: Callable[[str, Plan], None] | None = None) -> Comparison:
    """Solve ``paths`` (the base first) and compare every variant with the base."""
    return compare(solve_files(paths, options or WhatIfOptions(), on_solved))
