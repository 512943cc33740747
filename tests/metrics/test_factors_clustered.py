"""Factor ± from resampling whole accounts: honest where accounts differ, with a warning in words."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from planner.messages import say_in
from planner.metrics.factors import WORDS, factor_effects
from planner.metrics.ingest import import_history


def _account_effects_export(accounts: int = 12, posts: int = 30, seed: int = 3) -> pd.DataFrame:
    """Strong account effects; the category is one per account, so its effect is between accounts only."""
    rng = np.random.default_rng(seed)
    rows = []
    start = pd.Timestamp("2024-01-01 00:00")
    for a in range(accounts):
        account_effect = rng.normal(0, 0.6)  # the account's own pull, far above the noise
        category = ("美食", "生活")[a % 2]
        for _ in range(posts):
            published = (start + pd.Timedelta(hours=float(rng.uniform(0, 24 * 60)))).floor("min")
            trend = rng.random() < 0.3
            views = int(10 ** (4 + account_effect + (0.1 if trend else 0.0) + rng.normal(0, 0.1)))
            rows.append({"账号": f"acct{a}", "作品名称": f"作品{len(rows)}", "发布时间": f"{published:%Y-%m-%d %H:%M}",
                         "数据更新时间": f"{published + pd.Timedelta(hours=72):%Y-%m-%d %H:%M}",
                         "粉丝数": 50_000, "分类": category, "内容形式": "口播", "是否热点": "是" if trend else "否",
                         "作品时长": 60, "播放量": views})
    return pd.DataFrame(rows)


@pytest.fixture(scope="module")
def history(tmp_path_factory: pytest.TempPathFactory) -> pd.DataFrame:
    path: Path = tmp_path_factory.mktemp("clustered") / "accounts.csv"
    _account_effects_export().to_csv(path, index=False)
    return import_history(path, preset="douyin").frame


def test_account_resampling_widens_an_account_level_factor(history: pd.DataFrame) -> None:
    by_account = factor_effects(history, bootstraps=40, resample="accounts")
    by_post = factor_effects(history, bootstraps=40, resample="posts")
    category = {e.factor: e for e in by_account.effects}["category"]
    naive = {e.factor: e for e in by_post.effects}["category"]
    assert category.effect == pytest.approx(naive.effect)  # the same fit; only the ± differs
    assert category.plus_minus > 2 * naive.plus_minus
    assert by_account.resampled == "accounts" and by_post.resampled == "posts"


def test_the_text_warns_about_accounts_and_popular_lists(history: pd.DataFrame) -> None:
    found = factor_effects(history, bootstraps=10)
    text = found.text("en")
    assert "from resampling the 12 accounts" in text
    assert say_in(WORDS, "caution", "en") in text
    assert "selected on\nthe outcome" in text and "popular list" in text
    assert "对 12 个账号整体重抽样" in found.text() and "按结果被挑选过" in found.text()


def test_too_few_accounts_fall_back_to_posts_and_say_so(history: pd.DataFrame) -> None:
    few = history[history["account"].isin(["acct0", "acct1", "acct2"])]
    found = factor_effects(few, bootstraps=10)
    assert found.resampled == "posts"
    assert "3 accounts are too few to resample" in found.text("en")


def _between_only_export(accounts: int = 16, posts: int = 24, seed: int = 5) -> pd.DataFrame:
    """Accounts that film more skits (剧情) are bigger for their own reasons; inside an account a
    skit does no better than a talking head. Trend links help inside every account."""
    rng = np.random.default_rng(seed)
    rows = []
    start = pd.Timestamp("2024-01-01 00:00")
    for a in range(accounts):
        skit_share = (a + 0.5) / accounts
        account_effect = 1.2 * (skit_share - 0.5) + rng.normal(0, 0.05)
        for _ in range(posts):
            published = (start + pd.Timedelta(hours=float(rng.uniform(0, 24 * 60)))).floor("min")
            trend = rng.random() < 0.4
            views = int(10 ** (4 + account_effect + (0.1 if trend else 0.0) + rng.normal(0, 0.05)))
            rows.append({"账号": f"acct{a}", "作品名称": f"作品{len(rows)}", "发布时间": f"{published:%Y-%m-%d %H:%M}",
                         "数据更新时间": f"{published + pd.Timedelta(hours=72):%Y-%m-%d %H:%M}", "粉丝数": 50_000,
                         "分类": "美食", "内容形式": "剧情" if rng.random() < skit_share else "口播",
                         "是否热点": "是" if trend else "否", "作品时长": 60, "播放量": views})
    return pd.DataFrame(rows)


def test_an_effect_between_accounts_only_is_flagged(tmp_path: Path) -> None:
    path = tmp_path / "between.csv"
    _between_only_export().to_csv(path, index=False)
    found = factor_effects(import_history(path, preset="douyin").frame, bootstraps=30)
    effects = {e.factor: e for e in found.effects}
    skit, trend = effects["format"], effects["trend link"]
    assert abs(skit.effect) > 0.3 and skit.clear  # pooled: skits look far better than talking heads
    assert skit.within is not None and abs(skit.within) < 0.1  # inside accounts they are not
    assert skit.disagree
    assert trend.within is not None and not trend.disagree and trend.within_clear  # a real effect agrees
    text = found.text("en")
    assert "pooled and within accounts disagree" in text and "levels disagree between pooled and within" in text
    assert "总体与账号内不一致" in found.text()


def test_an_effect_that_is_not_there_says_so_in_words(history: pd.DataFrame) -> None:
    weekday = [e for e in factor_effects(history, bootstraps=20).effects if e.factor == "weekday"]
    quiet = [e for e in weekday if not e.clear]
    assert quiet  # no weekday effect was planted
    assert "not distinguishable from zero" in quiet[0].sentence("views", "en")
    assert "与零无法区分" in quiet[0].sentence("views")
