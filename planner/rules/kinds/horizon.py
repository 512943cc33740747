"""Rules the horizon itself sets: the hours in which any post may go out.

Every scenario has them (``IMPLICIT_SPECS``): the solver only ever offers slots inside the
publish hours, so a calendar made by hand is held to the same hours.
"""

from __future__ import annotations

from typing import Any

from planner.domain.scenario import Account, RuleSpec, Scenario, Topic
from planner.rules.base import PostReads, Rule, UnaryPublicationRule


class PublishHours(UnaryPublicationRule):
    """Hard: posts go out only inside the horizon's ``publish_hours`` (in the horizon's time zone), and
    before its ``plannable_from`` (a replan's past) only where a post is pinned."""

    kind = "publish_hours"
    publication_reads = PostReads.SLOT

    def judge_post(self, topic: Topic, account: Account, at: Any, scenario: Scenario) -> str | None:
        horizon = scenario.horizon
        if horizon.plannable_from is not None:
            start = horizon.localize(horizon.plannable_from)
            if horizon.localize(at) < start and (account.id, horizon.localize(at)) not in _pinned_slots(scenario):
                return f"before {start:%m-%d %H:%M}, when the plan may change (only pinned posts stay there)"
        clock = horizon.localize(at).time()
        first, last = horizon.publish_window()
        if first <= clock < last:
            return None
        return f"{clock:%H:%M} is outside the publish hours {horizon.publish_hours}"


def _pinned_slots(scenario: Scenario) -> set[tuple[str, Any]]:
    """(account, time) of every pinned post: the slots a replan's past keeps."""
    return {(p.account, scenario.horizon.localize(p.at)) for p in scenario.pins.publications}


#: Specs every scenario gets (the same shape as ``planner.rules.packs.IMPLICIT``).
IMPLICIT_SPECS: list[dict[str, Any]] = [
    {"id": "horizon.publish_hours", "kind": "publish_hours", "source": "horizon publish_hours"},
]

KINDS = [PublishHours]


def with_horizon_rules(rules: list[Rule], scenario: Scenario) -> list[Rule]:
    """``rules`` plus the horizon's rules they lack (by id), unless the scenario switched one off.

    Checks call this on resolved rules so a calendar is held to the publish hours whether or not
    the packs' implicit list carries them yet.
    """
    from planner.rules.packs import build_rule

    have = {rule.id for rule in rules}
    off = {spec.id for spec in scenario.rules if not spec.enabled}
    extra = [build_rule(RuleSpec.model_validate(spec)) for spec in IMPLICIT_SPECS
             if spec["id"] not in have and spec["id"] not in off]
    return [*rules, *extra]
