"""A rule kind defined here, outside planner/, is encoded, checked, admitted and explained.

Adding a kind touches the kind's own class only: the solver, the greedy and the reasons reach it
through the Rule base class.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from typing import Any

import pytest
from pydantic import BaseModel, ConfigDict, Field

from planner.domain.plan import Plan, Publication, Violation
from planner.domain.scenario import Scenario
from planner.pricing import candidate_values
from planner.rules import check_plan, register, resolve_rules, unregister
from planner.rules.admission import Admission, SlotTimes
from planner.rules.base import Rule
from planner.rules.context import EncodeContext, PubCandidate
from planner.solver import SolveOptions, solve
from planner.solver.candidates import generate
from planner.solver.greedy import greedy


class _PromoParams(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")
    tag: str
    max: int = Field(ge=0)


class PromoCap(Rule):
    """Hard: an account publishes at most ``max`` topics tagged ``tag`` in the whole horizon."""

    kind = "test_promo_cap"
    Params = _PromoParams

    def _hit(self, tags: list[str]) -> bool:
        return self.params.tag in tags

    def encode(self, ctx: EncodeContext) -> None:
        by_account: dict[str, list[PubCandidate]] = {}
        for c in self.scoped_candidates(ctx):
            if self._hit(c.topic.tags):
                by_account.setdefault(c.account.id, []).append(c)
        for account, cands in by_account.items():
            ctx.at_most([(c.lit, 1) for c in cands], self.params.max, self, account)

    def check(self, plan: Plan, scenario: Scenario) -> list[Violation]:
        counts: dict[str, int] = {}
        for pub in self.scoped_publications(plan, scenario):
            if self._hit(scenario.topic_by_id[pub.topic].tags):
                counts[pub.account] = counts.get(pub.account, 0) + 1
        return [self.violation(f"{account} has {n} {self.params.tag} posts (max {self.params.max})")
                for account, n in sorted(counts.items()) if n > self.params.max]

    def admission(self, scenario: Scenario, times: SlotTimes) -> Admission:
        return _PromoAdmission(self)


class _PromoAdmission(Admission):
    rule: PromoCap

    def __init__(self, rule: PromoCap) -> None:
        self.rule = rule
        self.counts: dict[str, int] = {}
        self.asked = 0

    def relevant(self, c: PubCandidate) -> bool:
        return self.rule.applies(c.topic, c.account) and self.rule._hit(c.topic.tags)

    def ok(self, c: PubCandidate) -> bool:
        self.asked += 1
        return self.counts.get(c.account.id, 0) + 1 <= self.rule.params.max

    def add(self, c: PubCandidate) -> None:
        if self.relevant(c):
            self.counts[c.account.id] = self.counts.get(c.account.id, 0) + 1

    def why(self, c: PubCandidate, lang: str = "zh") -> str:
        return f"{self.rule.id}: {c.account.id} already has {self.counts.get(c.account.id, 0)} promo topics"


@pytest.fixture
def promo_kind() -> Iterator[type[Rule]]:
    register(PromoCap)
    yield PromoCap
    unregister(PromoCap.kind)


def _scenario() -> Scenario:
    data: dict[str, Any] = {
        "name": "promo",
        "horizon": {"start": "2026-12-07", "days": 4, "publish_hours": "18:00-21:00"},
        "accounts": [{"id": "dy", "platform": "douyin", "followers": 100000}],
        "team": [{"id": "ann", "roles": ["writer", "shooter", "editor", "planner"]},
                 {"id": "bob", "roles": ["talent", "shooter"]}],
        "topics": [
            {"id": "a", "title": "A", "format": "talking_head", "goal": "engage", "platforms": ["douyin"],
             "value": 50, "tags": ["promo"]},
            {"id": "b", "title": "B", "format": "talking_head", "goal": "engage", "platforms": ["douyin"],
             "value": 30, "tags": ["promo"]},
        ],
        "rules": [{"id": "promo.cap", "kind": "test_promo_cap", "tag": "promo", "max": 1}],
    }
    return Scenario.model_validate(data)


def test_a_kind_registered_outside_planner_is_encoded_and_explained(promo_kind: type[Rule]) -> None:
    scenario = _scenario()
    assert any(r.kind == "test_promo_cap" for r in resolve_rules(scenario))
    plan = solve(scenario, SolveOptions(time_limit=5, seed=0)).plan
    assert plan.solver.status.solved
    assert [p.topic for p in plan.publications] == ["a"]  # the better one; the cap keeps b out
    assert not [v for v in plan.violations if v.hard]
    reasons = {u.topic: u.reasons for u in plan.unscheduled}
    assert any(r.startswith("promo.cap: dy already has 1 promo topics") for r in reasons["b"]), reasons


def test_a_kind_registered_outside_planner_checks_a_plan_on_its_own(promo_kind: type[Rule]) -> None:
    scenario = _scenario()

    def post(topic: str, hour: int) -> Publication:
        return Publication(topic=topic, account="dy", platform="douyin",
                           at=scenario.horizon.localize(datetime(2026, 12, 10, hour)))

    both = Plan(scenario="promo", generated_at=datetime(2026, 12, 7), publications=[post("a", 19), post("b", 20)])
    one = both.model_copy(update={"publications": both.publications[:1]})
    broken = [v for v in check_plan(both, scenario) if v.rule == "promo.cap"]
    assert [v.detail for v in broken] == ["dy has 2 promo posts (max 1)"]
    assert broken[0].hard
    assert not [v for v in check_plan(one, scenario) if v.rule == "promo.cap"]


def test_a_kind_registered_outside_planner_is_admitted_by_the_greedy(promo_kind: type[Rule]) -> None:
    scenario = _scenario()
    rules = resolve_rules(scenario)
    cands = generate(scenario, rules)
    values = candidate_values(scenario, cands.pubs)
    result = greedy(scenario, rules, cands, values.points)
    assert {cands.pubs[i].topic.id for i in result.pubs} == {"a"}


def test_a_kind_name_is_registered_once(promo_kind: type[Rule]) -> None:
    class Other(PromoCap):
        pass

    with pytest.raises(ValueError, match="already"):
        register(Other)
