"""Benchmark tiers: the size of each instance family, and the targets it is measured against."""

from __future__ import annotations

from dataclasses import dataclass

from planner.errors import InputError


@dataclass(frozen=True)
class Tier:
    """Counts of one instance. ``brands`` > 1 with ``shared`` > 0 is an agency: each client brand has
    its own small team, and ``shared`` specialists work for every client."""

    name: str
    brands: int
    accounts: int
    members: int
    topics: int
    days: int
    shared: int = 0
    #: Seconds of search the harness gives the solver by default (from the tier's targets).
    time_limit: float = 30.0


TIERS: dict[str, Tier] = {
    "S": Tier("S", brands=1, accounts=2, members=5, topics=30, days=7, time_limit=30.0),
    "M": Tier("M", brands=1, accounts=6, members=10, topics=150, days=14, time_limit=20.0),
    "L": Tier("L", brands=4, accounts=12, members=25, topics=600, days=28, time_limit=60.0),
    "XL": Tier("XL", brands=20, accounts=60, members=100, topics=3000, days=28, shared=10, time_limit=300.0),
}

#: Topic counts of the scaling curve.
SCALE_POINTS: tuple[int, ...] = (50, 100, 200, 400, 700, 1000)


def tier(name: str) -> Tier:
    """A tier by name (S, M, L, XL) or ``T<topics>`` for a point of the scaling curve."""
    key = name.strip().upper()
    if key in TIERS:
        return TIERS[key]
    if key.startswith("T") and key[1:].isdigit():
        return scaled(int(key[1:]))
    raise InputError(f"unknown tier '{name}' (use S, M, L, XL, or T<topics> such as T200)")


def scaled(topics: int) -> Tier:
    """An M-like instance (one team, two weeks) with accounts and team grown in proportion to topics:
    150 topics keep M's 6 accounts and 10 members, so only the size changes along the curve."""
    if not 10 <= topics <= 5000:
        raise InputError(f"a scaling instance has 10-5000 topics, not {topics}")
    accounts = max(2, round(topics * 6 / 150))
    members = max(5, round(topics * 10 / 150))
    brands = max(1, round(accounts / 6))
    return Tier(f"T{topics}", brands=brands, accounts=accounts, members=members, topics=topics, days=14,
                time_limit=60.0)
