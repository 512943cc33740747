"""The search starts from a plan that keeps every pin and every hard rule: the greedy's, repaired
where it is not, so a binding share cap cannot cost the start its pinned post."""

from __future__ import annotations

from conftest import built, tiny

from planner.rules import resolve_rules
from planner.solver import SolveOptions, solve
from planner.solver.earlier import repaired_start
from planner.solver.greedy import greedy


def _scenario():  # type: ignore[no-untyped-def]
    """ann's 4 h a day fit two edits on the last day; p is a pinned 广告 post worth little, and at most
    half of dy's posts may be ads. The greedy tries p first (alone it is all ads), fills the day with
    a and b, and has no hours left for p when it comes back to it."""
    topic = {"format": "talking_head", "goal": "engage", "platforms": ["douyin"]}
    return tiny(team=[{"id": "ann", "roles": ["writer", "shooter", "editor", "planner"], "hours_per_day": 4},
                      {"id": "bob", "roles": ["talent", "shooter"]}],
                topics=[{**topic, "id": "a", "title": "A", "value": 50},
                        {**topic, "id": "b", "title": "B", "value": 30},
                        {**topic, "id": "p", "title": "P", "value": 10, "commercial": True, "labels": ["广告"]}],
                rules=[{"id": "ads", "kind": "content_mix", "match": {"commercial": True}, "max_share": 0.5,
                        "scope": {"account": "dy"}, "source": "test"}],
                pins={"publications": [{"topic": "p", "account": "dy", "at": "2026-12-09T20:00:00"}]})


def test_the_greedy_alone_drops_the_pin_here() -> None:
    scenario = _scenario()
    builder = built(scenario, slots_per_day=24)
    seed = greedy(scenario, resolve_rules(scenario), builder.cands, builder.values)
    assert "p" not in seed.made  # the situation the repair is for


def test_the_start_keeps_the_pin_under_a_binding_share_cap() -> None:
    scenario = _scenario()
    builder = built(scenario, slots_per_day=24)
    seed = greedy(scenario, resolve_rules(scenario), builder.cands, builder.values)
    held = repaired_start(builder, set(seed.pubs), set(seed.work), seed.made)
    assert held is not None
    started = {c.topic.id for c in builder.pubs if held.boolean_value(c.lit)}
    assert started == {"a", "p"}  # the closest plan that keeps the pin and the cap
    plan = solve(scenario, SolveOptions(time_limit=5, workers=1)).plan
    assert {p.topic for p in plan.publications} == {"a", "p"}
