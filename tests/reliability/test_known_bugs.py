"""Bugs the reliability work found in files this folder does not own, one strict xfail each.

Each test states what should happen. When the fix lands the test passes, strict xfail turns
that into a failure, and the mark (and the entry in ``relkit.KNOWN_BUGS``, if any) is removed.
The suggested fix is in each reason and in docs/RELIABILITY.md.
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

@pytest.mark.xfail(strict=True, reason="reader._read_grid catches only ValueError/OSError/ImportError/ParserError; "
                   "a corrupt .xlsx raises zipfile.BadZipFile, KeyError, zlib.error or OverflowError. "
                   "Fix: wrap pd.read_excel in `except Exception` -> InputError('cannot read as XLSX: ...')")
@pytest.mark.parametrize("name", ["xlsx_not_a_zip.xlsx", "xlsx_truncated.xlsx", "xlsx_no_content_types.xlsx",
                                  "xlsx_infinite_cell.xlsx"])
def test_corrupt_xlsx(name: str) -> None:
    refused(load_history, HOSTILE / name)


@pytest.mark.xfail(strict=True, reason="numbers.parse_number accepts 'inf', 'Infinity' and '1e309' as counts; "
                   "`planner fit` then dies in scikit-learn (ValueError: Input y contains infinity, exit 3). "
                   "Fix: in numbers.parse_column, cells that parse to a non-finite value get the reason "
                   "'... is not a number' (as NaN cells do)")
@pytest.mark.parametrize("cell", ["inf", "Infinity", "1e309"])
def test_history_infinite_count_dropped(cell: str, tmp_path: Path) -> None:
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
    refused(loader, HOSTILE / name)


@pytest.mark.xfail(strict=True, reason="the message lists every header cell: 2,000 columns make a 16 kB line. "
                   "Fix: clip the header list in the messages of calendar._columns, snapshots._columns and "
                   "ingest.import_history ('columns are: ...') to about 200 characters")
@pytest.mark.parametrize(("suffix", "loader"), [(".csv", load_history), (".csv", load_calendar),
                                                (".csv", load_snapshots)])
def test_wide_header_message_is_short(suffix: str, loader: Loader, tmp_path: Path) -> None:
    wide = tmp_path / f"wide{suffix}"
    wide.write_text(",".join(f"col{i}" for i in range(2_000)) + "\n1\n", encoding="utf-8")
    with pytest.raises(InputError) as caught:
        loader(wide)
    assert max(len(str(p)) for p in caught.value.problems) < 1000


# ---- planner/scenario/calendar.py ---------------------------------------------------------------

@pytest.mark.xfail(strict=True, reason="csv.reader over io.StringIO(text) without newline='' raises csv.Error on a "
                   "lone \\r in a cell. Fix: csv.reader(io.StringIO(text, newline='')) and turn csv.Error into "
                   "InputError(Problem(..., line=reader.line_num))")
def test_calendar_lone_carriage_return() -> None:
    refused(load_calendar, HOSTILE / "calendar_lone_carriage_return.csv")


# ---- planner/trends/snapshots.py and values.py -------------------------------------------------

@pytest.mark.xfail(strict=True, reason="values.parse_times: '+08:0' is not matched by _OFFSET, so pandas parses it "
                   "as aware in the naive branch: tz_localize raises TypeError (or ValueError for a mix). Fix: "
                   "catch both there and mark such cells unreadable")
def test_snapshot_odd_offset() -> None:
    refused(load_snapshots, HOSTILE / "snapshots_truncated_offset.csv")


@pytest.mark.xfail(strict=True, reason="snapshots._csv_chunks reads the header with pd.read_csv(nrows=0) and "
                   "catches only EmptyDataError/UnicodeDecodeError. Fix: also catch pd.errors.ParserError")
def test_snapshot_lone_quote() -> None:
    refused(load_snapshots, HOSTILE / "snapshots_lone_quote.csv")


@pytest.mark.xfail(strict=True, reason="snapshots._json_chunks reads text lines; a GBK byte raises "
                   "UnicodeDecodeError. Fix: catch it around the loop -> InputError('not UTF-8 text (line N)')")
def test_snapshot_jsonl_not_utf8() -> None:
    refused(load_snapshots, HOSTILE / "snapshots_gbk.jsonl")


@pytest.mark.xfail(strict=True, reason="values.parse_numbers accepts 'inf' and '1e999'; an infinite heat ends in "
                   "ValueError('1.0 is not in list') (exit 3). Fix: out = out.where(np.isfinite(out)) so _check "
                   "reports 'heat ... is not a number'")
def test_snapshot_infinite_heat() -> None:
    refused(load_snapshots, HOSTILE / "snapshots_infinite_heat.csv")


@pytest.mark.xfail(strict=True, reason="ranks -1, 1e308 and inf are accepted (a window 'best rank -1', a numpy "
                   "cast warning). Fix: in snapshots._normalise, _check rank where it is not a whole number >= 1")
def test_snapshot_impossible_rank() -> None:
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


@pytest.mark.xfail(strict=True, reason="no size limit: read_calendar, read_plan and read_trends read the whole file "
                   "into memory. Fix: refuse above a stated MAX_FILE_BYTES (as yamlio and metrics.reader do) "
                   "before reading")
@pytest.mark.parametrize(("suffix", "loader"), [(".csv", load_calendar), (".json", load_calendar),
                                                (".yaml", load_trends_file)])
def test_huge_file_refused_before_reading(suffix: str, loader: Loader, tmp_path: Path,
                                          monkeypatch: pytest.MonkeyPatch) -> None:
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


@pytest.mark.xfail(strict=True, reason="only `extends` is confined to the scenario's folder; rule_packs, "
                   "history.path and history.model reach any file, and an unreadable history quotes the file's "
                   "first line in its message (a leak). Fix: in planner/scenario/loader.load, after build(), refuse "
                   "those paths when they resolve outside the folder unless allow_outside")
@pytest.mark.parametrize("extra", ["rule_packs: [../secret/pack.yaml]", "history: {path: ../secret/passwords.csv}",
                                   "history: {model: ../secret/passwords.csv}", "history: {path: /etc/hostname}"])
def test_paths_outside_the_folder_are_refused(extra: str, outside: Path) -> None:
    scenario = outside / "s.yaml"
    scenario.write_text((SEEDS / "scenario.yaml").read_text(encoding="utf-8").replace("rule_packs: [douyin, tiktok]\n", "")
                        + extra + "\n", encoding="utf-8")
    load(scenario, allow_outside=True)  # allowed with the flag
    with pytest.raises(InputError, match="leaves the scenario's folder"):
        load(scenario)


@pytest.mark.xfail(strict=True, reason="`planner check` has --allow-outside, `planner plan` (and score, explain) do "
                   "not, so a scenario that checks cannot be planned. Fix: the same option on every command that "
                   "loads a scenario, passed to load()")
def test_plan_takes_allow_outside() -> None:
    from click.testing import CliRunner

    from planner.cli import cli

    result = CliRunner().invoke(cli, ["plan", "--help"])
    assert "--allow-outside" in result.output
