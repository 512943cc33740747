"""Production as real teams describe it, on random small scenarios: whatever the solver plans keeps
every hard rule by the independent check (long stages in day-parts, work in progress, production
windows, required topics, reply duty), and what it cannot plan it leaves out rather than breaks."""

from __future__ import annotations

from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from planner.domain.scenario import Scenario
from planner.rules import check_plan, resolve_rules
from planner.solver import SolveOptions, solve

FAST = SolveOptions(time_limit=3, workers=1, seed=0)
DAYS = ["2026-12-07", "2026-12-08", "2026-12-09", "2026-12-10", "2026-12-11", "2026-12-12"]


@st.composite
def scenarios(draw: st.DrawFn) -> Scenario:
    topics = []
    for i in range(3):
        topic: dict[str, Any] = {
            "id": f"t{i}", "title": f"选题{i}", "goal": "engage", "value": draw(st.integers(10, 60)),
            "format": draw(st.sampled_from(["talking_head", "tutorial", "skit"])),
            "platforms": draw(st.sampled_from([["douyin"], ["douyin", "kuaishou"]])),
            "effort": {"edit": draw(st.sampled_from([2, 7, 12]))},
        }
        if draw(st.booleans()):
            topic["done"] = draw(st.sampled_from([["script"], ["script", "shoot"], ["script", "shoot", "edit"]]))
        if draw(st.booleans()):
            topic["produce_after"] = draw(st.sampled_from(DAYS[:3]))
        if draw(st.booleans()):
            topic["shoot_on"] = draw(st.lists(st.sampled_from(DAYS), min_size=1, max_size=2, unique=True))
        topic["required"] = i == 0 and draw(st.booleans())
        topics.append(topic)
    rules: list[dict[str, Any]] = []
    if draw(st.booleans()):
        rules.append({"id": "reply", "kind": "reply_duty", "minutes": 30, "within_hours": 2, "source": "test"})
    if draw(st.booleans()):
        rules.append({"id": "production.stage_split", "max_days": draw(st.integers(2, 3))})
    return Scenario.model_validate({
        "name": "prop", "horizon": {"start": DAYS[0], "days": 7, "publish_hours": "18:00-22:00"},
        "accounts": [{"id": "dy", "platform": "douyin"}, {"id": "ks", "platform": "kuaishou"}],
        "team": [{"id": "solo", "roles": ["writer", "shooter", "talent", "editor", "planner", "operator"],
                  "hours_per_day": draw(st.sampled_from([4, 8]))},
                 {"id": "ed", "roles": ["editor", "shooter"], "hours_per_day": 6,
                  "weekdays_off": draw(st.sampled_from([[], ["wed"]]))},
                 {"id": "op", "roles": ["operator"], "accounts": draw(st.sampled_from([["dy"], ["ks"], []]))}],
        "topics": topics, "rules": rules,
    })


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(s=scenarios())
def test_what_the_solver_plans_keeps_every_production_rule(s: Scenario) -> None:
    plan = solve(s, FAST).plan  # raises SolverBug if the encoding let a hard violation through
    if not plan.solver.status.solved:
        return  # a required topic that cannot fit: nothing planned, nothing written
    assert not [v for v in check_plan(plan, s, resolve_rules(s)) if v.hard]
    made = {p.topic for p in plan.publications}
    for topic in s.topics:
        if topic.id in made:
            done = {t.stage for t in plan.tasks if t.topic == topic.id}
            assert not (done & set(topic.done)), f"{topic.id} redoes {done & set(topic.done)}"
