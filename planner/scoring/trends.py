"""Which trends a plan catches, on which account, and how hot the trend is at that moment."""

from __future__ import annotations

import pandas as pd

from planner.domain.scenario import Scenario
from planner.trends.heat import heat_at, peak_of, window_of

TREND_COLUMNS = ["trend", "name", "topic", "title", "account", "at", "heat", "inside", "peak", "start", "end"]


def trend_catches(scenario: Scenario, pubs: pd.DataFrame) -> pd.DataFrame:
    """One row per publication of a trend-linked topic (``inside`` its window or not, ``heat`` in
    [0, 1], 1 at the peak), and one row with an empty ``topic`` for each trend nothing catches."""
    tz = scenario.horizon.tz
    rows = []
    for trend in scenario.trends:
        start, end = window_of(trend, tz)
        base = {"trend": trend.id, "name": trend.name, "peak": peak_of(trend, tz), "start": start, "end": end}
        mine = pubs[pubs["trend"] == trend.id] if len(pubs) else pubs
        if len(mine) == 0:
            rows.append({**base, "topic": "", "title": "", "account": "", "at": None, "heat": 0.0, "inside": False})
            continue
        for _, pub in mine.sort_values("at").iterrows():
            at = pub["at"]
            rows.append({**base, "topic": pub["topic"], "title": pub["title"], "account": pub["account"], "at": at,
                         "heat": round(heat_at(trend, at, tz), 3), "inside": bool(start <= at <= end)})
    return pd.DataFrame(rows, columns=TREND_COLUMNS)
