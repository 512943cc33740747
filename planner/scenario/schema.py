"""The JSON Schema of a scenario file as the loader reads it, derived from the pydantic models.

The models' own schema describes a finished scenario; a file may be more than that: Chinese
names (抖音, 策划, 周日), dates as 2026/12/07, a rule's parameters written inline, and a variant
(``extends``), whose every field is optional, whose ``remove`` lists ids and whose new list
entries say ``add: true``. Built from ``Scenario.model_json_schema()`` each time, so a field added
to a model appears here without a change.
"""

from __future__ import annotations

import copy
from typing import Any

from planner.domain.scenario import Scenario
from planner.scenario.overlay import ADD

#: Set by the loader, never written in a file.
_LOADER_ONLY = ("base_dir",)
_PARTIAL = "Partial"


def _refs_to_partial(node: Any) -> Any:
    """``node`` with every ``#/$defs/X`` reference turned into ``#/$defs/PartialX``."""
    if isinstance(node, dict):
        return {k: (f"#/$defs/{_PARTIAL}{v.rsplit('/', 1)[1]}" if k == "$ref" and isinstance(v, str)
                    else _refs_to_partial(v)) for k, v in node.items()}
    if isinstance(node, list):
        return [_refs_to_partial(v) for v in node]
    return node


def _partial(definition: dict[str, Any]) -> dict[str, Any]:
    """A model's schema as a variant writes it: nothing required but the id an entry merges by,
    and ``add: true`` on entries that are new."""
    out = _refs_to_partial(definition)
    properties = out.get("properties", {})
    out.pop("required", None)
    if "id" in properties:
        out["required"] = ["id"]
        properties[ADD] = {"type": "boolean", "description": "A new entry in a variant (its base has no such id)."}
    return out


def _inline_rule_params(defs: dict[str, Any]) -> None:
    """A rule writes its kind's parameters inline (``max: 3``): any other key is a parameter."""
    rule = defs.get("RuleSpec")
    if rule is not None:
        rule["additionalProperties"] = True


def scenario_schema() -> dict[str, Any]:
    """The JSON Schema of a scenario file: a whole scenario, or a variant when it has ``extends``."""
    schema = Scenario.model_json_schema()
    defs: dict[str, Any] = schema.pop("$defs", {})
    _inline_rule_params(defs)
    whole = {k: v for k, v in schema.items() if k not in ("title", "description")}
    for name in _LOADER_ONLY:
        whole.get("properties", {}).pop(name, None)
        if name in whole.get("required", []):
            whole["required"].remove(name)
    partial_defs = {f"{_PARTIAL}{name}": _partial(d) for name, d in defs.items()}
    variant = _refs_to_partial(copy.deepcopy(whole))
    variant.pop("required", None)
    variant["properties"] = {
        "extends": {"type": "string", "description": "The base scenario this variant changes (a path from this file)."},
        "remove": {"type": "array", "items": {"type": "string"},
                   "description": "Ids of accounts, members, topics, trends or rules of the base to delete."},
        **variant["properties"],
    }
    variant["required"] = ["extends"]
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "planner scenario",
        "description": schema.get("description", ""),
        "type": "object",
        "$defs": {**defs, **partial_defs},
        "if": {"type": "object", "required": ["extends"]},
        "then": variant,
        "else": whole,
    }
