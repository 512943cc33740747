"""Lay out each day's tasks in time: members never double-booked, stages in order.

The main model decides who works on what and which day; this small per-day model decides the
clock times inside working hours (overtime only if the day cannot fit, and then reported).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from ortools.sat.python import cp_model

from planner.domain.plan import Task
from planner.domain.scenario import Scenario
from planner.solver.notes import note


@dataclass
class DayTask:
    topic: str
    stage: str
    members: list[str]
    day: date
    hours: float
    rank: int  # position of the stage in its topic's order
    fixed_start: datetime | None = None
    deadline: datetime | None = None  # a publication waits for it
    #: A duty after a post (replies) starts at the post and ends by its deadline, in or out of working hours.
    release: datetime | None = None


def _minutes(moment: datetime, day_start: datetime) -> int:
    return int((moment - day_start).total_seconds() // 60)


def layout(scenario: Scenario, tasks: list[DayTask], seed: int = 0, lang: str = "zh") -> tuple[list[Task], list[str]]:
    """Clock times for every task; returns the tasks and notes about overtime."""
    out: list[Task] = []
    notes: list[str] = []
    by_day: dict[date, list[DayTask]] = {}
    for t in tasks:
        by_day.setdefault(t.day, []).append(t)
    work_start, work_end = scenario.horizon.work_window()
    for day in sorted(by_day):
        day_start = scenario.horizon.at(day, work_start)
        limit = _minutes(scenario.horizon.at(day, work_end), day_start)
        placed = _first_fit(by_day[day], day_start, limit)
        if placed is None:
            placed = _solve_day(by_day[day], day_start, limit, seed)
        if placed is None:
            # Past working hours, but never past a publication that waits for the task.
            overtime = _minutes(scenario.horizon.at(day, time(23, 59)), day_start)
            placed = _solve_day(by_day[day], day_start, overtime, seed)
            notes.append(note("overtime", lang, day=day))
        if placed is None:  # cannot happen with a whole day; keep a sequential fallback
            placed = _sequential(by_day[day], day_start)
        out += placed
    out.sort(key=lambda t: (t.start, t.topic, t.stage))
    return out, notes


def _solve_day(items: list[DayTask], day_start: datetime, limit: int, seed: int) -> list[Task] | None:
    model = cp_model.CpModel()
    starts, ends, intervals = [], [], []
    for i, t in enumerate(items):
        length = max(1, round(t.hours * 60))
        if t.fixed_start is not None:
            fixed = _minutes(t.fixed_start, day_start)
            start = model.new_constant(fixed)
            end = model.new_constant(fixed + length)
        else:
            earliest, latest = _bounds(t, day_start, limit)
            if latest - earliest < length:
                return None
            start = model.new_int_var(earliest, latest - length, f"s{i}")
            end = model.new_int_var(earliest + length, latest, f"e{i}")
        intervals.append(model.new_interval_var(start, length, end, f"i{i}"))
        starts.append(start)
        ends.append(end)
    members = {m for t in items for m in t.members}
    for member in members:
        mine = [intervals[i] for i, t in enumerate(items) if member in t.members]
        if len(mine) > 1:
            model.add_no_overlap(mine)
    model.minimize(sum(ends))
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = 1
    solver.parameters.random_seed = seed
    solver.parameters.max_deterministic_time = 0.5  # deterministic: the same day lays out the same way
    solver.parameters.max_time_in_seconds = 10.0
    status = solver.solve(model)
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return None
    return [Task(topic=t.topic, stage=t.stage, members=t.members,
                 start=day_start + timedelta(minutes=solver.value(starts[i])),
                 end=day_start + timedelta(minutes=solver.value(ends[i])))
            for i, t in enumerate(items)]


def _first_fit(items: list[DayTask], day_start: datetime, limit: int) -> list[Task] | None:
    """Earliest start for each task in turn (fixed ones first, then by deadline, shared ones first).

    Good enough for nearly every day; None sends the day to the exact model.
    """
    busy: dict[str, list[tuple[int, int]]] = {}
    out: list[Task] = []

    def free_from(members: list[str], start: int, length: int) -> int:
        moved = True
        while moved:
            moved = False
            for member in members:
                for b0, b1 in busy.get(member, []):
                    if start < b1 and b0 < start + length:
                        start, moved = b1, True
        return start

    order = sorted(items, key=lambda t: (t.fixed_start is None, t.deadline is None,
                                         t.deadline or day_start, -len(t.members), -t.hours, t.topic, t.stage))
    for t in order:
        length = max(1, round(t.hours * 60))
        if t.fixed_start is not None:
            start = _minutes(t.fixed_start, day_start)
        else:
            earliest, latest = _bounds(t, day_start, limit)
            start = free_from(t.members, earliest, length)
            if start + length > latest:
                return None
        for member in t.members:
            busy.setdefault(member, []).append((start, start + length))
        out.append(Task(topic=t.topic, stage=t.stage, members=t.members,
                        start=day_start + timedelta(minutes=start), end=day_start + timedelta(minutes=start + length)))
    return out


def _bounds(t: DayTask, day_start: datetime, limit: int) -> tuple[int, int]:
    """Earliest start and latest end in minutes from the day's start."""
    if t.release is not None:  # a duty: its own window
        return _minutes(t.release, day_start), _minutes(t.deadline or t.release, day_start)
    return 0, limit if t.deadline is None else min(limit, _minutes(t.deadline, day_start))


def _sequential(items: list[DayTask], day_start: datetime) -> list[Task]:
    out, clock = [], day_start
    for t in sorted(items, key=lambda t: (t.topic, t.rank)):
        end = clock + timedelta(hours=t.hours)
        out.append(Task(topic=t.topic, stage=t.stage, members=t.members, start=clock, end=end))
        clock = end
    return out
