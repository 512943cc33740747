"""Shared pieces of the reliability tests and of ``scripts/fuzz_long.py``.

Every loader is wrapped as ``loader(path) -> None``; ``attempt`` runs one under a hang guard and
sorts the outcome into "ok" (the file was accepted) or "error" (the project's own one-line
error). Anything else escapes and fails the test: that is a bug.
"""

from __future__ import annotations

import contextlib
import os
import re
import signal
import traceback
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import datetime
from functools import cache
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from hypothesis import strategies as st

from planner.errors import InputError, PlannerError

HERE = Path(__file__).resolve().parent
FIXTURES = HERE / "fixtures"
SEEDS = FIXTURES / "seeds"
HOSTILE = FIXTURES / "hostile"
ROOT = HERE.parents[1]

#: A loader that takes longer than this on a file of a few kB is hung, whatever the machine load.
HANG_SECONDS = 20


class Hang(BaseException):
    """Raised by the alarm; a BaseException so a loader's ``except Exception`` cannot swallow it."""


@contextlib.contextmanager
def hang_guard(seconds: int = HANG_SECONDS) -> Iterator[None]:
    def ring(signum: int, frame: Any) -> None:
        raise Hang(f"no answer within {seconds}s")

    previous = signal.signal(signal.SIGALRM, ring)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


class MultiLine(AssertionError):
    """A message that would print on more than one line."""


def assert_one_line_each(error: PlannerError) -> None:
    """The CLI prints one line per problem: each must be non-empty and free of line breaks."""
    problems = error.problems if isinstance(error, InputError) else [str(error)]
    assert problems, "an InputError without problems prints nothing"
    for problem in problems:
        text = str(problem)
        assert text.strip(), "empty message"
        # splitlines() breaks where a terminal may: \n, \r, \v, \f, \x1c-\x1e, \x85, \u2028, \u2029.
        if len(text.splitlines()) != 1:
            raise MultiLine(f"multi-line message: {text!r}")


@dataclass(frozen=True)
class KnownBug:
    """A bug found and reported, not yet fixed, in a file this folder does not own."""

    types: tuple[type[BaseException], ...]
    where: str | None  # the planner module it is raised in (innermost planner frame), None: anywhere
    fix: str  # the test that pins it (a strict xfail) and where the fix goes


#: The fuzzers count these apart so that they keep hunting for new bugs. Each is pinned by a
#: strict xfail test in test_known_bugs.py that starts failing once the fix lands: then delete the
#: entry here. Empty: bugs 1-12 of docs/RELIABILITY.md are fixed, their tests pass unmarked.
KNOWN_BUGS: dict[str, list[KnownBug]] = {}


def _raised_in(error: BaseException) -> str:
    frames = [f for f in traceback.extract_tb(error.__traceback__) if f"{os.sep}planner{os.sep}" in f.filename]
    return Path(frames[-1].filename).name if frames else ""


def known_bug(name: str, error: BaseException) -> bool:
    return any(isinstance(error, bug.types) and (bug.where is None or _raised_in(error) == bug.where)
               for bug in KNOWN_BUGS.get(name, []))


def attempt(loader: Callable[[Path], Any], path: Path) -> str:
    """Run ``loader`` on ``path``: "ok", or "error" for the project's own error; anything else raises."""
    try:
        with hang_guard():
            loader(path)
    except PlannerError as error:
        assert_one_line_each(error)
        return "error"
    return "ok"


def attempt_known(name: str, loader: Callable[[Path], Any], path: Path) -> str:
    """``attempt``, with the known bugs of ``name`` counted as "known bug" instead of raised."""
    try:
        return attempt(loader, path)
    except (Exception, Hang) as error:
        if known_bug(name, error):
            return "known bug"
        raise


# ---- the loaders under test ------------------------------------------------------------------

@cache
def seed_scenario() -> Any:
    from planner.scenario import load

    return load(SEEDS / "scenario.yaml")


def load_scenario(path: Path) -> None:
    """What ``planner check`` does with a file: load, dependency graph, rules, content check."""
    from planner.rules import check_topics, resolve_rules
    from planner.scenario import load
    from planner.workflow import dependency_graph

    scenario = load(path)
    dependency_graph(scenario)
    check_topics(scenario, resolve_rules(scenario))


def load_rule_pack(path: Path) -> None:
    from planner.rules.packs import load_pack

    load_pack(str(path))


def load_history(path: Path) -> None:
    from planner.metrics.ingest import import_history

    import_history(path)


def load_calendar(path: Path) -> None:
    from planner.scenario.calendar import read_any_plan

    read_any_plan(path, seed_scenario())


def load_snapshots(path: Path) -> None:
    """The whole ``planner trends import`` pipeline, not only the chunked reader."""
    from planner.trends.sources import preset
    from planner.trends.windows import ImportOptions, import_trends

    source = "weibo" if path.suffix == ".csv" else "generic"
    import_trends(path, ImportOptions(source=preset(source), tz=ZoneInfo("Asia/Shanghai"), min_snapshots=1))


def load_trends_file(path: Path) -> None:
    from planner.trends.trendsfile import read_trends

    read_trends(path)


def load_plan_json(path: Path) -> None:
    from planner.scenario.plans import read_plan

    read_plan(path)


#: name -> (loader, seed file). The seed's suffix is kept: several readers choose by it.
LOADERS: dict[str, tuple[Callable[[Path], Any], Path]] = {
    "scenario": (load_scenario, SEEDS / "scenario.yaml"),
    "rule pack": (load_rule_pack, SEEDS / "pack.yaml"),
    "history csv": (load_history, SEEDS / "history.csv"),
    "history xlsx cells": (load_history, SEEDS / "history.xlsx"),  # hostile cells in a sound workbook
    "history xlsx bytes": (load_history, ROOT / "tests" / "metrics" / "fixtures" / "douyin.xlsx"),  # broken zips
    "plan csv": (load_calendar, SEEDS / "calendar.csv"),
    "plan json": (load_calendar, SEEDS / "plan.json"),
    "snapshots csv": (load_snapshots, SEEDS / "snapshots.csv"),
    "snapshots jsonl": (load_snapshots, SEEDS / "snapshots.jsonl"),
    "trends.yaml": (load_trends_file, SEEDS / "trends.yaml"),
}


# ---- hostile bytes ---------------------------------------------------------------------------

#: Pieces that have broken parsers before: YAML aliases and tags, formula cells, NaN and infinity,
#: impossible dates, DST edges, BOMs, NULs, GBK bytes, lone surrogates, unbalanced quotes.
TOKENS: list[bytes] = [
    b"&a [*a, *a]", b"*undefined_alias", b"<<: *a", b"!!python/object:os.system", b"!!binary AAAA", b"? [a]\n: b",
    b"{", b"}", b"[", b"]", b'"', b"'", b":", b": ", b"- ", b"\t", b"#", b"---\n", b"...\n", b"%YAML 1.1\n",
    b"=1+1", b"=HYPERLINK(\"http://x\")", b"+cmd|' /C calc'!A0", b"-2+3", b"@SUM(A1)",
    b".nan", b".inf", b"-.inf", b"NaN", b"nan", b"inf", b"-Infinity", b"1e309", b"-0", b"9" * 40, b"0x1F", b"1_000",
    b"2026-02-30", b"2026-13-01", b"9999-12-31", b"0001-01-01", b"2026-11-01T01:30:00", b"2027-03-14T02:30:00",
    b"24:00", b"25:61-26:00", b"00:00-24:00", b"-1", b"1.2\xe4\xb8\x87", b"3.4w", b"12%", b"--", b"\xe2\x80\x94",
    b"\xef\xbb\xbf", b"\x00", b"\r", b"\r\n", b"\x85", b"\xe2\x80\xa8", b"\xff\xfe", b"\xed\xa0\x80",
    "抖音".encode("gbk"), "发布时间".encode("gbk"), "合计".encode(), b"null", b"~", b"yes", b"no", b"on",
    b"\"unterminated", b",,,,,,,,", b";", b"\\", b"\\u0000", b'"\\ud800"', b"{\"a\": NaN}", b"[1e999]",
    b"America/New_York", b"Mars/Olympus", b"../../../etc/passwd", b"/etc/hostname",
    b"0", b"1e999", b"-1e999", b"1e-400", b"", b"[]", b"{}", b"true", b"0.5", b"100000000000000000000",
    # Round two (issue 24): complex keys, lone surrogates as escapes, terminal escapes, NUL and
    # over-long names in paths, JSON and YAML nested beyond Python's stack.
    b"? [[x]]\n: 1\n", b"? {a: [1]}\n: 1\n", b"[[x]]: 1", b'"\\udfff"', b'"x\\ud800y"', b'"\\ud83d\\ude00"',
    b'"\\e]2;PWNED\\a"', b"\x1b]2;PWNED\x07", b"\x1b[2J", b"\xc2\x9b31m", b"\xe2\x80\xae", b'"a\\0b.yaml"',
    b'\nextends: "a\\0b.yaml"\n', b'\nhistory: {path: "h\\0.csv"}\n', b"\nrule_packs: [passwd]\n",
    b"\nextends: " + b"x" * 5000 + b".yaml\n", b"[" * 2000 + b"]" * 2000, b'{"a":' * 1500 + b"1" + b"}" * 1500,
    b"\xe2\x80\x8b" * 6,
]

_WORD = re.compile(rb"[^,\s:\[\]{}\"']+")


def _lines(data: bytes) -> list[bytes]:
    return data.splitlines(keepends=True) or [b""]


@st.composite
def mutated(draw: st.DrawFn, seed: bytes) -> bytes:
    """``seed`` after one to four random edits: byte flips, hostile tokens, cut, repeated or
    swapped lines, truncation, or the whole file re-encoded as Chinese tools save it."""
    data = seed
    for _ in range(draw(st.integers(1, 4))):
        op = draw(st.sampled_from(["flip", "token", "word", "word", "delete", "dup_line", "swap_lines", "truncate",
                                   "line", "encode"]))
        size = len(data)
        if op == "flip" and size:
            i = draw(st.integers(0, size - 1))
            data = data[:i] + bytes([draw(st.integers(0, 255))]) + data[i + 1:]
        elif op == "token":
            i = draw(st.integers(0, size))
            data = data[:i] + draw(st.sampled_from(TOKENS)) + data[i:]
        elif op == "word":  # a whole value (CSV cell, YAML scalar, JSON value) becomes a hostile token
            words = list(_WORD.finditer(data))
            if words:
                word = words[draw(st.integers(0, len(words) - 1))]
                data = data[:word.start()] + draw(st.sampled_from(TOKENS)) + data[word.end():]
        elif op == "delete" and size:
            i = draw(st.integers(0, size - 1))
            data = data[:i] + data[i + draw(st.integers(1, 40)):]
        elif op == "dup_line":
            lines = _lines(data)
            i = draw(st.integers(0, len(lines) - 1))
            data = b"".join(lines[:i + 1] + [lines[i]] * draw(st.integers(1, 3)) + lines[i + 1:])
        elif op == "swap_lines":
            lines = _lines(data)
            i, j = draw(st.integers(0, len(lines) - 1)), draw(st.integers(0, len(lines) - 1))
            lines[i], lines[j] = lines[j], lines[i]
            data = b"".join(lines)
        elif op == "truncate":
            data = data[:draw(st.integers(0, size))]
        elif op == "line":
            lines = _lines(data)
            i = draw(st.integers(0, len(lines) - 1))
            lines[i] = draw(st.text(max_size=40)).encode("utf-8", "surrogatepass") + b"\n"
            data = b"".join(lines)
        elif op == "encode":
            data = _reencode(data, draw(st.sampled_from(["gbk", "utf-8-sig", "utf-16"])))
    return data


def _reencode(data: bytes, encoding: str) -> bytes:
    try:
        return data.decode("utf-8").encode(encoding)
    except (UnicodeDecodeError, UnicodeEncodeError):
        return data


def hostile_bytes(seed: bytes) -> st.SearchStrategy[bytes]:
    """Mostly mutations of a good file (they get past the first checks), some pure noise."""
    return st.one_of(mutated(seed), mutated(seed), mutated(seed), st.binary(max_size=600),
                     st.text(max_size=300).map(lambda t: t.encode("utf-8", "surrogatepass")))


XLSX_HEADER = ["作品名称", "发布时间", "作品时长", "播放量", "完播率", "点赞量", "评论量", "分享量", "收藏量", "粉丝增量"]
_GOOD_ROW = ["探店", datetime(2024, 3, 1, 18, 30), "00:45", 12000, "32.5%", 856, 41, 23, 67, 12]

#: What a cell of an Excel export can hold: formulas (saved without a cached value, as a script
#: writes them), NaN and infinities, huge and negative numbers, dates as numbers and text.
xlsx_cells = st.one_of(
    st.none(), st.booleans(), st.integers(-(10**20), 10**20), st.floats(allow_nan=True, allow_infinity=True),
    st.sampled_from(["=1/0", "=SUM(D2:D3)", "=NOW()", '=HYPERLINK("http://x","y")', "+1+1", "-1", "@x", "#N/A",
                     "#DIV/0!", "1.2万", "3.4w", "12%", "NaN", "inf", "", " ", "合计", "2024-02-30 10:00",
                     "2024/03/01 18:30", "45000", "9" * 30]),
    st.datetimes(min_value=datetime(1900, 1, 1), max_value=datetime(2100, 1, 1)),
    st.text(max_size=12),
)


@st.composite
def xlsx_book(draw: st.DrawFn) -> bytes:
    """A well-formed workbook: the Douyin export's header, rows of good and hostile cells."""
    import io

    import openpyxl
    from openpyxl.utils.exceptions import IllegalCharacterError

    book = openpyxl.Workbook()
    sheet = book.active
    header = list(XLSX_HEADER)
    if draw(st.booleans()):
        header[draw(st.integers(0, len(header) - 1))] = draw(st.sampled_from(["", "=A1", "播放量", "发布时间"]))
    sheet.append(header)
    for _ in range(draw(st.integers(0, 6))):
        row = list(_GOOD_ROW)
        for _ in range(draw(st.integers(0, 4))):
            row[draw(st.integers(0, len(row) - 1))] = draw(xlsx_cells)
        try:
            sheet.append(row)
        except (IllegalCharacterError, ValueError, TypeError):
            sheet.append(_GOOD_ROW)  # a value openpyxl itself will not write is not the reader's problem
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def strategy_for(name: str) -> st.SearchStrategy[bytes]:
    if name == "history xlsx cells":
        return xlsx_book()
    return hostile_bytes(LOADERS[name][1].read_bytes())


def plain(text: str) -> str:
    """Collapse runs of spaces, for comparing messages."""
    return re.sub(r"\s+", " ", text).strip()
