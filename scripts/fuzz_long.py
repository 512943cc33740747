"""A longer fuzz run of every loader than CI affords; reports how many cases ran per loader.

    .venv/bin/python scripts/fuzz_long.py                 # 2,000 cases per loader
    .venv/bin/python scripts/fuzz_long.py -n 300 --only scenario --only "plan csv"
    .venv/bin/python scripts/fuzz_long.py --seconds 600   # or: stop each loader after a time budget

Uses the same loaders and hostile-byte strategies as tests/reliability (relkit.py), whose tokens
include the shapes of issue 24: complex keys, lone surrogates, terminal escapes, NUL and over-long
names in paths, and JSON or YAML nested beyond Python's stack. Unlike the
tests it does not stop at the first bug: every case is sorted into ok (accepted), error (the
project's one-line InputError/PlannerError) or bug (any other exception, a multi-line message, a
hang), and one file per distinct bug is kept under --keep for replay. Exit status 1 if any bug.
"""

from __future__ import annotations

import argparse
import contextlib
import sys
import tempfile
import time
import traceback
import warnings
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "reliability"))
sys.path.insert(0, str(ROOT))

from hypothesis import HealthCheck, Phase, given, seed, settings  # noqa: E402
from relkit import KNOWN_BUGS, LOADERS, Hang, attempt, known_bug, strategy_for  # noqa: E402


@dataclass
class Tally:
    outcomes: Counter[str] = field(default_factory=Counter)
    bugs: dict[str, Path] = field(default_factory=dict)  # signature -> kept example
    first: dict[str, str] = field(default_factory=dict)  # signature -> its first message
    seconds: float = 0.0

    @property
    def cases(self) -> int:
        return sum(self.outcomes.values())


class _Budget(Exception):
    """Ends a loader's run when its time budget is spent."""


def _signature(error: BaseException) -> str:
    """Exception type and the innermost frame inside planner/: one bug, one signature."""
    frames = [f for f in traceback.extract_tb(error.__traceback__) if "/planner/" in f.filename]
    where = f" at {Path(frames[-1].filename).name}:{frames[-1].lineno}" if frames else ""
    return f"{type(error).__name__}{where}"


def run(name: str, cases: int, seconds: float | None, rng_seed: int, keep: Path, work: Path) -> Tally:
    loader, seed_file = LOADERS[name]
    target = work / f"case{seed_file.suffix}"
    tally = Tally()
    started = time.perf_counter()

    @seed(rng_seed)
    @settings(max_examples=cases, deadline=None, database=None, phases=[Phase.generate],
              suppress_health_check=list(HealthCheck))
    @given(data=strategy_for(name))
    def case(data: bytes) -> None:
        if seconds is not None and time.perf_counter() - started > seconds:
            raise _Budget
        target.write_bytes(data)
        try:
            tally.outcomes[attempt(loader, target)] += 1
        except (Exception, Hang) as error:  # a bug: keep one example per signature and go on
            if known_bug(name, error):
                tally.outcomes["known bug"] += 1
                return
            tally.outcomes["bug"] += 1
            sig = _signature(error)
            if sig not in tally.bugs:
                kept = keep / f"{name.replace(' ', '_')}_{len(tally.bugs) + 1}{seed_file.suffix}"
                kept.write_bytes(data)
                tally.bugs[sig] = kept
                tally.first[sig] = str(error).splitlines()[0][:100] if str(error) else ""

    with contextlib.suppress(_Budget):
        case()
    tally.seconds = time.perf_counter() - started
    return tally


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", "--cases", type=int, default=2000, help="Cases per loader (default 2000).")
    parser.add_argument("--seconds", type=float, default=None, help="Also stop each loader after this many seconds.")
    parser.add_argument("--seed", type=int, default=20261128, help="Random seed (same seed, same cases).")
    parser.add_argument("--only", action="append", choices=sorted(LOADERS), help="Fuzz only these loaders.")
    parser.add_argument("--keep", type=Path, default=Path(tempfile.gettempdir()) / "planner_fuzz_findings",
                        help="Folder for one example file per distinct bug (default: in the temp folder).")
    args = parser.parse_args(argv)
    warnings.simplefilter("ignore")  # library warnings on hostile files; the verdict is the outcome
    args.keep.mkdir(parents=True, exist_ok=True)
    total = Counter[str]()
    any_bug = False
    print(f"{'loader':<16} {'cases':>6} {'ok':>6} {'error':>6} {'known':>6} {'bugs':>5} {'seconds':>8}")
    with tempfile.TemporaryDirectory(prefix="fuzz_long_") as work:
        for name in args.only or sorted(LOADERS):
            tally = run(name, args.cases, args.seconds, args.seed, args.keep, Path(work))
            o = tally.outcomes
            print(f"{name:<16} {tally.cases:>6} {o['ok']:>6} {o['error']:>6} {o['known bug']:>6} {o['bug']:>5} "
                  f"{tally.seconds:>8.1f}", flush=True)
            for sig, kept in tally.bugs.items():
                print(f"    bug: {sig}: {tally.first[sig]}  (example: {kept})")
            total.update(o)
            any_bug |= bool(o["bug"])
    print(f"{'total':<16} {sum(total.values()):>6} {total['ok']:>6} {total['error']:>6} {total['known bug']:>6} "
          f"{total['bug']:>5}")
    if KNOWN_BUGS:
        print("known bugs, counted apart (each pinned by a strict xfail test in tests/reliability):")
        for loader, bugs in sorted(KNOWN_BUGS.items()):
            for bug in bugs:
                print(f"    {loader}: {', '.join(t.__name__ for t in bug.types)} -> {bug.fix}")
    return 1 if any_bug else 0


if __name__ == "__main__":
    sys.exit(main())
