"""planner score / planner whatif."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from planner.cli.exitcodes import ExitCode
from planner.cli.messages import say
from planner.cli.options import TIME_LIMIT, allow_outside_option, seed_option, time_limit_option
from planner.distributed.cluster import scheduler_address
from planner.domain.plan import Plan
from planner.errors import InputError, Problem, clip_list
from planner.report.labels import LANGS
from planner.report.render import FORMATS, Output, render_comparison, render_score, write_output
from planner.scenario import load
from planner.scenario.calendar import read_any_plan
from planner.scoring import score as score_plan
from planner.scoring.whatif import MAX_PROCESSES, WhatIfOptions
from planner.scoring.whatif import whatif as run_whatif

format_option = click.option("--format", "fmt", type=click.Choice(FORMATS), default="table", show_default=True,
                             help="table (terminal), json, csv (one file per table), xlsx (one workbook: 发布计划, "
                                  "制作任务, 成员工作量, 未排入), md (Markdown), ics (calendars) or html (one file).")
lang_option = click.option("--lang", type=click.Choice(LANGS), default="zh", show_default=True,
                           help="Language of labels.")
output_option = click.option("-o", "--output", type=click.Path(),
                             help="Write here: a file, or a folder for csv and ics (one file per table / calendar).")


def emit(output: Output, dest: str | None, lang: str = "zh") -> None:
    """Print the report, or write its files and say where."""
    if output.binary and not dest:
        raise InputError(Problem(output.note, path="-o"))
    if dest:
        for path in write_output(output, dest):
            click.echo(say("written", lang, file=path), err=True)
        return
    click.echo(output.stdout, nl=False)
    if output.note:
        click.echo(say("note", lang, text=output.note), err=True)


@click.command()
@click.argument("scenario_file", metavar="SCENARIO", type=click.Path(dir_okay=False))
@click.argument("plan_file", metavar="PLAN", type=click.Path(dir_okay=False))
@format_option
@lang_option
@output_option
@click.option("--strict", is_flag=True,
              help="Accepted for old scripts; does nothing extra: score always exits 6 when a hard rule is broken.")
@allow_outside_option
def score(scenario_file: str, plan_file: str, fmt: str, lang: str, output: str | None, strict: bool,
          allow_outside: bool) -> None:
    """Score a plan, solved or made by hand.

    PLAN is a plan JSON (planner plan -o) or a CSV calendar with columns topic, account, time
    and optionally member and stage (Chinese headers 选题, 账号, 时间, 成员, 环节 work too;
    a row with a stage such as 拍摄 is a task, the others are posts). Reports every hard and
    soft rule violation with its rule id and source, predicted KPIs per account and goal with
    80% intervals, each topic across all channels and per channel, hours per member and day
    against capacity, and the trends caught at what heat.

    Every hard rule the solver honours is checked, publish hours and pins included. Production
    (who works when, the edit before the post) is judged only for topics the calendar gives
    tasks for; the others are named as not judged. Exits 6 when a hard rule is broken.

    \b
    Example:
      planner score scenarios/demo.yaml out/plan.json
      planner score scenarios/demo.yaml calendar.csv --format html -o out/report.html
      planner score scenarios/demo.yaml calendar.csv --format ics -o out/calendars/
    """
    scenario = load(scenario_file, allow_outside=allow_outside, lang=lang)
    plan = read_any_plan(plan_file, scenario)
    result = score_plan(scenario, plan, lang=lang)
    emit(render_score(fmt, result, lang, name=Path(plan_file).stem), output, lang)
    if result.not_judged and result.plan.tasks:  # without any task the report says so itself
        click.echo(say("not_judged", lang, topics=clip_list(result.not_judged)), err=True)
    if result.hard_count:
        click.echo(say("hard_broken", lang, count=result.hard_count), err=True)
        sys.exit(ExitCode.HARD_VIOLATION)


@click.command()
@click.argument("base", metavar="BASE", type=click.Path(dir_okay=False))
@click.argument("variants", metavar="VARIANT...", nargs=-1, required=True, type=click.Path(dir_okay=False))
@time_limit_option(TIME_LIMIT, "Search per scenario, as planner plan's (CP-SAT deterministic seconds; wall "
                               "seconds with --wall-clock).")
@seed_option
@click.option("--deterministic/--wall-clock", default=True, show_default=True,
              help="Deterministic: the same files and seed give the same comparison.")
@click.option("--stable/--fresh", default=True, show_default=True,
              help="Stable: solve the base first, then each variant against it (moving the base's posts "
                   "costs), so the differences are the ones the variant forces. Fresh: each from scratch.")
@click.option("--processes", type=click.IntRange(1, 64), default=MAX_PROCESSES, show_default=True,
              help="Scenarios solved at once, each in its own process with one CP-SAT worker.")
@click.option("--cluster", metavar="tcp://HOST:8786",
              help="Solve on this Dask scheduler's workers (default: $PLANNER_DASK_SCHEDULER, else --processes here).")
@format_option
@lang_option
@output_option
@allow_outside_option
def whatif(base: str, variants: tuple[str, ...], time_limit: float, seed: int, deterministic: bool, stable: bool,
           processes: int, cluster: str | None, fmt: str, lang: str, output: str | None, allow_outside: bool) -> None:
    """Solve a base scenario and its variants, and compare the plans.

    Prints each plan's objective, KPIs with 80% intervals, posts per account, unscheduled
    topics and hours per member, then what each variant changes against the base:
    publications moved, added or dropped, and tasks reassigned.

    \b
    Example:
      planner whatif scenarios/demo.yaml scenarios/demo_editor_leave.yaml scenarios/demo_kuaishou_cap.yaml
      planner whatif scenarios/demo.yaml scenarios/demo_new_trend.yaml --format html -o out/whatif.html
    """
    paths = [base, *variants]
    options = WhatIfOptions(time_limit=time_limit, seed=seed, deterministic=deterministic, stable=stable,
                            processes=processes, allow_outside=allow_outside, cluster=cluster)
    address = scheduler_address(cluster)

    def started(used: int) -> None:
        at_once = f"on the cluster {address}" if address else f"{used} at a time"
        click.echo(f"solving {len(paths)} scenarios, {at_once}, up to {time_limit:g}s of search each", err=True)

    def solved(name: str, plan: Plan) -> None:
        info = plan.solver
        click.echo(f"  {name}: {info.status} objective {info.objective:,.1f} ({info.seconds:.1f}s)", err=True)

    comparison = run_whatif(paths, options, solved, started)
    emit(render_comparison(fmt, comparison, lang), output, lang)


COMMANDS = [score, whatif]
