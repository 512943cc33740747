"""What the trends commands print: the biggest windows, the suggested links."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import Literal

from planner.domain.scenario import Scenario, Trend
from planner.textwidth import clip, table
from planner.trends.match import MatchResult

SortKey = Literal["heat", "length", "start"]
NAME_COLUMNS = 40


def hours(trend: Trend) -> float:
    return (trend.end - trend.start).total_seconds() / 3600


def top_windows(trends: Sequence[Trend], count: int, by: SortKey = "heat") -> list[Trend]:
    """The ``count`` windows with the highest peak heat, longest stay, or latest start; ties by id."""
    keys = {
        "heat": lambda t: (-t.peak_heat, t.id),
        "length": lambda t: (-hours(t), t.id),
        "start": lambda t: (-t.start.timestamp(), t.id),
    }
    return sorted(trends, key=keys[by])[:count]


def window_table(trends: Sequence[Trend]) -> str:
    rows = [
        [t.id, _when(t.start), _when(t.peak) if t.peak else "", f"{hours(t):.1f}", f"{t.peak_heat:,.0f}",
         t.category or "-", clip(t.name, NAME_COLUMNS)]
        for t in trends
    ]
    return "\n".join(table(["id", "start", "peak", "hours", "peak heat", "category", "name"], rows, right=(3, 4),
                           rule=True))


def _when(moment: datetime) -> str:
    """In the window's own offset, as the file says it: a table has no room for the zone."""
    return moment.strftime("%Y-%m-%d %H:%M")


def match_report(result: MatchResult, scenario: Scenario, any_time: bool) -> str:
    """What ``planner trends match`` prints: the links it suggests, the category fits, what it skipped."""
    horizon = scenario.horizon
    last_day = horizon.end - timedelta(days=1)
    scope = "at any time" if any_time else f"overlapping the horizon {horizon.start}..{last_day}"
    lines = [f"{result.considered} trends {scope}"
             + (f" ({result.outside} outside it skipped; --any-time keeps them)" if result.outside else "")]
    if result.matches:
        rows = [[m.topic.id, clip(m.topic.title, 24), m.trend.id, clip(m.trend.name, 24), f"{m.score:.2f}", m.how]
                for m in result.matches]
        lines += ["", "Topics that fit a trend:",
                  *table(["topic", "title", "trend", "trend name", "score", "how"], rows, right=(4,), rule=True)]
    else:
        lines += ["", "No topic fits a trend at this score."]
    if result.fits:
        rows = [[f.trend.id, clip(f.trend.name, 30), f.trend.category, f.category, clip(", ".join(f.who), 40)]
                for f in result.fits]
        lines += ["", "Trends in your categories that no topic covers yet (by heat):",
                  *table(["trend", "name", "category", "fits", "accounts and topics"], rows, rule=True)]
    if result.already_linked:
        linked = ", ".join(f"{t.id} ({t.trend})" for t in result.already_linked)
        lines += ["", f"Already linked, left as they are: {linked}"]
    return "\n".join(lines)
