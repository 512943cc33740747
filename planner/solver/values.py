"""Objective coefficients: what each publication candidate is expected to be worth.

value = value_points(model prediction, topic goal, account goal weights)
        x trend heat at the slot (for trend topics)  x priority / 3
A topic's own ``value`` overrides the model (useful in tests and for known deals).
"""

from __future__ import annotations

from dataclasses import dataclass
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
    """The frame the metric model predicts from, one row per candidate."""
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
    rows = candidate_rows(scenario, pubs)
    predicted = model.predict(rows)
    points = [0.0] * len(pubs)
    by_group: dict[tuple[str, str], list[int]] = {}
    for i, c in enumerate(pubs):
        by_group.setdefault((c.topic.goal, c.account.id), []).append(i)
    for (goal, account_id), index in by_group.items():
        weights = {**scenario.objective.goal_weights, **scenario.account_by_id[account_id].goal_weights}
        part = value_points(predicted.iloc[index], goal, weights)
        for i, v in zip(index, part.tolist(), strict=True):
            points[i] = float(v)
    heat = _heat(scenario, pubs)
    for i, c in enumerate(pubs):
        base = c.topic.value if c.topic.value is not None else points[i]
        points[i] = base * heat[i] * c.topic.priority / 3
    return Values(points, predicted)


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
        heats = heat_series(trend, [pubs[i].at for i in index], tz)
        floor = scenario.objective.trend_after_window
        for i, h in zip(index, heats, strict=True):
            # Hotter is worth more: up to (1 + peak_heat) times a plain post at the peak.
            out[i] = max(h, floor) * (1 + trend.peak_heat) if h > 0 or floor > 0 else 0.0
    return out
