"""Scenario files: good ones load, broken ones give their one located line, overlays merge."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from planner.cli import cli
from planner.errors import InputError
from planner.scenario import load

HERE = Path(__file__).parent / "fixtures"
ROOT = Path(__file__).resolve().parents[2]

BROKEN = {
    "unknown_platform.yaml": "unknown_platform.yaml:4:14 accounts[0].platform: unknown platform 'douyn' (did you mean 'douyin'?); "
                             "valid: douyin (抖音), kuaishou (快手), bilibili (B站), xiaohongshu (小红书)",
    "unknown_member.yaml": "unknown_member.yaml:8:82 topics[0].talent[0]: unknown member 'bob'; valid: ann",
    "talent_not_on_camera.yaml": "talent_not_on_camera.yaml:8:82 topics[0].talent[0]: member 'ann' does not appear on camera (no role talent)",
    "duplicate_id.yaml": "duplicate_id.yaml:5:6 accounts[1].id: duplicate id 'dy'",
    "date_outside_horizon.yaml": "date_outside_horizon.yaml:6:73 topics[0].deadline: 2027-01-05T10:00:00 is outside the horizon 2026-12-07 .. 2026-12-14",
    "platform_without_account.yaml": "platform_without_account.yaml:6:72 topics[0].platforms[1]: no account on platform 'bilibili'",
    "unknown_field.yaml": "unknown_field.yaml:4:32 accounts[0].fans: unknown field 'fans'",
    "missing_field.yaml": "missing_field.yaml:2:1 horizon.start: missing required field 'start'",
    "broken_yaml.yaml": "broken_yaml.yaml:3:9: invalid YAML: expected ',' or '}', but got ':'",
    "extends_loop.yaml": "extends_loop_b.yaml: extends loop: extends_loop.yaml -> extends_loop_b.yaml -> extends_loop.yaml",
    "extends_outside.yaml": "extends_outside.yaml:2:1: extends '../good/base.yaml' leaves the scenario's folder",
    "cycle_in_series.yaml": "cycle_in_series.yaml:7:5 topics[1]: dependency cycle: a -> b -> a",
    "impossible_window.yaml": "impossible_window.yaml:6:5 trends[0]: window ends (2026-12-08T10:00:00) before it starts (2026-12-09T10:00:00)",
    "remove_unknown.yaml": "remove_unknown.yaml:3:10 remove[0]: no object with id 't9' in the base",
    "alias_bomb.yaml": "alias_bomb.yaml: more than 500000 values (an alias bomb?); refused",
    "not_a_mapping.yaml": "not_a_mapping.yaml:1: a scenario file must be a mapping of keys (name, horizon, ...)",
    "unknown_rule_kind.yaml": "unknown_rule_kind.yaml:6:14 rules[0].kind: unknown rule kind 'max_post_per_day' (did you mean 'max_posts_per_day'?)",
}


@pytest.fixture
def in_broken(monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = HERE / "broken"
    monkeypatch.chdir(folder)
    return folder


@pytest.mark.parametrize("name", sorted(BROKEN))
def test_broken_fixture_gives_one_located_line(name: str, in_broken: Path) -> None:
    result = CliRunner().invoke(cli, ["check", "-q", "--lang", "en", name])
    assert result.exit_code == 1
    lines = [line for line in result.output.splitlines() if line]
    assert len(lines) == 1, result.output
    assert lines[0].startswith("error: " + BROKEN[name]), lines[0]
    assert "Traceback" not in result.output


def test_every_problem_of_a_file_is_reported(tmp_path: Path) -> None:
    bad = tmp_path / "two.yaml"
    bad.write_text(
        "name: x\nhorizon: {start: 2026-12-07, days: 7}\naccounts:\n  - {id: a, platform: douyn}\n"
        "team:\n  - {id: m, roles: [editr]}\n", encoding="utf-8")
    with pytest.raises(InputError) as caught:
        load(bad)
    assert [p.path for p in caught.value.problems] == ["accounts[0].platform", "team[0].roles[0]"]


def test_overlay_merges_by_key_and_id_and_removes() -> None:
    variant = load(HERE / "good" / "variant.yaml")
    assert variant.name == "variant"
    assert [t.id for t in variant.topics] == ["t1", "t2"]
    assert variant.topic_by_id["t2"].priority == 5
    assert variant.topic_by_id["t2"].format == "skit"  # kept from the base
    assert variant.member_by_id["ann"].hours_per_day == 4
    assert variant.member_by_id["ann"].roles == ["writer", "editor"]
    assert [m.id for m in variant.team] == ["ann", "bob", "cat"]


def test_chinese_names_normalise() -> None:
    base = load(HERE / "good" / "base.yaml")
    assert base.account_by_id["ks"].platform == "kuaishou"
    assert base.topic_by_id["t1"].format == "talking_head"
    assert base.topic_by_id["t1"].goal == "acquire"


def test_every_shipped_scenario_checks() -> None:
    files = sorted(str(p) for p in (ROOT / "scenarios").glob("*.yaml"))
    assert len(files) >= 4
    result = CliRunner().invoke(cli, ["check", *files])
    assert result.exit_code == 0, result.output
    assert f"ok: {len(files)} 个文件有效" in result.output


def test_check_summary_counts_the_demo() -> None:
    result = CliRunner().invoke(cli, ["check", str(ROOT / "scenarios" / "demo.yaml")])
    assert "accounts  7: bilibili B站 1, douyin 抖音 2" in result.output
    assert "topics    42:" in result.output
    assert "content   通过" in result.output


def test_content_rules_are_checked_with_rule_id_and_source(tmp_path: Path) -> None:
    scenario = tmp_path / "long_title.yaml"
    scenario.write_text(
        "name: x\nhorizon: {start: 2026-12-07, days: 7}\nrule_packs: [xiaohongshu]\n"
        "accounts:\n  - {id: x, platform: xiaohongshu}\n"
        "topics:\n  - {id: t1, title: 这是一个超过二十个字的小红书标题一定会被平台截断的哦, format: vlog, goal: engage, platforms: [xiaohongshu]}\n",
        encoding="utf-8")
    result = CliRunner().invoke(cli, ["check", "-q", str(scenario)])
    assert result.exit_code == 1
    assert "topics[0]: rule xiaohongshu.title_length: title has 26 characters (max 20) on xiaohongshu" in result.output
    assert "[source:" in result.output


def test_schema_exports_both_contracts() -> None:
    import json

    for what, key in (("scenario", "horizon"), ("plan", "publications")):
        result = CliRunner().invoke(cli, ["schema", what])
        assert result.exit_code == 0
        schema = json.loads(result.output)
        assert key in (schema["else"] if what == "scenario" else schema)["properties"]


def test_version() -> None:
    result = CliRunner().invoke(cli, ["--version"])
    assert result.output.startswith("planner, version ")


def test_no_file_is_one_line() -> None:
    result = CliRunner().invoke(cli, ["check", os.path.join("nowhere", "x.yaml")])
    assert result.exit_code == 1
    assert result.output.strip() == f"error: {os.path.join('nowhere', 'x.yaml')}: no such file"
