"""The ``planner`` command group. Commands live in sibling modules; none holds logic."""

from __future__ import annotations

import os
import sys
from typing import Any

import click

from planner import __version__
from planner.errors import InputError, PlannerError


class PlannerGroup(click.Group):
    """Turns the library's typed errors into one line per problem and exit status 1."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except InputError as error:
            for problem in error.problems:
                click.echo(f"error: {problem}", err=True)
            sys.exit(1)
        except PlannerError as error:
            click.echo(f"error: {error}", err=True)
            sys.exit(1)
        except BrokenPipeError:  # the reader (head, less) went away: nothing left to say
            sys.exit(0)
        except OSError as error:
            click.echo(f"error: {error.filename or ''}: {error.strerror or error}", err=True)
            sys.exit(1)
        except (click.exceptions.Exit, click.exceptions.Abort, click.ClickException, SystemExit):
            raise
        except Exception as error:  # a bug: say so in one line; the traceback on request
            if os.environ.get("PLANNER_DEBUG"):
                raise
            click.echo(f"internal error: {type(error).__name__}: {error} (a bug; PLANNER_DEBUG=1 shows the traceback)",
                       err=True)
            sys.exit(3)


@click.group(cls=PlannerGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="planner")
def cli() -> None:
    """Plan what a short-video team publishes, where, when and who makes it.

    \b
    Example:
      planner check scenarios/demo.yaml
      planner plan scenarios/demo.yaml -o out/plan.json
    """


def register(group: click.Group) -> None:
    """Attach every command module's commands (imported here to keep startup cheap)."""
    from importlib import import_module

    for name in ("scenario", "metrics", "trends", "rules", "solve", "score", "bench"):
        try:
            module = import_module(f"planner.cli.{name}")
        except ModuleNotFoundError as error:
            if error.name == f"planner.cli.{name}":
                continue
            raise
        for command in getattr(module, "COMMANDS", []):
            group.add_command(command)


register(cli)
