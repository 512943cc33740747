"""Reading plan files (the JSON contract of DESIGN.md)."""

from __future__ import annotations

from pathlib import Path

from pydantic import ValidationError

from planner.domain.plan import Plan
from planner.errors import InputError, Problem
from planner.scenario.yamlio import refuse_oversize

#: A hand-made or solved plan (JSON or CSV calendar) above this is no plan: refused by its size.
MAX_FILE_BYTES = 50 * 1024 * 1024


def read_plan(path: str | Path) -> Plan:
    file = str(path)
    target = Path(path)
    if not target.is_file():
        raise InputError(Problem("no such file", file=file))
    refuse_oversize(target, MAX_FILE_BYTES, file)
    try:
        text = target.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise InputError(Problem("no such file", file=file)) from None
    except UnicodeDecodeError:
        raise InputError(Problem("not UTF-8 text", file=file)) from None
    try:
        return Plan.model_validate_json(text)
    except ValidationError as error:
        problems = []
        for item in error.errors():
            where = ".".join(str(p) for p in item["loc"])
            problems.append(Problem(item["msg"], file=file, path=where))
        raise InputError(problems) from None
