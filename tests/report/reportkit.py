"""Scores for the report tests: a small scenario whose names try to break every format."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from planner.domain.plan import Plan, Publication, SolverInfo, Task
from planner.domain.scenario import Scenario
from planner.scoring import ScoreResult, score

TZ = ZoneInfo("Asia/Shanghai")
XSS = "<script>alert(1)</script>"
FORMULA = '=HYPERLINK("http://evil.example","click")'


def at(day: int, hour: int) -> datetime:
    return datetime(2026, 12, day, hour, tzinfo=TZ)


def hostile_scenario() -> Scenario:
    data: dict[str, Any] = {
        "name": "报告 <b>test</b> & co",
        "horizon": {"start": "2026-12-07", "days": 7},
        "accounts": [{"id": "dy", "platform": "douyin", "followers": 100000, "name": "@SUM(A1)"},
                     {"id": "ks", "platform": "kuaishou", "followers": 50000, "name": "快手|号"}],
        "team": [{"id": "ann", "name": "-2+3", "roles": ["writer", "shooter", "editor"]},
                 {"id": "bob", "name": "鲍", "roles": ["talent", "shooter"], "weekdays_off": ["sat"]},
                 {"id": "cy", "name": "<u>cy</u>", "roles": ["writer", "editor", "planner"]}],
        "topics": [
            {"id": "a", "title": XSS, "caption": "</textarea><img src=x onerror=alert(2)>", "format": "talking_head",
             "goal": "engage", "platforms": ["douyin", "kuaishou"], "hashtags": ["火锅"]},
            {"id": "b", "title": FORMULA, "format": "skit", "goal": "acquire", "platforms": ["douyin"], "trend": "tr"},
            {"id": "c", "title": "Topic | C", "format": "tutorial", "goal": "convert", "platforms": ["kuaishou"]},
        ],
        "trends": [{"id": "tr", "name": "热点<i>", "start": "2026-12-08T08:00:00", "peak": "2026-12-10T12:00:00",
                    "end": "2026-12-10T23:00:00"}],
    }
    return Scenario.model_validate(data)


def hostile_plan(moved: bool = False) -> Plan:
    """Posts and their production, breaking one rule: ann works 9 h on the 7th (max 8 h).
    ``moved``: topic a goes out later on dy, c is dropped, and cy edits a instead of ann."""
    pubs = [("a", "dy", at(9, 21 if moved else 19)), ("a", "ks", at(10, 21)), ("b", "dy", at(10, 12))]
    tasks = [("a", "script", ["ann"], at(7, 10), 9.0), ("a", "shoot", ["ann", "bob"], at(8, 10), 1.0),
             ("a", "edit", ["cy" if moved else "ann"], at(9, 10), 2.0), ("a", "adapt:kuaishou", ["ann"], at(10, 10), 0.5),
             ("b", "script", ["cy"], at(7, 10), 3.0), ("b", "shoot", ["ann", "bob"], at(8, 12), 4.0),
             ("b", "edit", ["cy"], at(9, 10), 4.0)]
    if not moved:
        pubs.append(("c", "ks", at(10, 19)))
        tasks += [("c", "script", ["cy"], at(7, 14), 2.0), ("c", "shoot", ["ann", "bob"], at(8, 16), 2.0),
                  ("c", "edit", ["cy"], at(9, 14), 3.0)]
    platforms = {"dy": "douyin", "ks": "kuaishou"}
    return Plan(scenario="hostile", generated_at=datetime(2026, 12, 1, 9, tzinfo=ZoneInfo("UTC")),
                solver=SolverInfo(status="MANUAL"),
                publications=[Publication(topic=t, account=a, platform=platforms[a], at=w) for t, a, w in pubs],
                tasks=[Task(topic=t, stage=s, members=m, start=w, end=w + timedelta(hours=h))
                       for t, s, m, w, h in tasks])


def hostile_score(moved: bool = False) -> ScoreResult:
    return score(hostile_scenario(), hostile_plan(moved))
