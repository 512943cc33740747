"""The harness: progress reading, targets, the best-known file, and one real S run."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from planner.bench.bks import load_bks, offer, save_bks
from planner.bench.harness import BenchConfig, parse_list, run
from planner.bench.results import INSTANCE_HEADER
from planner.bench.targets import derive, gap_by, time_to_within, verdicts
from planner.errors import InputError

TRACE = [[1.0, 80.0, 120.0], [3.0, 95.0, 110.0], [7.0, 99.5, 101.0]]


def _row(tier: str = "M", **solver: object) -> dict[str, object]:
    base = {"status": "FEASIBLE", "objective": 99.5, "bound": 101.0, "gap": 0.015, "wall": 25.0, "trace": TRACE,
            "rss_mib": 300.0, "build_seconds": 2.0, "hard_violations": 0}
    return {"tier": tier, "seed": 1, "instance": {"topics": 150}, "solver": {**base, **solver},
            "greedy": {"status": "FEASIBLE", "objective": 80.0, "hard_violations": 0}}


def test_time_to_within_reads_the_first_close_enough_solution() -> None:
    assert time_to_within(TRACE, 100.0, 0.01) == 7.0
    assert time_to_within(TRACE, 100.0, 0.05) == 3.0
    assert time_to_within(TRACE, 200.0, 0.01) is None
    assert time_to_within(TRACE, None, 0.01) is None


def test_gap_by_uses_the_last_report_before_the_deadline() -> None:
    row = _row()
    assert gap_by(row, 5.0) == pytest.approx(15 / 95)
    assert gap_by(row, 0.5) is None
    assert gap_by(row, 30.0) == 0.015  # the run had ended: its final gap


def test_derive_and_targets_for_m() -> None:
    row = derive(_row(), 100.0)
    assert row["to_best"] == pytest.approx(0.005)
    assert row["t1"] == 7.0 and row["ratio"] == pytest.approx(99.5 / 80)
    met = {v.target: v.met for v in verdicts([row])}
    assert met == {"M/1: within 1% of best known ≤ 20 s": True, "M/1: gap ≤ 5% (by 20 s)": True,
                   "M/1: solver ≥ 1.15 × greedy": True}


def test_a_plan_with_hard_violations_never_counts() -> None:
    row = derive(_row(hard_violations=1), 100.0)
    assert "t1" not in row and "ratio" not in row


def test_best_known_only_improves(tmp_path: Path) -> None:
    path = tmp_path / "bks.json"
    bks = load_bks(path)
    assert offer(bks, "M/1", 10.0, "greedy", "2026-11-28")
    assert not offer(bks, "M/1", 9.0, "solver", "2026-11-28")
    assert offer(bks, "M/1", 11.0, "solver", "2026-11-28")
    assert not offer(bks, "M/1", 11.0, "solver, longer", "2026-11-29", proven=True)
    save_bks(path, bks)
    assert json.loads(path.read_text()) == {"M/1": {"objective": 11.0, "found_by": "solver", "date": "2026-11-28",
                                                    "proven_optimal": True}}


def test_bad_lists_and_files_are_input_errors(tmp_path: Path) -> None:
    assert parse_list("S, M", "tiers", str) == ["S", "M"]
    assert parse_list("none", "tiers", str) == []
    with pytest.raises(InputError, match="--seeds: expected a comma-separated list, got '1,x'"):
        parse_list("1,x", "seeds", int)
    broken = tmp_path / "bks.json"
    broken.write_text("{", encoding="utf-8")
    with pytest.raises(InputError, match=r"bks\.json:1: not valid JSON"):
        load_bks(broken)


@pytest.mark.slow
def test_harness_on_s_writes_a_results_row(tmp_path: Path) -> None:
    lines: list[str] = []
    config = BenchConfig(tiers=["S"], seeds=[1], time_limit=0.5, out_dir=tmp_path)
    results = run(config, echo=lines.append)
    text = results.read_text(encoding="utf-8")
    assert INSTANCE_HEADER in text and "Machine: " in text
    row = next(line for line in text.splitlines() if line.startswith("| S/1 |"))
    cells = [c.strip() for c in row.strip("|").split("|")]
    assert len(cells) == INSTANCE_HEADER.count("|") - 1
    assert cells[1] == "30" and cells[2] in ("OPTIMAL", "FEASIBLE")
    assert float(cells[12].replace(",", "")) > 50  # peak RSS in MiB of the solve process
    assert lines[0].startswith("[1/1] S seed 1: 30 topics, 2 accounts, 5 members, 7 days")
    assert any(line.startswith("  greedy: FEASIBLE objective") for line in lines)
    assert f"  {row}" in lines  # the harness prints each row as it goes
    stored = json.loads((tmp_path / "results.json").read_text())
    assert stored["rows"]["S/1"]["solver"]["hard_violations"] == 0
    assert stored["rows"]["S/1"]["greedy"]["hard_violations"] == 0
    assert "S/1" in json.loads((tmp_path / "bks.json").read_text())
