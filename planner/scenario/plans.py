"""Reading plan files (the JSON contract of DESIGN.md)."""

from __future__ import annotations

from pathlib import Path

from pydantic import ValidationError

from planner.domain.plan import Plan
from planner.errors import InputError, Problem
from planner.textio import UTF8, read_text

#: A hand-made or solved plan (JSON or CSV calendar) above this is no plan: refused by its size.
MAX_FILE_BYTES = 50 * 1024 * 1024


def read_plan(path: str | Path) -> Plan:
    file = str(path)
    text = read_text(path, MAX_FILE_BYTES, UTF8, file).text
    try:
        return Plan.model_validate_json(text)
    except ValidationError as error:
        problems = []
        for item in error.errors():
            where = ".".join(str(p) for p in item["loc"])
            problems.append(Problem(item["msg"], file=file, path=where))
        raise InputError(problems) from None
