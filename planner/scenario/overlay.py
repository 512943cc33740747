"""``extends`` overlays: maps merge by key, lists of objects merge by ``id``, ``remove`` deletes."""

from __future__ import annotations

import copy
from typing import Any

from planner.errors import InputError, Problem
from planner.scenario.yamlio import Loc, problem_at


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


def remove_ids(data: dict[str, Any], loc: Loc, ids: Any, ids_loc: Loc) -> tuple[dict[str, Any], Loc]:
    """Delete objects with these ids from every list of objects; unknown ids are errors."""
    if not isinstance(ids, list) or not all(isinstance(i, str) for i in ids):
        raise InputError(problem_at(ids_loc, (), "remove must be a list of ids"))
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
            where = problem_at(ids_loc, (ids.index(i),), f"no object with id '{i}' in the base")
            problems.append(Problem(where.message, where.file, where.line, where.column, f"remove[{ids.index(i)}]"))
    if problems:
        raise InputError(problems)
    return data, loc
