"""Episodes of a recurring column (栏目): one topic per occurrence in the horizon, tagged with the
column's id.

Episode ids carry the occurrence's date (``hotpot101-20261208``), so the same episode keeps its id
when the horizon rolls on a week, and a variant can skip or move it by that id.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any

from planner.domain.recurring import Series
from planner.domain.scenario import Horizon
from planner.domain.vocab import WEEKDAYS

#: A fixed time is a window from that minute to the next: only the slot at that time fits it.
_ONE_MINUTE = timedelta(minutes=1)


def episode_id(series: Series, day: date) -> str:
    return f"{series.id}-{day:%Y%m%d}"


def occurrences(series: Series, horizon: Horizon) -> list[tuple[str, datetime, datetime]]:
    """(episode id, earliest, deadline) of every occurrence in the horizon, in time order."""
    every = series.every
    out = []
    if every.weekday:
        clock = every.clock()
        for day in horizon.dates():
            if WEEKDAYS[day.weekday()] not in every.weekday:
                continue
            if clock is not None:
                at = horizon.at(day, clock)
                out.append((episode_id(series, day), at, at + _ONE_MINUTE))
            else:
                start = horizon.localize(day)
                out.append((episode_id(series, day), start, start + timedelta(days=1, minutes=-1)))
        return out
    assert every.per_week is not None
    share = timedelta(days=7) / every.per_week
    week_start = horizon.localize(horizon.start)
    end = horizon.localize(horizon.end)
    while week_start < end:
        for k in range(every.per_week):
            start = week_start + share * k
            if start >= end:
                break
            stop = min(start + share, end) - timedelta(minutes=1)
            ident = episode_id(series, start.date())
            out.append((ident if every.per_week <= 7 else f"{ident}-{k + 1}", start, stop))
        week_start += timedelta(days=7)
    return out


def episodes(series: Series, horizon: Horizon, platforms_of: dict[str, Any]) -> list[dict[str, Any]]:
    """The topic mapping of each episode not skipped: the series' shared fields, its own id, title,
    episode number and window; on ``every.accounts`` when given (platforms from those accounts)."""
    moved = {k: horizon.localize(v) for k, v in series.move.items()}
    out: list[dict[str, Any]] = []
    number = series.first_episode
    for ident, earliest, deadline in occurrences(series, horizon):
        if ident in series.skip:
            continue
        if ident in moved:
            earliest, deadline = moved[ident], moved[ident] + _ONE_MINUTE
        # No series/episode link: the next week's episode does not wait for a missed one. The column's
        # id is a tag, so a rule scoped to ``tag: <column>`` applies to every episode.
        tags = list(series.topic.get("tags") or [])
        topic: dict[str, Any] = {**series.topic, "id": ident, "title": f"{series.title} 第{number}期",
                                 "tags": [*tags, series.id] if series.id not in tags else tags,
                                 "earliest": earliest.isoformat(), "deadline": deadline.isoformat()}
        if series.every.accounts:
            topic["accounts"] = list(series.every.accounts)
            if "platforms" not in series.topic:
                topic["platforms"] = list(dict.fromkeys(platforms_of[a] for a in series.every.accounts
                                                        if a in platforms_of))
        out.append(topic)
        number += 1
    return out


def unknown_overrides(series: Series, horizon: Horizon) -> list[tuple[str, str]]:
    """(field, id) of each ``skip`` or ``move`` that names no occurrence in the horizon."""
    known = {ident for ident, _, _ in occurrences(series, horizon)}
    return [(f, ident) for f, ids in (("skip", series.skip), ("move", list(series.move))) for ident in ids
            if ident not in known]
