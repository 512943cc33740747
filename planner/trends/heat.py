"""How hot a trend is at a moment: relative heat in [0, 1], 1 at the peak.

From the trend's sampled ``curve`` when it has one (linear interpolation), else from a
rise-peak-decay shape: a linear rise from ``start`` to ``peak``, then an exponential decay that
lands on ``after_window`` at ``end``. Before ``start`` the heat is 0; after ``end`` it is the
trend's ``after_window`` share. Naive datetimes (in the trend or the moments) are read in ``tz``.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from datetime import datetime, tzinfo

import numpy as np

from planner.domain.scenario import Trend

PEAK_SHARE = 0.25  # where the peak sits in the window when the trend does not say
DECAY_RATE = 3.0  # e-folds over the decay: about 5% of the peak is left just before the end


def aware(moment: datetime, tz: tzinfo) -> datetime:
    """Naive values are wall-clock times in ``tz``; aware ones are kept as they are."""
    return moment.replace(tzinfo=tz) if moment.tzinfo is None else moment


def window_of(trend: Trend, tz: tzinfo) -> tuple[datetime, datetime]:
    """The trend's window as aware (start, end)."""
    return aware(trend.start, tz), aware(trend.end, tz)


def peak_of(trend: Trend, tz: tzinfo) -> datetime:
    """The peak, or start + 25% of the window when the trend has none."""
    start, end = window_of(trend, tz)
    if trend.peak is not None:
        return aware(trend.peak, tz)
    return start + (end - start) * PEAK_SHARE


def heat_at(trend: Trend, moment: datetime, tz: tzinfo) -> float:
    """Relative heat of ``trend`` at ``moment``, in [0, 1]."""
    return heat_series(trend, [moment], tz)[0]


def heat_series(trend: Trend, moments: Sequence[datetime], tz: tzinfo) -> list[float]:
    """Relative heat at each of ``moments`` (one pass; the solver asks for many slots at once)."""
    if not moments:
        return []
    at = np.array([aware(m, tz).timestamp() for m in moments], dtype=float)
    start, end = (t.timestamp() for t in window_of(trend, tz))
    if trend.curve:
        inside = _from_curve(trend, at, tz)
    else:
        inside = _from_shape(at, start, peak_of(trend, tz).timestamp(), end, trend.after_window)
    heat = np.where(at < start, 0.0, np.where(at > end, trend.after_window, inside))
    return [float(h) for h in np.clip(heat, 0.0, 1.0)]


def _from_curve(trend: Trend, at: np.ndarray, tz: tzinfo) -> np.ndarray:
    """Linear interpolation between samples, flat beyond the first and last one.

    Samples are scaled by their maximum, so a curve in absolute heat (热度) works as well as one
    already relative to the peak.
    """
    points = sorted((aware(moment, tz).timestamp(), float(value)) for moment, value in trend.curve)
    xs = np.array([p[0] for p in points])
    ys = np.array([p[1] for p in points])
    top = ys.max()
    if top > 0:
        ys = ys / top
    return np.interp(at, xs, ys)


def _from_shape(at: np.ndarray, start: float, peak: float, end: float, after: float) -> np.ndarray:
    """Linear rise to 1 at the peak, exponential decay to ``after`` at the end."""
    rise_span = peak - start
    decay_span = end - peak
    rise = (at - start) / rise_span if rise_span > 0 else np.ones_like(at)
    fraction = (at - peak) / decay_span if decay_span > 0 else np.ones_like(at)
    floor = math.exp(-DECAY_RATE)
    # Rescaled so the decay meets after_window exactly at the end: no jump when the window closes.
    decay = after + (1.0 - after) * (np.exp(-DECAY_RATE * fraction) - floor) / (1.0 - floor)
    return np.where(at <= peak, rise, decay)
