"""``planner topics``: a topic backlog (选题库) in, and back out with the plan's slots."""

from __future__ import annotations

from pathlib import Path

import click

from planner.backlog import read_backlog
from planner.backlog.columns import load_backlog_mapping
from planner.backlog.export import backlog_frame, sheet_bytes, topics_yaml
from planner.backlog.words import say
from planner.cli.options import allow_outside_option, lang_option
from planner.io import write_atomic
from planner.scenario import load
from planner.scenario.plans import read_plan


@click.group("topics")
def topics() -> None:
    """A topic backlog (选题库) as topics, and back as a sheet with the planned slots.

    \b
    Example:
      planner topics import backlog.xlsx -o topics.yaml
      planner topics export scenario.yaml plan.json -o backlog.xlsx
    """


@topics.command("import")
@click.argument("backlog", type=click.Path(dir_okay=False, path_type=Path))
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="Write the topics as YAML here (else stdout).")
@click.option("--sheet", help="The XLSX sheet to read (a name or a number from 0; default: the first).")
@click.option("--map", "mapping", type=click.Path(dir_okay=False),
              help="YAML of 'field: header in your sheet' for headers the usual spellings miss.")
@click.option("--tz", default="Asia/Shanghai", show_default=True, help="Time zone of dates without an offset.")
@lang_option
def import_(backlog: Path, output: str | None, sheet: str | None, mapping: str | None, tz: str, lang: str) -> None:
    """Read a backlog sheet (XLSX or CSV, Chinese or English headers) into topics.

    Headers: 选题 标题 平台 形式 目标 优先级 时长 截止 出镜 栏目 状态 已完成环节 (or topic, title,
    platforms, format, goal, priority, duration, deadline, talent, series, status, done). A bad row
    is refused with one line naming the file, sheet, row and column; the other rows still load.
    Rows whose 状态 is 已发布 or 已取消 are skipped. A scenario can also read the sheet itself with
    ``topics_from: backlog.xlsx``, or extend the YAML written here.

    \b
    Example:
      planner topics import backlog.xlsx -o topics.yaml
    """
    chosen: str | int = 0 if sheet is None else (int(sheet) if sheet.isdigit() else sheet)
    result = read_backlog(backlog, sheet=chosen, mapping=load_backlog_mapping(mapping) if mapping else None,
                          timezone=tz, lang=lang)
    for problem in result.refused:
        click.echo(say("refused", lang, problem=problem), err=True)
    text = topics_yaml(result, lang)
    if output:
        write_atomic(output, text)
    else:
        click.echo(text, nl=False)
    click.echo(result.summary(lang), err=True)


@topics.command("export")
@click.argument("scenario_file", metavar="SCENARIO", type=click.Path(dir_okay=False))
@click.argument("plan_file", metavar="[PLAN]", required=False, type=click.Path(dir_okay=False))
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False),
              help="The sheet to write: .xlsx, or .csv (UTF-8 with a BOM).")
@lang_option
@allow_outside_option
def export(scenario_file: str, plan_file: str | None, output: str, lang: str, allow_outside: bool) -> None:
    """Write the scenario's topics as a backlog sheet, with each topic's planned posts (计划发布).

    The sheet has the columns ``topics import`` reads, so it reads back into the same topics.

    \b
    Example:
      planner topics export scenario.yaml out/plan.json -o backlog.xlsx
    """
    scenario = load(scenario_file, allow_outside=allow_outside)
    plan = read_plan(plan_file) if plan_file else None
    frame = backlog_frame(scenario, plan, lang)
    write_atomic(output, sheet_bytes(frame, Path(output).suffix))
    click.echo(say("written", lang, count=len(frame), file=output))


COMMANDS = [topics]
