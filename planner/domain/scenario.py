"""The scenario: what a user plans with. Frozen pydantic models, checked on construction."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime, time, timedelta
from functools import cached_property
from typing import Any, Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import Field, PrivateAttr, ValidationInfo, field_validator, model_validator

from planner.domain.base import Day, HourRange, Id, Moment, PathText, Sealed, freeze, parse_hour_range
from planner.domain.recurring import Series, TopicsFrom
from planner.domain.vocab import WEEKDAYS, Format, Goal, Platform, Role, Weekday, lang_of

Aspect = Literal["9:16", "16:9", "3:4", "4:3", "1:1"]


def _comparable(moment: datetime) -> datetime:
    """For ordering checks inside one object: naive times read as the default zone (Asia/Shanghai)."""
    return moment if moment.tzinfo else moment.replace(tzinfo=ZoneInfo("Asia/Shanghai"))


class Horizon(Sealed):
    """The planning period: days from ``start`` in one time zone, cut into slots."""

    start: Day
    days: int = Field(14, ge=1, le=92)
    timezone: str = "Asia/Shanghai"
    slot_minutes: Literal[15, 30, 60, 120] = 60
    work_hours: HourRange = "10:00-19:00"
    publish_hours: HourRange = Field("07:00-23:00", description="Hours in which any post may go out.")
    holidays: list[Day] = Field(default_factory=list, description="No production work on these days.")
    plannable_from: Moment | None = Field(None, description=(
        "Before this time only the pinned posts go out (a replan from a moment: the past stays as it was)."))

    @field_validator("timezone")
    @classmethod
    def _known_zone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError):
            raise ValueError(f"unknown time zone '{value}'") from None
        return value

    @field_validator("start")
    @classmethod
    def _plausible_start(cls, value: date) -> date:
        if not date(2000, 1, 1) <= value <= date(2100, 12, 31):
            raise ValueError(f"horizon start {value} is not between 2000 and 2100")
        return value

    @property
    def tz(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)

    @property
    def end(self) -> date:
        """The first day after the horizon."""
        return self.start + timedelta(days=self.days)

    def dates(self) -> list[date]:
        return [self.start + timedelta(days=i) for i in range(self.days)]

    def contains(self, day: date) -> bool:
        return self.start <= day < self.end

    def at(self, day: date, clock: time) -> datetime:
        """An aware datetime on ``day`` at ``clock`` in the horizon's zone."""
        return datetime.combine(day, clock, tzinfo=self.tz)

    def localize(self, moment: datetime | date) -> datetime:
        """Attach the horizon's zone to naive values; convert aware ones into it."""
        if not isinstance(moment, datetime):
            return self.at(moment, time(0, 0))
        if moment.tzinfo is None:
            return moment.replace(tzinfo=self.tz)
        return moment.astimezone(self.tz)

    def work_window(self) -> tuple[time, time]:
        return parse_hour_range(self.work_hours)

    def publish_window(self) -> tuple[time, time]:
        return parse_hour_range(self.publish_hours)


class Account(Sealed):
    """One account on one platform (a brand may hold two on the same platform)."""

    id: Id
    platform: Platform
    name: str = ""
    followers: int = Field(0, ge=0)
    category: str = ""
    timezone: str | None = Field(None, description="For accounts abroad; defaults to the horizon's.")
    goal_weights: dict[Goal, float] = Field(default_factory=dict, description="Overrides objective.goal_weights.")
    tags: list[str] = Field(default_factory=list)
    created: date | None = Field(None, description="When the account was created (rules may hold for days from it).")
    warmup: str | None = Field(None, description="A warm-up (养号) profile of the account's platform pack.")

    @field_validator("timezone")
    @classmethod
    def _known_zone(cls, value: str | None) -> str | None:
        if value is not None:
            try:
                ZoneInfo(value)
            except (ZoneInfoNotFoundError, ValueError):
                raise ValueError(f"unknown time zone '{value}'") from None
        return value


class Leave(Sealed):
    start: Day
    end: Day

    @model_validator(mode="after")
    def _ordered(self) -> Leave:
        if self.end < self.start:
            raise ValueError(f"leave ends ({self.end}) before it starts ({self.start})")
        return self


class Member(Sealed):
    """A person on the team: roles, hours and time off."""

    id: Id
    name: str = ""
    roles: list[Role] = Field(min_length=1)
    hours_per_day: float = Field(8.0, gt=0, le=16)
    hours_per_week: float | None = Field(None, gt=0, le=80)
    days_off: list[Day] = Field(default_factory=list)
    weekdays_off: list[Weekday] = Field(default_factory=list)
    leave: list[Leave] = Field(default_factory=list)
    accounts: list[Id] = Field(default_factory=list, description=(
        "Works only on topics for these accounts (an agency's client team); empty: any topic."))

    def is_off(self, day: date) -> bool:
        if day in self.days_off or WEEKDAYS[day.weekday()] in self.weekdays_off:
            return True
        return any(period.start <= day <= period.end for period in self.leave)


class Topic(Sealed):
    """A topic (选题): one video, made once, published on one or more accounts."""

    id: Id
    title: str = Field(min_length=1)
    caption: str = ""
    hashtags: list[str] = Field(default_factory=list)
    format: Format
    goal: Goal
    category: str = ""
    tags: list[str] = Field(default_factory=list)
    priority: int = Field(3, ge=1, le=5)
    duration_s: int = Field(60, ge=1, le=4 * 3600)
    aspect: Aspect = "9:16"
    platforms: list[Platform] = Field(min_length=1)
    accounts: list[Id] = Field(default_factory=list, description="Restrict to these accounts.")
    first_platform: Platform | None = Field(None, description="首发: this platform goes first.")
    commercial: bool = False
    ai_generated: bool = False
    labels: list[str] = Field(default_factory=list)
    trend: Id | None = None
    series: Id | None = None
    episode: int | None = Field(None, ge=1)
    after: list[Id] = Field(default_factory=list, description="Prerequisite topics published first.")
    talent: list[Id] = Field(default_factory=list, description="Members who must appear on camera.")
    earliest: Moment | None = Field(None, description="Not published before this time.")
    deadline: Moment | None = Field(None, description="Published by this time.")
    live_at: Moment | None = Field(None, description="Start of a live session (format live).")
    effort: dict[str, float] = Field(default_factory=dict, description="Hours per stage, overriding the format's template.")
    review: bool = False
    value: float | None = Field(None, ge=0, description="Override of the expected value per publication.")
    done: list[str] = Field(default_factory=list, description=(
        "Stages already done (存稿: script, shoot, edit, review; adapt for every 二次剪辑): only the rest is planned."))
    ready_at: datetime | None = Field(None, description=(
        "The finished video is ready at this time (made elsewhere): nothing to produce, not published before."))
    produce_after: date | None = Field(None, description="Production starts on or after this day.")
    produce_before: date | None = Field(None, description="Production ends on or before this day.")
    shoot_on: list[date] = Field(default_factory=list, description="The shoot happens on one of these days only.")
    required: bool | int = Field(False, description=(
        "Must be published in the horizon (hard): true for at least one account, a number for at least that many."))

    @property
    def required_accounts(self) -> int:
        """On how many accounts the topic must go out (0: optional)."""
        return int(self.required) if not isinstance(self.required, bool) else (1 if self.required else 0)

    @model_validator(mode="after")
    def _consistent(self) -> Topic:
        if self.format == "live" and self.live_at is None:
            raise ValueError("a live topic needs live_at")
        if self.live_at is not None and self.format != "live":
            raise ValueError("live_at is only for format live")
        if (self.series is None) != (self.episode is None):
            raise ValueError("series and episode go together")
        if self.first_platform is not None and self.first_platform not in self.platforms:
            raise ValueError(f"first_platform '{self.first_platform}' is not one of the topic's platforms")
        if len(set(self.platforms)) != len(self.platforms):
            raise ValueError("platforms repeat")
        from planner.domain.templates import stage_names  # templates read this module

        known = stage_names(self.format)
        unknown = [name for name in self.done if name not in known]
        if unknown:
            raise ValueError(f"done names {', '.join(unknown)}, not a stage of {self.format} "
                             f"(its stages: {', '.join(known)})")
        if self.produce_after and self.produce_before and self.produce_after > self.produce_before:
            raise ValueError("produce_after is later than produce_before")
        if not isinstance(self.required, bool) and self.required < 0:
            raise ValueError("required must be true, false or a number of accounts >= 0")
        if self.required_accounts > len(self.accounts or self.platforms) and self.accounts:
            raise ValueError(f"required on {self.required_accounts} accounts, but the topic names {len(self.accounts)}")
        return self


class Trend(Sealed):
    """A trending topic (热点) with a window: rises from start, peaks, decays to end."""

    id: Id
    name: str
    keywords: list[str] = Field(default_factory=list)
    category: str = ""
    start: Moment
    peak: Moment | None = None
    end: Moment
    peak_heat: float = Field(1.0, gt=0)
    curve: list[tuple[Moment, float]] = Field(
        default_factory=list, description="Sampled heat; empty means a rise-peak-decay triangle."
    )
    after_window: float = Field(0.0, ge=0, le=1, description="Share of value left after the window closes.")
    source: str = ""

    @model_validator(mode="after")
    def _ordered(self) -> Trend:
        if _comparable(self.end) <= _comparable(self.start):
            raise ValueError(f"window ends ({self.end}) before it starts ({self.start})")
        if self.peak is not None and not (_comparable(self.start) <= _comparable(self.peak) <= _comparable(self.end)):
            raise ValueError("peak lies outside the window")
        return self


ScopeValue = str | list[str]


class Scope(Sealed):
    """Where a rule applies; several keys narrow it (all must match). Empty: everything."""

    platform: ScopeValue | None = None
    account: ScopeValue | None = None
    member: ScopeValue | None = None
    tag: ScopeValue | None = None
    category: ScopeValue | None = None
    format: ScopeValue | None = None
    goal: ScopeValue | None = None

    def values(self, key: str) -> list[str] | None:
        value = getattr(self, key)
        if value is None:
            return None
        return [value] if isinstance(value, str) else list(value)


_RULE_KEYS = {"id", "kind", "scope", "hard", "weight", "source", "as_of", "enabled", "note", "params"}
_RULE_KEYS |= {"during"}  # a rule's period, checked by planner.rules.period


class RuleSpec(Sealed):
    """A rule as written in a pack or scenario; its ``params`` are checked by the rule's kind."""

    id: Id
    kind: str | None = Field(None, description="Rule kind; may be left out when overriding by id.")
    scope: Scope = Field(default_factory=Scope)
    hard: bool | None = None
    weight: float | None = Field(None, ge=0)
    source: str | None = None
    as_of: Day | None = None
    enabled: bool = True
    note: str = ""
    params: dict[str, Any] = Field(default_factory=dict)
    during: dict[str, Any] | None = Field(None, description=(
        "Holds only for a period: {from: 2026-12-01, to: 2026-12-07} or days from the account's creation "
        "{from: day 1, to: day 7}."))

    @model_validator(mode="before")
    @classmethod
    def _inline_params(cls, data: Any) -> Any:
        # Packs write parameters inline (``max: 3``); gather them under params.
        if isinstance(data, dict):
            extra = {k: v for k, v in data.items() if k not in _RULE_KEYS}
            if extra:
                data = {k: v for k, v in data.items() if k in _RULE_KEYS}
                data["params"] = {**data.get("params", {}), **extra}
        return data


class Objective(Sealed):
    """What the solver maximises and what it pays for."""

    goal_weights: dict[Goal, float] = Field(
        default_factory=lambda: {"acquire": 1.0, "retain": 1.0, "engage": 1.0, "convert": 1.0}  # type: ignore[arg-type,dict-item]
    )
    unscheduled_penalty: float = Field(20.0, ge=0, description="Per priority point of a topic left out.")
    change_penalty: float = Field(100.0, ge=0, description="Per publication moved or dropped against --stable.")
    trend_after_window: float = Field(0.0, ge=0, le=1)


class History(Sealed):
    path: PathText | None = None
    preset: str | None = None
    mapping: dict[str, str] = Field(default_factory=dict)
    model: PathText | None = Field(None, description="A saved model file (planner fit -o).")


class PinnedPublication(Sealed):
    topic: Id
    account: Id
    at: Moment


class PinnedTask(Sealed):
    topic: Id
    stage: str
    members: list[Id]
    day: Day


class Pins(Sealed):
    publications: list[PinnedPublication] = Field(default_factory=list)
    tasks: list[PinnedTask] = Field(default_factory=list)


_CACHED_LOOKUPS = ("account_by_id", "member_by_id", "topic_by_id", "trend_by_id")


class Scenario(Sealed):
    """Everything one planning run needs. Built through ``planner.scenario.load`` or directly."""

    name: str
    description: str = ""
    horizon: Horizon
    rule_packs: list[PathText] = Field(default_factory=list, description=(
        "Bundled packs by name (douyin), packs of your own by path from the scenario's folder (packs/mine.yaml)."))
    accounts: list[Account] = Field(min_length=1)
    team: list[Member] = Field(default_factory=list)
    topics: list[Topic] = Field(default_factory=list)
    trends: list[Trend] = Field(default_factory=list)
    rules: list[RuleSpec] = Field(default_factory=list)
    objective: Objective = Field(default_factory=Objective)
    history: History | None = None
    pins: Pins = Field(default_factory=Pins)
    series: list[Series] = Field(default_factory=list, description="Recurring columns (栏目): one topic per occurrence.")
    topics_from: TopicsFrom | None = Field(None, description="A backlog sheet (选题库) whose rows become topics.")
    base_dir: str = Field("", description="Folder the scenario was loaded from (set by the loader).")
    # Where each value came from (a planner.scenario Loc tree), for located messages later on.
    _sources: Any = PrivateAttr(default=None)
    # What loading said beside errors (backlog rows refused), for the commands to show.
    _notes: list[str] = PrivateAttr(default_factory=list)

    @model_validator(mode="after")
    def _cross_references(self, info: ValidationInfo) -> Scenario:
        if info.context and info.context.get("skip_cross_check"):
            return self
        from planner.domain.checks import cross_check

        problems = cross_check(self, lang_of(info))
        if problems:
            raise ValueError("; ".join(f"{path}: {message}" for path, message in problems))
        return self

    def model_copy(self, *, update: Mapping[str, Any] | None = None, deep: bool = False) -> Scenario:
        """A copy without the lookups cached on this one (``topic_by_id``...): they follow the copy's
        own lists. Values in ``update`` are not validated (pydantic's rule) but are frozen too."""
        copied = super().model_copy(update=update, deep=deep)
        for name in _CACHED_LOOKUPS:
            copied.__dict__.pop(name, None)
        for name in update or {}:
            if name in type(self).model_fields:
                copied.__dict__[name] = freeze(copied.__dict__[name])
        return copied

    @cached_property
    def account_by_id(self) -> dict[str, Account]:
        return {a.id: a for a in self.accounts}

    @cached_property
    def member_by_id(self) -> dict[str, Member]:
        return {m.id: m for m in self.team}

    @cached_property
    def topic_by_id(self) -> dict[str, Topic]:
        return {t.id: t for t in self.topics}

    @cached_property
    def trend_by_id(self) -> dict[str, Trend]:
        return {t.id: t for t in self.trends}

    def candidate_accounts(self, topic: Topic) -> list[Account]:
        """Accounts a topic may go out on: its platforms, narrowed by ``topic.accounts``."""
        chosen = set(topic.accounts)
        return [
            a for a in self.accounts
            if a.platform in topic.platforms and (not chosen or a.id in chosen)
        ]
