"""Write the example inputs the README's tour runs on (``examples/``): synthetic, not real data.

- ``examples/weibo_hot_search.csv``: Weibo hot-search snapshots every 4 hours over the demo's two
  weeks, with the trends the demo's topics could ride (成都初雪, 双12, 冬至) among unrelated news.
- ``examples/douyin_history.csv``: half a year of posts of the demo's two 抖音 accounts, as the
  抖音 creator centre exports them, with plays that depend on the hour, weekday and length.

Seeded, so running it again writes the same files: ``python scripts/make_examples.py``.
"""

from __future__ import annotations

import csv
import io
import math
import random
from datetime import datetime, timedelta
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "examples"

#: (title, category, first seen, last seen, peak heat): the trends of the demo's fortnight.
STORIES = [
    ("成都初雪", "社会", "2026-12-09 08:00", "2026-12-12 20:00", 2_400_000),
    ("双12囤货攻略", "消费", "2026-12-09 00:00", "2026-12-13 12:00", 1_500_000),
    ("冬至吃饺子还是火锅", "生活", "2026-12-16 08:00", "2026-12-21 00:00", 2_000_000),
    ("考研倒计时", "教育", "2026-12-06 00:00", "2026-12-20 00:00", 900_000),
    ("流感高发季", "健康", "2026-12-07 00:00", "2026-12-15 00:00", 1_100_000),
    ("跨年晚会阵容官宣", "娱乐", "2026-12-14 12:00", "2026-12-21 00:00", 1_800_000),
    ("年终奖发了吗", "职场", "2026-12-11 08:00", "2026-12-18 00:00", 800_000),
    ("冬天第一顿火锅", "美食", "2026-12-12 16:00", "2026-12-16 00:00", 700_000),
    ("毛肚到底涮几秒", "美食", "2026-12-07 08:00", "2026-12-10 00:00", 600_000),
    ("外国朋友第一次吃成都火锅", "美食", "2026-12-13 10:00", "2026-12-17 00:00", 650_000),
    ("圣诞礼物清单", "消费", "2026-12-17 00:00", "2026-12-21 00:00", 950_000),
]
SNAPSHOT_HOURS = 4


def _moment(text: str) -> datetime:
    return datetime.strptime(text, "%Y-%m-%d %H:%M")


def weibo_snapshots(rng: random.Random) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["snapshot_time", "rank", "title", "category", "hot", "is_ad", "is_pinned"])
    moment, end = _moment("2026-12-06 00:00"), _moment("2026-12-21 00:00")
    while moment < end:
        board = []
        for title, category, first, last, peak in STORIES:
            start, stop = _moment(first), _moment(last)
            if start <= moment <= stop:
                share = (moment - start) / (stop - start)
                heat = peak * math.sin(math.pi * (0.1 + 0.8 * share)) * rng.uniform(0.85, 1.15)
                board.append((title, category, int(heat)))
        board.sort(key=lambda row: -row[2])
        stamp = moment.strftime("%Y-%m-%dT%H:%M:%S+08:00")
        writer.writerow([stamp, "", "今日要闻", "", 0, 0, 1])  # the pinned headline has no rank
        for rank, (title, category, heat) in enumerate(board, start=1):
            writer.writerow([stamp, rank, title, category, heat, 0, 0])
        moment += timedelta(hours=SNAPSHOT_HOURS)
    return out.getvalue()


ACCOUNTS = [("dy_brand", "蜀香园火锅官方", 1.0), ("dy_founder", "蜀香园老板娘阿芳", 0.35)]
TITLES = ["毛肚七上八下", "牛油锅底揭秘", "探店春熙路", "员工餐大公开", "蘸料黄金比例", "外地朋友吃特辣", "老板娘的一天",
          "新品番茄锅", "宵夜火锅局", "一人食小火锅"]
#: Relative plays by hour of day: lunch and evening peaks.
HOUR_WEIGHT = {h: 0.5 + 0.6 * math.exp(-((h - 12.5) ** 2) / 2) + 1.0 * math.exp(-((h - 19.5) ** 2) / 3)
               for h in range(24)}


def douyin_history(rng: random.Random) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["账号", "账号名称", "作品名称", "发布时间", "作品时长", "播放量", "完播率", "点赞量", "评论量", "分享量",
                     "收藏量", "粉丝增量"])
    day = _moment("2026-06-01 00:00")
    while day < _moment("2026-11-30 00:00"):
        for account, name, size in ACCOUNTS:
            if rng.random() > (0.8 if size == 1.0 else 0.45):
                continue
            hour = rng.choice([8, 11, 12, 13, 15, 17, 18, 19, 20, 21, 22])
            at = day + timedelta(hours=hour, minutes=rng.choice([0, 5, 15, 30, 45]))
            seconds = rng.choice([25, 40, 55, 70, 95, 130, 180])
            weekend = 1.2 if at.weekday() >= 5 else 1.0
            length = 1.15 if 30 <= seconds <= 75 else 0.85
            views = int(42_000 * size * HOUR_WEIGHT[hour] * weekend * length * rng.lognormvariate(0, 0.6))
            completion = max(0.05, min(0.9, rng.gauss(0.42 if seconds < 60 else 0.27, 0.06)))
            likes = int(views * rng.uniform(0.02, 0.06))
            writer.writerow([account, name, f"{rng.choice(TITLES)}｜{at:%m%d}", f"{at:%Y-%m-%d %H:%M}",
                             f"{seconds // 60:02d}:{seconds % 60:02d}", views, f"{completion:.1%}", likes,
                             int(likes * rng.uniform(0.03, 0.09)), int(likes * rng.uniform(0.02, 0.07)),
                             int(likes * rng.uniform(0.05, 0.15)), int(views * rng.uniform(0.0005, 0.002))])
        day += timedelta(days=1)
    return out.getvalue()


def main() -> None:
    OUT.mkdir(exist_ok=True)
    (OUT / "weibo_hot_search.csv").write_text(weibo_snapshots(random.Random(1)), encoding="utf-8")
    (OUT / "douyin_history.csv").write_text(douyin_history(random.Random(2)), encoding="utf-8")


if __name__ == "__main__":
    main()
