"""Actuals as history: written in planner's own layout (headers are the field names, which the
``generic`` preset reads), and appended to the team's history file so the next ``fit`` learns
from them. A post already in the file (same platform and post id) is replaced by the newer row."""

from __future__ import annotations

import io
from pathlib import Path

import pandas as pd

from planner.actuals.match import MATCH_COLUMNS
from planner.actuals.words import say
from planner.errors import InputError, Problem
from planner.io import write_atomic
from planner.metrics.fields import COLUMNS, FIELDS

#: The history columns a file in planner's own layout holds (the import's row numbers and ages are
#: derived on reading).
HISTORY_COLUMNS = tuple(c for c in COLUMNS if c not in ("row", "age_h"))
_KEY = ["platform", "post_id"]
_NEEDED = ("post_id", "platform", "published_at", "views")


def _as_text(frame: pd.DataFrame, columns: tuple[str, ...]) -> pd.DataFrame:
    out = pd.DataFrame(index=frame.index)
    for name in columns:
        if name not in frame:
            out[name] = ""
            continue
        column = frame[name]
        if (name in FIELDS and FIELDS[name].kind == "time") or name == "planned_at":
            out[name] = column.map(lambda v: "" if pd.isna(v) else pd.Timestamp(v).isoformat())
        else:
            out[name] = column.map(lambda v: "" if v is None or (isinstance(v, float) and pd.isna(v)) else v)
    return out


def actuals_csv(actuals: pd.DataFrame) -> str:
    """The matched actuals as CSV: the history columns, then topic, planned time, similarity, hours off."""
    return _as_text(actuals, HISTORY_COLUMNS + MATCH_COLUMNS).to_csv(index=False)


def read_actuals(path: str | Path, lang: str = "zh") -> pd.DataFrame:
    """An actuals file ``planner actuals import`` wrote, with its times and counts typed."""
    from planner.textio import read_text

    file = str(path)
    text = read_text(path, 200 * 1024 * 1024, file=file).text
    frame = pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False)
    missing = [c for c in ("topic", "account", "published_at", "views") if c not in frame]
    if missing:
        raise InputError(Problem(say("actuals_columns", lang, names=", ".join(missing)), file=file))
    for name in frame.columns:
        kind = FIELDS[name].kind if name in FIELDS else None
        if kind == "time" or name == "planned_at":
            frame[name] = pd.to_datetime(frame[name].replace("", None), utc=True, format="ISO8601")
        elif kind in ("count", "rate", "duration", "number", "flag") or name in ("title_similarity", "hours_off"):
            frame[name] = pd.to_numeric(frame[name].replace("", None), errors="coerce")
    return frame


def append_history(actuals: pd.DataFrame, path: str | Path, lang: str = "zh") -> tuple[int, int, str]:
    """Append ``actuals`` to the history file at ``path`` (made if absent); returns (added, updated,
    the sentence that says so). A file not in planner's own layout is refused, never rewritten."""
    file = str(path)
    new = _as_text(actuals, HISTORY_COLUMNS)
    target = Path(path)
    if target.is_file():
        from planner.textio import read_text

        old = pd.read_csv(io.StringIO(read_text(target, 500 * 1024 * 1024, file=file).text), dtype=str,
                          keep_default_na=False)
        if any(c not in old for c in _NEEDED):
            raise InputError(Problem(say("history_layout", lang, file=file), file=file))
        keys = set(zip(old["platform"], old["post_id"], strict=True))
        updated = sum((p, i) in keys for p, i in zip(new["platform"], new["post_id"], strict=True))
        merged = pd.concat([old, new], ignore_index=True).drop_duplicates(_KEY, keep="last")
    else:
        updated, merged = 0, new
    added = len(new) - updated
    write_atomic(path, merged.to_csv(index=False))
    return added, updated, say("history_added", lang, file=file, added=added, updated=updated)
