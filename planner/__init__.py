"""planner: a rules-based content planning engine for short-video teams."""

__version__ = "0.1.0"
