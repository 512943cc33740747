"""For every publication rule kind, the two faces agree on random small scenarios:

- a plan the solver's encoding accepts has no hard violation from ``check`` (solve() raises
  SolverBug otherwise, and we assert it on top);
- a plan ``check`` accepts is accepted by the encoding when fixed (pinned).

Production kinds (capacity, availability, talent, lead time, stage order) need tasks in the plan
and are exercised through the solver tests instead.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from planner.domain.plan import Plan, Publication
from planner.domain.scenario import Scenario
from planner.rules import check_plan
from planner.solver import SolveOptions, solve

SH = ZoneInfo("Asia/Shanghai")
SOURCE = {"source": "test", "as_of": "2026-11-28"}
KINDS: list[tuple[str, dict[str, Any]]] = [
    ("max_posts_per_day", {"max": 1}),
    ("max_posts_per_week", {"max": 2}),
    ("min_gap", {"hours": 2}),
    ("posting_window", {"hours": "19:00-21:00"}),
    ("blackout", {"dates": ["2026-12-10"]}),
    ("schedule_ahead", {"days": 3}),
    ("allowed_formats", {"formats": ["talking_head", "tutorial"]}),
    ("duration_range", {"max_s": 60}),
    ("aspect_ratio", {"allowed": ["9:16"]}),
    ("text_limits", {"title_max": 3}),
    ("labels", {}),
    ("first_publish", {"platform": "douyin", "hours": 2}),
    ("cross_post_delay", {"hours": 2}),
    ("series_order", {"min_days": 1}),
    ("no_back_to_back", {"hard": True}),
    ("content_mix", {"match": {"commercial": True}, "max_share": 0.5}),
    ("topic_window", {}),
    ("trend_window", {}),
]
FAST = SolveOptions(time_limit=5, workers=1, seed=0)


@st.composite
def topics(draw: st.DrawFn) -> list[dict[str, Any]]:
    out = []
    for i in range(4):
        topic: dict[str, Any] = {
            "id": f"t{i}", "title": draw(st.sampled_from(["短", "一个长标题"])), "goal": "engage",
            "format": draw(st.sampled_from(["talking_head", "tutorial", "skit"])),
            "category": draw(st.sampled_from(["美食", "探店"])), "duration_s": draw(st.sampled_from([30, 90])),
            "aspect": draw(st.sampled_from(["9:16", "16:9"])), "platforms": ["douyin", "kuaishou"],
            "commercial": draw(st.booleans()), "value": draw(st.integers(10, 60)),
        }
        if topic["commercial"]:
            topic["labels"] = draw(st.sampled_from([["广告"], []]))
        if i >= 2:
            topic["series"], topic["episode"] = "s", i - 1
        if draw(st.booleans()):
            topic["deadline"] = "2026-12-10T20:00:00"
        if i == 0 and draw(st.booleans()):
            topic["trend"] = "tr"
        out.append(topic)
    return out


def scenario(kind: str, params: dict[str, Any], topic_list: list[dict[str, Any]]) -> Scenario:
    params = dict(params)
    hard = params.pop("hard", None)
    rule = {"id": "r", "kind": kind, **params, **SOURCE}
    if hard is not None:
        rule["hard"] = hard
    return Scenario.model_validate({
        "name": "prop", "horizon": {"start": "2026-12-07", "days": 5, "publish_hours": "18:00-22:00"},
        "accounts": [{"id": "dy", "platform": "douyin"}, {"id": "ks", "platform": "kuaishou"}],
        "team": [{"id": f"m{i}", "roles": ["writer", "shooter", "editor", "talent", "planner"]} for i in range(3)],
        "topics": topic_list,
        "trends": [{"id": "tr", "name": "热点", "start": "2026-12-09T18:00:00", "end": "2026-12-10T21:00:00"}],
        "rules": [rule],
    })


@st.composite
def plans(draw: st.DrawFn, s: Scenario) -> Plan:
    pubs = []
    for topic in s.topics:
        for account in s.accounts:
            if draw(st.booleans()):
                # day 3 or later, 19:00+: script, shoot, edit and 二次剪辑 (a day each) can be ready by then
                day, hour = draw(st.integers(3, 4)), draw(st.integers(19, 21))
                at = datetime(2026, 12, 7, hour, tzinfo=SH) + timedelta(days=day)
                pubs.append(Publication(topic=topic.id, account=account.id, platform=account.platform, at=at))
    return Plan(scenario=s.name, generated_at=datetime(2026, 12, 1, tzinfo=SH), publications=pubs)


@pytest.mark.parametrize(("kind", "params"), KINDS, ids=[k for k, _ in KINDS])
@settings(max_examples=6, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_encoding_and_check_agree(kind: str, params: dict[str, Any], data: st.DataObject) -> None:
    s = scenario(kind, params, data.draw(topics()))
    solved = solve(s, FAST).plan  # raises SolverBug if the encoding let a hard violation through
    assert not [v for v in solved.violations if v.hard]
    plan = data.draw(plans(s))
    if [v for v in check_plan(plan, s) if v.hard]:
        return
    pins = {"publications": [{"topic": p.topic, "account": p.account, "at": p.at.isoformat()}
                             for p in plan.publications]}
    pinned = Scenario.model_validate({**s.model_dump(mode="json", exclude={"base_dir"}), "pins": pins})
    status = solve(pinned, FAST).plan.solver.status
    assert status in ("OPTIMAL", "FEASIBLE"), f"check accepts the plan but the encoding refuses it: {plan.publications}"
