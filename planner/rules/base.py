"""The Rule base class: one kind = one small class holding every face of its meaning.

``encode`` (the CP-SAT model, through the narrow context) and ``check`` (a finished plan) are
required. The search asks for the others through this base class only, never by kind:

- ``publication_reads`` / ``admits``: a verdict on one publication alone (hard ones prune candidates);
- ``work_reads`` / ``admits_work``: a verdict on one work assignment alone;
- ``among_publications`` / ``admission``: posts judged together, admitted one at a time by the greedy
  and the explanations (``planner.rules.admission``);
- ``work_limits``: the hours a member may work per day and week;
- ``ready_lead_hours``: how long before a post everything it needs must be done.

Any rule may hold for a period only (``during``, ``planner.rules.period``): the base confines every
face to it. ``scoped_candidates`` and ``scoped_publications`` keep the posts inside the period, the
unary faces (``admits``, ``admits_work``) admit everything outside it, and an admission asks
``in_scope`` before it counts a post. A kind that judges posts through faces of its own (``admits``
on a plain Rule, ``duty_work``) asks ``covers`` there itself.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterable
from datetime import date, datetime
from typing import TYPE_CHECKING, Any, ClassVar

from pydantic import BaseModel, ConfigDict

from planner.domain.plan import Plan, Publication, Task, Violation
from planner.domain.scenario import Account, Member, RuleSpec, Scenario, Scope, Topic
from planner.messages import pick
from planner.rules.context import EncodeContext, PubCandidate, WorkCandidate
from planner.rules.kinds._time import local
from planner.rules.period import Period, parse_period

if TYPE_CHECKING:
    from planner.rules.admission import Admission, SlotTimes


class PostReads:
    """What a verdict on one publication reads; the solver keeps verdicts at that grain."""

    CONTENT = "content"  # the topic and the platform, never the time
    SLOT = "slot"  # the account and the time, never the topic
    TOPIC_TIME = "topic_time"  # the topic and the time, never the account
    POST = "post"  # all three


class WorkReads:
    """What a verdict on one work assignment reads."""

    MEMBER_DAY = "member_day"  # the member and the day only
    MEMBER_TOPIC = "member_topic"  # the member, topic, stage and role, never the day
    ASSIGNMENT = "assignment"  # all of it


class NoParams(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Rule(ABC):
    """A rule instance: its kind's meaning applied to a scope with parameters.

    Subclasses set ``kind``, ``Params`` and a docstring that starts "Hard:" or "Soft:".
    """

    kind: ClassVar[str]
    Params: ClassVar[type[BaseModel]] = NoParams
    default_hard: ClassVar[bool] = True
    default_weight: ClassVar[float] = 10.0
    #: A content rule judges a topic on its own (title, format...); ``planner check`` runs it.
    content: bool = False
    #: Its meaning relates publications to each other (caps, gaps, orders, shares): the greedy admits
    #: posts against it one at a time, through ``admission`` or, without one, the rule's own ``check``.
    among_publications: ClassVar[bool] = True
    #: What a verdict on one publication reads (see ``PostReads``); None: it judges no publication alone.
    publication_reads: str | None = None
    #: What a verdict on one assignment reads (see ``WorkReads``); None: it judges no assignment alone.
    work_reads: str | None = None
    #: What ``during`` confines: "post" (the day a post goes out), "work" (the day of a task; dates
    #: only, work belongs to no account), or None (the kind holds at all times and takes no period).
    period_of: ClassVar[str | None] = "post"
    #: Its ``duty_work`` offers work that follows each post (the solver asks only rules that say so).
    brings_duty: ClassVar[bool] = False

    def __init__(self, spec: RuleSpec, params: BaseModel) -> None:
        self.id = spec.id
        self.spec = spec
        self.scope: Scope = spec.scope
        self.params: Any = params
        self.hard: bool = self.default_hard if spec.hard is None else spec.hard
        self.weight: float = self.default_weight if spec.weight is None else spec.weight
        self.source = spec.source
        self.as_of = spec.as_of
        self.period: Period | None = parse_period(spec.during)
        #: The language of the words ``check`` writes (``resolve_rules(..., lang=)`` sets it).
        self.lang = "zh"
        if self.period is not None and self.publication_reads in (PostReads.CONTENT, PostReads.TOPIC_TIME):
            # A verdict in a period depends on the time, and on the account for days from its creation.
            self.publication_reads = PostReads.POST
            self.content = False
        if self.period is not None and self.work_reads == WorkReads.MEMBER_TOPIC:
            self.work_reads = WorkReads.ASSIGNMENT  # the verdict now depends on the day
        # Scope matching runs for every candidate: keep the sets and the answers.
        self._wanted = {key: (None if (v := self.scope.values(key)) is None else frozenset(v))
                        for key in ("platform", "account", "member", "tag", "category", "format", "goal")}
        self._topic_ok: dict[str, bool] = {}
        self._account_ok: dict[str, bool] = {}

    # -- scope -------------------------------------------------------------------------
    def applies_to_account(self, account: Account) -> bool:
        known = self._account_ok.get(account.id)
        if known is None:
            platforms, accounts = self._wanted["platform"], self._wanted["account"]
            known = (platforms is None or account.platform in platforms) and (accounts is None or account.id in accounts)
            self._account_ok[account.id] = known
        return known

    def applies_to_topic(self, topic: Topic) -> bool:
        known = self._topic_ok.get(topic.id)
        if known is None:
            known = True
            for key, value in (("tag", topic.tags), ("category", [topic.category]), ("format", [topic.format]),
                               ("goal", [topic.goal])):
                wanted = self._wanted[key]
                if wanted is not None and not wanted & set(value):
                    known = False
            self._topic_ok[topic.id] = known
        return known

    def applies_to_member(self, member: Member) -> bool:
        members = self._wanted["member"]
        return members is None or member.id in members

    def applies(self, topic: Topic, account: Account) -> bool:
        return self.applies_to_topic(topic) and self.applies_to_account(account)

    # -- the period (``during``) ---------------------------------------------------------
    def covers(self, account: Account, moment: datetime, scenario: Scenario) -> bool:
        """Whether a post on ``account`` at ``moment`` falls in the rule's period (always without one)."""
        return self.period is None or self.period.holds(account, local(moment, account, scenario).date())

    def covers_day(self, account: Account | None, day: date) -> bool:
        """Whether ``day`` (the account's own calendar day; a work day for rules about work) is in the period."""
        return self.period is None or self.period.holds(account, day)

    def in_scope(self, c: PubCandidate, times: SlotTimes) -> bool:
        """Scope and period of one candidate, for admission faces (``times`` keeps the local dates)."""
        return self.applies(c.topic, c.account) and (self.period is None or self.period.holds(c.account, times.local_date(c)))

    def scoped_publications(self, plan: Plan, scenario: Scenario, anytime: bool = False) -> list[Publication]:
        """Publications of a plan this rule looks at (unknown ids are skipped here): in its scope and,
        unless ``anytime``, in its period."""
        out = []
        for pub in plan.publications:
            topic = scenario.topic_by_id.get(pub.topic)
            account = scenario.account_by_id.get(pub.account)
            if topic and account and self.applies(topic, account) and (anytime or self.covers(account, pub.at, scenario)):
                out.append(pub)
        return out

    def scoped_candidates(self, ctx: EncodeContext, anytime: bool = False) -> list[PubCandidate]:
        """Candidates in the rule's scope and, unless ``anytime``, its period."""
        # Scope is judged once per (topic, account), not per slot: on L that is 1,000 times fewer.
        out = [c for cs in ctx.publications_by_pair().values() if cs and self.applies(cs[0].topic, cs[0].account)
               for c in cs]
        if self.period is None or anytime:
            return out
        return [c for c in out if self.covers(c.account, c.at, ctx.scenario)]

    # -- the two faces -----------------------------------------------------------------
    @abstractmethod
    def encode(self, ctx: EncodeContext) -> None:
        """Add this rule's constraints (hard) or penalties (soft) through ``ctx``."""

    @abstractmethod
    def check(self, plan: Plan, scenario: Scenario) -> list[Violation]:
        """Violations of this rule in a finished plan, found without the solver."""

    # -- faces the search asks for where a kind has them --------------------------------
    def admits(self, topic: Topic, account: Account, at: Any, scenario: Scenario) -> str | None:
        """One publication alone: None when allowed, else the reason it is not."""
        return None

    def admits_work(self, work: WorkCandidate, scenario: Scenario) -> str | None:
        """One work assignment alone: None when allowed, else why not."""
        return None

    def admission(self, scenario: Scenario, times: SlotTimes) -> Admission | None:
        """An incremental judge of posts added one at a time; None: the greedy uses ``check``."""
        return None

    def work_limits(self, member: Member, scenario: Scenario) -> tuple[float, float | None] | None:
        """(hours per day, hours per week or None) this rule allows the member; None: no limit."""
        return None

    def ready_lead_hours(self) -> float:
        """Hours between the end of a post's last stage and the post that this rule requires."""
        return 0.0

    def duty_work(self, post: PubCandidate, scenario: Scenario) -> list[WorkCandidate]:
        """Work a post brings with it (replying to comments), one candidate per member who could do
        it; the solver gives each a literal, counts its hours and hands them back in ``ctx.duties``."""
        return []

    # -- helpers -----------------------------------------------------------------------
    def say(self, zh: str, en: str) -> str:
        """One of two wordings, in the rule's language."""
        return pick(self.lang, zh, en)

    def violation(self, detail: str, units: float = 1.0) -> Violation:
        if self.period is not None:
            words = self.period.words(self.lang)
            detail += self.say(f"（适用期：{words}）", f" (the rule holds {words})")
        return Violation(rule=self.id, hard=self.hard, penalty=0.0 if self.hard else self.weight * units,
                         detail=detail, source=self.source)

    def summary(self) -> str:
        doc = (type(self).__doc__ or "").strip().splitlines()
        return doc[0] if doc else self.kind


class UnaryPublicationRule(Rule):
    """A rule that judges each publication on its own (topic, account, time).

    Hard ones prune candidates before the model is built; soft ones cost per publication.
    """

    among_publications = False
    publication_reads = PostReads.POST

    def admits(self, topic: Topic, account: Account, at: Any, scenario: Scenario) -> str | None:
        """None when allowed (or outside the rule's period), else the reason it is not."""
        if self.period is not None and at is not None and not self.covers(account, at, scenario):
            return None
        return self.judge_post(topic, account, at, scenario)

    @abstractmethod
    def judge_post(self, topic: Topic, account: Account, at: Any, scenario: Scenario) -> str | None:
        """The kind's verdict on one post, whenever it goes out: None when allowed, else why not."""

    def encode(self, ctx: EncodeContext) -> None:
        # Verdicts shared where the rule reads less than the whole candidate: (account, time) when
        # the topic does not matter, (topic, platform) for content rules.
        verdicts: dict[tuple[str, Any], bool] = {}
        content = self.publication_reads == PostReads.CONTENT

        def refused(c: PubCandidate) -> bool:
            if self.publication_reads not in (PostReads.CONTENT, PostReads.SLOT):
                return self.admits(c.topic, c.account, c.at, ctx.scenario) is not None
            key = (c.topic.id, c.account.platform) if content else (c.account.id, c.at)
            if key not in verdicts:
                verdicts[key] = self.admits(c.topic, c.account, c.at, ctx.scenario) is not None
            return verdicts[key]

        bad = [c.lit for c in self.scoped_candidates(ctx) if refused(c)]
        if bad:
            ctx.forbid(bad, self, "publication")

    def check(self, plan: Plan, scenario: Scenario) -> list[Violation]:
        out = []
        for pub in self.scoped_publications(plan, scenario):
            topic, account = scenario.topic_by_id[pub.topic], scenario.account_by_id[pub.account]
            reason = self.admits(topic, account, scenario.horizon.localize(pub.at), scenario)
            if reason is not None:
                out.append(self.violation(f"{pub.topic} on {pub.account} at {pub.at:%Y-%m-%d %H:%M}: {reason}"))
        return out


class ContentRule(UnaryPublicationRule):
    """A unary rule that depends only on the topic and platform, never on the time."""

    content = True
    publication_reads = PostReads.CONTENT

    @abstractmethod
    def judge(self, topic: Topic, platform: str) -> str | None:
        """None when the topic fits the platform, else what is wrong."""

    def judge_post(self, topic: Topic, account: Account, at: Any, scenario: Scenario) -> str | None:
        return self.judge(topic, account.platform)

    def check_topics(self, scenario: Scenario) -> list[tuple[int, str, str]]:
        """(topic index, platform, problem) for every topic this rule rejects statically."""
        out: list[tuple[int, str, str]] = []
        if self.period is not None:
            return out  # in a period, a topic is judged by when it goes out: the plan's check does that
        for index, topic in enumerate(scenario.topics):
            if not self.applies_to_topic(topic):
                continue
            for platform in topic.platforms:
                accounts = [a for a in scenario.candidate_accounts(topic) if a.platform == platform]
                if any(self.applies_to_account(a) for a in accounts):
                    reason = self.judge(topic, platform)
                    if reason is not None:
                        out.append((index, platform, reason))
        return out


class UnaryWorkRule(Rule):
    """A rule that judges each work assignment on its own; hard ones prune candidates."""

    among_publications = False
    work_reads = WorkReads.ASSIGNMENT
    period_of = "work"

    def admits_work(self, work: WorkCandidate, scenario: Scenario) -> str | None:
        """None when the assignment is allowed (or outside the rule's period), else why not."""
        if not self.covers_day(None, work.date):
            return None
        return self.judge_work(work, scenario)

    @abstractmethod
    def judge_work(self, work: WorkCandidate, scenario: Scenario) -> str | None:
        """The kind's verdict on one assignment, whenever it is: None when allowed, else why not."""

    def scoped_tasks(self, plan: Plan, scenario: Scenario) -> list[Task]:
        """The plan's tasks on days inside the rule's period (all of them without one)."""
        return [t for t in plan.tasks if self.covers_day(None, scenario.horizon.localize(t.start).date())]

    def encode(self, ctx: EncodeContext) -> None:
        bad = [w.lit for w in ctx.work() if self.admits_work(w, ctx.scenario) is not None]
        if bad:
            ctx.forbid(bad, self, "assignment")


def member_limits(rules: Iterable[Rule], member: Member, scenario: Scenario,
                  hard_only: bool = True) -> tuple[float, float | None] | None:
    """The tightest (hours per day, per week) the rules allow a member; None when no rule limits them."""
    day: float | None = None
    week: float | None = None
    for rule in rules:
        if hard_only and not rule.hard:
            continue
        limits = rule.work_limits(member, scenario)
        if limits is None:
            continue
        day = limits[0] if day is None else min(day, limits[0])
        if limits[1] is not None:
            week = limits[1] if week is None else min(week, limits[1])
    return None if day is None else (day, week)


def lead_hours(rules: Iterable[Rule]) -> float:
    """The longest lead time any hard rule asks between production and posting."""
    return max((r.ready_lead_hours() for r in rules if r.hard), default=0.0)


def week_key(day: date) -> tuple[int, int]:
    iso = day.isocalendar()
    return (iso[0], iso[1])


def grouped(items: Iterable[Any], key: Any) -> dict[Any, list[Any]]:
    out: dict[Any, list[Any]] = {}
    for item in items:
        out.setdefault(key(item), []).append(item)
    return out
