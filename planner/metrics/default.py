"""The heuristic value model for scenarios without history: platform-typical numbers, no fitting."""

from __future__ import annotations

import numpy as np
import pandas as pd

METRICS = ("views", "likes", "comments", "shares", "saves", "completion", "follower_gain", "conversions")

# Share of followers^0.8 a post reaches: recommendation-driven feeds reach past the followers.
REACH = {"douyin": 1.0, "kuaishou": 0.8, "bilibili": 0.6, "xiaohongshu": 0.5, "wechat_channels": 0.6, "weibo": 0.3,
         "xigua": 0.5, "tiktok": 1.0, "youtube_shorts": 0.6, "instagram_reels": 0.6}
# Views any post gets from the platform's cold-start traffic pool, whatever the account size.
FLOOR = {"douyin": 500, "kuaishou": 400, "bilibili": 200, "xiaohongshu": 200, "wechat_channels": 300, "weibo": 100,
         "xigua": 200, "tiktok": 500, "youtube_shorts": 300, "instagram_reels": 300}
FORMAT = {"talking_head": 1.0, "skit": 1.3, "store_visit": 1.1, "tutorial": 0.9, "vlog": 0.9, "live": 0.6}
BEST_DURATION = {"douyin": 30, "kuaishou": 30, "bilibili": 300, "xiaohongshu": 60, "wechat_channels": 60,
                 "weibo": 60, "xigua": 240, "tiktok": 30, "youtube_shorts": 30, "instagram_reels": 20}
# Hour of day (local): low at night, a lunch bump, the evening peak at 20-21 h.
HOUR = (0.55, 0.4, 0.3, 0.25, 0.25, 0.3, 0.45, 0.65, 0.75, 0.75, 0.8, 0.85,
        1.0, 0.95, 0.8, 0.8, 0.85, 0.95, 1.1, 1.2, 1.3, 1.3, 1.15, 0.8)
WEEKDAY = (1.0, 1.0, 1.0, 1.0, 1.05, 1.1, 1.1)  # Monday first; weekends a little higher
TREND = 1.5
# Per-view ratios of each engagement count, platform-typical.
RATIO = {
    "douyin": {"likes": 0.04, "comments": 0.003, "shares": 0.003, "saves": 0.004, "follower_gain": 0.002, "conversions": 0.001},
    "kuaishou": {"likes": 0.035, "comments": 0.003, "shares": 0.002, "saves": 0.002, "follower_gain": 0.002, "conversions": 0.001},
    "bilibili": {"likes": 0.05, "comments": 0.002, "shares": 0.0025, "saves": 0.01, "follower_gain": 0.003, "conversions": 0.0005},
    "xiaohongshu": {"likes": 0.05, "comments": 0.005, "shares": 0.004, "saves": 0.03, "follower_gain": 0.003, "conversions": 0.002},
    "wechat_channels": {"likes": 0.02, "comments": 0.002, "shares": 0.01, "saves": 0.003, "follower_gain": 0.0015, "conversions": 0.001},
    "weibo": {"likes": 0.02, "comments": 0.003, "shares": 0.003, "saves": 0.002, "follower_gain": 0.001, "conversions": 0.0005},
    "xigua": {"likes": 0.02, "comments": 0.002, "shares": 0.001, "saves": 0.003, "follower_gain": 0.0015, "conversions": 0.0005},
    "tiktok": {"likes": 0.05, "comments": 0.003, "shares": 0.003, "saves": 0.004, "follower_gain": 0.002, "conversions": 0.001},
    "youtube_shorts": {"likes": 0.035, "comments": 0.002, "shares": 0.001, "saves": 0.001, "follower_gain": 0.001, "conversions": 0.0005},
    "instagram_reels": {"likes": 0.04, "comments": 0.002, "shares": 0.003, "saves": 0.003, "follower_gain": 0.0015, "conversions": 0.001},
}
COMPLETION = {"douyin": 0.3, "kuaishou": 0.3, "bilibili": 0.25, "xiaohongshu": 0.3, "wechat_channels": 0.3,
              "weibo": 0.25, "xigua": 0.25, "tiktok": 0.3, "youtube_shorts": 0.35, "instagram_reels": 0.3}
LOW, HIGH = 0.3, 3.0
RATE_LOW, RATE_HIGH = 0.6, 1.5


def _num(rows: pd.DataFrame, name: str, default: float) -> np.ndarray:
    if name not in rows:
        return np.full(len(rows), default)
    return pd.to_numeric(rows[name], errors="coerce").fillna(default).to_numpy(dtype=float)


def duration_factor(platform: pd.Series, duration_s: np.ndarray) -> np.ndarray:
    best = platform.map(BEST_DURATION).fillna(60).to_numpy(dtype=float)
    return 0.7 + 0.3 * np.exp(-np.log(np.clip(duration_s, 1, None) / best) ** 2 / 2)


def format_factor(fmt: pd.Series) -> np.ndarray:
    return fmt.map(FORMAT).fillna(1.0).to_numpy(dtype=float)


def hour_factor(hour: np.ndarray) -> np.ndarray:
    return np.asarray(HOUR)[np.clip(hour, 0, 23).astype(int)]


def weekday_factor(weekday: np.ndarray) -> np.ndarray:
    return np.asarray(WEEKDAY)[np.clip(weekday, 0, 6).astype(int)]


def trend_factor(trend: np.ndarray) -> np.ndarray:
    return np.where(trend > 0, TREND, 1.0)


class DefaultValueModel:
    """Platform-typical expectations from followers, format, duration and timing.

    For a row with ``followers`` F on platform p, format f, duration d s, at ``hour`` h on ``weekday`` w::

        views       = (REACH[p] · F^0.8 + FLOOR[p]) · FORMAT[f] · dur(p, d) · HOUR[h] · WEEKDAY[w] · (1.5 if trend_linked)
        dur(p, d)   = 0.7 + 0.3 · exp(-(ln(d / BEST_DURATION[p]))² / 2)      (1.0 at the platform's sweet spot)
        likes, comments, shares, saves, follower_gain, conversions = views · RATIO[p][metric]
        completion  = clip(COMPLETION[p] · (BEST_DURATION[p] / d)^0.3, 0.02, 0.95)  (a rate, not a count)

    Intervals: p10 = 0.3 × median and p90 = 3 × median for counts; 0.6 × and 1.5 × (at most 1) for
    completion. A 100k-follower Douyin talking-head post of 30 s at noon midweek comes out at about
    10,500 views, 420 likes and 21 new followers.
    """

    common_age = "typical totals a few days after publishing (no history: platform heuristics)"

    def predict(self, rows: pd.DataFrame) -> pd.DataFrame:
        platform = rows["platform"].astype(str) if "platform" in rows else pd.Series("douyin", index=rows.index)
        followers = np.clip(_num(rows, "followers", 0.0), 0, None)
        duration = _num(rows, "duration_s", 60.0)
        fmt = rows["format"].astype(str) if "format" in rows else pd.Series("", index=rows.index)
        views = (platform.map(REACH).fillna(0.5).to_numpy(dtype=float) * followers ** 0.8
                 + platform.map(FLOOR).fillna(200).to_numpy(dtype=float))
        views = (views * format_factor(fmt) * duration_factor(platform, duration)
                 * hour_factor(_num(rows, "hour", 12)) * weekday_factor(_num(rows, "weekday", 2))
                 * trend_factor(_num(rows, "trend_linked", 0)))
        out = {"views": views}
        for metric in ("likes", "comments", "shares", "saves", "follower_gain", "conversions"):
            out[metric] = views * platform.map({p: r[metric] for p, r in RATIO.items()}).fillna(0.002).to_numpy(dtype=float)
        best = platform.map(BEST_DURATION).fillna(60).to_numpy(dtype=float)
        base = platform.map(COMPLETION).fillna(0.3).to_numpy(dtype=float)
        out["completion"] = np.clip(base * (best / np.clip(duration, 1, None)) ** 0.3, 0.02, 0.95)
        frame = pd.DataFrame(index=rows.index)
        for metric in METRICS:
            value = out[metric]
            frame[metric] = value
            if metric == "completion":
                frame[f"{metric}_p10"] = value * RATE_LOW
                frame[f"{metric}_p90"] = np.minimum(value * RATE_HIGH, 1.0)
            else:
                frame[f"{metric}_p10"] = value * LOW
                frame[f"{metric}_p90"] = value * HIGH
        frame.attrs["common_age"] = self.common_age
        return frame
