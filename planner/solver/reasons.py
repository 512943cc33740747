"""Why a topic was left out, in words that name the rule, limit or people that blocked it.

The causes are tried from the most fundamental to the least, and the first that holds is named:
no slot at all (windows, content rules), a stage nobody can ever staff (the team alone), no time
to make it before its last slot, nobody available or every eligible day full, the publication
rules that refuse each of its slots against the finished plan (each rule's own admission face), and
last, competition: the topics that took the scarcest role's hours. Every reason carries its numbers.
"""

from __future__ import annotations

from collections import Counter
from datetime import date, datetime, timedelta

from planner.domain.plan import Plan
from planner.domain.scenario import Member, Scenario, Topic
from planner.domain.templates import StageSpec
from planner.domain.vocab import role_word, stage_word
from planner.messages import Catalogue, say_in
from planner.rules.base import PostReads, Rule, lead_hours, member_limits
from planner.rules.context import PubCandidate
from planner.solver.candidates import Candidates
from planner.solver.incremental import PublicationChecks, publication_rules
from planner.workflow.staffing import unstaffable

WORDS: Catalogue = {
    "no_slot": ("没有任何账号或时段可用", "no account or slot of the horizon fits it"),
    "pruned": ("没有可用的时段：{why}（{count} 个时段）", "no slot fits: {why} ({count} slots)"),
    "pruned_rest": ("其余时段被规则排除：{why}（{count} 个时段）", "the other slots are refused: {why} ({count} slots)"),
    "trend_window": ("在热点 {trend} 结束前", "before the trend {trend} closed"),
    "deadline": ("在截止 {day} 前", "before its deadline {day}"),
    "by_day": ("在 {day} 前", "by {day}"),
    "no_time": ("来不及制作（{window}）：{chain}各需一天，须在 {last} 前完成",
                "no time to make it {window}: {chain} need a day each before {last}"),
    "ready_late": ("来不及制作（{window}）：{chain}（各一天）最早 {ready} 完成，晚于最后可用时段 {last}",
                   "no time to make it {window}: {chain} (a day each) are ready {ready} at the earliest, "
                   "after its last possible slot {last}"),
    "nobody_free": ("{window}没有可用的{role}做{stage}{detail}", "no {role} available for {stage} {window}{detail}"),
    "no_hours": ("{window}{role}没有工时做{stage}：{members} 在每个可用日都排满了（需 {need:g} h；{rule}）",
                 "no {role} hours for {stage} {window}: {members} are full on every eligible day "
                 "(it needs {need:g} h; {rule})"),
    "refused": ("{why}（{account}：{count} 个时段被拒）", "{why} (on {account}: {count} slots refused)"),
    "competition": ("被价值更高的选题挤出：最紧张的是{role}（{members}）截至 {day} 仅剩 {free:g} h，{stage}需 {need:g} h",
                    "left out for topics worth more: the scarcest is {role} ({members}: {free:g} h free by {day}, "
                    "the {stage} needs {need:g} h)"),
    "took": ("；占用其工时的选题：{topics}", "; their hours went to {topics}"),
    "chain_sep": ("、", ", "),
}


def reasons_for(scenario: Scenario, rules: list[Rule], cands: Candidates, plan: Plan,
                topics: list[Topic], lang: str = "zh") -> dict[str, list[str]]:
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
                                      judges, lang)
            for t in topics}


def unscheduled_reasons(scenario: Scenario, rules: list[Rule], cands: Candidates, plan: Plan,
                        topic: Topic, used: dict[tuple[str, date], float] | None = None,
                        judges: _PlanJudges | None = None, lang: str = "zh") -> list[str]:
    def say(key: str, **args: object) -> str:
        return say_in(WORDS, key, lang, **args)

    mine = [c for c in cands.pubs if c.topic.id == topic.id]
    if not mine:
        pruned = cands.pruned.get(topic.id)
        if not pruned:
            return [say("no_slot")]
        return [say("pruned", why=why, count=n) for why, n in pruned.most_common(3)]
    staffing = [u.words(lang) for stage in cands.stages[topic.id] if (u := unstaffable(topic, stage, scenario))]
    if staffing:
        return staffing
    used = hours_used(plan, scenario) if used is None else used
    ready = _earliest_ready(scenario, rules, cands, topic)
    reasons = _too_late(scenario, cands, topic, mine, ready, lang)
    if reasons:  # and the rules that took the later slots away, if any did (windows are named already)
        windows = {r.id for r in rules if r.publication_reads == PostReads.TOPIC_TIME}
        pruned = Counter({why: n for why, n in cands.pruned.get(topic.id, Counter()).items()
                          if why.split(": ", 1)[0] not in windows})
        return reasons + [say("pruned_rest", why=why, count=n) for why, n in pruned.most_common(2)]
    last_day = max(c.day for c in mine)
    reasons = _production(scenario, rules, cands, plan, topic, last_day, used, lang)
    reachable = [c for c in mine if ready is None or c.at >= ready]  # the slots production could meet
    reasons += (judges or _PlanJudges(scenario, rules, plan)).refusals(reachable, lang)
    if not reasons:
        reasons.append(_competition(scenario, rules, cands, plan, topic, last_day, used, lang))
    return reasons


def _competition(scenario: Scenario, rules: list[Rule], cands: Candidates, plan: Plan, topic: Topic,
                 last_day: int, used: dict[tuple[str, date], float], lang: str) -> str:
    """Name the scarcest role (the largest share of its free hours this topic would need), and the
    planned topics that took those members' hours by the topic's last day."""
    dates = scenario.horizon.dates()
    window = set(dates[:last_day + 1])
    # (share, role, stage, members, free hours, hours needed); a topic always has a stage with a role
    worst: tuple[float, str, StageSpec | None, list[str], float, float] = (-1.0, "", None, [], 0.0, 0.0)
    for spec in cands.stages[topic.id]:
        for role in spec.roles:
            members = {w.member.id: w.member for w in cands.work if w.topic.id == topic.id and w.role == role}
            free = 0.0
            for member in members.values():
                per_day = _per_day(rules, member, scenario)
                free += sum(max(0.0, per_day - used.get((member.id, d), 0.0))
                            for d in window if not member.is_off(d))
            share = spec.hours / free if free > 0 else float("inf")
            if share > worst[0]:
                worst = (share, role, spec, sorted(members), free, spec.hours)
    _, role, stage, scarce, free, need = worst
    if stage is None:  # nothing left to make (every stage done): only the slots competed
        return say_in(WORDS, "no_slot", lang)
    text = say_in(WORDS, "competition", lang, role=role_word(role, lang), members=", ".join(scarce), free=free,
                  day=f"{dates[last_day]:%m-%d}", stage=stage_word(stage.name, lang, stage.part, stage.parts),
                  need=need)
    return text + _takers(plan, scenario, topic, scarce, window, lang)


def _per_day(rules: list[Rule], member: Member, scenario: Scenario) -> float:
    limits = member_limits(rules, member, scenario, hard_only=False)
    return member.hours_per_day if limits is None else limits[0]


def hours_used(plan: Plan, scenario: Scenario) -> dict[tuple[str, date], float]:
    """Hours booked per member and day."""
    used: dict[tuple[str, date], float] = {}
    for task in plan.tasks:
        for member_id in task.members:
            key = (member_id, scenario.horizon.localize(task.start).date())
            used[key] = used.get(key, 0.0) + task.hours
    return used


def _window_text(scenario: Scenario, topic: Topic, last: date, lang: str) -> str:
    trend = scenario.trend_by_id.get(topic.trend) if topic.trend else None
    if trend is not None:
        return say_in(WORDS, "trend_window", lang, trend=trend.name)
    if topic.deadline is not None:
        return say_in(WORDS, "deadline", lang, day=f"{topic.deadline:%m-%d}")
    return say_in(WORDS, "by_day", lang, day=f"{last:%m-%d}")


def _earliest_ready(scenario: Scenario, rules: list[Rule], cands: Candidates, topic: Topic) -> datetime | None:
    """When the topic could go out at the earliest: its stages a day apart from the first day anyone can
    work on them, plus the lead time. None when a stage has no day left after the one before."""
    day = -1
    for stage in cands.stages[topic.id]:
        if stage.name.startswith("adapt:") or stage.at_publish:
            continue
        days = [w.day for w in cands.work if w.topic.id == topic.id and w.stage == stage.name and w.day > day]
        if not days:
            return None
        day = min(days)
    if day < 0:
        return scenario.horizon.localize(scenario.horizon.dates()[0])  # nothing to make first
    _, work_end = scenario.horizon.work_window()
    return scenario.horizon.at(scenario.horizon.dates()[day], work_end) + timedelta(hours=lead_hours(rules))


def _too_late(scenario: Scenario, cands: Candidates, topic: Topic, mine: list[PubCandidate],
              ready: datetime | None, lang: str) -> list[str]:
    """The stages one day apart cannot finish before the last slot the topic may use."""
    last = max(c.at for c in mine)
    sep = say_in(WORDS, "chain_sep", lang)
    specs = [s for s in cands.stages[topic.id] if not s.name.startswith("adapt:") and not s.at_publish]
    chain = [s.name for s in specs]
    words = sep.join(stage_word(s.name, lang, s.part, s.parts) for s in specs)
    window = _window_text(scenario, topic, last.date(), lang)
    if ready is None:
        if all(any(w.topic.id == topic.id and w.stage == name for w in cands.work) for name in chain):
            return [say_in(WORDS, "no_time", lang, window=window, chain=words, last=f"{last:%m-%d %H:%M}")]
        return []  # nobody can do a stage at all: _production names the missing people
    if all(c.at < ready for c in mine):
        return [say_in(WORDS, "ready_late", lang, window=window, chain=words, ready=f"{ready:%m-%d %H:%M}",
                       last=f"{last:%m-%d %H:%M}")]
    return []


def _production(scenario: Scenario, rules: list[Rule], cands: Candidates, plan: Plan, topic: Topic,
                last_day: int, used: dict[tuple[str, date], float], lang: str) -> list[str]:
    """Nobody available for a role, or every member who could do it full on every day the stage could
    run (stages go a day apart: the k-th of n runs between day k-1 and the last day less n-k)."""
    dates = scenario.horizon.dates()
    last = dates[min(last_day, len(dates) - 1)]
    window = _window_text(scenario, topic, last, lang)
    chain = [s.name for s in cands.stages[topic.id] if not s.name.startswith("adapt:") and not s.at_publish]
    out = []
    for stage in cands.stages[topic.id]:
        position = chain.index(stage.name) if stage.name in chain else None
        low, high = (0, last_day) if position is None else (position, last_day - (len(chain) - 1 - position))
        for role in stage.roles:
            options = [w for w in cands.work if w.topic.id == topic.id and w.stage == stage.name and w.role == role]
            words = {"role": role_word(role, lang), "stage": stage_word(stage.name, lang, stage.part, stage.parts),
                     "window": window}
            if not options:
                why = cands.pruned_work.get(topic.id)
                detail = f" ({', '.join(why)})" if why else ""
                out.append(say_in(WORDS, "nobody_free", lang, detail=detail, **words))
                continue
            limiting = [r for r in rules if any(r.work_limits(w.member, scenario) for w in options)]
            in_time = [w for w in options if low <= w.day <= high]
            if not limiting or not in_time:
                continue
            free = [w for w in in_time
                    if _per_day(rules, w.member, scenario) - used.get((w.member.id, w.date), 0.0) >= w.hours - 1e-6]
            if not free:
                members = sorted({w.member.id for w in in_time})
                text = say_in(WORDS, "no_hours", lang, members=", ".join(members), need=stage.hours,
                              rule=limiting[0].id, **words)
                out.append(text + _takers(plan, scenario, topic, members, {w.date for w in in_time}, lang))
    return sorted(set(out), key=out.index)


def _takers(plan: Plan, scenario: Scenario, topic: Topic, members: list[str], days: set[date], lang: str) -> str:
    """"; their hours went to x, y": the planned topics these members work on during these days."""
    took: Counter[str] = Counter()
    for task in plan.tasks:
        if task.topic != topic.id and set(task.members) & set(members) \
                and scenario.horizon.localize(task.start).date() in days:
            took[task.topic] += 1
    if not took:
        return ""
    names = say_in(WORDS, "chain_sep", lang).join(t for t, _ in took.most_common(5))
    more = len(took) - 5
    return say_in(WORDS, "took", lang, topics=names + (f" (+{more})" if more > 0 else ""))


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

    def refusals(self, mine: list[PubCandidate], lang: str = "zh") -> list[str]:
        """Per account, the rules that refuse every one of its candidates (the most frequent first)."""
        if not self.rules:
            return []
        checks = self._built()
        out: list[str] = []
        for account in sorted({c.account.id for c in mine}):
            counts: Counter[str] = Counter()  # rule id -> candidates it refuses
            first: dict[str, str] = {}  # rule id -> its wording for the first candidate it refused
            for c in (c for c in mine if c.account.id == account):
                why = checks.refusals(c, lang)
                if not why:
                    break  # a slot some rule admits: what blocks this account is not a publication rule
                for text in why:
                    rule_id = text.split(": ", 1)[0]
                    counts[rule_id] += 1
                    first.setdefault(rule_id, text)
            else:
                out += [say_in(WORDS, "refused", lang, why=first[rule_id], account=account, count=n)
                        for rule_id, n in counts.most_common()]
        return out
