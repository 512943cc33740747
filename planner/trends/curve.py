"""A few heat samples that keep a stay's shape (rise, peak, decay) within a tolerance."""

from __future__ import annotations

import heapq
from itertools import pairwise

import numpy as np

MAX_POINTS = 12
TOLERANCE = 0.05  # of the peak: below this the samples already draw the curve well enough


def sample_curve(
    times: np.ndarray, heats: np.ndarray, max_points: int = MAX_POINTS, tolerance: float = TOLERANCE
) -> list[tuple[int, float]]:
    """Relative heat (1 at the peak) at chosen sighting times.

    Keeps the first, peak and last sightings, then adds the sighting worst described by straight
    lines between those kept, until all are within ``tolerance`` or ``max_points`` are used.
    Plain Python on purpose: stays are short, and numpy's per-call cost dominated.
    """
    xs = times.tolist()
    ys = heats.tolist()
    top = max(ys, default=0.0)
    if top <= 0:
        return []
    ys = [y / top for y in ys]
    kept = {0, ys.index(1.0), len(xs) - 1}
    if len(xs) > len(kept):
        ordered = sorted(kept)
        heap = [_worst(xs, ys, a, b) for a, b in pairwise(ordered)]
        heapq.heapify(heap)
        while heap and len(kept) < max_points:
            negative_error, a, i, b = heapq.heappop(heap)
            if -negative_error <= tolerance:
                break
            kept.add(i)
            heapq.heappush(heap, _worst(xs, ys, a, i))
            heapq.heappush(heap, _worst(xs, ys, i, b))
    return [(int(xs[i]), round(ys[i], 3)) for i in sorted(kept)]


def _worst(xs: list[int], ys: list[float], a: int, b: int) -> tuple[float, int, int, int]:
    """The sighting between kept ``a`` and ``b`` farthest from the straight line joining them."""
    worst, where = 0.0, a
    span = xs[b] - xs[a]
    for i in range(a + 1, b):
        drawn = ys[a] + (ys[b] - ys[a]) * (xs[i] - xs[a]) / span if span else ys[a]
        error = abs(drawn - ys[i])
        if error > worst:
            worst, where = error, i
    return (-worst, a, where, b)
