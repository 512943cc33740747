"""``planner rules``: the rule kinds, the platform packs, and a linter for pack files.

Formatting only: meanings come from ``planner.rules.describe``, packs from ``load_pack``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from planner.domain.vocab import PLATFORM_ALIASES
from planner.errors import InputError, Problem
from planner.rules import build_rule, describe, load_pack
from planner.rules.packs import LINT_CODES, PACKS_DIR, Pack
from planner.rules.warmup import Profile
from planner.textwidth import table

_CODES_HELP = "\n".join(f"  {code}  {meaning}" for code, meaning in LINT_CODES.items())


def _value(value: Any) -> str:
    if isinstance(value, list):
        return "[" + ", ".join(_value(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k}: {_value(v)}" for k, v in value.items()) + "}"
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _pack(name: str) -> Pack:
    try:
        return load_pack(PLATFORM_ALIASES.get(name, name))
    except FileNotFoundError as error:
        raise InputError(str(error)) from None


@click.group("rules")
def rules() -> None:
    """Rule kinds and the platform rule packs (rules/*.yaml).

    \b
    Example:
      planner rules list
      planner rules show douyin
      planner rules lint rules/*.yaml
    """


@rules.command("list")
def list_kinds() -> None:
    """Every rule kind, whether it is hard or soft by default, and what it means.

    A soft rule costs its weight when broken; a hard one is never broken. Any rule can be
    written the other way with ``hard: true|false``.

    \b
    Example:
      planner rules list
    """
    # The meaning starts "Hard:" or "Soft:"; the default column already says which.
    rows = [[kind, default, meaning.removeprefix("Hard: ").removeprefix("Soft: ")]
            for kind, default, meaning in describe()]
    for line in table(["kind", "default", "meaning"], rows):
        click.echo(line)


@rules.command("show")
@click.argument("platform")
def show(platform: str) -> None:
    """The rules of one platform's pack as a table; ``all`` shows every pack.

    Columns: id, kind, hard or soft (with the weight of a soft rule), parameters, source, as_of.
    Then the pack's warm-up (养号) profiles: the dated rules an account with ``created`` and
    ``warmup`` gets, and whether their numbers are practice rather than the platform's rule.
    PLATFORM is a pack name (douyin, kuaishou, ...) or a Chinese name (抖音, 快手, ...).

    \b
    Example:
      planner rules show douyin
      planner rules show 小红书
      planner rules show all
    """
    names = sorted(p.stem for p in PACKS_DIR.glob("*.yaml")) if platform == "all" else [platform]
    for index, name in enumerate(names):
        pack = _pack(name)
        if index:
            click.echo("")
        click.echo(f"{pack.name} — {pack.title} ({len(pack.specs)} rules, {pack.path})")
        rows = []
        for spec, _ in pack.specs:
            rule = build_rule(spec)  # resolves the kind's hard/soft default and weight
            mode = "hard" if rule.hard else f"soft w={_value(rule.weight)}"
            params = " ".join(f"{k}={_value(v)}" for k, v in spec.params.items())
            rows.append([spec.id, rule.kind, mode, params, spec.source or "", str(spec.as_of or "")])
        for line in table(["id", "kind", "mode", "parameters", "source", "as_of"], rows):
            click.echo(line)
        for profile in pack.warmups.values():
            _show_profile(profile)


def _show_profile(profile: Profile) -> None:
    """A warm-up profile: what it is, whether its numbers are practice, and its dated rules."""
    click.echo("")
    practice = " — practice, not platform law (养号经验，非平台规则)" if profile.practice else ""
    click.echo(f"warm-up {profile.key} — {profile.name}{practice}")
    click.echo(f"  account: created: <date>, warmup: {profile.key}    source: {profile.source}    as_of: {profile.as_of}")
    rows = []
    pending = profile.pending
    templates = [spec for spec, _ in profile.templates]
    if profile.interaction is not None and pending is None:
        templates.append(profile.interaction[0])
    for spec in templates:
        rule = build_rule(spec)
        mode = "hard" if rule.hard else f"soft w={_value(rule.weight)}"
        params = " ".join(f"{k}={_value(v)}" for k, v in spec.params.items())
        during = rule.period.words("en") if rule.period else ""
        rows.append([profile.rule_id(spec.id), rule.kind, mode, params, during])
    if pending is not None:
        params = " ".join(f"{k}={_value(v)}" for k, v in pending.params.items())
        rows.append([profile.rule_id(pending.id), str(pending.kind), f"not planned yet (no kind {pending.kind})", params, ""])
    for line in table(["id", "kind", "mode", "parameters", "during"], rows):
        click.echo("  " + line)


@rules.command("lint", help=f"""Check rule pack files: kinds, parameters, ids, sources and dates.

Prints every problem as ``file:line:col path: [CODE] message`` and exits 1 if any file has one.

\b
Codes:
{_CODES_HELP}

\b
Example:
  planner rules lint rules/*.yaml
  planner rules lint my_team_rules.yaml
""")
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False, path_type=Path))
@click.pass_context
def lint(ctx: click.Context, files: tuple[Path, ...]) -> None:
    problems: list[Problem] = []
    for path in files:
        try:
            pack = load_pack(str(path))
        except FileNotFoundError:
            problems.append(Problem("[R000] no such file", file=str(path)))
        except InputError as error:
            problems += error.problems
        else:
            click.echo(f"{path}: ok ({len(pack.specs)} rules)")
    for problem in problems:
        click.echo(str(problem))
    if problems:
        click.echo(f"{len(problems)} problem(s)", err=True)
        ctx.exit(1)


COMMANDS = [rules]
