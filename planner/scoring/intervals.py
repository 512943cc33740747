"""Intervals of totals from per-post intervals.

Adding p10s gives the p10 of a total only if every post fails together; adding medians
understates a right-skewed total. So each post is drawn from a log-normal that matches its
median, p10 and p90 (a separate spread on each side), posts independently, and the total's 10th,
50th and 90th percentiles are read off the draws. Each post's draws are evenly spaced quantiles in
a random order (Latin hypercube), so a total of one post gives back that post's own numbers.
Fixed seed: the same plan gives the same numbers.
"""

from __future__ import annotations

from collections.abc import Hashable
from functools import cache
from statistics import NormalDist

import numpy as np
import pandas as pd

Z90 = 1.2815515655446004  # the standard normal's 90th percentile
DRAWS = 2000
SEED = 0


def draws(median: np.ndarray, p10: np.ndarray, p90: np.ndarray, z: np.ndarray) -> np.ndarray:
    """Samples (posts × draws) of each post's value, driven by the standard normals ``z``."""
    m = np.clip(median.astype(float), 0.0, None)[:, None]
    low = np.clip(p10.astype(float), 1e-9, None)[:, None]
    high = np.clip(p90.astype(float), 1e-9, None)[:, None]
    with np.errstate(divide="ignore", invalid="ignore"):
        below = np.where(m > 0, np.log(np.clip(m / low, 1.0, None)) / Z90, 0.0)
        above = np.where(m > 0, np.log(np.clip(high / np.where(m > 0, m, 1.0), 1.0, None)) / Z90, 0.0)
    return m * np.exp(np.where(z < 0, z * below, z * above))


@cache
def _normal_quantiles() -> np.ndarray:
    unit = NormalDist()
    return np.array([unit.inv_cdf((i + 0.5) / DRAWS) for i in range(DRAWS)])


def stratified_normals(posts: int) -> np.ndarray:
    """(posts × DRAWS) standard normals: the same evenly spaced quantiles for every post, shuffled
    independently per post."""
    quantiles = _normal_quantiles()
    rng = np.random.default_rng(SEED)
    return np.stack([quantiles[rng.permutation(DRAWS)] for _ in range(posts)]) if posts else np.empty((0, DRAWS))


def total_quantiles(frame: pd.DataFrame, by: str | None, kpis: list[str]) -> pd.DataFrame:
    """Per group of ``by`` (or the whole frame) and KPI: value (the total's median), p10 and p90.

    ``frame`` holds ``<kpi>``, ``<kpi>_p10`` and ``<kpi>_p90`` per post. One draw per post is shared
    by all KPIs: a post that does well does well on views and likes alike.
    """
    rows: list[dict[str, object]] = []
    if frame.empty:
        return pd.DataFrame(columns=["key", "kpi", "value", "p10", "p90", "posts"])
    z = stratified_normals(len(frame))
    keys: list[Hashable] = ["all"] * len(frame) if by is None else list(frame[by])
    groups: dict[Hashable, list[int]] = {}
    for i, key in enumerate(keys):
        groups.setdefault(key, []).append(i)
    for kpi in kpis:
        sample = draws(frame[kpi].to_numpy(), frame[f"{kpi}_p10"].to_numpy(), frame[f"{kpi}_p90"].to_numpy(), z)
        for key, index in groups.items():
            total = sample[index].sum(axis=0)
            p10, p50, p90 = np.percentile(total, [10, 50, 90])
            rows.append({"key": key, "kpi": kpi, "value": float(p50), "p10": float(p10), "p90": float(p90),
                         "posts": len(index)})
    return pd.DataFrame(rows)
