"""Topic neighbourhoods: improve a plan a few topics at a time, the rest of the plan fixed.

A topic's plan is whether it is made, the day and people of each of its stages and its posts. It only
moves when all of that is free at once, which CP-SAT's own neighbourhoods (random variables or
constraints of the whole model) rarely free together. Here each step frees the whole plan of a handful
of topics that share people and days with a random one (and two topics left out), fixes every other
topic's decisions, and lets CP-SAT find the best plan for them.

Every POSTS_EVERY steps (on models of up to POSTS_MAX candidate posts), one step instead frees every
post of every topic, production and the choice of topics staying as they are: where and when each
made topic goes out is then placed anew as a whole, because caps, spacing and peak hours couple the
posts of all topics, which a few topics at a time cannot untangle.

There is one stream of steps per worker, each on its own copy of the model, and each step starts from
the best plan found so far. On the wall clock the streams run freely side by side. A deterministic
run takes their steps in rounds, all from the same plan and each stopped by CP-SAT's deterministic
time, and then takes up the best result, so the same seed and workers give the same plan. The LP
relaxation is solved beside the steps (see solve). A stream whose step improved the plan while another
stream's did better frees the same topics again from that better plan: the topics it chose were worth
moving, and the better plan may let them move further. How well each choice does is measured by
``planner bench`` (benchmarks/RESULTS.md); the commit messages record the runs behind the constants.
"""

from __future__ import annotations

import random
import threading
import time as clock
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor, wait
from dataclasses import dataclass
from typing import Any

from ortools.sat.python import cp_model

from planner.solver.model import ModelBuilder, hint_every_variable

#: Topics freed per step at first; the size then follows how easily the steps are solved.
FIRST_SIZE = 6
MIN_SIZE, MAX_SIZE = 3, 30
#: Every this many steps, one step frees every post while production stays as it is: often enough to
#: untangle posts that topic steps cannot move, rarely enough to leave most of the time to topic steps.
POSTS_EVERY = 4
#: Posts steps are taken only by models with at most this many candidate posts: beyond that a step
#: cannot place every post within its time, and the step's time is lost to the topic steps.
POSTS_MAX = 10_000
#: Search per step: a step that is not solved to optimality in this gets smaller neighbourhoods.
STEP_SECONDS = 1.0
#: Deterministic work charged per round for what happens outside CP-SAT (choosing, fixing, hinting),
#: so that a deterministic run's length follows the number of rounds too.
STEP_OVERHEAD = 0.05
#: Deterministic work per wall second of steps, the LP bound being solved beside them: a deterministic
#: run of ``time_limit`` gets this many per second, so that its wall time stays near the limit.
STEPS_DTIME_PER_SECOND = 0.25
#: A round of several streams is charged its longest step times this: it waits for its slowest step,
#: and the steps share the cores with the bound, so a round costs more wall time than its longest step.
ROUND_CHARGE = 1.2
#: Deterministic time for settling the final plan's helper variables, its decisions fixed: ample, since
#: with every decision fixed only the helper variables are left to set.
SETTLE_DTIME = 1.0


@dataclass
class Incumbent:
    values: list[int]  # every variable of the model, in index order
    objective: int  # in model units


@dataclass
class Run:
    incumbent: Incumbent
    steps: int = 0
    improved: int = 0
    guarded: bool = False  # stopped by the wall-clock limit, not the budget


Report = Callable[[int], None]  # called with the new objective (model units) after each improvement


@dataclass
class _Shared:
    """The best plan of all streams."""

    run: Run
    report: Report | None
    lock: threading.Lock

    def offer(self, plan: Incumbent) -> bool:
        """Take up ``plan`` if it is the best so far; False if another stream has done better."""
        with self.lock:
            if plan.objective <= self.run.incumbent.objective:
                return False
            self.run.incumbent = plan
            self.run.improved += 1
            if self.report is not None:
                self.report(plan.objective)
            return True


class _Copy:
    """A copy of the model whose domains fix every topic's decisions to the plan, but those freed."""

    def __init__(self, model: cp_model.CpModel, decisions: list[int], values: list[int]) -> None:
        self.model = model.clone()
        self.bounds = {i: _bounds(self.model, i) for i in decisions}
        self.values = values  # the plan the fixed domains and the hint follow (never changed in place)
        hint_every_variable(self.model, values)
        self.freed: set[int] = set()
        for i in decisions:
            _set(self.model, i, values[i], values[i])

    def follow(self, values: list[int]) -> None:
        """Fix the decisions (and hint every variable) as ``values`` has them."""
        hint = self.model.proto.solution_hint.values  # one entry per variable, in index order
        for i, (old, new) in enumerate(zip(self.values, values, strict=True)):
            if old != new:
                hint[i] = new
                if i in self.bounds and i not in self.freed:
                    _set(self.model, i, new, new)
        for i in self.freed:
            _set(self.model, i, values[i], values[i])
        self.freed = set()
        self.values = values

    def free(self, indices: list[int]) -> None:
        for i in indices:
            _set(self.model, i, *self.bounds[i])
        self.freed = set(indices)

class TopicNeighbourhoods:
    """Steps over one built model whose solution hint is a complete, feasible plan."""

    def __init__(self, builder: ModelBuilder, seed: int) -> None:
        self.model = builder.model
        own: dict[str, list[int]] = {}
        for c in builder.pubs:
            own.setdefault(c.topic.id, []).append(c.lit.index)
        for w in builder.work_items:
            own.setdefault(w.topic.id, []).append(w.lit.index)
        for (topic_id, _), days in builder.stage_day.items():
            own.setdefault(topic_id, []).extend(z.index for z in days.values())
        for topic_id, made in builder.made.items():
            own.setdefault(topic_id, []).append(made.index)
        self.own = own
        self.decisions = sorted({i for indices in own.values() for i in indices})
        self.topics = sorted(own)
        self.made = {t: builder.made[t].index for t in self.topics}
        self.work = [(w.topic.id, w.member.id, w.day, w.lit.index) for w in builder.work_items]
        self.pubs = [(c.topic.id, c.day, c.lit.index) for c in builder.pubs]
        self.posts = [index for _, _, index in self.pubs]
        self.horizon = builder.scenario.horizon.days
        self.seed = seed

    def incumbent(self) -> Incumbent:
        hint = self.model.proto.solution_hint
        values = [0] * len(self.model.proto.variables)
        for var, value in zip(hint.vars, hint.values, strict=True):
            values[var] = value
        return Incumbent(values, self._objective(values))

    def run(self, budget: float, deterministic: bool, state: dict[str, Any], report: Report | None = None,
            wall_limit: float | None = None, streams: int = 1) -> Run:
        """Steps until ``budget`` is spent: wall seconds, or CP-SAT deterministic time (plus a charge
        per round) when ``deterministic``; in any case no step starts after ``wall_limit`` seconds.
        Each of ``streams`` steps on its own copy of the model from the best plan found so far. On the
        wall clock they run freely side by side; a deterministic run takes their steps in rounds, all
        from the same plan, the best result (the first stream's on a tie) taken up after each round, so
        the same seed and streams give the same plan. Ctrl-C (``state["interrupted"]``) ends the run
        after the steps under way. The model's hint ends as the best plan."""
        shared = _Shared(Run(self.incumbent()), report, threading.Lock())
        started = clock.perf_counter()
        lanes = [_Stream(self, k, shared.run.incumbent) for k in range(max(1, streams))]
        state["solver"] = _Streams(lanes)
        if deterministic:
            self._rounds(lanes, shared, budget, state, started, wall_limit)
        else:
            self._side_by_side(lanes, shared, budget, state, started)
        state["solver"] = None
        settled = self._settled(shared.run.incumbent, lanes[0].work)
        if settled.objective > shared.run.incumbent.objective:
            shared.run.incumbent = settled
            if report is not None:
                report(settled.objective)
        hint_every_variable(self.model, shared.run.incumbent.values)
        return shared.run

    def _rounds(self, streams: list[_Stream], shared: _Shared, budget: float, state: dict[str, Any],
                started: float, wall_limit: float | None) -> None:
        """Deterministic: each round every stream takes one step from the best plan, the steps running at
        once (CP-SAT lets go of the GIL); a round is charged its longest step (see ROUND_CHARGE)."""
        spent = 0.0
        with ThreadPoolExecutor(max_workers=len(streams), thread_name_prefix="topics") as pool:
            while spent < budget and not state["interrupted"]:
                if wall_limit is not None and clock.perf_counter() - started >= wall_limit:
                    shared.run.guarded = True
                    break
                best = shared.run.incumbent
                futures = [pool.submit(s.step, best, True, STEP_SECONDS) for s in streams]
                while not all(f.done() for f in futures):
                    wait(futures, timeout=0.1)  # the main thread stays free to take Ctrl-C
                results = [f.result() for f in futures]
                longest = max(r.solver.deterministic_time for r in results)
                spent += longest * (ROUND_CHARGE if len(results) > 1 else 1.0) + STEP_OVERHEAD
                shared.run.steps += len(results)
                found = [(k, r.found) for k, r in enumerate(results) if r.found is not None]
                if found:
                    winner, plan = max(found, key=lambda kf: (kf[1].objective, -kf[0]))
                    shared.offer(plan)
                    for k, _ in found:
                        if k != winner:
                            streams[k].overtaken()

    def _side_by_side(self, streams: list[_Stream], shared: _Shared, budget: float, state: dict[str, Any],
                      started: float) -> None:
        """On the wall clock: each stream steps on its own thread, taking up the best plan before each step."""

        def loop(stream: _Stream) -> None:
            while clock.perf_counter() - started < budget and not state["interrupted"]:
                with shared.lock:
                    best = shared.run.incumbent
                result = stream.step(best, False, budget - (clock.perf_counter() - started))
                if result.found is not None and not shared.offer(result.found):
                    stream.overtaken()
                with shared.lock:
                    shared.run.steps += 1

        threads = [threading.Thread(target=loop, args=(s,), name=f"topics-{s.k}", daemon=True) for s in streams]
        for thread in threads:
            thread.start()
        for thread in threads:
            while thread.is_alive():
                thread.join(0.1)  # the main thread stays free to take Ctrl-C

    # -- one step ----------------------------------------------------------------------
    def _choose(self, values: list[int], size: int, rng: random.Random) -> list[str]:
        """Topics whose plans can trade hours and slots, and two topics left out: half the time a
        random topic with the made topics that work most often beside it (same people, a day either
        side), half the time the topics at work or on air in a random three days. The two kinds free
        different knots (one person's week, one crowded day), so the mix does better than either alone."""
        busy: dict[str, set[tuple[str, int]]] = {}
        for topic_id, member, day, index in self.work:
            if values[index]:
                busy.setdefault(topic_id, set()).add((member, day))
        left_out = [t for t in self.topics if not values[self.made[t]]]
        if rng.random() < 0.5:
            first = rng.choice(self.topics)
            near = {(member, d) for member, day in busy.get(first, ()) for d in (day - 1, day, day + 1)}
            made = [t for t in self.topics if values[self.made[t]] and t != first]
            ranked = sorted(made, key=lambda t: (-len(busy.get(t, set()) & near), rng.random()))
            chosen = [first, *ranked[: size - 1]]
        else:
            days: dict[str, set[int]] = {t: {d for _, d in work} for t, work in busy.items()}
            for topic_id, day, index in self.pubs:
                if values[index]:
                    days.setdefault(topic_id, set()).add(day)
            low = rng.randrange(self.horizon)
            chosen = [t for t in self.topics if any(low <= d < low + 3 for d in days.get(t, ()))]
            rng.shuffle(chosen)
            chosen = chosen[:size]
        others = [t for t in left_out if t not in chosen]
        return chosen + rng.sample(others, min(2, len(others)))

    def _solver(self, seed: int, deterministic: bool, left: float = STEP_SECONDS) -> cp_model.CpSolver:
        """A step's solver; on the wall clock no step runs past the ``left`` seconds of the budget."""
        solver = cp_model.CpSolver()
        p = solver.parameters
        p.num_workers = 1  # one per step: the streams, not the steps, use the cores
        p.random_seed = seed
        p.catch_sigint_signal = False
        # Light presolve: most of the model is fixed, and full presolve would spend much of a short
        # step before the search begins.
        p.cp_model_probing_level = 0
        p.max_presolve_iterations = 1
        p.symmetry_level = 0
        if deterministic:
            p.max_deterministic_time = STEP_SECONDS * STEPS_DTIME_PER_SECOND
        else:
            p.max_time_in_seconds = max(0.05, min(STEP_SECONDS, left))
        return solver

    def _settled(self, plan: Incumbent, copy: _Copy) -> Incumbent:
        """The plan with every decision as it is and the helper variables at their best, solved in a
        stream's ``copy`` with nothing freed. A step stopped by its time limit may leave a soft rule's
        helper above what the plan's posts and work require (seen with plan.variety: 9 points charged
        where the plan breaks it for 3), and the plan would then be reported below its worth."""
        copy.follow(plan.values)
        solver = self._solver(self.seed, deterministic=True)
        solver.parameters.max_deterministic_time = SETTLE_DTIME
        status = solver.solve(copy.model)
        if status in (cp_model.OPTIMAL, cp_model.FEASIBLE) and round(solver.objective_value) > plan.objective:
            return Incumbent(list(solver.response_proto.solution), round(solver.objective_value))
        return plan

    def _quick(self, solver: cp_model.CpSolver, deterministic: bool) -> bool:
        if deterministic:
            return solver.deterministic_time < STEP_SECONDS * STEPS_DTIME_PER_SECOND / 2
        return solver.wall_time < STEP_SECONDS / 2

    # -- the model ---------------------------------------------------------------------
    def _objective(self, values: list[int]) -> int:
        objective = self.model.proto.objective
        raw = sum(c * values[v] for v, c in zip(objective.vars, objective.coeffs, strict=True)) + objective.offset
        return round(raw * objective.scaling_factor)


@dataclass
class _Step:
    solver: cp_model.CpSolver
    found: Incumbent | None  # a better plan than the one the step started from


class _Stream:
    """One sequence of steps: its own copy of the model, random numbers, neighbourhood size and retry."""

    def __init__(self, owner: TopicNeighbourhoods, k: int, start: Incumbent) -> None:
        self.owner = owner
        self.k = k
        self.rng = random.Random(owner.seed + 7919 * k)
        self.work = _Copy(owner.model, owner.decisions, start.values)
        self.mine = start
        self.size = FIRST_SIZE
        self.steps = 0
        self.posted: int | None = None  # the objective of the plan whose posts were last placed anew
        self.retry: list[int] = []
        self.last: tuple[list[int], bool] = ([], False)  # the last step's freed variables, and whether it placed posts
        self.solver: cp_model.CpSolver | None = None

    def step(self, best: Incumbent, deterministic: bool, left: float) -> _Step:
        """One step from ``best`` (or from this stream's own plan, if that is better); ``left`` wall
        seconds of the budget remain."""
        owner = self.owner
        if best.objective > self.mine.objective:
            self.mine = best  # another stream did better: carry on from there
        self.work.follow(self.mine.values)
        posts = (not self.retry and len(owner.posts) <= POSTS_MAX and self.steps % POSTS_EVERY == POSTS_EVERY - 1
                 and self.mine.objective != self.posted)
        if self.retry:
            freed, self.retry = self.retry, []
        elif posts:
            freed = owner.posts
        else:
            freed = [i for t in owner._choose(self.mine.values, self.size, self.rng) for i in owner.own[t]]
        self.work.free(freed)
        self.last = (freed, posts)
        self.solver = solver = owner._solver(owner.seed + 7919 * self.k + self.steps, deterministic, left)
        status = solver.solve(self.work.model)
        self.steps += 1
        found = None
        if status in (cp_model.OPTIMAL, cp_model.FEASIBLE) and round(solver.objective_value) > self.mine.objective:
            found = self.mine = Incumbent(list(solver.response_proto.solution), round(solver.objective_value))
        if posts:
            self.posted = self.mine.objective
        elif status == cp_model.OPTIMAL and owner._quick(solver, deterministic):
            self.size = min(self.size + 1, MAX_SIZE)  # solved with time to spare: free more next time
        elif status != cp_model.OPTIMAL:
            self.size = max(self.size - 1, MIN_SIZE)
        return _Step(solver, found)

    def overtaken(self) -> None:
        """This stream's last step improved its plan but another stream's plan is better: the same
        topics again, from that plan, next."""
        freed, posts = self.last
        if not posts:
            self.retry = freed

    def stop_search(self) -> None:
        if self.solver is not None:
            self.solver.stop_search()


@dataclass
class _Streams:
    """What Ctrl-C stops: the step under way in every stream (see search.interruptible)."""

    streams: list[_Stream]

    def stop_search(self) -> None:
        for stream in self.streams:
            stream.stop_search()


def _bounds(model: cp_model.CpModel, i: int) -> tuple[int, int]:
    domain = model.proto.variables[i].domain
    return int(domain[0]), int(domain[len(domain) - 1])


def _set(model: cp_model.CpModel, i: int, low: int, high: int) -> None:
    domain = model.proto.variables[i].domain
    domain[0] = low
    domain[1] = high
