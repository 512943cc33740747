"""Backtest, best-time heatmap and factor effects on the synthetic history (known effects)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from planner.errors import InputError
from planner.metrics.backtest import BacktestResult, backtest, score, split_dates
from planner.metrics.besttime import best_times
from planner.metrics.factors import factor_effects
from planner.metrics.model import MetricModel, first_readings


@pytest.fixture(scope="module")
def result(history: pd.DataFrame) -> BacktestResult:
    return backtest(history, metrics=("views", "likes"), folds=2)


def test_backtest_json_has_the_documented_shape(result: BacktestResult) -> None:
    data = result.to_json()
    assert set(data) == {"views", "likes"}
    views = data["views"]
    assert set(views) == {"model", "baselines", "n_test"}
    assert set(views["baselines"]) == {"account_median", "category_median"}
    for scores in (views["model"], *views["baselines"].values()):
        assert set(scores) == {"mae_log10", "spearman", "coverage80"}
    assert views["n_test"] == sum(f.n_test for f in result.folds)


def test_backtest_rolls_forward_in_time(history: pd.DataFrame, result: BacktestResult) -> None:
    first, second = result.folds
    assert first.test_to < second.test_from
    assert second.n_train == first.n_train + first.n_test  # the second fold trains on the first's test posts


def test_model_beats_the_operator_baselines_where_there_is_signal(result: BacktestResult) -> None:
    views = result.metrics["views"]
    best = min(b.mae_log10 for b in views.baselines.values())
    assert views.model.mae_log10 < 0.8 * best
    assert views.model.spearman > max(b.spearman for b in views.baselines.values())
    assert 0.6 <= views.model.coverage80 <= 0.95


def test_table_names_model_and_baselines(result: BacktestResult) -> None:
    table = result.table()
    assert "time-ordered backtest, 2 fold(s)" in table
    for name in ("model", "account_median", "category_median", "mae_log10", "spearman", "coverage80"):
        assert name in table


def test_split_holds_out_the_last_fifth_of_publish_dates(history: pd.DataFrame) -> None:
    posts = first_readings(history)
    days = posts["published_at"].dt.floor("D").drop_duplicates().sort_values()
    ((start, end),) = split_dates(posts, 0.2, 1)
    assert end is None
    assert (days >= start).sum() == len(days) - int(len(days) * 0.8)
    weekly = split_dates(posts, 0.2, None)
    assert len(weekly) == -(-int((days >= start).sum()) // 7)


def test_scores() -> None:
    actual = np.array([1.0, 2.0, 3.0, 4.0])
    s = score(actual, actual + 0.1, actual - 1, actual + 1)
    assert s.mae_log10 == pytest.approx(0.1)
    assert s.spearman == pytest.approx(1.0)
    assert s.coverage80 == 1.0


def test_best_time_heatmap_shows_the_evening_the_history_rewards(model: MetricModel) -> None:
    best = best_times(model, "acct0")
    assert best.grid.shape == (7, 24)
    hours = {hour for _, hour, _ in best.best(5)}
    assert hours & {19, 20, 21}
    text = best.text("en")
    assert text.splitlines()[0].startswith("expected views of a typical post by acct0")
    assert "Mon" in text and "best slots (80% interval" in text and "legend (shade by expected value" in text
    assert "周一" in best.text() and "最好的时段" in best.text()


def test_best_time_unknown_account_suggests_a_near_one(model: MetricModel) -> None:
    with pytest.raises(InputError, match="account 'acct00' is not in the history \\(did you mean 'acct0'"):
        best_times(model, "acct00")


def test_factors_find_the_planted_effects(history: pd.DataFrame) -> None:
    found = factor_effects(history, "views", bootstraps=30)
    by_level = {(e.factor, e.level): e for e in found.effects}
    trend = by_level[("trend link", "trend-linked 蹭热点")]
    assert trend.reference == "not trend-linked"
    assert 0.2 < trend.effect < 1.0 and trend.clear  # planted: +51%
    formats = {e.level: e for e in found.effects if e.factor == "format"}
    # Skits were planted best: either they are the reference and every other format is below,
    # or they beat the reference.
    if "剧情 skit" in formats:
        assert formats["剧情 skit"].effect > 0
    else:
        assert all(e.effect < 0 and e.reference == "剧情 skit" for e in formats.values())
    text = found.text("en")
    assert text.startswith("what moves views (360 posts):")
    assert "counts brought to 3 days (72 h)" in text
    assert "trend-linked 蹭热点: +" in text and "views against not trend-linked (±" in text
    # Factors come largest first.
    sizes: list[tuple[str, float]] = []
    for e in found.effects:
        if not sizes or sizes[-1][0] != e.factor:
            sizes.append((e.factor, max(abs(x.effect) for x in found.effects if x.factor == e.factor)))
    assert [s for _, s in sizes] == sorted((s for _, s in sizes), reverse=True)
