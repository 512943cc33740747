"""The review as a terminal table and as a self-contained HTML page, in Chinese or English."""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from planner.actuals.review import NOMINAL, Review
from planner.domain.vocab import FORMAT_NAMES_ZH
from planner.errors import printable
from planner.messages import Catalogue, say_in
from planner.report.grid import grid, rows_of
from planner.report.html import html_table, page
from planner.report.labels import goal_name, interval, number, platform_name
from planner.report.svg import e
from planner.textwidth import clip

WORDS: Catalogue = {
    "title": ("计划 vs 实际：{name}", "Plan vs actual: {name}"),
    "posts": ("单条作品", "Per post"),
    "topics": ("每个选题（全渠道）", "Per topic, all channels (全渠道)"),
    "channels": ("每个渠道（单渠道）", "Per channel (单渠道)"),
    "factors": ("偏差与哪些因素有关（播放量，log10 实际/预测，+ 表示超出预期）",
                "What the misses line up with (views, log10 actual/predicted, + did better)"),
    "calibration": ("80% 区间的校准（应有 80% 落在区间内）", "Calibration of the 80% intervals (80% should fall inside)"),
    "baseline": ("模型 vs 账号中位数（平均 log10 绝对误差，越小越好）",
                 "Model vs the account's median (mean absolute log10 error, lower is better)"),
    "topic": ("选题", "topic"), "account": ("账号", "account"), "at": ("发布时间", "at"), "metric": ("指标", "metric"),
    "predicted": ("预测（80% 区间）", "predicted (80% interval)"), "actual": ("实际", "actual"),
    "verdict": ("结论", "verdict"), "posts_n": ("条数", "posts"), "factor": ("因素", "factor"),
    "level": ("取值", "level"), "mean_error": ("平均偏差", "mean error"), "above": ("高于区间", "above"),
    "below": ("低于区间", "below"), "inside": ("区间内", "inside"), "model": ("模型", "model"),
    "account_median": ("账号中位数", "account median"), "better": ("模型更准", "model better"),
    "worse": ("中位数更准", "median better"), "all": ("全部", "all"),
    "views": ("播放", "views"), "likes": ("点赞", "likes"), "comments": ("评论", "comments"), "saves": ("收藏", "saves"),
    "outside": ("落在区间外：{count} / {total}", "outside the interval: {count} of {total}"),
    "unpredicted": ("实际数据中计划没有的发布：{posts}", "actuals for posts the plan does not hold: {posts}"),
    "none": ("（无）", "(none)"),
    "platform": ("平台", "platform"), "format": ("形式", "format"), "goal": ("目标", "goal"),
    "weekday": ("星期", "weekday"), "time_of_day": ("时段", "time of day"), "trend": ("热点", "trend"),
    "length": ("时长", "length"),
    "no_baseline": ("没有可比的账号历史（在 scenario 的 history 中加入历史文件）",
                    "no account history to compare with (give the scenario a history file)"),
}
MARK = {"inside": "", "above": "↑", "below": "↓"}


def w(key: str, lang: str, **args: object) -> str:
    return say_in(WORDS, key, lang, **args)


_WEEKDAYS_ZH = dict(zip(("mon", "tue", "wed", "thu", "fri", "sat", "sun"), "一二三四五六日", strict=True))
_BANDS_ZH = {"night": "深夜", "morning": "上午", "noon": "中午", "afternoon": "下午", "evening": "晚间"}


def _level(factor: str, level: str, lang: str) -> str:
    """A factor's level as the reader says it (口播, 周日, 晚间 in Chinese)."""
    if lang == "en":
        return level
    if factor == "format":
        return FORMAT_NAMES_ZH.get(level, level)
    if factor == "goal":
        return goal_name(level, lang)
    if factor == "platform":
        return platform_name(level, lang)
    if factor == "weekday":
        return "周" + _WEEKDAYS_ZH.get(level, level)
    if factor == "time_of_day":
        return _BANDS_ZH.get(level, level)
    if factor == "trend":
        return {"yes": "是", "no": "否"}.get(level, level)
    return level


def _pct(value: float) -> str:
    return f"{value:.0%}"


def _sections(result: Review, lang: str) -> list[tuple[str, list[str], list[list[str]], Sequence[int]]]:
    """(heading key, header, rows, numeric columns) of every table; both renderers draw these."""
    m = lambda key: w(key, lang)  # noqa: E731
    head = [m("metric"), m("predicted"), m("actual"), m("verdict")]
    cell = lambda r: [m(r["metric"]), interval(r["predicted"], r["p10"], r["p90"], lang),  # noqa: E731
                      number(r["actual"], lang), f"{MARK[r['verdict']]}{m(r['verdict'])}"]
    posts = [[str(r["topic"]), clip(str(r["title"]), 24), str(r["account"]), f"{pd.Timestamp(r['at']):%m-%d %H:%M}",
              *cell(r)] for r in rows_of(result.posts)]
    topics = [[str(r["topic"]), str(r["posts"]), *cell(r)] for r in rows_of(result.topics)]
    channels = [[str(r["account"]), str(r["posts"]), *cell(r)] for r in rows_of(result.channels)]
    factors = [[m(r["factor"]), _level(r["factor"], str(r["level"]), lang), str(r["posts"]),
                f"{r['mean_error']:+.2f}", _pct(r["above"]), _pct(r["below"])] for r in rows_of(result.factors.head(12))]
    calibration = [[m(r["metric"]), str(r["posts"]), _pct(r["inside"]), _pct(r["below"]), _pct(r["above"])]
                   for r in rows_of(result.calibration)]
    baseline = [[m(r["metric"]), str(r["posts"]), f"{r['model_error']:.3f}", f"{r['baseline_error']:.3f}",
                 m("better") if r["model_error"] < r["baseline_error"] else m("worse")] for r in rows_of(result.baseline)]
    return [
        ("posts", [m("topic"), "", m("account"), m("at"), *head], posts, (4, 5)),
        ("topics", [m("topic"), m("posts_n"), *head], topics, (1, 3, 4)),
        ("channels", [m("account"), m("posts_n"), *head], channels, (1, 3, 4)),
        ("factors", [m("factor"), m("level"), m("posts_n"), m("mean_error"), m("above"), m("below")], factors, (2, 3, 4, 5)),
        ("calibration", [m("metric"), m("posts_n"), m("inside"), m("below"), m("above")], calibration, (1, 2, 3, 4)),
        ("baseline", [m("metric"), m("posts_n"), m("model"), m("account_median"), ""], baseline, (1, 2, 3)),
    ]


def _summary(result: Review, lang: str) -> list[str]:
    outside = int((result.posts["verdict"] != "inside").sum())
    lines = [w("outside", lang, count=outside, total=len(result.posts)) + f" (80% → {1 - NOMINAL:.0%})"]
    if result.unpredicted:
        lines.append(w("unpredicted", lang, posts=", ".join(result.unpredicted[:10])))
    if result.baseline.empty:
        lines.append(w("no_baseline", lang))
    return lines


def review_table(result: Review, name: str, lang: str = "zh") -> str:
    lines = [w("title", lang, name=name), *_summary(result, lang)]
    for key, header, rows, numeric in _sections(result, lang):
        lines += ["", w(key, lang)]
        lines += grid(header, rows, right=numeric) if rows else ["  " + w("none", lang)]
    return "\n".join(printable(line) for line in lines) + "\n"


def review_html(result: Review, name: str, lang: str = "zh") -> str:
    body = [f"<h1>{e(w('title', lang, name=name))}</h1>", *(f"<p>{e(line)}</p>" for line in _summary(result, lang))]
    for key, header, rows, numeric in _sections(result, lang):
        table = html_table([e(h) for h in header], [[e(c) for c in row] for row in rows], numeric) if rows \
            else f"<p>{e(w('none', lang))}</p>"
        body.append(f'<section id="{key}"><h2>{e(w(key, lang))}</h2>{table}</section>')
    return page(w("title", lang, name=name), "".join(body), lang)
