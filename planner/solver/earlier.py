"""A start for the search: an earlier plan (``--stable``, a rolling replan) or the greedy's, repaired.

Its publications and tasks become candidate indices, with each task's people matched to the
stage's role seats (a plan lists who worked, not in which role: a member who is both shooter and
talent fills one seat unless the stage lets one person fill both). When the earlier plan no
longer holds as a whole (someone is now on leave, a cap was lowered), it is repaired: the plan
closest to it that keeps every hard rule becomes the start, so a small change moves little.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import networkx as nx
from ortools.sat.python import cp_model

from planner.domain.plan import Plan
from planner.domain.scenario import Scenario
from planner.domain.templates import StageSpec, part_name
from planner.rules.base import grouped
from planner.solver.model import ModelBuilder, complete_hint, hint_from

#: (topic, stage part, role, member, date) -> index into builder.work_items
_Items = dict[tuple[str, str, str, str, date], int]


def plan_indices(builder: ModelBuilder, plan: Plan, scenario: Scenario) -> tuple[set[int], set[int], set[str]]:
    """A plan's publications and assignments as candidate indices (those that still exist)."""
    horizon = scenario.horizon
    chosen = {(p.topic, p.account, horizon.localize(p.at)) for p in plan.publications}
    pubs = {i for i, c in enumerate(builder.pubs) if (c.topic.id, c.account.id, c.at) in chosen}
    items: _Items = {}
    for i, w in enumerate(builder.work_items[:len(builder.cands.work)]):
        items[(w.topic.id, w.stage, w.role, w.member.id, w.date)] = i
    specs = {(t, s.name): s for t, stages in builder.cands.stages.items() for s in stages}
    parts = {(t, s.base): s.parts for t, stages in builder.cands.stages.items() for s in stages}
    work: set[int] = set()
    # A stage in day-parts is several tasks of one name: the k-th by date is part k.
    for (topic_id, stem), tasks in grouped(plan.tasks, lambda t: (t.topic, t.stage)).items():
        for k, task in enumerate(sorted(tasks, key=lambda t: t.start), start=1):
            name = part_name(stem, k, parts.get((topic_id, stem), 1))
            spec = specs.get((topic_id, name))
            if spec is not None:
                work |= _seats(spec, topic_id, task.members, horizon.localize(task.start).date(), items)
    made = {builder.pubs[i].topic.id for i in pubs}
    return pubs, work, made


def _seats(spec: StageSpec, topic_id: str, members: list[str], day: date, items: _Items) -> set[int]:
    """The assignments that put a task's people in the stage's role seats, one seat each where
    possible (a maximum matching), several where the stage allows one person in several roles."""
    graph = nx.Graph()
    seats = [(role, k) for role, count in spec.roles.items() for k in range(count)]
    for seat in seats:
        graph.add_node(("seat", seat))
        for person in members:
            if (topic_id, spec.name, seat[0], person, day) in items:
                graph.add_edge(("seat", seat), ("member", person))
    matched: dict[Any, Any] = (nx.bipartite.maximum_matching(graph, top_nodes=[("seat", s) for s in seats])
                               if graph.edges else {})
    out = set()
    for seat in seats:
        node = matched.get(("seat", seat))
        member: str | None = node[1] if node is not None else None
        if member is None and not spec.distinct:  # the one person who fills this role too
            member = next((m for m in members if (topic_id, spec.name, seat[0], m, day) in items), None)
        if member is not None:
            out.add(items[(topic_id, spec.name, seat[0], member, day)])
    return out


#: Deterministic seconds the repair of a start may take at most, and per second of the run's limit
#: (a start that takes longer than the search it feeds is not worth it).
START_SECONDS, START_SHARE = 5.0, 0.15


def start_seconds(time_limit: float) -> float:
    return min(START_SECONDS, START_SHARE * time_limit)


def start_from(builder: ModelBuilder, plan: Plan, scenario: Scenario, seconds: float = START_SECONDS
               ) -> cp_model.CpSolver | None:
    """Hint the model with an earlier plan, repaired to the closest plan that holds when it does not
    hold as it is; returns the solver holding that start, or None when none is found in time."""
    return repaired_start(builder, *plan_indices(builder, plan, scenario), seconds=seconds)


def repaired_start(builder: ModelBuilder, pubs: set[int], work: set[int], made: set[str],
                   seconds: float = START_SECONDS) -> cp_model.CpSolver | None:
    """The plan given as candidate indices (an earlier plan, the greedy's) as the search's start; when
    it breaks a hard rule or a pin, the plan closest to it that keeps them all; None when none is
    found in ``seconds`` (deterministic). What it took is added to ``builder.start_dtime``."""
    hint_from(builder, pubs, work, made)
    held = _charged(builder, complete_hint(builder, seconds))
    if held is not None:
        return held
    hint_from(builder, pubs, work, made)  # complete_hint cleared the hint it could not complete
    values = _closest(builder, seconds)
    if values is None:
        builder.model.clear_hints()
        return None
    _hint_decisions(builder, values)
    return _charged(builder, complete_hint(builder, seconds))


def _charged(builder: ModelBuilder, solver: cp_model.CpSolver | None) -> cp_model.CpSolver | None:
    if solver is not None:
        builder.start_dtime += solver.deterministic_time
    return solver


def _decisions(builder: ModelBuilder) -> list[Any]:
    return ([c.lit for c in builder.pubs] + [w.lit for w in builder.work_items[:len(builder.cands.work)]]
            + list(builder.made.values()))


def _closest(builder: ModelBuilder, seconds: float) -> list[int] | None:
    """Decision values of a plan that keeps every hard rule and agrees with the hint on as many
    decisions as it can (on a copy of the model: the real objective stays as it is)."""
    hinted = dict(zip(builder.model.proto.solution_hint.vars, builder.model.proto.solution_hint.values, strict=True))
    copy = builder.model.clone()
    copy.clear_objective()
    terms = []
    for lit in _decisions(builder):
        mine = copy.get_bool_var_from_proto_index(lit.index)
        terms.append(mine if hinted.get(lit.index, 0) else -mine)
    copy.maximize(sum(terms))
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = 1
    solver.parameters.max_deterministic_time = seconds
    solver.parameters.max_time_in_seconds = 4 * seconds
    status = solver.solve(copy)
    builder.start_dtime += solver.deterministic_time
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return None
    return [int(solver.value(copy.get_bool_var_from_proto_index(lit.index))) for lit in _decisions(builder)]


def _hint_decisions(builder: ModelBuilder, values: list[int]) -> None:
    builder.model.clear_hints()
    for lit, value in zip(_decisions(builder), values, strict=True):
        builder.model.add_hint(lit, value)
    stage_on = {(w.topic.id, w.stage, w.day) for w, v in
                zip(builder.work_items[:len(builder.cands.work)], values[len(builder.pubs):], strict=False) if v}
    for (topic_id, stage), days in builder.stage_day.items():
        for day, z in days.items():
            builder.model.add_hint(z, (topic_id, stage, day) in stage_on)
