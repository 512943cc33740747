"""Candidate generation: every publication and assignment that could ever fit.

Hard rules that judge one item on its own prune here, so the model never holds a
variable that must be 0. What was pruned, and by which rule, feeds the explanations.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from planner.domain.scenario import Scenario, Topic
from planner.domain.templates import StageSpec
from planner.rules.base import ContentRule, Rule, UnaryPublicationRule
from planner.rules.context import PubCandidate, WorkCandidate
from planner.rules.kinds.team import UnaryWorkRule
from planner.workflow import ordered_stages


@dataclass
class Candidates:
    slots: list[datetime]
    pubs: list[PubCandidate]
    work: list[WorkCandidate]
    stages: dict[str, list[StageSpec]]
    #: topic id -> Counter of "rule id: reason" that removed its publication candidates
    pruned: dict[str, Counter[str]] = field(default_factory=dict)
    #: topic id -> Counter of "rule id: reason" that removed its assignments
    pruned_work: dict[str, Counter[str]] = field(default_factory=dict)


def horizon_slots(scenario: Scenario) -> list[datetime]:
    """Slot starts inside the publish hours of every horizon day."""
    horizon = scenario.horizon
    first, last = horizon.publish_window()
    step = timedelta(minutes=horizon.slot_minutes)
    out = []
    for day in horizon.dates():
        moment, end = horizon.at(day, first), horizon.at(day, last)
        while moment < end:
            # A wall time the clocks skip (spring forward) does not exist: no slot there.
            if moment.astimezone(UTC).astimezone(moment.tzinfo).replace(tzinfo=None) == moment.replace(tzinfo=None):
                out.append(moment)
            moment += step
    return out


def _pinned(scenario: Scenario) -> set[tuple[str, str, datetime]]:
    return {(p.topic, p.account, scenario.horizon.localize(p.at)) for p in scenario.pins.publications}


def publication_candidates(scenario: Scenario, rules: list[Rule], slots: list[datetime],
                           prune: bool = True) -> tuple[list[PubCandidate], dict[str, Counter[str]]]:
    unary = [r for r in rules if isinstance(r, UnaryPublicationRule) and r.hard] if prune else []
    content = [r for r in unary if isinstance(r, ContentRule)]
    timeless = [r for r in unary if not r.depends_on_topic]
    timed = [r for r in unary if r.depends_on_topic and not isinstance(r, ContentRule)]
    pins = _pinned(scenario)
    day_of = {s: (s.date() - scenario.horizon.start).days for s in slots}
    cache: dict[tuple[str, str, datetime], str | None] = {}
    out: list[PubCandidate] = []
    pruned: dict[str, Counter[str]] = {}
    for topic in scenario.topics:
        why: Counter[str] = Counter()
        for account in scenario.candidate_accounts(topic):
            blocked = next(((r, msg) for r in content if r.applies(topic, account)
                            and (msg := r.judge(topic, account.platform)) is not None), None)
            for index, at in enumerate(slots):
                pinned = (topic.id, account.id, at) in pins
                reason = None
                if blocked is not None:
                    reason = f"{blocked[0].id}: {blocked[1]}"
                else:
                    for rule in timed:
                        if rule.applies(topic, account) and (msg := rule.admits(topic, account, at, scenario)):
                            reason = f"{rule.id}: {msg}"
                            break
                    if reason is None:
                        for rule in timeless:
                            if not rule.applies(topic, account):
                                continue
                            key = (rule.id, account.id, at)
                            if key not in cache:
                                cache[key] = rule.admits(topic, account, at, scenario)
                            if cache[key] is not None:
                                reason = f"{rule.id}: {cache[key]}"
                                break
                if reason is not None and not pinned:
                    why[_short(reason)] += 1
                    continue
                out.append(PubCandidate(topic, account, at, index, day_of[at]))
        if why:
            pruned[topic.id] = why
    return out, pruned


def _short(reason: str) -> str:
    """Group reasons that differ only by the time they mention."""
    rule, _, text = reason.partition(": ")
    if "outside" in text and ":" in text:
        return f"{rule}: outside its hours"
    return reason


def work_candidates(scenario: Scenario, rules: list[Rule], pubs: list[PubCandidate],
                    prune: bool = True) -> tuple[list[WorkCandidate], dict[str, list[StageSpec]], dict[str, Counter[str]]]:
    unary = [r for r in rules if isinstance(r, UnaryWorkRule) and r.hard] if prune else []
    last_day: dict[str, int] = {}
    for c in pubs:
        last_day[c.topic.id] = max(last_day.get(c.topic.id, -1), c.day)
    pinned = {(t.topic, t.stage, m, t.day) for t in scenario.pins.tasks for m in t.members}
    dates = scenario.horizon.dates()
    out: list[WorkCandidate] = []
    stages: dict[str, list[StageSpec]] = {}
    pruned: dict[str, Counter[str]] = {}
    for topic in scenario.topics:
        stages[topic.id] = ordered_stages(topic)
        if topic.id not in last_day:
            continue  # it can never go out, so it is never made
        why: Counter[str] = Counter()
        for stage in stages[topic.id]:
            days = _stage_days(topic, stage, last_day[topic.id], scenario)
            for role, _count in stage.roles.items():
                for member in scenario.team:
                    if role not in member.roles:
                        continue
                    for day in days:
                        work = WorkCandidate(topic, stage.name, role, member, day, dates[day], stage.hours)
                        reason = next((f"{r.id}: {msg}" for r in unary
                                       if (msg := r.admits_work(work, scenario)) is not None), None)
                        if reason and (topic.id, stage.name, member.id, dates[day]) not in pinned:
                            why[f"{r_id(reason)}"] += 1
                            continue
                        out.append(work)
        if why:
            pruned[topic.id] = why
    return out, stages, pruned


def r_id(reason: str) -> str:
    return reason.split(": ", 1)[0]


def _stage_days(topic: Topic, stage: StageSpec, last: int, scenario: Scenario) -> range:
    if stage.at_publish and topic.live_at is not None:
        day = (scenario.horizon.localize(topic.live_at).date() - scenario.horizon.start).days
        return range(day, day + 1)
    return range(0, last + 1)


def generate(scenario: Scenario, rules: list[Rule], prune: bool = True) -> Candidates:
    slots = horizon_slots(scenario)
    pubs, pruned = publication_candidates(scenario, rules, slots, prune)
    work, stages, pruned_work = work_candidates(scenario, rules, pubs, prune)
    return Candidates(slots, pubs, work, stages, pruned, pruned_work)


def shortlist(cands: Candidates, values: list[float], rules: list[Rule], scenario: Scenario,
              per_day: int, keep: set[tuple[str, str, datetime]] | None = None) -> tuple[Candidates, list[int]]:
    """Keep, per topic, account and day, the ``per_day`` best slots by value net of soft window costs.

    Slots further down the list are dominated in value by those kept; with daily caps of a
    few posts and gaps of hours, the kept slots leave every count pattern open. Pinned slots
    and slots of an earlier plan (``keep``) always stay.
    """
    if per_day <= 0:
        return cands, list(range(len(cands.pubs)))
    keep = keep or set()
    soft = [r for r in rules if isinstance(r, UnaryPublicationRule) and not r.hard]
    cache: dict[tuple[str, str, datetime], float] = {}

    def cost(c: PubCandidate) -> float:
        total = 0.0
        for rule in soft:
            if not rule.applies(c.topic, c.account):
                continue
            key = (rule.id, c.account.id, c.at)
            if rule.depends_on_topic or key not in cache:
                cache[key] = rule.weight if rule.admits(c.topic, c.account, c.at, scenario) else 0.0
            total += cache[key]
        return total

    groups: dict[tuple[str, str, int], list[int]] = {}
    for i, c in enumerate(cands.pubs):
        groups.setdefault((c.topic.id, c.account.id, c.day), []).append(i)
    chosen: list[int] = []
    for index in groups.values():
        ranked = sorted(index, key=lambda i: (-(values[i] - cost(cands.pubs[i])), cands.pubs[i].slot))
        top = set(ranked[:per_day])
        top |= {i for i in index if (cands.pubs[i].topic.id, cands.pubs[i].account.id, cands.pubs[i].at) in keep}
        chosen += sorted(top)
    chosen.sort()
    pubs = [cands.pubs[i] for i in chosen]
    return Candidates(cands.slots, pubs, cands.work, cands.stages, cands.pruned, cands.pruned_work), chosen
