"""planner plan / planner explain."""

from __future__ import annotations

import sys

import click

from planner.api import model_limits
from planner.cli.exitcodes import ExitCode, for_status
from planner.cli.messages import say
from planner.cli.options import TIME_LIMIT, allow_outside_option, seed_option, time_limit_option, workers_option
from planner.cli.score import emit
from planner.errors import InputError, Problem
from planner.io import write_atomic
from planner.report.json_out import plan_json
from planner.report.labels import LANGS
from planner.report.render import FORMATS, render_score
from planner.report.summary import plan_summary
from planner.rolling.summary import rolling_from, rolling_summary
from planner.scenario import load
from planner.scenario.plans import read_plan
from planner.scoring import score
from planner.solver import SolveOptions, echo_progress, solve
from planner.solver.explain import explain as explain_scenario


@click.command()
@click.argument("scenario_file", metavar="SCENARIO", type=click.Path(dir_okay=False))
@time_limit_option(TIME_LIMIT)
@workers_option
@seed_option
@click.option("--deterministic/--wall-clock", default=False, show_default=True,
              help="Deterministic: same seed, same plan (stops on CP-SAT's deterministic time, "
                   "so wall time varies). Wall-clock: stops at --time-limit seconds.")
@click.option("--stable", type=click.Path(dir_okay=False), help="An earlier plan.json: moving its posts costs.")
@click.option("--from", "from_", metavar="TIME", help=(
    "With --stable: keep the earlier plan's posts and production before TIME (2026-12-10T00:00) as pins; "
    "replan the rest and say what moved."))
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="Write the plan JSON here.")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="table", show_default=True,
              help="Also render the scored plan: table (the summary), json, csv, xlsx, md, ics, html. "
                   "xlsx: one workbook with four sheets, publications, tasks, workload and unscheduled "
                   "(named in the report's language). csv: the same four tables, one file each (plan-publications.csv, "
                   "plan-tasks.csv, plan-workload.csv, plan-unscheduled.csv; the first reads back into "
                   "planner score), plus kpis, violations, topics and trends as data.")
@click.option("--report", type=click.Path(), help="Where the rendered report goes (a file, or a folder for csv/ics).")
@click.option("--lang", type=click.Choice(LANGS), default="zh", show_default=True,
              help="Language of the report and messages.")
@click.option("--quiet", "-q", is_flag=True, help="No progress lines.")
@allow_outside_option
def plan(scenario_file: str, time_limit: float, workers: int, seed: int, deterministic: bool,
         stable: str | None, from_: str | None, output: str | None, fmt: str, report: str | None, lang: str,
         quiet: bool, allow_outside: bool) -> None:
    """Plan publications and production for a scenario.

    Prints the best objective and bound as they improve, then a summary: posts per account
    and day, hours per member, unscheduled topics with reasons. Ctrl-C stops the search and
    keeps the best plan so far.

    When no plan is found (infeasible, nothing within the time limit, or a model the solver
    refuses) it says so in one line, writes nothing (an earlier -o file or report stays as it
    was) and exits 2, 4 or 5; numbers too large for the model are refused before solving (exit 1).

    \b
    Example:
      planner plan scenarios/demo.yaml --time-limit 30 -o out/plan.json
      planner plan scenarios/demo.yaml -o out/plan.json --format html --report out/
      planner plan scenarios/demo.yaml -o out/plan.json --format xlsx --report out/
      planner plan scenarios/demo_editor_leave.yaml --stable out/plan.json -o out/replan.json
      planner plan scenarios/demo.yaml --stable out/plan.json --from 2026-12-14T00:00 -o out/week2.json
    """
    if fmt not in ("table", "json") and not report:
        raise InputError(Problem(f"--format {fmt} writes files: give --report PATH", path="--report"))
    scenario = load(scenario_file, allow_outside=allow_outside, lang=lang)
    for note in scenario._notes:
        click.echo(say("note", lang, text=note), err=True)
    earlier = read_plan(stable) if stable else None
    rolling = rolling_from(scenario, earlier, from_, lang) if from_ else None
    if rolling is not None:
        scenario = rolling.scenario
    too_large = model_limits(scenario, lang=lang)
    if too_large:
        raise InputError(too_large)
    options = SolveOptions(time_limit=time_limit, workers=workers, seed=seed, deterministic=deterministic,
                           stable=earlier,
                           progress=None if quiet else echo_progress, lang=lang)
    if not quiet:
        click.echo(say("solving", lang, file=scenario_file, topics=len(scenario.topics), accounts=len(scenario.accounts),
                       members=len(scenario.team), limit=time_limit), err=True)
    result = solve(scenario, options)
    code = for_status(result.plan.solver.status)
    if code != ExitCode.OK:  # no plan: nothing to show, and nothing written over an earlier one
        for note in result.notes:
            click.echo(say("note", lang, text=note), err=True)
        click.echo(say(f"no_plan.{code.name}", lang, file=scenario_file, limit=time_limit), err=True)
        sys.exit(code)
    click.echo(plan_summary(result.plan, scenario, result.penalties, lang))
    for note in result.notes:
        click.echo(say("note", lang, text=note))
    if rolling is not None and earlier is not None:
        for line in rolling_summary(rolling, earlier, result.plan, lang):
            click.echo(line)
    if output:
        write_atomic(output, plan_json(result.plan, scenario))
        click.echo(say("plan_written", lang, file=output))
    if fmt != "table" or report:
        emit(render_score(fmt, score(scenario, result.plan, lang=lang), lang, name="plan"), report, lang)


@click.command()
@click.argument("scenario_file", metavar="SCENARIO", type=click.Path(dir_okay=False))
@time_limit_option(TIME_LIMIT)
@allow_outside_option
def explain(scenario_file: str, time_limit: float, allow_outside: bool) -> None:
    """Name the smallest set of hard rules (and pins) that conflict.

    Re-solves with every hard rule switchable and keeps as many on as possible; the ones
    switched off are the conflict, each with its source. Exits 0 when there is no conflict,
    2 with the conflict named, 4 when none was found within the time limit.

    \b
    Example:
      planner explain scenarios/demo_kuaishou_cap.yaml
    """
    scenario = load(scenario_file, allow_outside=allow_outside)
    result = explain_scenario(scenario, time_limit=time_limit, say=lambda text: click.echo(f"  {text}", err=True))
    if result.feasible:
        click.echo("no conflict: every hard rule can hold together")
        return
    if not result.conflicts and not result.pins:
        click.echo(f"could not explain within {time_limit:g}s (status {result.status})")
        raise SystemExit(ExitCode.NO_PLAN_IN_TIME)
    if result.conflicts:
        count = len(result.conflicts)
        click.echo(f"conflict: relax {'this rule' if count == 1 else 'these rules'} ({count}):")
        for rule, source in result.conflicts:
            click.echo(f"  {rule}" + (f"  [source: {source}]" if source else ""))
        if not result.minimal:
            click.echo("(the smallest set found in the time, not proven the fewest)")
        if result.pins:
            click.echo(f"against the pins: {', '.join(result.pins)}")
    else:
        click.echo(f"the pins cannot hold together: {', '.join(result.pins)}")
    raise SystemExit(ExitCode.INFEASIBLE)


COMMANDS = [plan, explain]
