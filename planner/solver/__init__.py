"""The only part that imports OR-Tools: model, solve, extraction and explanations."""

from planner.solver.solve import SolveOptions, SolveResult, echo_progress, solve

__all__ = ["SolveOptions", "SolveResult", "echo_progress", "solve"]
