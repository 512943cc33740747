"""The lazy command group (issue 17): ``planner check`` and ``planner rules`` load no OR-Tools,
scikit-learn or scipy; ``planner --help`` imports no command; every command still has help."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from planner.cli import cli
from planner.cli.main import COMMANDS

ROOT = Path(__file__).resolve().parents[2]
HEAVY = ("ortools", "sklearn", "scipy")

PROBE = """
import json, sys
from click.testing import CliRunner
from planner.cli import cli
result = CliRunner().invoke(cli, sys.argv[1:])
loaded = sorted({m.split(".")[0] for m in sys.modules} & {"ortools", "sklearn", "scipy", "pandas"})
commands = sorted(m for m in sys.modules if m.startswith("planner.cli.") and m.count(".") == 2)
print(json.dumps({"code": result.exit_code, "loaded": loaded, "commands": commands}))
"""


def probe(*args: str) -> dict[str, object]:
    """Run the command in a fresh interpreter; what it exited with and what it imported."""
    done = subprocess.run([sys.executable, "-c", PROBE, *args], cwd=ROOT, capture_output=True, text=True, timeout=60,
                          check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])  # type: ignore[no-any-return]


@pytest.mark.parametrize("args", [["check", "tests/fixtures/tiny.yaml"], ["rules", "list"], ["rules", "show", "douyin"]])
def test_check_and_rules_import_no_solver_nor_learning_library(args: list[str]) -> None:
    seen = probe(*args)
    assert seen["code"] == 0
    assert not set(HEAVY) & set(seen["loaded"])  # type: ignore[arg-type]


def test_help_lists_every_command_without_importing_one() -> None:
    seen = probe("--help")
    assert seen["code"] == 0
    plumbing = ("planner.cli.main", "planner.cli.exitcodes", "planner.cli.language", "planner.cli.helptexts")
    assert [m for m in seen["commands"] if m not in plumbing] == []  # type: ignore[union-attr]
    assert seen["loaded"] == []


def test_the_table_gives_each_command_its_own_one_line_help() -> None:
    ctx = click.Context(cli)
    for name, (_, _, short) in COMMANDS.items():
        command = cli.get_command(ctx, name)
        assert command is not None, name
        assert command.name == name
        assert command.get_short_help_str(limit=1000) == short, name


def test_every_command_and_subcommand_has_help_with_an_example() -> None:
    def walk(group: click.Group, prefix: list[str]) -> list[list[str]]:
        out = []
        ctx = click.Context(group)
        for name in group.list_commands(ctx):
            command = group.get_command(ctx, name)
            assert command is not None, name
            out.append([*prefix, name])
            if isinstance(command, click.Group):
                out += walk(command, [*prefix, name])
        return out

    paths = walk(cli, [])
    assert len(paths) >= len(COMMANDS)
    for path in paths:
        for lang, heading in (("zh", "示例："), ("en", "Example:")):
            result = CliRunner().invoke(cli, [*path, "--help"], env={"PLANNER_LANG": lang})
            assert result.exit_code == 0, path
            assert heading in result.output, f"{' '.join(path)} --help has no example in {lang}"


def test_a_usage_error_exits_1_not_click_s_2() -> None:
    result = CliRunner().invoke(cli, ["no-such-command"])
    assert result.exit_code == 1
    assert "No such command 'no-such-command'" in result.output
