"""A small scenario and hand-made plans built in code, so each scoring test states its own numbers."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from planner.domain.plan import Plan, Publication, SolverInfo, Task
from planner.domain.scenario import Scenario

TZ = ZoneInfo("Asia/Shanghai")


def at(day: int, hour: int, minute: int = 0) -> datetime:
    """December ``day``, 2026, in Shanghai (the 7th is a Monday, the horizon's first day)."""
    return datetime(2026, 12, day, hour, minute, tzinfo=TZ)


def small(**overrides: Any) -> Scenario:
    """Douyin and Kuaishou accounts, two people (bob is off on Saturdays), three topics and a trend
    from the 8th 08:00, peaking on the 9th 12:00, until the 10th 23:00. No platform packs."""
    data: dict[str, Any] = {
        "name": "small",
        "horizon": {"start": "2026-12-07", "days": 7},
        "accounts": [{"id": "dy", "platform": "douyin", "followers": 100000, "name": "抖音号"},
                     {"id": "ks", "platform": "kuaishou", "followers": 50000, "name": "快手号"}],
        "team": [{"id": "ann", "name": "安", "roles": ["writer", "shooter", "editor", "planner"]},
                 {"id": "bob", "name": "鲍", "roles": ["talent", "shooter"], "hours_per_day": 4,
                  "weekdays_off": ["sat"]}],
        "topics": [
            {"id": "a", "title": "Topic A", "format": "talking_head", "goal": "engage",
             "platforms": ["douyin", "kuaishou"]},
            {"id": "b", "title": "Topic B", "format": "skit", "goal": "acquire", "platforms": ["douyin"],
             "trend": "tr"},
            {"id": "c", "title": "Topic C", "format": "tutorial", "goal": "convert", "platforms": ["kuaishou"]},
        ],
        "trends": [{"id": "tr", "name": "热点", "start": "2026-12-08T08:00:00", "peak": "2026-12-09T12:00:00",
                    "end": "2026-12-10T23:00:00"}],
    }
    data.update(overrides)
    return Scenario.model_validate(data)


def plan_of(pubs: list[tuple[str, str, datetime]],
            tasks: list[tuple[str, str, list[str], datetime, float]] | None = None) -> Plan:
    """A hand-made plan: (topic, account, time) posts and (topic, stage, members, start, hours) tasks."""
    platforms = {"dy": "douyin", "ks": "kuaishou"}
    return Plan(scenario="small", generated_at=at(1, 9), solver=SolverInfo(status="MANUAL"),
                publications=[Publication(topic=t, account=a, platform=platforms[a], at=when) for t, a, when in pubs],
                tasks=[Task(topic=t, stage=s, members=m, start=start, end=start + timedelta(hours=h))
                       for t, s, m, start, h in tasks or []])
