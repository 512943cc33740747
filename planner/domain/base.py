"""Shared pydantic base and small value types."""

from __future__ import annotations

import re
from datetime import time
from typing import Annotated

from pydantic import AfterValidator, BaseModel, ConfigDict


class Frozen(BaseModel):
    """Immutable model that rejects unknown fields (typos become errors, not silence)."""

    model_config = ConfigDict(frozen=True, extra="forbid", allow_inf_nan=False)


_ID = re.compile(r"^[^\s,;:#]{1,64}$")


def _check_id(value: str) -> str:
    if not _ID.match(value):
        raise ValueError(f"invalid id {value!r}: 1-64 characters, no spaces, commas or colons")
    return value


Id = Annotated[str, AfterValidator(_check_id)]


def parse_hour_range(text: str) -> tuple[time, time]:
    """Parse ``"10:00-19:00"`` into two times; ``"-24:00"`` means end of day."""
    match = re.fullmatch(r"\s*(\d{1,2}):(\d{2})\s*-\s*(\d{1,2}):(\d{2})\s*", text)
    if not match:
        raise ValueError(f"expected a range like '10:00-19:00', got {text!r}")
    h1, m1, h2, m2 = (int(g) for g in match.groups())
    if h1 > 23 or m1 > 59 or m2 > 59 or h2 > 24 or (h2 == 24 and m2):
        raise ValueError(f"not a valid time range: {text!r}")
    start = time(h1, m1)
    end = time(23, 59, 59) if h2 == 24 else time(h2, m2)
    if end <= start:
        raise ValueError(f"range {text!r} ends before it starts")
    return start, end


def _check_range(value: str) -> str:
    parse_hour_range(value)
    return value


HourRange = Annotated[str, AfterValidator(_check_range)]
