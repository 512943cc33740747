"""Time zones and daylight-saving edges for accounts abroad (TikTok, YouTube, Instagram).

A plan is judged here by zoneinfo itself, not by the project's helpers: posting windows and
daily caps in the account's own wall time, and gaps in real elapsed time. The plan is also
re-checked after a JSON round trip, which is how `planner score` sees a saved plan.
"""

from __future__ import annotations

from collections import Counter
from datetime import UTC, datetime, time
from itertools import pairwise
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from planner.domain.plan import Plan
from planner.domain.scenario import Scenario
from planner.rules import check_plan
from planner.solver import SolveOptions, solve

NEW_YORK = ZoneInfo("America/New_York")
TEAM = [{"id": "ann", "roles": ["planner", "writer", "shooter", "editor"], "hours_per_day": 16},
        {"id": "bob", "roles": ["talent", "shooter"], "hours_per_day": 16}]


def topics(n: int, platform: str) -> list[dict[str, Any]]:
    return [{"id": f"t{i}", "title": f"T{i}", "format": "talking_head", "goal": "engage", "platforms": [platform],
             "value": 50, "duration_s": 30} for i in range(n)]


def solved(data: dict[str, Any]) -> tuple[Scenario, Plan]:
    scenario = Scenario.model_validate(data)
    plan = solve(scenario, SolveOptions(time_limit=5, deterministic=True)).plan
    assert plan.solver.status in ("OPTIMAL", "FEASIBLE")
    return scenario, plan


def round_trip(plan: Plan) -> Plan:
    return Plan.model_validate_json(plan.to_json())


@pytest.mark.parametrize(("platform", "start"), [("tiktok", "2026-10-28"), ("youtube_shorts", "2026-10-28"),
                                                 ("instagram_reels", "2027-03-10")])
def test_account_abroad_across_a_dst_change(platform: str, start: str) -> None:
    """Horizon in Shanghai, account in New York, a 00:30-02:30 window: on 2026-11-01 the 01:00 hour
    happens twice in New York, on 2027-03-14 02:00 never happens. One post per New York day."""
    scenario, plan = solved({
        "name": "abroad", "rule_packs": [platform],
        "horizon": {"start": start, "days": 7, "timezone": "Asia/Shanghai", "publish_hours": "00:00-24:00",
                    "work_hours": "00:00-24:00"},
        "accounts": [{"id": "us", "platform": platform, "followers": 500000, "timezone": "America/New_York"}],
        "team": TEAM, "topics": topics(6, platform),
        "rules": [{"id": "us.window", "kind": "posting_window", "scope": {"account": "us"}, "hours": "00:30-02:30",
                   "source": "test"},
                  {"id": "us.cap", "kind": "max_posts_per_day", "scope": {"account": "us"}, "max": 1, "source": "test"}],
    })
    local = [p.at.astimezone(NEW_YORK) for p in plan.publications]
    assert len(local) >= 3, "the test needs posts to judge"
    assert all(time(0, 30) <= at.time() < time(2, 30) for at in local), local
    assert max(Counter(at.date() for at in local).values()) == 1
    assert not [v for v in check_plan(round_trip(plan), scenario) if v.hard]


SPRING_FORWARD = {
    "name": "horizon in New York over the spring-forward",
    # Four days: production takes three, so every post falls on 2027-03-14, when 02:00-03:00 does not exist.
    "horizon": {"start": "2027-03-11", "days": 4, "timezone": "America/New_York", "publish_hours": "00:00-24:00",
                "work_hours": "00:00-24:00"},
    "accounts": [{"id": "us", "platform": "tiktok", "followers": 500000}],
    "team": TEAM, "topics": topics(3, "tiktok"),
    "rules": [{"id": "us.window", "kind": "posting_window", "scope": {"account": "us"}, "hours": "02:00-03:30",
               "source": "test"},
              {"id": "us.gap", "kind": "min_gap", "scope": {"account": "us"}, "hours": 0.5, "source": "test"}],
}


def _exists(moment: datetime) -> bool:
    """A wall time the clocks skip comes back different after a trip through UTC."""
    again = moment.astimezone(UTC).astimezone(moment.tzinfo)
    return again.replace(tzinfo=None) == moment.replace(tzinfo=None)


def test_horizon_over_the_spring_forward_never_posts_twice_at_once() -> None:
    """Before the fix horizon_slots made a 02:00 slot on 2027-03-14 (it is 03:00 EDT, the next slot's
    instant) and min_gap compared wall times: two posts at one instant, 2 hard violations in
    `planner score` of the saved plan."""
    scenario, plan = solved(SPRING_FORWARD)
    assert plan.publications
    assert all(_exists(p.at) for p in plan.publications), [p.at.isoformat() for p in plan.publications]
    instants = sorted(p.at.astimezone(UTC) for p in plan.publications)
    assert all((b - a).total_seconds() >= 1800 for a, b in pairwise(instants)), instants
    assert not [v for v in check_plan(round_trip(plan), scenario) if v.hard]


@pytest.mark.parametrize(("gap", "posts"), [(0.5, 2), (1.5, 1)])
def test_gap_across_the_spring_forward_is_elapsed_time(gap: float, posts: int) -> None:
    """01:00 EST and 03:00 EDT are 1 h apart, not 2: a 1.5 h gap leaves room for one post only."""
    scenario, plan = solved({**SPRING_FORWARD, "rules": [
        {"id": "us.window", "kind": "posting_window", "scope": {"account": "us"}, "hours": "01:00-03:30",
         "source": "test"},
        {"id": "us.gap", "kind": "min_gap", "scope": {"account": "us"}, "hours": gap, "source": "test"}]})
    assert len(plan.publications) == posts, [p.at.isoformat() for p in plan.publications]
    assert not [v for v in check_plan(round_trip(plan), scenario) if v.hard]
