"""trends.yaml: write it, read it back as validated Trend objects.

ruamel.yaml's pure-Python emitter and parser need over a minute for the 35,000 windows of half a
year of Weibo, so the file is written in one fixed layout (block mapping per trend, one field a
line, flow lists) by a small writer, and a file in exactly that layout is read back by a matching
line reader. Anything else (a hand-edited file) goes through ruamel.yaml with located errors. The
tests check that ruamel.yaml reads the writer's output to the same values.
"""

from __future__ import annotations

import json
import re
from datetime import datetime
from pathlib import Path
from typing import Any

from pydantic import ValidationError
from ruamel.yaml.nodes import ScalarNode
from ruamel.yaml.resolver import VersionedResolver

from planner.domain.scenario import Trend
from planner.errors import InputError, Problem
from planner.scenario import Loc, read_yaml
from planner.scenario.yamlio import loads_json
from planner.textio import UTF8, read_text

TEXT_FIELDS = ("id", "name", "category", "source")
TIME_FIELDS = ("start", "peak", "end")
NUMBER_FIELDS = ("peak_heat", "after_window")
#: Half a year of Weibo windows with their curves is about 17 MB; a file far above that is refused by its
#: size. (A hand-edited file, read by ruamel.yaml, has the scenario files' 5 MB limit on top.)
MAX_FILE_BYTES = 200 * 1024 * 1024

_RESOLVER = VersionedResolver()
_STR_TAG = "tag:yaml.org,2002:str"
_INDICATORS = set("-?:,[]{}#&*!|>'\"%@`")
# Characters YAML will not take raw (or would fold as line breaks) inside a double-quoted scalar.
_UNSAFE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff\ud800-\udfff]")
_BREAKS = re.compile("[\t\n\r\x85]")
_NUMBERISH = re.compile(r"[-+0-9._:eExXoObB ]+")
_YAML11_WORDS = {"y", "n", "yes", "no", "on", "off", "true", "false", "null"}  # older readers' booleans too
_ID_WORD = re.compile(r"[A-Za-z][A-Za-z0-9_]*(?:-[A-Za-z0-9_]+)*")
_TIME = re.compile(r"\d{4}-\d\d-\d\d[T ]\d\d:\d\d(?::\d\d(?:\.\d+)?)?(?:[+-]\d\d:\d\d|Z)?")
_NUMBER = re.compile(r"-?\d+(?:\.\d+)?")
_CURVE_POINT = re.compile(rf"\[({_TIME.pattern}), ({_NUMBER.pattern})\]")
_LINE = re.compile(r"(  - |    )([a-z_]+): (.*)")


# ---- writing -------------------------------------------------------------------------------

def dump_trends(trends: list[Trend], header: str = "") -> str:
    """The trends as YAML text; CJK is written as it is, never escaped."""
    lines = [f"# {line}" for line in header.splitlines()]
    if not trends:
        lines.append("trends: []")
    else:
        lines.append("trends:")
        for trend in trends:
            lines.extend(_entry(trend))
    return "\n".join(lines) + "\n"


def _entry(trend: Trend) -> list[str]:
    fields: list[tuple[str, str]] = [
        ("id", text_scalar(trend.id)),
        ("name", text_scalar(trend.name)),
        ("keywords", "[" + ", ".join(quoted(k) for k in trend.keywords) + "]"),
        ("category", text_scalar(trend.category)),
        ("start", _time(trend.start)),
    ]
    if trend.peak is not None:
        fields.append(("peak", _time(trend.peak)))
    fields += [("end", _time(trend.end)), ("peak_heat", _number(trend.peak_heat))]
    if trend.curve:
        points = ", ".join(f"[{_time(at)}, {_number(heat)}]" for at, heat in trend.curve)
        fields.append(("curve", f"[{points}]"))
    if trend.after_window:
        fields.append(("after_window", _number(trend.after_window)))
    fields.append(("source", text_scalar(trend.source)))
    return [f"{'  - ' if i == 0 else '    '}{key}: {value}" for i, (key, value) in enumerate(fields)]


def quoted(text: str) -> str:
    """A double-quoted scalar: JSON's escapes are YAML's too; CJK stays readable."""
    return _UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", json.dumps(text, ensure_ascii=False))


def is_plain_safe(text: str) -> bool:
    """Whether ``text`` reads back as the same string when written without quotes."""
    if not text or text != text.strip() or text[0] in _INDICATORS:
        return False
    if ": " in text or " #" in text or text.endswith(":") or _BREAKS.search(text) or _UNSAFE.search(text):
        return False
    # Numbers, dates and yes/no to some YAML reader (1.1 included): quote them all.
    if text.lower() in _YAML11_WORDS or _NUMBERISH.fullmatch(text):
        return False
    # Fast answers for the usual title (starts with CJK) and id: no YAML type is spelled so.
    if text[0] >= "\u2e80" or _ID_WORD.fullmatch(text):
        return True
    return _RESOLVER.resolve(ScalarNode, text, (True, False)) == _STR_TAG


def text_scalar(text: str) -> str:
    return text if is_plain_safe(text) else quoted(text)


def _time(moment: datetime) -> str:
    return moment.isoformat()


def _number(value: float) -> str:
    text = repr(float(value))
    return text if _NUMBER.fullmatch(text) else json.dumps(float(value))


# ---- reading -------------------------------------------------------------------------------

def read_trends(path: str | Path) -> list[Trend]:
    """Every entry of a trends file validated as a Trend; problems are located (file, line, field)."""
    file = str(path)
    text = read_text(path, MAX_FILE_BYTES, UTF8, file).text
    parsed = _read_layout(text, file)
    if parsed is None:
        parsed = _read_any(path, file)
    entries, lines = parsed
    return _validate(entries, lines, file)


def _read_layout(text: str, file: str) -> tuple[list[dict[str, Any]], list[dict[str, int]]] | None:
    """Parse the writer's own layout; None as soon as a line does not fit it."""
    entries: list[dict[str, Any]] = []
    lines: list[dict[str, int]] = []
    started = False
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        if not started:
            if line.rstrip() == "trends: []":
                return [], []
            if line.rstrip() != "trends:":
                return None
            started = True
            continue
        match = _LINE.fullmatch(line)
        if match is None:
            return None
        lead, key, raw = match.groups()
        if lead == "  - ":
            entries.append({})
            lines.append({"": number})
        elif not entries or key in entries[-1]:
            return None
        value = _value(key, raw)
        if value is _NOT_LAYOUT:
            return None
        entries[-1][key] = value
        lines[-1][key] = number
    return (entries, lines) if started else None


_NOT_LAYOUT = object()


def _value(key: str, raw: str) -> Any:
    try:
        if key in TEXT_FIELDS:
            if raw.startswith('"'):
                # JSON's escapes are a subset of YAML's; raw characters YAML refuses are not.
                value = loads_json(raw)
                return value if isinstance(value, str) and not _UNSAFE.search(raw) else _NOT_LAYOUT
            return raw if is_plain_safe(raw) else _NOT_LAYOUT
        if key in TIME_FIELDS:
            return raw if _TIME.fullmatch(raw) else _NOT_LAYOUT
        if key in NUMBER_FIELDS:
            return json.loads(raw) if _NUMBER.fullmatch(raw) else _NOT_LAYOUT
        if key == "keywords":
            value = loads_json(raw) if raw.startswith("[") and not _UNSAFE.search(raw) else None
            ok = isinstance(value, list) and all(isinstance(v, str) for v in value)
            return value if ok else _NOT_LAYOUT
        if key == "curve":
            points = _CURVE_POINT.findall(raw)
            rebuilt = "[" + ", ".join(f"[{t}, {h}]" for t, h in points) + "]"
            return [[t, float(h)] for t, h in points] if rebuilt == raw else _NOT_LAYOUT
    except json.JSONDecodeError:
        return _NOT_LAYOUT
    return _NOT_LAYOUT  # a field the writer never writes: let the general reader locate it


def _read_any(path: str | Path, file: str) -> tuple[list[dict[str, Any]], list[dict[str, int]]]:
    data, loc = read_yaml(path)
    if not isinstance(data, dict) or "trends" not in data:
        raise InputError(Problem("expected a mapping with a 'trends' list", file=file, line=1))
    entries = data["trends"]
    if not isinstance(entries, list):
        where = loc.find(("trends",))
        raise InputError(Problem("'trends' must be a list", file=file, line=where.line, path="trends"))
    lines = [_entry_lines(loc.find(("trends", i))) for i in range(len(entries))]
    return entries, lines


def _entry_lines(loc: Loc) -> dict[str, int]:
    out = {"": loc.line or 0}
    out.update({str(k): child.line or 0 for k, child in loc.children.items()})
    return out


def _validate(entries: list[Any], lines: list[dict[str, int]], file: str) -> list[Trend]:
    trends: list[Trend] = []
    problems: list[Problem] = []
    seen: dict[str, int] = {}
    for index, (entry, where) in enumerate(zip(entries, lines, strict=True)):
        if not isinstance(entry, dict):
            problems.append(Problem("each trend must be a mapping", file=file, line=where[""] or None, path=f"trends[{index}]"))
            continue
        raw_id = entry.get("id")
        if isinstance(raw_id, str) and raw_id in seen:
            problems.append(Problem(f"id '{raw_id}' repeats (first at line {seen[raw_id]})", file=file,
                                    line=where.get("id") or where[""] or None, path=f"trends[{index}].id"))
        elif isinstance(raw_id, str):
            seen[raw_id] = where.get("id") or where[""]
        try:
            trends.append(Trend.model_validate(entry))
        except ValidationError as error:
            problems += _located(error, where, file, index)
    if problems:
        raise InputError(problems)
    return trends


def _located(error: ValidationError, where: dict[str, int], file: str, index: int) -> list[Problem]:
    problems = []
    for item in error.errors():
        field = str(item["loc"][0]) if item["loc"] else ""
        message = item["msg"].removeprefix("Value error, ")
        if item["type"] == "missing":
            message = f"missing required field '{field}'"
        elif item["type"] == "extra_forbidden":
            message = f"unknown field '{field}'"
        path = f"trends[{index}]" + "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in item["loc"])
        problems.append(Problem(message, file=file, line=where.get(field) or where[""] or None, path=path))
    return problems
