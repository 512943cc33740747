"""The fitted model: columns, intervals, fallback, growth to a common age, and the model file."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from metricskit import planning_rows
from sklearn.ensemble import HistGradientBoostingRegressor
from threadpoolctl import threadpool_limits

from planner.errors import InputError
from planner.metrics.age import GrowthCurve, fit_growth, nice_age
from planner.metrics.forest import Forest, fit_forest
from planner.metrics.model import MODEL_VERSION, MetricModel, fit_model

COUNTS = ("views", "likes", "comments", "shares", "saves", "follower_gain")


def test_predict_returns_every_fitted_metric_with_ordered_intervals(model: MetricModel) -> None:
    rows = planning_rows(60)
    pred = model.predict(rows)
    assert pred.index.equals(rows.index)
    for metric in (*COUNTS, "completion"):
        center, low, high = pred[metric], pred[f"{metric}_p10"], pred[f"{metric}_p90"]
        assert center.notna().all()
        assert (low <= center).all() and (center <= high).all()
    assert pred["completion_p90"].le(1).all() and pred["completion_p10"].ge(0).all()
    assert "conversions" not in pred  # the history has none


def test_model_file_round_trips_and_predicts_identically(model: MetricModel, model_file: Path) -> None:
    loaded = MetricModel.load(model_file)
    rows = pd.concat([planning_rows(40), planning_rows(10, account="someone_new")], ignore_index=True)
    pd.testing.assert_frame_equal(model.predict(rows), loaded.predict(rows), check_exact=True)
    assert loaded.dumps() == model.dumps()


def test_model_file_is_readable_versioned_json(model_file: Path) -> None:
    data = json.loads(model_file.read_text(encoding="utf-8"))
    assert data["format"] == "planner.metric-model"
    assert data["version"] == MODEL_VERSION
    assert "counts brought to" in data["common_age"]["note"]
    assert set(data["metrics"]) >= {"views", "likes", "completion"}
    assert data["history"]["posts"] == 360
    # One key per line: a reviewer can read and diff it.
    assert model_file.read_text(encoding="utf-8").startswith('{\n "format": "planner.metric-model",\n "version": 1,')


def test_unknown_account_falls_back_to_similar_accounts(model: MetricModel) -> None:
    known = model.predict(planning_rows(5))
    new = model.predict(planning_rows(5, account="brand_new"))
    assert set(known["basis"]) == {"account"}
    assert set(new["basis"]) <= {"peers", "size", "platform"}
    assert new["views"].notna().all()
    # Without its own track record the interval is at least as wide.
    ratio_known = (known["views_p90"] / known["views_p10"]).median()
    ratio_new = (new["views_p90"] / new["views_p10"]).median()
    assert ratio_new >= ratio_known * 0.99


def test_more_followers_predict_more_views_for_a_new_account(model: MetricModel) -> None:
    rows = planning_rows(1, account="brand_new")
    small, big = rows.assign(followers=5_000), rows.assign(followers=2_000_000)
    assert model.predict(big)["views"].iloc[0] > 3 * model.predict(small)["views"].iloc[0]


def test_planted_effects_show_in_predictions(model: MetricModel) -> None:
    rows = planning_rows(1).assign(hour=20, weekday=2, duration_s=60)
    skit = model.predict(rows.assign(format="skit", trend_linked=False))["views"].iloc[0]
    vlog = model.predict(rows.assign(format="vlog", trend_linked=False))["views"].iloc[0]
    trend = model.predict(rows.assign(format="skit", trend_linked=True))["views"].iloc[0]
    assert skit > vlog
    assert trend > skit


def test_counts_are_at_the_common_age_unless_an_age_is_given(model: MetricModel) -> None:
    rows = planning_rows(3)
    at_ref = model.predict(rows)["views"]
    young = model.predict(rows.assign(age_h=12))["views"]
    assert (young < at_ref).all()
    assert model.growth.reference_age_h == 72


def test_growth_is_measured_from_repeat_readings() -> None:
    rng = np.random.default_rng(0)
    rows = []
    for post in range(60):
        base = rng.uniform(3, 5)
        for age in (10.0, 30.0, 80.0):
            views = 10 ** (base + 0.4 * np.log10(age))
            rows.append({"post_id": f"p{post}", "age_h": age, "views": views,
                         "observed_at": pd.Timestamp("2024-01-01") + pd.Timedelta(hours=age)})
    curve = fit_growth(pd.DataFrame(rows), ("views",))
    assert curve.elasticity["views"] == pytest.approx(0.4, abs=1e-6)
    assert curve.pairs == 120
    assert curve.reference_age_h == 12  # typical first reading, rounded
    assert "measured on 120 repeat readings" in curve.describe()


def test_growth_shift_is_flat_outside_the_measured_ages() -> None:
    curve = GrowthCurve({"views": 0.5}, 1.0, 168.0, 24.0, 0)
    assert curve.shift("views", np.array([24.0]))[0] == 0
    assert curve.shift("views", np.array([168.0]))[0] == curve.shift("views", np.array([5000.0]))[0]
    assert curve.shift("views", np.array([np.nan]))[0] == 0
    assert nice_age(29) == 24 and nice_age(50) == 48


def test_forest_predicts_exactly_what_sklearn_does() -> None:
    rng = np.random.default_rng(3)
    X = rng.normal(size=(400, 5))
    X[rng.random(400) < 0.1, 2] = np.nan
    y = X[:, 0] * 2 + np.nan_to_num(X[:, 2]) + rng.normal(0, 0.1, 400)
    params = {"max_iter": 30, "random_state": 0, "early_stopping": False}
    forest = fit_forest(X, y, **params)
    with threadpool_limits(limits=1):  # multi-threaded fits stall on a busy machine
        reference = HistGradientBoostingRegressor(**params).fit(X, y)
    Z = rng.normal(size=(300, 5))
    Z[::7, 2] = np.nan
    np.testing.assert_allclose(forest.predict(Z), reference.predict(Z), rtol=0, atol=1e-12)
    again = Forest.from_json(json.loads(json.dumps(forest.to_json())))
    assert np.array_equal(again.predict(Z), forest.predict(Z))


def test_small_history_still_fits_with_honest_wide_intervals(history: pd.DataFrame) -> None:
    small = history[history["account"].isin(["acct0", "acct1"])].head(40)
    model = fit_model(small, metrics=("views",))
    pred = model.predict(planning_rows(5))
    assert (pred["views_p10"] < pred["views"]).all() and (pred["views"] < pred["views_p90"]).all()
    assert "cross-validation" in model.fits["views"].calibration


@pytest.mark.parametrize(("content", "message"), [
    ("{not json", "not a JSON model file"),
    ('{"format": "something else"}', "not a planner model file"),
    ('{"format": "planner.metric-model", "version": 99}', "model file version 99 is not supported"),
    ('{"format": "planner.metric-model", "version": 1}', "model file is damaged"),
])
def test_bad_model_files_are_input_errors_naming_the_file(tmp_path: Path, content: str, message: str) -> None:
    path = tmp_path / "model.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(InputError) as caught:
        MetricModel.load(path)
    assert caught.value.problems[0].file == str(path)
    assert message in str(caught.value)


def test_missing_model_file_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such model file"):
        MetricModel.load(tmp_path / "absent.json")
