"""Solve a scenario: candidates, model, CP-SAT, extraction, layout, independent check."""

from __future__ import annotations

import math
import sys
import threading
import time as clock
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from ortools.sat.python import cp_model

from planner.domain.plan import Plan, Publication, SolverInfo, SolveStatus, Unscheduled
from planner.domain.scenario import Scenario
from planner.domain.templates import final_stages, stage_stem
from planner.errors import SolverBug
from planner.pricing import candidate_values
from planner.rules import check_plan, resolve_rules
from planner.rules.base import Rule, lead_hours
from planner.solver.candidates import Candidates, generate, shortlist
from planner.solver.earlier import repaired_start, start_from, start_seconds
from planner.solver.greedy import greedy
from planner.solver.layout import DayTask, layout
from planner.solver.model import SCALE, ModelBuilder, complete_hint
from planner.solver.neighbourhoods import STEPS_DTIME_PER_SECOND, TopicNeighbourhoods
from planner.solver.notes import note
from planner.solver.parts import Selection, assemble, improve, plain_bound, should_split
from planner.solver.prepared import Prepared
from planner.solver.reasons import reasons_for
from planner.solver.relaxation import LpBound, lp_bound, lp_time_limit
from planner.solver.search import (
    STATUS,
    Progress,
    ProgressCallback,
    SolveOptions,
    configure,
    extraction_reserve,
    interruptible,
    search_in_thread,
    wall_guard,
)
from planner.workflow import dependency_graph

__all__ = ["Progress", "SolveOptions", "SolveResult", "echo_progress", "solve"]


@dataclass
class SolveResult:
    plan: Plan
    stats: dict[str, int] = field(default_factory=dict)
    penalties: dict[str, float] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    build_seconds: float = 0.0


def solve(scenario: Scenario, options: SolveOptions | None = None) -> SolveResult:
    """Plan a scenario. Every returned plan has passed every rule's independent check."""
    options = options or SolveOptions()
    started = clock.perf_counter()
    dependency_graph(scenario)  # a cycle is an input error, raised before any work
    rules = resolve_rules(scenario)
    cands = generate(scenario, rules)
    values = candidate_values(scenario, cands.pubs)
    keep = {(p.topic, p.account, scenario.horizon.localize(p.at)) for p in scenario.pins.publications}
    for earlier in (options.stable, options.hint):
        if earlier is not None:
            keep |= {(p.topic, p.account, scenario.horizon.localize(p.at)) for p in earlier.publications}
    cands, chosen = shortlist(cands, values.points, rules, scenario, options.slots_per_day, keep)
    points = [values.points[i] for i in chosen]
    expected = values.expected.iloc[chosen].reset_index(drop=True) if len(values.expected) else values.expected
    prep = Prepared(scenario, rules, cands, points, expected, options, started)
    if should_split(cands, options):
        return _solve_by_parts(prep)
    builder = ModelBuilder(scenario, rules, cands, points, stable=options.stable).build()
    fallback: cp_model.CpSolver | None = None
    earlier = options.hint or options.stable
    forced: int | None = None  # the earlier plan's posts that its closest plan that holds could not keep
    if earlier is not None:  # start from the earlier plan, repaired where it no longer holds
        fallback = start_from(builder, earlier, scenario, start_seconds(options.time_limit))
        if fallback is not None and options.stable is not None:
            forced = len(_post_keys(options.stable, scenario) - {
                (c.topic.id, c.account.id, c.at) for c in builder.pubs if fallback.boolean_value(c.lit)})
    if fallback is None and options.greedy_hint:
        seed = greedy(scenario, rules, cands, points)
        fallback = repaired_start(builder, set(seed.pubs), set(seed.work), seed.made,
                                  start_seconds(options.time_limit))
    build_seconds = clock.perf_counter() - started
    variables = builder.stats()["variables"]
    lp_seconds = lp_time_limit(options.time_limit, variables)
    if fallback is not None and variables >= options.neighbourhoods_above:
        return _churn(_solve_by_neighbourhoods(prep, builder, lp_seconds, build_seconds), scenario, options.stable,
                      forced, options.lang)
    relaxed = _lp(builder.model, options, lp_seconds, lp_seconds)
    solver = cp_model.CpSolver()
    configure(solver, options, clock.perf_counter() - started, variables, start_dtime=builder.start_dtime)
    callback = ProgressCallback(options.progress, started, relaxed.bound)
    with interruptible(solver) as state:
        status = search_in_thread(solver, builder.model, callback)
    seconds = clock.perf_counter() - started
    name = STATUS.get(status, SolveStatus.UNKNOWN)
    if name == SolveStatus.UNKNOWN and fallback is not None:
        # No solution in time (or Ctrl-C first): the greedy plan is still a plan that keeps every rule.
        bound = solver.best_objective_bound
        if bound <= fallback.objective_value:  # the search proved nothing: fall back on a plain upper bound
            bound = SCALE * plain_bound(cands, points)
        solver, name = fallback, SolveStatus.FEASIBLE
        info = _info(solver, name, seconds, options, bool(state["interrupted"]), _tighter(bound, relaxed.bound))
    else:
        if name == SolveStatus.FEASIBLE and relaxed.bound is not None and relaxed.bound <= round(solver.objective_value):
            name = SolveStatus.OPTIMAL  # the LP relaxation proves that no plan does better
        info = _info(solver, name, seconds, options, bool(state["interrupted"]),
                     _tighter(solver.best_objective_bound, relaxed.bound) if name.solved else None)
    if not name.solved:
        plan = Plan(scenario=scenario.name, generated_at=datetime.now(UTC), solver=info,
                    unscheduled=[Unscheduled(topic=t.id, reasons=["no feasible plan: run planner explain"])
                                 for t in scenario.topics])
        return SolveResult(plan, builder.stats(), build_seconds=build_seconds)
    notes = []
    if fallback is None and options.greedy_hint:
        notes.append(note("no_start", options.lang))
    if relaxed.bound is not None and info.status == SolveStatus.FEASIBLE and relaxed.bound < solver.best_objective_bound:
        notes.append(note("lp_tighter", options.lang, seconds=relaxed.seconds, own=solver.best_objective_bound / SCALE))
    if options.deterministic and solver.wall_time >= wall_guard(options.time_limit) - 0.5:
        notes.append(note("guard", options.lang, guard=wall_guard(options.time_limit)))
    return _churn(_finish(prep, builder, solver, expected, info, notes, builder.stats(), build_seconds),
                  scenario, options.stable, forced, options.lang)


def _lp(model: cp_model.CpModel, options: SolveOptions, share: float, wall: float) -> LpBound:
    """The LP bound: a deterministic run gives GLOP ``share`` of deterministic time (whether the bound
    arrives must not depend on the load), a wall-clock run ``wall`` seconds."""
    if options.deterministic:
        return lp_bound(model, wall_guard(options.time_limit), share)
    return lp_bound(model, wall)


def _post_keys(plan: Plan, scenario: Scenario) -> set[tuple[str, str, datetime]]:
    return {(p.topic, p.account, scenario.horizon.localize(p.at)) for p in plan.publications}


def _churn(result: SolveResult, scenario: Scenario, earlier: Plan | None, forced: int | None,
           lang: str) -> SolveResult:
    """With --stable, say how many of the earlier plan's posts moved or went, and how many of those
    the change forced (the closest plan that keeps every rule could not keep them)."""
    if earlier is None or forced is None:
        return result
    kept = _post_keys(result.plan, scenario)
    gone = len(_post_keys(earlier, scenario) - kept)
    result.notes.append(note("churn", lang, gone=gone, total=len(earlier.publications), forced=min(forced, gone),
                             pays=max(0, gone - forced)))
    return result


def _finish(prep: Prepared, builder: ModelBuilder, solver: cp_model.CpSolver, expected: Any, info: SolverInfo,
            notes: list[str], stats: dict[str, int], build_seconds: float) -> SolveResult:
    """Extract the plan, check it independently (a hard violation is a bug) and sum the penalties."""
    plan, layout_notes = extract(prep.scenario, prep.rules, prep.cands, builder, solver, expected, info,
                                 prep.options.seed, prep.options.lang)
    notes = notes + layout_notes
    hard = [v for v in plan.violations if v.hard]
    if hard:
        raise SolverBug("the solver's plan breaks hard rules (a bug): " + "; ".join(
            f"{v.rule}: {v.detail}" for v in hard[:5]))
    penalties: dict[str, float] = {}
    for p in builder.penalties:
        cost = solver.value(p.var) * p.weight / SCALE
        if cost:
            penalties[p.rule] = penalties.get(p.rule, 0.0) + cost
    return SolveResult(plan, stats, penalties, notes, build_seconds)


def _solve_by_neighbourhoods(prep: Prepared, builder: ModelBuilder, lp_seconds: float,
                             build_seconds: float) -> SolveResult:
    """A model of SMALL_MODEL variables or more: the complete hint improved topic by topic (see
    neighbourhoods), while the LP relaxation is solved for the bound beside the steps (GLOP lets go of
    the GIL)."""
    cands, points, options, started = prep.cands, prep.points, prep.options, prep.started
    plain = round(SCALE * plain_bound(cands, points))
    relaxed: list[LpBound] = []
    searched: list[float] = []  # CP-SAT's proven bound, for a model too large for the LP in time
    prover = _bound_prover(wall_guard(options.time_limit))

    # The LP runs beside the search, so on the wall clock it may take the search's whole time (on a
    # loaded machine its quarter of the limit ran out and the run reported the plain sum of best
    # values instead); a deterministic run gives it GLOP's deterministic time, so that whether the
    # bound arrives does not depend on the load either.
    lp_limit = max(lp_seconds, options.time_limit - (clock.perf_counter() - started)
                   - extraction_reserve(options.time_limit))

    def side(model: cp_model.CpModel) -> None:
        if lp_seconds > 0:
            # Beside the steps a deterministic LP may take half the run in GLOP's deterministic time
            # (twice its share before a search): the largest corpus models need that much.
            relaxed.append(_lp(model, options, 2 * lp_seconds, lp_limit))
        else:
            prover.solve(model)
            searched.append(prover.best_objective_bound)

    bounding = threading.Thread(target=side, args=(builder.model.clone(),), name="bound", daemon=True)
    bounding.start()
    steps = TopicNeighbourhoods(builder, options.seed)

    def bound() -> int:
        if relaxed and relaxed[0].bound is not None:
            return relaxed[0].bound
        return min(plain, math.floor(searched[0])) if searched else plain

    def report(objective: int) -> None:
        if options.progress is not None:
            options.progress(clock.perf_counter() - started, objective / SCALE, bound() / SCALE)

    spent = clock.perf_counter() - started
    streams = options.workers
    if options.deterministic:
        # The start's repair came out of the same limit (a what-if variant's took longer than its search).
        budget = max(0.1 * options.time_limit * STEPS_DTIME_PER_SECOND,
                     options.time_limit * STEPS_DTIME_PER_SECOND - builder.start_dtime)
        wall_limit = wall_guard(options.time_limit) - spent
        if lp_seconds <= 0:
            # CP-SAT's prover holds a core to the end: a second stream in rounds would only wait for it
            # (M, seeds 1-3: 2-7% lower on two of three and 2 s longer).
            streams = max(1, streams - 1)
    else:
        budget = max(0.5, options.time_limit - spent - extraction_reserve(options.time_limit))
        wall_limit = None
    with interruptible() as state:
        run = steps.run(budget, options.deterministic, state, report, wall_limit, streams=streams)
        # On the wall clock the bound waits only until the extraction reserve: an LP still running
        # then is left to finish on its own, and the bound is the plain one.
        deadline = math.inf if options.deterministic else \
            started + options.time_limit - extraction_reserve(options.time_limit)
        while bounding.is_alive() and clock.perf_counter() < deadline:
            prover.stop_search()  # again until it takes: a stop before its solve began is lost
            bounding.join(0.1)
        prover.stop_search()
    final = bound()  # from what arrived in time; a late LP result is not used
    got_lp = relaxed[0] if relaxed else None
    solver = complete_hint(builder)  # the last plan as a solver's solution, for extraction
    if solver is None or round(solver.objective_value) != run.incumbent.objective:
        raise SolverBug("the plan improved by topic neighbourhoods does not hold as a whole (a bug)")
    name = SolveStatus.OPTIMAL if run.incumbent.objective >= final else SolveStatus.FEASIBLE
    info = _info(solver, name, clock.perf_counter() - started, options, bool(state["interrupted"]), final)
    notes = [note("neighbourhoods", options.lang, steps=run.steps, improved=run.improved)]
    if got_lp is not None and got_lp.bound == final:
        notes.append(note("lp", options.lang, seconds=got_lp.seconds))
    elif final < plain:
        notes.append(note("cp_bound", options.lang))
    else:
        notes.append(note("plain_bound", options.lang))
    if run.guarded:
        notes.append(note("guard", options.lang, guard=wall_guard(options.time_limit)))
    return _finish(prep, builder, solver, prep.expected, info, notes, builder.stats(), build_seconds)


def _bound_prover(seconds: float) -> cp_model.CpSolver:
    """CP-SAT on one core, for its bound only: stopped when the neighbourhood steps end."""
    prover = cp_model.CpSolver()
    p = prover.parameters
    p.max_time_in_seconds = seconds
    p.num_workers = 1
    p.catch_sigint_signal = False
    p.cp_model_probing_level = 0  # light presolve, as for any model this size (see search.configure)
    p.max_presolve_iterations = 1
    return prover


def _solve_by_parts(prep: Prepared) -> SolveResult:
    """A scenario too large for one model: the greedy plan, improved part by part (see parts)."""
    cands, points, options, started = prep.cands, prep.points, prep.options, prep.started
    seed = greedy(prep.scenario, prep.rules, cands, points)
    build_seconds = clock.perf_counter() - started
    run = improve(prep, Selection(set(seed.pubs), set(seed.work), seed.made))
    builder, solver = assemble(prep, run.selection)
    pubs = sorted(run.selection.pubs)
    info = _info(solver, SolveStatus.FEASIBLE, clock.perf_counter() - started, options, run.interrupted,
                 SCALE * plain_bound(cands, points))
    notes = [note("parts", options.lang, parts=run.parts, items=options.part_items, improved=run.improved), *run.notes]
    mine = prep.expected.iloc[pubs].reset_index(drop=True) if len(prep.expected) else prep.expected
    stats = {"variables": run.variables, "constraints": run.constraints, "parts": run.parts}
    return _finish(prep, builder, solver, mine, info, notes, stats, build_seconds)


def _tighter(bound: float, relaxed: int | None) -> float:
    """The better of two proven upper bounds (model units)."""
    return bound if relaxed is None else min(bound, relaxed)


def _info(solver: cp_model.CpSolver, status: SolveStatus, seconds: float, options: SolveOptions,
          interrupted: bool, bound: float | None = None) -> SolverInfo:
    if not status.solved:
        return SolverInfo(status=status, seconds=round(seconds, 3), seed=options.seed, workers=options.workers,
                          interrupted=interrupted)
    objective = solver.objective_value / SCALE
    bound = (solver.best_objective_bound if bound is None else max(bound, solver.objective_value)) / SCALE
    gap = abs(bound - objective) / max(abs(objective), 1e-9) if status == SolveStatus.FEASIBLE else 0.0
    return SolverInfo(status=status, objective=round(objective, 3), bound=round(bound, 3),
                      gap=round(gap, 5), seconds=round(seconds, 3), seed=options.seed,
                      workers=options.workers, interrupted=interrupted)


def extract(scenario: Scenario, rules: list[Rule], cands: Candidates, builder: ModelBuilder,
            solver: cp_model.CpSolver, expected: Any, info: SolverInfo, seed: int,
            lang: str = "zh") -> tuple[Plan, list[str]]:
    """Read the solution into a Plan, lay out task times and check it independently."""
    publications = []
    for i, c in enumerate(builder.pubs):
        if solver.boolean_value(c.lit):
            row = expected.iloc[i] if len(expected) else {}
            metrics = {k: round(float(row[k]), 1) for k in ("views", "likes", "comments", "shares", "saves",
                                                             "follower_gain", "conversions") if k in row}
            metrics["value"] = round(builder.values[i], 2)
            publications.append(Publication(topic=c.topic.id, account=c.account.id, platform=c.account.platform,
                                            at=c.at, expected=metrics))
    publications.sort(key=lambda p: (p.at, p.account, p.topic))
    day_tasks: dict[tuple[str, str, int], DayTask] = {}
    ranks = {t: {s.name: i for i, s in enumerate(stages)} for t, stages in cands.stages.items()}
    for w in builder.work_items:
        if solver.boolean_value(w.lit):
            key = (w.topic.id, w.stage, w.day)
            if key not in day_tasks:
                fixed = scenario.horizon.localize(w.topic.live_at) if (w.stage == "live" and w.topic.live_at) else None
                rank = ranks[w.topic.id].get(w.stage, len(ranks[w.topic.id]))  # a duty comes after the stages
                day_tasks[key] = DayTask(w.topic.id, stage_stem(w.stage), [], w.date, w.hours, rank, fixed)
                if w.window is not None:  # a duty after a post: inside its window, whatever the working hours
                    day_tasks[key].release, day_tasks[key].deadline = w.window
            if w.member.id not in day_tasks[key].members:  # one person may fill several roles
                day_tasks[key].members.append(w.member.id)
    lead = lead_hours(rules)
    for pub in publications:
        topic = scenario.topic_by_id[pub.topic]
        for stage in final_stages(topic, pub.platform):
            for task in (t for (tid, st, _), t in day_tasks.items() if tid == pub.topic and st == stage):
                due = pub.at - timedelta(hours=lead)
                task.deadline = due if task.deadline is None else min(task.deadline, due)
    tasks, notes = layout(scenario, list(day_tasks.values()), seed, lang)
    made = {t.id for t in scenario.topics if solver.boolean_value(builder.made[t.id])}
    plan = Plan(scenario=scenario.name, generated_at=datetime.now(UTC), solver=info,
                publications=publications, tasks=tasks)
    reasons = reasons_for(scenario, rules, cands, plan, [t for t in scenario.topics if t.id not in made], lang)
    unscheduled = [Unscheduled(topic=topic_id, reasons=why) for topic_id, why in reasons.items()]
    plan = plan.model_copy(update={"unscheduled": unscheduled})
    violations = check_plan(plan, scenario, rules)
    return plan.model_copy(update={"violations": violations}), notes


def echo_progress(seconds: float, objective: float, bound: float) -> None:
    gap = abs(bound - objective) / max(abs(objective), 1e-9)
    print(f"  {seconds:7.1f}s  objective {objective:12.1f}  bound {bound:12.1f}  gap {gap:7.2%}", file=sys.stderr)
