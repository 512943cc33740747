"""Pricing: what each publication candidate is expected to be worth (the objective's coefficients).

value = value_points(model prediction, topic goal, account goal weights)
        x trend heat at the slot (for trend topics)  x priority / 3
A topic's own ``value`` overrides the model (useful in tests and for known deals).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

import pandas as pd

from planner.domain.scenario import Scenario
from planner.rules.context import PubCandidate
from planner.trends.heat import heat_series


@dataclass
class Values:
    points: list[float]  # per candidate, same order as the candidates
    expected: pd.DataFrame  # model predictions per candidate (metric, metric_p10, metric_p90)


def candidate_rows(scenario: Scenario, pubs: list[PubCandidate]) -> pd.DataFrame:
    """The frame the metric model predicts from, one row per candidate (``_distinct_rows`` keys on
    the same fields: change both together)."""
    return pd.DataFrame({
        "account": [c.account.id for c in pubs],
        "platform": [c.account.platform for c in pubs],
        "followers": [c.account.followers for c in pubs],
        "category": [c.topic.category or c.account.category for c in pubs],
        "format": [c.topic.format for c in pubs],
        "duration_s": [c.topic.duration_s for c in pubs],
        "weekday": [c.at.weekday() for c in pubs],
        "hour": [c.at.hour for c in pubs],
        "trend_linked": [c.topic.trend is not None for c in pubs],
    })


def candidate_values(scenario: Scenario, pubs: list[PubCandidate], model: Any = None) -> Values:
    from planner.metrics.value import load_value_model, value_points

    if not pubs:
        return Values([], pd.DataFrame())
    model = model or load_value_model(scenario.history, scenario.base_dir)
    # Many candidates share a row (same account, topic features, weekday and hour: the same slot a
    # week apart, or alike topics). Model and points go row by row: work each distinct row out once.
    rows, row_of = _distinct_rows(pubs)
    unique = model.predict(candidate_rows(scenario, rows))
    predicted = unique.iloc[row_of].reset_index(drop=True)
    row_points = [0.0] * len(rows)
    by_group: dict[tuple[str, str], list[int]] = {}
    for r, c in enumerate(rows):
        by_group.setdefault((c.topic.goal, c.account.id), []).append(r)
    for (goal, account_id), index in by_group.items():
        weights = {**scenario.objective.goal_weights, **scenario.account_by_id[account_id].goal_weights}
        part = value_points(unique.iloc[index], goal, weights)
        for r, v in zip(index, part.tolist(), strict=True):
            row_points[r] = float(v)
    heat = _heat(scenario, pubs)
    points = [0.0] * len(pubs)
    for i, c in enumerate(pubs):
        base = c.topic.value if c.topic.value is not None else row_points[row_of[i]]
        points[i] = base * heat[i] * c.topic.priority / 3
    return Values(points, predicted)


def _distinct_rows(pubs: list[PubCandidate]) -> tuple[list[PubCandidate], list[int]]:
    """One candidate per distinct model row and goal, and each candidate's row (see ``candidate_rows``)."""
    pairs: dict[tuple[object, ...], int] = {}  # topic and account fields of a row, with the goal
    pair_of: dict[tuple[str, str], int] = {}
    hour_of: dict[int, int] = {}  # by the slot's datetime object (candidates share them): weekday and hour
    first: dict[int, int] = {}
    rows: list[PubCandidate] = []
    row_of: list[int] = []
    topic, account, pair = None, None, 0
    for c in pubs:
        if c.topic is not topic or c.account is not account:  # candidates come in runs of one topic and account
            topic, account = c.topic, c.account
            known = pair_of.get((topic.id, account.id))
            if known is None:
                fields = (account.id, account.platform, account.followers, topic.category or account.category,
                          topic.format, topic.duration_s, topic.trend is not None, topic.goal)
                known = pair_of[(topic.id, account.id)] = pairs.setdefault(fields, len(pairs))
            pair = known
        when = hour_of.get(id(c.at))
        if when is None:
            when = hour_of[id(c.at)] = c.at.weekday() * 24 + c.at.hour
        key = pair * 168 + when
        row = first.get(key)
        if row is None:
            row = first[key] = len(rows)
            rows.append(c)
        row_of.append(row)
    return rows, row_of


def _heat(scenario: Scenario, pubs: list[PubCandidate]) -> list[float]:
    """Trend topics earn value in proportion to the trend's heat (1 at the peak)."""
    out = [1.0] * len(pubs)
    tz = scenario.horizon.tz
    by_trend: dict[str, list[int]] = {}
    for i, c in enumerate(pubs):
        if c.topic.trend:
            by_trend.setdefault(c.topic.trend, []).append(i)
    for trend_id, index in by_trend.items():
        trend = scenario.trend_by_id[trend_id]
        moments: dict[int, int] = {}  # each slot once (by its datetime object)
        times: list[datetime] = []
        for i in index:
            if id(pubs[i].at) not in moments:
                moments[id(pubs[i].at)] = len(times)
                times.append(pubs[i].at)
        heats = heat_series(trend, times, tz)
        floor = scenario.objective.trend_after_window
        for i in index:
            h = heats[moments[id(pubs[i].at)]]
            # Hotter is worth more: up to (1 + peak_heat) times a plain post at the peak.
            out[i] = max(h, floor) * (1 + trend.peak_heat) if h > 0 or floor > 0 else 0.0
    return out
