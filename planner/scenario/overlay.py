"""``extends`` overlays: maps merge by key, lists of objects merge by ``id``, ``remove`` deletes.

A variant that names a member, account or topic its base does not have is most often a typo
(``chenxiao`` for ``chen``), which would otherwise become a new, half-written object; so such an
entry must say ``add: true`` to be new, and an entry that says ``add: true`` must be new.
"""

from __future__ import annotations

import copy
import re
from typing import Any

from planner.domain.vocab import closest, kind_word
from planner.errors import InputError, Problem
from planner.scenario.words import say
from planner.scenario.yamlio import Loc, problem_at

#: The marker of a new entry in a variant's list.
ADD = "add"
#: Top-level lists whose new entries must be marked ``add: true``, and what their entries are.
#: Trends and rules are left out: a variant adds a trend, or overrides a pack rule by id, as a
#: matter of course (``planner trends match`` writes such variants).
CHECKED_LISTS = {"team": "member", "accounts": "account", "topics": "topic"}
_ENTRY_KINDS = {**CHECKED_LISTS, "trends": "trend", "rules": "rule"}


def _is_object_list(value: Any) -> bool:
    return isinstance(value, list) and bool(value) and all(isinstance(i, dict) and "id" in i for i in value)


def merge(base: Any, base_loc: Loc, over: Any, over_loc: Loc) -> tuple[Any, Loc]:
    """Overlay ``over`` on ``base``; returns new data and its location tree."""
    if isinstance(base, dict) and isinstance(over, dict):
        data = dict(base)
        loc = Loc(over_loc.file, over_loc.line, over_loc.column, dict(base_loc.children))
        for key, value in over.items():
            child_loc = over_loc.children.get(key, over_loc)
            if key in data:
                data[key], loc.children[key] = merge(data[key], base_loc.children.get(key, base_loc), value, child_loc)
            else:
                data[key], loc.children[key] = value, child_loc
        return data, loc
    if isinstance(base, list) and isinstance(over, list) and (_is_object_list(base) or not base) and _is_object_list(over):
        return _merge_by_id(base, base_loc, over, over_loc)
    return copy.deepcopy(over), over_loc


def _merge_by_id(base: list[Any], base_loc: Loc, over: list[Any], over_loc: Loc) -> tuple[list[Any], Loc]:
    items = list(base)
    locs = [base_loc.children.get(i, base_loc) for i in range(len(base))]
    index = {item["id"]: i for i, item in enumerate(items)}
    for j, item in enumerate(over):
        item_loc = over_loc.children.get(j, over_loc)
        if item["id"] in index:
            i = index[item["id"]]
            items[i], locs[i] = merge(items[i], locs[i], item, item_loc)
        else:
            index[item["id"]] = len(items)
            items.append(item)
            locs.append(item_loc)
    return items, Loc(over_loc.file, over_loc.line, over_loc.column, dict(enumerate(locs)))


def _marked(data: dict[str, Any]) -> list[tuple[str, int, dict[str, Any]]]:
    """(list key, index, entry) of every top-level list entry that carries the ``add`` marker."""
    return [(key, j, item) for key, value in data.items() if _is_object_list(value)
            for j, item in enumerate(value) if ADD in item]


def refuse_add_marks(data: dict[str, Any], loc: Loc, lang: str) -> None:
    """A file without ``extends`` has no base to add to: its ``add:`` keys are mistakes."""
    problems = [problem_at(loc, (key, j, ADD), say("add_without_extends", lang)) for key, j, _ in _marked(data)]
    if problems:
        raise InputError(problems)


def _episode_of_column(base: dict[str, Any], topic_id: str) -> bool:
    """An id the base's recurring columns make (``<column>-<YYYYMMDD>``): the loader generates those
    topics and says itself when no occurrence has that date."""
    columns = [str(c["id"]) for c in base.get("series") or [] if isinstance(c, dict) and "id" in c]
    return any(re.fullmatch(rf"{re.escape(column)}-\d{{8}}", topic_id) for column in columns)


def check_new_ids(base: dict[str, Any], over: dict[str, Any], over_loc: Loc, base_name: str,
                  lang: str) -> dict[str, Any]:
    """``over`` with its ``add`` markers taken out, after checking them against ``base``: an entry of
    ``team``, ``accounts`` or ``topics`` whose id the base lacks must say ``add: true``, and an entry
    (of any top-level list) that says so must be new. Every problem is reported at the entry's id."""
    problems: list[Problem] = []
    for key, j, item in _marked(over):
        if not isinstance(item[ADD], bool):
            problems.append(problem_at(over_loc, (key, j, ADD), say("add_not_bool", lang)))
    for key, value in over.items():
        if not _is_object_list(value):
            continue
        known = [i["id"] for i in base.get(key) or [] if isinstance(i, dict) and "id" in i]
        kind = _ENTRY_KINDS.get(key, key)
        for j, item in enumerate(value):
            new, where = item.get(ADD) is True, (key, j, "id")
            words = {"base": base_name, "kind": kind_word(kind, lang), "id": item["id"]}
            if new and item["id"] in known:
                problems.append(problem_at(over_loc, where, say("already_in_base", lang, **words)))
            elif not new and key in CHECKED_LISTS and item["id"] not in known \
                    and not (key == "topics" and _episode_of_column(base, str(item["id"]))):
                near = closest(str(item["id"]), [str(k) for k in known])
                hint = say("hint", lang, near=near) if near else ""
                problems.append(problem_at(over_loc, where, say("not_in_base", lang, hint=hint, **words)))
    if problems:
        raise InputError(problems)
    stripped = dict(over)
    for key, value in over.items():
        if _is_object_list(value):
            stripped[key] = [{k: v for k, v in item.items() if k != ADD} for item in value]
    return stripped


def remove_ids(data: dict[str, Any], loc: Loc, ids: Any, ids_loc: Loc, lang: str = "zh") -> tuple[dict[str, Any], Loc]:
    """Delete objects with these ids from every list of objects; unknown ids are errors."""
    if not isinstance(ids, list) or not all(isinstance(i, str) for i in ids):
        raise InputError(problem_at(ids_loc, (), say("remove_list", lang)))
    wanted = set(ids)
    found: set[str] = set()
    data = dict(data)
    loc = Loc(loc.file, loc.line, loc.column, dict(loc.children))
    for key, value in list(data.items()):
        if not _is_object_list(value):
            continue
        kept, kept_locs = [], []
        old_loc = loc.children.get(key, loc)
        for i, item in enumerate(value):
            if item["id"] in wanted:
                found.add(item["id"])
            else:
                kept.append(item)
                kept_locs.append(old_loc.children.get(i, old_loc))
        data[key] = kept
        loc.children[key] = Loc(old_loc.file, old_loc.line, old_loc.column, dict(enumerate(kept_locs)))
    problems = []
    for i in ids:
        if i not in found:
            where = problem_at(ids_loc, (ids.index(i),), say("remove_unknown", lang, id=i))
            problems.append(Problem(where.message, where.file, where.line, where.column, f"remove[{ids.index(i)}]"))
    if problems:
        raise InputError(problems)
    return data, loc
