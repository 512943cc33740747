"""Time-ordered backtest: fit on the past, predict the next weeks, roll forward; compare with the
numbers an operator would have used instead.

The last ``test_share`` of publish dates is the test period, cut into ``folds`` consecutive
windows (by default one per week). For each window the model is fitted on every post published before it and predicts
the window's posts at the age they were first read. Baselines, from the same past:

* ``account_median``: the account's median of its earlier posts (the category median for an
  account with none); interval: the account's own 10th-90th percentile once it has 5 posts,
  else the category's spread around the account median;
* ``category_median``: the category's median and 10th-90th percentile.

Scores per metric: MAE of log10(count + 1), Spearman rank correlation, and the share of posts
inside the 80% (10th-90th percentile) interval.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd
from scipy.stats import spearmanr

from planner.metrics.features import model_rows
from planner.metrics.fields import MODEL_METRICS, RATE_METRICS
from planner.metrics.model import MIN_METRIC_POSTS, first_readings, fit_model
from planner.metrics.threads import single_threaded

ACCOUNT_SPREAD_POSTS = 5
LOW_Q, HIGH_Q = 0.1, 0.9
MAX_WEEKLY_FOLDS = 4


@dataclass(frozen=True)
class Scores:
    mae_log10: float
    spearman: float | None
    coverage80: float

    def to_json(self) -> dict[str, float | None]:
        return {"mae_log10": round(self.mae_log10, 4),
                "spearman": None if self.spearman is None else round(self.spearman, 4),
                "coverage80": round(self.coverage80, 4)}


@dataclass(frozen=True)
class MetricResult:
    model: Scores
    baselines: dict[str, Scores]
    n_test: int


@dataclass(frozen=True)
class Fold:
    test_from: str
    test_to: str
    n_train: int
    n_test: int


@dataclass
class BacktestResult:
    metrics: dict[str, MetricResult]
    folds: list[Fold] = field(default_factory=list)
    common_age: str = ""
    seconds: float = 0.0

    def to_json(self) -> dict[str, Any]:
        """``{metric: {"model": {...}, "baselines": {name: {...}}, "n_test": n}}``."""
        return {m: {"model": r.model.to_json(), "baselines": {k: v.to_json() for k, v in r.baselines.items()},
                    "n_test": r.n_test} for m, r in self.metrics.items()}

    def table(self) -> str:
        """The result as a fixed-width table with a short header on how it was made."""
        lines = [f"time-ordered backtest, {len(self.folds)} fold(s): "
                 + "; ".join(f"test {f.test_from}..{f.test_to} ({f.n_test} posts, trained on {f.n_train})"
                             for f in self.folds),
                 f"targets: each post's first reading at its own age; model {self.common_age}",
                 f"{'metric':<12} {'predictor':<16} {'mae_log10':>9} {'spearman':>8} {'coverage80':>10} {'n_test':>7}"]
        for metric, result in self.metrics.items():
            rows = [("model", result.model), *result.baselines.items()]
            for name, s in rows:
                rho = "-" if s.spearman is None else f"{s.spearman:.3f}"
                lines.append(f"{metric:<12} {name:<16} {s.mae_log10:>9.3f} {rho:>8} {s.coverage80:>10.1%} "
                             f"{result.n_test:>7}")
        return "\n".join(lines)


def _log(values: pd.Series | np.ndarray, metric: str) -> np.ndarray:
    array = np.asarray(values, dtype=float)
    if metric in RATE_METRICS:
        return np.log10(np.clip(array, 1e-3, None))
    return np.log10(np.clip(array, 0, None) + 1)


def score(actual: np.ndarray, center: np.ndarray, low: np.ndarray, high: np.ndarray) -> Scores:
    """MAE, Spearman and 80% coverage, all on log10 values."""
    rho = spearmanr(center, actual).statistic if len(actual) > 2 and np.ptp(center) > 0 else np.nan
    inside = (actual >= low - 1e-9) & (actual <= high + 1e-9)
    return Scores(float(np.mean(np.abs(center - actual))), None if np.isnan(rho) else float(rho), float(inside.mean()))


def _baselines(train: pd.DataFrame, test: pd.DataFrame, metric: str) -> dict[str, tuple[np.ndarray, ...]]:
    past = pd.DataFrame({"account": train["account"], "category": train["category"], "y": _log(train[metric], metric)})
    past = past[np.isfinite(past["y"]) & train[metric].notna().to_numpy()]
    overall = past["y"].quantile([LOW_Q, 0.5, HIGH_Q]).to_numpy()
    cat = past.groupby("category")["y"].quantile([LOW_Q, 0.5, HIGH_Q]).unstack()
    acc = past.groupby("account")["y"].quantile([LOW_Q, 0.5, HIGH_Q]).unstack()
    acc_n = past.groupby("account").size()

    def lookup(table: pd.DataFrame, keys: pd.Series, q: float, default: float) -> np.ndarray:
        return keys.map(table[q]).astype(float).fillna(default).to_numpy() if len(table) else \
            np.full(len(keys), default)

    c_low, c_mid, c_high = (lookup(cat, test["category"], q, d) for q, d in zip((LOW_Q, 0.5, HIGH_Q), overall, strict=True))
    a_mid = test["account"].map(acc[0.5] if len(acc) else {}).astype(float)
    has_own = test["account"].map(acc_n).fillna(0).to_numpy() >= ACCOUNT_SPREAD_POSTS
    a_center = a_mid.fillna(pd.Series(c_mid, index=test.index)).to_numpy()
    a_low = np.where(has_own, lookup(acc, test["account"], LOW_Q, 0), a_center + (c_low - c_mid))
    a_high = np.where(has_own, lookup(acc, test["account"], HIGH_Q, 0), a_center + (c_high - c_mid))
    return {"account_median": (a_center, a_low, a_high), "category_median": (c_mid, c_low, c_high)}



def split_dates(posts: pd.DataFrame, test_share: float,
                folds: int | None) -> list[tuple[pd.Timestamp, pd.Timestamp | None]]:
    """(start, end) of each test window by publish date; end None for the last.

    ``folds=None``: one window per week of the test period (at most ``MAX_WEEKLY_FOLDS``).
    """
    days = posts["published_at"].dt.floor("D").drop_duplicates().sort_values().reset_index(drop=True)
    first = int(len(days) * (1 - test_share))
    if first < 1 or first >= len(days):
        raise ValueError(f"cannot hold out {test_share:.0%} of {len(days)} publish dates")
    test_days = days.iloc[first:].reset_index(drop=True)
    if folds is None:
        folds = min(MAX_WEEKLY_FOLDS, -(-len(test_days) // 7))
    folds = max(1, min(folds, len(test_days)))
    edges = [test_days.iloc[int(i * len(test_days) / folds)] for i in range(folds)]
    return [(start, edges[i + 1] if i + 1 < folds else None) for i, start in enumerate(edges)]


@single_threaded
def backtest(history: pd.DataFrame, *, metrics: tuple[str, ...] | None = None, test_share: float = 0.2,
             folds: int | None = None, progress: Callable[[str], None] | None = None) -> BacktestResult:
    """Run the backtest on an imported history; ``progress`` receives one line per fold."""
    started = time.perf_counter()
    posts = first_readings(history)
    day = posts["published_at"].dt.floor("D")
    wanted = tuple(m for m in (metrics or MODEL_METRICS) if posts[m].notna().sum() >= MIN_METRIC_POSTS)
    if not wanted:
        raise ValueError(f"too few posts with {', '.join(metrics or MODEL_METRICS)} to backtest")
    collected: dict[str, dict[str, list[np.ndarray]]] = {}
    fold_info: list[Fold] = []
    common_age = ""
    for start, end in split_dates(posts, test_share, folds):
        in_test = (day >= start) & (day < end) if end is not None else day >= start
        train_posts = posts[day < start]
        test = posts[in_test]
        train_ids = set(train_posts["post_id"])
        model = fit_model(history[history["post_id"].isin(train_ids)], metrics=wanted, slots=False)
        common_age = model.growth.describe()
        predicted = model.predict(model_rows(test))
        last = test["published_at"].max()
        fold_info.append(Fold(f"{start:%Y-%m-%d}", f"{last:%Y-%m-%d}", len(train_posts), len(test)))
        if progress:
            progress(f"fold {len(fold_info)}: trained on {len(train_posts)} posts, tested on {len(test)}")
        for metric in model.metrics:
            seen = test[metric].notna().to_numpy()
            if not seen.any():
                continue
            parts = collected.setdefault(metric, {})
            parts.setdefault("actual", []).append(_log(test[metric], metric)[seen])
            for suffix, key in (("", "model_mid"), ("_p10", "model_low"), ("_p90", "model_high")):
                parts.setdefault(key, []).append(_log(predicted[f"{metric}{suffix}"], metric)[seen])
            for name, (mid, low, high) in _baselines(train_posts, test, metric).items():
                parts.setdefault(f"{name}_mid", []).append(mid[seen])
                parts.setdefault(f"{name}_low", []).append(low[seen])
                parts.setdefault(f"{name}_high", []).append(high[seen])
    results = {}
    for metric, parts in collected.items():
        joined = {k: np.concatenate(v) for k, v in parts.items()}
        actual = joined["actual"]
        results[metric] = MetricResult(
            model=score(actual, joined["model_mid"], joined["model_low"], joined["model_high"]),
            baselines={name: score(actual, joined[f"{name}_mid"], joined[f"{name}_low"], joined[f"{name}_high"])
                       for name in ("account_median", "category_median")},
            n_test=len(actual),
        )
    return BacktestResult(results, fold_info, common_age, time.perf_counter() - started)
