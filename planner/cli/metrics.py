"""``planner fit | backtest | besttime | factors``: the historical metric model from the command line.

The commands parse options, call ``planner.metrics`` and print; the import report goes to
stderr so that stdout holds only the result (a table, JSON, a heatmap). The model, backtest,
best-time and factor modules load scikit-learn and SciPy: they are imported inside the commands,
so that every other command (and ``planner --help``) starts without them.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

import click

from planner.cli.options import lang_option
from planner.errors import InputError, Problem
from planner.io import write_atomic
from planner.metrics.fields import MODEL_METRICS
from planner.metrics.ingest import DEFAULT_TZ, ImportResult, import_history
from planner.metrics.mapping import fields_help, load_mapping
from planner.metrics.presets import PRESETS

if TYPE_CHECKING:
    from planner.metrics.model import MetricModel

HISTORY = click.Path(dir_okay=False, path_type=Path)


def history_options(command: Callable[..., Any]) -> Callable[..., Any]:
    """The options every command that reads a history export shares."""
    options = [
        click.option("--preset", type=click.Choice(list(PRESETS)), default=None,
                     help="Export layout (default: detected from the headers)."),
        click.option("--map", "mapping", type=click.Path(dir_okay=False, path_type=Path), default=None,
                     help="Column mapping file (YAML/JSON: field: header, or field: =constant)."),
        click.option("--tz", default=DEFAULT_TZ, show_default=True,
                     help="The account's own time zone: hours and weekdays are read and shown on its clock."),
        click.option("--source-tz", default=None,
                     help="Zone of the file's times written without an offset (default: --tz). A file in UTC "
                          "for an account in Vietnam: --source-tz UTC --tz Asia/Ho_Chi_Minh."),
        click.option("--observed-at", metavar="TIME", default=None,
                     help="When the export's counts were read, if the file does not say."),
    ]
    for option in reversed(options):
        command = option(command)
    return command


def _import(history: Path, preset: str | None, mapping: Path | None, tz: str, observed_at: str | None,
            source_tz: str | None = None) -> ImportResult:
    result = import_history(history, preset=preset, mapping=load_mapping(mapping) if mapping else None,
                            timezone=source_tz or tz, observed_at=observed_at, local_tz=tz)
    for line in result.report.lines():
        click.echo(line, err=True)
    return result


def _load_model_or_fit(history: Path, preset: str | None, mapping: Path | None, tz: str,
                       observed_at: str | None, source_tz: str | None) -> MetricModel:
    """A model file from ``planner fit`` is loaded; any other file is imported and fitted."""
    from planner.metrics.model import MODEL_FORMAT, MetricModel, fit_model

    if history.suffix.lower() == ".json" and history.is_file():
        with history.open(encoding="utf-8", errors="replace") as handle:
            head = handle.read(200)
        if MODEL_FORMAT in head:
            return MetricModel.load(history)
    result = _import(history, preset, mapping, tz, observed_at, source_tz)
    return fit_model(result.frame, source=str(history))


@click.command("fit", short_help="Fit the metric model on a history export; save it as JSON.", epilog=fields_help())
@click.argument("history", type=HISTORY)
@history_options
@click.option("--age", "age_h", type=click.FloatRange(min=1), default=None,
              help="Common post age in hours to bring counts to (default: typical age of first readings).")
@click.option("--age-exponent", type=click.FloatRange(0, 1.5), default=None,
              help="Views grow as age^this (default: measured from posts read more than once; without such "
                   "repeat readings a typical short-video growth is assumed, and the output says so).")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), required=True,
              help="The model file to write (JSON).")
def fit(history: Path, preset: str | None, mapping: Path | None, tz: str, source_tz: str | None,
        observed_at: str | None,
        age_h: float | None, age_exponent: float | None, output: Path) -> None:
    """Fit the metric model on a history export and save it as a JSON model file.

    Every metric the export has (views, likes, comments, shares, saves, completion, follower
    gain, conversions) gets a model with a calibrated 10th-90th percentile interval. The file
    is readable JSON, versioned, and predicts exactly what the fitted model did.

    \b
    Example:
      planner fit douyin_export.xlsx --preset douyin -o model.json
      planner fit posts.csv --map columns.yaml -o model.json
    """
    from planner.metrics.model import fit_model

    result = _import(history, preset, mapping, tz, observed_at, source_tz)
    model = fit_model(result.frame, reference_age_h=age_h, source=str(history), age_exponent=age_exponent)
    write_atomic(output, model.dumps())
    info = model.info
    click.echo(f"fitted {', '.join(model.metrics)} on {info['posts']} posts of {info['accounts']} accounts "
               f"({', '.join(info['platforms'])}, published {info['published_from'][:10]} .. {info['published_to'][:10]})")
    click.echo(model.growth.describe())
    first = next(iter(model.fits.values()))
    click.echo(f"80% intervals calibrated on {first.calibration}")
    click.echo(f"wrote {output}")


@click.command("backtest", short_help="Backtest the metric model against an operator's baselines.")
@click.argument("history", type=HISTORY)
@history_options
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
@click.option("--metric", "metrics", type=click.Choice(list(MODEL_METRICS)), multiple=True,
              help="Metric to test (repeatable; default: every metric the export has).")
@click.option("--test-share", type=click.FloatRange(0.05, 0.5), default=0.2, show_default=True,
              help="Share of the publish dates, the most recent, to test on.")
@click.option("--folds", type=click.IntRange(min=1), default=None,
              help="Test windows to roll forward through (default: one per week of the test period, at most 4).")
def backtest(history: Path, preset: str | None, mapping: Path | None, tz: str, source_tz: str | None,
             observed_at: str | None, fmt: str,
             metrics: tuple[str, ...], test_share: float, folds: int | None) -> None:
    """Time-ordered backtest: fit on the past, predict the next weeks, roll forward.

    Scores each metric by MAE of log10 counts, Spearman rank correlation and the share of
    posts inside the 80% interval, for the model and for an operator's baselines: the
    account's own median of earlier posts, and the category median.

    \b
    Example:
      planner backtest bilibili_popular_daily_2023.csv --metric views
      planner backtest douyin_export.xlsx --preset douyin --format json
    """
    from planner.metrics.backtest import backtest as run_backtest

    result = _import(history, preset, mapping, tz, observed_at, source_tz)
    try:
        outcome = run_backtest(result.frame, metrics=metrics or None, test_share=test_share, folds=folds,
                               progress=lambda line: click.echo(line, err=True))
    except ValueError as error:
        raise InputError(Problem(str(error), file=str(history))) from None
    if fmt == "json":
        click.echo(json.dumps(outcome.to_json(), ensure_ascii=False, indent=2))
    else:
        click.echo(outcome.table())


@click.command("besttime", short_help="Weekday × hour heatmap of an account's expected value.")
@click.argument("history", type=HISTORY)
@history_options
@click.option("--account", required=True, help="Account id or name in the history.")
@click.option("--metric", type=click.Choice(list(MODEL_METRICS)), default="views", show_default=True)
@lang_option
def besttime(history: Path, preset: str | None, mapping: Path | None, tz: str, source_tz: str | None,
             observed_at: str | None,
             account: str, metric: str, lang: str) -> None:
    """Weekday × hour heatmap of an account's expected value, with the best slots.

    Each cell has an 80% interval, and the cells that are distinguishable from the account's
    typical slot at 80% (all cells at once) are marked; when none is, the output says so.
    Hours are on the account's clock (--tz); --source-tz is the file's zone.
    HISTORY is an export (fitted on the fly) or a model file from planner fit.

    \b
    Example:
      planner besttime model.json --account 李炮炮儿
      planner besttime douyin_export.xlsx --preset douyin --account brand_dy --metric likes
      planner besttime posts_utc.csv --source-tz UTC --tz Asia/Ho_Chi_Minh --account vn_shop
    """
    from planner.metrics.besttime import best_times

    model = _load_model_or_fit(history, preset, mapping, tz, observed_at, source_tz)
    click.echo(best_times(model, account, metric, zone=tz).text(lang))


@click.command("factors", short_help="What moves a metric (hour, format, duration, ...), with uncertainty.")
@click.argument("history", type=HISTORY)
@history_options
@click.option("--metric", type=click.Choice(list(MODEL_METRICS)), default="views", show_default=True)
@click.option("--bootstraps", type=click.IntRange(min=10), default=100, show_default=True,
              help="Resamples behind each ± (more: steadier, slower).")
@click.option("--resample", type=click.Choice(["accounts", "posts"]), default="accounts", show_default=True,
              help="What each bootstrap resample draws: whole accounts (posts of one account are not "
                   "independent), or single posts (narrower, too sure of effects that differ between accounts).")
@lang_option
def factors(history: Path, preset: str | None, mapping: Path | None, tz: str, source_tz: str | None,
            observed_at: str | None,
            metric: str, bootstraps: int, resample: str, lang: str) -> None:
    """What moves a metric: hour, weekday, format, duration, category, trend link, account size.

    Each level's effect against the factor's most common level, with the other factors held
    fixed, and its uncertainty from resampling whole accounts; largest first. Beside each, the
    effect within accounts (posts of one account compared with each other), flagged where the
    two disagree; effects that are not distinguishable from zero say so. The output warns
    about what such effects cannot tell: accounts differ in more than these factors, and a
    popular-list sample holds only posts that did well.

    \b
    Example:
      planner factors douyin_export.xlsx --preset douyin
      planner factors bilibili_popular_daily_2023.csv --metric likes
    """
    from planner.metrics.factors import Resample, factor_effects

    result = _import(history, preset, mapping, tz, observed_at, source_tz)
    click.echo(factor_effects(result.frame, metric, bootstraps=bootstraps,
                              resample=cast(Resample, resample)).text(lang))


COMMANDS = [fit, backtest, besttime, factors]
