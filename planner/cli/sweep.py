"""planner sweep."""

from __future__ import annotations

import sys

import click

from planner.cli.exitcodes import ExitCode
from planner.cli.options import allow_outside_option, seed_option, time_limit_option
from planner.cli.score import emit, lang_option, output_option
from planner.distributed.cluster import SCHEDULER_ENV, local_workers, scheduler_address
from planner.distributed.engine import Outcome
from planner.distributed.report import SWEEP_FORMATS, render_sweep, say
from planner.distributed.sweep import SweepOptions, grid_of
from planner.distributed.sweep import sweep as run_sweep

cluster_option = click.option(
    "--cluster", metavar="tcp://HOST:8786",
    help=f"Send the work to this Dask scheduler (default: ${SCHEDULER_ENV}, else a cluster started here "
         "with one worker per core).")


@click.command()
@click.argument("scenario_file", metavar="SCENARIO", type=click.Path(dir_okay=False))
@click.option("--vary", "vary", multiple=True, metavar="NAME=V1,V2,...",
              help="An axis of the grid (repeat for more; every combination is a case). See below.")
@time_limit_option(2.0, "Search per case, in CP-SAT deterministic seconds (wall seconds with --wall-clock).")
@seed_option
@click.option("--deterministic/--wall-clock", default=True, show_default=True,
              help="Deterministic: a case gives the same plan (and plan hash) wherever it runs.")
@cluster_option
@click.option("--processes", type=click.IntRange(1, 256), default=None,
              help="Workers of the cluster started here [default: one per core]; 1 solves in this process.")
@click.option("--format", "fmt", type=click.Choice(SWEEP_FORMATS), default="table", show_default=True,
              help="table (terminal), json or csv (one line per case).")
@lang_option
@output_option
@allow_outside_option
def sweep(scenario_file: str, vary: tuple[str, ...], time_limit: float, seed: int, deterministic: bool,
          cluster: str | None, processes: int | None, fmt: str, lang: str, output: str | None,
          allow_outside: bool) -> None:
    """Solve a scenario over a grid of settings, each case a task on Dask, and compare.

    \b
    --vary NAME=V1,V2,... (repeatable):
      seed=0..9                 seeds 0 to 9 (or seed=0,3,7)
      variant=a.yaml,b.yaml     SCENARIO, then each variant file
      PATH=V1,V2                a field: keys and ids joined by dots, values
                                in YAML (lists in brackets); a platform
                                pack's rule is overridden by its id
    \b
    e.g. rules.kuaishou.daily_cap.max=1,2,3   team.chen.hours_per_day=6,8
         team.chen.weekdays_off=[sat],[sat,sun]   team.fang.days_off=[],[2026-12-18]

    Prints one row per case (status, value, posts, gap, wall time and a hash of the plan: equal
    hashes, the same plan), then posts per platform and hours per member. Progress (cases done /
    total) goes to standard error. A case that fails (its worker lost more than the scheduler
    allows, or an error in the task, after two retries) is named under the table and the run
    exits 3; the other cases keep their results.

    \b
    Example:
      planner sweep scenarios/demo.yaml --vary seed=0..3 --vary rules.kuaishou.daily_cap.max=1,3
      planner sweep scenarios/demo.yaml --vary variant=scenarios/demo_editor_leave.yaml --cluster tcp://10.0.0.5:8786
    """
    options = SweepOptions(time_limit=time_limit, seed=seed, deterministic=deterministic, cluster=cluster,
                           processes=processes, lang=lang, allow_outside=allow_outside)
    grid = grid_of(scenario_file, list(vary), options)  # every input problem before any solving
    address = scheduler_address(cluster, lang)
    if address is not None:
        where = say("cluster", lang, address=address)
    elif local_workers(processes, len(grid.cases)) == 1:
        where = say("serial", lang)
    else:
        where = say("embedded", lang, workers=local_workers(processes, len(grid.cases)))
    click.echo(say("start", lang, cases=len(grid.cases), where=where, limit=time_limit), err=True)

    def done(count: int, total: int, outcome: Outcome) -> None:
        r = outcome.result
        what = say("progress_failed", lang, why=outcome.why) if r is None else \
            say("progress_ok", lang, status=r.status, value=r.value, wall=r.wall)
        click.echo(say("progress", lang, done=count, total=total, case=outcome.name, what=what), err=True)

    result = run_sweep(scenario_file, list(vary), options, done, grid)
    emit(render_sweep(fmt, result, lang), output, lang)
    if result.failed:
        sys.exit(ExitCode.INTERNAL_ERROR)


COMMANDS = [sweep]
