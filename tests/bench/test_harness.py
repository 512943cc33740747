"""The harness: progress reading, targets, the best-known file, and one real S run."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from planner.bench.bks import best_known, load_bks, offer, problem_digest, save_bks
from planner.bench.harness import BenchConfig, parse_list, record_best, run
from planner.bench.results import CORPUS_HEADER, INSTANCE_HEADER
from planner.bench.targets import corpus_verdicts, derive, family_stats, gap_by, time_to_within, verdicts
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


def test_a_best_known_found_for_another_version_of_the_problem_is_not_used(tmp_path: Path) -> None:
    instance = tmp_path / "brand_1.yaml"
    instance.write_text("name: a\n", encoding="utf-8")
    bks: dict = {}
    assert offer(bks, "brand/1", 50.0, "solver", "2026-12-06", digest=problem_digest(instance))
    assert best_known(bks, "brand/1", problem_digest(instance)) == 50.0
    instance.write_text("name: b\n", encoding="utf-8")  # the instance was regenerated
    assert best_known(bks, "brand/1", problem_digest(instance)) is None
    # a lower value found for the problem as it is now replaces the stale one
    assert offer(bks, "brand/1", 40.0, "solver", "2026-12-07", digest=problem_digest(instance))
    assert best_known(bks, "brand/1", problem_digest(instance)) == 40.0


def _corpus_row(seed: int, objective: float, gap: float, status: str = "FEASIBLE") -> dict[str, object]:
    solver = {"status": status, "objective": objective, "bound": objective * (1 + gap), "gap": gap, "wall": 31.0,
              "workers": 2, "hard_violations": 0}
    return {"family": "brand", "seed": seed, "date": "2026-12-06", "time_limit": 30.0, "instance": {"topics": 30},
            "solver": solver, "greedy": {"status": "FEASIBLE", "objective": objective / 2, "hard_violations": 0}}


def test_an_evaluated_run_never_writes_its_result_into_bks() -> None:
    bks = {"brand/1": {"objective": 100.0, "found_by": "solver, 600 s, 2 workers", "date": "2026-12-05"}}
    before = json.dumps(bks, sort_keys=True)
    evaluated = BenchConfig(tiers=[], corpus=True)
    better = _corpus_row(1, 150.0, 0.0, status="OPTIMAL")
    assert not record_best(bks, "brand/1", better, evaluated)
    assert not record_best(bks, "brand/2", better, evaluated)  # not even where nothing is known yet
    assert json.dumps(bks, sort_keys=True) == before


def test_a_bks_only_run_records_its_command_date_seconds_and_proof() -> None:
    bks: dict[str, dict[str, object]] = {"brand/1": {"objective": 100.0, "found_by": "old", "date": "2026-12-05"}}
    long_run = BenchConfig(tiers=[], corpus=True, record=False, time_limit=600)
    assert record_best(bks, "brand/1", _corpus_row(1, 150.0, 0.0, status="OPTIMAL"), long_run)
    assert bks["brand/1"] == {"objective": 150.0, "found_by": "solver, 30 s, 2 workers", "date": "2026-12-06",
                              "command": long_run.command, "seconds": 31.0, "proven_optimal": True}
    assert "--bks-only" in long_run.command and "--corpus" in long_run.command
    assert not record_best(bks, "brand/1", _corpus_row(1, 120.0, 0.05), long_run)  # worse: kept
    assert bks["brand/1"]["objective"] == 150.0


def test_corpus_targets_per_family_median_and_worst() -> None:
    best = {1: 100.0, 2: 200.0, 3: 300.0}
    rows = [derive(_corpus_row(1, 100.0, 0.01), best[1]), derive(_corpus_row(2, 196.0, 0.02), best[2]),
            derive(_corpus_row(3, 270.0, 0.12), best[3])]
    (stats,) = family_stats(rows)
    assert stats.median_to_best == pytest.approx(0.02) and stats.worst_to_best == pytest.approx(0.10)
    assert stats.median_gap == pytest.approx(0.02) and stats.worst_gap == pytest.approx(0.12)
    met = {v.target: v.met for v in corpus_verdicts([stats])}
    assert met == {"brand: median distance to best known ≤ 1%": False, "brand: worst distance to best known ≤ 3%": False,
                   "brand: median proven gap ≤ 3%": True, "brand: worst proven gap ≤ 10%": False}
    rows[0]["solver"] = {"status": "UNKNOWN", "error": "killed after 200 s"}
    (stats,) = family_stats(rows)
    assert all(v.met is False and "brand/1" in v.measured for v in corpus_verdicts([stats]))


def test_bad_lists_and_files_are_input_errors(tmp_path: Path) -> None:
    assert parse_list("S, M", "tiers", str) == ["S", "M"]
    assert parse_list("none", "tiers", str) == []
    with pytest.raises(InputError, match="--seeds: expected a comma-separated list, got '1,x'"):
        parse_list("1,x", "seeds", int)
    with pytest.raises(InputError, match="not a planner checkout"):
        run(BenchConfig(tiers=["S"], out_dir=tmp_path, baseline=tmp_path))
    broken = tmp_path / "bks.json"
    broken.write_text("{", encoding="utf-8")
    with pytest.raises(InputError, match=r"bks\.json:1: not valid JSON"):
        load_bks(broken)


@pytest.mark.slow
def test_harness_on_s_and_a_corpus_instance_writes_rows_but_not_bks(tmp_path: Path) -> None:
    lines: list[str] = []
    corpus = Path(__file__).resolve().parents[2] / "benchmarks" / "corpus"
    config = BenchConfig(tiers=["S"], seeds=[1], time_limit=0.5, out_dir=tmp_path, corpus=True, families=["solo"],
                         corpus_dir=corpus)
    results = run(config, echo=lines.append)
    text = results.read_text(encoding="utf-8")
    assert INSTANCE_HEADER in text and "Machine: " in text
    row = next(line for line in text.splitlines() if line.startswith("| S/1 |"))
    cells = [c.strip() for c in row.strip("|").split("|")]
    assert len(cells) == INSTANCE_HEADER.count("|") - 1
    assert cells[1] == "30" and cells[2] in ("OPTIMAL", "FEASIBLE")
    assert float(cells[12].replace(",", "")) > 50  # peak RSS in MiB of the solve process
    assert lines[0].startswith("[1/2] S seed 1: 30 topics, 2 accounts, 5 members, 7 days")
    assert CORPUS_HEADER in text and "| solo/1 | 13 |" in text and "| solo | 1 |" in text
    assert any(line.startswith("  greedy: FEASIBLE objective") for line in lines)
    assert f"  {row}" in lines  # the harness prints each row as it goes
    stored = json.loads((tmp_path / "results.json").read_text())
    assert stored["rows"]["S/1"]["solver"]["hard_violations"] == 0
    assert stored["rows"]["S/1"]["greedy"]["hard_violations"] == 0
    assert stored["corpus"]["solo/1"]["greedy"]["hard_violations"] == 0
    assert not (tmp_path / "bks.json").exists()  # an evaluated run is judged against bks, never adds to it
