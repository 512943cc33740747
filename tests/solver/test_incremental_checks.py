"""The greedy's incremental publication checks answer as every rule's own full check does.

The greedy used to re-check the whole plan with every rule for every slot it tried (hours on the
L benchmark tier); planner.solver.incremental keeps per-rule state instead. Here both are asked
the same questions, under extra hard rules that exercise every checker, in the greedy's order and
in random orders; and the greedy plan keeps every hard rule.
"""

from __future__ import annotations

import random
from datetime import UTC, datetime
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from planner.bench.generate import generate as generate_instance
from planner.bench.greedy_plan import greedy_plan
from planner.bench.tiers import tier
from planner.domain.plan import Plan, Publication
from planner.domain.scenario import RuleSpec, Scenario
from planner.pricing import candidate_values
from planner.rules import check_plan, resolve_rules
from planner.rules.base import Rule
from planner.rules.context import PubCandidate
from planner.rules.kinds.volume import MinGap
from planner.scenario import load
from planner.solver.candidates import (
    Candidates,
    generate,
    shortlist,
)
from planner.solver.greedy import _greedy
from planner.solver.incremental import Check, FullCheck, PublicationChecks
from planner.solver.incremental import publication_rules as _publication_rules

DEMO = Path(__file__).resolve().parents[2] / "scenarios" / "demo.yaml"


@cache
def scenario(name: str, *extra: str) -> Scenario:
    """The demo, a week across a clock change, or a benchmark tier (seed 1) with extra rules (by id from ``EXTRA``)."""
    if name == "demo":
        return load(DEMO)
    if name == "dst":
        return across_dst()
    data = generate_instance(tier(name), 1)
    data["rules"] = [*data.get("rules", []), *(EXTRA[rule_id] for rule_id in extra)]
    return Scenario.model_validate(data)


# -- helpers --------------------------------------------------------------------------------------

def across_dst() -> Scenario:
    """New York hours over the end of summer time (01:00 twice on 2026-11-01), an account in London
    (summer time ended a week earlier) with its own posting window, caps and gaps in real time."""
    team = [{"id": "ann", "roles": ["planner", "writer", "shooter", "editor"], "hours_per_day": 16},
            {"id": "bob", "roles": ["talent", "shooter"], "hours_per_day": 16}]
    topics = [{"id": f"t{i}", "title": f"T{i}", "format": ["talking_head", "vlog"][i % 2], "goal": "engage",
               "platforms": ["tiktok", "youtube_shorts"], "value": 50 + i, "duration_s": 30} for i in range(10)]
    return Scenario.model_validate({
        "name": "dst", "rule_packs": ["tiktok", "youtube_shorts"],
        "horizon": {"start": "2026-10-28", "days": 7, "timezone": "America/New_York", "publish_hours": "00:00-24:00",
                    "work_hours": "00:00-24:00", "slot_minutes": 30},
        "accounts": [{"id": "uk", "platform": "tiktok", "timezone": "Europe/London"},
                     {"id": "us", "platform": "youtube_shorts"}],
        "team": team, "topics": topics,
        "rules": [{"id": "uk.window", "kind": "posting_window", "scope": {"account": "uk"}, "hours": "00:30-03:30"},
                  {"id": "uk.cap", "kind": "max_posts_per_day", "scope": {"account": "uk"}, "max": 1},
                  {"id": "us.gap", "kind": "min_gap", "scope": {"account": "us"}, "hours": 5},
                  {"id": "all.stagger", "kind": "cross_post_delay", "hours": 3},
                  {"id": "all.variety", "kind": "no_back_to_back", "by": "format", "hard": True}],
    })


def pipeline(s: Scenario, rules: list[Rule] | None = None) -> tuple[list[Rule], Candidates, list[float]]:
    """Candidates and values as solve() makes them, then the shortlist the greedy sees."""
    rules = resolve_rules(s) if rules is None else rules
    cands = generate(s, rules)
    values = candidate_values(s, cands.pubs)
    keep = {(p.topic, p.account, s.horizon.localize(p.at)) for p in s.pins.publications}
    short, chosen = shortlist(cands, values.points, rules, s, 6, keep)
    return rules, short, [values.points[i] for i in chosen]


class Both(Check):
    """The incremental checks, with the full check asked the same question every time."""

    asked = 0
    refused = 0

    def __init__(self, scenario: Scenario, rules: list[Rule]) -> None:
        self.fast, self.full = PublicationChecks(scenario, rules), FullCheck(scenario, rules)

    def ok(self, c: PubCandidate) -> bool:
        fast, full = self.fast.ok(c), self.full.ok(c)
        assert fast == full, (c.topic.id, c.account.id, c.at, fast, full)
        Both.asked += 1
        Both.refused += not full
        return full

    def add(self, c: PubCandidate) -> None:
        self.fast.add(c)
        self.full.add(c)


class OddGap(MinGap):
    """A kind the greedy has no incremental check for: it falls back on the rule's own check."""

    def admission(self, scenario: Scenario, times: Any) -> None:
        return None


# -- the tests ------------------------------------------------------------------------------------

EXTRA: dict[str, dict[str, Any]] = {str(rule["id"]): rule for rule in [
    {"id": "x.variety", "kind": "no_back_to_back", "by": "format", "hard": True},
    {"id": "x.stagger", "kind": "cross_post_delay", "hours": 24},
    {"id": "x.weekly", "kind": "max_posts_per_week", "max": 6, "scope": {"account": ["ks"]}},
    {"id": "x.daily", "kind": "max_posts_per_day", "max": 2},
    {"id": "x.mix", "kind": "content_mix", "match": {"goal": "convert"}, "max_share": 0.5, "window_days": 3},
    {"id": "x.first", "kind": "first_publish", "platform": "douyin", "hours": 30},
    {"id": "x.series", "kind": "series_order", "min_days": 2},
    # Rules the empty plan breaks: nothing goes in until one post mends them all at once.
    {"id": "x.active", "kind": "min_posts_per_week", "min": 1, "hard": True, "scope": {"account": ["dy"]}},
    {"id": "x.engaging", "kind": "content_mix", "match": {"goal": "engage"}, "min_count": 1, "window_days": 7,
     "scope": {"account": ["dy"]}},
]}
SPACING = ("x.variety", "x.stagger", "x.weekly", "x.daily", "x.mix", "x.first", "x.series")
MINIMUMS = ("x.active", "x.engaging")


@pytest.mark.parametrize("extra", [SPACING, MINIMUMS, SPACING + MINIMUMS], ids=["spacing", "minimums", "both"])
def test_incremental_checks_answer_as_the_full_check(extra: tuple[str, ...]) -> None:
    s = scenario("S", *extra)
    rules = resolve_rules(s)
    rules.append(OddGap(RuleSpec(id="x.odd_gap", kind="min_gap"), MinGap.Params(hours=3)))
    rules, cands, points = pipeline(s, rules)
    Both.asked = Both.refused = 0
    result = _greedy(s, rules, cands, points, Both)
    assert Both.asked > 20 and 0 < Both.refused < Both.asked
    plan = Plan(scenario=s.name, generated_at=datetime.now(UTC), publications=[
        Publication(topic=c.topic.id, account=c.account.id, platform=c.account.platform, at=c.at)
        for c in (cands.pubs[i] for i in result.pubs)])
    assert not [v for v in check_plan(plan, s, rules) if v.hard and v.rule.startswith("x.")]


def small(rules: tuple[str, ...]) -> Scenario:
    """Two accounts, twelve topics of mixed formats and goals (a series among them), three slots a
    day, no minimum gap: posts at the same instant on one account are allowed."""
    formats, goals = ["talking_head", "vlog", "tutorial"], ["engage", "convert", "acquire", "retain"]
    topics = [{"id": f"t{k:02d}", "title": f"T{k}", "format": formats[k % 3], "goal": goals[k % 4],
               "commercial": k % 5 == 0, "labels": ["广告"] if k % 5 == 0 else [],
               "platforms": ["douyin", "kuaishou"], "value": 10 + k,
               **({"series": "s", "episode": k + 1} if k < 4 else {}),
               **({"first_platform": "douyin"} if k % 2 else {})} for k in range(12)]
    return Scenario.model_validate({
        "name": "small",
        "horizon": {"start": "2026-12-07", "days": 7, "publish_hours": "18:00-21:00"},
        "accounts": [{"id": "dy", "platform": "douyin"}, {"id": "ks", "platform": "kuaishou"}],
        "team": [{"id": "ann", "roles": ["writer", "shooter", "editor", "planner", "talent"]}],
        "topics": topics,
        "rules": [{"id": "account.one_at_a_time", "enabled": False}, *(EXTRA[rule_id] for rule_id in rules)],
    })


@pytest.mark.parametrize("extra", [("x.variety",), ("x.stagger", "x.daily"), SPACING, SPACING + MINIMUMS],
                         ids=["variety", "stagger", "spacing", "both"])
@pytest.mark.parametrize("seed", [1, 2, 3])
def test_incremental_checks_answer_as_the_full_check_in_any_order(extra: tuple[str, ...], seed: int) -> None:
    # Random candidates, many at the same instant on the same account: whatever order the plan grows in.
    s = small(extra)
    rules = _publication_rules(resolve_rules(s))
    pubs = generate(s, resolve_rules(s)).pubs
    fast, full = PublicationChecks(s, rules), FullCheck(s, rules)
    rng = random.Random(seed)
    placed = 0
    for _ in range(300):
        c = rng.choice(pubs)
        ok = full.ok(c)
        assert fast.ok(c) == ok, (c.topic.id, c.account.id, c.at, ok)
        if ok:
            fast.add(c)
            full.add(c)
            placed += 1
    assert 5 < placed < 300


@pytest.mark.parametrize("name", ["demo", "dst", "S", pytest.param("M", marks=pytest.mark.slow)])
def test_the_greedy_plan_keeps_every_hard_rule(name: str) -> None:
    s = scenario(name)
    outcome = greedy_plan(s)
    assert outcome.plan.publications and outcome.plan.tasks
    hard = [v for v in check_plan(outcome.plan, s) if v.hard]
    assert hard == [], hard[:5]
    assert outcome.hard_violations == 0
