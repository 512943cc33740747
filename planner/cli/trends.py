"""``planner trends``: import hot lists into trend windows, show them, match them to topics."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import cast
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import click

from planner.cli.options import allow_outside_option
from planner.errors import InputError, Problem
from planner.io import write_atomic
from planner.moments import parse_moment
from planner.trends.match import MIN_SCORE, match_trends
from planner.trends.sources import PRESETS, preset
from planner.trends.stays import StayRules
from planner.trends.trendsfile import dump_trends, read_trends
from planner.trends.variant import extends_path, leaves_folder, variant_yaml
from planner.trends.views import SortKey, match_report, top_windows, window_table
from planner.trends.windows import ImportOptions, file_header, import_trends


@click.group("trends")
def trends() -> None:
    """Trend windows (热点) from hot-list snapshots, and which topics fit them.

    \b
    Example:
      planner trends import weibo.csv --source weibo -o trends.yaml
      planner trends show trends.yaml --top 20
      planner trends match scenarios/demo.yaml trends.yaml -o scenarios/demo_trends.yaml
    """


def _zone(name: str) -> ZoneInfo:
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise InputError(Problem(f"--tz: unknown time zone '{name}'")) from None


def _moment(option: str, text: str | None, tz: ZoneInfo) -> datetime | None:
    if text is None:
        return None
    moment = parse_moment(text, tz)
    if moment is None:
        raise InputError(Problem(f"{option}: cannot read '{text}' as a date or time (try 2025-03-01 or 2025-03-01T08:00)"))
    return moment


@trends.command("import")
@click.argument("snapshots", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--source", type=click.Choice(list(PRESETS)), default="generic", show_default=True,
              help="Column names and id prefix of the export.")
@click.option("--since", metavar="T", help="Skip snapshots before T (ISO date or time; --tz when no offset).")
@click.option("--until", metavar="T", help="Skip snapshots at or after T.")
@click.option("--min-snapshots", type=click.IntRange(min=1), default=2, show_default=True,
              help="Keep windows seen in at least N snapshots.")
@click.option("--gap", type=click.IntRange(min=1), default=StayRules.gap_snapshots, show_default=True,
              help="A stay ends after the topic is missing from N snapshots in a row.")
@click.option("--tz", default="Asia/Shanghai", show_default=True, help="Zone of times without an offset, and of the output.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), required=True,
              help="The trends.yaml to write.")
def import_(snapshots: Path, source: str, since: str | None, until: str | None, min_snapshots: int, gap: int,
            tz: str, output: Path) -> None:
    """Derive trend windows from hot-list snapshots (CSV or JSON lines).

    Each row is one topic in one snapshot: a time, a rank, a title and a heat value. A topic's
    appearances are grouped into stays; each stay becomes a window with its start, peak, end,
    best rank and a heat curve. Ads, pinned and unranked items are skipped.

    \b
    Example:
      planner trends import weibo_hot_search.csv --source weibo \\
          --since 2025-03-01 --until 2025-04-01 --min-snapshots 3 -o trends.yaml
    """
    zone = _zone(tz)
    options = ImportOptions(
        source=preset(source), tz=zone, since=_moment("--since", since, zone), until=_moment("--until", until, zone),
        min_snapshots=min_snapshots, rules=StayRules(gap_snapshots=gap),
    )
    result = import_trends(snapshots, options)
    header = file_header(result, snapshots, options, datetime.now(zone))
    write_atomic(output, dump_trends(result.trends, header))
    click.echo(result.summary())
    click.echo(f"wrote {output}")


@trends.command("show")
@click.argument("trends_file", metavar="TRENDS", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--top", type=click.IntRange(min=1), default=20, show_default=True, help="How many windows.")
@click.option("--by", type=click.Choice(["heat", "length", "start"]), default="heat", show_default=True,
              help="Peak heat, hours on the board, or latest start first.")
def show(trends_file: Path, top: int, by: str) -> None:
    """The biggest trend windows of a trends file, as a table.

    \b
    Example:
      planner trends show trends.yaml --top 20 --by length
    """
    windows = read_trends(trends_file)
    click.echo(window_table(top_windows(windows, top, cast(SortKey, by))))
    click.echo(f"{min(top, len(windows))} of {len(windows)} windows")


@trends.command("match")
@click.argument("scenario", type=click.Path(dir_okay=False, path_type=Path))
@click.argument("trends_file", metavar="TRENDS", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--min-score", type=click.FloatRange(0, 1), default=MIN_SCORE, show_default=True,
              help="Weakest match to suggest (0..1).")
@click.option("--any-time", is_flag=True, help="Also consider trends outside the scenario's horizon.")
@click.option("--name", help="Name of the variant (default: the scenario's, plus 热点).")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              help="Write a scenario variant that links the topics to their trends.")
@allow_outside_option
def match(scenario: Path, trends_file: Path, min_score: float, any_time: bool, name: str | None,
          output: Path | None, allow_outside: bool) -> None:
    """Suggest which topics fit which trends, by keywords and category.

    Every suggestion says how it matched. With -o, writes a variant that extends SCENARIO, sets
    each matched topic's trend, and carries the matched trends.

    \b
    Example:
      planner trends match scenarios/demo.yaml trends.yaml -o scenarios/demo_trends.yaml
    """
    from planner.scenario import load  # the scenario part is heavier; only this command needs it

    loaded = load(scenario, allow_outside=allow_outside)
    result = match_trends(loaded, read_trends(trends_file), min_score=min_score, any_time=any_time)
    click.echo(match_report(result, loaded, any_time))
    if output is None:
        return
    extends = extends_path(scenario, output)
    header = f"generated by planner trends match from {scenario.name} and {trends_file.name}"
    write_atomic(output, variant_yaml(name or f"{loaded.name} · 热点", extends, result.matches, header))
    linked = len(result.matches)
    click.echo(f"wrote {output} ({linked} topic{'' if linked == 1 else 's'} linked)")
    if leaves_folder(extends):
        click.echo(f"note: extends '{extends}' leaves the variant's folder; the loader needs --allow-outside for it")


COMMANDS = [trends]
