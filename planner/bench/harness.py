"""The benchmark harness: generate each instance, run the solver and the greedy baseline in their own
processes, compare with the best known solutions, and keep the rows behind RESULTS.md.

Rows live in ``results.json`` beside RESULTS.md, keyed by instance: a run replaces the rows of the
instances it ran and keeps the others, so S/M and a long L run can be made on different days.
"""

from __future__ import annotations

import json
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from planner.bench.bks import load_bks, offer, save_bks
from planner.bench.generate import write
from planner.bench.measure import Measured, run_worker
from planner.bench.results import machine, render, row_line
from planner.bench.targets import usable as _usable
from planner.bench.tiers import Tier, scaled, tier
from planner.errors import InputError
from planner.io import write_atomic

Echo = Callable[[str], None]


def _stderr(line: str) -> None:
    print(line, file=sys.stderr, flush=True)


@dataclass
class BenchConfig:
    tiers: list[str] = field(default_factory=lambda: ["S", "M"])
    seeds: list[int] = field(default_factory=lambda: [1, 2, 3])
    #: Seconds of search per solve; None: each tier's own (see planner.bench.tiers).
    time_limit: float | None = None
    workers: int | None = None
    curve: list[int] = field(default_factory=list)
    out_dir: Path = Path("benchmarks")
    instances: Path | None = None
    greedy: bool = True
    #: False: only offer the objectives to bks.json (a long run to improve the best known).
    record: bool = True
    #: Cap on each run's address space (GiB); None: no cap.
    memory_gib: float | None = None
    #: Seconds after which a run is killed; None: six times the time limit plus 15 minutes of building.
    kill_after: float | None = None

    @property
    def command(self) -> str:
        """The command line that repeats this run."""
        parts = ["planner bench run", f"--tiers {','.join(self.tiers) or 'none'}",
                 f"--seeds {','.join(map(str, self.seeds))}"]
        if self.time_limit is not None:
            parts.append(f"--time-limit {self.time_limit:g}")
        if self.workers is not None:
            parts.append(f"--workers {self.workers}")
        if self.curve:
            parts.append(f"--curve {','.join(map(str, self.curve))}")
        if not self.greedy:
            parts.append("--no-greedy")
        if self.memory_gib is not None:
            parts.append(f"--memory-limit {self.memory_gib:g}")
        if self.kill_after is not None:
            parts.append(f"--kill-after {self.kill_after:g}")
        return " ".join(parts)


def parse_list(text: str, what: str, convert: Callable[[str], Any]) -> list[Any]:
    """``"S,M,L"`` -> ["S", "M", "L"]; ``none`` or empty -> []."""
    if text.strip().lower() in ("", "none"):
        return []
    try:
        return [convert(part.strip()) for part in text.split(",") if part.strip()]
    except ValueError:
        raise InputError(f"--{what}: expected a comma-separated list, got '{text}'") from None


def run(config: BenchConfig, echo: Echo = _stderr) -> Path:
    """Run every instance of ``config``; returns the path of the RESULTS.md written."""
    chosen = [tier(name) for name in config.tiers]  # bad names fail before any work
    points = [scaled(n) for n in config.curve]
    if any(seed < 0 for seed in config.seeds):
        raise InputError(f"--seeds: seeds are 0 or more, got {','.join(map(str, config.seeds))}")
    out_dir = config.out_dir
    bks_path, rows_path = out_dir / "bks.json", out_dir / "results.json"
    bks = load_bks(bks_path)
    stored = _load_rows(rows_path)
    with tempfile.TemporaryDirectory(prefix="planner-bench-instances-") as tmp:
        folder = config.instances or Path(tmp)
        jobs = [(t, seed, "rows") for t in chosen for seed in config.seeds] + [(t, 1, "curve") for t in points]
        for index, (spec, seed, kind) in enumerate(jobs, 1):
            echo(f"[{index}/{len(jobs)}] {spec.name} seed {seed}: {spec.topics} topics, {spec.accounts} accounts, "
                 f"{spec.members} members, {spec.days} days")
            row = run_instance(spec, seed, config, folder, bks, echo, with_greedy=config.greedy and kind == "rows")
            save_bks(bks_path, bks)
            if kind == "rows":
                echo("  " + row_line(row, bks))
            if config.record:
                stored[kind][f"{spec.name}/{seed}"] = row
                _save_rows(rows_path, stored)
            write_atomic(out_dir / "RESULTS.md", render(stored, bks))  # a better best known moves the rows too
    return out_dir / "RESULTS.md"


def run_instance(spec: Tier, seed: int, config: BenchConfig, folder: Path, bks: dict[str, Any], echo: Echo,
                 *, with_greedy: bool) -> dict[str, Any]:
    path = write(spec, seed, folder)
    limit = config.time_limit if config.time_limit is not None else spec.time_limit
    # Deterministic time runs past the limit on a busy machine, and big models build for minutes.
    kill_after = config.kill_after if config.kill_after is not None else limit * 6 + 900
    key, today = f"{spec.name}/{seed}", datetime.now(UTC).date().isoformat()
    solver = _as_row(run_worker("solve", path, time_limit=limit, workers=config.workers, label=f"{key} solver",
                                echo=echo, kill_after=kill_after, memory_gib=config.memory_gib))
    echo(f"  solver: {_summary(solver)}")
    greedy: dict[str, Any] = {}
    if with_greedy:
        greedy = _as_row(run_worker("greedy", path, time_limit=None, workers=None, label=f"{key} greedy",
                                    echo=echo, kill_after=kill_after, memory_gib=config.memory_gib))
        echo(f"  greedy: {_summary(greedy)}")
    workers = solver.get("workers", config.workers)
    if _usable(solver):
        offer(bks, key, solver["objective"], f"solver, {limit:g} s, {workers} workers", today,
              proven=solver["status"] == "OPTIMAL")
    if _usable(greedy):
        offer(bks, key, greedy["objective"], "greedy", today)
    return {"tier": spec.name, "seed": seed, "date": today, "time_limit": limit, "command": config.command,
            "instance": {"topics": spec.topics, "accounts": spec.accounts, "members": spec.members, "days": spec.days},
            "solver": solver, "greedy": greedy}


def _as_row(measured: Measured) -> dict[str, Any]:
    row = dict(measured.result)
    row.update(rss_mib=round(measured.peak_rss_mib, 1), process_seconds=round(measured.process_seconds, 2),
               cpu_seconds=round(measured.cpu_seconds, 2), load=list(measured.load))
    if measured.error:
        row["error"] = measured.error
        row.setdefault("status", "ERROR")
    return row


def _summary(run: dict[str, Any]) -> str:
    if run.get("error"):
        return f"ERROR {run['error']} (peak RSS {run['rss_mib']:.0f} MiB)"
    return (f"{run['status']} objective {run['objective']:.1f} in {run['wall']:.1f} s, "
            f"{run.get('hard_violations', 0)} hard violations, peak RSS {run['rss_mib']:.0f} MiB")


def _load_rows(path: Path) -> dict[str, Any]:
    if not path.exists():
        return {"machine": machine(), "rows": {}, "curve": {}}
    data = json.loads(path.read_text(encoding="utf-8"))
    data.setdefault("rows", {})
    data.setdefault("curve", {})
    return data


def _save_rows(path: Path, stored: dict[str, Any]) -> None:
    stored["machine"] = machine()
    write_atomic(path, json.dumps(stored, ensure_ascii=False, indent=1) + "\n")
