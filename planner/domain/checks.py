"""Cross-reference checks of a scenario: ids unique and known, dates inside the horizon."""

from __future__ import annotations

from collections import Counter
from datetime import date, datetime
from typing import TYPE_CHECKING

from planner.domain.vocab import suggest

if TYPE_CHECKING:
    from planner.domain.scenario import Scenario

PathProblem = tuple[str, str]


def _unknown(kind: str, value: str, known: list[str]) -> str:
    return f"unknown {kind} '{value}'{suggest(value, known)}"


def _duplicates(items: list[tuple[str, str]], field: str) -> list[PathProblem]:
    counts = Counter(i for i, _ in items)
    seen: set[str] = set()
    problems = []
    for index, (item_id, _) in enumerate(items):
        if counts[item_id] > 1:
            if item_id in seen:
                problems.append((f"{field}[{index}].id", f"duplicate id '{item_id}'"))
            seen.add(item_id)
    return problems


def cross_check(s: Scenario) -> list[PathProblem]:
    """All cross-reference problems of a scenario, each with its field path."""
    problems: list[PathProblem] = []
    for field in ("accounts", "team", "topics", "trends", "rules"):
        problems += _duplicates([(x.id, field) for x in getattr(s, field)], field)

    account_ids = [a.id for a in s.accounts]
    member_ids = [m.id for m in s.team]
    topic_ids = [t.id for t in s.topics]
    trend_ids = [t.id for t in s.trends]
    platforms = {a.platform for a in s.accounts}
    horizon = s.horizon

    def inside(moment: datetime | date, path: str) -> None:
        day = horizon.localize(moment).date() if isinstance(moment, datetime) else moment
        if not horizon.contains(day):
            problems.append((path, f"{moment} is outside the horizon {horizon.start} .. {horizon.end}"))

    for i, holiday in enumerate(horizon.holidays):
        inside(holiday, f"horizon.holidays[{i}]")

    for i, member in enumerate(s.team):
        for j, off in enumerate(member.days_off):
            inside(off, f"team[{i}].days_off[{j}]")
        for j, account in enumerate(member.accounts):
            if account not in account_ids:
                problems.append((f"team[{i}].accounts[{j}]", _unknown("account", account, account_ids)))

    for i, topic in enumerate(s.topics):
        where = f"topics[{i}]"
        for j, platform in enumerate(topic.platforms):
            if platform not in platforms:
                problems.append((f"{where}.platforms[{j}]", f"no account on platform '{platform}'"))
        for j, account_id in enumerate(topic.accounts):
            if account_id not in account_ids:
                problems.append((f"{where}.accounts[{j}]", _unknown("account", account_id, account_ids)))
            elif s.account_by_id[account_id].platform not in topic.platforms:
                problems.append((f"{where}.accounts[{j}]", f"account '{account_id}' is not on the topic's platforms"))
        if topic.trend is not None and topic.trend not in trend_ids:
            problems.append((f"{where}.trend", _unknown("trend", topic.trend, trend_ids)))
        for j, other in enumerate(topic.after):
            if other not in topic_ids:
                problems.append((f"{where}.after[{j}]", _unknown("topic", other, topic_ids)))
            elif other == topic.id:
                problems.append((f"{where}.after[{j}]", "a topic cannot come after itself"))
        for j, talent in enumerate(topic.talent):
            if talent not in member_ids:
                problems.append((f"{where}.talent[{j}]", _unknown("member", talent, member_ids)))
            elif "talent" not in s.member_by_id[talent].roles:
                problems.append((f"{where}.talent[{j}]", f"member '{talent}' does not appear on camera (no role talent)"))
        for field in ("earliest", "deadline", "live_at"):
            moment = getattr(topic, field)
            if moment is not None:
                inside(moment, f"{where}.{field}")
        if topic.earliest and topic.deadline and horizon.localize(topic.deadline) <= horizon.localize(topic.earliest):
            problems.append((f"{where}.deadline", "deadline is not after earliest"))

    series: dict[tuple[str, int], int] = {}
    for i, topic in enumerate(s.topics):
        if topic.series is not None and topic.episode is not None:
            key = (topic.series, topic.episode)
            if key in series:
                problems.append((f"topics[{i}].episode", f"series '{topic.series}' has episode {topic.episode} twice"))
            series[key] = i

    for i, pin in enumerate(s.pins.publications):
        where = f"pins.publications[{i}]"
        if pin.topic not in topic_ids:
            problems.append((f"{where}.topic", _unknown("topic", pin.topic, topic_ids)))
        if pin.account not in account_ids:
            problems.append((f"{where}.account", _unknown("account", pin.account, account_ids)))
        inside(pin.at, f"{where}.at")
    for i, task in enumerate(s.pins.tasks):
        where = f"pins.tasks[{i}]"
        if task.topic not in topic_ids:
            problems.append((f"{where}.topic", _unknown("topic", task.topic, topic_ids)))
        for j, member_id in enumerate(task.members):
            if member_id not in member_ids:
                problems.append((f"{where}.members[{j}]", _unknown("member", member_id, member_ids)))
        inside(task.day, f"{where}.day")

    for i, rule in enumerate(s.rules):
        for scope_key, known in (("account", account_ids), ("member", member_ids)):
            for value in rule.scope.values(scope_key) or []:
                if value not in known:
                    problems.append((f"rules[{i}].scope.{scope_key}", _unknown(scope_key, value, known)))
    return problems
