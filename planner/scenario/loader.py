"""Load a scenario file: read YAML, resolve ``extends``, validate, report located problems."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pydantic import ValidationError

from planner.domain.checks import cross_check
from planner.domain.scenario import Scenario
from planner.errors import InputError, Problem
from planner.scenario.overlay import merge, remove_ids
from planner.scenario.yamlio import Loc, parse_path, problem_at, read_yaml

MAX_EXTENDS_DEPTH = 16


def _display(path: Path) -> str:
    """Paths relative to the working folder read best in messages."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def read_layers(path: str | Path, *, allow_outside: bool = False) -> tuple[dict[str, Any], Loc]:
    """Read a file and every file it extends; return the merged data and locations."""
    top = Path(path)
    root = top.resolve().parent
    chain: list[Path] = []
    return _read(top, root, chain, allow_outside)


def _read(path: Path, root: Path, chain: list[Path], allow_outside: bool) -> tuple[dict[str, Any], Loc]:
    resolved = path.resolve()
    if resolved in chain:
        names = " -> ".join(_display(p) for p in [*chain[chain.index(resolved):], resolved])
        raise InputError(Problem(f"extends loop: {names}", file=_display(chain[-1])))
    if len(chain) >= MAX_EXTENDS_DEPTH:
        raise InputError(Problem(f"extends chain deeper than {MAX_EXTENDS_DEPTH} files", file=_display(path)))
    data, loc = read_yaml(_display(path))
    if not isinstance(data, dict):
        raise InputError(Problem("a scenario file must be a mapping of keys (name, horizon, ...)", file=loc.file, line=1))
    chain = [*chain, resolved]
    base_ref = data.pop("extends", None)
    ext_loc = loc.children.pop("extends", loc)
    removals = data.pop("remove", None)
    rem_loc = loc.children.pop("remove", loc)
    if base_ref is None:
        if removals is not None:
            raise InputError(problem_at(rem_loc, (), "remove needs extends: there is no base to remove from"))
        return data, loc
    if not isinstance(base_ref, str):
        raise InputError(problem_at(ext_loc, (), "extends must be a file path"))
    base_path = (path.parent / base_ref)
    if not allow_outside and not base_path.resolve().is_relative_to(root):
        raise InputError(problem_at(
            ext_loc, (), f"extends '{base_ref}' leaves the scenario's folder {root}; refused (use --allow-outside)"))
    if not base_path.is_file():
        raise InputError(problem_at(ext_loc, (), f"extends: no such file '{base_ref}'"))
    base, base_loc = _read(base_path, root, chain, allow_outside)
    if removals is not None:
        base, base_loc = remove_ids(base, base_loc, removals, rem_loc)
    return merge(base, base_loc, data, loc)


def _validation_problems(error: ValidationError, loc: Loc) -> list[Problem]:
    problems = []
    for item in error.errors():
        path = tuple(item["loc"])
        message = item["msg"]
        for prefix in ("Value error, ", "Assertion failed, "):
            message = message.removeprefix(prefix)
        if item["type"] == "missing":
            message = f"missing required field '{path[-1]}'"
        elif item["type"] == "extra_forbidden":
            message = f"unknown field '{path[-1]}'"
        problems.append(problem_at(loc, path, message))
    return sorted(problems, key=lambda p: (p.line or 0, p.column or 0))


def build(data: dict[str, Any], loc: Loc, base_dir: str = "") -> Scenario:
    """Validate merged data into a Scenario, collecting every problem with its location."""
    data = {**data, "base_dir": base_dir}
    try:
        scenario = Scenario.model_validate(data, context={"skip_cross_check": True})
    except ValidationError as error:
        raise InputError(_validation_problems(error, loc)) from None
    problems = [problem_at(loc, parse_path(path), message) for path, message in cross_check(scenario)]
    if problems:
        raise InputError(sorted(problems, key=lambda p: (p.line or 0, p.column or 0)))
    scenario._sources = loc
    return scenario


def load(path: str | Path, *, allow_outside: bool = False) -> Scenario:
    """Load and validate a scenario file (with its ``extends`` chain).

    Raises InputError listing every problem as ``file:line:col path: message``.
    """
    data, loc = read_layers(path, allow_outside=allow_outside)
    return build(data, loc, base_dir=str(Path(path).resolve().parent))
