"""``planner schema scenario`` accepts every file the loader accepts and refuses what it refuses."""

from __future__ import annotations

import json
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from jsonschema import Draft202012Validator

from planner.cli import cli
from planner.scenario import read_yaml

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = Path(__file__).parent / "fixtures" / "good"


@pytest.fixture(scope="module")
def validator() -> Draft202012Validator:
    result = CliRunner().invoke(cli, ["schema", "scenario"])
    assert result.exit_code == 0, result.output
    schema = json.loads(result.output)
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema)


def as_json(value: Any) -> Any:
    """A file's YAML values as an editor's language server sees them: dates are text."""
    if isinstance(value, dict):
        return {k: as_json(v) for k, v in value.items()}
    if isinstance(value, list):
        return [as_json(v) for v in value]
    if isinstance(value, datetime | date):
        return value.isoformat()
    return value


def errors(validator: Draft202012Validator, data: Any) -> list[str]:
    return [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator.iter_errors(as_json(data))]


SHIPPED = sorted((ROOT / "scenarios").glob("*.yaml"))


def test_there_are_shipped_scenarios_and_variants() -> None:
    texts = [p.read_text(encoding="utf-8") for p in SHIPPED]
    assert len(SHIPPED) >= 4 and any("\nextends:" in t for t in texts)


@pytest.mark.parametrize("path", [*SHIPPED, *sorted(FIXTURES.glob("*.yaml"))], ids=lambda p: p.name)
def test_every_loadable_file_is_valid_against_the_schema(path: Path, validator: Draft202012Validator) -> None:
    data, _ = read_yaml(path)
    assert errors(validator, data) == []


BASE = {"name": "x", "horizon": {"start": "2026/12/07"}, "accounts": [{"id": "dy", "platform": "抖音"}],
        "team": [{"id": "chen", "roles": ["剪辑", "editor", "Shooter"], "weekdays_off": ["周日", "sat", "星期天"]}],
        "topics": [{"id": "t1", "title": "一", "format": "口播", "goal": "拉新", "platforms": ["抖音"],
                    "deadline": "2026年12月9日 20:00"}],
        "rules": [{"id": "cap", "kind": "max_posts_per_day", "max": 2}]}


def test_the_spellings_the_loader_takes(validator: Draft202012Validator) -> None:
    assert errors(validator, BASE) == []


@pytest.mark.parametrize(("change", "where"), [
    (lambda d: d["accounts"][0].update(platform="douyn"), "accounts/0/platform"),
    (lambda d: d["team"][0].update(weekdays_off=["周八"]), "team/0/weekdays_off/0"),
    (lambda d: d["team"][0].pop("roles"), "team/0"),
    (lambda d: d["accounts"][0].update(fans=3), "accounts/0"),
    (lambda d: d.update(extend="demo.yaml"), ""),
    (lambda d: d["team"][0].update(add=True), "team/0"),
])
def test_what_the_loader_refuses_the_schema_refuses(change: Any, where: str,
                                                      validator: Draft202012Validator) -> None:
    data = json.loads(json.dumps(BASE))
    change(data)
    found = errors(validator, data)
    assert found and any(line.startswith(f"{where}:") for line in found), found


def test_a_variant_is_partial_with_extends_remove_and_add(validator: Draft202012Validator) -> None:
    variant = {"name": "v", "extends": "demo.yaml", "remove": ["t9"],
               "team": [{"id": "chen", "hours_per_day": 4}, {"id": "zhao", "add": True, "roles": ["拍摄"]}]}
    assert errors(validator, variant) == []
    assert errors(validator, {**variant, "team": [{"hours_per_day": 4}]})  # an entry merges by its id
    assert errors(validator, {**variant, "remove": "t9"})
