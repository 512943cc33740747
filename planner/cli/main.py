"""The ``planner`` command group. Commands live in sibling modules; none holds logic.

The group is lazy: ``COMMANDS`` names each command's module and one-line help, so ``planner
--help`` lists them without importing any, and a command's module (with OR-Tools, pandas or
scikit-learn behind it) is imported only when that command runs.
"""

from __future__ import annotations

import os
import sys
from importlib import import_module
from typing import Any

import click

from planner import __version__
from planner.cli.exitcodes import ExitCode
from planner.cli.language import chosen_lang, help_context, localise, short_help
from planner.errors import InputError, PlannerError, SolverBug

#: command name -> (module under planner.cli, attribute, one-line help shown by ``planner --help``).
#: tests/cli_exit/test_lazy_cli.py checks that each help line is the command's own.
COMMANDS: dict[str, tuple[str, str, str]] = {
    "init": ("init", "init", "Write a commented starter scenario to edit."),
    "check": ("scenario", "check", "Validate scenario files and summarise them."),
    "schema": ("scenario", "schema", "Print the JSON Schema of a scenario file or a plan file."),
    "plan": ("solve", "plan", "Plan publications and production for a scenario."),
    "explain": ("solve", "explain", "Name the smallest set of hard rules (and pins) that conflict."),
    "score": ("score", "score", "Score a plan, solved or made by hand."),
    "whatif": ("score", "whatif", "Solve a base scenario and its variants, and compare the plans."),
    "sweep": ("sweep", "sweep", "Solve a scenario over a grid of settings, each case a task on Dask, and compare."),
    "rules": ("rules", "rules", "Rule kinds and the platform rule packs (rules/*.yaml)."),
    "trends": ("trends", "trends", "Trend windows (热点) from hot-list snapshots, and which topics fit them."),
    "fit": ("metrics", "fit", "Fit the metric model on a history export; save it as JSON."),
    "backtest": ("metrics", "backtest", "Backtest the metric model against an operator's baselines."),
    "besttime": ("metrics", "besttime", "Weekday × hour heatmap of an account's expected value."),
    "factors": ("metrics", "factors", "What moves a metric (hour, format, duration, ...), with uncertainty."),
    "bench": ("bench", "bench", "Benchmark instances and the solver against them."),
    "topics": ("topics", "topics", "A topic backlog (选题库) as topics, and back as a sheet with the planned slots."),
    "actuals": ("review", "actuals", "Posts' numbers from a creator-centre export, matched to the plan."),
    "review": ("review", "review", "Plan vs actual: predicted (80% interval) against what each post did."),
}


class PlannerGroup(click.Group):
    """Imports a command's module when the command runs; turns the library's typed errors into
    one line per problem and the exit codes of ``planner.cli.exitcodes``."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*COMMANDS, *self.commands})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        command = self.commands.get(cmd_name)
        if command is not None or cmd_name not in COMMANDS:
            return command
        module_name, attribute, _ = COMMANDS[cmd_name]
        try:
            module = import_module(f"planner.cli.{module_name}")
        except ModuleNotFoundError as error:
            if error.name == f"planner.cli.{module_name}":  # a part left out of this install
                return None
            raise
        command = getattr(module, attribute)
        self.add_command(command, cmd_name)
        return command

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        """The command list from the table: no command module is imported to show it."""
        names = self.list_commands(ctx)
        limit = formatter.width - 6 - max((len(name) for name in names), default=0)  # as click does
        rows = []
        for name in names:
            if name in self.commands:
                rows.append((name, self.commands[name].get_short_help_str(limit)))
            else:
                words = short_help(name, COMMANDS[name][2], chosen_lang(ctx.meta.get("planner.args", ())))
                rows.append((name, click.Command(name, help=words).get_short_help_str(limit)))
        if rows:
            with formatter.section("Commands"):
                formatter.write_dl(rows)

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        """The group's own help in the language of the run (its --help is answered while parsing)."""
        ctx.meta["planner.args"] = tuple(args)
        lang = chosen_lang(args)
        localise(self, lang, "", ctx)
        ctx.formatter_class = help_context(lang).formatter_class  # this run's context is already made
        return super().parse_args(ctx, args)

    def resolve_command(self, ctx: click.Context, args: list[str]) -> tuple[str | None, click.Command | None, list[str]]:
        """The command, its help and its --lang default in the language its arguments ask for."""
        name, command, rest = super().resolve_command(ctx, args)
        if command is not None:
            localise(command, chosen_lang(rest), name or "", ctx)
        return name, command, rest

    def main(self, *args: Any, **kwargs: Any) -> Any:
        """click's own usage errors exit 1 here (click says 2, which ``planner`` keeps for infeasible)."""
        if not kwargs.get("standalone_mode", True):
            return super().main(*args, **kwargs)
        try:
            result = super().main(*args, **{**kwargs, "standalone_mode": False})
        except click.ClickException as error:
            error.show()
            sys.exit(ExitCode.INPUT_ERROR)
        except click.exceptions.Abort:
            click.echo("Aborted!", err=True)
            sys.exit(ExitCode.INPUT_ERROR)
        sys.exit(result if isinstance(result, int) else ExitCode.OK)

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except InputError as error:
            for problem in error.problems:
                click.echo(f"error: {problem}", err=True)
            sys.exit(ExitCode.INPUT_ERROR)
        except SolverBug as error:  # a plan that breaks a hard rule: never a result
            click.echo(f"internal error: {error} (a bug)", err=True)
            sys.exit(ExitCode.INTERNAL_ERROR)
        except PlannerError as error:
            click.echo(f"error: {error}", err=True)
            sys.exit(ExitCode.INPUT_ERROR)
        except BrokenPipeError:  # the reader (head, less) went away: nothing left to say
            sys.exit(ExitCode.OK)
        except OSError as error:
            click.echo(f"error: {error.filename or ''}: {error.strerror or error}", err=True)
            sys.exit(ExitCode.INPUT_ERROR)
        except (click.exceptions.Exit, click.exceptions.Abort, click.ClickException, SystemExit):
            raise
        except Exception as error:  # a bug: say so in one line; the traceback on request
            if os.environ.get("PLANNER_DEBUG"):
                raise
            click.echo(f"internal error: {type(error).__name__}: {error} (a bug; PLANNER_DEBUG=1 shows the traceback)",
                       err=True)
            sys.exit(ExitCode.INTERNAL_ERROR)


@click.group(cls=PlannerGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="planner")
def cli() -> None:
    """Plan what a short-video team publishes, where, when and who makes it.

    \b
    Exit codes: 0 ok, 1 input error, 2 infeasible, 3 internal error,
    4 no plan within the time limit, 5 model invalid, 6 a hard rule broken.

    \b
    Example:
      planner check scenarios/demo.yaml
      planner plan scenarios/demo.yaml -o out/plan.json
    """
