"""The same hostile files through the commands a user types (click's CliRunner on ``planner.cli.cli``).

Every run ends with exit 0, or exit 1 and its last line ``error: ...``: no traceback, no
``internal error`` (exit 3), and when it fails no output file and no temporary file is left.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from relkit import KNOWN_BUGS, SEEDS, MultiLine, hang_guard, strategy_for

from planner.cli import cli

# command name -> (loader whose hostile files it gets, argv builder: (input, output folder) -> args)
COMMANDS: dict[str, tuple[str, Callable[[Path, Path], list[str]]]] = {
    "check": ("scenario", lambda f, o: ["check", "-q", str(f)]),
    "plan": ("scenario", lambda f, o: ["plan", "-q", "--time-limit", "1", str(f), "-o", str(o / "plan.json")]),
    "rules lint": ("rule pack", lambda f, o: ["rules", "lint", str(f)]),
    "fit": ("history csv", lambda f, o: ["fit", str(f), "-o", str(o / "model.json")]),
    "trends import": ("snapshots csv", lambda f, o: ["trends", "import", str(f), "--source", "weibo", "--min-snapshots",
                                                     "1", "-o", str(o / "trends.yaml")]),
    "trends show": ("trends.yaml", lambda f, o: ["trends", "show", str(f)]),
    "score csv": ("plan csv", lambda f, o: ["score", str(SEEDS / "scenario.yaml"), str(f), "--format", "html",
                                            "-o", str(o / "report.html")]),
    "score json": ("plan json", lambda f, o: ["score", str(SEEDS / "scenario.yaml"), str(f), "--format", "csv",
                                              "-o", str(o / "tables") + "/"]),
}
BUDGET = {"plan": 8, "fit": 10, "score csv": 15, "score json": 15}


def known_internal_error(loader: str, output: str) -> bool:
    """``internal error: TypeName: ...`` for a bug already pinned in test_known_bugs.py."""
    names = {t.__name__ for bug in KNOWN_BUGS.get(loader, []) for t in bug.types}
    return any(f"internal error: {name}:" in output for name in names)


def multi_line_known(loader: str) -> bool:
    return any(MultiLine in bug.types for bug in KNOWN_BUGS.get(loader, []))


@pytest.fixture(scope="module")
def work(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("cli_fuzz")


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_command_ends_in_success_or_one_error_line(command: str, work: Path) -> None:
    loader, argv = COMMANDS[command]
    seed = {"scenario": "scenario.yaml", "rule pack": "pack.yaml", "history csv": "history.csv",
            "snapshots csv": "snapshots.csv", "trends.yaml": "trends.yaml", "plan csv": "calendar.csv",
            "plan json": "plan.json"}[loader]
    source = work / f"input{Path(seed).suffix}"
    out = work / "out"

    @settings(max_examples=BUDGET.get(command, 25), derandomize=True, deadline=None, database=None,
              suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
    @given(data=strategy_for(loader))
    def run(data: bytes) -> None:
        source.write_bytes(data)
        shutil.rmtree(out, ignore_errors=True)
        out.mkdir()
        with hang_guard():
            result = CliRunner().invoke(cli, argv(source, out))
        text = result.output
        assert "Traceback" not in text, text
        if result.exit_code == 3 and known_internal_error(loader, text):
            return
        assert result.exit_code in (0, 1, 2, 4, 6), f"exit {result.exit_code}: {text[-500:]}"
        if result.exit_code == 1:
            lines = [line for line in result.stderr.split("\n") if line.strip()]  # a terminal breaks at \n
            if command == "rules lint":  # a linter: its problems on stdout, then a count
                assert lines and re.fullmatch(r"\d+ problem\(s\)", lines[-1]), text[-500:]
            elif not lines[-1].startswith("error: "):
                assert any(line.startswith("error: ") for line in lines) and multi_line_known(loader), text[-500:]
            assert not list(out.rglob("*")), "a failed run left files behind"

    run()
