"""Factor ± from resampling whole accounts: honest where accounts differ, with a warning in words."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from planner.metrics.factors import CAUTION, factor_effects
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
    text = factor_effects(history, bootstraps=10).text()
    assert "from resampling the 12 accounts" in text
    assert "\n".join(CAUTION) in text
    assert "selected on\nthe outcome" in text and "popular list" in text


def test_too_few_accounts_fall_back_to_posts_and_say_so(history: pd.DataFrame) -> None:
    few = history[history["account"].isin(["acct0", "acct1", "acct2"])]
    found = factor_effects(few, bootstraps=10)
    assert found.resampled == "posts"
    assert "3 accounts are too few to resample" in found.text()
