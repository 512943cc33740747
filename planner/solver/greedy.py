"""A greedy planner, as a queue-based scheduler would plan: by value, first fit.

Topics go in order of their best value; each takes the earliest days its stages fit
(first qualified member with hours left), then on each account the most valuable free slot
that keeps every hard publication rule. It is the baseline the solver is measured against,
and its plan seeds the solver as a hint.
"""

from __future__ import annotations

import itertools
from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from planner.domain.scenario import Scenario, Topic
from planner.domain.templates import final_stages, primary_platform
from planner.rules.base import Rule, lead_hours, member_limits, week_key
from planner.rules.context import WorkCandidate
from planner.solver.candidates import Candidates
from planner.solver.incremental import Check, PublicationChecks, publication_rules


@dataclass
class GreedyResult:
    pubs: list[int] = field(default_factory=list)  # indices into cands.pubs
    work: list[int] = field(default_factory=list)  # indices into cands.work
    made: set[str] = field(default_factory=set)


class _Ledger:
    """Hours booked per member and day / week."""

    def __init__(self, scenario: Scenario, rules: list[Rule]) -> None:
        self.rules = rules
        self.day: dict[tuple[str, int], float] = {}
        self.week: dict[tuple[str, tuple[int, int]], float] = {}
        self.scenario = scenario
        self._limits: dict[str, tuple[float, float | None] | None] = {}
        self._weeks = [week_key(d) for d in scenario.horizon.dates()]  # by horizon day index
        self._week_of: dict[date, tuple[int, int]] = {}

    def _week(self, day: date) -> tuple[int, int]:
        known = self._week_of.get(day)
        if known is None:
            known = self._week_of[day] = week_key(day)
        return known

    def fits(self, w: WorkCandidate, extra: dict[tuple[str, int], float]) -> bool:
        if w.member.id not in self._limits:
            self._limits[w.member.id] = member_limits(self.rules, w.member, self.scenario)
        limits = self._limits[w.member.id]
        if limits is None:
            return True
        per_day, per_week = limits
        used = self.day.get((w.member.id, w.day), 0.0) + extra.get((w.member.id, w.day), 0.0)
        if used + w.hours > per_day + 1e-6:
            return False
        if per_week is not None:
            week = self._week(w.date)
            booked = self.week.get((w.member.id, week), 0.0) + sum(
                h for (m, d), h in extra.items() if m == w.member.id and self._weeks[d] == week)
            if booked + w.hours > per_week + 1e-6:
                return False
        return True

    def book(self, w: WorkCandidate) -> None:
        self.day[(w.member.id, w.day)] = self.day.get((w.member.id, w.day), 0.0) + w.hours
        key = (w.member.id, self._week(w.date))
        self.week[key] = self.week.get(key, 0.0) + w.hours


#: (topic, stage, role) -> day -> assignment indices, in candidate order
WorkByDay = dict[tuple[str, str, str], dict[int, list[int]]]


def _work_by_day(work: list[WorkCandidate]) -> WorkByDay:
    out: WorkByDay = {}
    last: tuple[str, str, str] | None = None
    days: dict[int, list[int]] = {}
    for i, w in enumerate(work):
        key = (w.topic.id, w.stage, w.role)
        if key != last:  # candidates come in runs of one topic, stage and role
            days = out.setdefault(key, {})
            last = key
        index = days.get(w.day)
        if index is None:
            days[w.day] = [i]
        else:
            index.append(i)
    return out


def greedy(scenario: Scenario, rules: list[Rule], cands: Candidates, values: list[float]) -> GreedyResult:
    return _greedy(scenario, rules, cands, values, PublicationChecks)


def _greedy(scenario: Scenario, rules: list[Rule], cands: Candidates, values: list[float],
            checks: Callable[[Scenario, list[Rule]], Check]) -> GreedyResult:
    """The greedy with a given way of checking the publication rules (the tests compare two)."""
    lead = lead_hours(rules)
    check = checks(scenario, publication_rules(rules))
    ledger = _Ledger(scenario, rules)
    work_by_day = _work_by_day(cands.work)
    by_topic: dict[str, list[int]] = {}
    for i, c in enumerate(cands.pubs):
        by_topic.setdefault(c.topic.id, []).append(i)
    ends = _DayEnds(scenario, lead)
    result = GreedyResult()
    # Pinned publications are facts: their topics go first, on their pinned slots only.
    pinned = {(p.topic, p.account): scenario.horizon.localize(p.at) for p in scenario.pins.publications}
    for topic_id, index in by_topic.items():
        by_topic[topic_id] = [i for i in index
                              if pinned.get((topic_id, cands.pubs[i].account.id), cands.pubs[i].at) == cands.pubs[i].at]
    first = {t for t, _ in pinned}
    order = sorted(by_topic, key=lambda t: (t not in first, -_worth_per_hour(t, by_topic[t], cands, values)))
    # A topic refused early (say, a share rule with too few posts yet) may fit once others are in.
    queue = order + order
    for topic_id in queue:
        if topic_id in result.made:
            continue
        topic = scenario.topic_by_id[topic_id]
        picked = _produce(topic, cands, work_by_day, ledger, platforms=[primary_platform(topic)])
        if picked is None:
            continue
        core, stage_day = picked
        done_day = max((stage_day[s] for s in final_stages(topic, primary_platform(topic))), default=-1)
        accounts: dict[str, list[int]] = {}
        for i in by_topic[topic_id]:
            accounts.setdefault(cands.pubs[i].account.id, []).append(i)
        placed: list[int] = []
        extra_work: list[int] = []
        for account_id in sorted(accounts, key=lambda a: -max(values[i] for i in accounts[a])):
            index = sorted(accounts[account_id], key=lambda i: -values[i])
            needs = [s for s in final_stages(topic, cands.pubs[index[0]].account.platform) if s.startswith("adapt:")]
            # What an adaptation can use is the same for every slot of the account: worked out once.
            editors = _Adapt(topic, needs[0], cands, work_by_day, ledger, core, extra_work, done_day, ends) if needs else None
            produced = ends.ready(done_day)
            for i in index:
                c = cands.pubs[i]
                adapt: list[int] = []
                if editors is None:
                    if produced > c.at:
                        continue
                else:
                    got = editors.for_slot(c.at)
                    if got is None:
                        continue
                    adapt = got
                    if ends.ready(max([done_day] + [cands.work[j].day for j in adapt])) > c.at:
                        continue
                if not check.ok(c):
                    continue
                check.add(c)  # a placed publication stays: the topic is made
                placed.append(i)
                extra_work += [j for j in adapt if j not in extra_work]
                break
        if not placed:
            continue
        booked: set[tuple[str, str, str, int]] = set()
        for j in core + extra_work:
            w = cands.work[j]
            if (w.member.id, w.topic.id, w.stage, w.day) not in booked:  # once for several roles of a stage
                booked.add((w.member.id, w.topic.id, w.stage, w.day))
                ledger.book(w)
        result.work += core + extra_work
        result.pubs += placed
        result.made.add(topic_id)
    return result


class _DayEnds:
    """When work done on a day is ready to go out: the end of its working hours plus the lead time."""

    def __init__(self, scenario: Scenario, lead: float) -> None:
        self.horizon = scenario.horizon
        self.work_end = scenario.horizon.work_window()[1]
        self.lead = timedelta(hours=lead)
        self._by_index: dict[int, datetime] = {}
        self._by_date: dict[date, datetime] = {}

    def ready(self, day: int) -> datetime:
        """For a horizon day index."""
        known = self._by_index.get(day)
        if known is None:
            end = self.horizon.at(self.horizon.start + timedelta(days=day), self.work_end)
            known = self._by_index[day] = end + self.lead
        return known

    def ready_on(self, day: date) -> datetime:
        known = self._by_date.get(day)
        if known is None:
            known = self._by_date[day] = self.horizon.at(day, self.work_end) + self.lead
        return known


def _worth_per_hour(topic_id: str, index: list[int], cands: Candidates, values: list[float]) -> float:
    """Best value on each account, summed, per square root of production hours.

    Between plain value (starves cheap topics) and value per hour (starves big ones); measured on
    the demo: 24,988 against 24,834 (by value) and 23,805 (per hour).
    """
    best: dict[str, float] = {}
    for i in index:
        account = cands.pubs[i].account.id
        best[account] = max(best.get(account, 0.0), values[i])
    hours = sum(stage.hours * sum(stage.roles.values()) for stage in cands.stages[topic_id]) or 1.0
    return sum(best.values()) / hours**0.5


def _produce(topic: Topic, cands: Candidates, work_by_day: WorkByDay, ledger: _Ledger,
             platforms: list[str]) -> tuple[list[int], dict[str, int]] | None:
    """Earliest days for the topic's own stages (not the adaptations); None if they do not fit.

    Each stage takes the first day after the one before where every role finds its people: for
    each role, the first qualified members (in candidate order) not yet on the stage with hours left.
    """
    picked: list[int] = []
    extra: dict[tuple[str, int], float] = {}
    day = -1  # stages go one day apart (production.stage_order)
    stage_day: dict[str, int] = {}
    nothing: dict[int, list[int]] = {}
    # The day-parts of a long stage go to whoever did its first part (production.stage_split).
    keep: dict[tuple[str, str], set[str]] = {}
    for stage in cands.stages[topic.id]:
        if stage.name.startswith("adapt:"):
            continue
        by_role = {role: work_by_day.get((topic.id, stage.name, role), nothing) for role in stage.roles}
        same = {role: keep.get((stage.base, role)) for role in stage.roles} if stage.part > 1 else {}
        placed = False
        for d in sorted({x for per_day in by_role.values() for x in per_day if x > day}):
            team: list[int] = []
            taken: set[str] = set()  # on the stage (their hours are booked once)
            trial = dict(extra)
            short = False
            for role, count in stage.roles.items():
                got = 0
                in_role: set[str] = set()
                for i in by_role[role].get(d, ()):
                    if got >= count:
                        break
                    w = cands.work[i]
                    if w.member.id in in_role or (stage.distinct and w.member.id in taken):
                        continue
                    allowed = same.get(role)
                    if allowed is not None and w.member.id not in allowed:
                        continue
                    if w.member.id not in taken and not ledger.fits(w, trial):
                        continue
                    team.append(i)
                    got += 1
                    in_role.add(w.member.id)
                    if w.member.id not in taken:
                        taken.add(w.member.id)
                        trial[(w.member.id, d)] = trial.get((w.member.id, d), 0.0) + w.hours
                if got != count:
                    short = True  # the day does not work: the rest of its team does not matter
                    break
            if not short:
                picked += team
                extra = trial
                day = d
                stage_day[stage.name] = d
                if stage.parts > 1 and stage.part == 1:
                    for i in team:
                        keep.setdefault((stage.base, cands.work[i].role), set()).add(cands.work[i].member.id)
                placed = True
                break
        if not placed:
            return None
    _ = platforms
    return picked, stage_day


class _Adapt:
    """An editor for the 二次剪辑 on a day after the edit and in time for a slot: the first
    assignment (in candidate order) with hours left whose day is ready by then."""

    def __init__(self, topic: Topic, stage: str, cands: Candidates, work_by_day: WorkByDay, ledger: _Ledger,
                 core: list[int], extra_work: list[int], done_day: int, ends: _DayEnds) -> None:
        self.existing = [j for j in extra_work if cands.work[j].stage == stage]
        self.options: list[tuple[int, datetime]] = []
        self._ready: list[datetime] | None = None
        self._first: list[int] = []
        if self.existing:
            return
        trial: dict[tuple[str, int], float] = {}
        counted: set[tuple[str, str, str, int]] = set()  # a member in several roles of a stage works its hours once
        for w in (cands.work[j] for j in core + extra_work):
            key = (w.member.id, w.topic.id, w.stage, w.day)
            if key not in counted:
                counted.add(key)
                trial[(w.member.id, w.day)] = trial.get((w.member.id, w.day), 0.0) + w.hours
        edit_day = max((cands.work[j].day for j in core if cands.work[j].stage == "edit"), default=done_day)
        editors = sorted(i for index in work_by_day.get((topic.id, stage, "editor"), {}).values() for i in index)
        for i in editors:
            w = cands.work[i]
            if w.day > edit_day and ledger.fits(w, trial):
                self.options.append((i, ends.ready_on(w.date)))

    def for_slot(self, at: datetime) -> list[int] | None:
        if self.existing:
            return self.existing
        if self._ready is None:
            # Options by ready time, each with the first (in candidate order) ready by then.
            ranked = sorted(range(len(self.options)), key=lambda k: self.options[k][1])
            self._ready = [self.options[k][1] for k in ranked]
            self._first = list(itertools.accumulate(ranked, min))
        count = bisect_right(self._ready, at)  # options ready by ``at``
        return [self.options[self._first[count - 1]][0]] if count else None
