"""Gradient-boosted trees as plain arrays: fitted by scikit-learn, stored as JSON, walked by numpy.

scikit-learn's ``HistGradientBoostingRegressor`` does the fitting. Its fitted trees are read
out once into arrays (feature, threshold, missing-goes-left, children, leaf value); every
prediction, right after fitting or after loading a model file, walks those same arrays, so a
saved model predicts exactly what the fitted one did. The read-out uses the estimator's
``_predictors`` and ``_baseline_prediction`` (stable since scikit-learn 0.21) and is checked
against ``estimator.predict`` on the training rows, so a change there fails loudly, not silently.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
from sklearn.ensemble import HistGradientBoostingRegressor
from threadpoolctl import threadpool_limits


@dataclass(frozen=True)
class Forest:
    """All trees concatenated: node ``i`` of tree ``t`` is ``offsets[t] + i``. Leaves point to themselves."""

    baseline: float
    feature: np.ndarray  # int32
    threshold: np.ndarray  # float64, +inf at leaves
    missing_left: np.ndarray  # bool
    left: np.ndarray  # int64, global node ids
    right: np.ndarray
    value: np.ndarray  # float64, leaf values (0 at inner nodes)
    roots: np.ndarray  # int64, first node of each tree
    depth: int

    @classmethod
    def from_sklearn(cls, model: HistGradientBoostingRegressor) -> Forest:
        feats, thrs, miss, lefts, rights, vals, roots = [], [], [], [], [], [], []
        offset = 0
        depth = 0
        for (predictor,) in model._predictors:
            nodes = predictor.nodes
            if nodes["is_categorical"].any():
                raise ValueError("categorical splits are not supported; encode categories as numbers")
            leaf = nodes["is_leaf"].astype(bool)
            ids = np.arange(len(nodes), dtype=np.int64) + offset
            feats.append(np.where(leaf, 0, nodes["feature_idx"]).astype(np.int32))
            thrs.append(np.where(leaf, np.inf, nodes["num_threshold"]).astype(np.float64))
            miss.append(nodes["missing_go_to_left"].astype(bool) & ~leaf)
            lefts.append(np.where(leaf, ids, nodes["left"].astype(np.int64) + offset))
            rights.append(np.where(leaf, ids, nodes["right"].astype(np.int64) + offset))
            vals.append(np.where(leaf, nodes["value"], 0.0).astype(np.float64))
            roots.append(offset)
            depth = max(depth, int(nodes["depth"].max()))
            offset += len(nodes)
        empty_i = np.zeros(0, dtype=np.int64)
        return cls(
            baseline=float(np.ravel(model._baseline_prediction)[0]),
            feature=np.concatenate(feats) if feats else np.zeros(0, dtype=np.int32),
            threshold=np.concatenate(thrs) if thrs else np.zeros(0),
            missing_left=np.concatenate(miss) if miss else np.zeros(0, dtype=bool),
            left=np.concatenate(lefts) if lefts else empty_i,
            right=np.concatenate(rights) if rights else empty_i,
            value=np.concatenate(vals) if vals else np.zeros(0),
            roots=np.asarray(roots, dtype=np.int64),
            depth=depth,
        )

    def predict(self, X: np.ndarray) -> np.ndarray:
        """Baseline plus each tree's leaf value, added tree by tree as scikit-learn does (NaN = missing)."""
        columns = np.ascontiguousarray(np.asarray(X, dtype=np.float64).T)  # one contiguous array per feature
        out = np.full(columns.shape[1] if columns.ndim == 2 else 0, self.baseline)
        if not len(out):
            return out
        is_leaf = self.left == np.arange(len(self.left))
        everyone = np.arange(len(out))
        for root in self.roots.tolist():
            # Split the rows down the tree: each node costs one comparison over the rows that reach it.
            stack = [(root, everyone)]
            while stack:
                node, rows = stack.pop()
                if is_leaf[node]:
                    out[rows] += self.value[node]
                    continue
                x = columns[self.feature[node]][rows]
                go_left = x <= self.threshold[node]
                if self.missing_left[node]:
                    go_left |= np.isnan(x)
                left_rows, right_rows = rows[go_left], rows[~go_left]
                if len(left_rows):
                    stack.append((int(self.left[node]), left_rows))
                if len(right_rows):
                    stack.append((int(self.right[node]), right_rows))
        return out

    def to_json(self) -> dict[str, Any]:
        return {
            "baseline": self.baseline, "depth": self.depth, "roots": self.roots.tolist(),
            "feature": self.feature.tolist(), "threshold": [None if np.isinf(t) else float(t) for t in self.threshold],
            "missing_left": self.missing_left.astype(int).tolist(), "left": self.left.tolist(),
            "right": self.right.tolist(), "value": self.value.tolist(),
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Forest:
        return cls(
            baseline=float(data["baseline"]),
            feature=np.asarray(data["feature"], dtype=np.int32),
            threshold=np.asarray([np.inf if t is None else t for t in data["threshold"]], dtype=np.float64),
            missing_left=np.asarray(data["missing_left"], dtype=bool),
            left=np.asarray(data["left"], dtype=np.int64),
            right=np.asarray(data["right"], dtype=np.int64),
            value=np.asarray(data["value"], dtype=np.float64),
            roots=np.asarray(data["roots"], dtype=np.int64),
            depth=int(data["depth"]),
        )


def fit_forest(X: np.ndarray, y: np.ndarray, **params: Any) -> Forest:
    """Fit scikit-learn's gradient boosting and read its trees out (checked against its own predict)."""
    model = HistGradientBoostingRegressor(**params)
    # A column with no value at all cannot be binned; as a constant it is never split on either.
    empty = np.isnan(X).all(axis=0)
    if empty.any():
        X = X.copy()
        X[:, empty] = 0.0
    with threadpool_limits(limits=1):  # see planner.metrics.threads
        model.fit(X, y)
        expected = model.predict(X[:2000])
    forest = Forest.from_sklearn(model)
    if not np.allclose(forest.predict(X[:2000]), expected, rtol=0, atol=1e-9):
        raise RuntimeError("reading out scikit-learn's trees went wrong (scikit-learn version change?)")
    return forest
