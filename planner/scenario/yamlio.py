"""YAML reading that remembers where every value came from (file, line, column)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import MarkedYAMLError, YAMLError

from planner.errors import InputError, Problem

MAX_FILE_BYTES = 5 * 1024 * 1024
MAX_NODES = 500_000  # refuses alias bombs: expanded trees beyond this are not real scenarios


@dataclass
class Loc:
    """Where a value sits: its own position plus its children's (keys or list indexes)."""

    file: str
    line: int | None = None
    column: int | None = None
    children: dict[Any, Loc] = field(default_factory=dict)

    def find(self, path: tuple[Any, ...]) -> Loc:
        """The deepest known location along ``path``."""
        node = self
        for step in path:
            child = node.children.get(step)
            if child is None:
                break
            node = child
        return node


def format_path(path: tuple[Any, ...]) -> str:
    """('topics', 3, 'platforms', 1) -> 'topics[3].platforms[1]'."""
    text = ""
    for step in path:
        if isinstance(step, int):
            text += f"[{step}]"
        else:
            text += f".{step}" if text else str(step)
    return text


def parse_path(text: str) -> tuple[Any, ...]:
    """'topics[3].platforms[1]' -> ('topics', 3, 'platforms', 1)."""
    steps: list[Any] = []
    for part in text.replace("[", ".[").split("."):
        if not part:
            continue
        if part.startswith("[") and part.endswith("]") and part[1:-1].isdigit():
            steps.append(int(part[1:-1]))
        else:
            steps.append(part)
    return tuple(steps)


def problem_at(loc: Loc, path: tuple[Any, ...], message: str) -> Problem:
    node = loc.find(path)
    return Problem(message, file=node.file, line=node.line, column=node.column, path=format_path(path))


class _Counter:
    def __init__(self, file: str) -> None:
        self.count = 0
        self.file = file

    def tick(self) -> None:
        self.count += 1
        if self.count > MAX_NODES:
            raise InputError(Problem(f"more than {MAX_NODES} values (an alias bomb?); refused", file=self.file))


def _plain(node: Any, file: str, line: int | None, col: int | None, counter: _Counter) -> tuple[Any, Loc]:
    """Convert ruamel nodes to plain Python values and a parallel location tree."""
    counter.tick()
    loc = Loc(file, line, col)
    if isinstance(node, CommentedMap):
        out: dict[Any, Any] = {}
        for key, value in node.items():
            try:
                kline, kcol = node.lc.key(key)
                vline, vcol = node.lc.value(key)
            except (KeyError, TypeError, AttributeError):
                kline = kcol = vline = vcol = None
            line_no = (vline if isinstance(value, (CommentedMap, CommentedSeq)) else kline)
            col_no = (vcol if isinstance(value, (CommentedMap, CommentedSeq)) else kcol)
            plain_key = key if isinstance(key, (str, int, float, bool)) or key is None else str(key)
            out[plain_key], child = _plain(
                value, file, None if line_no is None else line_no + 1, None if col_no is None else col_no + 1, counter
            )
            if kline is not None:
                child.line, child.column = kline + 1, (kcol or 0) + 1
            loc.children[plain_key] = child
        return out, loc
    if isinstance(node, CommentedSeq):
        items = []
        for index, value in enumerate(node):
            try:
                iline, icol = node.lc.item(index)
            except (KeyError, TypeError, AttributeError, IndexError):
                iline = icol = None
            item, child = _plain(value, file, None if iline is None else iline + 1, None if icol is None else icol + 1, counter)
            items.append(item)
            loc.children[index] = child
        return items, loc
    if isinstance(node, dt.datetime | dt.date):
        return node, loc
    if isinstance(node, str):
        return str(node), loc
    if isinstance(node, bool | int | float) or node is None:
        return node, loc
    return str(node), loc


def refuse_oversize(path: Path, limit: int, file: str) -> None:
    """Refuse a file bigger than ``limit`` bytes by its size, before anything reads it."""
    size = path.stat().st_size
    if size > limit:
        raise InputError(Problem(f"file is {size} bytes, over the {limit} byte limit", file=file))


def read_yaml(path: str | Path) -> tuple[Any, Loc]:
    """Read a YAML file into plain data plus its location tree; errors are located."""
    file = str(path)
    target = Path(path)
    if not target.is_file():
        raise InputError(Problem("no such file", file=file))
    refuse_oversize(target, MAX_FILE_BYTES, file)
    raw = target.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise InputError(Problem(f"not UTF-8 text (byte {error.start}); save the file as UTF-8", file=file)) from None
    yaml = YAML(typ="rt")
    yaml.allow_duplicate_keys = False
    try:
        document = yaml.load(text)
    except MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        reason = (error.problem or error.context or "invalid YAML").strip()
        raise InputError(
            Problem(f"invalid YAML: {reason}", file=file, line=mark.line + 1 if mark else None,
                    column=mark.column + 1 if mark else None)
        ) from None
    except (YAMLError, ValueError, RecursionError) as error:
        raise InputError(Problem(f"invalid YAML: {str(error).splitlines()[0] if str(error) else type(error).__name__}", file=file)) from None
    try:
        return _plain(document, file, 1, 1, _Counter(file))
    except RecursionError:
        raise InputError(Problem("YAML nested too deeply", file=file)) from None
