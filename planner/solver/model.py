"""The CP-SAT model: variables, structural constraints, rules encoding themselves, objective.

``ModelBuilder`` is the EncodeContext that rules talk to. Its ``build`` reads like a table
of contents: variables, structure, rules, pins, stability, objective.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime, time, timedelta
from typing import Any

from ortools.sat.python import cp_model

from planner.domain.plan import Plan
from planner.domain.scenario import Scenario
from planner.domain.templates import StageSpec, adapt_stage, final_stages, primary_platform, stage_stem
from planner.rules.base import Rule
from planner.rules.context import PubCandidate, Term, WorkCandidate
from planner.solver.candidates import Candidates

SCALE = 10  # objective units per value point: coefficients must be integers
_PLAIN_SUM_KEYS = 32  # running counts over at most this many keys are plain sums (see running_count)


@dataclass
class Penalty:
    rule: str
    label: str
    var: Any
    weight: int  # scaled


@dataclass
class Relaxation:
    """In explain mode each hard rule (and pin) gets a literal that switches it on."""

    enabled: bool = False
    switches: dict[str, Any] = field(default_factory=dict)
    sources: dict[str, str] = field(default_factory=dict)
    pins: list[str] = field(default_factory=list)  # the switches that are pins, by topic, account and time


class ModelBuilder:
    def __init__(self, scenario: Scenario, rules: list[Rule], cands: Candidates, values: list[float],
                 *, stable: Plan | None = None, explain: bool = False) -> None:
        self.scenario = scenario
        self.rules = rules
        self.cands = cands
        self.values = values
        self.stable = stable
        self.model = cp_model.CpModel()
        self.penalties: list[Penalty] = []
        self.relax = Relaxation(enabled=explain)
        self._names = 0
        self._by_pair: dict[tuple[str, str], list[PubCandidate]] | None = None
        # id of a plain-sum running count -> (the count, its largest value). The count is kept so that
        # its id is never reused by a later object: a reused id gave some other term this upper
        # bound, and builds of one scenario in one process differed.
        self._sum_upper: dict[int, tuple[Any, int]] = {}
        self._int_upper: dict[int, int] = {}  # index of an integer variable made here -> its upper bound
        work_start, work_end = scenario.horizon.work_window()
        self._work_end: time = work_end
        self._window_quarters = (work_end.hour * 60 + work_end.minute - work_start.hour * 60 - work_start.minute) // 15
        self._dates = scenario.horizon.dates()
        # A member in several roles of one stage and day: the first assignment (by id) stands for all,
        # its presence literal in ``_presence``, the others' ids in ``_hidden_hours`` (see member_hours).
        self._presence: dict[int, Any] = {}
        self._hidden_hours: set[int] = set()
        #: CP-SAT deterministic time spent finding the search's start (see earlier): the run's own
        #: budget is charged with it, so a repaired start does not lengthen a deterministic run.
        self.start_dtime = 0.0

    # -- table of contents -------------------------------------------------------------
    def build(self) -> ModelBuilder:
        self._variables()
        self._structure()
        self._duty_time()
        for rule in self.rules:
            rule.encode(self)
        self._pins()
        if not self.relax.enabled:
            self._objective()
        else:
            self.model.maximize(sum(self.relax.switches.values()))
        return self

    # -- variables ---------------------------------------------------------------------
    def _variables(self) -> None:
        m = self.model
        self.pubs: list[PubCandidate] = []
        for c in self.cands.pubs:
            lit = m.new_bool_var(f"x[{c.topic.id},{c.account.id},{c.slot}]")
            self.pubs.append(PubCandidate(c.topic, c.account, c.at, c.slot, c.day, lit))
        self.work_items: list[WorkCandidate] = [
            WorkCandidate(w.topic, w.stage, w.role, w.member, w.day, w.date, w.hours,
                          m.new_bool_var(f"w[{w.topic.id},{w.stage},{w.role},{w.member.id},{w.day}]"))
            for w in self.cands.work
        ]
        self.made = {t.id: m.new_bool_var(f"made[{t.id}]") for t in self.scenario.topics}
        self.stage_day: dict[tuple[str, str], dict[int, Any]] = {}
        for w in self.work_items:
            days = self.stage_day.setdefault((w.topic.id, w.stage), {})
            if w.day not in days:
                days[w.day] = m.new_bool_var(f"z[{w.topic.id},{w.stage},{w.day}]")
        # Work that follows a post (replies), offered by the rules that bring it: after the
        # production candidates, so their indices stay those of cands.work.
        self._duties: dict[tuple[int, str], list[WorkCandidate]] = {}
        for rule in (r for r in self.rules if r.brings_duty):
            for i, c in enumerate(self.pubs):
                mine = [WorkCandidate(w.topic, w.stage, w.role, w.member, w.day, w.date, w.hours,
                                      m.new_bool_var(f"d[{rule.id},{i},{w.member.id}]"), w.window)
                        for w in rule.duty_work(c, self.scenario)]
                self._duties[(id(c), rule.id)] = mine
                self.work_items += mine

    # -- structure: what any plan must be, whatever the rules -----------------------------
    def _structure(self) -> None:
        m = self.model
        by_pair: dict[tuple[str, str], list[Any]] = {}
        for c in self.pubs:
            by_pair.setdefault((c.topic.id, c.account.id), []).append(c.lit)
        self.published: dict[tuple[str, str], Any] = {}
        self._published_by_topic: dict[str, list[tuple[str, Any]]] = {}  # topic -> (account, count)
        for (topic_id, account_id), lits in by_pair.items():
            m.add_at_most_one(lits)  # a topic goes out at most once per account
            self.published[(topic_id, account_id)] = sum(lits)
            self._published_by_topic.setdefault(topic_id, []).append((account_id, self.published[(topic_id, account_id)]))
        roles: dict[tuple[str, str, int], dict[str, list[WorkCandidate]]] = {}
        for w in self.work_items:
            roles.setdefault((w.topic.id, w.stage, w.day), {}).setdefault(w.role, []).append(w)
        for topic in self.scenario.topics:
            made = self.made[topic.id]
            mine = [v for _, v in self._published_by_topic.get(topic.id, ())]
            if not mine:
                m.add(made == 0)
                continue
            for v in mine:
                m.add(v <= made)
            m.add(made <= sum(mine))
            for stage in self.cands.stages[topic.id]:
                days = self.stage_day.get((topic.id, stage.name), {})
                needed = self._stage_needed(topic.id, stage.name, primary_platform(topic))
                if needed is None:
                    continue
                staffed = m.add(sum(days.values()) == needed)  # each stage runs once, on one day, if needed
                # Explain mode: a stage nobody can ever staff is a conflict of its own.
                self._enforce(staffed, f"production: {topic.id} {stage.name}",
                              f"staffing {', '.join(stage.roles)} for {stage.name}")
                for day, z in days.items():
                    by_role = roles.get((topic.id, stage.name, day), {})
                    for role, count in stage.roles.items():
                        m.add(sum(w.lit for w in by_role.get(role, [])) == count * z)
                    if len(stage.roles) > 1:
                        per_member: dict[str, list[WorkCandidate]] = {}
                        for ws in by_role.values():
                            for w in ws:
                                per_member.setdefault(w.member.id, []).append(w)
                        for ws in per_member.values():
                            if len(ws) < 2:
                                continue
                            if stage.distinct:  # nobody fills two roles of this stage
                                m.add_at_most_one([w.lit for w in ws])
                                continue
                            # One person in several roles (filming themselves) spends the stage's hours once.
                            busy = m.new_bool_var(f"busy[{topic.id},{stage.name},{ws[0].member.id},{day}]")
                            # busy = max(roles) in linear form: the LP bound keeps these rows
                            # (it drops a max constraint, and busy then cost no hours at all).
                            for w in ws:
                                m.add(w.lit <= busy)  # linear (an implication is an enforced clause)
                            m.add(busy <= sum(w.lit for w in ws))
                            self._hidden_hours.update(id(w) for w in ws[1:])
                            self._presence[id(ws[0])] = busy

    def _duty_time(self) -> None:
        """A member's duties after posts (replies) fit in their windows beside their live sessions:
        for every stretch from one duty window's start to another's end, the duties whose windows lie
        inside it and the live time inside it add up to no more than the stretch (whatever rule
        brought each duty)."""
        # (member, day) -> window -> minutes of duty there: one sum per window, so that each stretch
        # adds a few windows, not every post candidate's literal again.
        windows: dict[tuple[str, int], dict[tuple[datetime, datetime], list[Term]]] = {}
        for items in self._duties.values():
            for w in items:
                if w.window is not None:
                    windows.setdefault((w.member.id, w.day), {}).setdefault(w.window, []).append(
                        (w.lit, round(w.hours * 60)))
        if not windows:
            return
        at_post = {(t, s.name) for t, stages in self.cands.stages.items() for s in stages if s.at_publish}
        lives: dict[tuple[str, int], list[tuple[datetime, datetime, Any]]] = {}
        for w in self.work_items[:len(self.cands.work)]:
            if w.topic.live_at is not None and (w.topic.id, w.stage) in at_post:
                start = self.scenario.horizon.localize(w.topic.live_at)
                lives.setdefault((w.member.id, w.day), []).append((start, start + timedelta(hours=w.hours), w.lit))
        for key, mine in windows.items():
            minutes_in = {window: self.sum_var(terms, f"duty[{key[0]},{key[1]},{window[0]:%H%M}]")
                          for window, terms in mine.items()}
            most = {window: sum(c for _, c in terms) for window, terms in mine.items()}
            for a in sorted({w[0] for w in mine}):
                for b in sorted({w[1] for w in mine if w[1] > a}):
                    inside = [w for w in mine if a <= w[0] and w[1] <= b]
                    live = [(lit, round(max(0.0, (min(b, end) - max(a, start)).total_seconds() / 60)))
                            for start, end, lit in lives.get(key, ())]
                    terms = [(minutes_in[w], 1) for w in inside] + [(lit, m) for lit, m in live if m]
                    length = round((b - a).total_seconds() / 60)
                    if sum(most[w] for w in inside) + sum(m for _, m in live) > length:
                        self.model.add(sum(c * v for v, c in terms) <= length)

    def _stage_needed(self, topic_id: str, stage: str, primary: str) -> Any:
        """Expression for 'this stage must run': made, or published on the adapted platform."""
        if not stage.startswith("adapt:"):
            return self.made[topic_id]
        platform = stage.split(":", 1)[1]
        mine = [v for a, v in self._published_by_topic.get(topic_id, ())
                if self.scenario.account_by_id[a].platform == platform]
        if not mine:
            return 0
        on_platform = self.model.new_bool_var(f"on[{topic_id},{platform}]")
        for v in mine:
            self.model.add(v <= on_platform)
        self.model.add(on_platform <= sum(mine))
        return on_platform

    # -- pins and stability ----------------------------------------------------------------
    def _pins(self) -> None:
        index = {(c.topic.id, c.account.id, c.at): c.lit for c in self.pubs}
        for pin in self.scenario.pins.publications:
            at = self.scenario.horizon.localize(pin.at)
            lit = index.get((pin.topic, pin.account, at))
            name = f"pin: {pin.topic} on {pin.account} at {at:%m-%d %H:%M}"
            self.relax.pins.append(name)
            if lit is None:
                self._hard_fact(name, "not a slot of the horizon's publish hours")
                continue
            self._enforce(self.model.add(lit == 1), name, "scenario pins")
        # A pinned stage that runs in day-parts: some part of it is done by the member that day.
        work: dict[tuple[str, str, str, Any], list[Any]] = {}
        for w in self.work_items:
            work.setdefault((w.topic.id, stage_stem(w.stage), w.member.id, w.date), []).append(w.lit)
        for task in self.scenario.pins.tasks:
            for member in task.members:
                lits = work.get((task.topic, task.stage, member, task.day))
                name = f"pin: {task.topic} {task.stage} by {member} on {task.day:%m-%d}"
                self.relax.pins.append(name)
                if not lits:
                    self._hard_fact(name, "no such assignment is possible")
                    continue
                self._enforce(self.model.add(sum(lits) >= 1), name, "scenario pins")

    def _hard_fact(self, name: str, source: str) -> None:
        switch = self._switch(name, source)
        if switch is None:
            self.model.add_bool_or([])  # infeasible on purpose: the pin cannot hold
        else:
            self.model.add(switch == 0)

    def _objective(self) -> None:
        terms = []
        for c, value in zip(self.pubs, self.values, strict=True):
            coef = round(value * SCALE)
            if coef:
                terms.append(coef * c.lit)
        unscheduled = self.scenario.objective.unscheduled_penalty * SCALE
        for topic in self.scenario.topics:
            terms.append(-round(unscheduled * topic.priority) * (1 - self.made[topic.id]))
        for p in self.penalties:
            terms.append(-p.weight * p.var)
        if self.stable is not None:
            terms += self._stability_terms()
        self.model.maximize(sum(terms))

    def _stability_terms(self) -> list[Any]:
        """Each publication of the earlier plan that moves or disappears costs change_penalty."""
        assert self.stable is not None
        cost = round(self.scenario.objective.change_penalty * SCALE)
        index = {(c.topic.id, c.account.id, c.at): c.lit for c in self.pubs}
        out = []
        for pub in self.stable.publications:
            lit = index.get((pub.topic, pub.account, self.scenario.horizon.localize(pub.at)))
            if lit is not None:
                out.append(-cost * (1 - lit))
        return out

    # -- EncodeContext -------------------------------------------------------------------
    def publications(self) -> Sequence[PubCandidate]:
        return self.pubs

    def work(self) -> Sequence[WorkCandidate]:
        return self.work_items

    def member_hours(self) -> Sequence[WorkCandidate]:
        """Each member's time on a stage and day once, however many of its roles they fill."""
        out = []
        for w in self.work_items:
            if id(w) in self._hidden_hours:
                continue
            busy = self._presence.get(id(w))
            out.append(w if busy is None else WorkCandidate(w.topic, w.stage, w.role, w.member, w.day, w.date,
                                                            w.hours, busy))
        return out

    def duties(self, post: PubCandidate, rule: Rule) -> Sequence[WorkCandidate]:
        return self._duties.get((id(post), rule.id), [])

    def publications_by_pair(self) -> dict[tuple[str, str], list[PubCandidate]]:
        if self._by_pair is None:
            self._by_pair = {}
            for c in self.pubs:
                self._by_pair.setdefault((c.topic.id, c.account.id), []).append(c)
        return self._by_pair

    def stages(self, topic_id: str) -> Sequence[StageSpec]:
        return self.cands.stages.get(topic_id, [])

    def stage_days(self, topic_id: str, stage: str) -> dict[int, Any]:
        return self.stage_day.get((topic_id, stage), {})

    def topic_made(self, topic_id: str) -> Any:
        return self.made[topic_id]

    def final_stages(self, topic_id: str, platform: str) -> list[str]:
        return final_stages(self.scenario.topic_by_id[topic_id], platform)

    def day_of(self, moment: datetime) -> int:
        return (self.scenario.horizon.localize(moment).date() - self.scenario.horizon.start).days

    def day_end(self, day: int) -> datetime:
        return self.scenario.horizon.at(self.scenario.horizon.start + timedelta(days=day), self._work_end)

    def new_bool(self, name: str) -> Any:
        return self.model.new_bool_var(name)

    def sum_var(self, terms: Sequence[Term], name: str) -> Any:
        low = sum(min(c, 0) * self._upper(v) for v, c in terms)
        high = sum(max(c, 0) * self._upper(v) for v, c in terms)
        var = self.model.new_int_var(low, high, name)
        self._int_upper[var.index] = high
        self.model.add(var == sum(c * v for v, c in terms))
        return var

    def running_count(self, items: Sequence[tuple[Any, Any]], name: str) -> list[tuple[Any, Any]]:
        grouped: dict[Any, list[Any]] = {}
        for key, lit in items:
            grouped.setdefault(key, []).append(lit)
        # Up to a few dozen keys (the days of a stage), each count is a plain sum: no helper
        # variables, which cut presolve by 40% on the demo and sped up every LNS call. Longer
        # runs chain integer counts, so the terms grow linearly, not quadratically.
        chained = len(grouped) > _PLAIN_SUM_KEYS
        out: list[tuple[Any, Any]] = []
        previous: Any = 0
        total = 0
        for key in sorted(grouped):
            total += len(grouped[key])
            count: Any = previous + sum(grouped[key])
            if chained:
                var = self.model.new_int_var(0, total, f"{name}<={key}")
                self._int_upper[var.index] = total
                self.model.add(var == count)
                count = var
            else:
                self._sum_upper[id(count)] = (count, total)
            out.append((key, count))
            previous = count
        return out

    def require_at_most(self, terms: Sequence[Term], bound: int) -> None:
        self.model.add(sum(c * v for v, c in terms) <= bound)

    def forbid(self, lits: Sequence[Any], rule: Rule, label: str) -> None:
        if rule.hard:
            for lit in lits:
                self._enforce(self.model.add(lit == 0), rule.id, rule.source)
        else:
            weight = round(rule.weight * SCALE)
            for lit in lits:
                self.penalties.append(Penalty(rule.id, label, lit, weight))

    def at_most(self, terms: Sequence[Term], bound: int, rule: Rule, label: str) -> None:
        if rule.hard and not self.relax.enabled and bound == 1 and all(c == 1 for _, c in terms):
            self.model.add_at_most_one([v for v, _ in terms])  # the propagator CP-SAT likes best
            return
        expr = sum(c * v for v, c in terms)
        if rule.hard:
            self._enforce(self.model.add(expr <= bound), rule.id, rule.source)
            return
        top = sum(max(c, 0) * self._upper(v) for v, c in terms)
        if top <= bound:
            return
        excess = self.model.new_int_var(0, top - bound, f"over[{rule.id}:{label}]")
        self._int_upper[excess.index] = top - bound
        self.model.add(expr - excess <= bound)
        self.penalties.append(Penalty(rule.id, label, excess, round(rule.weight * SCALE)))

    def at_least(self, terms: Sequence[Term], bound: int, rule: Rule, label: str) -> None:
        expr = sum(c * v for v, c in terms)
        if rule.hard:
            self._enforce(self.model.add(expr >= bound), rule.id, rule.source)
            return
        short = self.model.new_int_var(0, max(bound, 0), f"short[{rule.id}:{label}]")
        self._int_upper[short.index] = max(bound, 0)
        self.model.add(expr + short >= bound)
        self.penalties.append(Penalty(rule.id, label, short, round(rule.weight * SCALE)))

    # -- explain mode --------------------------------------------------------------------
    def _switch(self, name: str, source: str | None) -> Any:
        if not self.relax.enabled:
            return None
        if name not in self.relax.switches:
            self.relax.switches[name] = self.model.new_bool_var(f"on[{name}]")
            self.relax.sources[name] = source or ""
        return self.relax.switches[name]

    def _enforce(self, constraint: Any, name: str, source: str | None) -> None:
        switch = self._switch(name, source)
        if switch is not None:
            constraint.only_enforce_if(switch)

    def _upper(self, term: Any) -> int:
        """Largest value of a term: our integer counts are on record, every other term is a literal."""
        known = self._sum_upper.get(id(term))  # the count is kept alive there, so the id is its own
        if known is not None:
            return known[1]
        index = getattr(term, "index", None)
        return self._int_upper.get(index, 1) if isinstance(index, int) and index >= 0 else 1

    def stats(self) -> dict[str, int]:
        proto = self.model.proto
        return {"variables": len(proto.variables), "constraints": len(proto.constraints)}


def cutoff_index(keys: list[Any], key: Any) -> int:
    return bisect_right(keys, key) - 1


_ = adapt_stage


def hint_from(builder: ModelBuilder, pubs: set[int], work: set[int], made: set[str]) -> None:
    """Seed the search with a known plan (the greedy one): every decision variable gets a value."""
    m = builder.model
    for i, c in enumerate(builder.pubs):
        m.add_hint(c.lit, i in pubs)
    stage_on: set[tuple[str, str, int]] = set()
    for i, w in enumerate(builder.work_items[:len(builder.cands.work)]):  # duties: left to complete_hint
        m.add_hint(w.lit, i in work)
        if i in work:
            stage_on.add((w.topic.id, w.stage, w.day))
    for (topic_id, stage), days in builder.stage_day.items():
        for day, z in days.items():
            m.add_hint(z, (topic_id, stage, day) in stage_on)
    for topic_id, lit in builder.made.items():
        m.add_hint(lit, topic_id in made)


def complete_hint(builder: ModelBuilder, seconds: float = 5.0) -> cp_model.CpSolver | None:
    """Turn a hint on the decisions into a full solution hint (every helper variable too).

    CP-SAT uses a complete, feasible hint as its first solution; a partial one it must repair,
    which on this model loses most of the hint's value. Returns the solver holding that solution
    (a fallback plan if the search finds nothing better in time), or None when the hint is infeasible.
    """
    solver = cp_model.CpSolver()
    solver.parameters.fix_variables_to_their_hinted_value = True
    solver.parameters.num_workers = 1
    solver.parameters.max_deterministic_time = seconds
    status = solver.solve(builder.model)
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        builder.model.clear_hints()
        return None
    model = builder.model
    hint_every_variable(model, [solver.value(model.get_int_var_from_proto_index(i))
                                for i in range(len(model.proto.variables))])
    return solver


def hint_every_variable(model: cp_model.CpModel, values: Sequence[int]) -> None:
    """Replace the model's hint by ``values``, one per variable in index order (so the hint's
    entry i is variable i)."""
    model.clear_hints()
    for i, value in enumerate(values):
        model.add_hint(model.get_int_var_from_proto_index(i), value)
