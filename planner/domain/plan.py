"""The plan: the contract of DESIGN.md. Field names are stable; new ones may be added."""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from pydantic import Field

from planner.domain.base import Frozen

Status = Literal["OPTIMAL", "FEASIBLE", "INFEASIBLE", "UNKNOWN", "MODEL_INVALID", "MANUAL"]


class SolverInfo(Frozen):
    status: Status = "UNKNOWN"
    objective: float = 0.0
    bound: float = 0.0
    gap: float = 0.0
    seconds: float = 0.0
    seed: int = 0
    workers: int = 1
    interrupted: bool = False


class Publication(Frozen):
    topic: str
    account: str
    platform: str
    at: datetime
    expected: dict[str, float] = Field(default_factory=dict)


class Task(Frozen):
    topic: str
    stage: str
    members: list[str]
    start: datetime
    end: datetime

    @property
    def hours(self) -> float:
        return (self.end - self.start).total_seconds() / 3600


class Unscheduled(Frozen):
    topic: str
    reasons: list[str] = Field(default_factory=list)


class Violation(Frozen):
    rule: str
    hard: bool
    penalty: float = 0.0
    detail: str = ""
    source: str | None = None


class Plan(Frozen):
    scenario: str
    generated_at: datetime
    solver: SolverInfo = Field(default_factory=SolverInfo)
    publications: list[Publication] = Field(default_factory=list)
    tasks: list[Task] = Field(default_factory=list)
    unscheduled: list[Unscheduled] = Field(default_factory=list)
    violations: list[Violation] = Field(default_factory=list)

    def to_json(self) -> str:
        return self.model_dump_json(indent=2)
