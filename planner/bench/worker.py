"""One measured run in its own process: ``python -m planner.bench.worker solve|greedy FILE OUT [...]``.

The harness starts one process per run and reads its peak RSS with ``os.wait4``, so the peaks
of different runs never mix. The result goes to OUT as JSON; progress lines go to stderr.
"""

from __future__ import annotations

import argparse
import json
import sys
import time as clock
from dataclasses import asdict
from pathlib import Path
from typing import Any


def _solve(scenario: Any, args: argparse.Namespace) -> dict[str, Any]:
    from planner.bench.greedy_plan import plan_objective
    from planner.solver import SolveOptions, solve

    trace: list[tuple[float, float, float]] = []

    def progress(seconds: float, objective: float, bound: float) -> None:
        trace.append((round(seconds, 3), round(objective, 3), round(bound, 3)))
        print(f"    {args.label} {seconds:7.1f}s  objective {objective:12.1f}  bound {bound:12.1f}",
              file=sys.stderr, flush=True)

    settings: dict[str, Any] = {"progress": progress}
    if args.time_limit is not None:
        settings["time_limit"] = args.time_limit
    if args.workers is not None:
        settings["workers"] = args.workers
    options = SolveOptions(**settings)
    started = clock.perf_counter()
    result = solve(scenario, options)
    wall = clock.perf_counter() - started
    info = result.plan.solver
    return {"status": info.status, "objective": info.objective, "bound": info.bound, "gap": info.gap,
            "wall": round(wall, 3), "build_seconds": round(result.build_seconds, 3), "stats": result.stats,
            "trace": trace, "time_limit": options.time_limit, "workers": options.workers,
            "hard_violations": sum(1 for v in result.plan.violations if v.hard),
            "checked": asdict(plan_objective(result.plan, scenario)),
            "publications": len(result.plan.publications), "unscheduled": len(result.plan.unscheduled)}


def _greedy(scenario: Any, args: argparse.Namespace) -> dict[str, Any]:
    from planner.bench.greedy_plan import greedy_plan

    started = clock.perf_counter()
    outcome = greedy_plan(scenario)
    return {"status": "FEASIBLE", "objective": outcome.objective.total, "checked": asdict(outcome.objective),
            "wall": round(clock.perf_counter() - started, 3), "hard_violations": outcome.hard_violations,
            "publications": len(outcome.plan.publications), "unscheduled": len(outcome.plan.unscheduled)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m planner.bench.worker")
    parser.add_argument("mode", choices=["solve", "greedy"])
    parser.add_argument("scenario")
    parser.add_argument("out")
    parser.add_argument("--time-limit", type=float)
    parser.add_argument("--workers", type=int)
    parser.add_argument("--label", default="")
    args = parser.parse_args(argv)

    started = clock.perf_counter()
    # One-time imports (the metric model pulls in scikit-learn) are paid once by a long-lived
    # process; they are timed apart so that build seconds measure the model, not the imports.
    import planner.metrics.value
    import planner.solver  # noqa: F401
    from planner.scenario import load

    imported = clock.perf_counter()
    scenario = load(args.scenario)
    loaded = clock.perf_counter()
    out = _solve(scenario, args) if args.mode == "solve" else _greedy(scenario, args)
    out.update(import_seconds=round(imported - started, 3), load_seconds=round(loaded - imported, 3))
    Path(args.out).write_text(json.dumps(out), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
