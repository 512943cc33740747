"""When a publication may go out: windows, blackouts, how far ahead, topic and trend windows."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from functools import cache
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, field_validator

from planner.domain.base import parse_hour_range
from planner.domain.scenario import WEEKDAYS, Account, Scenario, Topic
from planner.domain.vocab import WEEKDAY_ALIASES, canonical
from planner.rules.base import PostReads, UnaryPublicationRule
from planner.rules.kinds._time import local


@cache
def _ranges(text: str) -> list[tuple[time, time]]:
    return [parse_hour_range(part) for part in text.split(",") if part.strip()]


class _WindowParams(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")
    hours: str = Field(description="Allowed hours, e.g. '07:00-09:00,11:30-13:00,18:00-22:00'.")
    weekdays: dict[str, str] = Field(default_factory=dict, description="Per-weekday hours overriding ``hours``.")

    @field_validator("hours")
    @classmethod
    def _valid(cls, value: str) -> str:
        _ranges(value)
        return value

    @field_validator("weekdays")
    @classmethod
    def _valid_days(cls, value: dict[str, str]) -> dict[str, str]:
        days = {}
        for day, hours in value.items():
            known = canonical(str(day), WEEKDAYS, WEEKDAY_ALIASES)  # 周六, 星期天 and sat alike
            if known is None:
                raise ValueError(f"unknown weekday '{day}' (use {', '.join(WEEKDAYS)}, or 周一 … 周日)")
            _ranges(hours)
            days[known] = hours
        return days


class PostingWindow(UnaryPublicationRule):
    """Hard: posts go out only inside the allowed hours (in the account's time zone).

    Written soft (``hard: false``) it is a peak-hours preference: each post outside costs the weight.
    """

    publication_reads = PostReads.SLOT

    kind = "posting_window"
    Params = _WindowParams

    def judge_post(self, topic: Topic, account: Account, at: Any, scenario: Scenario) -> str | None:
        moment = local(at, account, scenario)
        hours = self.params.weekdays.get(WEEKDAYS[moment.weekday()], self.params.hours)
        clock = moment.time()
        if any(start <= clock < end for start, end in _ranges(hours)):
            return None
        return f"{clock:%H:%M} is outside {hours}"


class _Period(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")
    start: datetime
    end: datetime


class _BlackoutParams(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")
    dates: list[date] = Field(default_factory=list)
    periods: list[_Period] = Field(default_factory=list)


class Blackout(UnaryPublicationRule):
    """Hard: nothing is published on blackout dates or inside blackout periods."""

    publication_reads = PostReads.SLOT

    kind = "blackout"
    Params = _BlackoutParams

    def judge_post(self, topic: Topic, account: Account, at: Any, scenario: Scenario) -> str | None:
        moment = local(at, account, scenario)
        if moment.date() in self.params.dates:
            return f"{moment.date()} is a blackout date"
        for period in self.params.periods:
            if scenario.horizon.localize(period.start) <= moment < scenario.horizon.localize(period.end):
                return f"inside the blackout {period.start:%m-%d %H:%M} .. {period.end:%m-%d %H:%M}"
        return None


class _AheadParams(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")
    days: float = Field(gt=0, description="How far ahead of the plan's start a post can be scheduled.")


class ScheduleAhead(UnaryPublicationRule):
    """Hard: a post is scheduled no further ahead than the platform's scheduler accepts."""

    publication_reads = PostReads.SLOT

    kind = "schedule_ahead"
    Params = _AheadParams

    def judge_post(self, topic: Topic, account: Account, at: Any, scenario: Scenario) -> str | None:
        start = scenario.horizon.at(scenario.horizon.start, time(0, 0))
        if scenario.horizon.localize(at) - start > timedelta(days=self.params.days):
            return f"more than {self.params.days:g} days after the plan starts ({scenario.horizon.start})"
        return None


class TopicWindow(UnaryPublicationRule):
    """Hard: a topic goes out no earlier than its ``earliest`` (and its video's ``ready_at``) and no later
    than its ``deadline``."""

    kind = "topic_window"
    publication_reads = PostReads.TOPIC_TIME

    def judge_post(self, topic: Topic, account: Account, at: Any, scenario: Scenario) -> str | None:
        moment = scenario.horizon.localize(at)
        if topic.earliest is not None and moment < scenario.horizon.localize(topic.earliest):
            return f"before the topic's earliest time {topic.earliest:%m-%d %H:%M}"
        if topic.ready_at is not None and moment < scenario.horizon.localize(topic.ready_at):
            return f"before the video is ready at {topic.ready_at:%m-%d %H:%M}"
        if topic.deadline is not None and moment > scenario.horizon.localize(topic.deadline):
            return f"after the topic's deadline {topic.deadline:%m-%d %H:%M}"
        if topic.live_at is not None and moment != scenario.horizon.localize(topic.live_at):
            return f"a live session goes out at its start {topic.live_at:%m-%d %H:%M}"
        return None


class TrendWindow(UnaryPublicationRule):
    """Hard: a topic linked to a trend goes out inside the trend's window (unless value is left after it)."""

    kind = "trend_window"
    publication_reads = PostReads.TOPIC_TIME

    def judge_post(self, topic: Topic, account: Account, at: Any, scenario: Scenario) -> str | None:
        trend = scenario.trend_by_id.get(topic.trend) if topic.trend else None
        if trend is None:
            return None
        moment = scenario.horizon.localize(at)
        if moment < scenario.horizon.localize(trend.start):
            return f"before the trend {trend.name} starts ({trend.start:%m-%d %H:%M})"
        after = max(trend.after_window, scenario.objective.trend_after_window)
        if moment > scenario.horizon.localize(trend.end) and after <= 0:
            return f"after the trend {trend.name} closed ({trend.end:%m-%d %H:%M})"
        return None


KINDS = [PostingWindow, Blackout, ScheduleAhead, TopicWindow, TrendWindow]
