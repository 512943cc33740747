"""Group each topic's appearances on the board into stays.

A stay ends when the topic is missing from ``gap_snapshots`` consecutive snapshots that were
actually taken. Hours with no snapshot at all (the crawler was down) are not counted as the
topic being missing, but a silence longer than ``max_gap_intervals`` ends the stay anyway.
Everything is computed on sorted arrays: a half-year board has tens of thousands of stays.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import numpy as np
import pandas as pd

DEFAULT_INTERVAL_S = 3600  # one snapshot seen in all: assume the usual hourly board


@dataclass(frozen=True)
class StayRules:
    gap_snapshots: int = 3
    max_gap_intervals: float = 12.0


@dataclass(frozen=True)
class Stay:
    """One continuous stay of a topic on the board (times in Unix seconds)."""

    title: str
    category: str
    start: int  # first sighting
    end: int  # last sighting plus one snapshot interval: it was there until the next look
    peak: int
    peak_heat: float
    best_rank: int
    times: np.ndarray  # sighting times
    heats: np.ndarray  # heat at each sighting

    @property
    def snapshots(self) -> int:
        return len(self.times)


@dataclass
class Stays:
    """All stays as one table (a row per stay, ordered by start then title) plus the sightings."""

    table: pd.DataFrame  # title, category, start, end, peak, peak_heat, best_rank, snapshots, first
    times: np.ndarray  # sightings, grouped by stay
    heats: np.ndarray

    def __len__(self) -> int:
        return len(self.table)

    def __iter__(self) -> Iterator[Stay]:
        return self.select(np.ones(len(self.table), dtype=bool))

    def select(self, mask: np.ndarray) -> Iterator[Stay]:
        """The stays where ``mask`` is true, as objects (built lazily: most get filtered out)."""
        rows = self.table[mask]
        for title, category, start, end, peak, heat, rank, count, first in rows.itertuples(index=False, name=None):
            a, b = int(first), int(first) + int(count)
            yield Stay(str(title), str(category), int(start), int(end), int(peak), float(heat), int(rank),
                       self.times[a:b], self.heats[a:b])


def snapshot_interval(times: np.ndarray) -> int:
    """The usual spacing of snapshots: the median gap, robust to the odd missing hour."""
    if len(times) < 2:
        return DEFAULT_INTERVAL_S
    return max(1, int(np.median(np.diff(times))))


def find_stays(rows: pd.DataFrame, times: np.ndarray, rules: StayRules) -> Stays:
    """Split every topic's sightings into stays."""
    columns = ["title", "category", "start", "end", "peak", "peak_heat", "best_rank", "snapshots", "first"]
    if rows.empty:
        return Stays(pd.DataFrame(columns=columns), np.array([], dtype="int64"), np.array([], dtype="float64"))
    interval = snapshot_interval(times)
    codes, titles = pd.factorize(rows["title"], sort=False)
    t = rows["t"].to_numpy(dtype="int64")
    heat = rows["heat"].to_numpy(dtype="float64")
    rank = rows["rank"].to_numpy(dtype="float64")
    category = rows["category"].to_numpy(dtype=object)
    # By topic, then time, hottest first: a duplicate sighting keeps its best row.
    order = np.lexsort((-heat, t, codes))
    codes, t, heat, rank, category = codes[order], t[order], heat[order], rank[order], category[order]
    keep = np.ones(len(t), dtype=bool)
    keep[1:] = (codes[1:] != codes[:-1]) | (t[1:] != t[:-1])
    codes, t, heat, rank, category = codes[keep], t[keep], heat[keep], rank[keep], category[keep]

    position = np.searchsorted(times, t)
    new = np.ones(len(t), dtype=bool)
    new[1:] = (
        (codes[1:] != codes[:-1])
        | (np.diff(position) - 1 >= rules.gap_snapshots)  # snapshots taken without it
        | (np.diff(t) > rules.max_gap_intervals * interval)  # or nobody looked for too long
    )
    first = np.flatnonzero(new)
    stay = np.cumsum(new) - 1
    count = np.diff(np.append(first, len(t)))
    # The peak: hottest sighting, the earliest of equals; by best rank where heat is unknown.
    by_heat = np.lexsort((t, -heat, stay))
    peak_row = by_heat[np.flatnonzero(np.r_[True, stay[by_heat][1:] != stay[by_heat][:-1]])]
    table = pd.DataFrame({
        "title": titles.to_numpy()[codes[first]],
        "category": _usual(stay, category, len(first)),
        "start": t[first],
        "end": t[first + count - 1] + interval,
        "peak": t[peak_row],
        "peak_heat": heat[peak_row],
        "best_rank": np.minimum.reduceat(rank, first).astype("int64"),
        "snapshots": count,
        "first": first,
    })
    no_heat = table["peak_heat"].to_numpy() <= 0
    if no_heat.any():
        by_rank = np.lexsort((t, rank, stay))
        rank_row = by_rank[np.flatnonzero(np.r_[True, stay[by_rank][1:] != stay[by_rank][:-1]])]
        table.loc[no_heat, "peak"] = t[rank_row][no_heat]
    table = table.sort_values(["start", "title"], kind="stable", ignore_index=True)
    return Stays(table, t, heat)


def _usual(stay: np.ndarray, category: np.ndarray, n: int) -> np.ndarray:
    """Per stay, the label the board gave most often (暂无 one hour, 社会 the next)."""
    labelled = pd.DataFrame({"stay": stay, "category": category})
    labelled = labelled[labelled["category"] != ""]
    counts = labelled.groupby(["stay", "category"], sort=False).size().reset_index(name="n")
    counts = counts.sort_values(["stay", "n"], ascending=[True, False], kind="stable").drop_duplicates("stay")
    out = np.full(n, "", dtype=object)
    out[counts["stay"].to_numpy()] = counts["category"].to_numpy()
    return out
