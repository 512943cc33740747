"""What the solver asks the metric part: expected metrics per (account, slot, topic) row, and points.

``rows`` columns: ``account``, ``platform``, ``followers``, ``category``, ``format``, ``duration_s``,
``weekday`` (0 = Monday), ``hour`` (0-23), ``trend_linked``. A model returns, per metric in
``METRICS``, the median ``<metric>`` and ``<metric>_p10`` / ``<metric>_p90``, on the same index
(plus a ``basis`` column saying which fallback step each row used; ``attrs["common_age"]``
says at which post age the counts are).
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

import numpy as np
import pandas as pd

from planner.domain.scenario import History
from planner.domain.vocab import GOAL_ALIASES, GOALS
from planner.errors import InputError, Problem
from planner.metrics import default as heuristic
from planner.metrics.default import METRICS, DefaultValueModel

if TYPE_CHECKING:
    from planner.metrics.model import MetricModel

__all__ = ["METRICS", "DefaultValueModel", "FittedValueModel", "ValueModel", "load_value_model", "value_points"]


class ValueModel(Protocol):
    def predict(self, rows: pd.DataFrame) -> pd.DataFrame: ...


class FittedValueModel:
    """A fitted ``MetricModel`` behind the ``ValueModel`` contract.

    * rows on a platform the history does not have: the default heuristic;
    * metrics the history does not have: the heuristic's per-view ratio × the fitted views;
    * factors the history cannot tell apart (say, every post was a talking head): the
      heuristic's multiplier for that factor (format, trend link, duration, hour, weekday),
      scaled so the history's own mix stays at 1.
    Counts are at the model's common age (``common_age``).
    """

    def __init__(self, model: MetricModel) -> None:
        self.model = model
        self.default = DefaultValueModel()
        self.common_age = model.growth.describe()
        self.platforms = set(model.info.get("platforms", []))

    def predict(self, rows: pd.DataFrame) -> pd.DataFrame:
        out = self.default.predict(rows)
        out["basis"] = "default"
        out.attrs["common_age"] = self.default.common_age
        inside = rows["platform"].astype(str).isin(self.platforms).to_numpy()
        if not inside.any():
            return out
        part = rows[inside]
        fitted = self.model.predict(part.drop(columns=["age_h"], errors="ignore"))
        scale = self._unknown_factors(part)
        base = out.loc[part.index]
        for metric in METRICS:
            cols = [metric, f"{metric}_p10", f"{metric}_p90"]
            if metric in fitted:
                values = fitted[cols].to_numpy(dtype=float)
                if metric != "completion":
                    values = values * scale[:, None]
            elif metric == "completion":
                continue  # a rate: the heuristic's value stands
            else:
                per_view = (base[metric] / base["views"]).to_numpy(dtype=float)
                center = fitted["views"].to_numpy(dtype=float) * scale * per_view
                values = np.column_stack([center, center * heuristic.LOW, center * heuristic.HIGH])
            out.loc[part.index, cols] = values
        out.loc[part.index, "basis"] = fitted["basis"].to_numpy()
        out.attrs["common_age"] = self.common_age
        return out

    def _unknown_factors(self, rows: pd.DataFrame) -> np.ndarray:
        known = set(self.model.features.known)
        factor = np.ones(len(rows))
        if "format" not in known and "format" in rows:
            # Relative to the average format: the history's posts were some unknown mix.
            mean = float(np.exp(np.mean(np.log(list(heuristic.FORMAT.values())))))
            factor *= heuristic.format_factor(rows["format"].astype(str)) / mean
        if "trend_linked" not in known and "trend_linked" in rows:
            factor *= heuristic.trend_factor(pd.to_numeric(rows["trend_linked"], errors="coerce").fillna(0).to_numpy())
        if "duration" not in known and "duration_s" in rows:
            factor *= heuristic.duration_factor(rows["platform"].astype(str),
                                                pd.to_numeric(rows["duration_s"], errors="coerce").fillna(60).to_numpy())
        if "hour" not in known and "hour" in rows:
            factor *= heuristic.hour_factor(pd.to_numeric(rows["hour"], errors="coerce").fillna(12).to_numpy())
            factor /= float(np.mean(heuristic.HOUR))
        if "weekday" not in known and "weekday" in rows:
            factor *= heuristic.weekday_factor(pd.to_numeric(rows["weekday"], errors="coerce").fillna(2).to_numpy())
            factor /= float(np.mean(heuristic.WEEKDAY))
        return factor


# ---- points ------------------------------------------------------------------------------------

# Each goal's score is 100 for the reference post: a 100k-follower Douyin talking head of 30 s
# posted at noon on a Wednesday, as the heuristic sees it.
_REFERENCE = DefaultValueModel().predict(pd.DataFrame({
    "account": ["ref"], "platform": ["douyin"], "followers": [100_000], "category": [""], "format": ["talking_head"],
    "duration_s": [30], "weekday": [2], "hour": [12], "trend_linked": [False]})).iloc[0]


def goal_scores(pred: pd.DataFrame) -> pd.DataFrame:
    """Per goal, 100 × the row's goal metrics against the reference post's:

    * acquire 拉新: ½ follower_gain + ½ views;
    * retain 留存: ½ completed views (completion × views) + ½ saves;
    * engage 促活: likes + comments + shares + saves;
    * convert 转化: conversions.
    """
    def col(name: str) -> pd.Series:
        return pred[name].astype(float).fillna(0.0) if name in pred else pd.Series(0.0, index=pred.index)

    ref = _REFERENCE
    engaged = col("likes") + col("comments") + col("shares") + col("saves")
    ref_engaged = ref["likes"] + ref["comments"] + ref["shares"] + ref["saves"]
    return pd.DataFrame({
        "acquire": 50 * col("follower_gain") / ref["follower_gain"] + 50 * col("views") / ref["views"],
        "retain": 50 * col("completion") * col("views") / (ref["completion"] * ref["views"])
        + 50 * col("saves") / ref["saves"],
        "engage": 100 * engaged / ref_engaged,
        "convert": 100 * col("conversions") / ref["conversions"],
    }, index=pred.index)


def value_points(pred: pd.DataFrame, goal: str, goal_weights: Mapping[Any, float]) -> pd.Series:
    """One objective number per row: the weighted average of the goal scores (``goal_scores``).

    Weights come from ``goal_weights`` (acquire/retain/engage/convert; missing keys weigh 0, an
    empty dict weighs all goals 1); the topic's own ``goal`` counts double. Being an average, the
    reference post is worth 100 points whatever the weights; a post twice as good is worth 200.
    """
    goal = GOAL_ALIASES.get(goal, goal)
    if goal not in GOALS:
        raise ValueError(f"unknown goal '{goal}'; goals: {', '.join(GOALS)}")
    weights = dict.fromkeys(GOALS, 0.0 if goal_weights else 1.0)
    for key, weight in goal_weights.items():
        canonical = GOAL_ALIASES.get(key, key)
        if canonical in weights:
            weights[canonical] = float(weight)
    weights[goal] *= 2.0
    total = sum(weights.values())
    if total <= 0:
        weights, total = {**dict.fromkeys(GOALS, 0.0), goal: 1.0}, 1.0
    scores = goal_scores(pred)
    points = sum(scores[g] * (w / total) for g, w in weights.items())
    return pd.Series(points, index=pred.index, dtype=float)


# ---- loading -----------------------------------------------------------------------------------

_FITTED: dict[tuple[object, ...], FittedValueModel] = {}


def load_value_model(history: History | None, base_dir: str) -> ValueModel:
    """The value model a scenario asks for.

    ``None`` → the heuristic; ``history.model`` → that saved model file; ``history.path``
    (with ``preset`` or ``mapping``) → import the file and fit (cached per file version in this
    process, so what-if variants do not refit). Paths are relative to ``base_dir``.
    """
    if history is None:
        return DefaultValueModel()
    base = Path(base_dir or ".")
    if history.model:
        from planner.metrics.model import MetricModel  # scikit-learn: only when a fitted model is used

        return FittedValueModel(MetricModel.load(base / history.model))
    if not history.path:
        raise InputError(Problem("history needs a path (an export to fit on) or a model (a saved model file)",
                                 path="history"))
    from planner.metrics.ingest import import_history
    from planner.metrics.mapping import parse_mapping
    from planner.metrics.model import fit_model

    path = base / history.path
    if not path.is_file():
        raise InputError(Problem("no such history file", file=str(path), path="history.path"))
    stat = path.stat()
    key = (str(path.resolve()), stat.st_mtime_ns, stat.st_size, history.preset, tuple(sorted(history.mapping.items())))
    if key not in _FITTED:
        mapping = parse_mapping(dict(history.mapping), "history.mapping") if history.mapping else None
        result = import_history(path, preset=history.preset, mapping=mapping)
        _FITTED[key] = FittedValueModel(fit_model(result.frame, source=str(path)))
    return _FITTED[key]
