"""Which fields a model takes at a place in a scenario: the names an unknown field is compared to."""

from __future__ import annotations

from typing import Any, get_args

from pydantic import BaseModel


def _model_in(annotation: Any) -> type[BaseModel] | None:
    """The model an annotation holds (``list[Account]``, ``Pins | None``, ``Annotated[...]``), if one."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in get_args(annotation):
        found = _model_in(arg)
        if found is not None:
            return found
    return None


def field_names(model: type[BaseModel], data: Any, path: tuple[Any, ...]) -> list[str]:
    """The field names of the model found by following ``path`` (keys and list indexes) down from
    ``model``; empty when the path leaves the models (a free mapping such as ``params``)."""
    current: type[BaseModel] | None = model
    for step in path:
        if current is None:
            return []
        if isinstance(step, int):
            continue
        field = current.model_fields.get(str(step))
        current = _model_in(field.annotation) if field is not None else None
    return list(current.model_fields) if current is not None else []
