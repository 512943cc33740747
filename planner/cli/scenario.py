"""planner check / planner schema."""

from __future__ import annotations

import json

import click

from planner.cli.options import allow_outside_option
from planner.domain.plan import Plan
from planner.domain.scenario import Scenario
from planner.errors import InputError, Problem
from planner.report.summary import scenario_summary
from planner.rules import check_topics, resolve_rules
from planner.scenario import load
from planner.workflow import dependency_graph


@click.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False))
@allow_outside_option
@click.option("--quiet", "-q", is_flag=True, help="Print only problems.")
def check(files: tuple[str, ...], allow_outside: bool, quiet: bool) -> None:
    """Validate scenario files and summarise them.

    Checks every field, every cross-reference, the rule packs, dependency cycles, and each
    topic against the content rules of the platforms it targets. Every problem is one line:
    file:line:column field.path: message.

    \b
    Example:
      planner check scenarios/demo.yaml scenarios/demo_editor_leave.yaml
    """
    problems: list[Problem] = []
    for file in files:
        try:
            scenario = load(file, allow_outside=allow_outside)
            dependency_graph(scenario)
            rules = resolve_rules(scenario)
            content = check_topics(scenario, rules)
        except InputError as error:
            problems += error.problems
            continue
        problems += content
        if not quiet:
            click.echo(scenario_summary(scenario))
            click.echo(f"  content   {'ok' if not content else f'{len(content)} problems'} against "
                       f"{sum(1 for r in rules if getattr(r, 'content', False))} content rules")
    if problems:
        raise InputError(problems)
    if not quiet:
        click.echo(f"ok: {len(files)} file(s) valid")


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
    model = Scenario if what == "scenario" else Plan
    click.echo(json.dumps(model.model_json_schema(), ensure_ascii=False, indent=2))


COMMANDS = [check, schema]
