"""Hard publication rules judged as a plan grows one publication at a time (the greedy's check).

Each rule's own admission face (``Rule.admission``) answers in a few look-ups; a rule without one
is judged by its own ``check`` on the whole plan with the candidate added (``FullCheck``), which
also stays the reference the tests compare against.
"""

from __future__ import annotations

from planner.domain.plan import Plan, Publication
from planner.domain.scenario import Scenario
from planner.rules.admission import Admission, SlotTimes
from planner.rules.base import Rule
from planner.rules.context import PubCandidate

Check = Admission  # the greedy's name for one judge of the growing plan


class FullCheck(Admission):
    """Every given rule's own ``check`` on the whole plan with the candidate added."""

    def __init__(self, scenario: Scenario, rules: list[Rule]) -> None:
        self.scenario, self.rules = scenario, rules
        self.pubs: list[PubCandidate] = []

    def ok(self, c: PubCandidate) -> bool:
        if not self.rules:
            return True
        return publication_ok(self.scenario, self.rules, [*self.pubs, c])

    def add(self, c: PubCandidate) -> None:
        self.pubs.append(c)

    def why(self, c: PubCandidate, lang: str = "zh") -> str:
        plan = _plan(self.scenario, [*self.pubs, c])
        for rule in self.rules:
            broken = [v for v in rule.check(plan, self.scenario) if v.hard]
            if broken:
                return f"{rule.id}: {broken[0].detail}"
        return "-"


class PublicationChecks(Admission):
    """Every hard publication rule over the growing plan: incremental where the rule has an admission face."""

    def __init__(self, scenario: Scenario, rules: list[Rule]) -> None:
        times = SlotTimes(scenario)
        self.checks: list[Admission] = []
        rest: list[Rule] = []
        for rule in rules:
            check = rule.admission(scenario, times)
            if check is None:
                rest.append(rule)
            else:
                self.checks.append(check)
        if rest:
            self.checks.append(FullCheck(scenario, rest))
        self._relevant: dict[tuple[str, str], list[Admission]] = {}

    def _mine(self, c: PubCandidate) -> list[Admission]:
        key = (c.topic.id, c.account.id)
        mine = self._relevant.get(key)
        if mine is None:
            mine = self._relevant[key] = [check for check in self.checks if check.relevant(c)]
        return mine

    def ok(self, c: PubCandidate) -> bool:
        return all(check.ok(c) for check in self._mine(c))

    def add(self, c: PubCandidate) -> None:
        for check in self.checks:
            check.add(c)

    def refusals(self, c: PubCandidate, lang: str = "zh") -> list[str]:
        """What each refusing rule says about ``c`` (empty when every rule admits it)."""
        return [check.why(c, lang) for check in self._mine(c) if not check.ok(c)]


def publication_rules(rules: list[Rule]) -> list[Rule]:
    """The hard rules between publications (those on one publication alone pruned the candidates)."""
    return [r for r in rules if r.hard and r.among_publications]


def _plan(scenario: Scenario, pubs: list[PubCandidate]) -> Plan:
    return Plan(scenario=scenario.name, generated_at=scenario.horizon.localize(scenario.horizon.start),
                publications=[Publication(topic=c.topic.id, account=c.account.id, platform=c.account.platform, at=c.at)
                              for c in pubs])


def publication_ok(scenario: Scenario, rules: list[Rule], pubs: list[PubCandidate]) -> bool:
    """The reference: every rule's own check on the whole plan (slow: it rebuilds the plan)."""
    plan = _plan(scenario, pubs)
    return not any(v.hard for r in rules for v in r.check(plan, scenario))
