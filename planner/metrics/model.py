"""The historical metric model: one gradient-boosted model per metric on log10 counts at a common age,
with a calibrated 10th-90th percentile interval, saved as readable, versioned JSON.

Fitting, in order:

1. one row per post: its first reading (later readings only measure growth, see ``age``);
2. targets: log10(count + 1) brought to the reference age (rates such as completion as they are);
3. features (``features``): the post's descriptors, its account's and peers' earlier results,
   target-encoded category/platform/format and a title score;
4. per metric, scikit-learn's ``HistGradientBoostingRegressor`` with absolute loss (it predicts
   the median), read out into plain arrays (``forest``);
5. the interval: residuals of a model fitted on the older 80% of the posts, measured on the
   newest 20% (a time-ordered calibration slice, split conformal), kept per fallback step
   (account known / not) because a known account's posts are easier to predict. Raw quantile
   models under-cover on future posts; residuals measured on later posts do not.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
from sklearn import __version__ as sklearn_version

from planner import __version__
from planner.errors import InputError, Problem
from planner.metrics.age import GrowthCurve, fit_growth
from planner.metrics.features import FeatureBuilder, model_rows
from planner.metrics.fields import MODEL_METRICS, RATE_METRICS
from planner.metrics.forest import Forest, fit_forest
from planner.metrics.slots import SlotEffects, fit_slot_effects
from planner.metrics.threads import single_threaded
from planner.scenario.yamlio import loads_json

MODEL_FORMAT = "planner.metric-model"
MODEL_VERSION = 1
CALIBRATION_SHARE = 0.2
MIN_CALIBRATION_POSTS = 100  # below this, cross-validated residuals stand in for the time-ordered slice
MIN_METRIC_POSTS = 20
MIN_GROUP_RESIDUALS = 30
FALLBACK_WIDTH = 0.5  # log10: ×0.3 / ×3 when there is nothing to calibrate on
LOW, HIGH = 0.1, 0.9


def boosting_params(n: int) -> dict[str, Any]:
    """Tree settings: median loss, small trees, leaves of at least ~40 posts; fewer trees and smaller
    leaves on small histories (each tree costs a few milliseconds whatever the size)."""
    return {"loss": "absolute_error", "max_iter": int(np.clip(n // 10, 60, 200)), "learning_rate": 0.08,
            "max_leaf_nodes": 31,
            "min_samples_leaf": int(min(40, max(3, n // 25))), "l2_regularization": 10.0,
            "early_stopping": False, "random_state": 0}


def first_readings(history: pd.DataFrame) -> pd.DataFrame:
    """One row per post, its first reading, ordered by publish time."""
    ordered = history.sort_values(["published_at", "observed_at", "row"], kind="stable", na_position="last")
    return ordered.drop_duplicates("post_id", keep="first").reset_index(drop=True)


def targets_of(posts: pd.DataFrame, growth: GrowthCurve, metrics: tuple[str, ...]) -> pd.DataFrame:
    """What each metric model learns: log10(count + 1) at the reference age, or the rate itself."""
    out = pd.DataFrame(index=posts.index)
    for metric in metrics:
        values = posts[metric].astype(float)
        if metric in RATE_METRICS:
            out[metric] = values
        else:
            out[metric] = np.log10(values.clip(lower=0) + 1) + growth.shift(metric, posts["age_h"])
    return out


@dataclass
class MetricFit:
    """One metric's trees and interval offsets (log10 residual quantiles per fallback step)."""

    forest: Forest
    offsets: dict[str, list[float]]
    calibration: str
    kind: str = "log"

    def to_json(self) -> dict[str, Any]:
        return {"kind": self.kind, "interval": {"p10_p90_offsets": self.offsets, "calibrated_on": self.calibration},
                "trees": self.forest.to_json()}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> MetricFit:
        interval = data["interval"]
        return cls(Forest.from_json(data["trees"]), {k: [float(a), float(b)] for k, (a, b) in
                                                      interval["p10_p90_offsets"].items()},
                   interval["calibrated_on"], data["kind"])


@dataclass
class MetricModel:
    """Predicts each metric of a post (median and 10th-90th percentiles) from the history it was fitted on."""

    growth: GrowthCurve
    features: FeatureBuilder
    fits: dict[str, MetricFit]
    info: dict[str, Any] = field(default_factory=dict)
    #: Per count metric: the slot (weekday × hour) effect within accounts, with its uncertainty.
    slots: dict[str, SlotEffects] = field(default_factory=dict)

    @property
    def metrics(self) -> tuple[str, ...]:
        return tuple(self.fits)

    def predict(self, rows: pd.DataFrame) -> pd.DataFrame:
        """Median and p10/p90 of each fitted metric for each row, plus ``basis`` (the fallback step used).

        Counts are at the model's reference age, or at ``rows.age_h`` where given.
        """
        X, basis = self.features.transform(rows)
        matrix = X.to_numpy(dtype=np.float64)
        # Planning asks for many rows that differ only in what the model ignores: predict each once.
        codes, _ = pd.factorize(pd.util.hash_pandas_object(X, index=False))
        first = np.unique(codes, return_index=True)[1]
        unique_rows = matrix[first]
        ages = rows["age_h"].to_numpy(dtype=float) if "age_h" in rows else np.full(len(rows), np.nan)
        known = (basis == "account").to_numpy()
        out = pd.DataFrame(index=rows.index)
        for metric, fit in self.fits.items():
            center = fit.forest.predict(unique_rows)[codes]
            low = np.where(known, fit.offsets["account"][0], fit.offsets["new"][0])
            high = np.where(known, fit.offsets["account"][1], fit.offsets["new"][1])
            if fit.kind == "rate":
                out[metric] = np.clip(center, 0, 1)
                out[f"{metric}_p10"] = np.clip(center + low, 0, 1)
                out[f"{metric}_p90"] = np.clip(center + high, 0, 1)
                continue
            back = self.growth.shift(metric, ages)  # to the asked age: undo the shift to the reference
            for suffix, value in (("", center), ("_p10", center + low), ("_p90", center + high)):
                out[f"{metric}{suffix}"] = np.clip(10 ** (value - back) - 1, 0, None)
        out["basis"] = basis.to_numpy()
        out.attrs["common_age"] = self.growth.describe()
        return out

    # ---- storage -------------------------------------------------------------------------------

    def to_json(self) -> dict[str, Any]:
        return {
            "format": MODEL_FORMAT, "version": MODEL_VERSION, "history": self.info,
            "common_age": self.growth.to_json(), "feature_names": self.features.names,
            "features": self.features.to_json(), "metrics": {m: f.to_json() for m, f in self.fits.items()},
            "slots": {m: e.to_json() for m, e in self.slots.items()},
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> MetricModel:
        return cls(GrowthCurve.from_json(data["common_age"]), FeatureBuilder.from_json(data["features"]),
                   {m: MetricFit.from_json(f) for m, f in data["metrics"].items()}, data.get("history", {}),
                   {m: SlotEffects.from_json(e) for m, e in data.get("slots", {}).items()})

    def dumps(self) -> str:
        return _dump(self.to_json()) + "\n"

    @classmethod
    def load(cls, path: str | Path) -> MetricModel:
        """Read a model file written by ``planner fit``; a bad file is an ``InputError`` naming it."""
        file = str(path)
        try:
            data = loads_json(Path(path).read_text(encoding="utf-8"))
        except FileNotFoundError:
            raise InputError(Problem("no such model file", file=file)) from None
        except (json.JSONDecodeError, UnicodeDecodeError) as error:
            line = getattr(error, "lineno", None)
            raise InputError(Problem(f"not a JSON model file: {error}", file=file, line=line)) from None
        if not isinstance(data, dict) or data.get("format") != MODEL_FORMAT:
            raise InputError(Problem(f"not a planner model file (no \"format\": \"{MODEL_FORMAT}\"); "
                                     "make one with planner fit", file=file))
        if data.get("version") != MODEL_VERSION:
            raise InputError(Problem(f"model file version {data.get('version')} is not supported "
                                     f"(this planner reads version {MODEL_VERSION}); fit the model again", file=file))
        try:
            return cls.from_json(data)
        except (KeyError, TypeError, ValueError) as error:
            raise InputError(Problem(f"model file is damaged ({type(error).__name__}: {error})", file=file)) from None


def _dump(value: Any, indent: str = "") -> str:
    """JSON with one key per line but every list of plain values on one line (trees stay compact)."""
    if isinstance(value, dict):
        if not value:
            return "{}"
        inner = indent + " "
        items = [f"{inner}{json.dumps(str(k), ensure_ascii=False)}: {_dump(v, inner)}" for k, v in value.items()]
        return "{\n" + ",\n".join(items) + "\n" + indent + "}"
    if isinstance(value, list | tuple) and any(isinstance(v, dict | list | tuple) for v in value):
        inner = indent + " "
        return "[\n" + ",\n".join(inner + _dump(v, inner) for v in value) + "\n" + indent + "]"
    return json.dumps(_plain(value), ensure_ascii=False, separators=(",", ":"), allow_nan=False)


def _plain(value: Any) -> Any:
    if isinstance(value, np.generic):
        value = value.item()
    if isinstance(value, float) and not np.isfinite(value):
        return None
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    return value


# ---- fitting -----------------------------------------------------------------------------------


def _fit_metrics(posts: pd.DataFrame, targets: pd.DataFrame, growth: GrowthCurve,
                 metrics: tuple[str, ...]) -> tuple[FeatureBuilder, dict[str, Forest]]:
    """Features from every metric the history has; trees for ``metrics``."""
    rows = model_rows(posts)
    builder = FeatureBuilder()
    log_age_ref = None if growth.reference_age_h is None else float(np.log10(growth.reference_age_h))
    X = builder.fit_transform(rows, targets, log_age_ref).to_numpy(dtype=np.float64)
    forests = {}
    for metric in metrics:
        y = targets[metric].to_numpy(dtype=float)
        ok = ~np.isnan(y)
        forests[metric] = fit_forest(X[ok], y[ok], **boosting_params(int(ok.sum())))
    return builder, forests


def _offsets(residuals: pd.DataFrame) -> dict[str, list[float]]:
    """p10/p90 residual quantiles per fallback step; a thin step borrows the pooled ones."""
    pooled = residuals["r"]
    out = {}
    for group in ("account", "new"):
        part = residuals.loc[residuals["group"] == group, "r"]
        use = part if len(part) >= MIN_GROUP_RESIDUALS else pooled
        low, high = (float(use.quantile(LOW)), float(use.quantile(HIGH))) if len(use) else (-FALLBACK_WIDTH, FALLBACK_WIDTH)
        out[group] = [min(low, 0.0), max(high, 0.0)]
    return out


def _calibrate(posts: pd.DataFrame, targets: pd.DataFrame, growth: GrowthCurve,
               metrics: tuple[str, ...]) -> tuple[dict[str, dict[str, list[float]]], str]:
    """Residuals on posts the model has not seen, newest last: the honest width of the interval."""
    n = len(posts)
    if n < 10:
        return {m: {"account": [-FALLBACK_WIDTH, FALLBACK_WIDTH], "new": [-FALLBACK_WIDTH, FALLBACK_WIDTH]}
                for m in metrics}, f"nothing ({n} posts): fixed ×0.3/×3"
    frames: list[tuple[pd.DataFrame, pd.DataFrame]] = []
    days = posts["published_at"].dt.floor("D")
    cut = days.drop_duplicates().sort_values().iloc[int(days.nunique() * (1 - CALIBRATION_SHARE))]
    if n >= MIN_CALIBRATION_POSTS and (days < cut).sum() >= MIN_CALIBRATION_POSTS // 2:
        frames.append((posts[days < cut], posts[days >= cut]))
        how = f"the newest {int((days >= cut).sum())} posts (published from {cut:%Y-%m-%d}), model fitted on the older"
    else:
        from sklearn.model_selection import KFold

        for train, test in KFold(5, shuffle=True, random_state=0).split(posts):
            frames.append((posts.iloc[train], posts.iloc[test]))
        how = f"5-fold cross-validation on {n} posts (too few for a time-ordered slice)"
    pieces: dict[str, list[pd.DataFrame]] = {m: [] for m in metrics}
    for train, test in frames:
        builder, forests = _fit_metrics(train, targets.loc[train.index], growth, metrics)
        X, basis = builder.transform(model_rows(test))
        matrix = X.to_numpy(dtype=np.float64)
        group = np.where(basis == "account", "account", "new")
        for metric, forest in forests.items():
            r = targets.loc[test.index, metric].to_numpy(dtype=float) - forest.predict(matrix)
            pieces[metric].append(pd.DataFrame({"r": r, "group": group}).dropna())
    return {m: _offsets(pd.concat(p, ignore_index=True)) for m, p in pieces.items()}, how


@single_threaded
def fit_model(history: pd.DataFrame, *, metrics: tuple[str, ...] | None = None,
              reference_age_h: float | None = None, source: str = "", slots: bool = True,
              age_exponent: float | None = None) -> MetricModel:
    """Fit the model on an imported history (``ingest.import_history(...).frame``); ``slots``:
    also measure each metric's slot effects with their uncertainty (for best times);
    ``age_exponent``: views grow as age^this (default: measured from repeat readings, else assumed)."""
    posts = first_readings(history)
    available = tuple(m for m in MODEL_METRICS if posts[m].notna().sum() >= MIN_METRIC_POSTS)
    if "views" not in available:
        raise InputError(Problem(f"too few posts with views to fit a model ({int(posts['views'].notna().sum())}, "
                                 f"need {MIN_METRIC_POSTS})", file=source or None))
    present = tuple(m for m in (MODEL_METRICS if metrics is None else metrics) if m in available)
    if not present:
        raise InputError(Problem(f"none of {', '.join(metrics or ())} is in the history (it has {', '.join(available)})",
                                 file=source or None))
    growth = fit_growth(history, available, reference_age_h, age_exponent)
    targets = targets_of(posts, growth, available)
    offsets, how = _calibrate(posts, targets, growth, present)
    builder, forests = _fit_metrics(posts, targets, growth, present)
    fits = {m: MetricFit(forests[m], offsets[m], how, "rate" if m in RATE_METRICS else "log") for m in present}
    info = {
        "file": source, "fitted_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "planner": __version__, "scikit_learn": sklearn_version, "readings": len(history), "posts": len(posts),
        "accounts": int(posts["account"].nunique()), "platforms": sorted(posts["platform"].unique().tolist()),
        "published_from": str(posts["published_at"].min()), "published_to": str(posts["published_at"].max()),
        "metrics": list(present), "common_age": growth.describe(),
        "timezone": str(posts["published_at"].dt.tz),
    }
    effects = {m: fit_slot_effects(posts, targets[m]) for m in present} if slots else {}
    return MetricModel(growth, builder, fits, info, {m: e for m, e in effects.items() if e is not None})
