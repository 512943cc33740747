"""Work after posting: replying to comments (回复粉丝评论) in the first hours after each post."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from planner.domain.plan import Plan, Task, Violation
from planner.domain.scenario import Account, Member, Scenario, Topic
from planner.domain.vocab import Role
from planner.rules.base import PostReads, Rule, grouped
from planner.rules.context import EncodeContext, PubCandidate, WorkCandidate
from planner.rules.kinds.team import task_date


class _ReplyParams(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")
    minutes: float = Field(30, gt=0, le=240, description="Minutes of replying each post needs.")
    within_hours: float = Field(2, gt=0, le=24, description="...inside this many hours after the post.")
    role: Role = Field("operator", description="Who replies: a member with this role who works for the account.")


def reply_stage(account_id: str) -> str:
    """The task name of the reply duty for a post on an account."""
    return f"reply:{account_id}"


class ReplyDuty(Rule):
    """Hard: every post (but a live session, which is the conversation itself) gets `minutes` of
    replies within `within_hours` of going out, by a member with the role who works for the account
    and is at work that day; the time counts against their hours, and a live session they run leaves
    them no time in the hours it covers."""

    kind = "reply_duty"
    Params = _ReplyParams
    among_publications = False
    publication_reads = PostReads.SLOT
    brings_duty = True

    # -- who could reply ---------------------------------------------------------------------
    def repliers(self, account: Account, day: date, scenario: Scenario) -> list[Member]:
        return [m for m in scenario.team if self.params.role in m.roles
                and (not m.accounts or account.id in m.accounts)
                and not m.is_off(day) and day not in scenario.horizon.holidays]

    def window(self, at: datetime) -> tuple[datetime, datetime]:
        return at, at + timedelta(hours=self.params.within_hours)

    def admits(self, topic: Topic, account: Account, at: Any, scenario: Scenario) -> str | None:
        # Reads the account and the time only (PostReads.SLOT): a live is exempted in duty_work, not here.
        if not self.applies_to_account(account) or not self.covers(account, at, scenario):
            return None
        day = scenario.horizon.localize(at).date()
        if not self.repliers(account, day, scenario):
            return f"nobody to reply to comments on {account.id} on {day} (a {self.params.role} who works for it)"
        return None

    def owes(self, topic: Topic, account: Account) -> bool:
        """A live session is the conversation itself: the duty follows the other posts."""
        return topic.format != "live" and self.applies(topic, account)

    def duty_work(self, post: PubCandidate, scenario: Scenario) -> list[WorkCandidate]:
        if not self.owes(post.topic, post.account) or not self.covers(post.account, post.at, scenario):
            return []
        day = post.at.date()
        return [WorkCandidate(post.topic, reply_stage(post.account.id), self.params.role, m, post.day, day,
                              self.params.minutes / 60, window=self.window(post.at))
                for m in self.repliers(post.account, day, scenario)]

    # -- the model ---------------------------------------------------------------------------
    def encode(self, ctx: EncodeContext) -> None:
        # Whether a member's duties fit in their windows beside their live sessions is the model's
        # own structure (duties of several rules share the member's evenings); here: one replier a post.
        for post in self.scoped_candidates(ctx):  # in scope and period (a warm-up's interaction days)
            if not self.owes(post.topic, post.account):
                continue
            duties = ctx.duties(post, self)
            label = f"{post.topic.id} on {post.account.id} at {post.at:%m-%d %H:%M}"
            terms = [(w.lit, 1) for w in duties] + [(post.lit, -1)]
            ctx.at_most(terms, 0, self, label)
            ctx.at_least(terms, 0, self, label)

    # -- a finished plan ---------------------------------------------------------------------
    def check(self, plan: Plan, scenario: Scenario) -> list[Violation]:
        out = []
        replies = grouped([t for t in plan.tasks if t.stage.startswith("reply:")], lambda t: (t.topic, t.stage))
        lives = [t for t in plan.tasks if t.stage == "live"]
        shown = {t.topic for t in plan.tasks}
        for pub in self.scoped_publications(plan, scenario):
            account = scenario.account_by_id[pub.account]
            if not self.owes(scenario.topic_by_id[pub.topic], account):
                continue
            at = scenario.horizon.localize(pub.at)
            window = self.window(at)
            name = f"{pub.topic} on {pub.account} at {at:%m-%d %H:%M}"
            able = self.repliers(account, at.date(), scenario)
            if pub.topic not in shown:  # a calendar that shows no work for it: is anyone there to reply at all?
                busy = sum(1 for p in plan.publications if _live_covers(p, window, scenario, self.params.minutes))
                if len(able) <= busy:
                    who = ", ".join(m.id for m in able) or "nobody"
                    out.append(self.violation(f"{name}: nobody free to reply (able that day: {who}; "
                                              f"{busy} live session(s) need an operator then)"))
                continue
            done = [t for t in replies.get((pub.topic, reply_stage(pub.account)), [])
                    if _inside(t, window, scenario) and t.hours >= self.params.minutes / 60 - 1e-6
                    and any(m in {a.id for a in able} for m in t.members)]
            if not done:
                out.append(self.violation(f"{name}: no {self.params.minutes:g} min of replies by a "
                                          f"{self.params.role} within {self.params.within_hours:g} h"))
                continue
            for task in done:
                for live in lives:
                    if set(live.members) & set(task.members) and task_date(live, scenario) == task_date(task, scenario) \
                            and _overlap(task, live, scenario):
                        out.append(self.violation(f"{name}: the replies overlap {live.topic}'s live session"))
        return out


def _free_minutes(window: tuple[datetime, datetime], busy: tuple[datetime, datetime]) -> float:
    """Minutes of the window outside the busy stretch."""
    total = (window[1] - window[0]).total_seconds() / 60
    overlap = (min(window[1], busy[1]) - max(window[0], busy[0])).total_seconds() / 60
    return total - max(0.0, overlap)


def _inside(task: Task, window: tuple[datetime, datetime], scenario: Scenario) -> bool:
    start, end = scenario.horizon.localize(task.start), scenario.horizon.localize(task.end)
    return window[0] <= start and end <= window[1]


def _overlap(a: Task, b: Task, scenario: Scenario) -> bool:
    localize = scenario.horizon.localize
    return localize(a.start) < localize(b.end) and localize(b.start) < localize(a.end)


def _live_covers(pub: Any, window: tuple[datetime, datetime], scenario: Scenario, minutes: float) -> bool:
    topic = scenario.topic_by_id.get(pub.topic)
    if topic is None or topic.format != "live" or topic.live_at is None:
        return False
    start = scenario.horizon.localize(topic.live_at)
    return _free_minutes(window, (start, start + timedelta(seconds=topic.duration_s))) < minutes


KINDS = [ReplyDuty]
