"""Backtest the metric model on the public Bilibili popular-feed crawl (2023-08-25 .. 2023-10-27).

The acceptance run: train on videos published before the last fifth of publish dates, test on
the rest, one row per video (its first reading). Prints the table (model against the account's
own median and the category median), the issue's bars for views, and the wall time.
The data is not part of the repository: it is read from ``shared/data`` beside the checkout.

    python benchmarks/backtest_bilibili.py [--folds N] [--metric views ...] [--data PATH] [--json]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

from planner.metrics.backtest import backtest
from planner.metrics.fields import MODEL_METRICS
from planner.metrics.ingest import import_history

DEFAULT = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "bilibili_popular_daily_2023.csv"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT)
    parser.add_argument("--folds", type=int, default=1, help="1: the acceptance split; more: roll forward weekly")
    parser.add_argument("--metric", action="append", choices=MODEL_METRICS, help="repeatable; default: all")
    parser.add_argument("--json", action="store_true", help="print the JSON result instead of the table")
    args = parser.parse_args()
    if not args.data.is_file():
        print(f"data not found: {args.data} (see shared/data/README.md)", file=sys.stderr)
        return 2

    started = time.perf_counter()
    imported = import_history(args.data)
    loaded = time.perf_counter()
    result = backtest(imported.frame, metrics=tuple(args.metric) if args.metric else None, folds=args.folds)
    done = time.perf_counter()

    if args.json:
        print(json.dumps(result.to_json(), ensure_ascii=False, indent=2))
        return 0
    print(f"{imported.report.rows_used} readings of {imported.frame['post_id'].nunique()} videos")
    print(result.table())
    views = result.metrics.get("views")
    if views is not None:
        best_name, best = min(views.baselines.items(), key=lambda kv: kv[1].mae_log10)
        rhos = [b.spearman or -1.0 for b in views.baselines.values()]
        model = views.model
        print()
        print("bars for views:")
        print(f"  MAE {model.mae_log10:.3f} vs best baseline {best_name} {best.mae_log10:.3f}: "
              f"{1 - model.mae_log10 / best.mae_log10:.1%} lower (bar: at least 20%)")
        print(f"  Spearman {model.spearman:.3f} (bar: at least 0.6 and above every baseline's, best {max(rhos):.3f})")
        print(f"  80% interval covers {model.coverage80:.1%} of held-out videos (bar: 75%-85%)")
    print()
    print(f"wall time: import {loaded - started:.1f} s, backtest {done - loaded:.1f} s, total {done - started:.1f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
