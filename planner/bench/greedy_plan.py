"""The greedy baseline as a Plan, and the objective of any plan computed the solver's way.

``greedy_plan`` runs the same pipeline as ``planner.solver.solve`` up to the model (candidates,
values, shortlist), then the solver's own greedy (``planner.solver.greedy.greedy``) instead of
CP-SAT, lays out task times and checks the plan independently.

``plan_objective`` is the solver's objective recomputed from a finished plan: the publications'
values, minus ``objective.unscheduled_penalty`` x priority per topic left out, minus the penalties
of the soft-rule violations the independent check finds.
"""

from __future__ import annotations

import time as clock
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from planner.domain.plan import Plan, Publication, SolverInfo, Unscheduled
from planner.domain.scenario import Scenario
from planner.domain.templates import final_stages
from planner.pricing import candidate_values
from planner.rules import check_plan, resolve_rules
from planner.rules.base import Rule
from planner.rules.kinds.team import LeadTime
from planner.solver.candidates import Candidates, generate, shortlist
from planner.solver.greedy import GreedyResult, greedy
from planner.solver.layout import DayTask, layout
from planner.workflow import dependency_graph

#: The same shortlist as ``SolveOptions.slots_per_day``, so both plan over the same candidates.
SLOTS_PER_DAY = 6


@dataclass
class Objective:
    total: float
    values: float
    unscheduled: float
    soft: float


@dataclass
class GreedyOutcome:
    plan: Plan
    objective: Objective
    hard_violations: int
    seconds: float


def plan_objective(plan: Plan, scenario: Scenario) -> Objective:
    """The solver's objective, recomputed from a checked plan (``expected['value']`` per publication)."""
    values = sum(p.expected.get("value", 0.0) for p in plan.publications)
    published = {p.topic for p in plan.publications}
    per_point = scenario.objective.unscheduled_penalty
    unscheduled = sum(per_point * t.priority for t in scenario.topics if t.id not in published)
    soft = sum(v.penalty for v in plan.violations if not v.hard)
    return Objective(round(values - unscheduled - soft, 3), round(values, 3), round(unscheduled, 3), round(soft, 3))


def greedy_plan(scenario: Scenario, slots_per_day: int = SLOTS_PER_DAY) -> GreedyOutcome:
    started = clock.perf_counter()
    dependency_graph(scenario)
    rules = resolve_rules(scenario)
    cands = generate(scenario, rules)
    values = candidate_values(scenario, cands.pubs)
    pins = {(p.topic, p.account, scenario.horizon.localize(p.at)) for p in scenario.pins.publications}
    cands, chosen = shortlist(cands, values.points, rules, scenario, slots_per_day, pins)
    points = [values.points[i] for i in chosen]
    result = greedy(scenario, rules, cands, points)
    plan = _as_plan(scenario, rules, cands, points, result)
    seconds = clock.perf_counter() - started
    violations = check_plan(plan, scenario, rules)
    plan = plan.model_copy(update={"violations": violations,
                                   "solver": SolverInfo(status="FEASIBLE", seconds=round(seconds, 3), workers=1)})
    objective = plan_objective(plan, scenario)
    plan = plan.model_copy(update={"solver": plan.solver.model_copy(update={"objective": objective.total})})
    return GreedyOutcome(plan, objective, sum(1 for v in violations if v.hard), seconds)


def _as_plan(scenario: Scenario, rules: list[Rule], cands: Candidates, points: list[float],
             result: GreedyResult) -> Plan:
    """Publications with their values, tasks laid out in time as the solver lays out its own."""
    publications = sorted(
        (Publication(topic=c.topic.id, account=c.account.id, platform=c.account.platform, at=c.at,
                     expected={"value": round(points[i], 2)})
         for i in result.pubs for c in [cands.pubs[i]]),
        key=lambda p: (p.at, p.account, p.topic))
    ranks = {t: {s.name: i for i, s in enumerate(stages)} for t, stages in cands.stages.items()}
    day_tasks: dict[tuple[str, str, int], DayTask] = {}
    for j in result.work:
        w = cands.work[j]
        key = (w.topic.id, w.stage, w.day)
        if key not in day_tasks:
            fixed = scenario.horizon.localize(w.topic.live_at) if (w.stage == "live" and w.topic.live_at) else None
            day_tasks[key] = DayTask(w.topic.id, w.stage, [], w.date, w.hours, ranks[w.topic.id][w.stage], fixed)
        day_tasks[key].members.append(w.member.id)
    # A task must end before every publication that waits for it (and its lead time).
    lead = timedelta(hours=max((r.params.hours for r in rules if isinstance(r, LeadTime) and r.hard), default=0.0))
    by_topic: dict[str, list[DayTask]] = {}
    for task in day_tasks.values():
        by_topic.setdefault(task.topic, []).append(task)
    for pub in publications:
        needed = final_stages(scenario.topic_by_id[pub.topic], pub.platform)
        for task in by_topic.get(pub.topic, []):
            if task.stage in needed:
                due = pub.at - lead
                task.deadline = due if task.deadline is None else min(task.deadline, due)
    tasks, _notes = layout(scenario, list(day_tasks.values()))
    unscheduled = [Unscheduled(topic=t.id, reasons=["left out by the greedy baseline"])
                   for t in scenario.topics if t.id not in result.made]
    return Plan(scenario=scenario.name, generated_at=datetime.now(UTC), publications=publications, tasks=tasks,
                unscheduled=unscheduled)
