"""Why a topic was left out, in words that name the rule or limit that blocked it."""

from __future__ import annotations

from collections import Counter
from datetime import date, timedelta

from planner.domain.plan import Plan
from planner.domain.scenario import Member, Scenario, Topic
from planner.rules.base import Rule, lead_hours, member_limits
from planner.rules.context import PubCandidate
from planner.solver.candidates import Candidates
from planner.solver.incremental import PublicationChecks, publication_rules


def reasons_for(scenario: Scenario, rules: list[Rule], cands: Candidates, plan: Plan,
                topics: list[Topic]) -> dict[str, list[str]]:
    """Reasons for each of these topics, with the candidates grouped by topic once (not scanned per topic)."""
    wanted = {t.id for t in topics}
    pubs: dict[str, list] = {t: [] for t in wanted}
    work: dict[str, list] = {t: [] for t in wanted}
    for c in cands.pubs:
        if c.topic.id in wanted:
            pubs[c.topic.id].append(c)
    for w in cands.work:
        if w.topic.id in wanted:
            work[w.topic.id].append(w)
    used = hours_used(plan, scenario)  # once, not once per topic (XL leaves 1,000+ out of 8,000 tasks)
    judges = _PlanJudges(scenario, rules, plan)
    return {t.id: unscheduled_reasons(scenario, rules, Candidates(cands.slots, pubs[t.id], work[t.id], cands.stages,
                                                                  cands.pruned, cands.pruned_work), plan, t, used,
                                      judges)
            for t in topics}


def unscheduled_reasons(scenario: Scenario, rules: list[Rule], cands: Candidates, plan: Plan,
                        topic: Topic, used: dict[tuple[str, date], float] | None = None,
                        judges: _PlanJudges | None = None) -> list[str]:
    mine = [c for c in cands.pubs if c.topic.id == topic.id]
    if not mine:
        pruned = cands.pruned.get(topic.id)
        if not pruned:
            return ["no account or slot of the horizon fits it"]
        return [f"no slot fits: {why}" for why, _ in pruned.most_common(3)]
    reasons = _too_late(scenario, rules, cands, topic, mine)
    if reasons:
        return reasons
    reasons = _production(scenario, rules, cands, plan, topic, max(c.day for c in mine), used)
    reasons += (judges or _PlanJudges(scenario, rules, plan)).refusals(mine)
    if not reasons:
        reasons.append(_tightest(scenario, rules, cands, plan, topic, max(c.day for c in mine), used))
    return reasons


def _tightest(scenario: Scenario, rules: list[Rule], cands: Candidates, plan: Plan, topic: Topic,
              last_day: int, used: dict[tuple[str, date], float] | None = None) -> str:
    """Name the scarcest role: the share of its free hours this topic would need."""
    dates = scenario.horizon.dates()
    used = hours_used(plan, scenario) if used is None else used
    worst: tuple[float, str] | None = None
    for stage in cands.stages[topic.id]:
        for role in stage.roles:
            members = {w.member.id: w.member for w in cands.work if w.topic.id == topic.id and w.role == role}
            free = 0.0
            for member in members.values():
                per_day = _per_day(rules, member, scenario)
                free += sum(max(0.0, per_day - used.get((member.id, d), 0.0))
                            for d in dates[:last_day + 1] if not member.is_off(d))
            share = stage.hours / free if free > 0 else float("inf")
            if worst is None or share > worst[0]:
                worst = (share, f"{role} ({', '.join(sorted(members))}: {free:g} h free by {dates[last_day]:%m-%d})")
    scarce = f"; the scarcest is {worst[1]}" if worst else ""
    return f"left out for topics worth more per hour of the team's time{scarce}"



def hours_used(plan: Plan, scenario: Scenario) -> dict[tuple[str, date], float]:
    """Hours booked per member and day."""
    used: dict[tuple[str, date], float] = {}
    for task in plan.tasks:
        for member_id in task.members:
            key = (member_id, scenario.horizon.localize(task.start).date())
            used[key] = used.get(key, 0.0) + task.hours
    return used


def _window_text(scenario: Scenario, topic: Topic, last: date) -> str:
    trend = scenario.trend_by_id.get(topic.trend) if topic.trend else None
    if trend is not None:
        return f"before the trend {trend.name} closed"
    if topic.deadline is not None:
        return f"before its deadline {topic.deadline:%m-%d}"
    return f"by {last:%m-%d}"


def _too_late(scenario: Scenario, rules: list[Rule], cands: Candidates, topic: Topic, mine: list) -> list[str]:
    """The stages one day apart cannot finish before the last slot the topic may use."""
    day = -1
    chain = []
    for stage in cands.stages[topic.id]:
        if stage.name.startswith("adapt:") or stage.at_publish:
            continue
        chain.append(stage.name)
        days = sorted({w.day for w in cands.work if w.topic.id == topic.id and w.stage == stage.name and w.day > day})
        if not days:
            if any(w.topic.id == topic.id and w.stage == stage.name for w in cands.work):
                last = max(c.at for c in mine)
                return [f"no time to make it {_window_text(scenario, topic, last.date())}: "
                        f"{', '.join(chain)} need a day each before {last:%m-%d %H:%M}"]
            return []  # nobody can do it at all: _production names the missing people
        day = days[0]
    if day < 0:
        return []
    lead = lead_hours(rules)
    _, work_end = scenario.horizon.work_window()
    ready = scenario.horizon.at(scenario.horizon.dates()[day], work_end) + timedelta(hours=lead)
    if all(c.at < ready for c in mine):
        last = max(c.at for c in mine)
        return [f"no time to make it {_window_text(scenario, topic, last.date())}: "
                f"{', '.join(chain)} (a day each) are ready {ready:%m-%d %H:%M} at the earliest, "
                f"after its last possible slot {last:%m-%d %H:%M}"]
    return []


def _production(scenario: Scenario, rules: list[Rule], cands: Candidates, plan: Plan, topic: Topic,
                last_day: int, used: dict[tuple[str, date], float] | None = None) -> list[str]:
    dates = scenario.horizon.dates()
    last = dates[min(last_day, len(dates) - 1)]
    used = hours_used(plan, scenario) if used is None else used
    out = []
    for stage in cands.stages[topic.id]:
        for role in stage.roles:
            options = [w for w in cands.work if w.topic.id == topic.id and w.stage == stage.name and w.role == role]
            if not options:
                why = cands.pruned_work.get(topic.id)
                detail = f" ({', '.join(why)})" if why else ""
                out.append(f"no {role} available for {stage.name} {_window_text(scenario, topic, last)}{detail}")
                continue
            limiting = [r for r in rules if any(r.work_limits(w.member, scenario) for w in options)]
            if not limiting:
                continue
            free = [w for w in options
                    if _per_day(rules, w.member, scenario) - used.get((w.member.id, w.date), 0.0) >= w.hours - 1e-6]
            if not free:
                out.append(f"no {role} hours for {stage.name} {_window_text(scenario, topic, last)} "
                           f"({limiting[0].id} full on every eligible day)")
    return sorted(set(out), key=out.index)


def _per_day(rules: list[Rule], member: Member, scenario: Scenario) -> float:
    limits = member_limits(rules, member, scenario, hard_only=False)
    return member.hours_per_day if limits is None else limits[0]


class _PlanJudges:
    """The hard rules between publications, admitted over a finished plan's posts: each asked about
    a left-out topic's candidates says what adding one would break."""

    def __init__(self, scenario: Scenario, rules: list[Rule], plan: Plan) -> None:
        self.scenario, self.rules, self.plan = scenario, publication_rules(rules), plan
        self._checks: PublicationChecks | None = None

    def _built(self) -> PublicationChecks:
        if self._checks is None:
            self._checks = PublicationChecks(self.scenario, self.rules)
            for pub in self.plan.publications:
                topic = self.scenario.topic_by_id.get(pub.topic)
                account = self.scenario.account_by_id.get(pub.account)
                if topic is not None and account is not None:
                    at = self.scenario.horizon.localize(pub.at)
                    self._checks.add(PubCandidate(topic, account, at, -1, (at.date() - self.scenario.horizon.start).days))
        return self._checks

    def refusals(self, mine: list[PubCandidate]) -> list[str]:
        """Per account, the rules that refuse every one of its candidates (the most frequent first)."""
        if not self.rules:
            return []
        checks = self._built()
        out: list[str] = []
        for account in sorted({c.account.id for c in mine}):
            counts: Counter[str] = Counter()  # rule id -> candidates it refuses
            first: dict[str, str] = {}  # rule id -> its wording for the first candidate it refused
            for c in (c for c in mine if c.account.id == account):
                why = checks.refusals(c)
                if not why:
                    break  # a slot some rule admits: what blocks this account is not a publication rule
                for text in why:
                    rule_id = text.split(": ", 1)[0]
                    counts[rule_id] += 1
                    first.setdefault(rule_id, text)
            else:
                out += [f"{first[rule_id]} (on {account}: {n} slots refused)" for rule_id, n in counts.most_common()]
        return out
