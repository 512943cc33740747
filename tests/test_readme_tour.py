"""The README's short tour runs as written on a clean checkout and leaves the repository as it was.

The tracked files (``git ls-files``) are copied to a temporary folder and each command of the tour's
``sh`` block runs there in a shell, in order, with ``planner`` on the PATH. The only change to a
command: ``plan``, ``whatif`` and ``explain`` get ``--time-limit`` appended (the last one given wins),
so the tour takes seconds instead of minutes. A command fails the test when it exits with anything
but 0 or the code its comment announces (``# exit 2: ...``); the tour fails when it leaves a file
anywhere but ``out/`` (which .gitignore keeps out of the repository) or changes a tracked file.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
README = ROOT / "README.md"
TOUR = re.compile(r"^## A short tour\n+```sh\n(.*?)^```", re.MULTILINE | re.DOTALL)
SEARCHING = ("plan", "whatif", "explain")
TIME_LIMIT = "1"
OUTPUT = "out"


def tour_commands() -> list[tuple[str, set[int]]]:
    """Each command of the tour with the exit codes it may end with."""
    found = TOUR.search(README.read_text(encoding="utf-8"))
    assert found, "README.md has no '## A short tour' with a sh block"
    commands = []
    for line in found.group(1).splitlines():
        command, _, comment = line.partition(" #")
        if not command.strip() or command.lstrip().startswith("#"):
            continue
        codes = {0} | {int(code) for code in re.findall(r"\bexit (\d+)", comment)}
        commands.append((command.strip(), codes))
    return commands


def runnable(command: str) -> str:
    """``command`` with a short search for the commands that search; everything else as written."""
    words = command.split()
    if len(words) > 1 and words[0] == "planner" and words[1] in SEARCHING:
        head, redirect, tail = command.partition(" > ")
        return f"{head} --time-limit {TIME_LIMIT}" + (f" > {tail}" if redirect else "")
    return command


def snapshot(folder: Path) -> dict[str, str]:
    """Every file under ``folder`` but ``out/``, with a digest of its bytes."""
    return {str(path.relative_to(folder)): hashlib.sha256(path.read_bytes()).hexdigest()
            for path in sorted(folder.rglob("*"))
            if path.is_file() and path.relative_to(folder).parts[0] not in (OUTPUT, "bin")}


@pytest.fixture(scope="module")
def checkout(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The tracked files, as a clean clone has them, and a ``planner`` that runs this copy."""
    listed = subprocess.run(["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, check=True).stdout
    folder = tmp_path_factory.mktemp("checkout")
    for name in filter(None, listed.decode("utf-8").split("\0")):
        source = ROOT / name
        if source.is_file():
            (folder / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, folder / name)
    bin_dir = folder / "bin"
    bin_dir.mkdir()
    launcher = bin_dir / "planner"
    launcher.write_text(f'#!/bin/sh\nexec "{sys.executable}" -c "import sys; sys.argv[0] = \'planner\'; '
                        f'from planner.cli import cli; cli()" "$@"\n', encoding="utf-8")
    launcher.chmod(0o755)
    return folder


def test_the_tour_has_the_commands_a_newcomer_needs() -> None:
    names = [command.split()[1] for command, _ in tour_commands()]
    for needed in ("init", "check", "plan", "score", "whatif", "explain", "trends", "fit"):
        assert needed in names


@pytest.mark.slow
def test_every_tour_command_runs_and_leaves_the_repository_as_it_was(checkout: Path) -> None:
    before = snapshot(checkout)
    env = {**os.environ, "PATH": f"{checkout / 'bin'}{os.pathsep}{os.environ['PATH']}", "PYTHONPATH": str(checkout),
           "PYTHONDONTWRITEBYTECODE": "1"}
    for command, codes in tour_commands():
        done = subprocess.run(["bash", "-c", runnable(command)], cwd=checkout, env=env, capture_output=True,
                              text=True, timeout=300)
        assert done.returncode in codes, (f"{command}\nexit {done.returncode} (expected {sorted(codes)})\n"
                                          f"{done.stdout[-2000:]}\n{done.stderr[-2000:]}")
        assert "Traceback" not in done.stderr and "internal error" not in done.stderr, done.stderr
    after = snapshot(checkout)
    assert sorted(set(after) - set(before)) == [], "the tour wrote files outside out/"
    assert [name for name in before if after.get(name) != before[name]] == [], "the tour changed tracked files"
    assert (checkout / OUTPUT / "plan.json").is_file() and (checkout / OUTPUT / "replan.json").is_file()
    assert "/out/" in (checkout / ".gitignore").read_text(encoding="utf-8").split()
