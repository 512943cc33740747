"""The solver on scenarios whose optimum is worked out by hand."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from conftest import tiny

from planner.domain.plan import Plan
from planner.solver import SolveOptions, solve
from planner.solver.explain import explain

SH = ZoneInfo("Asia/Shanghai")
FAST = SolveOptions(time_limit=10, workers=1, seed=0)
GAP = [{"id": "gap", "kind": "min_gap", "hours": 2, "source": "test", "as_of": "2026-11-28"}]


def at(day: int, hour: int) -> datetime:
    return datetime(2026, 12, 7 + day, hour, tzinfo=SH)


def test_both_topics_fit_and_the_optimum_is_their_sum() -> None:
    # a at 19:00 or 20:00 on day 2, b in the other slot: 50 + 30 = 80, nothing left out.
    result = solve(tiny(), FAST)
    plan = result.plan
    assert plan.solver.status == "OPTIMAL"
    assert plan.solver.objective == pytest.approx(80)
    assert sorted(p.at for p in plan.publications) == [at(2, 19), at(2, 20)]
    assert plan.unscheduled == []
    # script, shoot, edit for each topic, each on its own day, in order
    stages = {(t.topic, t.stage): t.start.date().day for t in plan.tasks}
    assert stages[("a", "script")] < stages[("a", "shoot")] < stages[("a", "edit")]
    shoot = next(t for t in plan.tasks if t.topic == "a" and t.stage == "shoot")
    # bob is the only talent; the shooter is ann or bob himself (he has both roles, the hours count once)
    assert "bob" in shoot.members and set(shoot.members) <= {"ann", "bob"}


def test_a_two_hour_gap_leaves_the_cheaper_topic_out() -> None:
    # 19:00 and 20:00 are 1 h apart, so only one post: a (50) minus b left out (20 x priority 3) = -10.
    plan = solve(tiny(rules=GAP), FAST).plan
    assert plan.solver.objective == pytest.approx(-10)
    assert [p.topic for p in plan.publications] == ["a"]
    assert [u.topic for u in plan.unscheduled] == ["b"]
    assert plan.unscheduled[0].reasons


def test_pins_are_kept_even_when_they_cost() -> None:
    # Pin b at 20:00: a cannot go within 2 h, so a is left out: 30 - 60 = -30.
    pins = {"publications": [{"topic": "b", "account": "dy", "at": "2026-12-09T20:00:00"}]}
    plan = solve(tiny(rules=GAP, pins=pins), FAST).plan
    assert [(p.topic, p.at) for p in plan.publications] == [("b", at(2, 20))]
    assert plan.solver.objective == pytest.approx(-30)


def test_explain_names_the_planted_conflict_and_nothing_else() -> None:
    pins = {"publications": [{"topic": "a", "account": "dy", "at": "2026-12-09T19:00:00"},
                             {"topic": "b", "account": "dy", "at": "2026-12-09T20:00:00"}]}
    scenario = tiny(rules=GAP, pins=pins)
    assert solve(scenario, FAST).plan.solver.status == "INFEASIBLE"
    result = explain(scenario, time_limit=10)
    assert not result.feasible
    assert [rule for rule, _ in result.conflicts] == ["gap"]
    assert sorted(result.pins) == ["pin: a on dy at 12-09 19:00", "pin: b on dy at 12-09 20:00"]


def test_the_same_seed_gives_the_same_plan() -> None:
    options = SolveOptions(time_limit=5, workers=2, seed=7, deterministic=True)
    first = solve(tiny(), options).plan
    second = solve(tiny(), options).plan
    assert first.publications == second.publications
    assert first.tasks == second.tasks


def test_a_trend_topic_that_cannot_be_made_in_time_says_why() -> None:
    # The trend closes on day 1 at 23:00; script, shoot and edit need three days.
    trends = [{"id": "snow", "name": "成都初雪", "start": "2026-12-07T08:00:00", "end": "2026-12-08T23:00:00"}]
    topics = [{"id": "a", "title": "A", "format": "talking_head", "goal": "engage", "platforms": ["douyin"],
               "value": 50, "trend": "snow"}]
    plan = solve(tiny(trends=trends, topics=topics), FAST).plan
    assert plan.publications == []
    reasons = " ".join(plan.unscheduled[0].reasons)
    assert "成都初雪" in reasons


def test_stable_replanning_moves_less_than_a_fresh_plan() -> None:
    base = tiny(horizon={"start": "2026-12-07", "days": 5, "publish_hours": "18:00-21:00"})
    first = solve(base, FAST).plan
    # ann takes day 3 off: the fresh plan is free to reshuffle; the stable one keeps what it can.
    team = [{"id": "ann", "roles": ["writer", "shooter", "editor", "planner"], "days_off": ["2026-12-10"]},
            {"id": "bob", "roles": ["talent", "shooter"]}]
    edited = tiny(horizon=base.horizon.model_dump(), team=team)
    fresh = solve(edited, FAST).plan
    stable = solve(edited, SolveOptions(time_limit=10, workers=1, seed=0, stable=first)).plan

    def moved(plan: Plan) -> int:
        before = {(p.topic, p.account, p.at) for p in first.publications}
        return len(before - {(p.topic, p.account, p.at) for p in plan.publications})

    assert moved(stable) <= moved(fresh)


def test_client_teams_only_make_their_own_clients_topics() -> None:
    # Two clients: dy (topic a) and ks (topic b). ann works for dy only, so b has no writer,
    # shooter or editor: b is left out, a is made by ann and bob (who works for anyone).
    scenario = tiny(
        accounts=[{"id": "dy", "platform": "douyin", "followers": 100000},
                  {"id": "ks", "platform": "kuaishou", "followers": 100000}],
        team=[{"id": "ann", "roles": ["writer", "shooter", "editor", "planner"], "accounts": ["dy"]},
              {"id": "bob", "roles": ["talent", "shooter"]}],
        topics=[{"id": "a", "title": "A", "format": "talking_head", "goal": "engage", "platforms": ["douyin"],
                 "value": 50},
                {"id": "b", "title": "B", "format": "talking_head", "goal": "engage", "platforms": ["kuaishou"],
                 "value": 30}])
    plan = solve(scenario, FAST).plan
    assert [(p.topic, p.account) for p in plan.publications] == [("a", "dy")]
    assert {m for t in plan.tasks for m in t.members} == {"ann", "bob"}
    assert [u.topic for u in plan.unscheduled] == ["b"]
    assert any("team.clients" in reason for reason in plan.unscheduled[0].reasons), plan.unscheduled[0].reasons
