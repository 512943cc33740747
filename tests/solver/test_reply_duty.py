"""Work after posting: each post gets its replies from an operator who works for the account and is
free then; through the solver (tasks in the plan) and through the check of a calendar made by hand."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from conftest import tiny

from planner.domain.plan import Plan, Publication
from planner.domain.scenario import Scenario
from planner.rules import check_plan, resolve_rules
from planner.scoring.compliance import compliance
from planner.solver import SolveOptions, solve

SH = ZoneInfo("Asia/Shanghai")
REPLY = {"id": "team.reply", "kind": "reply_duty", "minutes": 30, "within_hours": 2, "source": "team practice"}
TEAM = [{"id": "ann", "roles": ["writer", "shooter", "editor", "planner"]}, {"id": "bob", "roles": ["talent"]}]


def _scenario(team: list[dict[str, Any]], **extra: Any) -> Scenario:
    return tiny(team=TEAM + team, rules=[REPLY], **extra)


def test_every_post_gets_replies_inside_its_window_by_an_operator_of_the_account() -> None:
    scenario = _scenario([{"id": "op", "roles": ["operator"]}])
    plan = solve(scenario, SolveOptions(time_limit=5)).plan
    assert len(plan.publications) == 2
    replies = {t.topic: t for t in plan.tasks if t.stage == "reply:dy"}
    for pub in plan.publications:
        task = replies[pub.topic]
        assert task.members == ["op"]
        assert pub.at <= task.start and task.end <= pub.at.replace(hour=pub.at.hour + 2)
        assert abs(task.hours - 0.5) < 1e-6
    assert not [v for v in check_plan(plan, scenario, resolve_rules(scenario)) if v.hard]


def test_an_operator_for_other_accounts_or_off_that_day_cannot_reply_so_nothing_goes_out() -> None:
    elsewhere = _scenario([{"id": "op", "roles": ["operator"], "accounts": ["ks"]}],
                          accounts=[{"id": "dy", "platform": "douyin"}, {"id": "ks", "platform": "kuaishou"}])
    assert solve(elsewhere, SolveOptions(time_limit=5)).plan.publications == []
    off = _scenario([{"id": "op", "roles": ["operator"], "days_off": ["2026-12-09"]}])
    plan = solve(off, SolveOptions(time_limit=5, lang="en")).plan
    assert plan.publications == []  # day three is the only day a topic can go out
    assert any(r.startswith("the other slots are refused: team.reply: nobody to reply to comments on dy on 2026-12-09")
               for u in plan.unscheduled for r in u.reasons)


def test_the_replies_count_against_the_operators_hours() -> None:
    """The operator has half an hour a day: two posts on day three need an hour of replies."""
    scenario = _scenario([{"id": "op", "roles": ["operator"], "hours_per_day": 0.5}])
    plan = solve(scenario, SolveOptions(time_limit=5)).plan
    assert [p.topic for p in plan.publications] == ["a"]


def _hand(*posts: tuple[str, str, str]) -> Plan:
    return Plan(scenario="tiny", generated_at=datetime(2026, 12, 1, tzinfo=SH),
                publications=[Publication(topic=t, account=a, platform="douyin",
                                          at=datetime.strptime(f"2026-{at}", "%Y-%m-%d %H:%M").replace(tzinfo=SH))
                              for t, a, at in posts])


def test_a_hand_made_calendar_whose_post_falls_in_the_only_operators_live_is_refused() -> None:
    live = {"id": "l", "title": "L", "format": "live", "goal": "convert", "platforms": ["douyin"], "accounts": ["dy"],
            "live_at": "2026-12-09T20:00:00", "duration_s": 7200, "value": 10}
    post = {"id": "a", "title": "A", "format": "talking_head", "goal": "engage", "platforms": ["douyin"], "value": 50}
    scenario = _scenario([{"id": "op", "roles": ["operator"]}], topics=[post, live],
                         accounts=[{"id": "dy", "platform": "douyin"}, {"id": "dy2", "platform": "douyin"}])
    clash = compliance(_hand(("l", "dy", "12-09 20:00"), ("a", "dy2", "12-09 20:00")), scenario).violations
    assert [v.rule for v in clash if v.hard] == ["team.reply"]
    assert "a on dy2" in clash[0].detail and clash[0].source == "team practice"
    apart = compliance(_hand(("l", "dy", "12-09 20:00"), ("a", "dy2", "12-09 18:00")), scenario).violations
    assert not [v for v in apart if v.hard]


def test_replies_of_several_posts_share_the_time_a_live_leaves_free() -> None:
    """op hosts a live 20:00-21:30 and is the only one who can reply: two posts at 20:00 would need an
    hour of replies in the half hour the live leaves of their window, so only one goes out."""
    live = {"id": "l", "title": "L", "format": "live", "goal": "convert", "platforms": ["douyin"], "accounts": ["dy"],
            "live_at": "2026-12-09T20:00:00", "duration_s": 5400, "value": 10, "talent": ["op"]}
    posts = [{"id": t, "title": t, "format": "talking_head", "goal": "engage", "platforms": ["douyin"],
              "accounts": [a], "value": 50, "talent": ["bob"]} for t, a in (("a", "dy2"), ("b", "dy3"))]
    # kim runs the live's console and works for dy only: she cannot reply on dy2 or dy3.
    scenario = _scenario([{"id": "op", "roles": ["operator", "talent"]},
                          {"id": "kim", "roles": ["operator"], "accounts": ["dy"]}], topics=[live, *posts],
                         horizon={"start": "2026-12-07", "days": 3, "publish_hours": "20:00-21:00"},
                         accounts=[{"id": a, "platform": "douyin"} for a in ("dy", "dy2", "dy3")],
                         pins={"publications": [{"topic": "l", "account": "dy", "at": "2026-12-09T20:00:00"}]})
    plan = solve(scenario, SolveOptions(time_limit=5)).plan  # a SolverBug if the replies did not fit
    assert sorted(p.topic for p in plan.publications) in (["a", "l"], ["b", "l"])
