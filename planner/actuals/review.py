"""Plan vs actual: each post's prediction (median and 80% interval) beside what it did.

Per post, per topic across its channels (全渠道) and per channel (单渠道), for views, likes,
comments and saves: predicted, interval, actual, and whether the actual fell below, inside or
above. Then which factors the misses line up with (mean error and share outside per level), how
well the intervals are calibrated so far (80% should hold 80%), and the model's error beside the
account's own median as an operator's baseline.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from planner.domain.plan import Plan
from planner.domain.scenario import Scenario
from planner.scoring.intervals import total_quantiles
from planner.scoring.predict import predict_publications

METRICS = ("views", "likes", "comments", "saves")
NOMINAL = 0.8
#: Levels with fewer posts say nothing about a factor.
MIN_POSTS_PER_LEVEL = 2
_HOUR_BANDS = ((0, 6, "night"), (6, 11, "morning"), (11, 14, "noon"), (14, 18, "afternoon"),
               (18, 22, "evening"), (22, 24, "night"))


@dataclass
class Review:
    posts: pd.DataFrame  # one row per post and metric
    topics: pd.DataFrame  # 全渠道: per topic and metric, its matched channels added up
    channels: pd.DataFrame  # 单渠道: per account and metric
    factors: pd.DataFrame  # per factor level: posts, mean log10 error of views, shares outside
    calibration: pd.DataFrame  # per metric (and all): posts, inside, below, above
    baseline: pd.DataFrame  # per metric: model vs account median, mean absolute log10 error
    unpredicted: list[str]  # actual rows whose post the plan does not hold


def verdict(actual: Any, low: Any, high: Any) -> str:
    if actual < low - 1e-9:
        return "below"
    if actual > high + 1e-9:
        return "above"
    return "inside"


def _log(values: Any) -> np.ndarray:
    return np.log10(np.clip(np.asarray(values, dtype=float), 0, None) + 1)


def review(scenario: Scenario, plan: Plan, actuals: pd.DataFrame, model: Any,
           history: pd.DataFrame | None = None) -> Review:
    """Compare ``actuals`` (rows of ``planner actuals import``) with ``model``'s predictions for the
    plan's posts. ``history`` (the team's history, imported) gives each account's median for the
    baseline; the actuals of earlier posts count too."""
    predicted = predict_publications(scenario, plan, model)
    latest = actuals.sort_values("observed_at", na_position="first").drop_duplicates(["topic", "account"], keep="last") \
        if "observed_at" in actuals else actuals.drop_duplicates(["topic", "account"], keep="last")
    pairs = set(zip(predicted["topic"], predicted["account"], strict=True))
    unpredicted = [f"{t}@{a}" for t, a in zip(latest["topic"], latest["account"], strict=True) if (t, a) not in pairs]
    got = latest[[c for c in ("topic", "account", *METRICS, "published_at") if c in latest]].rename(
        columns={m: f"{m}_actual" for m in METRICS} | {"published_at": "posted_at"})
    joined = predicted.merge(got, on=["topic", "account"], how="inner")
    joined = joined.sort_values("at", kind="stable").reset_index(drop=True)
    posts = _posts(joined)
    return Review(posts=posts, topics=_totals(joined, "topic"), channels=_totals(joined, "account"),
                  factors=_factors(joined, scenario), calibration=_calibration(posts),
                  baseline=_baseline(joined, actuals, history, scenario), unpredicted=unpredicted)


def _metrics_of(joined: pd.DataFrame) -> list[str]:
    return [m for m in METRICS if f"{m}_actual" in joined and joined[f"{m}_actual"].notna().any()]


def _posts(joined: pd.DataFrame) -> pd.DataFrame:
    rows = []
    for _, r in joined.iterrows():
        for m in _metrics_of(joined):
            actual = r[f"{m}_actual"]
            if pd.isna(actual):
                continue
            rows.append({"topic": r["topic"], "title": r["title"], "account": r["account"], "platform": r["platform"],
                         "at": r["at"], "metric": m, "predicted": float(r[m]), "p10": float(r[f"{m}_p10"]),
                         "p90": float(r[f"{m}_p90"]), "actual": float(actual),
                         "verdict": verdict(actual, r[f"{m}_p10"], r[f"{m}_p90"]),
                         "error": float(_log([actual])[0] - _log([r[m]])[0])})
    return pd.DataFrame(rows, columns=["topic", "title", "account", "platform", "at", "metric", "predicted", "p10",
                                       "p90", "actual", "verdict", "error"])


def _totals(joined: pd.DataFrame, by: str) -> pd.DataFrame:
    """Per ``by`` and metric: the total's median and 80% interval (posts drawn together, as the
    plan's KPIs are) beside the actual total."""
    columns = [by, "metric", "predicted", "p10", "p90", "actual", "verdict", "posts"]
    metrics = _metrics_of(joined)
    if joined.empty or not metrics:
        return pd.DataFrame(columns=columns)
    rows = []
    for metric in metrics:
        part = joined[joined[f"{metric}_actual"].notna()]
        totals = total_quantiles(part, by, [metric])
        actual = part.groupby(by)[f"{metric}_actual"].sum()
        for _, t in totals.iterrows():
            value = float(actual[t["key"]])
            rows.append({by: t["key"], "metric": metric, "predicted": t["value"], "p10": t["p10"], "p90": t["p90"],
                         "actual": value, "verdict": verdict(value, t["p10"], t["p90"]), "posts": int(t["posts"])})
    order = {k: i for i, k in enumerate(dict.fromkeys(joined[by]))}
    frame = pd.DataFrame(rows, columns=columns)
    return frame.sort_values([by, "metric"], key=lambda s: s.map(order) if s.name == by else
                             s.map({m: i for i, m in enumerate(METRICS)}), kind="stable").reset_index(drop=True)


def _band(hour: int) -> str:
    return next(name for low, high, name in _HOUR_BANDS if low <= hour < high)


def _factors(joined: pd.DataFrame, scenario: Scenario) -> pd.DataFrame:
    """Per factor level (platform, account, format, goal, weekday, time of day, trend, length):
    posts, the mean log10 error of views (actual over predicted: + did better) and the shares that
    fell above and below the interval. Sorted with the farthest misses first."""
    columns = ["factor", "level", "posts", "mean_error", "above", "below"]
    if joined.empty or "views_actual" not in joined:
        return pd.DataFrame(columns=columns)
    at = pd.to_datetime(joined["at"], utc=True).dt.tz_convert(scenario.horizon.tz)
    duration = joined["topic"].map(lambda t: scenario.topic_by_id[t].duration_s if t in scenario.topic_by_id else 0)
    levels = {
        "platform": joined["platform"], "account": joined["account"], "format": joined["format"],
        "goal": joined["goal"], "weekday": at.dt.day_name().str[:3].str.lower(),
        "time_of_day": at.dt.hour.map(_band), "trend": np.where(joined["trend"].astype(str) != "", "yes", "no"),
        "length": pd.cut(duration, [0, 30, 60, 180, 10**6], labels=["<=30s", "31-60s", "61-180s", ">180s"]).astype(str),
    }
    error = _log(joined["views_actual"]) - _log(joined["views"])
    side = [verdict(a, lo, hi) for a, lo, hi in zip(joined["views_actual"], joined["views_p10"], joined["views_p90"],
                                                     strict=True)]
    base = pd.DataFrame({"error": error, "above": [s == "above" for s in side], "below": [s == "below" for s in side]})
    rows = []
    for factor, values in levels.items():
        grouped = base.assign(level=np.asarray(values)).groupby("level")
        for level, part in grouped:
            if len(part) < MIN_POSTS_PER_LEVEL:
                continue
            rows.append({"factor": factor, "level": str(level), "posts": len(part),
                         "mean_error": float(part["error"].mean()), "above": float(part["above"].mean()),
                         "below": float(part["below"].mean())})
    frame = pd.DataFrame(rows, columns=columns)
    return frame.reindex(frame["mean_error"].abs().sort_values(ascending=False, kind="stable").index).reset_index(drop=True)


def _calibration(posts: pd.DataFrame) -> pd.DataFrame:
    """Per metric and for all: how many actuals fell inside the 80% intervals, below and above."""
    rows = []
    for metric, part in [*posts.groupby("metric", sort=False), ("all", posts)]:
        if len(part) == 0:
            continue
        counts = part["verdict"].value_counts()
        rows.append({"metric": metric, "posts": len(part), "inside": counts.get("inside", 0) / len(part),
                     "below": counts.get("below", 0) / len(part), "above": counts.get("above", 0) / len(part)})
    return pd.DataFrame(rows, columns=["metric", "posts", "inside", "below", "above"])


def _baseline(joined: pd.DataFrame, actuals: pd.DataFrame, history: pd.DataFrame | None,
              scenario: Scenario) -> pd.DataFrame:
    """Mean absolute log10 error of the model and of the account's median so far (its history and
    its earlier actuals), on the posts that have such a median."""
    columns = ["metric", "posts", "model_error", "baseline_error"]
    names = {a.name: a.id for a in scenario.accounts if a.name}
    reference = [actuals[["account", "published_at", *[m for m in METRICS if m in actuals]]]]
    if history is not None and len(history):
        past = history.copy()
        past["account"] = past["account"].map(lambda a: names.get(a, a))
        reference.append(past[["account", "published_at", *METRICS]])
    pool = pd.concat(reference, ignore_index=True)
    pool["published_at"] = pd.to_datetime(pool["published_at"], utc=True)
    rows = []
    for metric in _metrics_of(joined):
        model_err, base_err = [], []
        for _, r in joined.iterrows():
            actual = r[f"{metric}_actual"]
            if pd.isna(actual) or metric not in pool:
                continue
            mine = pool[(pool["account"] == r["account"]) & (pool["published_at"] < pd.Timestamp(r["posted_at"]))]
            values = mine[metric].dropna()
            if values.empty:
                continue
            model_err.append(abs(_log([actual])[0] - _log([r[metric]])[0]))
            base_err.append(abs(_log([actual])[0] - _log([values.median()])[0]))
        if model_err:
            rows.append({"metric": metric, "posts": len(model_err), "model_error": float(np.mean(model_err)),
                         "baseline_error": float(np.mean(base_err))})
    return pd.DataFrame(rows, columns=columns)


def review_scenario(scenario: Scenario, plan: Plan, actuals: pd.DataFrame) -> Review:
    """``review`` with the scenario's own value model, and its history file (if any) for the baseline."""
    from pathlib import Path

    from planner.metrics.ingest import import_history
    from planner.metrics.mapping import parse_mapping
    from planner.metrics.value import load_value_model

    model = load_value_model(scenario.history, scenario.base_dir)
    history = None
    spec = scenario.history
    if spec is not None and spec.path:
        mapping = parse_mapping(dict(spec.mapping), "history.mapping") if spec.mapping else None
        history = import_history(Path(scenario.base_dir or ".") / spec.path, preset=spec.preset, mapping=mapping,
                                 timezone=scenario.horizon.timezone).frame
    return review(scenario, plan, actuals, model, history)
