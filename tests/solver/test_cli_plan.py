"""The plan and explain commands as a user runs them."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from planner.cli import cli

ROOT = Path(__file__).resolve().parents[2]
TINY = ROOT / "tests" / "fixtures" / "tiny.yaml"
CONFLICT = Path(__file__).parent / "fixtures" / "pin_breaks_cap.yaml"


def test_plan_prints_progress_summary_and_writes_the_plan(tmp_path: Path) -> None:
    out = tmp_path / "plan.json"
    result = CliRunner().invoke(cli, ["plan", str(TINY), "--time-limit", "5", "-o", str(out), "--lang", "en"])
    assert result.exit_code == 0, result.output
    assert "tiny: OPTIMAL  objective 80.0  bound 80.0  gap 0.00%" in result.output
    assert "posts per account and day" in result.output
    assert "hours per member" in result.output
    assert f"plan written to {out}" in result.output
    plan = json.loads(out.read_text(encoding="utf-8"))
    assert set(plan) >= {"scenario", "generated_at", "solver", "publications", "tasks", "unscheduled", "violations"}
    assert {"topic", "account", "platform", "at", "expected"} <= set(plan["publications"][0])
    assert plan["solver"]["status"] == "OPTIMAL"


def test_plan_reports_an_infeasible_scenario_and_explain_names_the_conflict() -> None:
    result = CliRunner().invoke(cli, ["plan", str(CONFLICT), "--time-limit", "5", "-q"])
    assert "INFEASIBLE" in result.output
    result = CliRunner().invoke(cli, ["explain", str(CONFLICT), "--time-limit", "10"])
    assert result.exit_code == 2
    assert result.stdout.splitlines() == [
        "conflict: relax this rule (1):",
        "  ks.daily_cap  [source: brand's own limit, 2026-11]",
        "against the pins: pin: a on ks at 12-10 19:00, pin: b on ks at 12-10 21:00",
    ]


def test_explain_on_a_feasible_scenario_says_so() -> None:
    result = CliRunner().invoke(cli, ["explain", str(TINY), "--time-limit", "5"])
    assert result.exit_code == 0
    assert result.stdout.strip() == "no conflict: every hard rule can hold together"
