"""Domain model: pydantic data only, no solver and no I/O."""

from planner.domain.plan import Plan, Publication, SolverInfo, Task, Unscheduled, Violation
from planner.domain.scenario import (
    Account,
    Horizon,
    Member,
    Objective,
    RuleSpec,
    Scenario,
    Scope,
    Topic,
    Trend,
)

__all__ = [
    "Account", "Horizon", "Member", "Objective", "Plan", "Publication", "RuleSpec", "Scenario",
    "Scope", "SolverInfo", "Task", "Topic", "Trend", "Unscheduled", "Violation",
]
