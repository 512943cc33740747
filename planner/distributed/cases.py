"""The cases of a sweep: ``--vary`` axes, their grid, and the scenario each case solves.

An axis is ``NAME=VALUES``:

- ``seed=0..9`` (or ``seed=0,3,7``): the solver's seed;
- ``variant=a.yaml,b.yaml``: the scenario itself, then each variant file;
- ``PATH=V1,V2,...``: one field of the scenario. PATH walks keys and ids joined by dots
  (``team.chen.hours_per_day``, ``rules.kuaishou.daily_cap.max``); values are YAML, lists in
  brackets (``team.chen.weekdays_off=[sat],[sat,sun]``). The value is laid over the scenario as an
  ``extends`` layer would be, so a rule of a platform pack is overridden by its id.

Every case's scenario is built and checked here, before anything is solved: a bad value is one
located line naming the ``--vary`` it came from.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.error import YAMLError

from planner.domain.scenario import Scenario
from planner.errors import InputError, Problem
from planner.messages import say_in
from planner.scenario.loader import build, confine_paths, missing_files, read_layers
from planner.scenario.overlay import merge
from planner.scenario.yamlio import Loc

#: A sweep larger than this is a typo more often than a plan (each case is a whole solve).
MAX_CASES = 1000
SEED, VARIANT = "seed", "variant"
_SEEDS = re.compile(r"(\d+)\.\.(\d+)")
_NAME = re.compile(r"[A-Za-z_][\w.-]*")

_WORDS = {
    "form": ("--vary 应写作 名称=值1,值2,...，而不是 {text!r}",
             "--vary takes NAME=V1,V2,..., not {text!r}"),
    "empty": ("--vary {name}: 至少给出一个值", "--vary {name}: give at least one value"),
    "values": ("--vary {name}: 值无法解析（YAML）：{why}", "--vary {name}: values that do not parse (YAML): {why}"),
    "seeds": ("--vary seed: 种子须为 0 或更大的整数，可写 0..9 或 0,3,7，而不是 {text!r}",
              "--vary seed: seeds are whole numbers from 0, as 0..9 or 0,3,7, not {text!r}"),
    "twice": ("--vary {name} 出现了两次", "--vary {name} is given twice"),
    "too_many": ("共 {count} 个组合，超过上限 {limit}", "{count} cases, more than the limit of {limit}"),
    "unknown_id": ("--vary {name}: {where} 中没有 id 为 {step!r} 的对象（已有：{known}）",
                   "--vary {name}: no object with id {step!r} in {where} (there are: {known})"),
    "whole": ("--vary {name}: 请指向对象的某个字段（如 {name}.hours_per_day），而不是整个对象",
              "--vary {name}: name a field of the object (such as {name}.hours_per_day), not the whole object"),
    "not_map": ("--vary {name}: {where} 不是可按字段修改的对象", "--vary {name}: {where} has no fields to set"),
}


@dataclass(frozen=True)
class Axis:
    """One ``--vary``: a name and its values (``texts``: each value as the table shows it)."""

    name: str
    values: tuple[Any, ...]
    texts: tuple[str, ...]


@dataclass(frozen=True)
class Case:
    """One solve of the sweep: the scenario it reads (an index into ``Grid.scenarios``) and its seed."""

    name: str
    labels: tuple[str, ...]  # the value of each axis, as the table shows it
    scenario: int
    seed: int


@dataclass
class Grid:
    axes: list[Axis]
    cases: list[Case]
    scenarios: list[Scenario]  # the distinct scenarios the cases read: the payload sent to each worker once


def parse_axis(text: str, lang: str = "zh") -> Axis:
    """``NAME=VALUES`` as an axis; raises InputError naming the ``--vary``."""
    name, sep, raw = text.partition("=")
    name = name.strip()
    if not sep or not _NAME.fullmatch(name):
        raise _error("form", lang, text=text)
    if name == SEED:
        return _seeds(raw.strip(), lang)
    try:
        values = YAML(typ="safe").load(f"[{raw}]")
    except YAMLError as error:
        raise _error("values", lang, name=name, why=str(error).splitlines()[0]) from None
    if not values:
        raise _error("empty", lang, name=name)
    if name == VARIANT:
        values = [str(v) for v in values]
    return Axis(name, tuple(values), tuple(_shown(v) for v in values))


def _seeds(raw: str, lang: str) -> Axis:
    span = _SEEDS.fullmatch(raw)
    if span:
        first, last = int(span[1]), int(span[2])
        seeds = list(range(first, last + 1))
    else:
        parts = [p.strip() for p in raw.split(",")]
        seeds = [int(p) for p in parts if p.isdigit()] if all(p.isdigit() for p in parts) else []
    if not seeds or any(s > 2**31 - 1 for s in seeds):
        raise _error("seeds", lang, text=raw)
    return Axis(SEED, tuple(seeds), tuple(str(s) for s in seeds))


def _shown(value: Any) -> str:
    if isinstance(value, list):
        return "[" + ",".join(_shown(v) for v in value) + "]"
    if isinstance(value, date):
        return value.isoformat()
    if value is None:
        return "null"
    if isinstance(value, bool):
        return str(value).lower()
    return str(value)


def make_grid(path: str, axes: list[Axis], *, seed: int = 0, allow_outside: bool = False,
              lang: str = "zh") -> Grid:
    """Every combination of the axes (in the order given, the last varying fastest), each case's
    scenario built and checked. A variant axis solves ``path`` itself first, then each file."""
    names = [a.name for a in axes]
    for name in names:
        if names.count(name) > 1:
            raise _error("twice", lang, name=name)
    axes = [Axis(VARIANT, (path, *a.values), tuple(Path(f).stem for f in (path, *a.values)))
            if a.name == VARIANT else a for a in axes]
    count = 1
    for axis in axes:
        count *= len(axis.values)
    if count > MAX_CASES:
        raise _error("too_many", lang, count=count, limit=MAX_CASES)
    scenarios: list[Scenario] = []
    built: dict[tuple[Any, ...], int] = {}
    cases = []
    for combo in itertools.product(*(range(len(a.values)) for a in axes)):
        chosen = dict(zip(names, combo, strict=True))
        file = axes[names.index(VARIANT)].values[chosen[VARIANT]] if VARIANT in chosen else path
        fields = tuple((i, v) for i, v in enumerate(combo) if names[i] not in (SEED, VARIANT))
        if (file, fields) not in built:
            built[(file, fields)] = len(scenarios)
            scenarios.append(load_case(file, [(axes[i], axes[i].values[v]) for i, v in fields], allow_outside, lang))
        labels = tuple(a.texts[v] for a, v in zip(axes, combo, strict=True))
        name = " ".join(f"{a.name}={t}" for a, t in zip(axes, labels, strict=True)) or Path(path).stem
        cases.append(Case(name, labels, built[(file, fields)],
                          axes[names.index(SEED)].values[chosen[SEED]] if SEED in chosen else seed))
    return Grid(axes, cases, scenarios)


def load_case(path: str, layers: list[tuple[Axis, Any]], allow_outside: bool = False, lang: str = "zh") -> Scenario:
    """The scenario at ``path`` with each (field axis, value) laid over it, as ``planner.scenario.load``
    would build it (the same checks, problems located at the ``--vary`` that set a field)."""
    from planner.rules import resolve_rules

    data, loc = read_layers(path, allow_outside=allow_outside)
    root = Path(path).resolve().parent
    if layers:
        rule_ids = [r.id for r in resolve_rules(build(data, loc, base_dir=str(root)))]
        for axis, value in layers:
            overlay = _overlay(data, axis.name.split("."), value, rule_ids, axis.name, lang)
            data, loc = merge(data, loc, overlay, Loc(f"--vary {axis.name}={_shown(value)}"))
    scenario = build(data, loc, base_dir=str(root))
    if not allow_outside:
        confine_paths(scenario, loc, root)
    missing_files(scenario, loc, root)
    if layers:
        resolve_rules(scenario)  # a rule parameter set out of its range is an input error now, not on a worker
    return scenario


def _overlay(node: Any, steps: list[str], value: Any, rule_ids: list[str], name: str, lang: str,
             where: str = "") -> Any:
    """The layer that sets ``value`` at ``steps`` below ``node``: keys of maps, ids in lists of objects
    (an id may hold dots: the longest id that matches is taken)."""
    if not steps:
        return value
    if isinstance(node, list):
        ids = [item.get("id") for item in node if isinstance(item, dict)]
        known = ids + [r for r in rule_ids if r not in ids] if where == "rules" else ids
        for n in range(len(steps), 0, -1):
            wanted = ".".join(steps[:n])
            if wanted in known:
                if n == len(steps):
                    raise _error("whole", lang, name=name)
                item = next((i for i in node if isinstance(i, dict) and i.get("id") == wanted), {})
                return [{"id": wanted, **_overlay(item, steps[n:], value, rule_ids, name, lang, wanted)}]
        raise _error("unknown_id", lang, name=name, step=steps[0], where=where or "scenario",
                     known=", ".join(str(i) for i in known[:12]) + (" ..." if len(known) > 12 else ""))
    if node is None or isinstance(node, dict):
        child = node.get(steps[0]) if isinstance(node, dict) else None
        if child is None and steps[0] == "rules":
            child = []  # a scenario without rules of its own still overrides the packs' by id
        return {steps[0]: _overlay(child, steps[1:], value, rule_ids, name, lang, steps[0])}
    raise _error("not_map", lang, name=name, where=where)


def _error(key: str, lang: str, **args: Any) -> InputError:
    return InputError(Problem(say_in(_WORDS, key, lang, **args), path="--vary"))
