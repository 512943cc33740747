"""Options several commands share. Each only passes its value through to the library."""

from __future__ import annotations

import click

#: Every command that loads a scenario takes it, so a scenario that checks can also be planned.
allow_outside_option = click.option(
    "--allow-outside", is_flag=True,
    help="Let the scenario name files outside its folder (extends, rule_packs, history).")
