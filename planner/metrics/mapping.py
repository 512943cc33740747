"""Column mapping for any other table: ``field: header in your file`` or ``field: =constant``.

A mapping file is YAML (or JSON, which YAML reads too)::

    # planner field: the header in the file, or =value for the whole file
    platform: =douyin
    account: =brand_dy
    published_at: Post time
    views: Plays
    likes: Likes
    completion: Watched to end

A scenario's ``history.mapping`` takes the same keys and values.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from planner.domain.vocab import suggest
from planner.errors import InputError, Problem
from planner.metrics.fields import CONSTANT_FIELDS, FIELDS

#: A mapping file as the help and the import errors show it.
EXAMPLE = ("platform: =douyin", "account: =brand_dy", "published_at: Post time", "views: Plays", "likes: Likes",
           "completion: Watched to end")


def fields_help() -> str:
    """Every field a mapping may name, with its meaning, and an example file (for --help)."""
    width = max(map(len, FIELDS))
    lines = ["\b", "Fields for --map (a YAML file of 'field: header in your file' or 'field: =value' lines;",
             f"=value is allowed for {', '.join(CONSTANT_FIELDS)}):"]
    lines += [f"  {f.name:<{width}}  {f.meaning}" for f in FIELDS.values()]
    lines += ["", "\b", "Example mapping file (columns.yaml):", *(f"  {line}" for line in EXAMPLE)]
    return "\n".join(lines)


@dataclass(frozen=True)
class ColumnMap:
    """Which header holds which field, plus constants for the whole file."""

    columns: dict[str, str] = field(default_factory=dict)
    constants: dict[str, str] = field(default_factory=dict)
    source: str = ""


def parse_mapping(data: Any, source: str, lines: dict[str, int | None] | None = None) -> ColumnMap:
    """Check a mapping's keys and values; problems name ``source`` and the key's line."""
    if not isinstance(data, dict):
        raise InputError(Problem("a column mapping is a map of 'field: header' lines", file=source))
    lines = lines or {}
    problems: list[Problem] = []
    columns: dict[str, str] = {}
    constants: dict[str, str] = {}
    for key, value in data.items():
        line = lines.get(str(key))
        name = str(key)
        if name not in FIELDS:
            problems.append(Problem(f"unknown field '{name}'{suggest(name, list(FIELDS))}; fields are: "
                                    + ", ".join(FIELDS), file=source, line=line, path=name))
            continue
        if value is None or isinstance(value, dict | list):
            problems.append(Problem("expected a column header or =value", file=source, line=line, path=name))
            continue
        text = str(value).strip()
        if text.startswith("="):
            if name not in CONSTANT_FIELDS:
                problems.append(Problem(f"'{name}' cannot be a constant; constants: {', '.join(CONSTANT_FIELDS)}",
                                        file=source, line=line, path=name))
                continue
            constants[name] = text[1:].strip()
        else:
            columns[name] = text
    if problems:
        raise InputError(problems)
    return ColumnMap(columns, constants, source)


def load_mapping(path: str | Path) -> ColumnMap:
    """Read a mapping file (YAML or JSON)."""
    from planner.scenario.yamlio import read_yaml

    data, loc = read_yaml(path)
    lines = {str(k): child.line for k, child in loc.children.items()}
    return parse_mapping(data, str(path), lines)
