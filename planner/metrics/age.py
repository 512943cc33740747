"""Bringing counts read at different post ages to one common age.

A post read 6 h after publishing has fewer views than the same post read at 3 days. Counts
grow roughly as a power of age over the first days, ``count ∝ age^b``; ``b`` (the elasticity)
is measured from posts read more than once (the median of Δlog count / Δlog age between
successive readings) or, without repeat readings, taken from ``DEFAULT_ELASTICITY``.
Outside the ages the curve was measured on it is held flat, so a post a year old is not
extrapolated. Rates (completion) are not adjusted.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

import numpy as np
import pandas as pd

# Typical early growth of short-video counts (views grow fastest, comments slowest).
DEFAULT_ELASTICITY = {"views": 0.5, "likes": 0.45, "comments": 0.3, "shares": 0.45, "saves": 0.5, "coins": 0.45,
                      "follower_gain": 0.4, "conversions": 0.4}
DEFAULT_RANGE_H = (1.0, 168.0)  # most plays of a short video come in its first week
NICE_AGES_H = (6, 12, 24, 48, 72, 168, 336, 720)
MIN_PAIRS = 30


@dataclass(frozen=True)
class GrowthCurve:
    """Per-metric elasticities and the common (reference) age counts are brought to."""

    elasticity: dict[str, float] = field(default_factory=lambda: dict(DEFAULT_ELASTICITY))
    min_age_h: float = DEFAULT_RANGE_H[0]
    max_age_h: float = DEFAULT_RANGE_H[1]
    reference_age_h: float | None = None  # None: the history gives no post ages
    pairs: int = 0  # repeat readings the elasticities were measured on (0: defaults)
    chosen: bool = False  # the views exponent was given by the user

    def shift(self, metric: str, age_h: pd.Series | np.ndarray | float) -> np.ndarray:
        """log10 factor that takes a count read at ``age_h`` to the reference age (0 where unknown)."""
        ages = np.asarray(age_h, dtype=float)
        b = self.elasticity.get(metric, 0.0)
        if self.reference_age_h is None or b == 0.0:
            return np.zeros_like(ages)
        ref = np.log10(np.clip(self.reference_age_h, self.min_age_h, self.max_age_h))
        at = np.log10(np.clip(ages, self.min_age_h, self.max_age_h))
        return np.where(np.isnan(ages), 0.0, b * (ref - at))

    def describe(self) -> str:
        if self.reference_age_h is None:
            return "post ages unknown: counts as exported (lifetime totals at export)"
        how = (f"measured on {self.pairs} repeat readings" if self.pairs else "set with --age-exponent"
               if self.chosen else "assumed, typical short-video growth: the history has no repeat readings "
               "of a post to measure it; set it with --age-exponent")
        return (f"counts brought to {_age_text(self.reference_age_h)} after publishing "
                f"(views ∝ age^{self.elasticity.get('views', 0):.2f}, {how}, "
                f"held flat outside {self.min_age_h:.0f}-{self.max_age_h:.0f} h)")

    def to_json(self) -> dict[str, Any]:
        return {"elasticity": self.elasticity, "min_age_h": self.min_age_h, "max_age_h": self.max_age_h,
                "reference_age_h": self.reference_age_h, "pairs": self.pairs, "chosen": self.chosen,
                "note": self.describe()}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> GrowthCurve:
        return cls({k: float(v) for k, v in data["elasticity"].items()}, float(data["min_age_h"]),
                   float(data["max_age_h"]), None if data["reference_age_h"] is None else float(data["reference_age_h"]),
                   int(data["pairs"]), bool(data.get("chosen", False)))


def _age_text(hours: float) -> str:
    if hours >= 48 and hours % 24 == 0:
        return f"{hours / 24:.0f} days ({hours:.0f} h)"
    return f"{hours:.0f} h"


def nice_age(hours: float) -> float:
    """The round age (6 h, 12 h, 1 day, ... 30 days) nearest ``hours`` on a log scale."""
    return float(min(NICE_AGES_H, key=lambda a: abs(np.log(a) - np.log(max(hours, 1.0)))))


def fit_growth(frame: pd.DataFrame, metrics: tuple[str, ...], reference_age_h: float | None = None,
               age_exponent: float | None = None) -> GrowthCurve:
    """Measure elasticities from posts read more than once; pick the reference age.

    The reference age defaults to the typical age at a post's first reading, rounded to a
    round age, so adjusted counts stay close to what was observed. ``age_exponent`` sets the
    views exponent instead of measuring or assuming it (the other metrics keep theirs).
    """
    if age_exponent is not None:
        curve = fit_growth(frame, metrics, reference_age_h)
        return replace(curve, elasticity={**curve.elasticity, "views": float(age_exponent)}, pairs=0, chosen=True)
    ages = frame["age_h"]
    if ages.notna().sum() == 0:
        return GrowthCurve(reference_age_h=None)
    first = frame.loc[frame.groupby("post_id")["observed_at"].idxmin().dropna()] if frame["observed_at"].notna().any() \
        else frame
    reference = reference_age_h or nice_age(float(first["age_h"].median()))
    repeat = frame[frame["post_id"].duplicated(keep=False) & ages.notna()].sort_values(["post_id", "age_h"])
    if len(repeat) < MIN_PAIRS:
        return GrowthCurve(reference_age_h=reference)
    d_age = np.log10(repeat["age_h"].clip(lower=0.1)).groupby(repeat["post_id"]).diff()
    elasticity = dict(DEFAULT_ELASTICITY)
    pairs = 0
    for metric in (*metrics, "coins"):
        if metric not in DEFAULT_ELASTICITY or metric not in repeat or repeat[metric].isna().all():
            continue
        d_count = np.log10(repeat[metric].clip(lower=1)).groupby(repeat["post_id"]).diff()
        ok = (d_age > 0.01) & d_count.notna() & (repeat[metric] > 0)
        if ok.sum() >= MIN_PAIRS:
            elasticity[metric] = float(np.clip((d_count[ok] / d_age[ok]).median(), 0.0, 1.5))
            pairs = max(pairs, int(ok.sum()))
    if not pairs:
        return GrowthCurve(reference_age_h=reference)
    span = repeat["age_h"]
    return GrowthCurve(elasticity, max(1.0, float(span.quantile(0.01))), float(span.quantile(0.99)), reference, pairs)
