"""Every rule kind through its ``check`` face: a plan that breaks it, and one that does not."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

import pytest
from rulekit import SH, pub, rule, scenario, task
from rulekit import plan as make_plan

from planner.domain.plan import Plan, Publication, Task
from planner.rules import KINDS
from planner.rules.check import check_plan

Item = Publication | Task


@dataclass
class Case:
    kind: str
    params: dict[str, Any]
    bad: list[Item]
    good: list[Item]
    item: str  # what the violation's detail must name
    scope: dict[str, Any] = field(default_factory=dict)
    days: int = 14
    only: list[str] | None = None


CASES = [
    Case("allowed_formats", {"formats": ["talking_head", "skit", "store_visit", "tutorial", "vlog"]},
         bad=[pub("live1", "dy", "12-11 20:00")], good=[pub("t1", "dy", "12-11 20:00")], item="live1",
         scope={"platform": "douyin"}),
    Case("duration_range", {"max_s": 900},
         bad=[pub("t2", "dy", "12-08 19:00")], good=[pub("t1", "dy", "12-08 19:00")], item="t2"),
    Case("aspect_ratio", {"allowed": ["9:16", "3:4"]},
         bad=[pub("t2", "dy", "12-08 19:00")], good=[pub("t1", "dy", "12-08 19:00")], item="t2"),
    Case("text_limits", {"title_max": 30, "hashtags_max": 5},
         bad=[pub("t3", "dy", "12-08 19:00")], good=[pub("t1", "dy", "12-08 19:00")], item="t3"),
    Case("labels", {},
         bad=[pub("t3", "dy", "12-08 19:00")], good=[pub("t1", "dy", "12-08 19:00")], item="t3"),
    Case("posting_window", {"hours": "18:00-22:00"},
         bad=[pub("t1", "dy", "12-08 10:00")], good=[pub("t1", "dy", "12-08 19:00")], item="t1"),
    Case("publish_hours", {},  # the kit's horizon publishes 07:00-23:00
         bad=[pub("t1", "dy", "12-08 06:30")], good=[pub("t1", "dy", "12-08 07:00")], item="t1"),
    Case("blackout", {"dates": ["2026-12-08"]},
         bad=[pub("t1", "dy", "12-08 19:00")], good=[pub("t1", "dy", "12-09 19:00")], item="t1"),
    Case("schedule_ahead", {"days": 7},
         bad=[pub("t1", "dy", "12-16 19:00")], good=[pub("t1", "dy", "12-10 19:00")], item="t1"),
    Case("topic_window", {},
         bad=[pub("t6", "dy", "12-08 09:00")], good=[pub("t6", "dy", "12-09 19:00")], item="t6"),
    Case("trend_window", {},
         bad=[pub("t6", "dy", "12-11 19:00")], good=[pub("t6", "dy", "12-09 19:00")], item="t6"),
    Case("max_posts_per_day", {"max": 2},
         bad=[pub("t1", "dy", "12-08 09:00"), pub("t2", "dy", "12-08 12:00"), pub("t4", "dy", "12-08 19:00")],
         good=[pub("t1", "dy", "12-08 09:00"), pub("t2", "dy", "12-08 12:00"), pub("t4", "dy", "12-09 19:00")],
         item="dy"),
    Case("max_posts_per_week", {"max": 2},
         bad=[pub("t1", "dy", "12-07 19:00"), pub("t2", "dy", "12-09 19:00"), pub("t4", "dy", "12-13 19:00")],
         good=[pub("t1", "dy", "12-07 19:00"), pub("t2", "dy", "12-09 19:00"), pub("t4", "dy", "12-14 19:00")],
         item="dy"),
    Case("min_posts_per_day", {"min": 1},
         bad=[pub("t1", "dy", "12-07 19:00")],
         good=[pub("t1", "dy", "12-07 19:00"), pub("t2", "dy", "12-08 19:00")],
         item="dy", scope={"account": "dy"}, days=2, only=["t1", "t2"]),
    Case("min_posts_per_week", {"min": 2},
         bad=[pub("t1", "dy", "12-07 19:00")],
         good=[pub("t1", "dy", "12-07 19:00"), pub("t2", "dy", "12-13 19:00")],
         item="dy", scope={"account": "dy"}, days=7, only=["t1", "t2"]),
    Case("min_gap", {"hours": 2},
         bad=[pub("t1", "dy", "12-08 19:00"), pub("t2", "dy", "12-08 20:00")],
         good=[pub("t1", "dy", "12-08 19:00"), pub("t2", "dy", "12-08 21:00")], item="t2"),
    Case("first_publish", {"hours": 2},
         bad=[pub("t1", "ks", "12-08 19:00"), pub("t1", "dy", "12-08 20:00")],
         good=[pub("t1", "dy", "12-08 19:00"), pub("t1", "ks", "12-08 21:00")], item="t1"),
    Case("cross_post_delay", {"hours": 24},
         bad=[pub("t1", "dy", "12-08 19:00"), pub("t1", "ks", "12-08 21:00")],
         good=[pub("t1", "dy", "12-08 19:00"), pub("t1", "ks", "12-09 19:00")], item="t1"),
    Case("series_order", {"min_days": 1},
         bad=[pub("t4", "dy", "12-08 12:00"), pub("t5", "dy", "12-08 19:00")],
         good=[pub("t4", "dy", "12-08 12:00"), pub("t5", "dy", "12-09 19:00")], item="t5"),
    Case("duplicate_content", {"max_accounts": 2, "hours": 24},
         bad=[pub("t1", "dy", "12-08 19:00"), pub("t1", "dy2", "12-08 19:00")],
         good=[pub("t1", "dy", "12-08 19:00"), pub("t1", "dy2", "12-09 19:00")], item="t1"),
    Case("exclude_content", {"match": {"commercial": True}},
         bad=[pub("t3", "dy", "12-08 19:00")], good=[pub("t1", "dy", "12-08 19:00")], item="t3"),
    Case("no_back_to_back", {"by": "category"},
         bad=[pub("t1", "dy", "12-08 12:00"), pub("t4", "dy", "12-08 19:00")],
         good=[pub("t1", "dy", "12-08 12:00"), pub("t2", "dy", "12-08 19:00"), pub("t4", "dy", "12-09 19:00")],
         item="t4"),
    Case("content_mix", {"match": {"commercial": True}, "max_share": 0.5},
         bad=[pub("t3", "dy", "12-08 19:00")],
         good=[pub("t1", "dy", "12-08 12:00"), pub("t3", "dy", "12-08 19:00"), pub("t2", "dy", "12-09 19:00")],
         item="dy", scope={"account": "dy"}),
    Case("member_capacity", {},
         bad=[task("t1", "edit", ["editor"], "12-08 10:00", "12-08 17:00")],
         good=[task("t1", "edit", ["editor"], "12-08 10:00", "12-08 15:00")], item="editor"),
    Case("availability", {},
         bad=[task("t1", "shoot", ["shooter", "host"], "12-09 10:00", "12-09 11:00")],
         good=[task("t1", "shoot", ["shooter", "host"], "12-08 10:00", "12-08 11:00")], item="host"),
    Case("required_talent", {},
         bad=[task("t1", "shoot", ["shooter"], "12-08 10:00", "12-08 11:00")],
         good=[task("t1", "shoot", ["shooter", "host"], "12-08 10:00", "12-08 11:00")], item="t1"),
    Case("member_accounts", {},
         bad=[task("t1", "edit", ["bili_editor"], "12-08 10:00", "12-08 12:00")],
         good=[task("t2", "edit", ["bili_editor"], "12-08 10:00", "12-08 12:00")], item="bili_editor"),
    Case("lead_time", {"hours": 2},
         bad=[task("t1", "edit", ["editor"], "12-08 15:00", "12-08 18:00"), pub("t1", "dy", "12-08 19:00")],
         good=[task("t1", "edit", ["editor"], "12-08 13:00", "12-08 16:00"), pub("t1", "dy", "12-08 19:00")],
         item="t1"),
    Case("stage_order", {},
         bad=[task("t1", "script", ["writer"], "12-07 10:00", "12-07 11:00"),
              task("t1", "shoot", ["shooter", "host"], "12-08 13:00", "12-08 14:00"),
              task("t1", "edit", ["editor"], "12-08 10:00", "12-08 12:00")],
         good=[task("t1", "script", ["writer"], "12-07 10:00", "12-07 11:00"),
               task("t1", "shoot", ["shooter", "host"], "12-08 10:00", "12-08 11:00"),
               task("t1", "edit", ["editor"], "12-09 13:00", "12-09 15:00")],
         item="t1"),
    Case("stage_split", {"max_days": 2},
         bad=[task("t7", "edit", ["editor"], "12-10 10:00", "12-10 15:00"),
              task("t7", "edit", ["bili_editor"], "12-12 10:00", "12-12 15:00")],
         good=[task("t7", "edit", ["editor"], "12-10 10:00", "12-10 15:00"),
               task("t7", "edit", ["editor"], "12-11 10:00", "12-11 15:00")],
         item="t7"),
    Case("production_window", {},
         bad=[task("t7", "plan", ["op"], "12-07 10:00", "12-07 11:00"),
              task("t7", "shoot", ["shooter", "host"], "12-08 10:00", "12-08 13:00")],
         good=[task("t7", "plan", ["op"], "12-08 10:00", "12-08 11:00"),
               task("t7", "shoot", ["shooter", "host"], "12-09 10:00", "12-09 13:00")],
         item="t7"),
    Case("reply_duty", {"minutes": 30, "within_hours": 2},
         bad=[task("t4", "edit", ["editor"], "12-08 10:00", "12-08 12:00"), pub("t4", "dy", "12-08 19:00")],
         good=[task("t4", "edit", ["editor"], "12-08 10:00", "12-08 12:00"), pub("t4", "dy", "12-08 19:00"),
               task("t4", "reply:dy", ["op"], "12-08 20:00", "12-08 20:30")],
         item="t4"),
    Case("required_topic", {},
         bad=[pub("t1", "dy", "12-08 19:00")],
         good=[pub("t1", "dy", "12-08 19:00"), pub("t7", "dy", "12-11 19:00")],
         item="t7"),
]


def test_every_kind_has_a_case() -> None:
    assert sorted(c.kind for c in CASES) == sorted(KINDS)


def _run(case: Case, items: list[Item]) -> list[Any]:
    r = rule(case.kind, case.scope, **case.params)
    return r.check(make_plan(*items), scenario(days=case.days, only=case.only))


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.kind)
def test_a_plan_that_breaks_the_rule_is_reported(case: Case) -> None:
    found = _run(case, case.bad)
    assert found, f"{case.kind}: nothing reported"
    assert all(v.rule == f"test.{case.kind}" for v in found)
    assert any(case.item in v.detail for v in found), [v.detail for v in found]


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.kind)
def test_a_plan_that_keeps_the_rule_is_not(case: Case) -> None:
    assert _run(case, case.good) == []


def test_a_soft_rule_costs_its_weight_per_unit_and_a_hard_one_nothing() -> None:
    bad = make_plan(pub("t1", "dy", "12-08 09:00"), pub("t2", "dy", "12-08 12:00"), pub("t4", "dy", "12-08 19:00"))
    soft = rule("max_posts_per_day", max=1, hard=False, weight=3).check(bad, scenario())
    hard = rule("max_posts_per_day", max=1).check(bad, scenario())
    assert [(v.hard, v.penalty) for v in soft] == [(False, 6.0)]  # two posts over, 3 each
    assert [(v.hard, v.penalty) for v in hard] == [(True, 0.0)]


def test_the_scope_narrows_a_rule_to_its_platform() -> None:
    r = rule("duration_range", {"platform": "kuaishou"}, max_s=900)
    assert r.check(make_plan(pub("t2", "dy", "12-08 19:00")), scenario()) == []


def test_a_posting_window_reads_the_accounts_own_time_zone() -> None:
    s = scenario(accounts=[{"id": "dy", "platform": "douyin", "timezone": "Europe/London"}], only=["t4"])
    # 19:00 in Shanghai is 11:00 in London: outside an 18:00-22:00 window there.
    found = rule("posting_window", hours="18:00-22:00").check(make_plan(pub("t4", "dy", "12-08 19:00")), s)
    assert [v.detail for v in found] == ["t4 on dy at 2026-12-08 19:00: 11:00 is outside 18:00-22:00"]


def test_check_plan_accepts_hand_made_plans_with_naive_times() -> None:
    # A hand-made calendar may omit the offset; mixed with aware times the kinds used to raise TypeError.
    naive = Publication(topic="t2", account="dy", platform="douyin", at=datetime(2026, 12, 8, 20, 0))
    mixed = Plan(scenario="kit", generated_at=datetime(2026, 12, 1, tzinfo=SH),
                 publications=[pub("t1", "dy", "12-08 19:00"), naive])
    found = check_plan(mixed, scenario(), [rule("min_gap", hours=2)])
    assert [v.detail for v in found] == ["dy: t1 and t2 are 1 h apart (min 2 h)"]


def test_check_plan_stops_at_unknown_ids() -> None:
    bad = make_plan(pub("t1", "dy", "12-08 19:00"))
    bad = bad.model_copy(update={"publications": [bad.publications[0].model_copy(update={"topic": "nope"})]})
    found = check_plan(bad, scenario(), [rule("min_gap", hours=2)])
    assert [(v.rule, v.detail) for v in found] == [("plan.ids", "unknown topic 'nope'")]

