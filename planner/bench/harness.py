"""The benchmark harness: generate each instance, run the solver and the greedy baseline in their own
processes, compare with the best known solutions, and keep the rows behind RESULTS.md.

Rows live in ``results.json`` beside RESULTS.md, keyed by instance: a run replaces the rows of the
instances it ran and keeps the others, so S/M and a long L run can be made on different days.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from planner.bench.bks import load_bks, offer, problem_digest, save_bks
from planner.bench.families import corpus_files
from planner.bench.generate import write
from planner.bench.measure import Measured, run_worker
from planner.bench.results import corpus_line, machine, render, row_line
from planner.bench.targets import usable as _usable
from planner.bench.tiers import Tier, scaled, tier
from planner.errors import InputError
from planner.io import write_atomic
from planner.scenario import load

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
    #: Also solve the corpus (``benchmarks/corpus``): every family's instances of ``seeds``.
    corpus: bool = False
    #: Corpus families to run; None: all.
    families: list[str] | None = None
    #: Folder of the corpus files; None: ``out_dir / "corpus"``.
    corpus_dir: Path | None = None
    #: A checkout of an earlier planner whose solver runs beside this one on each corpus instance.
    baseline: Path | None = None

    @property
    def command(self) -> str:
        """The command line that repeats this run."""
        parts = ["planner bench run", f"--tiers {','.join(self.tiers) or 'none'}",
                 f"--seeds {','.join(map(str, self.seeds))}"]
        if self.corpus:
            parts.append("--corpus")
        if self.families:
            parts.append(f"--families {','.join(self.families)}")
        if self.baseline is not None:
            parts.append(f"--baseline {self.baseline}")
        if not self.record:
            parts.append("--bks-only")
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


#: Seconds of search per corpus instance unless ``--time-limit`` says otherwise (the issue's targets).
CORPUS_TIME_LIMIT = 30.0


@dataclass
class Job:
    """One instance to run: ``key`` names it in bks.json and results.json (``M/1``, ``solo/1``)."""

    key: str
    kind: str  # "rows" (tiers), "curve", "corpus"
    limit: float
    header: str
    fields: dict[str, Any]  # what the stored row says about the instance
    file: Callable[[Path], Path]  # the scenario file (written into the folder given, for tiers)


def run(config: BenchConfig, echo: Echo = _stderr) -> Path:
    """Run every instance of ``config``; returns the path of the RESULTS.md written."""
    jobs = _jobs(config)  # bad names and missing files fail before any work
    out_dir = config.out_dir
    bks_path, rows_path = out_dir / "bks.json", out_dir / "results.json"
    bks = load_bks(bks_path)
    stored = _load_rows(rows_path)
    with tempfile.TemporaryDirectory(prefix="planner-bench-instances-") as tmp:
        folder = config.instances or Path(tmp)
        for index, job in enumerate(jobs, 1):
            echo(f"[{index}/{len(jobs)}] {job.header}")
            row = {**job.fields, **run_instance(job, config, folder, echo)}
            if record_best(bks, job.key, row, config):
                save_bks(bks_path, bks)
            if job.kind != "curve":
                echo("  " + (corpus_line(row, bks) if job.kind == "corpus" else row_line(row, bks)))
            if config.record:
                stored[job.kind][job.key] = row
                _save_rows(rows_path, stored)
            write_atomic(out_dir / "RESULTS.md", render(stored, bks))  # a better best known moves the rows too
    return out_dir / "RESULTS.md"


def _jobs(config: BenchConfig) -> list[Job]:
    chosen = [tier(name) for name in config.tiers]
    points = [scaled(n) for n in config.curve]
    if any(seed < 0 for seed in config.seeds):
        raise InputError(f"--seeds: seeds are 0 or more, got {','.join(map(str, config.seeds))}")
    jobs = [_tier_job(t, seed, "rows", config) for t in chosen for seed in config.seeds]
    jobs += [_tier_job(t, 1, "curve", config) for t in points]
    if config.baseline is not None and not (config.baseline / "planner" / "bench" / "worker.py").is_file():
        # Otherwise the installed planner would answer in its place, unnoticed.
        raise InputError(f"--baseline {config.baseline}: not a planner checkout (no planner/bench/worker.py)")
    if config.corpus:
        folder = config.corpus_dir or config.out_dir / "corpus"
        limit = config.time_limit if config.time_limit is not None else CORPUS_TIME_LIMIT
        for family, seed, path in corpus_files(folder, config.families, config.seeds):
            jobs.append(_corpus_job(family, seed, path, limit, config))
    return jobs


def _tier_job(spec: Tier, seed: int, kind: str, config: BenchConfig) -> Job:
    return Job(f"{spec.name}/{seed}", kind, config.time_limit if config.time_limit is not None else spec.time_limit,
               f"{spec.name} seed {seed}: {spec.topics} topics, {spec.accounts} accounts, {spec.members} members, "
               f"{spec.days} days",
               {"tier": spec.name, "seed": seed,
                "instance": {"topics": spec.topics, "accounts": spec.accounts, "members": spec.members,
                             "days": spec.days}},
               lambda folder: write(spec, seed, folder))


def _corpus_job(family: str, seed: int, path: Path, limit: float, config: BenchConfig) -> Job:
    scenario = load(path)
    size = {"topics": len(scenario.topics), "accounts": len(scenario.accounts), "members": len(scenario.team),
            "days": scenario.horizon.days}
    return Job(f"{family}/{seed}", "corpus", limit,
               f"{family} seed {seed} ({path}): {size['topics']} topics, {size['accounts']} accounts, "
               f"{size['members']} members, {size['days']} days",
               {"family": family, "seed": seed, "file": str(path), "instance": size, "digest": problem_digest(path)},
               lambda _folder: path)


def run_instance(job: Job, config: BenchConfig, folder: Path, echo: Echo) -> dict[str, Any]:
    """The solver, the greedy baseline and (corpus, with ``config.baseline``) the earlier solver on one instance."""
    path, limit = job.file(folder), job.limit
    # Deterministic time runs past the limit on a busy machine, and big models build for minutes.
    kill_after = config.kill_after if config.kill_after is not None else limit * 6 + 900
    today = datetime.now(UTC).date().isoformat()

    def measured(mode: str, who: str, code_path: Path | None = None) -> dict[str, Any]:
        row = _as_row(run_worker(mode, path, time_limit=limit if mode == "solve" else None,
                                 workers=config.workers if mode == "solve" else None, label=f"{job.key} {who}",
                                 echo=echo, kill_after=kill_after, memory_gib=config.memory_gib,
                                 code_path=code_path))
        echo(f"  {who}: {_summary(row)}")
        return row

    solver = measured("solve", "solver")
    greedy = measured("greedy", "greedy") if config.greedy and job.kind != "curve" else {}
    row: dict[str, Any] = {"date": today, "time_limit": limit, "command": config.command, "solver": solver,
                           "greedy": greedy}
    if config.baseline is not None and job.kind == "corpus" and config.record:
        row["baseline"] = {**measured("solve", "baseline", config.baseline), "commit": _commit(config.baseline)}
    return row


def record_best(bks: dict[str, Any], key: str, row: dict[str, Any], config: BenchConfig) -> bool:
    """Offer a ``--bks-only`` run's plans to the best known; True when one was recorded.

    An evaluated run never updates bks.json: its distance to the best known would then be measured
    against itself (zero by construction). Only a separate long run, recorded with its command, date
    and seconds, sets the values that evaluated runs are judged by.
    """
    if config.record:
        return False
    solver, greedy, changed = row["solver"], row.get("greedy") or {}, False
    digest = row.get("digest")
    if _usable(solver):
        changed |= offer(bks, key, solver["objective"], f"solver, {row['time_limit']:g} s, {solver.get('workers')} workers",
                         row["date"], proven=solver["status"] == "OPTIMAL", command=config.command,
                         seconds=solver.get("wall"), digest=digest)
    if _usable(greedy):
        changed |= offer(bks, key, greedy["objective"], "greedy", row["date"], command=config.command,
                         seconds=greedy.get("wall"), digest=digest)
    return changed


def _commit(checkout: Path) -> str:
    """The commit a checkout is at (``?`` when it is not a git work tree)."""
    done = subprocess.run(["git", "-C", str(checkout), "rev-parse", "--short", "HEAD"], capture_output=True, text=True,
                          check=False)
    return done.stdout.strip() or "?"


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
        return {"machine": machine(), "rows": {}, "curve": {}, "corpus": {}}
    data = json.loads(path.read_text(encoding="utf-8"))
    data.setdefault("rows", {})
    data.setdefault("curve", {})
    data.setdefault("corpus", {})
    return data


def _save_rows(path: Path, stored: dict[str, Any]) -> None:
    stored["machine"] = machine()
    write_atomic(path, json.dumps(stored, ensure_ascii=False, indent=1) + "\n")
