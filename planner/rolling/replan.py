"""The library's rolling replan: pin what is before a moment, solve against the earlier plan."""

from __future__ import annotations

from datetime import datetime

from planner.domain.plan import Plan
from planner.domain.scenario import Scenario
from planner.rolling.churn import Churn, plan_changes
from planner.rolling.freeze import Frozen, freeze_before


def replan_from(scenario: Scenario, earlier: Plan, moment: datetime, *, time_limit: float = 30.0, seed: int = 0,
                workers: int = 2, deterministic: bool = True, lang: str = "zh") -> tuple[Plan, Frozen, Churn]:
    """Replan ``scenario`` from ``moment``: ``earlier``'s posts and production before it are pins,
    the rest is solved with ``earlier`` as the stable plan (each change costs the objective's
    change_penalty). Returns the new plan, what was pinned, and what changed after the moment."""
    from planner.api import plan

    frozen = freeze_before(scenario, earlier, moment)
    new = plan(frozen.scenario, time_limit=time_limit, seed=seed, workers=workers, deterministic=deterministic,
               stable=earlier, lang=lang)
    return new, frozen, plan_changes(earlier, new, frozen.scenario, moment, lang)
