"""The team: capacity, days off, who appears on camera, and production before publishing."""

from __future__ import annotations

import math
from datetime import date, timedelta

from pydantic import BaseModel, ConfigDict, Field

from planner.domain.plan import Plan, Task, Violation
from planner.domain.scenario import Member, Scenario, Topic
from planner.domain.templates import ON_CAMERA_STAGES, final_stages, topic_stages
from planner.rules.base import Rule, UnaryWorkRule, WorkReads, grouped, week_key
from planner.rules.context import EncodeContext, WorkCandidate
from planner.rules.kinds.order import _count_by

QUARTERS = 4  # hours are counted in quarter hours inside the model


def task_date(task: Task, scenario: Scenario) -> date:
    return scenario.horizon.localize(task.start).date()


class _CapacityParams(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")
    hours_per_day: float | None = Field(None, gt=0, le=24, description="Default: each member's own.")
    hours_per_week: float | None = Field(None, gt=0, le=168, description="Default: each member's own.")


class MemberCapacity(Rule):
    """Hard: nobody works more than their hours per day (and per week, where set), nor past the working day.

    Work beyond the horizon's working hours would spill into the evening; the day's cap is the
    smaller of the member's hours and the working day's length.
    """

    kind = "member_capacity"
    Params = _CapacityParams
    among_publications = False
    period_of = "work"

    def work_limits(self, member: Member, scenario: Scenario) -> tuple[float, float | None] | None:
        # With a period the limit is given for every day: the greedy's start stays feasible, only tighter.
        return self.limits(member, scenario) if self.applies_to_member(member) else None

    def limits(self, member: Member, scenario: Scenario) -> tuple[float, float | None]:
        start, end = scenario.horizon.work_window()
        window = (end.hour * 60 + end.minute - start.hour * 60 - start.minute) / 60
        per_day = min(self.params.hours_per_day or member.hours_per_day, window)
        return (per_day, self.params.hours_per_week or member.hours_per_week)

    def encode(self, ctx: EncodeContext) -> None:
        scoped = [w for w in ctx.member_hours() if self.applies_to_member(w.member) and self.covers_day(None, w.date)]
        for member_id, work in grouped(scoped, lambda w: w.member.id).items():
            per_day, per_week = self.limits(work[0].member, ctx.scenario)
            for _day, items in grouped(work, lambda w: w.day).items():
                self._cap(ctx, items, per_day, f"{member_id} {items[0].date}")
            if per_week is not None:
                for week, items in grouped(work, lambda w: week_key(w.date)).items():
                    self._cap(ctx, items, per_week, f"{member_id} week {week[1]}")

    def _cap(self, ctx: EncodeContext, items: list[WorkCandidate], hours: float, label: str) -> None:
        terms = [(w.lit, round(w.hours * QUARTERS)) for w in items]
        cap = math.floor(hours * QUARTERS + 1e-9)
        if sum(c for _, c in terms) <= cap:
            return
        ctx.at_most(terms, cap, self, label)
        if not self.hard:
            return
        # Rounded copies of the cap (divide by a task's length, round down both sides): a day of 5 h
        # holds one 3 h task, not 5/3 of one. Whole plans keep them anyway; the LP bound did not
        # (it filled every hour with fractions of tasks) and now does. Only where rounding cuts.
        for size in sorted({c for _, c in terms if c > 0 and cap % c}):
            rounded = [(lit, c // size) for lit, c in terms if c >= size]
            if sum(k for _, k in rounded) > cap // size:
                ctx.at_most(rounded, cap // size, self, f"{label} ({size / QUARTERS:g} h tasks)")

    def check(self, plan: Plan, scenario: Scenario) -> list[Violation]:
        out = []
        for member in scenario.team:
            if not self.applies_to_member(member):
                continue
            per_day, per_week = self.limits(member, scenario)
            tasks = [t for t in plan.tasks if member.id in t.members
                     and self.covers_day(None, task_date(t, scenario))]
            for day, items in sorted(grouped(tasks, lambda t: task_date(t, scenario)).items()):
                hours = sum(t.hours for t in items)
                if hours > per_day + 1e-6:
                    out.append(self.violation(f"{member.id} works {hours:g} h on {day} (max {per_day:g} h)"))
            if per_week is not None:
                for week, items in sorted(grouped(tasks, lambda t: week_key(task_date(t, scenario))).items()):
                    hours = sum(t.hours for t in items)
                    if hours > per_week + 1e-6:
                        out.append(self.violation(f"{member.id} works {hours:g} h in week {week[1]} (max {per_week:g} h)"))
        return out


class Availability(UnaryWorkRule):
    """Hard: nobody is given work on their days off, leave or the team's holidays."""

    kind = "availability"
    work_reads = WorkReads.MEMBER_DAY

    def reason(self, member: Member, day: date, scenario: Scenario) -> str | None:
        if day in scenario.horizon.holidays:
            return f"{day} is a holiday"
        if member.is_off(day):
            return f"{member.id} is off on {day}"
        return None

    def judge_work(self, work: WorkCandidate, scenario: Scenario) -> str | None:
        if not self.applies_to_member(work.member):
            return None
        return self.reason(work.member, work.date, scenario)

    def check(self, plan: Plan, scenario: Scenario) -> list[Violation]:
        out = []
        for task in self.scoped_tasks(plan, scenario):
            for member_id in task.members:
                member = scenario.member_by_id.get(member_id)
                if member is None or not self.applies_to_member(member):
                    continue
                why = self.reason(member, task_date(task, scenario), scenario)
                if why:
                    out.append(self.violation(f"{task.topic} {task.stage}: {why}"))
        return out


class RequiredTalent(UnaryWorkRule):
    """Hard: a topic that names its on-camera talent is shot (or streamed) with exactly those people."""

    kind = "required_talent"
    work_reads = WorkReads.MEMBER_TOPIC

    def judge_work(self, work: WorkCandidate, scenario: Scenario) -> str | None:
        if (work.role == "talent" and work.topic.talent and work.member.id not in work.topic.talent
                and self.applies_to_topic(work.topic)):
            return f"{work.topic.id} asks for {', '.join(work.topic.talent)} on camera"
        return None

    def check(self, plan: Plan, scenario: Scenario) -> list[Violation]:
        out = []
        for task in self.scoped_tasks(plan, scenario):
            topic = scenario.topic_by_id.get(task.topic)
            if topic and topic.talent and task.stage in ON_CAMERA_STAGES and self.applies_to_topic(topic):
                missing = [m for m in topic.talent if m not in task.members]
                if missing:
                    out.append(self.violation(f"{task.topic} {task.stage} lacks talent {', '.join(missing)}"))
        return out


class _LeadParams(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")
    hours: float = Field(0, ge=0, le=24 * 14)


class MemberAccounts(UnaryWorkRule):
    """Hard: a member scoped to some accounts (a client team) works only on topics for them."""

    kind = "member_accounts"
    work_reads = WorkReads.MEMBER_TOPIC

    def reason(self, member: Member, topic: Topic, scenario: Scenario) -> str | None:
        if not member.accounts or not self.applies_to_member(member) or not self.applies_to_topic(topic):
            return None
        if any(a.id in member.accounts for a in scenario.candidate_accounts(topic)):
            return None
        return f"{member.id} works for {', '.join(member.accounts)} only"

    def judge_work(self, work: WorkCandidate, scenario: Scenario) -> str | None:
        return self.reason(work.member, work.topic, scenario)

    def check(self, plan: Plan, scenario: Scenario) -> list[Violation]:
        out = []
        for task in self.scoped_tasks(plan, scenario):
            topic = scenario.topic_by_id.get(task.topic)
            for member_id in task.members:
                member = scenario.member_by_id.get(member_id)
                if topic is not None and member is not None and (why := self.reason(member, topic, scenario)):
                    out.append(self.violation(f"{task.topic} {task.stage}: {why}"))
        return out


class LeadTime(Rule):
    """Hard: everything a post needs (edit, review, 二次剪辑) is done at least ``hours`` before it goes out."""

    kind = "lead_time"
    Params = _LeadParams
    among_publications = False

    def ready_lead_hours(self) -> float:
        return float(self.params.hours)

    def encode(self, ctx: EncodeContext) -> None:
        lead = timedelta(hours=self.params.hours)
        done_by: dict[tuple[str, str], list] = {}
        cutoff_of: dict = {}
        groups: dict[tuple[str, str, str], list] = {}  # (topic, account, stage) -> (cutoff day, post)
        for c in self.scoped_candidates(ctx):
            if c.at not in cutoff_of:
                # The last day whose working hours end early enough for this slot.
                day = ctx.day_of(c.at)
                while day >= 0 and ctx.day_end(day) + lead > c.at:
                    day -= 1
                cutoff_of[c.at] = day
            for stage in final_stages(c.topic, c.account.platform):
                groups.setdefault((c.topic.id, c.account.id, stage), []).append((cutoff_of[c.at], c.lit))
        for (topic_id, account_id, stage), posts in groups.items():
            key = (topic_id, stage)
            if key not in done_by:
                days = ctx.stage_days(topic_id, stage)
                done_by[key] = ctx.running_count(sorted(days.items()), f"{self.id}:{topic_id}:{stage}") if days else []
            label = f"{topic_id} {stage} before {account_id}"
            if self.hard:
                # A topic goes out once per account, so its posts due by day d together need the
                # stage done by d: much tighter in the LP relaxation than one post at a time (the
                # demo's relaxation let three half-posts lean on one half-done edit).
                posted = ctx.running_count(posts, f"{self.id}:{topic_id}:{account_id}:{stage}")
                for cutoff, count in posted:
                    done = _count_by(done_by[key], cutoff) if cutoff >= 0 else []
                    ctx.at_most([(count, 1)] + [(v, -k) for v, k in done], 0, self, label)
                continue
            for cutoff, lits in grouped(posts, lambda p: p[0]).items():  # soft: one penalty per late post
                done = _count_by(done_by[key], cutoff) if cutoff >= 0 else []
                ctx.at_most([(lit, 1) for _, lit in lits] + [(v, -k) for v, k in done], 0, self, label)

    def check(self, plan: Plan, scenario: Scenario) -> list[Violation]:
        if not plan.tasks:
            return []  # a calendar without tasks says nothing about production
        lead = timedelta(hours=self.params.hours)
        tasks = grouped(plan.tasks, lambda t: (t.topic, t.stage))
        out = []
        for pub in self.scoped_publications(plan, scenario):
            topic = scenario.topic_by_id[pub.topic]
            for stage in final_stages(topic, pub.platform):
                done = tasks.get((pub.topic, stage))
                if not done:
                    out.append(self.violation(f"{pub.topic} goes out on {pub.account} without its {stage}"))
                elif max(t.end for t in done) + lead > pub.at:
                    out.append(self.violation(
                        f"{pub.topic} {stage} ends {max(t.end for t in done):%m-%d %H:%M}, less than "
                        f"{self.params.hours:g} h before {pub.account} at {pub.at:%m-%d %H:%M}"))
        return out


class StageOrder(Rule):
    """Hard: a topic's stages keep their order (script, shoot, edit, ...), each on a later day than the one before.

    A day apart leaves room for review and re-takes, and keeps each day's work free of hand-offs.
    """

    kind = "stage_order"
    among_publications = False
    period_of = None

    def encode(self, ctx: EncodeContext) -> None:
        for topic in ctx.scenario.topics:
            if not self.applies_to_topic(topic):
                continue
            for stage in ctx.stages(topic.id):
                for before in stage.after:
                    prev, nxt = ctx.stage_days(topic.id, before), ctx.stage_days(topic.id, stage.name)
                    if not nxt:
                        continue
                    done = ctx.running_count(sorted(prev.items()), f"{self.id}:{topic.id}:{before}") if prev else []
                    # started by day d implies the earlier stage done by day d
                    started = ctx.running_count(sorted(nxt.items()), f"{self.id}:{topic.id}:{stage.name}")
                    for day, count in started:
                        ctx.at_most([(count, 1)] + [(v, -k) for v, k in _count_by(done, day - 1)], 0, self,
                                    f"{topic.id} {before} before {stage.name}")

    def check(self, plan: Plan, scenario: Scenario) -> list[Violation]:
        out = []
        tasks = grouped(plan.tasks, lambda t: (t.topic, t.stage))
        for topic_id in sorted({t.topic for t in plan.tasks}):
            topic: Topic | None = scenario.topic_by_id.get(topic_id)
            if topic is None or not self.applies_to_topic(topic):
                continue
            for stage in topic_stages(topic):
                mine = tasks.get((topic_id, stage.name), [])
                for before in stage.after:
                    prev = tasks.get((topic_id, before), [])
                    if mine and not prev:
                        out.append(self.violation(f"{topic_id} {stage.name} without {before}"))
                    elif mine and min(task_date(t, scenario) for t in mine) <= max(task_date(t, scenario) for t in prev):
                        out.append(self.violation(f"{topic_id} {stage.name} is not on a later day than {before}"))
        return out


KINDS = [MemberCapacity, Availability, RequiredTalent, MemberAccounts, LeadTime, StageOrder]
