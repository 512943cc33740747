"""planner check / planner schema."""

from __future__ import annotations

import json

import click

from planner.api import check_scenario
from planner.cli.options import allow_outside_option, lang_option
from planner.errors import InputError, Problem
from planner.messages import pick
from planner.report.summary import scenario_summary
from planner.scenario import load


@click.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False))
@allow_outside_option
@click.option("--quiet", "-q", is_flag=True, help="Print only problems.")
@lang_option
def check(files: tuple[str, ...], allow_outside: bool, quiet: bool, lang: str) -> None:
    """Validate scenario files and summarise them.

    Checks every field, every cross-reference, the rule packs, dependency cycles, numbers too
    large for the solver, each topic against the content rules of the platforms it targets (an
    error when none accepts it, a warning naming the ones that refuse it), and pins a hard rule
    forbids. Every problem is one line: file:line:column field.path: message. Exit status 0
    when there are only warnings, 1 when there is an error.

    \b
    Example:
      planner check scenarios/demo.yaml scenarios/demo_editor_leave.yaml
    """
    problems: list[Problem] = []
    for file in files:
        try:
            scenario = load(file, allow_outside=allow_outside, lang=lang)
            found = check_scenario(scenario, lang=lang)
        except InputError as error:
            problems += error.problems
            continue
        problems += found.errors
        for note in scenario._notes:  # backlog rows refused or skipped (topics_from)
            click.echo(f"note: {note}", err=True)
        for warning in found.warnings:
            click.echo(f"warning: {warning}", err=True)
        if not quiet:
            click.echo(scenario_summary(scenario))
            topic_lines = [p for p in [*found.errors, *found.warnings] if p.path.startswith("topics[")]
            content = pick(lang, "通过", "ok") if not topic_lines else pick(
                lang, f"{len(topic_lines)} 个问题", f"{len(topic_lines)} problems")
            click.echo(f"  content   {content}")
    if problems:
        raise InputError(problems)
    if not quiet:
        click.echo(pick(lang, f"ok: {len(files)} 个文件有效", f"ok: {len(files)} file(s) valid"))


@click.command()
@click.argument("what", type=click.Choice(["scenario", "plan"]))
def schema(what: str) -> None:
    """Print the JSON Schema of a scenario file or a plan file.

    Point your editor's YAML language server at it for completion and checking.

    \b
    Example:
      planner schema scenario > scenario.schema.json
      # then in a scenario file:  # yaml-language-server: $schema=scenario.schema.json
    """
    from planner.domain.plan import Plan
    from planner.scenario.schema import scenario_schema

    found = scenario_schema() if what == "scenario" else Plan.model_json_schema()
    click.echo(json.dumps(found, ensure_ascii=False, indent=2))


COMMANDS = [check, schema]
