"""Topics a scenario does not list one by one: backlog rows (``topics_from``) and the episodes of
recurring columns (``series``). The loader adds them to ``topics`` before validation.

A topic listed in the file under the id of a generated one overrides its fields (lists of objects
merge by ``id``, as in ``extends``), so a variant can change one episode or one backlog row.
Generated topics carry their own location: a backlog row's file and row, a column's entry.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pydantic import ValidationError

from planner.domain.recurring import Series, TopicsFrom
from planner.domain.scenario import Horizon
from planner.errors import InputError, Problem
from planner.scenario.overlay import merge
from planner.scenario.recurring import episodes, unknown_overrides
from planner.scenario.yamlio import Loc, problem_at


def add_generated(data: dict[str, Any], loc: Loc, root: Path, *, allow_outside: bool = False,
                  lang: str = "zh") -> tuple[dict[str, Any], Loc, list[str]]:
    """``data`` with backlog topics and column episodes merged into ``topics``; the notes to show
    (backlog rows refused or skipped). Problems of ``topics_from`` or ``series`` raise InputError;
    a horizon that does not validate is left for the scenario's own check."""
    if not data.get("topics_from") and not data.get("series"):
        return data, loc, []
    made: list[tuple[dict[str, Any], Loc]] = []
    notes: list[str] = []
    if data.get("topics_from"):
        made += _backlog_topics(data, loc, root, allow_outside, lang, notes)
    if data.get("series"):
        made += _episodes(data, loc)
    return (*_merged(data, loc, made), notes)


def _backlog_topics(data: dict[str, Any], loc: Loc, root: Path, allow_outside: bool, lang: str,
                    notes: list[str]) -> list[tuple[dict[str, Any], Loc]]:
    from planner.backlog import read_backlog
    from planner.scenario.loader import _display, leaves_folder

    where = loc.children.get("topics_from", loc)
    try:
        source = TopicsFrom.model_validate(data["topics_from"])
    except ValidationError as error:
        raise InputError(problem_at(where, ("topics_from",), _first(error))) from None
    target = root / source.path
    outside = None if allow_outside else leaves_folder(target, root, f"topics_from '{source.path}'", loc,
                                                       ("topics_from",))
    if outside:
        raise InputError(outside)
    if not target.is_file():
        raise InputError(problem_at(loc, ("topics_from",), f"topics_from '{source.path}': no such file"))
    horizon = _horizon(data)
    timezone = horizon.timezone if horizon else "Asia/Shanghai"
    result = read_backlog(_display(target), sheet=source.sheet, mapping=dict(source.mapping), timezone=timezone, lang=lang)
    notes.append(result.summary(lang))
    notes += [str(p) for p in result.refused]
    return [(topic, Loc(result.file, row)) for topic, row in zip(result.topics, result.rows, strict=True)]


def _episodes(data: dict[str, Any], loc: Loc) -> list[tuple[dict[str, Any], Loc]]:
    horizon = _horizon(data)
    raw = data["series"]
    if horizon is None or not isinstance(raw, list):
        return []  # the scenario's own validation names the problem
    platforms = {str(a.get("id")): a.get("platform") for a in data.get("accounts") or [] if isinstance(a, dict)}
    out: list[tuple[dict[str, Any], Loc]] = []
    problems: list[Problem] = []
    for index, entry in enumerate(raw):
        try:
            series = Series.model_validate(entry)
        except ValidationError:
            continue  # reported, located, when the scenario validates
        for field, ident in unknown_overrides(series, horizon):
            problems.append(problem_at(loc, ("series", index, field),
                                       f"'{ident}' is no episode of {series.id} in the horizon"))
        unknown = [a for a in series.every.accounts if a not in platforms]
        if unknown:
            problems.append(problem_at(loc, ("series", index, "every", "accounts"),
                                       f"unknown account(s) {', '.join(unknown)}"))
        place = loc.find(("series", index))
        out += [(topic, place) for topic in episodes(series, horizon, platforms)]
    if problems:
        raise InputError(problems)
    return out


def _merged(data: dict[str, Any], loc: Loc, made: list[tuple[dict[str, Any], Loc]]) -> tuple[dict[str, Any], Loc]:
    listed = list(data.get("topics") or [])
    topics_loc = loc.children.get("topics", Loc(loc.file, loc.line))
    locs = [topics_loc.children.get(i, topics_loc) for i in range(len(listed))]
    by_id = {t.get("id"): i for i, t in enumerate(listed) if isinstance(t, dict)}
    for topic, place in made:
        i = by_id.get(topic["id"])
        if i is None:
            by_id[topic["id"]] = len(listed)
            listed.append(topic)
            locs.append(place)
        else:  # the file's entry overrides the generated topic
            listed[i], locs[i] = merge(topic, place, listed[i], locs[i])
    new_loc = Loc(loc.file, loc.line, loc.column, {**loc.children,
                                                   "topics": Loc(topics_loc.file, topics_loc.line, topics_loc.column,
                                                                 dict(enumerate(locs)))})
    return {**data, "topics": listed}, new_loc


def _horizon(data: dict[str, Any]) -> Horizon | None:
    try:
        return Horizon.model_validate(data.get("horizon"))
    except ValidationError:
        return None


def _first(error: ValidationError) -> str:
    item = error.errors()[0]
    return item["msg"].removeprefix("Value error, ")
