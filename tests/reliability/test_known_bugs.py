"""Bugs the reliability work found in files this folder does not own, one test each.

Each test states what should happen. While a bug is open its test carries a strict xfail (and the
fuzzers count it apart through ``relkit.KNOWN_BUGS``); once the fix lands both come off and the test
guards against the bug coming back. Bugs 1-12 of docs/RELIABILITY.md are fixed; the table there
names each test and what was done.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from relkit import (
    HOSTILE,
    SEEDS,
    attempt,
    load_calendar,
    load_history,
    load_plan_json,
    load_snapshots,
    load_trends_file,
)

from planner.errors import InputError
from planner.scenario import load

Loader = Callable[[Path], Any]


def refused(loader: Loader, path: Path) -> None:
    """``path`` must end in the project's own one-line error, not be accepted, not crash."""
    assert attempt(loader, path) == "error"


# ---- planner/metrics/reader.py -----------------------------------------------------------------

@pytest.mark.parametrize("name", ["xlsx_not_a_zip.xlsx", "xlsx_truncated.xlsx", "xlsx_no_content_types.xlsx",
                                  "xlsx_infinite_cell.xlsx"])
def test_corrupt_xlsx(name: str) -> None:
    """BUG 1, fixed: a damaged archive (BadZipFile, KeyError, zlib.error, OverflowError) is `cannot read as XLSX`."""
    refused(load_history, HOSTILE / name)


@pytest.mark.parametrize("cell", ["inf", "Infinity", "1e309"])
def test_history_infinite_count_dropped(cell: str, tmp_path: Path) -> None:
    """BUG 4, fixed: an infinite count is dropped with its reason instead of crashing `planner fit`."""
    from click.testing import CliRunner

    from planner.cli import cli

    path = tmp_path / "inf.csv"
    path.write_text((HOSTILE / "history_infinite_views.csv").read_text(encoding="utf-8").replace(",inf,", f",{cell},"),
                    encoding="utf-8")
    result = CliRunner().invoke(cli, ["fit", str(path), "-o", str(tmp_path / "model.json")])
    assert result.exit_code == 0, result.output
    assert "40 of 41 rows used" in result.output


# ---- planner/errors.py: every message on one line ------------------------------------------------

@pytest.mark.parametrize(("name", "loader"), [
    ("history_line_break_in_cell.csv", load_history),
    ("calendar_line_break_in_header.csv", load_calendar),
    ("plan_line_separator_in_key.json", load_plan_json),
    ("snapshots_line_separator_in_header.csv", load_snapshots),
])
def test_messages_are_one_line(name: str, loader: Loader) -> None:
    """BUG 2, fixed: line breaks quoted from a file are escaped in the message."""
    refused(loader, HOSTILE / name)


@pytest.mark.parametrize(("suffix", "loader"), [(".csv", load_history), (".csv", load_calendar),
                                                (".csv", load_snapshots)])
def test_wide_header_message_is_short(suffix: str, loader: Loader, tmp_path: Path) -> None:
    """BUG 3, fixed: a message quoting the header lists about 200 characters of it."""
    wide = tmp_path / f"wide{suffix}"
    wide.write_text(",".join(f"col{i}" for i in range(2_000)) + "\n1\n", encoding="utf-8")
    with pytest.raises(InputError) as caught:
        loader(wide)
    assert max(len(str(p)) for p in caught.value.problems) < 1000


# ---- planner/scenario/calendar.py ---------------------------------------------------------------

def test_calendar_lone_carriage_return() -> None:
    """BUG 5, fixed: the CSV reader gets newline=""; csv.Error becomes a located InputError."""
    refused(load_calendar, HOSTILE / "calendar_lone_carriage_return.csv")


# ---- planner/trends/snapshots.py and values.py -------------------------------------------------

def test_snapshot_odd_offset() -> None:
    """BUG 6, fixed: a time with a cut offset (`+08:0`) is an unreadable cell."""
    refused(load_snapshots, HOSTILE / "snapshots_truncated_offset.csv")


def test_snapshot_lone_quote() -> None:
    """BUG 7, fixed: a ParserError while reading the header is an InputError."""
    refused(load_snapshots, HOSTILE / "snapshots_lone_quote.csv")


def test_snapshot_jsonl_not_utf8() -> None:
    """BUG 8, fixed: a line that is not UTF-8 is `not UTF-8 text` with its line."""
    refused(load_snapshots, HOSTILE / "snapshots_gbk.jsonl")


def test_snapshot_infinite_heat() -> None:
    """BUG 9, fixed: an infinite heat is `not a number`."""
    refused(load_snapshots, HOSTILE / "snapshots_infinite_heat.csv")


def test_snapshot_impossible_rank() -> None:
    """BUG 9, fixed: a rank that is not a whole number from 1 to MAX_RANK is refused."""
    refused(load_snapshots, HOSTILE / "snapshots_impossible_rank.csv")


# ---- size limits: calendar CSV, plan JSON, trends.yaml ------------------------------------------

def _forbid_whole_reads(monkeypatch: pytest.MonkeyPatch, target: Path) -> None:
    """Reading ``target`` whole fails the test: a huge file must be refused by its size or streamed."""
    for name in ("read_bytes", "read_text"):
        original = getattr(Path, name)

        def spy(self: Path, *args: Any, _original: Any = original, **kwargs: Any) -> Any:
            if self.resolve() == target.resolve():
                raise AssertionError(f"read a {target.stat().st_size}-byte file whole")
            return _original(self, *args, **kwargs)

        monkeypatch.setattr(Path, name, spy)


@pytest.mark.parametrize(("suffix", "loader"), [(".csv", load_calendar), (".json", load_calendar),
                                                (".yaml", load_trends_file)])
def test_huge_file_refused_before_reading(suffix: str, loader: Loader, tmp_path: Path,
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    """BUG 12, fixed: plan CSV, plan JSON and trends.yaml are refused above their MAX_FILE_BYTES, unread."""
    huge = tmp_path / f"huge{suffix}"
    with huge.open("wb") as handle:
        handle.truncate(600 * 1024 * 1024)  # sparse: no disk used
    _forbid_whole_reads(monkeypatch, huge)
    refused(loader, huge)


# ---- paths that leave the scenario's folder (planner/scenario/loader.py) -----------------------

@pytest.fixture
def outside(tmp_path: Path) -> Path:
    """A project folder and, beside it, files it must not reach without --allow-outside."""
    (tmp_path / "secret").mkdir()
    (tmp_path / "secret" / "passwords.csv").write_text("root:x:0:0:root:/root:/bin/bash\n", encoding="utf-8")
    (tmp_path / "secret" / "pack.yaml").write_text((SEEDS / "pack.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "project").mkdir()
    return tmp_path / "project"


@pytest.mark.parametrize("extra", ["rule_packs: [../secret/pack.yaml]", "history: {path: ../secret/passwords.csv}",
                                   "history: {model: ../secret/passwords.csv}", "history: {path: /etc/hostname}"])
def test_paths_outside_the_folder_are_refused(extra: str, outside: Path) -> None:
    """BUG 10, fixed: rule packs and history files are confined to the folder, as `extends` is."""
    scenario = outside / "s.yaml"
    scenario.write_text((SEEDS / "scenario.yaml").read_text(encoding="utf-8").replace("rule_packs: [douyin, tiktok]\n", "")
                        + extra + "\n", encoding="utf-8")
    load(scenario, allow_outside=True)  # allowed with the flag
    with pytest.raises(InputError, match="leaves the scenario's folder"):
        load(scenario)


def test_plan_takes_allow_outside() -> None:
    """BUG 11, fixed: plan, explain, score, whatif (and trends match) take --allow-outside."""
    from click.testing import CliRunner

    from planner.cli import cli

    result = CliRunner().invoke(cli, ["plan", "--help"])
    assert "--allow-outside" in result.output
