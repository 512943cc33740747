"""A scenario made ready to solve: what every stage of a run reads, passed as one object."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from planner.domain.scenario import Scenario
from planner.rules.base import Rule
from planner.solver.candidates import Candidates
from planner.solver.search import SolveOptions


@dataclass
class Prepared:
    scenario: Scenario
    rules: list[Rule]
    cands: Candidates  # after the shortlist
    points: list[float]  # value of each candidate publication, in candidate order
    expected: Any  # predicted metrics per candidate publication (a DataFrame; empty when none)
    options: SolveOptions
    started: float  # perf_counter() at the start of the run: time limits count from here
