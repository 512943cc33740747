"""Small hand-made scenarios and plans for rule tests (imported by the tests in this folder)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from planner.domain.plan import Plan, Publication, Task
from planner.domain.scenario import RuleSpec, Scenario
from planner.rules import Rule, build_rule

SH = ZoneInfo("Asia/Shanghai")
START = date(2026, 12, 7)  # a Monday
YEAR = 2026

ACCOUNTS = [
    {"id": "dy", "platform": "douyin"},
    {"id": "dy2", "platform": "douyin"},
    {"id": "ks", "platform": "kuaishou"},
    {"id": "bili", "platform": "bilibili"},
]
TEAM = [
    {"id": "writer", "roles": ["writer"]},
    {"id": "shooter", "roles": ["shooter"]},
    {"id": "editor", "roles": ["editor"], "hours_per_day": 6, "hours_per_week": 10},
    {"id": "host", "roles": ["talent"], "leave": [{"start": date(2026, 12, 9), "end": date(2026, 12, 9)}]},
    {"id": "op", "roles": ["operator"]},
    {"id": "bili_editor", "roles": ["editor"], "accounts": ["bili"]},  # a client team: Bilibili only
]
TOPICS: list[dict[str, Any]] = [
    {"id": "t1", "title": "毛肚七上八下到底几秒", "hashtags": ["火锅", "成都", "涨知识"], "format": "tutorial",
     "goal": "engage", "category": "知识", "platforms": ["douyin", "kuaishou"], "first_platform": "douyin",
     "talent": ["host"]},
    {"id": "t2", "title": "服务员的隐藏吃法", "format": "skit", "goal": "acquire", "category": "剧情",
     "platforms": ["douyin", "bilibili"], "aspect": "16:9", "duration_s": 1200},
    {"id": "t3", "title": "双十二套餐抢购攻略" * 4, "hashtags": ["a", "b", "c", "d", "e", "f"],
     "format": "talking_head", "goal": "convert", "category": "促销", "platforms": ["douyin"], "commercial": True},
    {"id": "t4", "title": "牛油锅底怎么炒", "format": "talking_head", "goal": "engage", "category": "知识",
     "platforms": ["douyin"], "series": "s1", "episode": 1},
    {"id": "t5", "title": "清油和牛油的区别", "format": "talking_head", "goal": "engage", "category": "知识",
     "platforms": ["douyin"], "series": "s1", "episode": 2},
    {"id": "t6", "title": "下雪天就该吃火锅", "format": "vlog", "goal": "acquire", "category": "热点",
     "platforms": ["douyin"], "trend": "snow", "earliest": "2026-12-08T10:00:00", "deadline": "2026-12-12T22:00:00"},
    {"id": "live1", "title": "周末直播间福利专场", "format": "live", "goal": "convert", "category": "直播",
     "platforms": ["douyin"], "accounts": ["dy"], "duration_s": 7200, "live_at": "2026-12-11T20:00:00",
     "talent": ["host"]},
    # A paid deliverable filmed at an event: produced from 12-08, shot on 12-09 or 12-10, a 10 h edit
    # (longer than the editor's 6 h day: two day-parts), and it must go out.
    {"id": "t7", "title": "展会新品现场探店", "format": "store_visit", "goal": "convert", "category": "探店",
     "platforms": ["douyin"], "produce_after": "2026-12-08", "shoot_on": ["2026-12-09", "2026-12-10"],
     "effort": {"edit": 10}, "required": True},
]
TRENDS = [{"id": "snow", "name": "成都初雪", "start": "2026-12-08T08:00:00", "end": "2026-12-10T23:00:00"}]


def scenario(days: int = 14, only: list[str] | None = None, **extra: Any) -> Scenario:
    """The kit scenario; ``only`` keeps just these topics (for short horizons)."""
    topics = [t for t in TOPICS if only is None or t["id"] in only]
    accounts = {a["id"] for a in extra.get("accounts", ACCOUNTS)}
    team = [m for m in TEAM if set(m.get("accounts", [])) <= accounts]  # client teams need their accounts
    data = {"name": "kit", "horizon": {"start": START, "days": days}, "accounts": ACCOUNTS, "team": team,
            "topics": topics, "trends": TRENDS, **extra}
    return Scenario.model_validate(data)


def at(text: str) -> datetime:
    """'12-08 19:00' -> an aware time in Shanghai."""
    return datetime.strptime(f"{YEAR}-{text}", "%Y-%m-%d %H:%M").replace(tzinfo=SH)


def pub(topic: str, account: str, when: str) -> Publication:
    platform = {a["id"]: a["platform"] for a in ACCOUNTS}[account]
    return Publication(topic=topic, account=account, platform=platform, at=at(when))


def task(topic: str, stage: str, members: list[str], start: str, end: str) -> Task:
    return Task(topic=topic, stage=stage, members=members, start=at(start), end=at(end))


def plan(*items: Publication | Task) -> Plan:
    return Plan(scenario="kit", generated_at=datetime(2026, 12, 1, tzinfo=SH),
                publications=[i for i in items if isinstance(i, Publication)],
                tasks=[i for i in items if isinstance(i, Task)])


def rule(kind: str, scope: dict[str, Any] | None = None, **params: Any) -> Rule:
    """A rule of ``kind`` with id ``test.<kind>``; soft when ``hard=False`` is given."""
    fields = {k: params.pop(k) for k in ("hard", "weight", "during") if k in params}
    spec = RuleSpec(id=f"test.{kind}", kind=kind, scope=scope or {}, params=params, **fields)
    return build_rule(spec)
