"""Rolling replans: keep what is published or in production before a moment, replan the rest
with as few changes as possible, and say what moved and why."""

from planner.rolling.churn import Change, Churn, plan_changes
from planner.rolling.freeze import Frozen, freeze_before
from planner.rolling.replan import replan_from

__all__ = ["Change", "Churn", "Frozen", "freeze_before", "plan_changes", "replan_from"]
