"""Round two (issue 24), outputs: what stands at the output path, modes, CSV, file names, escapes.

Each test names its item of issue 24; every one of them failed before its fix.
"""

from __future__ import annotations

import csv
import io
import os
import socket
import stat
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from click.testing import CliRunner
from test_output_safety import BENIGN, plan_for, scenario_with

from planner import errors
from planner.cli import cli
from planner.errors import InputError, PlannerError, Problem
from planner.io import write_atomic

# ---- item 1: devices, pipes, stdout and symlinks ---------------------------------------------------


def test_symlink_is_followed_and_the_target_rewritten(tmp_path: Path) -> None:
    """Item 1: `-o link.json` wrote a regular file over the link; now the link stays and its target changes."""
    (tmp_path / "real").mkdir()
    real = tmp_path / "real" / "plan.json"
    real.write_text("old", encoding="utf-8")
    link = tmp_path / "link.json"
    link.symlink_to(real)
    write_atomic(link, "new")
    assert link.is_symlink() and os.readlink(link) == str(real)
    assert real.read_text(encoding="utf-8") == "new"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["link.json", "real"]  # no temporary file beside the link
    assert sorted(p.name for p in real.parent.iterdir()) == ["plan.json"]


def test_dangling_symlink_creates_its_target(tmp_path: Path) -> None:
    """Item 1: a link to a file not yet there: the file is made where the link points."""
    link = tmp_path / "link.json"
    link.symlink_to(tmp_path / "made.json")
    write_atomic(link, "new")
    assert link.is_symlink() and (tmp_path / "made.json").read_text(encoding="utf-8") == "new"


def test_fifo_is_written_directly(tmp_path: Path) -> None:
    """Item 1: a named pipe (as `-o >(gzip > x)` gives) is written, not replaced by a file."""
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()), daemon=True)
    reader.start()
    write_atomic(fifo, "计划 plan\n" * 1000)
    reader.join(5)
    assert received == [("计划 plan\n" * 1000).encode("utf-8")]
    assert stat.S_ISFIFO(fifo.lstat().st_mode)


def test_dev_null_stays_a_character_device() -> None:
    """Item 1: `-o /dev/null` as root made /dev/null a regular file (it happened to /dev/full)."""
    if not os.access("/dev/null", os.W_OK):
        pytest.skip("/dev/null is not writable here")
    write_atomic("/dev/null", "x" * 10_000)
    assert stat.S_ISCHR(os.stat("/dev/null").st_mode)
    assert not any(p.name.startswith(".null.") for p in Path("/dev").iterdir())


def test_dash_writes_to_standard_output(tmp_path: Path, capfdbinary: pytest.CaptureFixture[bytes],
                                        monkeypatch: pytest.MonkeyPatch) -> None:
    """Item 1: `-o -` is standard output, not a file named '-'."""
    monkeypatch.chdir(tmp_path)
    write_atomic("-", "计划\n")
    assert capfdbinary.readouterr().out == "计划\n".encode()
    assert list(tmp_path.iterdir()) == []


def test_a_folder_is_refused_with_a_clear_error(tmp_path: Path) -> None:
    """Item 1: what is neither a file, a device, a pipe nor a link to one is refused, saying what it is."""
    with pytest.raises(InputError, match="is a folder"):
        write_atomic(tmp_path, "x")


def test_a_socket_is_refused_and_left_alone() -> None:
    """Item 1: a socket is no output; it stays a socket."""
    with tempfile.TemporaryDirectory() as folder:  # short path: a socket's name has a length limit
        path = Path(folder) / "s"
        server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        try:
            server.bind(str(path))
            with pytest.raises(InputError, match="socket"):
                write_atomic(path, "x")
            assert stat.S_ISSOCK(path.lstat().st_mode)
        finally:
            server.close()


# ---- item 2: the umask is never changed; modes are kept -------------------------------------------


def _umask() -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("Umask:"):
            return int(line.split()[1], 8)
    pytest.skip("no /proc/self/status")


def test_the_umask_is_never_touched(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Item 2: os.umask(0) for a moment made other threads' files world-writable."""
    def forbidden(mask: int) -> int:
        raise AssertionError(f"os.umask({mask:o}) called")

    monkeypatch.setattr(os, "umask", forbidden)
    target = tmp_path / "plan.json"
    write_atomic(target, "new")
    write_atomic(target, "again")
    assert target.read_text(encoding="utf-8") == "again"


def test_new_file_mode_follows_the_umask(tmp_path: Path) -> None:
    """Item 2: a new output is an ordinary file: 0666 less the umask (not mkstemp's 0600)."""
    target = tmp_path / "plan.json"
    write_atomic(target, "new")
    assert stat.S_IMODE(target.stat().st_mode) == 0o666 & ~_umask()


def test_rewrite_keeps_the_file_mode(tmp_path: Path) -> None:
    """Item 2: a plan kept private with chmod 600 became 0644 when rewritten."""
    target = tmp_path / "plan.json"
    target.write_text("old", encoding="utf-8")
    target.chmod(0o600)
    write_atomic(target, "new")
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    target.chmod(0o640)
    write_atomic(target, "newer")
    assert stat.S_IMODE(target.stat().st_mode) == 0o640


# ---- item 15: messages and leftovers of the writer ------------------------------------------------


def test_disk_full_names_the_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Item 15: `error: : No space left on device` had an empty name; the error now carries the target."""
    def full(src: Any, dst: Any) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", full)
    target = tmp_path / "plan.json"
    with pytest.raises(OSError) as caught:
        write_atomic(target, "x")
    assert caught.value.filename == str(target)
    assert list(tmp_path.iterdir()) == []


def test_stale_temporary_files_are_cleaned(tmp_path: Path) -> None:
    """Item 15: a killed write left a hidden temporary file that nothing ever removed."""
    target = tmp_path / "plan.json"
    hour_ago = time.time() - 3 * 3600
    stale = [tmp_path / ".plan.json.abcd1234.tmp",  # the old writer's name (no process id)
             tmp_path / ".plan.json.999999999.x1y2.tmp"]  # a process that is gone
    for path in stale:
        path.write_text("half", encoding="utf-8")
        os.utime(path, (hour_ago, hour_ago))
    live = tmp_path / f".plan.json.{os.getpid()}.live.tmp"  # a write in progress, just begun
    live.write_text("half", encoding="utf-8")
    other = tmp_path / ".other.json.abcd1234.tmp"  # another target's: not ours to judge
    other.write_text("half", encoding="utf-8")
    os.utime(other, (hour_ago, hour_ago))
    write_atomic(target, "new")
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([live.name, other.name, "plan.json"])


def test_the_folder_is_synced_after_the_rename(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Item 15: fsync of the folder makes the rename itself durable."""
    synced: list[bool] = []
    real = os.fsync

    def spy(fd: int) -> None:
        synced.append(stat.S_ISDIR(os.fstat(fd).st_mode))
        real(fd)

    monkeypatch.setattr(os, "fsync", spy)
    write_atomic(tmp_path / "plan.json", "x")
    assert synced == [False, True]


# ---- item 3: CSV cells that would start a formula after a line break -------------------------------

CR_TITLES = {"title": "毛肚\r=2+5*cmd|' /C calc'!A0", "title2": "火锅\n+SUM(1+1)", "title3": "底料\r\n@cmd",
             "title4": "锅\r\t=1"}


def _csv_files() -> dict[str, str]:
    from planner.report.render import render_score
    from planner.scoring import score

    scenario = scenario_with({**BENIGN, **CR_TITLES})
    files = render_score("csv", score(scenario, plan_for(scenario)), lang="en").files
    return {name: str(text).removeprefix("\ufeff") for name, text in files.items()}


def test_csv_line_break_cannot_start_a_formula_row() -> None:
    """Item 3: a title with `\\r=...` was written unquoted and read back as a new row holding a formula."""
    for name, text in _csv_files().items():
        rows = list(csv.reader(io.StringIO(text, newline="")))
        width = len(rows[0])
        assert all(len(row) == width for row in rows), f"{name}: a cell broke its row"
        frame = pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False)
        assert len(frame) == len(rows) - 1, f"{name}: pandas reads another number of rows"
        for row in rows:
            for cell in row:
                for line in cell.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
                    assert not line.startswith(("=", "+", "@", "\t", "\r")), f"{name}: {cell!r}"


def test_csv_quotes_every_cell() -> None:
    """Item 3: every cell is quoted, so no reader can split a cell at a lone `\\r`."""
    for name, text in _csv_files().items():
        again = io.StringIO()
        csv.writer(again, quoting=csv.QUOTE_ALL, lineterminator="\n").writerows(csv.reader(io.StringIO(text, newline="")))
        assert again.getvalue() == text, name


def test_csv_safe_cell_neutralises_after_line_breaks() -> None:
    from planner.report.csv_out import safe_cell

    assert safe_cell("a\r=1") == "a\r'=1" and safe_cell("a\n+1\r\n@x") == "a\n'+1\r\n'@x"
    assert safe_cell("=1\n-2") == "'=1\n'-2" and safe_cell("a\nb") == "a\nb" and safe_cell(-1) == -1


# ---- item 5: file names made from ids ---------------------------------------------------------------


def test_account_file_names_are_unique() -> None:
    """Item 5: `dy_brand` and `dy/brand` both became account-dy_brand.ics; one calendar was lost."""
    from planner.report.ics import unique_file_ids

    ids = ["dy_brand", "dy/brand", "dy\\brand", "DY_brand", "..", ".", "抖音号", "a.b"]
    names = unique_file_ids(ids)
    assert len({n.casefold() for n in names.values()}) == len(ids)
    for name in names.values():
        assert name and not name.startswith(".") and "/" not in name and "\\" not in name and "\0" not in name
    assert names["抖音号"] == "抖音号" and names["a.b"] == "a.b"  # plain ids stay as they are


def test_calendars_of_two_look_alike_accounts_are_both_written(tmp_path: Path) -> None:
    from planner.report.render import render_score, write_output
    from planner.scoring import score

    strings = {**BENIGN, "account": "dy/brand"}
    scenario = scenario_with(strings)
    data = scenario.model_dump(mode="json", exclude={"base_dir"})
    data["accounts"].append({**data["accounts"][0], "id": "dy_brand"})
    from planner.domain.scenario import Scenario

    scenario = Scenario.model_validate(data)
    written = write_output(render_score("ics", score(scenario, plan_for(scenario)), lang="en"), tmp_path / "out")
    accounts = [p for p in written if p.name.startswith("account-")]
    assert len(accounts) == len({p.name for p in accounts}) == 2


def test_whatif_plan_named_dot_dot_stays_in_the_folder(tmp_path: Path) -> None:
    """Item 5: a scenario whose stem is `..` wrote its calendars into out/../."""
    from planner.report.render import render_comparison, write_output
    from planner.scoring import score
    from planner.scoring.compare import comparison_of

    scenario = scenario_with(BENIGN)
    result = score(scenario, plan_for(scenario))
    out = tmp_path / "box" / "out"
    written = write_output(render_comparison("ics", comparison_of({"base": result, "..": result}), lang="en"), out)
    assert written
    for path in written:
        assert path.resolve().is_relative_to(out.resolve()), path
    assert sorted(p.name for p in (tmp_path / "box").iterdir()) == ["out"]


# ---- item 6: terminal escapes in messages -----------------------------------------------------------

ESCAPES = "\x1b]2;PWNED\x07\x1b[2J\x9b31m\x00\x08\u202e"


def test_printable_escapes_control_characters() -> None:
    """Item 6: `\\e]2;PWNED\\a` in a message set the terminal's title."""
    text = errors.printable("平台 " + ESCAPES + " ok\ttab")
    assert not any(ord(c) < 32 or 0x7F <= ord(c) < 0xA0 or c == "\u202e" for c in text)
    assert "平台" in text and "PWNED" in text and "\\x1b" in text


def test_problem_and_errors_print_no_control_characters() -> None:
    problem = Problem(f"unknown platform '{ESCAPES}'", file=f"s{ESCAPES}.yaml", line=3, path=f"accounts[0].{ESCAPES}")
    for text in (str(problem), str(InputError(problem)), str(PlannerError(f"x {ESCAPES}"))):
        assert "\x1b" not in text and "\x07" not in text and "\x9b" not in text and "\u202e" not in text
    assert str(InputError([Problem("a"), Problem("b")])) == "a\nb"  # one line per problem, as before


def test_check_prints_no_terminal_escape(tmp_path: Path) -> None:
    path = tmp_path / "s.yaml"
    path.write_text('name: m\nhorizon: {start: 2026-12-07, days: 7}\naccounts:\n'
                    '  - {id: dy, platform: "\\e]2;PWNED\\a"}\n', encoding="utf-8")
    result = CliRunner().invoke(cli, ["check", "-q", str(path)])
    assert result.exit_code == 1
    assert "\x1b" not in result.output and "\x07" not in result.output


def test_table_report_prints_no_terminal_escape() -> None:
    """Item 6: the terminal report prints titles and names; their escapes are shown, not run."""
    from planner.report.render import render_score
    from planner.scoring import score

    scenario = scenario_with({**BENIGN, "title": "标题\x1b]2;PWNED\x07", "member_name": "\x1b[2J安"})
    text = render_score("table", score(scenario, plan_for(scenario)), lang="en").stdout
    assert "\x1b" not in text and "\x07" not in text
    assert "\\x1b" in text
