"""planner init: a commented starter scenario, from flags or a few questions."""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

import click

from planner.cli.options import lang_option
from planner.errors import InputError, Problem
from planner.io import write_atomic
from planner.messages import pick
from planner.moments import parse_moment
from planner.scenario.starter import MAX_DAYS, MAX_TEAM, StarterOptions, parse_platforms, starter_yaml

DEFAULT_FILE = "scenario.yaml"


def target_file(target: str | None) -> Path:
    """A .yaml or .yml path is the file; anything else is a folder for ``scenario.yaml``."""
    if target is None:
        return Path(DEFAULT_FILE)
    path = Path(target)
    return path if path.suffix.lower() in (".yaml", ".yml") else path / DEFAULT_FILE


def stdin_is_terminal() -> bool:
    """Questions are asked only of a person at a terminal, never of a script or a pipe."""
    return sys.stdin.isatty()


def _start(text: str | None, lang: str) -> date | None:
    if text is None:
        return None
    moment = parse_moment(text)
    if moment is None:
        raise InputError(Problem(pick(lang, f"无法把 '{text}' 读成日期（如 2026-12-07 或 2026/12/07）",
                                      f"cannot read '{text}' as a day (2026-12-07 or 2026/12/07)"), path="--start"))
    return moment.date()


@click.command("init")
@click.argument("target", required=False, metavar="[DIR|FILE]")
@click.option("--name", help="The scenario's name (default: from the number of days).")
@click.option("--platforms", metavar="LIST", help="Platforms, comma-separated: 抖音,小红书 or douyin,xiaohongshu.")
@click.option("--team", type=click.IntRange(1, MAX_TEAM), help="How many people make the videos.")
@click.option("--days", type=click.IntRange(1, MAX_DAYS), help="Days to plan.")
@click.option("--start", metavar="DAY", help="First day (default: next Monday).")
@click.option("--force", is_flag=True, help="Replace an existing file.")
@lang_option
def init(target: str | None, name: str | None, platforms: str | None, team: int | None, days: int | None,
         start: str | None, force: bool, lang: str) -> None:
    """Write a commented starter scenario to edit.

    One account per platform, a team whose roles cover every stage, and sample topics: the file
    checks clean and plans as written. Options left out are asked for when the input is a
    terminal, and take their defaults otherwise (抖音 and 小红书, 3 people, 14 days). TARGET is a
    .yaml file or a folder (scenario.yaml inside it; default: ./scenario.yaml).

    \b
    Example:
      planner init out/my_team --platforms 抖音,小红书 --team 3 --days 14
      planner check out/my_team/scenario.yaml
      planner plan out/my_team/scenario.yaml -o out/my_team/plan.json
    """
    path = target_file(target)
    if path.exists() and not force:
        raise InputError(Problem(pick(lang, "文件已存在；用 --force 覆盖，或换一个路径", "the file exists; --force replaces it"),
                                 file=str(path)))
    defaults = StarterOptions()
    ask = stdin_is_terminal() and None in (platforms, team, days)
    if ask:
        name = name or click.prompt(pick(lang, "场景名称", "Scenario name"), default="", show_default=False) or None
        platforms = platforms or click.prompt(pick(lang, "平台（逗号分隔）", "Platforms (comma-separated)"),
                                              default="抖音,小红书")
        team = team or click.prompt(pick(lang, "团队人数", "People on the team"), default=defaults.team,
                                    type=click.IntRange(1, MAX_TEAM))
        days = days or click.prompt(pick(lang, "排期天数", "Days to plan"), default=defaults.days,
                                    type=click.IntRange(1, MAX_DAYS))
    options = StarterOptions(
        name=name or "", platforms=parse_platforms(platforms, lang) if platforms else defaults.platforms,
        team=team or defaults.team, days=days or defaults.days, start=_start(start, lang), lang=lang)
    text = starter_yaml(options, date.today())
    path.parent.mkdir(parents=True, exist_ok=True)
    write_atomic(path, text)
    click.echo(pick(lang, f"已写入 {path}；下一步：", f"wrote {path}; next:"))
    click.echo(f"  planner check {path}")
    click.echo(f"  planner plan {path} -o {path.parent / 'plan.json'}")


COMMANDS = [init]
