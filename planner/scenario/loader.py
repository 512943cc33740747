"""Load a scenario file: read YAML, resolve ``extends``, validate, report located problems.

Every file a scenario names (``extends``, ``rule_packs``, ``history.path``, ``history.model``) must
lie inside the scenario's folder unless the caller allows otherwise (``--allow-outside``): a
scenario from someone else cannot make the planner read, and quote, any file on the machine.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from planner.domain.base import path_problem
from planner.domain.checks import cross_check
from planner.domain.scenario import Scenario
from planner.domain.vocab import closest
from planner.errors import InputError, Problem
from planner.scenario.fields import field_names
from planner.scenario.generated import add_generated
from planner.scenario.overlay import check_new_ids, merge, refuse_add_marks, remove_ids
from planner.scenario.words import say
from planner.scenario.yamlio import Loc, parse_path, problem_at, read_yaml

MAX_EXTENDS_DEPTH = 16
_BUNDLED_NAME = re.compile(r"[A-Za-z0-9_-]{1,64}")


def is_bundled_name(name: str) -> bool:
    """A ``rule_packs`` entry that is a bare name (``douyin``, no folder, no suffix) names a pack
    bundled with the planner, never a file: only a path (``./mine.yaml``, ``packs/x.yaml``) is read
    from the scenario's folder, so no name can pick up a file from wherever the planner runs."""
    return _BUNDLED_NAME.fullmatch(name) is not None


def _display(path: Path) -> str:
    """Paths relative to the working folder read best in messages."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def read_layers(path: str | Path, *, allow_outside: bool = False, lang: str = "zh") -> tuple[dict[str, Any], Loc]:
    """Read a file and every file it extends; return the merged data and locations."""
    top = Path(path)
    root = top.resolve().parent
    chain: list[Path] = []
    return _read(top, root, chain, allow_outside, lang)


def _read(path: Path, root: Path, chain: list[Path], allow_outside: bool, lang: str) -> tuple[dict[str, Any], Loc]:
    resolved = path.resolve()
    if resolved in chain:
        names = " -> ".join(_display(p) for p in [*chain[chain.index(resolved):], resolved])
        raise InputError(Problem(say("extends_loop", lang, names=names), file=_display(chain[-1])))
    if len(chain) >= MAX_EXTENDS_DEPTH:
        raise InputError(Problem(say("extends_deep", lang, depth=MAX_EXTENDS_DEPTH), file=_display(path)))
    data, loc = read_yaml(_display(path))
    if not isinstance(data, dict):
        raise InputError(Problem(say("not_a_mapping", lang), file=loc.file, line=1))
    chain = [*chain, resolved]
    base_ref = data.pop("extends", None)
    ext_loc = loc.children.pop("extends", loc)
    removals = data.pop("remove", None)
    rem_loc = loc.children.pop("remove", loc)
    if base_ref is None:
        if removals is not None:
            raise InputError(problem_at(rem_loc, (), say("remove_needs_extends", lang)))
        refuse_add_marks(data, loc, lang)
        return data, loc
    if not isinstance(base_ref, str):
        raise InputError(problem_at(ext_loc, (), say("extends_path", lang)))
    bad_name = path_problem(base_ref)
    if bad_name:
        raise InputError(problem_at(ext_loc, (), f"extends: {bad_name}"))
    base_path = (path.parent / base_ref)
    outside = None if allow_outside else leaves_folder(base_path, root, f"extends '{base_ref}'", ext_loc, ())
    if outside:
        raise InputError(outside)
    try:
        found = base_path.is_file()
    except OSError as error:
        raise InputError(problem_at(ext_loc, (), f"extends: {error.strerror or error}")) from None
    if not found:
        raise InputError(problem_at(ext_loc, (), say("extends_missing", lang, name=base_ref)))
    base, base_loc = _read(base_path, root, chain, allow_outside, lang)
    if removals is not None:
        base, base_loc = remove_ids(base, base_loc, removals, rem_loc, lang)
    data = check_new_ids(base, data, loc, base_ref, lang)
    return merge(base, base_loc, data, loc)


def leaves_folder(target: Path, root: Path, what: str, loc: Loc, path: tuple[Any, ...]) -> Problem | None:
    """The problem when ``target`` (``what`` says which value named it) resolves outside ``root``."""
    try:
        if target.resolve().is_relative_to(root):
            return None
    except (OSError, ValueError, RuntimeError):  # an impossible name: the existence check reports it
        return None
    return problem_at(loc, path, f"{what} leaves the scenario's folder {root}; refused (use --allow-outside)")


def _pack_file(name: str, root: Path) -> Path | None:
    """The file a ``rule_packs`` entry names, or None for the name of a pack bundled with the planner
    (a bare name such as ``douyin`` is only ever a bundled pack; see ``planner.rules.packs.pack_path``)."""
    return None if is_bundled_name(name) else root / name


def confine_paths(scenario: Scenario, loc: Loc, root: Path) -> None:
    """Refuse rule packs and history files outside ``root``, as ``extends`` is refused."""
    problems = []
    for index, name in enumerate(scenario.rule_packs):
        pack = _pack_file(name, root)
        if pack is not None:
            problems.append(leaves_folder(pack, root, f"rule pack '{name}'", loc, ("rule_packs", index)))
    history = scenario.history
    if history is not None:
        for field in ("path", "model"):
            value = getattr(history, field)
            if value:
                problems.append(leaves_folder(root / value, root, f"history {field} '{value}'", loc, ("history", field)))
    found = [p for p in problems if p is not None]
    if found:
        raise InputError(found)


def missing_files(scenario: Scenario, loc: Loc, root: Path) -> None:
    """Refuse history files that are not there, as ``planner plan`` would, so ``check`` says so too."""
    history = scenario.history
    if history is None:
        return
    problems = []
    for field in ("path", "model"):
        value = getattr(history, field)
        if not value:
            continue
        try:
            there = (root / value).is_file()
        except OSError as error:
            problems.append(problem_at(loc, ("history", field), f"history {field} '{value}': {error.strerror or error}"))
            continue
        if not there:
            problems.append(problem_at(loc, ("history", field), f"history {field} '{value}': no such file"))
    if problems:
        raise InputError(problems)


def _validation_problems(error: ValidationError, loc: Loc, data: dict[str, Any], lang: str) -> list[Problem]:
    problems = []
    for item in error.errors():
        path = tuple(item["loc"])
        message = item["msg"]
        for prefix in ("Value error, ", "Assertion failed, "):
            message = message.removeprefix(prefix)
        if item["type"] == "missing":
            message = say("missing_field", lang, name=path[-1])
        elif item["type"] == "extra_forbidden":
            near = closest(str(path[-1]), field_names(Scenario, data, path[:-1]))
            message = say("unknown_field", lang, name=path[-1],
                          hint=say("field_hint", lang, near=near) if near else "")
        problems.append(problem_at(loc, path, message))
    return sorted(problems, key=lambda p: (p.line or 0, p.column or 0))


def build(data: dict[str, Any], loc: Loc, base_dir: str = "", lang: str = "zh") -> Scenario:
    """Validate merged data into a Scenario, collecting every problem with its location (in
    ``lang``, zh or en, where the planner words it; pydantic's own type messages are English)."""
    data = {**data, "base_dir": base_dir}
    try:
        scenario = Scenario.model_validate(data, context={"skip_cross_check": True, "lang": lang})
    except ValidationError as error:
        raise InputError(_validation_problems(error, loc, data, lang)) from None
    problems = [problem_at(loc, parse_path(path), message) for path, message in cross_check(scenario, lang)]
    if problems:
        raise InputError(sorted(problems, key=lambda p: (p.line or 0, p.column or 0)))
    scenario._sources = loc
    return scenario


def load(path: str | Path, *, allow_outside: bool = False, lang: str = "zh") -> Scenario:
    """Load and validate a scenario file (with its ``extends`` chain).

    Raises InputError listing every problem as ``file:line:col path: message`` (in ``lang``, zh
    or en). Files the scenario names outside its folder are refused unless ``allow_outside``.
    """
    data, loc = read_layers(path, allow_outside=allow_outside, lang=lang)
    root = Path(path).resolve().parent
    data, loc, notes = add_generated(data, loc, root, allow_outside=allow_outside)
    scenario = build(data, loc, base_dir=str(root), lang=lang)
    scenario._notes = notes
    if not allow_outside:
        confine_paths(scenario, loc, root)
    missing_files(scenario, loc, root)
    return scenario
