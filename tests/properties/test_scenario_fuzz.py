"""Random edits of the demo scenario end valid or in the project's own error, never another exception."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from planner.errors import InputError
from planner.rules import resolve_rules
from planner.scenario import build, read_layers

DEMO = Path(__file__).resolve().parents[2] / "scenarios" / "demo.yaml"
DATA, LOC = read_layers(DEMO)

values = st.one_of(
    st.none(), st.booleans(), st.integers(-10**6, 10**6), st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=20), st.sampled_from(["douyn", "抖音", "口播", "2026-13-01", "25:00-26:00", "", "t01", "-1"]),
    st.lists(st.text(max_size=5), max_size=3), st.dictionaries(st.text(max_size=5), st.integers(), max_size=2),
)


def _paths(node: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    out = [prefix] if prefix else []
    if isinstance(node, dict):
        for key, value in node.items():
            out += _paths(value, (*prefix, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            out += _paths(value, (*prefix, index))
    return out


PATHS = _paths(DATA)


def _set(data: Any, path: tuple[Any, ...], value: Any) -> Any:
    data = copy.deepcopy(data)
    node = data
    for step in path[:-1]:
        node = node[step]
    if value == "__delete__":
        del node[path[-1]]
    else:
        node[path[-1]] = value
    return data


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(edits=st.lists(st.tuples(st.sampled_from(PATHS), st.one_of(values, st.just("__delete__"))),
                      min_size=1, max_size=3))
def test_random_edits_end_valid_or_in_our_error(edits: list[tuple[tuple[Any, ...], Any]]) -> None:
    data = DATA
    for path, value in edits:
        try:
            data = _set(data, path, value)
        except (KeyError, IndexError, TypeError):
            continue  # an earlier edit removed or replaced the parent
    try:
        scenario = build(data, LOC, base_dir=str(DEMO.parent))
        resolve_rules(scenario)
    except InputError as error:
        assert error.problems
        for problem in error.problems:
            assert "\n" not in str(problem)
