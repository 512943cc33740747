"""Hand-made plans: the plan JSON of DESIGN.md, or a CSV calendar as a team keeps it in a spreadsheet.

A CSV row is a publication (``topic, account, time``) or, when its ``stage`` names a production
stage, a task (``topic, stage, member, time``; it lasts the stage's hours from the topic's
template). Headers may be Chinese (选题, 账号, 时间, 成员, 环节); other columns (备注...) are ignored.
Topics may be written by id or title, accounts and members by id or (unique) name; a member on a
post row is checked but not kept (a plan's posts have no owner). Naive times are read in the
scenario's time zone. Every bad row is reported, each with its line and column; unknown topics,
accounts and members are bad rows, never skipped.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from planner.domain.plan import Plan, Publication, SolverInfo, Task
from planner.domain.scenario import Scenario
from planner.domain.templates import adapt_stage, topic_stages
from planner.domain.vocab import unknown_name
from planner.errors import InputError, Problem, clip_list
from planner.moments import parse_moment
from planner.scenario.plans import MAX_FILE_BYTES, read_plan
from planner.textio import read_text

COLUMNS = {
    "topic": ("topic", "选题", "话题", "topic_id"),
    "account": ("account", "账号", "account_id"),
    "time": ("time", "at", "时间", "发布时间", "datetime"),
    "member": ("member", "members", "成员", "负责人"),
    "stage": ("stage", "环节", "阶段"),
}
COLUMN_ZH = {"topic": "选题", "account": "账号", "time": "时间", "member": "成员", "stage": "环节"}
REQUIRED = ("topic", "time")
PUBLISH_WORDS = {"", "publish", "post", "发布", "发帖"}
STAGE_ALIASES = {
    "脚本": "script", "写脚本": "script", "策划": "plan", "拍摄": "shoot", "剪辑": "edit", "审核": "review",
    "准备": "prep", "直播": "live", "二次剪辑": "adapt", "改编": "adapt",
}
_MEMBER_SPLIT = re.compile(r"[,，、;；/／+]")


def read_any_plan(path: str | Path, scenario: Scenario) -> Plan:
    """A plan file by its extension: ``.csv`` is a calendar, anything else the plan JSON."""
    if str(path).lower().endswith(".csv"):
        return read_calendar(path, scenario)
    plan = read_plan(path)
    _check_json_ids(plan, scenario, str(path))
    return plan


def read_calendar(path: str | Path, scenario: Scenario) -> Plan:
    """Read a CSV calendar into a Plan with ``solver.status == "MANUAL"``."""
    file = str(path)
    return parse_calendar(read_text(path, MAX_FILE_BYTES, file=file).text, scenario, file)


@dataclass
class _Row:
    line: int
    cells: dict[str, str]


def parse_calendar(text: str, scenario: Scenario, file: str = "<calendar>") -> Plan:
    # newline="": the csv module itself reads line breaks, those inside quoted cells included.
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = next(reader, None)
        if header is None:
            raise InputError(Problem("empty calendar: expected a header row (topic, account, time)", file=file, line=1))
        columns = _columns(header, file)
        rows = []
        for cells in reader:
            if not any(c.strip() for c in cells):
                continue
            values = {name: (cells[i].strip() if i < len(cells) else "") for name, i in columns.items()}
            rows.append(_Row(reader.line_num, values))
    except csv.Error as error:
        raise InputError(Problem(f"unreadable CSV: {error}", file=file, line=reader.line_num)) from None
    resolver = _Resolver(scenario)
    publications: list[Publication] = []
    tasks: list[Task] = []
    problems: list[Problem] = []
    for row in rows:
        try:
            item = resolver.row(row)
        except _BadRow as bad:
            problems.append(Problem(bad.message, file=file, line=row.line, path=bad.column))
            continue
        if isinstance(item, Publication):
            publications.append(item)
        else:
            tasks.append(item)
    if problems:
        raise InputError(problems)
    publications.sort(key=lambda p: (p.at, p.account, p.topic))
    tasks.sort(key=lambda t: (t.start, t.topic, t.stage))
    return Plan(scenario=scenario.name, generated_at=datetime.now(UTC), solver=SolverInfo(status="MANUAL"),
                publications=publications, tasks=tasks)


def _columns(header: list[str], file: str) -> dict[str, int]:
    found: dict[str, int] = {}
    for index, name in enumerate(header):
        key = name.strip().lower()
        for column, names in COLUMNS.items():
            if key in names and column not in found:
                found[column] = index
    problems = [Problem(f"missing column '{c}' ({COLUMN_ZH[c]}); the header is: {clip_list(header)}",
                        file=file, line=1, path=c) for c in REQUIRED if c not in found]
    if "account" not in found and "stage" not in found:
        problems.append(Problem("missing column 'account' (账号)", file=file, line=1, path="account"))
    if problems:
        raise InputError(problems)
    return found


class _BadRow(Exception):
    def __init__(self, column: str, message: str) -> None:
        super().__init__(message)
        self.column = column
        self.message = message


class _Resolver:
    """Turns one row's cells into a Publication or a Task, or raises _BadRow naming the column."""

    def __init__(self, scenario: Scenario) -> None:
        self.scenario = scenario

    def row(self, row: _Row) -> Publication | Task:
        cells = row.cells
        topic_id = self._lookup("topic", cells.get("topic", ""), {t.id: t.id for t in self.scenario.topics},
                                {t.title: t.id for t in self.scenario.topics})
        at = self._time(cells.get("time", ""))
        stage_word = cells.get("stage", "").strip()
        account_id = None
        if cells.get("account", ""):
            account_id = self._lookup("account", cells["account"], {a.id: a.id for a in self.scenario.accounts},
                                      _unique_names((a.name, a.id) for a in self.scenario.accounts))
        members = [self._member(m) for m in _MEMBER_SPLIT.split(cells.get("member", "")) if m.strip()]
        if stage_word.lower() in PUBLISH_WORDS:
            if account_id is None:
                raise _BadRow("account", "a publication needs an account")
            account = self.scenario.account_by_id[account_id]
            return Publication(topic=topic_id, account=account_id, platform=account.platform, at=at)
        stage, hours = self._stage(topic_id, stage_word, account_id)
        if not members:
            raise _BadRow("member", f"a {stage} task needs a member")
        return Task(topic=topic_id, stage=stage, members=members, start=at, end=at + timedelta(hours=hours))

    def _lookup(self, column: str, value: str, ids: dict[str, str], names: dict[str, str]) -> str:
        value = value.strip()
        if not value:
            raise _BadRow(column, f"empty {column}")
        if value in ids:
            return ids[value]
        if value in names:
            if names[value] == "":
                raise _BadRow(column, f"{column} name '{value}' is ambiguous; write the id")
            return names[value]
        raise _BadRow(column, unknown_name(column, value, list(ids), "en", {n: i for n, i in names.items() if i}))

    def _member(self, value: str) -> str:
        return self._lookup("member", value, {m.id: m.id for m in self.scenario.team},
                            _unique_names((m.name, m.id) for m in self.scenario.team))

    def _time(self, value: str) -> datetime:
        moment = parse_moment(value)
        if moment is None:
            raise _BadRow("time", f"not a time: '{value}' (expected e.g. 2026-12-08 19:00)")
        moment = self.scenario.horizon.localize(moment)
        horizon = self.scenario.horizon
        if not horizon.contains(moment.date()):
            raise _BadRow("time", f"{moment:%Y-%m-%d %H:%M} is outside the plan ({horizon.start} .. "
                                  f"{horizon.end - timedelta(days=1)})")
        return moment

    def _stage(self, topic_id: str, word: str, account_id: str | None) -> tuple[str, float]:
        topic = self.scenario.topic_by_id[topic_id]
        name = STAGE_ALIASES.get(word, word.lower())
        if name == "adapt":
            if account_id is None:
                raise _BadRow("account", "a 二次剪辑 (adapt) task needs the account it is for")
            name = adapt_stage(self.scenario.account_by_id[account_id].platform)
        stages = {s.name: s.hours for s in topic_stages(topic)}
        if name not in stages:
            raise _BadRow("stage", f"{topic_id} ({topic.format}) has no stage '{word}'; its stages: "
                                   f"{', '.join(stages)}")
        return name, stages[name]


def _unique_names(pairs: Iterable[tuple[str, str]]) -> dict[str, str]:
    """Display name -> id; a name two records share maps to "" (ambiguous)."""
    out: dict[str, str] = {}
    for name, ident in pairs:
        if name:
            out[name] = "" if name in out and out[name] != ident else ident
    return out


def _check_json_ids(plan: Plan, scenario: Scenario, file: str) -> None:
    """Unknown ids in a plan JSON are input errors, located by their field path."""
    problems = []
    for i, pub in enumerate(plan.publications):
        if pub.topic not in scenario.topic_by_id:
            problems.append(Problem(unknown_name("topic", pub.topic, list(scenario.topic_by_id), "en"),
                                    file=file, path=f"publications[{i}].topic"))
        if pub.account not in scenario.account_by_id:
            problems.append(Problem(unknown_name("account", pub.account, list(scenario.account_by_id), "en"),
                                    file=file, path=f"publications[{i}].account"))
    for i, task in enumerate(plan.tasks):
        if task.topic not in scenario.topic_by_id:
            problems.append(Problem(unknown_name("topic", task.topic, list(scenario.topic_by_id), "en"),
                                    file=file, path=f"tasks[{i}].topic"))
        for member in task.members:
            if member not in scenario.member_by_id:
                problems.append(Problem(unknown_name("member", member, list(scenario.member_by_id), "en"),
                                        file=file, path=f"tasks[{i}].members"))
    if problems:
        raise InputError(problems)
