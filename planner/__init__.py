"""planner: a rules-based content planning engine for short-video teams."""

__version__ = "0.1.0"

from planner.api import check, load, plan

__all__ = ["__version__", "check", "load", "plan"]
