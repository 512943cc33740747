"""Typed errors the library raises; the CLI turns them into one-line messages."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

#: What a terminal would act on instead of showing: C0 and C1 control characters (escape sequences
#: start with ESC or CSI), DEL, line and paragraph separators, and the bidirectional overrides and
#: isolates that reorder what is shown; lone surrogates too (they cannot be printed at all).
_CONTROLS = re.compile(r"\r\n|[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]")

#: At most this many problems are kept in one InputError (and printed); a count says how many more.
MAX_PROBLEMS = 50


def _escape(match: re.Match[str]) -> str:
    return match.group().encode("unicode_escape").decode("ascii")


def printable(text: str) -> str:
    """``text`` safe to print on a terminal, on one line: control characters, line breaks and
    bidirectional overrides are shown escaped (``\\x1b``, ``\\n``, ``\\u202e``), never acted on."""
    return _CONTROLS.sub(_escape, text)


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
        parts = [p for p in (printable(where), printable(self.path)) if p]
        prefix = " ".join(parts)
        message = printable(self.message)
        return f"{prefix}: {message}" if prefix else message


class PlannerError(Exception):
    """Base of every error the library raises on purpose. Its text is safe to print: each line has
    its control characters escaped (a name quoted from a file cannot retitle the terminal)."""

    def __str__(self) -> str:
        return "\n".join(printable(line) for line in super().__str__().split("\n"))


@dataclass(frozen=True)
class MoreProblems(Problem):
    """Stands for the problems past the first ``MAX_PROBLEMS``: ``... and N more problems``."""

    count: int = 0


class InputError(PlannerError):
    """Bad input: one or more located problems, all reported together. Past ``MAX_PROBLEMS`` only
    the first are kept, followed by a ``MoreProblems`` that counts the rest; ``total`` counts all."""

    def __init__(self, problems: Iterable[Problem] | Problem | str) -> None:
        if isinstance(problems, str):
            problems = [Problem(problems)]
        elif isinstance(problems, Problem):
            problems = [problems]
        found = list(problems)
        self.total = sum(p.count if isinstance(p, MoreProblems) else 1 for p in found)
        kept = [p for p in found if not isinstance(p, MoreProblems)][:MAX_PROBLEMS]
        if self.total > len(kept):
            rest = self.total - len(kept)
            kept.append(MoreProblems(f"... and {rest} more problem{'s' if rest > 1 else ''} "
                                     f"(the first {len(kept)} are shown)", count=rest))
        self.problems: list[Problem] = kept
        super().__init__("\n".join(str(p) for p in self.problems))

    def __str__(self) -> str:
        return "\n".join(str(p) for p in self.problems)


class SolverBug(PlannerError):
    """The solver returned a plan that breaks a hard rule: a bug, never a result."""
