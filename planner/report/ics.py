"""iCalendar (RFC 5545) files: one per account (what goes out when) and one per member (what to
write, shoot, edit when). UIDs name the topic and account (or stage and member), not the time, so
a calendar app re-importing a replan moves the event instead of adding a second one."""

from __future__ import annotations

import hashlib
import re
from collections import defaultdict
from collections.abc import Iterable
from datetime import UTC, datetime, timedelta
from typing import Any

from icalendar import Calendar, Event

from planner.domain.plan import Task
from planner.report.grid import rows_of
from planner.report.labels import goal_name, interval, listed, platform_name, stage_name, word
from planner.report.production import Production, flags, post_labels
from planner.scoring.predict import GOAL_KPI
from planner.scoring.score import ScoreResult

PRODID = "-//planner//short-video content plan//EN"
POST_MINUTES = 15  # a post is a moment; a short block keeps it visible in calendar apps


_UNSAFE = re.compile(r"[^\w.-]")
_MAX_PART = 100  # characters of an id kept in a file name; the rest is told apart by the hash


def _tag(ident: str) -> str:
    return hashlib.sha256(ident.encode("utf-8", "surrogatepass")).hexdigest()[:8]


def file_id(ident: str) -> str:
    """An id as a file-name part that stays inside its folder: letters, digits, ``_ . -`` only,
    never starting with a dot (so never ``.`` or ``..``). An id that had to change gets a short hash
    of itself (``dy/brand`` -> ``dy_brand~1a2b3c4d``), so it cannot take the name of another id
    (``dy_brand`` stays ``dy_brand``)."""
    safe = _UNSAFE.sub("_", ident)[:_MAX_PART]
    if safe.startswith("."):
        safe = "_" + safe[1:]
    if safe != ident or not safe:
        safe = f"{safe}~{_tag(ident)}"
    return safe


def unique_file_ids(idents: Iterable[str]) -> dict[str, str]:
    """``file_id`` of each id, unique even where file names ignore case (``A`` and ``a`` on macOS or
    Windows): the later of two ids whose names differ only in case gets the hash too."""
    out: dict[str, str] = {}
    taken: set[str] = set()
    for ident in idents:
        name = file_id(ident)
        if name.casefold() in taken:
            name = f"{name}~{_tag(ident)}"
        taken.add(name.casefold())
        out[ident] = name
    return out


def calendars(result: ScoreResult, lang: str = "zh") -> dict[str, bytes]:
    """File name -> calendar: ``account-<id>.ics`` for every account, ``member-<id>.ics`` for every
    member; each name is unique and stays in the output folder (``unique_file_ids``)."""
    out = {}
    accounts = unique_file_ids(a.id for a in result.scenario.accounts)
    for account in result.scenario.accounts:
        title = f"{account.id} {account.name} · {result.scenario.name}".strip()
        cal = _calendar(title, result)
        for event in publication_events(result, lang, account.id):
            cal.add_component(event)
        out[f"account-{accounts[account.id]}.ics"] = _finish(cal)
    members = unique_file_ids(m.id for m in result.scenario.team)
    for member in result.scenario.team:
        title = f"{member.id} {member.name} · {result.scenario.name}".strip()
        cal = _calendar(title, result)
        for event in task_events(result, lang, member.id):
            cal.add_component(event)
        out[f"member-{members[member.id]}.ics"] = _finish(cal)
    return out


def combined_calendar(result: ScoreResult, lang: str = "zh") -> bytes:
    """Every publication and task in one calendar (for standard output)."""
    cal = _calendar(result.scenario.name, result)
    for event in publication_events(result, lang):
        cal.add_component(event)
    for event in task_events(result, lang):
        cal.add_component(event)
    return _finish(cal)


def _calendar(title: str, result: ScoreResult) -> Calendar:
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", title)
    cal.add("x-wr-timezone", result.scenario.horizon.timezone)
    return cal


def _finish(cal: Calendar) -> bytes:
    cal.add_missing_timezones()  # VTIMEZONE for every TZID used
    return cal.to_ical()


def publication_events(result: ScoreResult, lang: str, account: str | None = None) -> list[Event]:
    scenario = result.scenario
    stamp = result.plan.generated_at
    production = Production(scenario, result.plan)
    out = []
    for pub in rows_of(result.publications):
        if account is not None and pub["account"] != account:
            continue
        topic = scenario.topic_by_id[pub["topic"]]
        start: datetime = pub["at"]
        minutes = topic.duration_s / 60 if topic.format == "live" else POST_MINUTES
        kpi = GOAL_KPI.get(topic.goal, "views")
        lines = [
            f"{word('topic', lang)}: {topic.id} {topic.title}",
            f"{word('account', lang)}: {pub['account']} ({platform_name(pub['platform'], lang)})",
            f"{word('goal', lang)}: {goal_name(topic.goal, lang)}",
            f"{word(kpi, lang)}: {interval(pub[kpi], pub[kpi + '_p10'], pub[kpi + '_p90'], lang)}",
            f"{word('views', lang)}: {interval(pub['views'], pub['views_p10'], pub['views_p90'], lang)}",
        ]
        if topic.caption:
            lines.append(topic.caption)
        if topic.hashtags:
            lines.append(" ".join(f"#{h}" for h in topic.hashtags))
        marks = [*post_labels(topic), *flags(topic, lang)]
        if marks:  # what the poster must declare: the first line
            lines.insert(0, f"{word('labels', lang)}: {listed(marks, lang)}")
        makers = production.maker_names(topic.id, pub["account"])
        if makers:
            lines.append(f"{word('makers', lang)}: {listed(makers, lang)}")
        if topic.trend:
            lines.append(f"{word('trends', lang)}: {topic.trend} ({word('heat', lang)} {pub['heat']:.2f})")
        tags = "".join(f"[{m}]" for m in marks)
        out.append(_event(f"pub-{topic.id}-{pub['account']}@planner", stamp, start, start + timedelta(minutes=minutes),
                          f"[{platform_name(pub['platform'], lang)}]{tags} {topic.title}", "\n".join(lines),
                          [goal_name(topic.goal, lang), *marks]))
    return out


def task_events(result: ScoreResult, lang: str, member: str | None = None) -> list[Event]:
    scenario = result.scenario
    stamp = result.plan.generated_at
    posts: dict[str, list[str]] = defaultdict(list)
    for pub in result.plan.publications:
        posts[pub.topic].append(f"{pub.account} {scenario.horizon.localize(pub.at):%m-%d %H:%M}")
    seen: dict[tuple[str, str, str], int] = defaultdict(int)
    out = []
    for task in sorted(result.plan.tasks, key=lambda t: (t.start, t.topic, t.stage)):
        for person in task.members:
            if member is not None and person != member:
                continue
            index = seen[(task.topic, task.stage, person)]
            seen[(task.topic, task.stage, person)] += 1
            out.append(_task_event(task, person, index, stamp, posts, result, lang))
    return out


def _task_event(task: Task, person: str, index: int, stamp: datetime, posts: dict[str, list[str]],
                result: ScoreResult, lang: str) -> Event:
    topic = result.scenario.topic_by_id.get(task.topic)
    title = topic.title if topic else task.topic
    others = [m for m in task.members if m != person]
    lines = [f"{word('topic', lang)}: {task.topic} {title}", f"{word('stage', lang)}: {stage_name(task.stage, lang)}",
             f"{word('hours', lang)}: {task.hours:g}"]
    if others:
        lines.append(f"{word('member', lang)}: {', '.join(others)}")
    if posts.get(task.topic):
        lines.append(f"{word('publications', lang)}: {'; '.join(posts[task.topic])}")
    uid = f"task-{task.topic}-{task.stage}-{person}-{index}@planner"
    return _event(uid, stamp, task.start, task.end, f"{stage_name(task.stage, lang)} · {title}", "\n".join(lines),
                  [stage_name(task.stage, lang)])


def _event(uid: str, stamp: datetime, start: Any, end: Any, summary: str, description: str,
           categories: list[str]) -> Event:
    event = Event()
    event.add("uid", uid)
    # RFC 5545: DTSTAMP is in UTC.
    event.add("dtstamp", stamp.astimezone(UTC) if stamp.tzinfo else stamp.replace(tzinfo=UTC))
    event.add("dtstart", start)
    event.add("dtend", end)
    event.add("summary", summary)
    event.add("description", description)
    event.add("categories", categories)
    return event
