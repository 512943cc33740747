"""Typed errors the library raises; the CLI turns them into one-line messages."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

_BREAKS = re.compile(r"\r\n|[\n\r\v\f\x1c-\x1e\x85\u2028\u2029]")


def _one_line(text: str) -> str:
    """A value quoted from a file may hold line breaks; a message stays on one line."""
    return _BREAKS.sub(lambda m: m.group().encode("unicode_escape").decode(), text)


def clip_list(items: Iterable[object], limit: int = 200) -> str:
    """``items`` joined by ", ", cut to about ``limit`` characters: a message may quote a file's
    header, and a header of 2,000 columns would otherwise make a 16 kB line."""
    names = [str(item) for item in items]
    shown: list[str] = []
    used = 0
    for name in names:
        if shown and used + len(name) + 2 > limit:
            break
        shown.append(name if len(name) <= limit else name[:limit] + "...")
        used += len(shown[-1]) + 2
    rest = len(names) - len(shown)
    return ", ".join(shown) + (f", ... and {rest} more" if rest else "")


@dataclass(frozen=True)
class Problem:
    """One located problem in an input file: ``file:line:col path: message``."""

    message: str
    file: str | None = None
    line: int | None = None
    column: int | None = None
    path: str = ""

    def __str__(self) -> str:
        where = ""
        if self.file:
            where = self.file
            if self.line is not None:
                where += f":{self.line}"
                if self.column is not None:
                    where += f":{self.column}"
        parts = [p for p in (where, _one_line(self.path)) if p]
        prefix = " ".join(parts)
        message = _one_line(self.message)
        return f"{prefix}: {message}" if prefix else message


class PlannerError(Exception):
    """Base of every error the library raises on purpose."""


class InputError(PlannerError):
    """Bad input: one or more located problems, all reported together."""

    def __init__(self, problems: list[Problem] | Problem | str) -> None:
        if isinstance(problems, str):
            problems = [Problem(problems)]
        elif isinstance(problems, Problem):
            problems = [problems]
        self.problems: list[Problem] = list(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


class SolverBug(PlannerError):
    """The solver returned a plan that breaks a hard rule: a bug, never a result."""
