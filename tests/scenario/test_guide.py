"""Every YAML example of the scenario guides (zh and en) loads and checks without an error: the
first is a whole scenario, the others replace or add its sections, a variant extends it."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from ruamel.yaml import YAML

from planner.api import check_scenario
from planner.scenario import load

ROOT = Path(__file__).resolve().parents[2]
GUIDES = [ROOT / "docs" / "scenario-guide.md", ROOT / "docs" / "scenario-guide.en.md"]
BLOCK = re.compile(r"^```yaml\n(.*?)^```", re.MULTILINE | re.DOTALL)


def examples(guide: Path) -> list[str]:
    return BLOCK.findall(guide.read_text(encoding="utf-8"))


def parse(text: str) -> dict[str, Any]:
    data = YAML(typ="safe").load(text)
    assert isinstance(data, dict)
    return data


def write_example(folder: Path, base: str, block: str) -> Path:
    """The file to load for one example: the block itself when it is a whole scenario or a variant
    (its base written beside it), else the first example with the block's sections put in."""
    data = parse(block)
    path = folder / "example.yaml"
    if "extends" in data:
        (folder / data["extends"]).write_text(base, encoding="utf-8")
        path.write_text(block, encoding="utf-8")
    elif "name" in data and "horizon" in data:
        path.write_text(block, encoding="utf-8")
    else:
        kept = "".join(f"{section}\n" for section in re.split(r"\n(?=\S)", base.strip())
                       if section.split(":", 1)[0] not in data)
        path.write_text(kept + block, encoding="utf-8")
    for field in ("path", "model"):  # a history file is named, not read, when a scenario loads
        named = (data.get("history") or {}).get(field)
        if named:
            (folder / named).parent.mkdir(parents=True, exist_ok=True)
            (folder / named).write_text("", encoding="utf-8")
    return path


def cases() -> list[tuple[Path, int]]:
    return [(guide, index) for guide in GUIDES for index in range(len(examples(guide)))]


def test_both_guides_have_their_examples() -> None:
    counts = [len(examples(guide)) for guide in GUIDES]
    assert counts[0] == counts[1] and counts[0] >= 12


@pytest.mark.parametrize(("guide", "index"), cases(), ids=lambda v: v.name if isinstance(v, Path) else str(v))
def test_each_example_loads_and_checks(guide: Path, index: int, tmp_path: Path) -> None:
    blocks = examples(guide)
    path = write_example(tmp_path, blocks[0], blocks[index])
    scenario = load(path)
    found = check_scenario(scenario)
    assert found.errors == [], [str(p) for p in found.errors]
    for section in parse(blocks[index]):  # what the example shows is what was loaded
        assert section in ("extends", "remove") or getattr(scenario, section) is not None


@pytest.mark.slow
def test_the_full_example_plans(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from planner.cli import cli

    path = write_example(tmp_path, examples(GUIDES[0])[0], examples(GUIDES[0])[-1])
    result = CliRunner().invoke(cli, ["plan", str(path), "--time-limit", "3", "-q", "--lang", "en"])
    assert result.exit_code == 0, result.output
    assert "unscheduled" not in result.output
