"""YAML reading that remembers where every value came from (file, line, column).

Also the guards every reader of a user's file shares: a size limit read from the file's size (or,
for a pipe, while reading), a JSON reader that refuses nesting too deep for Python and lone
surrogates, and the refusal of lone surrogates in YAML text (a name that cannot be written out).
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.composer import Composer, MaxDepthExceededError
from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.nodes import MappingNode, ScalarNode
from ruamel.yaml.reader import ReaderError

from planner.errors import InputError, Problem
from planner.textio import UTF8, read_text

MAX_FILE_BYTES = 5 * 1024 * 1024
#: Values (YAML nodes) one file may hold, counted while parsing, so a big file is refused after
#: its first values instead of after minutes of building all of them. The XL bench scenario
#: (3,000 topics, 60 accounts, 1 MB) holds about 124,000.
MAX_PARSED_NODES = 250_000
#: Values of the tree with every alias expanded: refuses alias bombs (a few nodes, 10^12 values).
MAX_NODES = 500_000
#: Nesting deeper than this is no scenario (and deeper YAML or JSON exhausts Python's stack).
MAX_DEPTH = 100
_SURROGATE = re.compile(r"[\ud800-\udfff]")


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
    """Counts the values of the expanded tree (aliases make it bigger than the file) and gathers
    the text values that are no text (lone surrogates)."""

    def __init__(self, file: str) -> None:
        self.count = 0
        self.file = file
        self.problems: list[Problem] = []

    def tick(self) -> None:
        self.count += 1
        if self.count > MAX_NODES:
            raise InputError(Problem(f"more than {MAX_NODES} values (an alias bomb?); refused", file=self.file))

    def text(self, value: str, loc: Loc, path: tuple[Any, ...]) -> str:
        """``value``, with escaped surrogate pairs (``"\\ud83d\\ude00"``, as JSON writes them) made
        the one character they stand for; a lone surrogate is a problem at ``path``."""
        if not _SURROGATE.search(value):
            return value
        try:
            return value.encode("utf-16-le", "surrogatepass").decode("utf-16-le")
        except UnicodeDecodeError:
            self.problems.append(Problem(surrogate_message(value), file=loc.file, line=loc.line, column=loc.column,
                                         path=format_path(path)))
            return value


def surrogate_message(value: str) -> str:
    found = _SURROGATE.search(value)
    code = f"\\u{ord(found.group()):04x}" if found else "?"
    return f"{code} is a lone surrogate, not a character (a broken escape?); write the character itself"


def _counting_composer(file: str) -> type[Composer]:
    """A composer that counts nodes as the parser delivers them and stops past ``MAX_PARSED_NODES``, so a
    big file is refused after reading its first values, not after building all of them; and that
    refuses a key that is a list or a mapping (``? [[x]]``), which no scenario needs."""

    class Counting(Composer):
        seen = 0

        def compose_node(self, parent: Any, index: Any) -> Any:
            Counting.seen += 1
            if Counting.seen > MAX_PARSED_NODES:
                mark = self.parser.peek_event().start_mark
                raise InputError(Problem(f"more than {MAX_PARSED_NODES} values; refused (split the file)",
                                         file=file, line=mark.line + 1, column=mark.column + 1))
            node = super().compose_node(parent, index)
            if isinstance(node, MappingNode):
                for key, _ in node.value:
                    if not isinstance(key, ScalarNode):
                        mark = key.start_mark
                        raise InputError(Problem("invalid YAML: a key must be a plain value, not a list or a mapping",
                                                 file=file, line=mark.line + 1, column=mark.column + 1))
            return node

    return Counting


def _plain(node: Any, file: str, line: int | None, col: int | None, counter: _Counter,
           path: tuple[Any, ...] = ()) -> tuple[Any, Loc]:
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
            if isinstance(plain_key, str):
                key_loc = Loc(file, None if kline is None else kline + 1, None if kcol is None else kcol + 1)
                plain_key = counter.text(plain_key, key_loc, path)
            out[plain_key], child = _plain(
                value, file, None if line_no is None else line_no + 1, None if col_no is None else col_no + 1, counter,
                (*path, plain_key),
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
            item, child = _plain(value, file, None if iline is None else iline + 1, None if icol is None else icol + 1,
                                 counter, (*path, index))
            items.append(item)
            loc.children[index] = child
        return items, loc
    if isinstance(node, dt.datetime | dt.date):
        return node, loc
    if isinstance(node, str):
        return counter.text(str(node), loc, path), loc
    if isinstance(node, bool | int | float) or node is None:
        return node, loc
    return str(node), loc


class _Deep(Exception):
    pass


def loads_json(text: str) -> Any:
    """``json.loads`` that raises ``json.JSONDecodeError`` (not RecursionError) for nesting deeper
    than ``MAX_DEPTH``, and for a string holding a lone surrogate (``"\\udfff"``), which no file
    can be written with later."""
    try:
        value = json.loads(text)
    except RecursionError:
        raise json.JSONDecodeError(f"nested deeper than {MAX_DEPTH} levels", text, 0) from None
    # The walk is needed only where the text could hold either: many brackets, or \u escapes.
    if text.count("[") + text.count("{") > MAX_DEPTH or "\\u" in text or "\\U" in text or _SURROGATE.search(text):
        try:
            _check_json(value, 0)
        except _Deep:
            raise json.JSONDecodeError(f"nested deeper than {MAX_DEPTH} levels", text, 0) from None
        except ValueError as error:
            raise json.JSONDecodeError(str(error), text, 0) from None
    return value


def _check_json(value: Any, depth: int) -> None:
    if depth > MAX_DEPTH:
        raise _Deep
    if isinstance(value, str):
        if _SURROGATE.search(value):
            raise ValueError(surrogate_message(value))
    elif isinstance(value, dict):
        for key, item in value.items():
            _check_json(key, depth + 1)
            _check_json(item, depth + 1)
    elif isinstance(value, list):
        for item in value:
            _check_json(item, depth + 1)


def read_yaml(path: str | Path) -> tuple[Any, Loc]:
    """Read a YAML file into plain data plus its location tree; errors are located."""
    file = str(path)
    text = read_text(path, MAX_FILE_BYTES, UTF8, file).text
    yaml = YAML(typ="rt")
    yaml.allow_duplicate_keys = False
    yaml.max_depth = MAX_DEPTH
    yaml.Composer = _counting_composer(file)
    try:
        document = yaml.load(text)
    except MaxDepthExceededError as error:
        mark = error.problem_mark
        raise InputError(Problem(f"invalid YAML: nested deeper than {MAX_DEPTH} levels", file=file,
                                 line=mark.line + 1 if mark else None, column=mark.column + 1 if mark else None)) from None
    except ReaderError as error:  # a character YAML refuses (NUL, other controls): locate it in the text
        position = error.position if isinstance(error.position, int) else 0
        line = text.count("\n", 0, position) + 1
        column = position - (text.rfind("\n", 0, position) + 1) + 1
        char = error.character
        code = ord(char) if isinstance(char, str | bytes) and len(char) == 1 else char
        raise InputError(Problem(f"invalid YAML: unacceptable character #x{code:04x}" if isinstance(code, int)
                                 else "invalid YAML: unacceptable character", file=file, line=line, column=column)) from None
    except MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        reason = (error.problem or error.context or "invalid YAML").strip()
        raise InputError(
            Problem(f"invalid YAML: {reason}", file=file, line=mark.line + 1 if mark else None,
                    column=mark.column + 1 if mark else None)
        ) from None
    except (YAMLError, ValueError, RecursionError) as error:
        raise InputError(Problem(f"invalid YAML: {str(error).splitlines()[0] if str(error) else type(error).__name__}", file=file)) from None
    counter = _Counter(file)
    try:
        result = _plain(document, file, 1, 1, counter)
    except RecursionError:
        raise InputError(Problem("YAML nested too deeply", file=file)) from None
    if counter.problems:
        raise InputError(counter.problems)
    return result
