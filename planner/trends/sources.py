"""Hot-list export presets: which column holds the time, rank, title, heat, category and flags.

Each logical field lists the column names it may go by, first match wins. ``generic`` accepts
the plain English names; the platform presets add what their common crawlers write.
"""

from __future__ import annotations

from dataclasses import dataclass, field

REQUIRED = ("time", "rank", "title", "heat")
OPTIONAL = ("category", "is_ad", "is_pinned")

_GENERIC: dict[str, tuple[str, ...]] = {
    "time": ("time", "snapshot_time", "timestamp", "crawled_at", "captured_at"),
    "rank": ("rank", "position", "pos"),
    "title": ("title", "topic", "word", "keyword"),
    "heat": ("heat", "hot", "hot_value", "score"),
    "category": ("category", "label"),
    "is_ad": ("is_ad", "ad", "promoted"),
    "is_pinned": ("is_pinned", "pinned", "is_top"),
}


@dataclass(frozen=True)
class SourcePreset:
    """How one platform's hot-list export names its columns."""

    name: str
    prefix: str  # start of every window id: short, ascii
    label: str  # for the ``source`` text of each window
    columns: dict[str, tuple[str, ...]] = field(default_factory=dict)
    no_category: tuple[str, ...] = ()  # category values that mean "none"

    def candidates(self, logical: str) -> tuple[str, ...]:
        """Column names for ``logical``: the preset's own first, then the generic ones."""
        own = self.columns.get(logical, ())
        return own + tuple(n for n in _GENERIC[logical] if n not in own)


PRESETS: dict[str, SourcePreset] = {
    "weibo": SourcePreset(
        "weibo", "wb", "weibo hot search",
        # snapshot_time is the board's own display time; slot_hour only names the archive file.
        {"time": ("snapshot_time", "slot_hour"), "heat": ("hot", "num", "raw_hot"), "category": ("category",)},
        no_category=("暂无", "无", ""),
    ),
    "douyin": SourcePreset(
        "douyin", "dy", "douyin hot list",
        {"title": ("word", "sentence"), "heat": ("hot_value",), "rank": ("position",), "time": ("event_time",)},
    ),
    "bilibili": SourcePreset(
        "bilibili", "bili", "bilibili hot search",
        {"title": ("keyword", "show_name"), "heat": ("heat_score",), "rank": ("position",)},
    ),
    "generic": SourcePreset("generic", "tr", "hot list"),
}


def preset(name: str) -> SourcePreset:
    try:
        return PRESETS[name]
    except KeyError:
        raise ValueError(f"unknown source '{name}' (choose from {', '.join(PRESETS)})") from None


def resolve_columns(header: list[str], source: SourcePreset) -> tuple[dict[str, str], list[str]]:
    """Map logical fields to the file's columns; return the mapping and the missing required fields."""
    present = {h.strip().lower(): h for h in header}
    mapping: dict[str, str] = {}
    for logical in (*REQUIRED, *OPTIONAL):
        for candidate in source.candidates(logical):
            if candidate.lower() in present:
                mapping[logical] = present[candidate.lower()]
                break
    missing = [f for f in REQUIRED if f not in mapping]
    return mapping, missing
