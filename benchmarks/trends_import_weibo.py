"""Measure ``planner trends import`` on half a year of Weibo hot search (2025H1).

Prints the windows derived, the distribution of their lengths, wall time and peak memory.
The data is not part of the repository: it is read from ``shared/data`` beside the checkout.

    python benchmarks/trends_import_weibo.py [--min-snapshots N] [--data PATH]
"""

from __future__ import annotations

import argparse
import resource
import sys
import tempfile
import time
from pathlib import Path
from zoneinfo import ZoneInfo

import numpy as np

from planner.io import write_atomic
from planner.trends.sources import preset
from planner.trends.trendsfile import dump_trends, read_trends
from planner.trends.views import hours
from planner.trends.windows import ImportOptions, import_trends

DEFAULT = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "weibo_hot_search_hourly_2025H1.csv"


def peak_mib() -> float:
    # ru_maxrss is in KiB on Linux (bytes on macOS).
    scale = 1024 * 1024 if sys.platform == "darwin" else 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / scale


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT)
    parser.add_argument("--min-snapshots", type=int, default=2)
    args = parser.parse_args()
    if not args.data.is_file():
        print(f"skipped: {args.data} not found (the shared data folder sits beside the checkout)")
        return 0
    baseline = peak_mib()
    options = ImportOptions(source=preset("weibo"), tz=ZoneInfo("Asia/Shanghai"), min_snapshots=args.min_snapshots)

    started = time.perf_counter()
    result = import_trends(args.data, options)
    derived = time.perf_counter()
    import_peak = peak_mib()
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder) / "trends.yaml"
        write_atomic(out, dump_trends(result.trends, "benchmark"))
        written = time.perf_counter()
        size = out.stat().st_size
        back = read_trends(out)
        read = time.perf_counter()
    assert back == result.trends, "trends.yaml did not read back to the same windows"

    lengths = np.array([hours(t) for t in result.trends])
    snapshots = np.array([len(t.curve) for t in result.trends])
    print(f"file            {args.data.name} ({args.data.stat().st_size / 1e6:.1f} MB)")
    print(f"summary         {result.summary()}")
    print(f"windows         {len(result.trends)} (min {args.min_snapshots} snapshots; {result.stays} stays in all)")
    if len(lengths):
        marks = (0, 10, 25, 50, 75, 90, 99, 100)
        values = np.percentile(lengths, marks)
        print("length hours    " + "  ".join(f"p{m}={v:.1f}" for m, v in zip(marks, values, strict=True)))
        print(f"mean length     {lengths.mean():.1f} h; curve samples per window: median {np.median(snapshots):.0f}, "
              f"max {snapshots.max()}")
    print(f"wall time       import {derived - started:.2f} s (read + stays + windows), "
          f"write {written - derived:.2f} s ({size / 1e6:.1f} MB), read back {read - written:.2f} s")
    print(f"peak memory     {import_peak:.0f} MiB ru_maxrss after the import ({baseline:.0f} MiB before it: "
          f"Python, pandas, pydantic loaded); {peak_mib():.0f} MiB after writing and reading the file back")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
