"""Options several commands share. Each only passes its value through to the library."""

from __future__ import annotations

import math
from typing import Any

import click

#: Every command that loads a scenario takes it, so a scenario that checks can also be planned.
allow_outside_option = click.option(
    "--allow-outside", is_flag=True,
    help="Let the scenario name files outside its folder (extends, rule_packs, history).")

LANGS = ("zh", "en")

lang_option = click.option("--lang", type=click.Choice(LANGS), default="zh", show_default=True,
                           help="Language of messages and labels.")


class Seconds(click.FloatRange):
    """A finite number of seconds above zero (click's FloatRange lets nan and inf through)."""

    name = "seconds"

    def __init__(self) -> None:
        super().__init__(min=0, min_open=True)

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        seconds = super().convert(value, param, ctx)
        if not math.isfinite(seconds):
            self.fail(f"{value!r} is not a finite number of seconds (须为有限的正秒数)", param, ctx)
        return seconds


#: Seconds of search per scenario: plan, whatif and every solve share it, so they compare like with like.
TIME_LIMIT = 30.0


def time_limit_option(default: float, help: str = "Seconds of search.") -> Any:
    return click.option("--time-limit", type=Seconds(), default=default, show_default=True, help=help)


workers_option = click.option("--workers", type=click.IntRange(1, 64), default=2, show_default=True,
                              help="Search workers (1-64).")
seed_option = click.option("--seed", type=click.IntRange(min=0), default=0, show_default=True,
                           help="Random seed (0 or more).")
