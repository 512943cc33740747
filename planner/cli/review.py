"""``planner actuals import`` and ``planner review``: what the posts did, beside what the plan expected."""

from __future__ import annotations

from pathlib import Path

import click
import pandas as pd

from planner.actuals import actuals_csv, append_history, import_actuals, read_actuals, review_scenario
from planner.actuals.render import review_html, review_table
from planner.actuals.words import say
from planner.cli.options import allow_outside_option, lang_option
from planner.errors import InputError, Problem
from planner.io import write_atomic
from planner.metrics.mapping import load_mapping
from planner.metrics.presets import PRESETS
from planner.scenario import load
from planner.scenario.plans import read_plan


@click.group("actuals")
def actuals() -> None:
    """Posts' numbers from a creator-centre export, matched to the plan.

    \b
    Example:
      planner actuals import export.xlsx --preset douyin --account dy_brand \\
          --scenario scenario.yaml --plan plan.json -o actuals.csv --history history.csv
    """


@actuals.command("import")
@click.argument("export", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--scenario", "scenario_file", required=True, type=click.Path(dir_okay=False), help="The scenario planned.")
@click.option("--plan", "plan_file", required=True, type=click.Path(dir_okay=False), help="The plan the posts follow.")
@click.option("--preset", type=click.Choice(list(PRESETS)), help="The export's layout (detected when left out).")
@click.option("--map", "mapping", type=click.Path(dir_okay=False, path_type=Path),
              help="Column mapping YAML (field: header), as for planner fit.")
@click.option("--account", help="The scenario account a one-account export belongs to.")
@click.option("--observed-at", help="When the numbers were read, for exports that do not say.")
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False), help="Write the matched rows (CSV).")
@click.option("--history", type=click.Path(dir_okay=False),
              help="Also append the matched rows to this history file (planner's own layout; made if absent).")
@lang_option
@allow_outside_option
def import_(export: Path, scenario_file: str, plan_file: str, preset: str | None, mapping: Path | None,
            account: str | None, observed_at: str | None, output: str, history: str | None, lang: str,
            allow_outside: bool) -> None:
    """Read an export, match its rows to the plan's publications (account, time within 12 h, title
    alike) and write them with the topic each belongs to. Rows that match nothing are listed with why.

    \b
    Example:
      planner actuals import export.xlsx --preset douyin --account dy_brand --scenario s.yaml --plan plan.json -o actuals.csv
    """
    scenario = load(scenario_file, allow_outside=allow_outside)
    plan = read_plan(plan_file)
    matching, report = import_actuals(export, scenario, plan, preset=preset,
                                      mapping=load_mapping(mapping) if mapping else None, account=account,
                                      observed_at=observed_at, lang=lang)
    for line in report.lines():
        click.echo(line, err=True)
    for line in matching.lines(lang):
        click.echo(line)
    if matching.actuals.empty:
        raise InputError(Problem(say("no_match_at_all", lang), file=str(export)))
    write_atomic(output, actuals_csv(matching.actuals))
    if history:
        click.echo(append_history(matching.actuals, history, lang)[2])


@click.command("review", short_help="Plan vs actual: predicted (80% interval) against what each post did.")
@click.argument("scenario_file", metavar="SCENARIO", type=click.Path(dir_okay=False))
@click.argument("plan_file", metavar="PLAN", type=click.Path(dir_okay=False))
@click.argument("actual_files", metavar="ACTUALS...", nargs=-1, required=True, type=click.Path(dir_okay=False))
@click.option("--format", "fmt", type=click.Choice(["table", "html"]), default="table", show_default=True)
@click.option("--report", type=click.Path(dir_okay=False), help="Write the HTML (or table) here instead of stdout.")
@lang_option
@allow_outside_option
def review(scenario_file: str, plan_file: str, actual_files: tuple[str, ...], fmt: str, report: str | None,
           lang: str, allow_outside: bool) -> None:
    """Predicted (80% interval) vs actual views, likes, comments and saves: per post, per topic
    across channels (全渠道) and per channel (单渠道); which fell outside; what the misses line up
    with; calibration of the intervals so far; the model beside the account's median.

    \b
    Example:
      planner review scenario.yaml plan.json actuals.csv --format html --report review.html
    """
    scenario = load(scenario_file, allow_outside=allow_outside)
    plan = read_plan(plan_file)
    frames = [read_actuals(path, lang) for path in actual_files]
    result = review_scenario(scenario, plan, pd.concat(frames, ignore_index=True))
    text = review_html(result, scenario.name, lang) if fmt == "html" else review_table(result, scenario.name, lang)
    if report:
        write_atomic(report, text)
        click.echo(say("review_written", lang, file=report))
    else:
        click.echo(text, nl=False)


COMMANDS = [actuals, review]
