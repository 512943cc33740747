"""Each member's hours per day against what they have that day (0 on days off)."""

from __future__ import annotations

from collections import defaultdict
from datetime import date

import pandas as pd

from planner.domain.plan import Plan
from planner.domain.scenario import Scenario

WORKLOAD_COLUMNS = ["member", "name", "date", "hours", "capacity", "off", "over", "tasks"]


def workload(scenario: Scenario, plan: Plan) -> pd.DataFrame:
    """One row per member and horizon day: ``hours`` planned, ``capacity``, ``off``, ``over``, ``tasks``."""
    hours: dict[tuple[str, date], float] = defaultdict(float)
    count: dict[tuple[str, date], int] = defaultdict(int)
    horizon = scenario.horizon
    for task in plan.tasks:
        day = horizon.localize(task.start).date()
        for member_id in task.members:
            hours[(member_id, day)] += task.hours
            count[(member_id, day)] += 1
    holidays = set(horizon.holidays)
    rows = []
    for member in scenario.team:
        for day in horizon.dates():
            off = member.is_off(day) or day in holidays
            capacity = 0.0 if off else member.hours_per_day
            worked = round(hours[(member.id, day)], 2)
            rows.append({"member": member.id, "name": member.name, "date": day, "hours": worked,
                         "capacity": capacity, "off": off, "over": worked > capacity + 1e-6,
                         "tasks": count[(member.id, day)]})
    return pd.DataFrame(rows, columns=WORKLOAD_COLUMNS)
