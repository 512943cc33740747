"""Shared pydantic base and small value types."""

from __future__ import annotations

import re
from datetime import date, datetime, time
from typing import Annotated, Any, NoReturn

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, WithJsonSchema

from planner.moments import parse_moment


class Frozen(BaseModel):
    """Immutable model that rejects unknown fields (typos become errors, not silence)."""

    model_config = ConfigDict(frozen=True, extra="forbid", allow_inf_nan=False)


def _refuse(self: object, *args: object, **kwargs: object) -> NoReturn:
    raise TypeError(f"a {type(self).__name__} cannot be changed: build a new model (model_copy(update=...) "
                    "or model_validate) so that it is checked again")


class FrozenList(list[Any]):
    """A list that cannot be changed in place. It still reads, compares, serialises, pickles and
    copies as a list; ``+`` and slices give ordinary lists."""

    __slots__ = ()
    append = extend = insert = remove = pop = clear = sort = reverse = _refuse
    __setitem__ = __delitem__ = __iadd__ = __imul__ = _refuse

    def __reduce__(self) -> tuple[Any, ...]:
        return (type(self), (list(self),))


class FrozenDict(dict[Any, Any]):
    """A dict that cannot be changed in place (reads, compares and serialises as a dict)."""

    __slots__ = ()
    __setitem__ = __delitem__ = __ior__ = clear = pop = popitem = setdefault = update = _refuse

    def __reduce__(self) -> tuple[Any, ...]:
        return (type(self), (dict(self),))


def freeze(value: Any) -> Any:
    """Lists and dicts, at any depth, as FrozenList and FrozenDict; anything else as it is."""
    if isinstance(value, list) and not isinstance(value, FrozenList):
        return FrozenList(freeze(v) for v in value)
    if isinstance(value, dict) and not isinstance(value, FrozenDict):
        return FrozenDict({k: freeze(v) for k, v in value.items()})
    return value


class Sealed(Frozen):
    """A frozen model whose lists and dicts cannot be changed in place either: ``scenario.topics.append``
    raises, so a model (and what it caches, such as ``topic_by_id``) is always the one validated."""

    def model_post_init(self, context: Any, /) -> None:
        for name in type(self).model_fields:
            value = self.__dict__.get(name)
            if isinstance(value, list | dict):
                self.__dict__[name] = freeze(value)


_ID = re.compile(r"^[^\s,;:#]{1,64}$")


def _check_id(value: str) -> str:
    if not _ID.match(value):
        raise ValueError(f"invalid id {value!r}: 1-64 characters, no spaces, commas or colons")
    return value


Id = Annotated[str, AfterValidator(_check_id)]


#: Longest path and longest single file name most systems take (Linux: PATH_MAX, NAME_MAX).
MAX_PATH_CHARS = 4096
MAX_NAME_BYTES = 255


def path_problem(value: str) -> str | None:
    """Why ``value`` cannot name a file on any common system, or None: a NUL character, a path over
    ``MAX_PATH_CHARS`` characters, a file or folder name over ``MAX_NAME_BYTES`` bytes."""
    if "\0" in value:
        return "a path cannot hold a NUL character"
    if len(value) > MAX_PATH_CHARS:
        return f"path of {len(value)} characters is too long (at most {MAX_PATH_CHARS})"
    longest = max((len(part.encode("utf-8", "surrogatepass")) for part in re.split(r"[/\\]", value)), default=0)
    if longest > MAX_NAME_BYTES:
        return f"a file name of {longest} bytes in the path is too long (at most {MAX_NAME_BYTES})"
    return None


def _check_path(value: str) -> str:
    problem = path_problem(value)
    if problem:
        raise ValueError(problem)
    return value


#: A file path as a user writes it in a scenario (checked to be a possible name, not to exist).
PathText = Annotated[str, AfterValidator(_check_path)]


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


_ISO_START = re.compile(r"\s*\d{4}-")


def _read_moment(value: Any) -> Any:
    """A date or time written the way spreadsheets and Chinese users write one (2026/12/07 19:00,
    2026年12月7日), read by ``planner.moments``; ISO text and YAML's own dates go to pydantic as
    they are, so its messages stay the ones for ISO."""
    if isinstance(value, str) and not _ISO_START.match(value):
        moment = parse_moment(value)
        if moment is not None:
            return moment
    return value


def _read_day(value: Any) -> Any:
    moment = _read_moment(value)
    if isinstance(moment, datetime) and moment.time() == time(0) and moment.tzinfo is None:
        return moment.date()
    return moment


_DAY_TEXT = r"^\s*\d{4}(/\d{1,2}/\d{1,2}|\.\d{1,2}\.\d{1,2}|年\d{1,2}月\d{1,2}日)\s*$"
_MOMENT_TEXT = (r"^\s*\d{4}(/\d{1,2}/\d{1,2}|\.\d{1,2}\.\d{1,2}|年\d{1,2}月\d{1,2}日)"
                r"(\s*\d{1,2}:\d{2}(:\d{2})?)?\s*$")

#: A day: 2026-12-07, 2026/12/07, 2026.12.07 or 2026年12月7日.
Day = Annotated[date, BeforeValidator(_read_day), WithJsonSchema(
    {"anyOf": [{"type": "string", "format": "date"}, {"type": "string", "pattern": _DAY_TEXT}],
     "description": "A day: 2026-12-07, 2026/12/07 or 2026年12月7日."})]
#: A time: ISO 8601 (2026-12-11T20:00:00, with or without a zone), 2026/12/11 20:00, 2026年12月11日 20:00.
Moment = Annotated[datetime, BeforeValidator(_read_moment), WithJsonSchema(
    {"anyOf": [{"type": "string", "format": "date-time"}, {"type": "string", "format": "date"},
               {"type": "string", "pattern": r"^\s*\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}"},
               {"type": "string", "pattern": _MOMENT_TEXT}],
     "description": "A time: 2026-12-11T20:00:00, 2026/12/11 20:00 or 2026年12月11日 20:00."})]
