"""Large scenarios, solved part by part (fix and optimise).

One model of an agency's month (XL: 3,000 topics, millions of candidates) does not fit in memory:
CP-SAT died at 14.8 GiB. Where one model fits (L: 700k variables), CP-SAT spends its minutes in
presolve and leaves the greedy plan nearly as it was. Here the topics are split into parts of about
an M benchmark's size; each part is solved with every other topic fixed as the current plan has it.
The other topics' chosen publications and assignments stay in the part's model, forced on, so
caps, capacities and orders across parts hold as in the whole model, and the part's objective is
the whole plan's objective. The current plan is a complete hint, so a part can only improve it.
"""

from __future__ import annotations

import dataclasses
import time as clock
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import networkx as nx
from ortools.sat.python import cp_model

from planner.domain.scenario import Scenario
from planner.errors import SolverBug
from planner.solver.candidates import Candidates
from planner.solver.model import SCALE, ModelBuilder, complete_hint, hint_from
from planner.solver.notes import note
from planner.solver.prepared import Prepared
from planner.solver.search import (
    DTIME_PER_SECOND,
    SolveOptions,
    configure,
    extraction_reserve,
    interruptible,
    search_in_thread,
)
from planner.workflow import dependency_graph

#: Wall seconds below which a part is not worth starting: an XL part takes 6-8 s to build and hint.
MIN_PART_SECONDS = 12.0


@dataclass
class Selection:
    """A plan as candidate indices: what is published, who works when, which topics are made."""

    pubs: set[int]
    work: set[int]
    made: set[str]


@dataclass
class PartsRun:
    selection: Selection
    objective: float  # in objective units (SCALE per value point)
    parts: int = 0
    improved: int = 0
    variables: int = 0  # of the largest part's model
    constraints: int = 0
    interrupted: bool = False
    notes: list[str] = field(default_factory=list)


def should_split(cands: Candidates, options: SolveOptions) -> bool:
    return 0 < options.split_above < len(cands.pubs) + len(cands.work)


def partition(scenario: Scenario, cands: Candidates, items: int) -> list[list[str]]:
    """Topics grouped so that parts share as little as possible, each of about ``items`` candidates.

    Accounts are joined when one topic may go out on both or one member is scoped to both (a
    client's team); members scoped to no account are the shared part, coordinated through the
    fixed plan. Inside a group, topics are cut in runs of similar publishing days, so those that
    compete for the same days and hours are decided together.
    """
    parent = {a.id: a.id for a in scenario.accounts}

    def root(a: str) -> str:
        while parent[a] != a:
            parent[a] = parent[parent[a]]
            a = parent[a]
        return a

    def join(accounts: Sequence[str]) -> None:
        for other in accounts[1:]:
            parent[root(other)] = root(accounts[0])

    size: dict[str, int] = {}
    days: dict[str, list[int]] = {}
    accounts: dict[str, set[str]] = {}
    for c in cands.pubs:
        size[c.topic.id] = size.get(c.topic.id, 0) + 1
        days.setdefault(c.topic.id, []).append(c.day)
        accounts.setdefault(c.topic.id, set()).add(c.account.id)
    for w in cands.work:
        size[w.topic.id] = size.get(w.topic.id, 0) + 1
    for mine in accounts.values():
        join(sorted(mine))
    for member in scenario.team:
        if member.accounts:
            join(sorted(a for a in member.accounts if a in parent))
    groups: dict[str, list[str]] = {}
    for topic in scenario.topics:
        if topic.id in accounts:  # a topic with no candidate is never made: no part needs it
            groups.setdefault(root(min(accounts[topic.id])), []).append(topic.id)
    parts: list[list[str]] = []
    for key in sorted(groups):
        topics = sorted(groups[key], key=lambda t: (sum(days[t]) / len(days[t]), t))
        total = sum(size[t] for t in topics)
        count = max(1, round(total / items))
        target = total / count
        part: list[str] = []
        filled, cuts = 0, 0
        for t in topics:
            part.append(t)
            filled += size[t]
            if cuts < count - 1 and filled >= target * (cuts + 1):
                parts.append(part)
                part, cuts = [], cuts + 1
        if part:
            parts.append(part)
    return parts


def plain_bound(cands: Candidates, points: list[float]) -> float:
    """An upper bound on any plan's objective, in value points: each topic's best value on each
    account it may go out on (no penalty counted)."""
    best: dict[tuple[str, str], float] = {}
    for c, value in zip(cands.pubs, points, strict=True):
        key = (c.topic.id, c.account.id)
        best[key] = max(best.get(key, 0.0), value)
    return sum(best.values())


def improve(prep: Prepared, start: Selection) -> PartsRun:
    """Solve each part in turn with the rest fixed; the plan only gets better."""
    scenario, cands, points, options, started = prep.scenario, prep.cands, prep.points, prep.options, prep.started
    parts = partition(scenario, cands, options.part_items)
    pubs_of: dict[str, list[int]] = {}
    work_of: dict[str, list[int]] = {}
    for i, c in enumerate(cands.pubs):
        pubs_of.setdefault(c.topic.id, []).append(i)
    for i, w in enumerate(cands.work):
        work_of.setdefault(w.topic.id, []).append(i)
    items = {t: len(pubs_of.get(t, ())) + len(work_of.get(t, ())) for t in pubs_of}
    total = left = sum(items.values()) or 1
    bound = plain_bound(cands, points)
    _, held = assemble(prep, start)
    run = PartsRun(selection=start, objective=held.objective_value, parts=len(parts))
    # Topics linked by series or prerequisites, however far: a model holds such a chain whole, or a
    # fixed episode would find its earlier one missing (and the model infeasible).
    chains: dict[str, set[str]] = {}
    for chain in nx.connected_components(dependency_graph(scenario).to_undirected(as_view=True)):
        if len(chain) > 1:
            for t in chain:
                chains[t] = chain
    # A model's pins must find their items: pinned topics stay in every part's model (held fixed).
    pinned = {p.topic for p in scenario.pins.publications} | {t.topic for t in scenario.pins.tasks}
    reserve = extraction_reserve(options.time_limit)
    # Parts with the most value left out of the start plan go first: if the wall clock runs out,
    # the parts left keep the greedy plan where it had least to gain.
    best: dict[str, float] = {}
    for c, value in zip(cands.pubs, points, strict=True):
        best[c.topic.id] = max(best.get(c.topic.id, 0.0), value)
    missed = {t: 0.0 if t in start.made else value for t, value in best.items()}
    parts.sort(key=lambda part: -sum(missed.get(t, 0.0) for t in part))
    with interruptible() as state:
        for number, part in enumerate(parts, 1):
            size = sum(items[t] for t in part)
            if options.deterministic:
                share = options.time_limit * size / total
            else:  # what is left of the limit, shared by the parts to come (building counts), but
                # never less than a part needs to build and search (XL: 8 s a part)
                remaining = options.time_limit - reserve - (clock.perf_counter() - started)
                share = max(remaining * size / left, MIN_PART_SECONDS)
                if remaining < MIN_PART_SECONDS:
                    run.notes.append(note("parts_time", prep.options.lang, done=number - 1, total=len(parts)))
                    break
            left -= size
            mine = set(part)
            fixed = (_in_reach(cands, run.selection, mine | pinned, pubs_of, work_of, chains) | pinned) - mine
            pub_idx = sorted([i for t in part for i in pubs_of.get(t, ())] +
                             [i for i in run.selection.pubs if cands.pubs[i].topic.id in fixed])
            work_idx = sorted([i for t in part for i in work_of.get(t, ())] +
                              [i for i in run.selection.work if cands.work[i].topic.id in fixed])
            _solve_part(prep, run, mine, fixed, pub_idx, work_idx, share, state)
            if options.progress is not None:
                options.progress(clock.perf_counter() - started, run.objective / SCALE, bound)
            if state["interrupted"]:
                run.interrupted = True
                run.notes.append(note("parts_interrupted", prep.options.lang, done=number, total=len(parts)))
                break
    return run


def _in_reach(cands: Candidates, selection: Selection, mine: set[str], pubs_of: dict[str, list[int]],
              work_of: dict[str, list[int]], chains: dict[str, set[str]]) -> set[str]:
    """The other topics a part's decisions can interact with, to hold fixed in its model.

    Those the plan staffs with a member the part may use; on every account the model touches, all
    the plan publishes there (a share rule such as "at most 30% ads" judged on some of an account's
    posts could fail where the whole holds); and the whole series or prerequisite chain of each.
    Every rule reads one account, member, topic or chain, so what is left out only adds a constant
    to the part's objective."""
    on_account: dict[str, set[str]] = {}
    for i in selection.pubs:
        on_account.setdefault(cands.pubs[i].account.id, set()).add(cands.pubs[i].topic.id)
    members = {cands.work[i].member.id for t in mine for i in work_of.get(t, ())}
    out = set(mine) | {cands.work[i].topic.id for i in selection.work if cands.work[i].member.id in members}
    accounts = {cands.pubs[i].account.id for t in mine for i in pubs_of.get(t, ())}
    seen: set[str] = set()
    while True:
        out |= set().union(*(chains.get(t, ()) for t in out))
        accounts |= {cands.pubs[i].account.id for t in out - seen for i in pubs_of.get(t, ()) if i in selection.pubs}
        seen |= out
        grown = out.union(*(on_account.get(a, ()) for a in accounts))
        if grown == out:
            return out - mine
        out = grown


def assemble(prep: Prepared, selection: Selection) -> tuple[ModelBuilder, cp_model.CpSolver]:
    """A model of the selected items only, all forced on, solved: the plan's objective, and the
    solver to extract the plan from. Fails loudly if the selection breaks a hard rule."""
    cands, points = prep.cands, prep.points
    pubs, work = sorted(selection.pubs), sorted(selection.work)
    chosen = Candidates(cands.slots, [cands.pubs[i] for i in pubs], [cands.work[i] for i in work],
                        cands.stages, cands.pruned, cands.pruned_work)
    builder = ModelBuilder(prep.scenario, prep.rules, chosen, [points[i] for i in pubs],
                           stable=prep.options.stable).build()
    for c in builder.pubs:
        builder.model.add(c.lit == 1)
    for w in builder.work_items[:len(chosen.work)]:  # the duties after them are the model's to choose
        builder.model.add(w.lit == 1)
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = 1
    if solver.solve(builder.model) != cp_model.OPTIMAL:
        raise SolverBug("a plan assembled from its parts does not hold as one model (a bug)")
    return builder, solver


def _solve_part(prep: Prepared, run: PartsRun, mine: set[str], fixed: set[str], pub_idx: list[int],
                work_idx: list[int], share: float, state: dict[str, Any]) -> None:
    """One part: its topics free, every other topic's chosen items forced on; keeps a better plan in ``run``."""
    cands, points, options = prep.cands, prep.points, prep.options
    begun = clock.perf_counter()
    current = run.selection
    sub = Candidates(cands.slots, [cands.pubs[i] for i in pub_idx], [cands.work[i] for i in work_idx],
                     cands.stages, cands.pruned, cands.pruned_work)
    builder = ModelBuilder(prep.scenario, prep.rules, sub, [points[i] for i in pub_idx], stable=options.stable).build()
    for k, i in enumerate(pub_idx):
        if cands.pubs[i].topic.id not in mine:
            builder.model.add(builder.pubs[k].lit == 1)
    for k, i in enumerate(work_idx):
        if cands.work[i].topic.id not in mine:
            builder.model.add(builder.work_items[k].lit == 1)
    hint_from(builder, {k for k, i in enumerate(pub_idx) if i in current.pubs},
              {k for k, i in enumerate(work_idx) if i in current.work},
              {c.topic.id for c in sub.pubs} & current.made)  # a topic left out of the model is not made in it
    stats = builder.stats()
    run.variables = max(run.variables, stats["variables"])
    run.constraints = max(run.constraints, stats["constraints"])
    held = complete_hint(builder)
    if held is None:  # cannot happen while the current plan keeps every rule
        run.notes.append(note("part_skipped", prep.options.lang))
        return
    solver = cp_model.CpSolver()
    # Light presolve whatever the part's size: with full presolve an L part found no solution, not
    # even its hint, in 2 deterministic seconds.
    configure(solver, dataclasses.replace(options, time_limit=share), 0.0, stats["variables"], light_presolve=True)
    if options.deterministic:
        solver.parameters.max_deterministic_time = share * DTIME_PER_SECOND
    else:
        solver.parameters.max_time_in_seconds = max(0.5, share - (clock.perf_counter() - begun))
    state["solver"] = solver
    if state["interrupted"]:
        return
    status = search_in_thread(solver, builder.model, None)
    state["solver"] = None
    # The part's objective is the plan's up to a constant (what lies out of reach): compare with its hint.
    if status in (cp_model.OPTIMAL, cp_model.FEASIBLE) and solver.objective_value > held.objective_value + 0.5:
        # The model's topics take the part's answer; topics out of its reach keep theirs.
        inside = mine | fixed
        run.selection = Selection(
            pubs={i for i in current.pubs if cands.pubs[i].topic.id not in inside}
            | {i for k, i in enumerate(pub_idx) if solver.boolean_value(builder.pubs[k].lit)},
            work={i for i in current.work if cands.work[i].topic.id not in inside}
            | {i for k, i in enumerate(work_idx) if solver.boolean_value(builder.work_items[k].lit)},
            made=(current.made - inside) | {t for t in inside if solver.boolean_value(builder.made[t])})
        run.objective += solver.objective_value - held.objective_value
        run.improved += 1
