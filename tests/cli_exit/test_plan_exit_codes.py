"""Exit codes a script relies on, and that a run without a plan writes nothing (issue 22)."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from planner.cli import cli
from planner.cli.exitcodes import ExitCode, for_status
from planner.domain.plan import SolveStatus

ROOT = Path(__file__).resolve().parents[2]
TINY = ROOT / "tests" / "fixtures" / "tiny.yaml"
# Two posts pinned one day on an account that may post once a day: proven infeasible at once.
CONFLICT = ROOT / "tests" / "solver" / "fixtures" / "pin_breaks_cap.yaml"
EARLIER = '{"scenario": "earlier plan, kept"}'


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_the_table_of_codes() -> None:
    assert [(c.name, int(c)) for c in ExitCode] == [
        ("OK", 0), ("INPUT_ERROR", 1), ("INFEASIBLE", 2), ("INTERNAL_ERROR", 3), ("NO_PLAN_IN_TIME", 4),
        ("MODEL_INVALID", 5), ("HARD_VIOLATION", 6)]
    assert [for_status(s) for s in SolveStatus if s != SolveStatus.MANUAL] == [0, 0, 2, 4, 5]
    assert for_status("INFEASIBLE") == ExitCode.INFEASIBLE


def test_an_infeasible_plan_exits_2_says_so_and_leaves_earlier_files_alone(tmp_path: Path) -> None:
    output, report = tmp_path / "plan.json", tmp_path / "report.html"
    output.write_text(EARLIER, encoding="utf-8")
    report.write_text("earlier report", encoding="utf-8")
    code, out, err = run("plan", str(CONFLICT), "--time-limit", "2", "-q", "-o", str(output),
                         "--format", "html", "--report", str(report))
    assert code == 2
    assert out == ""
    assert err.splitlines()[-1] == (
        f"INFEASIBLE: 没有任何方案能同时满足所有硬性规则；运行 planner explain {CONFLICT} 找出冲突的规则与固定项。未写入任何文件。")
    assert output.read_text(encoding="utf-8") == EARLIER
    assert report.read_text(encoding="utf-8") == "earlier report"


def test_the_infeasible_message_in_english(tmp_path: Path) -> None:
    code, out, err = run("plan", str(CONFLICT), "--time-limit", "2", "-q", "--lang", "en",
                         "-o", str(tmp_path / "plan.json"))
    assert (code, out) == (2, "")
    assert err.splitlines()[-1] == (
        f"INFEASIBLE: no plan keeps every hard rule; run planner explain {CONFLICT} to name the conflicting "
        "rules and pins. Nothing was written.")
    assert not (tmp_path / "plan.json").exists()


@pytest.mark.parametrize(("status", "code", "start"), [
    (SolveStatus.UNKNOWN, 4, "UNKNOWN: no plan found within 1s"),
    (SolveStatus.MODEL_INVALID, 5, "MODEL_INVALID: the solver refused the model"),
])
def test_no_plan_in_time_and_an_invalid_model_have_their_own_codes(
        status: SolveStatus, code: int, start: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import planner.cli.solve as command
    from planner.domain.plan import Plan, SolverInfo
    from planner.solver import SolveResult

    def no_plan(scenario, options):  # type: ignore[no-untyped-def]
        return SolveResult(Plan(scenario=scenario.name, generated_at="2026-12-01T00:00:00+08:00",
                                solver=SolverInfo(status=status)))

    monkeypatch.setattr(command, "solve", no_plan)
    output = tmp_path / "plan.json"
    output.write_text(EARLIER, encoding="utf-8")
    result = CliRunner().invoke(cli, ["plan", str(TINY), "--time-limit", "1", "-q", "--lang", "en", "-o", str(output)])
    assert result.exit_code == code
    assert result.stderr.startswith(start)
    assert output.read_text(encoding="utf-8") == EARLIER


def test_a_feasible_plan_exits_0_and_writes(tmp_path: Path) -> None:
    code, _, _ = run("plan", str(TINY), "--time-limit", "2", "-q", "-o", str(tmp_path / "plan.json"))
    assert code == 0
    assert (tmp_path / "plan.json").exists()


@pytest.mark.parametrize(("option", "value", "says"), [
    ("--time-limit", "nan", "'nan' is not a finite number of seconds"),
    ("--time-limit", "inf", "'inf' is not a finite number of seconds"),
    ("--time-limit", "-5", "-5.0 is not in the range x>0"),
    ("--time-limit", "0", "0.0 is not in the range x>0"),
    ("--workers", "0", "0 is not in the range 1<=x<=64"),
    ("--workers", "65", "65 is not in the range 1<=x<=64"),
    ("--seed", "-1", "-1 is not in the range x>=0"),
])
def test_settings_out_of_range_are_input_errors(option: str, value: str, says: str) -> None:
    code, _, err = run("plan", str(TINY), option, value)
    assert code == 1
    assert says in err


NUMBERS = """name: too large
horizon: {start: 2026-12-07, days: 3}
accounts:
  - {id: dy, platform: douyin, followers: 100000000000000}
topics:
  - {id: a, title: 话题A, format: talking_head, goal: engage, platforms: [douyin], value: 1e16}
objective: {unscheduled_penalty: 1e300}
team:
  - {id: solo, roles: [writer, shooter, editor, talent]}
"""


@pytest.mark.parametrize("command", ["check", "plan"])
def test_numbers_too_large_for_the_model_are_refused_with_field_and_range(command: str, tmp_path: Path) -> None:
    scenario = tmp_path / "big.yaml"
    scenario.write_text(NUMBERS, encoding="utf-8")
    output = tmp_path / "plan.json"
    output.write_text(EARLIER, encoding="utf-8")
    args = ["-q", "--lang", "en", str(scenario)] if command == "check" else [str(scenario), "-q", "--lang", "en",
                                                                            "-o", str(output)]
    code, _, err = run(command, *args)
    assert code == 1
    assert err.splitlines() == [
        f"error: {scenario}:4:32 accounts[0].followers: 1e+14 is outside the allowed range 0 .. 1e+10 "
        "(too large for the solver's model)",
        f"error: {scenario}:6:82 topics[0].value: 1e+16 is outside the allowed range 0 .. 1e+09 "
        "(too large for the solver's model)",
        f"error: {scenario}:7:13 objective.unscheduled_penalty: 1e+300 is outside the allowed range 0 .. 1e+09 "
        "(too large for the solver's model)",
    ]
    assert output.read_text(encoding="utf-8") == EARLIER


def test_the_library_refuses_the_same_numbers_and_settings(tmp_path: Path) -> None:
    from planner import api
    from planner.errors import InputError

    scenario = tmp_path / "big.yaml"
    scenario.write_text(NUMBERS, encoding="utf-8")
    with pytest.raises(InputError) as caught:
        api.plan(api.load(scenario), time_limit=-1)
    assert [p.path for p in caught.value.problems] == [
        "time_limit", "accounts[0].followers", "topics[0].value", "objective.unscheduled_penalty"]


def test_a_plan_that_breaks_a_hard_rule_is_an_internal_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import planner.cli.solve as command
    from planner.errors import SolverBug

    def broken(scenario, options):  # type: ignore[no-untyped-def]
        raise SolverBug("the plan breaks team.capacity")

    monkeypatch.setattr(command, "solve", broken)
    result = CliRunner().invoke(cli, ["plan", str(TINY), "-q", "-o", str(tmp_path / "plan.json")])
    assert result.exit_code == 3
    assert result.stderr == "internal error: the plan breaks team.capacity (a bug)\n"
    assert not (tmp_path / "plan.json").exists()
