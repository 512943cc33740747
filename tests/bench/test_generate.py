"""``planner bench generate``: deterministic files, the tiers' counts, valid per ``planner check``."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from planner.bench.generate import generate, render, write
from planner.bench.tiers import TIERS, scaled, tier
from planner.cli import cli
from planner.domain.scenario import Scenario
from planner.domain.vocab import ROLE_ALIASES


def _scenario(name: str, seed: int = 1) -> tuple[dict[str, Any], Scenario]:
    data = generate(tier(name), seed)
    return data, Scenario.model_validate(data)


def test_same_seed_gives_byte_identical_files(tmp_path: Path) -> None:
    for name in ("S", "M", "L"):
        first = write(tier(name), 7, tmp_path / "a").read_bytes()
        again = write(tier(name), 7, tmp_path / "b").read_bytes()
        assert first == again, name
    assert render(generate(tier("S"), 1), tier("S"), 1) != render(generate(tier("S"), 2), tier("S"), 2)


@pytest.mark.parametrize("name", ["S", "M"])
def test_small_tiers_match_the_spec_in_full(name: str) -> None:
    spec = TIERS[name]
    data, scenario = _scenario(name)
    assert (len(scenario.accounts), len(scenario.team), len(scenario.topics), scenario.horizon.days) == (
        spec.accounts, spec.members, spec.topics, spec.days)
    assert scenario.rule_packs == sorted({a.platform for a in scenario.accounts})
    formats = Counter(t.format for t in scenario.topics)
    assert len(formats) >= 4 and formats["live"] >= 1, formats
    assert any(t.series for t in scenario.topics) and any(t.trend for t in scenario.topics)
    assert any(m.weekdays_off for m in scenario.team) and any(m.days_off for m in scenario.team)
    assert any(t.commercial for t in scenario.topics) and any(t.talent for t in scenario.topics)
    roles = {r for m in scenario.team for r in m.roles}
    assert {"planner", "writer", "shooter", "editor", "talent", "operator"} <= roles
    assert all(t.value is None for t in scenario.topics), "values come from the metric model"
    assert data["rules"], "scenario-level rules on top of the packs"


def test_large_tiers_match_the_spec_counts() -> None:
    spec = TIERS["L"]
    _, scenario = _scenario("L")
    assert (len(scenario.accounts), len(scenario.team), len(scenario.topics), scenario.horizon.days) == (
        spec.accounts, spec.members, spec.topics, spec.days)
    assert scenario.horizon.holidays, "28 days from 2026-12-07 reach 元旦"


def test_xl_is_an_agency_of_twenty_clients_with_ten_shared_members() -> None:
    data = generate(tier("XL"), 1)
    clients = Counter(a["id"].split("_")[0] for a in data["accounts"])
    assert len(clients) == 20 and set(clients.values()) == {3}
    assert len(data["team"]) == 100
    assert sum(m["id"].startswith("shared_") for m in data["team"]) == 10
    for member in data["team"]:  # a client's own people work for its accounts only; shared ones for all
        if member["id"].startswith("shared_"):
            assert "accounts" not in member
        else:
            assert {a.split("_")[0] for a in member["accounts"]} == {member["id"].split("_")[0]}
    assert len(data["topics"]) == 3000 and data["horizon"]["days"] == 28
    for topic in data["topics"]:  # every topic stays with its own client
        assert {a.split("_")[0] for a in topic["accounts"]} == {topic["id"].split("_")[0]}


def test_scaling_points_grow_with_topics() -> None:
    small, large = scaled(50), scaled(1000)
    assert (small.topics, large.topics) == (50, 1000)
    assert small.accounts < large.accounts and small.members < large.members
    assert scaled(150).accounts == TIERS["M"].accounts and scaled(150).members == TIERS["M"].members


@pytest.mark.parametrize("name", ["S", "M"])
def test_generated_instance_passes_planner_check(tmp_path: Path, name: str) -> None:
    runner = CliRunner()
    made = runner.invoke(cli, ["bench", "generate", "--tier", name, "--seed", "3", "-o", str(tmp_path)])
    assert made.exit_code == 0, made.output
    path = tmp_path / f"{name}-seed3.yaml"
    assert made.stdout == f"wrote {path}\n"
    checked = runner.invoke(cli, ["check", "--lang", "en", str(path)])
    assert checked.exit_code == 0, checked.output
    assert "content   ok" in checked.stdout
    assert checked.stdout.endswith("ok: 1 file(s) valid\n")


def test_roles_are_written_as_users_write_them() -> None:
    data = generate(tier("S"), 1)
    assert all(role in ROLE_ALIASES for member in data["team"] for role in member["roles"])


def test_unknown_tier_is_one_clear_line(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["bench", "generate", "--tier", "Q", "-o", str(tmp_path)])
    assert result.exit_code == 1
    assert result.stderr == "error: unknown tier 'Q' (use S, M, L, XL, or T<topics> such as T200)\n"
    assert not list(tmp_path.iterdir())


def test_negative_seed_is_refused(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["bench", "generate", "--tier", "S", "--seed", "-1", "-o", str(tmp_path)])
    assert result.exit_code == 1
    assert result.stderr == "error: seed must be 0 or more, not -1\n"


@pytest.mark.parametrize("args", [["bench"], ["bench", "generate"], ["bench", "run"]])
def test_every_bench_command_has_an_example(args: list[str]) -> None:
    result = CliRunner().invoke(cli, [*args, "--help"], env={"PLANNER_LANG": "en"})
    assert result.exit_code == 0
    assert re.search(r"Example:\n +planner bench ", result.stdout), result.stdout
