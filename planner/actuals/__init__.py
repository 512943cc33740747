"""Actuals: an export's posts matched to the plan, added to the team's history, and reviewed
against the predictions (plan vs actual)."""

from planner.actuals.history import actuals_csv, append_history, read_actuals
from planner.actuals.importer import import_actuals
from planner.actuals.match import Matching, match_actuals
from planner.actuals.review import Review, review, review_scenario

__all__ = ["Matching", "Review", "actuals_csv", "append_history", "import_actuals", "match_actuals", "read_actuals",
           "review", "review_scenario"]
