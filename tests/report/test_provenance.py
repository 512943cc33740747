"""Where the predicted numbers come from, as the report says it: the team's own history (on how
many of this account's posts) or the built-in defaults."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pytest
from reportkit import hostile_plan, hostile_scenario, hostile_score

from planner.domain.scenario import Scenario
from planner.report.provenance import provenance
from planner.report.render import render_score
from planner.scoring import score


def test_without_history_every_number_is_a_built_in_default() -> None:
    found = provenance(hostile_score())
    assert set(found.basis.values()) == {"default"} and len(found.basis) == 4
    assert found.summary("zh") == "预测依据：内置默认经验值（场景没有历史数据）"
    assert found.summary("en") == "where the numbers come from: built-in defaults (the scenario has no history)"


def _history(folder: Path) -> Path:
    """A Douyin export: 30 posts of the scenario's account dy and 30 of another account."""
    rng = np.random.default_rng(0)
    rows: list[dict[str, Any]] = []
    for account in ("dy", "other"):
        for i in range(30):
            at = pd.Timestamp("2026-10-01 12:00") + pd.Timedelta(hours=int(rng.integers(0, 24 * 50)))
            views = int(10 ** rng.uniform(3.5, 5))
            rows.append({"账号": account, "作品名称": f"火锅{i}", "发布时间": f"{at:%Y-%m-%d %H:%M}",
                         "数据更新时间": f"{at + pd.Timedelta(hours=72):%Y-%m-%d %H:%M}", "粉丝数": 100000,
                         "作品时长": 60, "播放量": views, "点赞量": views // 25, "评论量": views // 300,
                         "分享量": views // 500, "收藏量": views // 250, "完播率": "30.0%", "粉丝增量": views // 500})
    path = folder / "history.csv"
    pd.DataFrame(rows).to_csv(path, index=False)
    return path


@pytest.mark.slow  # fits the metric model: 10-16 s on a shared machine
def test_a_fitted_history_is_named_with_its_post_count_per_account(tmp_path: Path) -> None:
    data = hostile_scenario().model_dump()
    data.update(history={"path": _history(tmp_path).name, "preset": "douyin"}, base_dir=str(tmp_path))
    result = score(Scenario.model_validate(data), hostile_plan(), with_best_times=False)
    found = provenance(result)
    assert found.basis == {("a", "dy"): "account", ("b", "dy"): "account", ("a", "ks"): "platform",
                           ("c", "ks"): "platform"}  # the history has no Kuaishou posts
    assert found.text("a", "dy", "zh") == "在本账号 30 条历史发布上拟合的模型"
    assert found.text("a", "ks", "en") == "built-in defaults (the history has no posts on this platform)"
    page = render_score("html", result, "zh").stdout
    assert "预测依据：在本账号 30 条历史发布上拟合的模型" in page
