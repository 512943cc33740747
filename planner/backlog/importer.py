"""Read a topic backlog (选题库: XLSX or CSV) into topic mappings, row by row.

A row that cannot be a topic is refused with one problem naming the file, sheet, row and column;
the other rows still load. Rows whose 状态 says the topic is published or dropped are skipped (not
refused). The mappings are what a scenario's ``topics:`` holds, so they can be written as YAML or
merged into a scenario as they are.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from planner.backlog.columns import CLOSED_STATUS, HEADERS, PRIORITY_WORDS, REQUIRED, header_score, match_headers
from planner.backlog.words import say
from planner.domain.scenario import Topic
from planner.errors import InputError, Problem, clip_list
from planner.metrics.numbers import parse_duration, parse_flag
from planner.metrics.reader import read_table
from planner.metrics.times import parse_time
from planner.scenario.calendar import STAGE_ALIASES

DEFAULT_TZ = "Asia/Shanghai"
_LIST_SPLIT = re.compile(r"[,，、/;；|\s]+")
_LIST_FIELDS = ("platforms", "talent", "tags", "accounts", "hashtags", "done", "after", "labels")
_TIME_FIELDS = ("deadline", "earliest", "live_at")
_FLAG_FIELDS = ("commercial", "ai_generated", "review")


@dataclass
class BacklogImport:
    """The topics a backlog gave, where each came from, and the rows it refused or skipped."""

    file: str
    sheet: str | None
    columns: dict[str, str]
    topics: list[dict[str, Any]] = field(default_factory=list)
    rows: list[int] = field(default_factory=list)  # the file row of each topic
    refused: list[Problem] = field(default_factory=list)
    refused_rows: list[int] = field(default_factory=list)
    skipped: list[int] = field(default_factory=list)
    rows_read: int = 0

    def summary(self, lang: str = "zh") -> str:
        return say("summary", lang, file=self.file, rows=self.rows_read, taken=len(self.topics),
                   refused=len(self.refused_rows), skipped=len(self.skipped))


def read_backlog(path: str | Path, *, sheet: str | int = 0, mapping: dict[str, str] | None = None,
                 timezone: str = DEFAULT_TZ, lang: str = "zh") -> BacklogImport:
    """Read a backlog file. ``mapping`` (topic field -> header) names columns the usual spellings
    miss. Raises InputError only when the file cannot be read, a needed column is missing or no
    row at all is usable; bad rows are listed in ``refused``."""
    file = str(path)
    table = read_table(path, header_score, sheet)
    headers = [str(h) for h in table.cells.columns]
    columns = match_headers(headers, mapping)
    unknown = [f for f in mapping or {} if f not in HEADERS]
    if unknown:
        raise InputError(Problem(f"unknown field(s) {', '.join(unknown)}; fields are: {', '.join(HEADERS)}", file=file))
    missing = [f for f in REQUIRED if f not in columns]
    if missing:
        names = ", ".join(f"{HEADERS[f][0]} ({f})" for f in missing)
        raise InputError(Problem(say("missing_columns", lang, names=names, columns=clip_list(headers)), file=file))
    out = BacklogImport(file, table.sheet, columns, rows_read=len(table.cells))
    seen: dict[str, int] = {}
    episodes: dict[str, int] = {}
    for (_, cells), row in zip(table.cells.iterrows(), table.rows, strict=True):
        row = int(row)
        raw = {name: cells[header] for name, header in columns.items()}
        if _text(raw.get("status")).lower() in CLOSED_STATUS:
            out.skipped.append(row)
            continue
        topic, problems = _row_topic(raw, row, timezone, lang)
        if not problems:
            topic.setdefault("id", f"b{row:03d}")
            if topic["id"] in seen:
                problems = [("id", say("duplicate_id", lang, id=topic["id"], row=seen[topic["id"]]))]
            elif topic.get("series") and "episode" not in topic:
                episodes[topic["series"]] = topic["episode"] = episodes.get(topic["series"], 0) + 1
        if not problems:
            problems = _validate(topic, lang)
        if problems:
            name, message = problems[0]
            out.refused.append(_located(file, table.sheet, row, columns.get(name, name), message))
            out.refused_rows.append(row)
            continue
        seen[topic["id"]] = row
        out.topics.append(topic)
        out.rows.append(row)
    if not out.topics:
        first = f" ({out.refused[0]})" if out.refused else ""
        raise InputError(Problem(say("no_rows", lang, rows=out.rows_read) + first, file=file))
    return out


def _located(file: str, sheet: str | None, row: int, header: str, message: str) -> Problem:
    """``backlog.xlsx:12 选题库!截止: ...`` (CSV: ``backlog.csv:12 截止: ...``)."""
    return Problem(message, file=file, line=row, path=f"{sheet}!{header}" if sheet else header)


def _text(value: object) -> str:
    if value is None or (isinstance(value, float) and value != value):
        return ""
    text = str(value).strip()
    return "" if text in ("nan", "None", "NaT") else text


def _row_topic(raw: dict[str, object], row: int, tz: str, lang: str) -> tuple[dict[str, Any], list[tuple[str, str]]]:
    """One row as a topic mapping (only filled cells), or the first problem per bad cell."""
    topic: dict[str, Any] = {}
    problems: list[tuple[str, str]] = []
    for name in REQUIRED:
        if not _text(raw.get(name)):
            problems.append((name, say("blank", lang)))
    for name, value in raw.items():
        text = _text(value)
        if not text or name in ("status", "planned"):
            continue
        try:
            parsed = _parse(name, value, text, tz, lang)
        except ValueError as error:
            problems.append((name, str(error)))
            continue
        if parsed is not None:
            topic[name] = parsed
    return topic, problems


def _parse(name: str, value: object, text: str, tz: str, lang: str) -> Any:
    if name in _LIST_FIELDS:
        items = [p for p in _LIST_SPLIT.split(text) if p]
        if name == "done":  # 脚本、拍摄 → script, shoot
            return [STAGE_ALIASES.get(p, p.lower()) for p in items]
        return [p.lstrip("#") for p in items] if name == "hashtags" else items
    if name in _TIME_FIELDS:
        try:
            stamp = parse_time(value, tz)
        except ValueError as error:
            raise ValueError(say("bad_time", lang, error=error)) from None
        if stamp is None:
            return None
        if name == "deadline" and (stamp.hour, stamp.minute) == (0, 0):
            stamp = stamp.replace(hour=23, minute=59)  # a date alone: by the end of that day
        return stamp.strftime("%Y-%m-%dT%H:%M")
    if name == "priority":
        word = PRIORITY_WORDS.get(text.lower())
        if word is not None:
            return word
        number = _whole(text)
        if number is None or not 1 <= number <= 5:
            raise ValueError(say("bad_priority", lang, value=text))
        return number
    if name == "episode":
        number = _whole(text)
        if number is None:
            raise ValueError(say("bad_int", lang, value=text))
        return number
    if name == "duration_s":
        try:
            seconds = parse_duration(value)
        except ValueError:
            raise ValueError(say("bad_duration", lang, value=text)) from None
        return None if seconds is None else round(seconds)
    if name == "aspect" and hasattr(value, "hour") and hasattr(value, "minute"):
        return f"{value.hour}:{value.minute}"  # Excel read 9:16 as a time of day
    if name in _FLAG_FIELDS:
        try:
            flag = parse_flag(value)
        except ValueError:
            raise ValueError(say("bad_flag", lang, value=text)) from None
        return None if flag is None else bool(flag)
    return text


def _whole(text: str) -> int | None:
    try:
        number = float(text)
    except ValueError:
        return None
    return int(number) if number.is_integer() else None


def _validate(topic: dict[str, Any], lang: str) -> list[tuple[str, str]]:
    """The topic model's own verdict on a row (unknown platform, 'live' without a time...)."""
    try:
        Topic.model_validate(topic, context={"lang": lang})
    except ValidationError as error:
        out = []
        for item in error.errors():
            message = item["msg"].removeprefix("Value error, ")
            out.append((str(item["loc"][0]) if item["loc"] else _field_named(message, topic), message))
        return out
    return []


def _field_named(message: str, topic: dict[str, Any]) -> str:
    """The row's field a whole-topic message is about ("done names ...", "a live topic needs
    live_at"): the first of the row's fields it names, else the id."""
    found = [(m.start(), name) for name in HEADERS if (m := re.search(rf"\b{name}\b", message))]
    return min(found)[1] if found else "id"
