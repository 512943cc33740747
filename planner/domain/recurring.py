"""Recurring columns (栏目) and topic backlogs as a scenario names them.

A ``Series`` says when its episodes go out (``every``) and what they share (``topic``); the loader
turns it into one topic per occurrence in the horizon (``planner.scenario.recurring``). A
``TopicsFrom`` names a backlog spreadsheet whose rows become topics.
"""

from __future__ import annotations

import re
from datetime import datetime, time
from typing import Annotated, Any

from pydantic import Field, TypeAdapter, WithJsonSchema, field_validator, model_validator

from planner.domain.base import Id, PathText, Sealed
from planner.domain.vocab import Weekday

_CLOCK = re.compile(r"^([01]?\d|2[0-3]):([0-5]\d)$")
_ONE_DAY = TypeAdapter(Weekday).json_schema()
#: One weekday or several (周四, [tue, thu]); always a list once read.
Weekdays = Annotated[list[Weekday], WithJsonSchema({"anyOf": [_ONE_DAY, {"type": "array", "items": _ONE_DAY}]})]


class Every(Sealed):
    """When a column's episodes go out: on given weekdays (optionally at a fixed time), or N a week."""

    weekday: Weekdays = Field(default_factory=list, description="mon..sun (周一..周日); one or several.")
    at: str | None = Field(None, description="HH:MM: every episode goes out exactly then.")
    per_week: int | None = Field(None, ge=1, le=14, description="N episodes a week, each in its share of the week.")
    accounts: list[Id] = Field(default_factory=list, description="Accounts every episode goes out on.")

    @field_validator("weekday", mode="before")
    @classmethod
    def _weekdays(cls, value: Any) -> Any:
        return [value] if isinstance(value, str) else value

    @field_validator("at")
    @classmethod
    def _clock(cls, value: str | None) -> str | None:
        if value is not None and not _CLOCK.match(value.strip()):
            raise ValueError(f"at '{value}' is not a time of day HH:MM")
        return None if value is None else value.strip()

    @model_validator(mode="after")
    def _one_rhythm(self) -> Every:
        if bool(self.weekday) == (self.per_week is not None):
            raise ValueError("every needs weekday or per_week (one of them)")
        if self.at is not None and not self.weekday:
            raise ValueError("at goes with weekday")
        return self

    def clock(self) -> time | None:
        if self.at is None:
            return None
        hours, minutes = self.at.split(":")
        return time(int(hours), int(minutes))


class Series(Sealed):
    """A recurring column (栏目): one topic per occurrence, each with its own production."""

    id: Id
    title: str = Field(min_length=1, description="Episode titles read '<title> 第N期'.")
    every: Every
    topic: dict[str, Any] = Field(default_factory=dict, description=(
        "Fields every episode shares (format, goal, platforms, duration_s, talent, effort, ...)."))
    first_episode: int = Field(1, ge=1, description="Number of the horizon's first episode.")
    skip: list[Id] = Field(default_factory=list, description="Episode ids not made this time.")
    move: dict[Id, datetime] = Field(default_factory=dict, description="Episode id -> the time it goes out instead.")

    @field_validator("topic")
    @classmethod
    def _not_generated(cls, value: dict[str, Any]) -> dict[str, Any]:
        taken = sorted({"id", "title", "series", "episode", "earliest", "deadline"} & set(value))
        if taken:
            raise ValueError(f"topic may not set {', '.join(taken)}: each episode gets its own")
        return value


class TopicsFrom(Sealed):
    """A backlog spreadsheet (选题库) whose rows become topics."""

    path: PathText
    sheet: str | int = 0
    mapping: dict[str, str] = Field(default_factory=dict, description="Topic field -> the header in the sheet.")

    @model_validator(mode="before")
    @classmethod
    def _bare_path(cls, data: Any) -> Any:
        return {"path": data} if isinstance(data, str) else data
