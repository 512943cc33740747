"""A rule's scope in time: ``during: {from, to}``, in dates or in days from an account's creation.

Spellings (both ends inclusive, either may be left out):

- dates: ``during: {from: 2026-12-01, to: 2026-12-07}``;
- days from the account's creation, day 1 being the day it was created:
  ``during: {from: day 1, to: day 7}`` (also ``第1天``) or ``during: {from_day: 1, to_day: 7}``.

Days are the account's own calendar days (its time zone, else the horizon's). A period in days
from creation holds only on accounts that say when they were created (``created:``); an account
without a creation date is an established one, and such a rule does not apply to it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from planner.domain.scenario import Account
from planner.messages import pick

_DAY = re.compile(r"^\s*(?:day\s*(\d+)|第\s*(\d+)\s*天)\s*$", re.IGNORECASE)
_KEYS = {"from", "to", "from_day", "to_day"}


@dataclass(frozen=True)
class Period:
    """Inclusive bounds, each a date or a day number from creation (1 = the creation day), or None."""

    start: date | int | None
    end: date | int | None

    @property
    def relative(self) -> bool:
        return isinstance(self.start, int) or isinstance(self.end, int)

    def dates(self, account: Account | None) -> tuple[date | None, date | None] | None:
        """The first and last date for ``account`` (None: open); None when the period never holds
        there (days from a creation date the account does not have)."""
        created = account.created if account is not None else None
        if self.relative and created is None:
            return None
        return (_date(self.start, created), _date(self.end, created))

    def holds(self, account: Account | None, day: date) -> bool:
        bounds = self.dates(account)
        if bounds is None:
            return False
        first, last = bounds
        return (first is None or first <= day) and (last is None or day <= last)

    def words(self, lang: str = "zh") -> str:
        """'days 1-7 after creation', '2026-12-01..2026-12-07', in ``lang``."""
        if self.relative:
            lo = "1" if self.start is None else str(self.start)
            hi = "" if self.end is None else str(self.end)
            return pick(lang, f"建号第 {lo}-{hi} 天" if hi else f"建号第 {lo} 天起",
                        f"days {lo}-{hi} after creation" if hi else f"from day {lo} after creation")
        lo = "" if self.start is None else str(self.start)
        hi = "" if self.end is None else str(self.end)
        return f"{lo}..{hi}"


def _date(bound: date | int | None, created: date | None) -> date | None:
    if isinstance(bound, int) and created is not None:
        return created + timedelta(days=bound - 1)
    return bound if isinstance(bound, date) else None


def _bound(value: Any, key: str) -> date | int | None:
    if value is None:
        return None
    if key.endswith("_day"):
        if isinstance(value, bool) or not isinstance(value, int) or value < 1:
            raise ValueError(f"during.{key} is a day number from 1 (the day the account was created), not {value!r}")
        return value
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        found = _DAY.match(value)
        if found:
            day = int(found.group(1) or found.group(2))
            if day >= 1:
                return day
        else:
            try:
                return date.fromisoformat(value.strip())
            except ValueError:
                pass
    raise ValueError(f"during.{key} is a date (2026-12-01) or a day from the account's creation (day 1), not {value!r}")


def parse_period(raw: Any) -> Period | None:
    """The period of a rule's ``during`` (None: always). ValueError says what is wrong."""
    if raw is None:
        return None
    if not isinstance(raw, dict):
        raise ValueError("during is a mapping: {from: ..., to: ...} (dates, or day 1 from the account's creation)")
    unknown = sorted(set(map(str, raw)) - _KEYS)
    if unknown:
        raise ValueError(f"during has no '{unknown[0]}' (use from and to, or from_day and to_day)")
    for plain, relative in (("from", "from_day"), ("to", "to_day")):
        if plain in raw and relative in raw:
            raise ValueError(f"during gives both {plain} and {relative}")
    start = _bound(raw.get("from_day"), "from_day") if "from_day" in raw else _bound(raw.get("from"), "from")
    end = _bound(raw.get("to_day"), "to_day") if "to_day" in raw else _bound(raw.get("to"), "to")
    if start is None and end is None:
        raise ValueError("during needs from or to")
    if None not in (start, end) and isinstance(start, int) != isinstance(end, int):
        raise ValueError("during mixes a date and a day from creation: use one kind for both ends")
    if start is not None and end is not None and end < start:  # type: ignore[operator]
        raise ValueError(f"during ends ({end}) before it starts ({start})")
    return Period(start, end)
