"""Helpers for the metrics tests: a synthetic history with known effects, planning rows, paths."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

FIXTURES = Path(__file__).parent / "fixtures"
SHARED_DATA = Path(__file__).resolve().parents[2] / ".." / "shared" / "data"
BILIBILI = SHARED_DATA / "bilibili_popular_daily_2023.csv"

# Planted effects, in log10 views: what a good model and the factor analysis should find.
FORMAT_EFFECT = {"剧情": 0.15, "口播": 0.0, "教程": -0.05, "Vlog": -0.1}
EVENING = 0.25  # 19-21 h
TREND = 0.18
TITLE_WORD = ("挑战", 0.1)


def synthetic_export(accounts: int = 8, posts: int = 45, seed: int = 0) -> pd.DataFrame:
    """A multi-account export with Douyin headers; counts read at different ages."""
    rng = np.random.default_rng(seed)
    rows = []
    start = pd.Timestamp("2024-01-01 00:00")
    words = ["探店", "早餐", "咖啡", "夜市", "面馆", "日常", "测评", "攻略", "周末", "新店"]
    for a in range(accounts):
        followers = int(10 ** rng.uniform(3.5, 6.5))
        account_effect = rng.normal(0, 0.15)
        category = ("美食", "生活", "旅行")[a % 3]
        for _ in range(posts):
            published = start + pd.Timedelta(hours=float(rng.uniform(0, 24 * 70)))
            published = published.floor("min")
            fmt = rng.choice(list(FORMAT_EFFECT))
            trend = rng.random() < 0.25
            age_h = float(rng.uniform(12, 200))
            duration = int(rng.integers(15, 180))
            title = "".join(rng.choice(words, 2)) + (TITLE_WORD[0] if rng.random() < 0.3 else "")
            log_views = (0.8 * np.log10(followers) - 0.3 + FORMAT_EFFECT[fmt] + account_effect
                         + (EVENING if 19 <= published.hour <= 21 else 0.0) + (TREND if trend else 0.0)
                         + (TITLE_WORD[1] if TITLE_WORD[0] in title else 0.0)
                         + 0.5 * np.log10(age_h / 48) + rng.normal(0, 0.12))
            views = int(10 ** log_views)
            rows.append({
                "账号": f"acct{a}", "作品名称": title, "发布时间": published.strftime("%Y-%m-%d %H:%M"),
                "数据更新时间": (published + pd.Timedelta(hours=age_h)).strftime("%Y-%m-%d %H:%M"),
                "粉丝数": followers, "分类": category, "内容形式": fmt, "是否热点": "是" if trend else "否",
                "作品时长": duration, "播放量": views,
                "点赞量": int(views * 0.04 * rng.lognormal(0, 0.2)), "评论量": int(views * 0.003 * rng.lognormal(0, 0.3)),
                "分享量": int(views * 0.002 * rng.lognormal(0, 0.3)), "收藏量": int(views * 0.004 * rng.lognormal(0, 0.3)),
                "完播率": f"{min(0.9, 0.3 * rng.lognormal(0, 0.2)):.1%}", "粉丝增量": int(views * 0.002 * rng.lognormal(0, 0.3)),
            })
    return pd.DataFrame(rows)


def planning_rows(n: int = 50, seed: int = 1, account: str = "acct0") -> pd.DataFrame:
    """Rows in the solver's shape."""
    rng = np.random.default_rng(seed)
    return pd.DataFrame({
        "account": account, "platform": "douyin", "followers": 120_000, "category": "美食",
        "format": rng.choice(["talking_head", "skit", "tutorial", "vlog"], n), "duration_s": rng.integers(15, 180, n),
        "weekday": rng.integers(0, 7, n), "hour": rng.integers(0, 24, n), "trend_linked": rng.random(n) < 0.3,
    })
