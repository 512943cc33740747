"""Where model building spends its time: ``python -m planner.bench.probe FILE [--profile N] [--stop STAGE]``.

Runs the stages of ``planner.solver.solve`` before the search one by one (the same calls, in the
same order) and prints each stage's seconds, the sizes it produced and the peak RSS so far. With
``--profile N`` the stages run under cProfile and the N functions with the most own time are listed.
For instances too large to solve: it shows which stage grows out of hand, without a search.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import pstats
import resource
import sys
import time as clock
from collections.abc import Callable
from typing import Any

STAGES = ("load", "rules", "candidates", "values", "shortlist", "model", "greedy", "hint")


def _rss_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def probe(path: str, stop: str = "hint", echo: Callable[[str], None] = print) -> dict[str, Any]:
    import planner.metrics.value  # noqa: F401  (one-time imports, outside the timings)
    from planner.pricing import candidate_values
    from planner.rules import resolve_rules
    from planner.scenario import load
    from planner.solver.candidates import generate, shortlist
    from planner.solver.greedy import greedy
    from planner.solver.model import ModelBuilder, complete_hint, hint_from

    state: dict[str, Any] = {}

    def stage(name: str, work: Callable[[], str]) -> bool:
        started = clock.perf_counter()
        sizes = work()
        echo(f"{name:<11} {clock.perf_counter() - started:8.2f} s  peak RSS {_rss_mib():8.0f} MiB  {sizes}")
        return name != stop

    def do_load() -> str:
        state["s"] = load(path)
        s = state["s"]
        return f"{len(s.topics)} topics, {len(s.accounts)} accounts, {len(s.team)} members"

    def do_rules() -> str:
        state["rules"] = resolve_rules(state["s"])
        return f"{len(state['rules'])} rules"

    def do_candidates() -> str:
        state["cands"] = generate(state["s"], state["rules"])
        return f"{len(state['cands'].pubs)} publication and {len(state['cands'].work)} work candidates"

    def do_values() -> str:
        state["values"] = candidate_values(state["s"], state["cands"].pubs)
        return f"{len(state['values'].points)} values"

    def do_shortlist() -> str:
        cands, chosen = shortlist(state["cands"], state["values"].points, state["rules"], state["s"], 6, set())
        state["cands"], state["points"] = cands, [state["values"].points[i] for i in chosen]
        return f"{len(cands.pubs)} publication candidates kept"

    def do_model() -> str:
        state["builder"] = ModelBuilder(state["s"], state["rules"], state["cands"], state["points"]).build()
        return str(state["builder"].stats())

    def do_greedy() -> str:
        state["greedy"] = greedy(state["s"], state["rules"], state["cands"], state["points"])
        return f"{len(state['greedy'].pubs)} publications, {len(state['greedy'].made)} topics made"

    def do_hint() -> str:
        seed = state["greedy"]
        hint_from(state["builder"], set(seed.pubs), set(seed.work), seed.made)
        complete_hint(state["builder"])
        return "greedy plan set as the full solution hint"

    for name, work in zip(STAGES, (do_load, do_rules, do_candidates, do_values, do_shortlist, do_model, do_greedy,
                                   do_hint), strict=True):
        if not stage(name, work):
            break
    return state


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m planner.bench.probe", description=__doc__.splitlines()[0])
    parser.add_argument("scenario")
    parser.add_argument("--stop", choices=STAGES, default="hint", help="last stage to run")
    parser.add_argument("--profile", type=int, default=0, metavar="N", help="list the N top functions by own time")
    args = parser.parse_args(argv)
    if not args.profile:
        probe(args.scenario, args.stop)
        return 0
    profiler = cProfile.Profile()
    profiler.runcall(probe, args.scenario, args.stop)
    out = io.StringIO()
    stats = pstats.Stats(profiler, stream=out)
    stats.sort_stats("tottime").print_stats(args.profile)
    stats.sort_stats("cumulative").print_stats(args.profile * 3)
    sys.stdout.write(out.getvalue())
    return 0


if __name__ == "__main__":
    sys.exit(main())
