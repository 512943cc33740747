"""Compliance of any calendar: every hard rule the solver honours, judged on what the calendar says.

A calendar made by hand may list posts only, tasks for some topics, or everything. Rules about
production (who works when, stages in order, the edit done before the post) are judged only on
topics the calendar gives tasks for; the others are listed as not judged for production rather
than charged with missing work. Pinned publications must be in the calendar; pinned tasks must be
too, for topics whose production the calendar shows.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from planner.domain.plan import Plan, Violation
from planner.domain.scenario import Scenario
from planner.rules import Rule, check_plan, resolve_rules
from planner.rules.kinds.horizon import with_horizon_rules

PIN_RULE = "pins"
PIN_SOURCE = "scenario pins"


@dataclass
class Compliance:
    violations: list[Violation]
    #: Topics published in the calendar whose production it does not show (no tasks): not judged.
    not_judged: list[str] = field(default_factory=list)


def judges_production(rule: Rule) -> bool:
    """A rule that judges neither publications together nor any one alone judges the work behind
    them (capacity, availability, talent, stage order, lead time)."""
    return not rule.among_publications and rule.publication_reads is None


def compliance(plan: Plan, scenario: Scenario, rules: list[Rule] | None = None, lang: str = "zh") -> Compliance:
    """Every violation of ``plan``, with production judged only where the plan shows it."""
    rules = with_horizon_rules(resolve_rules(scenario, lang) if rules is None else rules, scenario)
    with_tasks = {t.topic for t in plan.tasks}
    published = sorted({p.topic for p in plan.publications}, key=_order(scenario))
    not_judged = [t for t in published if t not in with_tasks]
    posts_rules = [r for r in rules if not judges_production(r)]
    work_rules = [r for r in rules if judges_production(r)]
    violations = check_plan(plan, scenario, posts_rules)
    if work_rules and not any(v.rule == "plan.ids" for v in violations):
        shown = plan.model_copy(update={"publications": [p for p in plan.publications if p.topic in with_tasks]})
        violations += check_plan(shown, scenario, work_rules)
    violations += pin_violations(plan, scenario, with_tasks)
    return Compliance(violations, not_judged)


def pin_violations(plan: Plan, scenario: Scenario, with_tasks: set[str]) -> list[Violation]:
    """Hard: each pinned publication is in the calendar at its time; each pinned task is too, when
    the calendar shows that topic's production."""
    horizon = scenario.horizon
    posts = {(p.topic, p.account, horizon.localize(p.at)) for p in plan.publications}
    out = []
    for pin in scenario.pins.publications:
        at = horizon.localize(pin.at)
        if (pin.topic, pin.account, at) not in posts:
            out.append(Violation(rule=PIN_RULE, hard=True, source=PIN_SOURCE,
                                 detail=f"pinned {pin.topic} on {pin.account} at {at:%Y-%m-%d %H:%M} is not in the plan"))
    worked = {(t.topic, t.stage, m, horizon.localize(t.start).date()) for t in plan.tasks for m in t.members}
    for task in scenario.pins.tasks:
        if task.topic not in with_tasks:
            continue
        for member in task.members:
            if (task.topic, task.stage, member, task.day) not in worked:
                out.append(Violation(rule=PIN_RULE, hard=True, source=PIN_SOURCE,
                                     detail=f"pinned {task.topic} {task.stage} by {member} on {task.day} is not in the plan"))
    return out


def _order(scenario: Scenario) -> Callable[[str], tuple[int, str]]:
    index = {t.id: i for i, t in enumerate(scenario.topics)}
    return lambda topic_id: (index.get(topic_id, len(index)), topic_id)
