"""A date and time as a person writes one: a calendar cell, a ``--since`` option.

One reader for every single time a user types, so that whatever spelling one command takes the
others take too: ISO 8601 (with or without a zone, or a date alone), and the spellings
spreadsheets and Chinese users write (``2026/12/8 19:00``, ``2026.12.08 19:00``,
``2026年12月8日 19:00``). Columns of exported data, where a cell may also be a Unix time or an
Excel serial day, are read by ``planner.metrics.times.parse_times``.
"""

from __future__ import annotations

from datetime import datetime, tzinfo

_FORMATS = ("%Y-%m-%d %H:%M", "%Y/%m/%d %H:%M", "%Y-%m-%d %H:%M:%S", "%Y/%m/%d %H:%M:%S",
            "%Y年%m月%d日 %H:%M", "%Y年%m月%d日%H:%M", "%Y年%m月%d日 %H:%M:%S", "%Y.%m.%d %H:%M",
            "%Y/%m/%d", "%Y.%m.%d", "%Y年%m月%d日")


def parse_moment(text: str, tz: tzinfo | None = None) -> datetime | None:
    """``text`` as a datetime; None when no spelling fits. A time without a zone is read in
    ``tz`` when given, otherwise it stays naive (the caller knows its zone)."""
    text = text.strip()
    if not text:
        return None
    moment = None
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        for pattern in _FORMATS:
            try:
                moment = datetime.strptime(text, pattern)
                break
            except ValueError:
                continue
    if moment is None:
        return None
    return moment.replace(tzinfo=tz) if moment.tzinfo is None and tz is not None else moment
