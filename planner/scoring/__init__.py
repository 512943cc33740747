"""Scoring: compliance, KPI rollups with intervals, workload, trends and plan-vs-plan comparison.

``score(scenario, plan)`` judges one plan, however it was made; ``compare(plans)`` sets several
side by side against the first (the base); ``whatif.whatif`` solves scenario files in parallel
processes and compares them.
"""

from planner.scoring.compare import Comparison, compare
from planner.scoring.score import ScoreResult, score

__all__ = ["Comparison", "ScoreResult", "compare", "score"]
