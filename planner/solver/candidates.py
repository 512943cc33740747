"""Candidate generation: every publication and assignment that could ever fit.

Hard rules that judge one item on its own prune here, so the model never holds a
variable that must be 0. What was pruned, and by which rule, feeds the explanations.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from planner.domain.scenario import Account, Scenario, Topic
from planner.domain.templates import StageSpec
from planner.errors import InputError, Problem
from planner.rules.base import PostReads, Rule, WorkReads
from planner.rules.context import PubCandidate, WorkCandidate
from planner.workflow import production_stages


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


def _pinned(scenario: Scenario) -> dict[tuple[str, str], set[datetime]]:
    """Pinned slots per (topic, account)."""
    out: dict[tuple[str, str], set[datetime]] = {}
    for p in scenario.pins.publications:
        out.setdefault((p.topic, p.account), set()).add(scenario.horizon.localize(p.at))
    return out


def publication_candidates(scenario: Scenario, rules: list[Rule], slots: list[datetime],
                           prune: bool = True) -> tuple[list[PubCandidate], dict[str, Counter[str]]]:
    unary = [r for r in rules if r.publication_reads is not None and r.hard] if prune else []
    content = [r for r in unary if r.publication_reads == PostReads.CONTENT]
    timeless = [r for r in unary if r.publication_reads == PostReads.SLOT]
    timed = [r for r in unary if r.publication_reads in (PostReads.POST, PostReads.TOPIC_TIME)]
    pins = _pinned(scenario)
    start = scenario.horizon.start
    day_of = [(s.date() - start).days for s in slots]
    # A timeless verdict depends on the account and slot only: one per (rule, account, slot).
    verdicts: dict[tuple[int, str], list[str | None]] = {}
    # The first timeless reason per slot, for each account and set of rules that apply there.
    firsts: dict[tuple[str, tuple[int, ...]], list[str | None]] = {}
    shorts: dict[str, str] = {}
    out: list[PubCandidate] = []
    pruned: dict[str, Counter[str]] = {}
    for topic in scenario.topics:
        why: Counter[str] = Counter()
        same_topic: dict[tuple[int, ...], list[str | None]] = {}
        for account in scenario.candidate_accounts(topic):
            pinned = pins.get((topic.id, account.id), ())
            blocked = next(((r, msg) for r in content if r.applies(topic, account)
                            and (msg := r.admits(topic, account, None, scenario)) is not None), None)
            if blocked is not None:
                refused = _short(f"{blocked[0].id}: {blocked[1]}")
                for index, at in enumerate(slots):
                    if at in pinned:
                        out.append(PubCandidate(topic, account, at, index, day_of[index]))
                    else:
                        why[refused] += 1
                continue
            mine = [r for r in timed if r.applies(topic, account)]
            refusals: list[str | None] | None = None
            if mine:
                # Topic and trend windows read the topic and the time only: the topic's other accounts share them.
                shared = all(r.publication_reads == PostReads.TOPIC_TIME for r in mine)
                key = tuple(id(r) for r in mine)
                refusals = same_topic.get(key) if shared else None
                if refusals is None:
                    refusals = [_timed_reason(mine, topic, account, at, scenario) for at in slots]
                    if shared:
                        same_topic[key] = refusals
            always = [r for r in timeless if r.applies(topic, account)]
            first = _first_reasons(always, topic, account, slots, scenario, verdicts, firsts)
            for index, at in enumerate(slots):
                reason = None if refusals is None else refusals[index]
                if reason is None and first is not None:
                    reason = first[index]
                if reason is not None and at not in pinned:
                    short = shorts.get(reason)
                    if short is None:
                        short = shorts[reason] = _short(reason)
                    why[short] += 1
                    continue
                out.append(PubCandidate(topic, account, at, index, day_of[index]))
        if why:
            pruned[topic.id] = why
    return out, pruned


def _timed_reason(rules: list[Rule], topic: Topic, account: Account, at: datetime,
                  scenario: Scenario) -> str | None:
    for rule in rules:
        if msg := rule.admits(topic, account, at, scenario):
            return f"{rule.id}: {msg}"
    return None


def _first_reasons(rules: list[Rule], topic: Topic, account: Account, slots: list[datetime],
                   scenario: Scenario, verdicts: dict[tuple[int, str], list[str | None]],
                   firsts: dict[tuple[str, tuple[int, ...]], list[str | None]]) -> list[str | None] | None:
    """Per slot, "rule id: reason" of the first of these timeless rules that refuses it (None: none)."""
    if not rules:
        return None
    key = (account.id, tuple(id(r) for r in rules))
    known = firsts.get(key)
    if known is None:
        known = [None] * len(slots)
        for rule in reversed(rules):  # the earliest refusing rule is written last
            mine = verdicts.get((id(rule), account.id))
            if mine is None:
                mine = verdicts[(id(rule), account.id)] = [rule.admits(topic, account, at, scenario) for at in slots]
            for index, msg in enumerate(mine):
                if msg is not None:
                    known[index] = f"{rule.id}: {msg}"
        firsts[key] = known
    return known


def _short(reason: str) -> str:
    """Group reasons that differ only by the time they mention."""
    rule, _, text = reason.partition(": ")
    if "outside" in text and ":" in text:
        return f"{rule}: outside its hours"
    return reason


def work_candidates(scenario: Scenario, rules: list[Rule], pubs: list[PubCandidate],
                    prune: bool = True) -> tuple[list[WorkCandidate], dict[str, list[StageSpec]], dict[str, Counter[str]]]:
    unary = [r for r in rules if r.work_reads is not None and r.hard] if prune else []
    last_day: dict[str, int] = {}
    for c in pubs:
        last_day[c.topic.id] = max(last_day.get(c.topic.id, -1), c.day)
    pinned = {(t.topic, t.stage, m, t.day) for t in scenario.pins.tasks for m in t.members}
    dates = scenario.horizon.dates()
    out: list[WorkCandidate] = []
    stages: dict[str, list[StageSpec]] = {}
    pruned: dict[str, Counter[str]] = {}
    names = [r_id(f"{r.id}: ") for r in unary]  # how a refusal is counted
    # A verdict that reads the member and the day only (WorkReads.MEMBER_DAY) is kept per member and
    # day; one that reads the topic and member only (WorkReads.MEMBER_TOPIC) per member for a stage's
    # role: asked once, not once per day (on XL, client teams were most of the candidates' time).
    by_day: dict[tuple[int, str], dict[int, bool]] = {}
    for topic in scenario.topics:
        stages[topic.id] = production_stages(topic, scenario)
        if topic.id not in last_day:
            continue  # it can never go out, so it is never made
        why: Counter[str] = Counter()
        for stage in stages[topic.id]:
            days = _stage_days(topic, stage, last_day[topic.id], scenario)
            for role, _count in stage.roles.items():
                for member in scenario.team:
                    if role not in member.roles:
                        continue
                    memos: list[dict[int, bool] | None] = []
                    for r in unary:
                        if r.work_reads == WorkReads.MEMBER_DAY:
                            memos.append(by_day.setdefault((id(r), member.id), {}))
                        elif r.work_reads == WorkReads.MEMBER_TOPIC:
                            memos.append({})  # one verdict for every day
                        else:
                            memos.append(None)
                    for day in days:
                        work = None
                        refused = None
                        for k, rule in enumerate(unary):
                            memo = memos[k]
                            key = day if rule.work_reads == WorkReads.MEMBER_DAY else 0
                            no = None if memo is None else memo.get(key)
                            if no is None:
                                if work is None:
                                    work = WorkCandidate(topic, stage.name, role, member, day, dates[day], stage.hours)
                                no = rule.admits_work(work, scenario) is not None
                                if memo is not None:
                                    memo[key] = no
                            if no:
                                refused = names[k]
                                break
                        if refused is not None and (topic.id, stage.name, member.id, dates[day]) not in pinned:
                            why[refused] += 1
                            continue
                        if work is None:
                            work = WorkCandidate(topic, stage.name, role, member, day, dates[day], stage.hours)
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


#: Publication candidates (topic x account x slot) above which a scenario is refused before any is
#: made: beyond this the candidates alone take gigabytes, and parts cannot help a model never built.
MAX_PUBLICATION_CANDIDATES = 8_000_000


def estimate(scenario: Scenario, slots: int) -> int:
    """Publication candidates before pruning: each topic's accounts times the horizon's slots."""
    accounts = {p: sum(1 for a in scenario.accounts if a.platform == p) for p in {a.platform for a in scenario.accounts}}
    total = 0
    for topic in scenario.topics:
        pairs = len(topic.accounts) if topic.accounts else sum(accounts.get(p, 0) for p in set(topic.platforms))
        total += pairs * slots
    return total


def generate(scenario: Scenario, rules: list[Rule], prune: bool = True) -> Candidates:
    slots = horizon_slots(scenario)
    size = estimate(scenario, len(slots))
    if size > MAX_PUBLICATION_CANDIDATES:
        raise InputError(Problem(
            f"{len(scenario.topics):,} topics on {len(scenario.accounts):,} accounts over {len(slots):,} slots make "
            f"about {size:,} candidate posts, more than {MAX_PUBLICATION_CANDIDATES:,} fit in memory: split the "
            f"scenario (by client or by week), use longer slots (horizon.slot_minutes) or fewer publish hours, "
            f"or name each topic's accounts (topics[].accounts)", path="topics"))
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
    soft = [r for r in rules if r.publication_reads is not None and not r.hard]
    cache: dict[tuple[str, str, datetime], float] = {}
    # The soft rules on each (topic, account); when none reads the topic, the account's cost per slot.
    applicable: dict[tuple[str, str], tuple[list[Rule], tuple[object, ...] | None]] = {}
    totals: dict[tuple[tuple[object, ...], int], float] = {}

    def cost(c: PubCandidate, mine: list[Rule]) -> float:
        total = 0.0
        for rule in mine:
            key = (rule.id, c.account.id, c.at)
            if rule.publication_reads != PostReads.SLOT or key not in cache:
                cache[key] = rule.weight if rule.admits(c.topic, c.account, c.at, scenario) else 0.0
            total += cache[key]
        return total

    costs = [0.0] * len(cands.pubs)
    groups: dict[tuple[str, str, int], list[int]] = {}
    for i, c in enumerate(cands.pubs):
        groups.setdefault((c.topic.id, c.account.id, c.day), []).append(i)
        known = applicable.get((c.topic.id, c.account.id))
        if known is None:
            found = [r for r in soft if r.applies(c.topic, c.account)]
            shared = None if any(r.publication_reads != PostReads.SLOT for r in found) else (
                c.account.id, *(id(r) for r in found))
            known = applicable[(c.topic.id, c.account.id)] = (found, shared)
        mine, shared = known
        if not mine:
            continue
        if shared is None:
            costs[i] = cost(c, mine)
        else:
            total = totals.get((shared, id(c.at)))
            if total is None:
                total = totals[(shared, id(c.at))] = cost(c, mine)
            costs[i] = total
    kept: dict[tuple[str, str], set[datetime]] = {}
    for topic_id, account_id, at in keep or ():
        kept.setdefault((topic_id, account_id), set()).add(at)
    chosen: list[int] = []
    for (topic_id, account_id, _day), index in groups.items():
        ranked = sorted(index, key=lambda i: (-(values[i] - costs[i]), cands.pubs[i].slot))
        top = set(ranked[:per_day])
        if (topic_id, account_id) in kept:
            top |= {i for i in index if cands.pubs[i].at in kept[(topic_id, account_id)]}
        chosen += sorted(top)
    chosen.sort()
    pubs = [cands.pubs[i] for i in chosen]
    return Candidates(cands.slots, pubs, cands.work, cands.stages, cands.pruned, cands.pruned_work), chosen
