"""The solver's side: the heuristic model, the fitted model behind the same contract, and points."""

from __future__ import annotations

import time
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from metricskit import FIXTURES, planning_rows

from planner.domain.scenario import History
from planner.errors import InputError
from planner.metrics.model import MetricModel
from planner.metrics.value import (
    METRICS,
    DefaultValueModel,
    FittedValueModel,
    goal_scores,
    load_value_model,
    value_points,
)

REFERENCE = pd.DataFrame({"account": ["a"], "platform": ["douyin"], "followers": [100_000], "category": ["美食"],
                          "format": ["talking_head"], "duration_s": [30], "weekday": [2], "hour": [12],
                          "trend_linked": [False]})


def _columns() -> list[str]:
    return [c for m in METRICS for c in (m, f"{m}_p10", f"{m}_p90")]


def test_default_model_returns_the_contract_columns_in_order() -> None:
    rows = planning_rows(30)
    pred = DefaultValueModel().predict(rows)
    assert list(pred.columns) == _columns()
    assert pred.index.equals(rows.index)
    for m in METRICS:
        assert (pred[f"{m}_p10"] <= pred[m]).all() and (pred[m] <= pred[f"{m}_p90"]).all()


def test_default_model_follows_its_documented_formulas() -> None:
    base = DefaultValueModel().predict(REFERENCE).iloc[0]
    assert base["views"] == pytest.approx(1.0 * 100_000 ** 0.8 + 500)
    assert base["likes"] == pytest.approx(base["views"] * 0.04)
    assert base["views_p10"] == pytest.approx(base["views"] * 0.3)
    assert base["views_p90"] == pytest.approx(base["views"] * 3)
    trend = DefaultValueModel().predict(REFERENCE.assign(trend_linked=True)).iloc[0]
    assert trend["views"] == pytest.approx(base["views"] * 1.5)
    evening = DefaultValueModel().predict(REFERENCE.assign(hour=20)).iloc[0]
    night = DefaultValueModel().predict(REFERENCE.assign(hour=3)).iloc[0]
    assert evening["views"] > base["views"] > night["views"]


def test_default_model_is_fast_on_solver_sized_input() -> None:
    rows = pd.concat([planning_rows(1000, seed=s) for s in range(50)], ignore_index=True)
    started = time.perf_counter()
    pred = DefaultValueModel().predict(rows)
    assert time.perf_counter() - started < 2.0
    assert len(pred) == 50_000


def test_reference_post_is_worth_about_100_points_for_any_goal_and_weights() -> None:
    pred = DefaultValueModel().predict(REFERENCE)
    for goal in ("acquire", "retain", "engage", "convert", "拉新"):
        assert value_points(pred, goal, {"acquire": 1, "engage": 3})[0] == pytest.approx(100)
    assert value_points(pred, "engage", {})[0] == pytest.approx(100)


def test_own_goal_counts_double() -> None:
    pred = pd.DataFrame({"views": [10_500.0], "follower_gain": [210.0], "likes": [0.0], "comments": [0.0],
                         "shares": [0.0], "saves": [0.0], "completion": [0.0], "conversions": [0.0]})
    scores = goal_scores(pred).iloc[0]
    weights = dict.fromkeys(("acquire", "retain", "engage", "convert"), 1.0)
    acquire_goal = value_points(pred, "acquire", weights)[0]
    engage_goal = value_points(pred, "engage", weights)[0]
    assert acquire_goal == pytest.approx(scores["acquire"] * 2 / 5)
    assert engage_goal == pytest.approx(scores["acquire"] / 5)
    assert acquire_goal > engage_goal


def test_goal_weights_steer_points() -> None:
    pred = DefaultValueModel().predict(pd.concat([REFERENCE, REFERENCE.assign(followers=1_000_000)], ignore_index=True))
    low = value_points(pred, "convert", {"convert": 0.0, "acquire": 1.0})
    assert low[1] > low[0]
    with pytest.raises(ValueError, match="unknown goal"):
        value_points(pred, "fame", {})


def test_fitted_model_keeps_the_contract_and_falls_back_for_other_platforms(model: MetricModel) -> None:
    fitted = FittedValueModel(model)
    rows = pd.concat([planning_rows(10), planning_rows(5).assign(platform="bilibili")], ignore_index=True)
    pred = fitted.predict(rows)
    assert [c for c in pred.columns if c != "basis"] == _columns()
    assert (pred.loc[:9, "basis"] == "account").all()
    assert (pred.loc[10:, "basis"] == "default").all()
    pd.testing.assert_frame_equal(pred.loc[10:, _columns()], DefaultValueModel().predict(rows.loc[10:]))
    # Conversions are not in the history: the heuristic's per-view rate times the fitted views.
    assert (pred.loc[:9, "conversions"] > 0).all()
    for m in METRICS:
        assert (pred[f"{m}_p10"] <= pred[m]).all() and (pred[m] <= pred[f"{m}_p90"]).all()
    points = value_points(pred, "acquire", {"acquire": 1.0})
    assert np.isfinite(points).all()


def test_fitted_model_predicts_50k_rows_in_seconds(model: MetricModel) -> None:
    rows = pd.concat([planning_rows(1000, seed=s) for s in range(50)], ignore_index=True)
    started = time.perf_counter()
    FittedValueModel(model).predict(rows)
    assert time.perf_counter() - started < 15.0


def test_load_value_model_without_history_is_the_heuristic() -> None:
    assert isinstance(load_value_model(None, "."), DefaultValueModel)


def test_load_value_model_from_a_saved_model(model_file: Path, model: MetricModel) -> None:
    loaded = load_value_model(History(model=model_file.name), str(model_file.parent))
    assert isinstance(loaded, FittedValueModel)
    rows = planning_rows(8)
    pd.testing.assert_frame_equal(loaded.predict(rows), FittedValueModel(model).predict(rows))


def test_load_value_model_fits_a_history_export(history_csv: Path) -> None:
    # A mapping of a few columns keeps the fit small: views only.
    mapping = {"published_at": "发布时间", "views": "播放量", "account": "账号", "platform": "=douyin",
               "followers": "粉丝数"}
    history = History(path=history_csv.name, mapping=mapping)
    loaded = load_value_model(history, str(history_csv.parent))
    assert isinstance(loaded, FittedValueModel)
    assert loaded.model.metrics == ("views",)
    assert load_value_model(history, str(history_csv.parent)) is loaded  # what-if variants do not refit
    pred = loaded.predict(planning_rows(4))
    assert (pred["basis"] == "account").all()
    assert (pred["likes"] > 0).all()  # from the heuristic's likes per view


def test_load_value_model_with_too_small_a_history(tmp_path: Path) -> None:
    mapping = {"platform": "=tiktok", "account": "Channel", "published_at": "Post time", "views": "Plays"}
    with pytest.raises(InputError, match="too few posts with views"):
        load_value_model(History(path=str(FIXTURES / "custom.csv"), mapping=mapping), ".")


@pytest.mark.parametrize(("history", "message"), [
    (History(model="missing.json"), "no such model file"),
    (History(path="missing.csv"), "no such history file"),
    (History(), "history needs a path"),
])
def test_bad_history_is_an_input_error_naming_the_file(tmp_path: Path, history: History, message: str) -> None:
    with pytest.raises(InputError) as caught:
        load_value_model(history, str(tmp_path))
    assert message in str(caught.value)
    name = history.model or history.path
    if name:
        assert caught.value.problems[0].file == str(tmp_path / name)


def test_a_broken_export_names_the_file(tmp_path: Path) -> None:
    path = tmp_path / "broken.csv"
    path.write_text("作品名称,发布时间,播放量\na,,x\n", encoding="utf-8")
    with pytest.raises(InputError) as caught:
        load_value_model(History(path="broken.csv"), str(tmp_path))
    assert caught.value.problems[0].file == str(path)
