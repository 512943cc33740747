"""Outputs a hostile scenario cannot turn against its reader, and writes that never leave half a file.

- HTML: every user string is escaped (the browser test is the report's own; here the markup).
- CSV: a cell a spreadsheet would run as a formula (= + - @) is neutralised.
- Files: written to a temporary file and renamed; a failure at any step leaves the old file whole
  and no temporary file behind.
"""

from __future__ import annotations

import csv
import io
import os
import re
from collections import Counter
from datetime import datetime
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from planner.cli import cli
from planner.domain.plan import Plan, Publication, SolverInfo, Task
from planner.domain.scenario import Scenario
from planner.io import write_atomic

ROOT = Path(__file__).resolve().parents[2]

# Ids may hold anything but blanks , ; : # -- so markup fits in an id as well as in a name.
XSS = {
    "scenario": '<script>alert("s")</script>',
    "account": "<img/src=x/onerror=alert(1)>",
    "account_name": '"><svg onload=alert(2)>',
    "member": "<iframe/src=x/onload=alert(3)>",
    "member_name": "</style><script>alert(4)</script>",
    "topic": "<b>t1</b>",
    "title": "=HYPERLINK(\"http://evil.example\",\"点我\") <a href='javascript:alert(5)'>x</a>",
    "title2": "+SUM(1+1)&<u>",
    "title3": "@cmd|' /C calc'!A0",
    "title4": "-2+3 & 'quote'",
    "trend": "<marquee>热点</marquee>",
    "rule": "<x-rule>",
    "source": "<link rel=import href=//evil.example>",
}
BENIGN = {key: f"plain_{key}" for key in XSS}


def scenario_with(s: dict[str, str]) -> Scenario:
    """One account, two members, four topics; every name and id a test string."""
    topic = {"format": "talking_head", "goal": "engage", "platforms": ["douyin"], "value": 40}
    return Scenario.model_validate({
        "name": s["scenario"],
        "horizon": {"start": "2026-12-07", "days": 4, "publish_hours": "18:00-21:00"},
        "accounts": [{"id": s["account"], "platform": "douyin", "name": s["account_name"], "followers": 1000}],
        "team": [{"id": s["member"], "name": s["member_name"], "roles": ["writer", "shooter", "editor", "planner"]},
                 {"id": "bob", "roles": ["talent", "shooter"]}],
        "topics": [{**topic, "id": s["topic"], "title": s["title"], "hashtags": [s["title2"]], "trend": s["trend"]},
                   {**topic, "id": "t2", "title": s["title2"]},
                   {**topic, "id": "t3", "title": s["title3"]},
                   {**topic, "id": "t4", "title": s["title4"]}],
        "trends": [{"id": s["trend"], "name": s["trend"], "keywords": [s["title2"]], "start": "2026-12-07T00:00:00",
                    "end": "2026-12-10T00:00:00", "source": s["source"]}],
        "rules": [{"id": s["rule"], "kind": "min_gap", "hours": 2, "scope": {"account": s["account"]},
                   "source": s["source"]}],
    })


def plan_for(scenario: Scenario) -> Plan:
    """Two posts an hour apart (a hard min_gap violation to report), one topic left out."""
    tz = scenario.horizon.tz
    account = scenario.accounts[0].id
    member = scenario.team[0].id
    topic = scenario.topics[0].id
    pubs = [Publication(topic=topic, account=account, platform="douyin", at=datetime(2026, 12, 9, 19, tzinfo=tz)),
            Publication(topic="t2", account=account, platform="douyin", at=datetime(2026, 12, 9, 20, tzinfo=tz)),
            Publication(topic="t3", account=account, platform="douyin", at=datetime(2026, 12, 10, 19, tzinfo=tz))]
    tasks = [Task(topic=topic, stage="script", members=[member], start=datetime(2026, 12, 7, 10, tzinfo=tz),
                  end=datetime(2026, 12, 7, 11, tzinfo=tz))]
    return Plan(scenario=scenario.name, generated_at=datetime(2026, 11, 28), solver=SolverInfo(status="MANUAL"),
                publications=pubs, tasks=tasks)


def render(fmt: str, strings: dict[str, str]) -> Any:
    from planner.report.render import render_score
    from planner.scoring import score

    scenario = scenario_with(strings)
    return render_score(fmt, score(scenario, plan_for(scenario)), lang="en")


class Markup(HTMLParser):
    """The tags and attribute names of a page: what text can never add if it is escaped."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: Counter[str] = Counter()
        self.attributes: Counter[str] = Counter()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags[tag] += 1
        self.attributes.update(f"{tag}.{name}" for name, _ in attrs)


def markup(page: str) -> Markup:
    parser = Markup()
    parser.feed(page)
    return parser


@pytest.fixture(scope="module")
def pages() -> tuple[str, str]:
    return render("html", BENIGN).stdout, render("html", XSS).stdout


def test_html_markup_is_the_same_whatever_the_names(pages: tuple[str, str]) -> None:
    """Hostile names add no tag and no attribute: the page's structure equals the benign page's."""
    benign, hostile = markup(pages[0]), markup(pages[1])
    assert hostile.tags == benign.tags
    assert hostile.attributes == benign.attributes


def test_html_shows_every_string_escaped(pages: tuple[str, str]) -> None:
    from html import escape

    hostile = pages[1]
    assert hostile.count("<script") == 1  # the page's own script, nothing else
    for key in ("scenario", "account", "member", "topic", "title", "trend"):
        assert XSS[key] not in hostile, key
        assert escape(XSS[key], quote=True) in hostile, key


def test_escape_function_covers_quotes_and_ampersands() -> None:
    from planner.report.svg import e

    assert e("<a href=\"x\" title='y'>&amp;</a>") == "&lt;a href=&quot;x&quot; title=&#x27;y&#x27;&gt;&amp;amp;&lt;/a&gt;"
    assert e(None) == "None" and e(3) == "3"


FORMULA = re.compile(r"^[=+\-@\t\r]")


def _number(cell: str) -> bool:
    try:
        float(cell)
    except ValueError:
        return False
    return True


def test_csv_exports_neutralise_formulas() -> None:
    output = render("csv", XSS)
    cells = 0
    seen_titles = set()
    for name, text in output.files.items():
        assert isinstance(text, str)
        for row in csv.reader(io.StringIO(text.removeprefix("\ufeff"), newline="")):
            for cell in row:
                cells += 1
                assert not FORMULA.match(cell) or _number(cell), f"{name}: formula cell {cell!r}"
                seen_titles.update(t for t in (XSS["title"], XSS["title2"], XSS["title3"], XSS["title4"])
                                   if cell == "'" + t)
    assert cells > 50
    assert seen_titles == {XSS["title"], XSS["title2"], XSS["title3"], XSS["title4"]}  # kept, as text


def test_csv_safe_cell_leaves_numbers_alone() -> None:
    from planner.report.csv_out import safe_cell

    assert safe_cell(-3.5) == -3.5 and safe_cell("=1+1") == "'=1+1" and safe_cell("\t=x") == "'\t=x"
    assert safe_cell("普通") == "普通"


# ---- atomic writes ------------------------------------------------------------------------------

OLD = '{"old": "plan"}\n'


@pytest.fixture
def target(tmp_path: Path) -> Path:
    path = tmp_path / "out" / "plan.json"
    path.parent.mkdir()
    path.write_text(OLD, encoding="utf-8")
    return path


def assert_untouched(target: Path) -> None:
    assert target.read_text(encoding="utf-8") == OLD
    assert sorted(p.name for p in target.parent.iterdir()) == ["plan.json"], "a temporary file was left behind"


def test_rename_fails(target: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(src: Any, dst: Any) -> None:
        raise OSError(28, "No space left on device", str(dst))

    monkeypatch.setattr(os, "replace", refuse)
    with pytest.raises(OSError):
        write_atomic(target, '{"new": "plan"}')
    assert_untouched(target)


@pytest.mark.parametrize("fault", [OSError(5, "Input/output error"), KeyboardInterrupt()])
def test_write_fails_half_way(fault: BaseException, target: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The first half of the bytes reach the temporary file, then the disk fails (or Ctrl-C comes)."""
    real_fdopen = os.fdopen

    class HalfWriter:
        def __init__(self, handle: Any) -> None:
            self.handle = handle

        def __enter__(self) -> HalfWriter:
            return self

        def __exit__(self, *exc: object) -> None:
            self.handle.close()

        def write(self, data: bytes) -> int:
            self.handle.write(data[: len(data) // 2])
            self.handle.flush()
            raise fault

    monkeypatch.setattr(os, "fdopen", lambda fd, mode="r", *a, **k: HalfWriter(real_fdopen(fd, mode, *a, **k)))
    with pytest.raises(type(fault)):
        write_atomic(target, '{"new": "plan", "publications": []}' * 100)
    assert_untouched(target)


def test_fsync_fails(target: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def fail(fd: int) -> None:
        raise OSError(5, "Input/output error")

    monkeypatch.setattr(os, "fsync", fail)
    with pytest.raises(OSError):
        write_atomic(target, "new")
    assert_untouched(target)


def test_written_file_is_complete_and_readable(target: Path) -> None:
    write_atomic(target, '{"new": "plan"}')
    assert target.read_text(encoding="utf-8") == '{"new": "plan"}'
    assert oct(target.stat().st_mode & 0o777) != oct(0o600)  # an ordinary file, not mkstemp's private mode


def test_plan_command_keeps_the_old_plan_when_the_write_fails(target: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """`planner plan -o OUT`: the rename fails; one error line, exit 1, the old plan.json intact."""
    def refuse(src: Any, dst: Any) -> None:
        raise OSError(28, "No space left on device", str(dst))

    monkeypatch.setattr(os, "replace", refuse)
    result = CliRunner().invoke(cli, ["plan", "-q", "--time-limit", "2", str(ROOT / "tests" / "fixtures" / "tiny.yaml"),
                                      "-o", str(target)])
    assert result.exit_code == 1, result.output
    assert result.output.strip().splitlines()[-1] == f"error: {target}: No space left on device"
    assert "Traceback" not in result.output
    assert_untouched(target)


# Writers that do not go through write_atomic, each with why that is fine.
ALLOWED_DIRECT_WRITES = {
    "planner/bench/worker.py": "a bench worker's result for its parent, read only after the worker exits",
    "planner/backlog/export.py": "an XLSX workbook built in memory (BytesIO); the caller writes it with write_atomic",
    "planner/report/xlsx_out.py": "a workbook saved into memory (BytesIO); its bytes go through write_atomic",
}
WRITE_CALL = re.compile(r"\.write_text\(|\.write_bytes\(|open\([^)]*['\"][wax]b?['\"]|\.to_csv\(\s*[^)=\s]+[,)]|"
                        r"\.to_excel\(|\.to_parquet\(|json\.dump\(|\.save\(")


def test_every_output_goes_through_write_atomic() -> None:
    offenders = []
    for path in sorted((ROOT / "planner").rglob("*.py")):
        rel = path.relative_to(ROOT).as_posix()
        if rel == "planner/io.py" or rel in ALLOWED_DIRECT_WRITES:
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if WRITE_CALL.search(line) and not line.lstrip().startswith("#"):
                offenders.append(f"{rel}:{number}: {line.strip()}")
    assert not offenders, "write through planner.io.write_atomic:\n" + "\n".join(offenders)
