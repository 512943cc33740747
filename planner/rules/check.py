"""Checking a finished plan, or a scenario's topics, against every rule."""

from __future__ import annotations

from planner.domain.plan import Plan, Violation
from planner.domain.scenario import Scenario
from planner.errors import Problem
from planner.rules.base import ContentRule, Rule
from planner.rules.packs import resolve_rules
from planner.scenario.yamlio import problem_at


def unknown_ids(plan: Plan, scenario: Scenario) -> list[Violation]:
    """A plan that names topics, accounts or members the scenario lacks is not checkable."""
    out = []
    for pub in plan.publications:
        if pub.topic not in scenario.topic_by_id:
            out.append(Violation(rule="plan.ids", hard=True, detail=f"unknown topic '{pub.topic}'"))
        if pub.account not in scenario.account_by_id:
            out.append(Violation(rule="plan.ids", hard=True, detail=f"unknown account '{pub.account}'"))
        elif pub.platform != scenario.account_by_id[pub.account].platform:
            out.append(Violation(rule="plan.ids", hard=True,
                                 detail=f"account '{pub.account}' is on {scenario.account_by_id[pub.account].platform}, not {pub.platform}"))
        elif pub.topic in scenario.topic_by_id and scenario.account_by_id[pub.account] not in scenario.candidate_accounts(scenario.topic_by_id[pub.topic]):
            out.append(Violation(rule="plan.ids", hard=True, detail=f"topic '{pub.topic}' is not meant for account '{pub.account}'"))
    for task in plan.tasks:
        for member in task.members:
            if member not in scenario.member_by_id:
                out.append(Violation(rule="plan.ids", hard=True, detail=f"unknown member '{member}'"))
    seen: set[tuple[str, str]] = set()
    for pub in plan.publications:
        if (pub.topic, pub.account) in seen:
            out.append(Violation(rule="plan.ids", hard=True, detail=f"{pub.topic} goes out twice on {pub.account}"))
        seen.add((pub.topic, pub.account))
    return out


def localized(plan: Plan, scenario: Scenario) -> Plan:
    """The plan with every time in the horizon's zone: hand-made plans may carry naive times,
    and rules compare publication and task times with each other (naive vs aware would raise)."""
    tz = scenario.horizon.localize
    return plan.model_copy(update={
        "publications": [p.model_copy(update={"at": tz(p.at)}) for p in plan.publications],
        "tasks": [t.model_copy(update={"start": tz(t.start), "end": tz(t.end)}) for t in plan.tasks],
    })


def check_plan(plan: Plan, scenario: Scenario, rules: list[Rule] | None = None) -> list[Violation]:
    """Every violation of every rule in a plan, independently of how the plan was made."""
    rules = resolve_rules(scenario) if rules is None else rules
    plan = localized(plan, scenario)
    out = unknown_ids(plan, scenario)
    if any(v.hard for v in out):
        return out
    for rule in rules:
        out += rule.check(plan, scenario)
    return out


def check_topics(scenario: Scenario, rules: list[Rule] | None = None) -> list[Problem]:
    """Content problems of the scenario's topics on the platforms they target, located."""
    rules = resolve_rules(scenario) if rules is None else rules
    out = []
    for rule in rules:
        if isinstance(rule, ContentRule):
            for index, _platform, reason in rule.check_topics(scenario):
                source = f" [source: {rule.source}]" if rule.source else ""
                severity = "" if rule.hard else "(soft) "
                message = f"{severity}rule {rule.id}: {reason}{source}"
                if scenario._sources is not None:
                    out.append(problem_at(scenario._sources, ("topics", index), message))
                else:
                    out.append(Problem(message, path=f"topics[{index}]"))
    return out
