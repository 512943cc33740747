"""The plan: the contract of DESIGN.md. Field names are stable; new ones may be added."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from pydantic import Field

from planner.domain.base import Frozen


class SolveStatus(StrEnum):
    """How a plan came about. A plan exists for OPTIMAL, FEASIBLE and MANUAL (made by hand)."""

    OPTIMAL = "OPTIMAL"  # no plan does better (proven)
    FEASIBLE = "FEASIBLE"  # keeps every hard rule; better ones may exist
    INFEASIBLE = "INFEASIBLE"  # proven: no plan keeps every hard rule
    UNKNOWN = "UNKNOWN"  # no plan found within the time limit, nothing proven
    MODEL_INVALID = "MODEL_INVALID"  # the model could not be solved as built (numbers out of range)
    MANUAL = "MANUAL"  # a calendar made by hand

    @property
    def solved(self) -> bool:
        """The solver found a plan (a hand-made calendar is not solved)."""
        return self in (SolveStatus.OPTIMAL, SolveStatus.FEASIBLE)


Status = SolveStatus  # the older name


class SolverInfo(Frozen):
    status: SolveStatus = SolveStatus.UNKNOWN
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
    #: What whoever posts must declare: the topic's labels (广告, 品牌合作, AI生成...) and flags.
    #: Filled when a plan is written (planner.report.production.labelled); empty in the solver's plan.
    labels: list[str] = Field(default_factory=list)
    commercial: bool = False
    ai_generated: bool = False


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
