"""Rules on how a topic is produced as real teams do it: long stages over several days, when
production may happen, and topics that must go out."""

from __future__ import annotations

from datetime import date

from pydantic import BaseModel, ConfigDict, Field

from planner.domain.plan import Plan, Violation
from planner.domain.scenario import Scenario, Topic
from planner.domain.templates import stage_stem
from planner.rules.base import Rule, UnaryWorkRule, grouped
from planner.rules.context import EncodeContext, WorkCandidate
from planner.rules.kinds.team import task_date


class _SplitParams(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")
    max_days: int | None = Field(None, ge=1, le=92, description=(
        "A stage in day-parts runs within this many days, first to last; default: no limit."))
    across_members: bool = Field(False, description="The day-parts may go to different members of the role.")


class StageSplit(Rule):
    """Hard: a stage longer than anyone's day runs in day-parts on several days, by the same people
    (unless across_members), within max_days of its first part."""

    kind = "stage_split"
    Params = _SplitParams
    among_publications = False
    period_of = None

    def encode(self, ctx: EncodeContext) -> None:
        # (topic, stage, role) -> member -> that member's literals for it, one per day
        mine: dict[tuple[str, str, str], dict[str, list[object]]] = {}
        for w in ctx.work():
            mine.setdefault((w.topic.id, w.stage, w.role), {}).setdefault(w.member.id, []).append(w.lit)
        for topic in ctx.scenario.topics:
            if not self.applies_to_topic(topic):
                continue
            for stem, parts in grouped([s for s in ctx.stages(topic.id) if s.parts > 1], lambda s: s.base).items():
                first, last = parts[0], parts[-1]
                if not self.params.across_members:  # whoever does the first part does every part
                    for later in parts[1:]:
                        for role in first.roles:
                            was = mine.get((topic.id, first.name, role), {})
                            now = mine.get((topic.id, later.name, role), {})
                            for member in sorted(set(was) | set(now)):
                                terms = [(lit, 1) for lit in now.get(member, [])]
                                terms += [(lit, -1) for lit in was.get(member, [])]
                                label = f"{topic.id} {stem} {role} {member}"
                                ctx.at_most(terms, 0, self, label)
                                ctx.at_least(terms, 0, self, label)
                if self.params.max_days is not None:
                    starts, ends = ctx.stage_days(topic.id, first.name), ctx.stage_days(topic.id, last.name)
                    for d1, z1 in starts.items():
                        for d2, z2 in ends.items():
                            if d2 - d1 >= self.params.max_days:
                                ctx.at_most([(z1, 1), (z2, 1)], 1, self, f"{topic.id} {stem} within days")

    def check(self, plan: Plan, scenario: Scenario) -> list[Violation]:
        out = []
        for (topic_id, stage), tasks in sorted(grouped(plan.tasks, lambda t: (t.topic, t.stage)).items()):
            topic = scenario.topic_by_id.get(topic_id)
            if topic is None or not self.applies_to_topic(topic):
                continue
            # A day's tasks are one part (a hand-made calendar may list each person on their own).
            by_day = {day: frozenset(m for t in items for m in t.members)
                      for day, items in sorted(grouped(tasks, lambda t: task_date(t, scenario)).items())}
            if len(by_day) < 2:
                continue
            if not self.params.across_members and len(set(by_day.values())) > 1:
                who = "; ".join(f"{', '.join(sorted(people))} {day:%m-%d}" for day, people in by_day.items())
                out.append(self.violation(f"{topic_id} {stage} is split between different people: {who}"))
            span = (max(by_day) - min(by_day)).days + 1
            if self.params.max_days is not None and span > self.params.max_days:
                out.append(self.violation(f"{topic_id} {stage} spans {span} days (max {self.params.max_days})"))
        return out


class ProductionWindow(UnaryWorkRule):
    """Hard: a topic is produced between its produce_after and produce_before days, and shot on one
    of its shoot_on days (an event filmed before it opens, a location booked for a day)."""

    kind = "production_window"

    def reason(self, topic: Topic, stage: str, day: date) -> str | None:
        stem = stage_stem(stage)
        if stem == "live" or not self.applies_to_topic(topic):
            return None  # the session itself is the post: its time is the topic's live_at
        if topic.produce_after is not None and day < topic.produce_after:
            return f"{topic.id} is produced from {topic.produce_after}"
        if topic.produce_before is not None and day > topic.produce_before:
            return f"{topic.id} is produced by {topic.produce_before}"
        if stem == "shoot" and topic.shoot_on and day not in topic.shoot_on:
            return f"{topic.id} is shot on {', '.join(str(d) for d in topic.shoot_on)} only"
        return None

    def judge_work(self, work: WorkCandidate, scenario: Scenario) -> str | None:
        return self.reason(work.topic, work.stage, work.date)

    def check(self, plan: Plan, scenario: Scenario) -> list[Violation]:
        out = []
        for task in self.scoped_tasks(plan, scenario):
            topic = scenario.topic_by_id.get(task.topic)
            if topic is not None and (why := self.reason(topic, task.stage, task_date(task, scenario))):
                out.append(self.violation(f"{task.stage} on {task_date(task, scenario)}: {why}"))
        return out


class RequiredTopic(Rule):
    """Hard: a topic marked required goes out in the horizon on at least that many accounts (a
    contract deliverable), at whatever time fits."""

    kind = "required_topic"
    among_publications = False
    period_of = None

    def encode(self, ctx: EncodeContext) -> None:
        by_topic: dict[str, list[object]] = {}
        for (topic_id, _account), cands in ctx.publications_by_pair().items():
            by_topic.setdefault(topic_id, []).extend(c.lit for c in cands)
        for topic in ctx.scenario.topics:
            need = topic.required_accounts
            if need and self.applies_to_topic(topic):
                ctx.at_least([(lit, 1) for lit in by_topic.get(topic.id, [])], need, self, f"{topic.id} required")

    def check(self, plan: Plan, scenario: Scenario) -> list[Violation]:
        out = []
        for topic in scenario.topics:
            need = topic.required_accounts
            if not need or not self.applies_to_topic(topic):
                continue
            accounts = {p.account for p in plan.publications if p.topic == topic.id}
            if len(accounts) < need:
                out.append(self.violation(f"{topic.id} is required on {need} account(s), published on {len(accounts)}",
                                          units=need - len(accounts)))
        return out


KINDS = [StageSplit, ProductionWindow, RequiredTopic]
