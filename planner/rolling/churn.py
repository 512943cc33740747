"""What a replan changed against the earlier plan, after the moment it rolled from, and why."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from planner.domain.plan import Plan, Publication
from planner.domain.scenario import Scenario
from planner.rolling.words import say


@dataclass
class Change:
    kind: str  # moved | dropped | added
    topic: str
    account: str
    before: datetime | None
    after: datetime | None
    why: str = ""


@dataclass
class Churn:
    moment: datetime
    kept: int  # posts after the moment in both plans, same account and time
    changed_before: int  # posts before the moment that differ, or moved into the time before it
    changes: list[Change] = field(default_factory=list)

    def count(self, kind: str) -> int:
        return sum(c.kind == kind for c in self.changes)

    @property
    def share(self) -> float:
        """Posts of the earlier plan after the moment that moved or were dropped, over all of them
        (posts added where the earlier plan had none disturb nothing planned)."""
        disturbed = self.count("moved") + self.count("dropped")
        base = self.kept + disturbed
        return disturbed / base if base else 0.0

    def lines(self, lang: str = "zh", limit: int = 20) -> list[str]:
        moment = f"{self.moment:%Y-%m-%d %H:%M}"
        out = [say("churn", lang, moment=moment, kept=self.kept, moved=self.count("moved"),
                   dropped=self.count("dropped"), added=self.count("added"), share=self.share)]
        if self.changed_before:
            out.append(say("before_changed", lang, count=self.changed_before, moment=moment))
        for change in self.changes[:limit]:
            out.append(say(change.kind, lang, topic=change.topic, account=change.account, why=change.why,
                           before=f"{change.before:%m-%d %H:%M}" if change.before else "",
                           after=f"{change.after:%m-%d %H:%M}" if change.after else ""))
        if len(self.changes) > limit:
            out.append(f"  ... +{len(self.changes) - limit}")
        return out


def plan_changes(old: Plan, new: Plan, scenario: Scenario, moment: datetime, lang: str = "zh") -> Churn:
    """Posts of ``old`` and ``new`` compared by topic and account: after ``moment`` each one kept,
    moved (another time), dropped or added, with the reason a planner can give for it."""
    horizon = scenario.horizon
    moment = horizon.localize(moment)

    def by_pair(plan: Plan) -> dict[tuple[str, str], Publication]:
        return {(p.topic, p.account): p for p in plan.publications}

    before, after = by_pair(old), by_pair(new)
    churn = Churn(moment, 0, 0)
    unscheduled = {u.topic: u.reasons for u in new.unscheduled}
    made = {p.topic for p in new.publications}
    rules: list = []  # resolved once, when a moved post needs a reason
    for key in sorted(set(before) | set(after)):
        was, now = before.get(key), after.get(key)
        was_at = horizon.localize(was.at) if was else None
        now_at = horizon.localize(now.at) if now else None
        first = was_at if was_at is not None else now_at
        if first is not None and first < moment:  # the earlier plan had it before the moment: pinned
            churn.changed_before += was_at != now_at
            continue
        if was_at == now_at:
            churn.kept += 1
        elif was is None:
            churn.changes.append(Change("added", *key, None, now_at))
        elif now is None:
            churn.changes.append(Change("dropped", *key, was_at, None, _why_dropped(key[0], scenario, unscheduled,
                                                                                     made, lang)))
        else:
            churn.changes.append(Change("moved", *key, was_at, now_at, _why_moved(was, now, scenario, rules, lang)))
    churn.changes.sort(key=lambda c: (c.before or c.after or moment, c.topic))
    churn.changed_before += sum(1 for c in churn.changes if c.after is not None and c.after < moment)
    return churn


def _why_dropped(topic: str, scenario: Scenario, unscheduled: dict[str, list[str]], made: set[str], lang: str) -> str:
    if topic not in scenario.topic_by_id:
        return say("why_gone", lang)
    if topic in unscheduled:
        return say("why_unscheduled", lang, reason=(unscheduled[topic] or ["?"])[0])
    return say("why_fewer", lang) if topic in made else say("why_room", lang)


def _why_moved(was: Publication, now: Publication, scenario: Scenario, rules: list, lang: str) -> str:
    """The old slot refused by a hard rule of the scenario as it is now; else the value gained; else room."""
    from planner.rules import resolve_rules

    if not rules:
        rules += [r for r in resolve_rules(scenario) if r.hard]
    topic = scenario.topic_by_id.get(was.topic)
    account = scenario.account_by_id.get(was.account)
    if topic is not None and account is not None:
        at = scenario.horizon.localize(was.at)
        for rule in rules:
            if rule.applies(topic, account):
                reason = rule.admits(topic, account, at, scenario)
                if reason is not None:
                    return say("why_rule", lang, reason=f"{rule.id}: {reason}")
    old, new = was.expected.get("value"), now.expected.get("value")
    if old is not None and new is not None and new > old + 1e-6:
        return say("why_value", lang, old=old, new=new)
    return say("why_room", lang)
