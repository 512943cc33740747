"""When to post: a model's expected value of an account's typical post at each weekday × hour.

``slot_predictions`` is the one computation: one post's features at all 168 weekday × hour slots,
through any model with a ``predict``. Who the typical post is depends on what is known: from a
history alone (``planner besttime``) it is the account's usual post in that history
(``typical_post``); inside a scenario the report builds it from the account's topics
(``planner.scoring.besttime``).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol

import numpy as np
import pandas as pd

from planner.domain.vocab import PLATFORM_NAMES_ZH, suggest
from planner.errors import InputError, Problem
from planner.messages import Catalogue, say_in
from planner.metrics.fields import RATE_METRICS
from planner.metrics.numbers import format_count

if TYPE_CHECKING:  # the model pulls in scikit-learn; the report's heatmaps need none of it
    from planner.metrics.model import MetricModel

WEEKDAYS_ZH = ("周一", "周二", "周三", "周四", "周五", "周六", "周日")
WEEKDAYS_EN = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
SHADES = (" ", "░", "▒", "▓", "█")
WORDS: Catalogue = {
    "head": ("{label} 的典型作品在各时段的预期{metric}（{age}；时间为 {zone}）",
             "expected {metric} of a typical post by {label} ({age}; hours in {zone})"),
    "how": ("时段效应只比较同一账号在不同时段发布的作品（历史中 {accounts} 个账号、{posts} 条作品，按账号重抽样）；"
            "参照是该账号的典型时段（{reference}），预期值 {typical}",
            "slot effects compare posts of one account at different slots ({accounts} accounts, {posts} posts in "
            "the history, accounts resampled); the reference is the account's typical slot ({reference}), "
            "expected {typical}"),
    "own": ("它自己发布作品的时段", "the slots it posts at"), "usual": ("历史中作品常见的发布时段",
                                                                "the slots the history's posts go out at"),
    "scale": ("图例（颜色按预期值，相对典型时段）：", "legend (shade by expected value, against the typical slot):"),
    "marks": ("格中的 ▲/▼：在 80% 置信度（168 格同时）下与典型时段可区分，更好/更差；其余格无法区分",
              "▲/▼ in a cell: distinguishable from the typical slot at 80% (all 168 cells at once), "
              "better/worse; other cells are not distinguishable"),
    "none": ("没有任何时段在 80% 置信度下与典型时段可区分：历史数据分不出这些时段的好坏，颜色差异可能只是噪声。",
             "no slot is distinguishable from the typical slot at 80%: the history cannot tell these hours apart, "
             "and the shades may be noise."),
    "some": ("在 80% 置信度下与典型时段可区分的时段：{n} 个（更好 {better}，更差 {worse}）",
             "{n} slots are distinguishable from the typical slot at 80% ({better} better, {worse} worse)"),
    "best": ("最好的时段（括号内为预期值的 80% 区间）：", "best slots (80% interval of the expected value):"),
    "slot": ("  {day} {hour:02d}:00  {value}（{low}-{high}，相对典型 {change}）{mark}",
             "  {day} {hour:02d}:00  {value} ({low}-{high}, {change} against typical){mark}"),
    "clear": ("  可区分", "  distinguishable"),
    "range": ("最好与最差相差 {spread}；每格预期值的 80% 区间平均宽 ×{width}",
              "best is {spread} over worst; each cell's 80% interval of the expected value spans ×{width} on average"),
}


@dataclass
class BestTime:
    account: str
    label: str  # who and what the "typical post" is
    metric: str
    common_age: str
    grid: pd.DataFrame  # expected value, weekday (rows 0-6) × hour (columns 0-23)
    low: pd.DataFrame  # 80% interval of the expected value
    high: pd.DataFrame
    distinguishable: pd.DataFrame  # bool: the cell differs from the typical slot at 80%, all cells at once
    typical: float  # expected value at the account's typical slot
    zone: str = ""
    own_slots: bool = False  # the typical slot is the account's own (else the history's usual slots)
    accounts: int = 0
    posts: int = 0

    def best(self, n: int = 5) -> list[tuple[int, int, float]]:
        """(weekday, hour, value) of the ``n`` best slots."""
        values = self.grid.to_numpy()
        order = np.argsort(-values, axis=None, kind="stable")[:n]
        return [(int(i // 24), int(i % 24), float(values.flat[i])) for i in order]

    def _change(self, value: float) -> str:
        if self.metric in RATE_METRICS:
            return f"{(value - self.typical) * 100:+.1f}"
        return f"{value / max(self.typical, 1e-9) - 1:+.0%}"

    def text(self, lang: str = "zh") -> str:
        values = self.grid.to_numpy()
        clear = self.distinguishable.to_numpy()
        days = WEEKDAYS_EN if lang == "en" else WEEKDAYS_ZH
        edges = np.quantile(values, [0.2, 0.4, 0.6, 0.8])
        shade = np.searchsorted(edges, values, side="right")
        reference = say_in(WORDS, "own" if self.own_slots else "usual", lang)
        lines = [say_in(WORDS, "head", lang, label=self.label, metric=self.metric, age=self.common_age,
                        zone=self.zone),
                 say_in(WORDS, "how", lang, accounts=self.accounts, posts=self.posts, reference=reference,
                        typical=self._value(self.typical)), "",
                 "      " + "".join(f"{h:02d} " for h in range(24))]
        for day in range(7):
            cells = ""
            for hour in range(24):
                mark = SHADES[shade[day, hour]] if not clear[day, hour] else (
                    "▲" if values[day, hour] > self.typical else "▼")
                cells += SHADES[shade[day, hour]] + mark + " "
            lines.append(f"{days[day]:<4}  " + cells)
        lines += ["", say_in(WORDS, "scale", lang)]
        bounds = [float(values.min()), *edges.tolist(), float(values.max())]
        for mark, low, high in zip(SHADES, bounds, bounds[1:], strict=False):
            lines.append(f"  '{mark * 2}' {self._value(low)}-{self._value(high)} "
                         f"({self._change(low)} .. {self._change(high)})")
        lines.append("  " + say_in(WORDS, "marks", lang))
        better = int((clear & (values > self.typical)).sum())
        worse = int((clear & (values < self.typical)).sum())
        lines += ["", say_in(WORDS, "none", lang) if not clear.any()
                  else say_in(WORDS, "some", lang, n=better + worse, better=better, worse=worse),
                  say_in(WORDS, "best", lang)]
        for day, hour, value in self.best():
            lines.append(say_in(WORDS, "slot", lang, day=days[day], hour=hour, value=self._value(value),
                                low=self._value(float(self.low.to_numpy()[day, hour])),
                                high=self._value(float(self.high.to_numpy()[day, hour])), change=self._change(value),
                                mark=say_in(WORDS, "clear", lang) if clear[day, hour] else ""))
        width = float(np.exp(np.mean(np.log(np.maximum(self.high.to_numpy(), 1e-9)
                                            / np.maximum(self.low.to_numpy(), 1e-9)))))
        spread = values.max() / max(values.min(), 1e-9) - 1
        lines.append(say_in(WORDS, "range", lang, spread=f"{spread:+.0%}", width=f"{width:.2f}"))
        return "\n".join(lines)

    def _value(self, value: float) -> str:
        return f"{value:.1%}" if self.metric in RATE_METRICS else format_count(value, 2)


def find_account(model: MetricModel, account: str) -> str:
    """The account id for an id or display name in the model's history; an InputError otherwise."""
    table = model.features.accounts
    if account in table.index:
        return account
    if "name" in table:
        named = table.index[table["name"].astype(str) == account]
        if len(named):
            return str(named[0])
    known = [str(x) for x in table.index[:2000]] + [str(x) for x in table.get("name", pd.Series()).dropna()[:2000]]
    raise InputError(Problem(f"account '{account}' is not in the history{suggest(account, known)}", path="--account"))


class Predictor(Protocol):
    def predict(self, rows: pd.DataFrame) -> pd.DataFrame: ...


def slot_predictions(model: Predictor, post: Mapping[str, Any]) -> pd.DataFrame:
    """``model``'s predictions for ``post`` (one row of model features) at every weekday (0 =
    Monday) and hour: 168 rows, weekday-major, with ``weekday`` and ``hour`` columns in front."""
    slots = pd.MultiIndex.from_product([range(7), range(24)], names=["weekday", "hour"]).to_frame(index=False)
    rows = slots.assign(**{k: v for k, v in post.items() if k not in ("weekday", "hour")})
    pred = model.predict(rows).reset_index(drop=True)
    return pd.concat([slots, pred.drop(columns=["weekday", "hour"], errors="ignore")], axis=1)


def typical_post(model: MetricModel, key: str) -> tuple[dict[str, Any], str]:
    """The account's typical post in the history (its usual category, format, duration; today's
    followers) as model features, and words that say who and what it is."""
    info: dict[str, Any] = {str(k): v for k, v in model.features.accounts.loc[key].to_dict().items()}
    post = {"account": key, "platform": info["platform"], "followers": info["followers"],
            "category": info.get("category", ""), "format": info.get("format", ""),
            "duration_s": info["duration_s"], "trend_linked": False}
    name = info.get("name") or key
    duration = info["duration_s"]
    what = ", ".join(str(x) for x in (
        PLATFORM_NAMES_ZH.get(str(info["platform"]), info["platform"]),
        f"{format_count(float(info['followers']))} followers" if pd.notna(info["followers"]) else "",
        info.get("category", ""), f"{int(duration) // 60}:{int(duration) % 60:02d} long" if pd.notna(duration) else "",
        f"{int(info['n'])} posts in the history") if x)
    return post, f"{name} ({what})"


def best_times(model: MetricModel, account: str, metric: str = "views", zone: str | None = None) -> BestTime:
    """The account's typical post in the history at every weekday and hour, with each cell's 80%
    interval and whether it is distinguishable from the account's typical slot. ``zone``: the
    zone to show hours in (default: the one the model was fitted in)."""
    if metric not in model.fits:
        raise InputError(Problem(f"metric '{metric}' is not in the model; it has: {', '.join(model.fits)}",
                                 path="--metric"))
    effects = model.slots.get(metric)
    if effects is None:
        raise InputError(Problem(f"the model has no slot effects for {metric}: fit it again with this planner",
                                 path="--metric"))
    key = find_account(model, account)
    post, label = typical_post(model, key)
    pred = slot_predictions(model, post)[metric].to_numpy(dtype=float).reshape(7, 24)
    effect, _ = effects.against(key)[:2]
    clear, interval = effects.distinguishable(key)
    weights, own = effects.reference_weights(key)
    cell_weights = np.outer(weights[:7], weights[7:])
    rate = metric in RATE_METRICS
    if rate:
        typical = float((pred * cell_weights).sum())
        values, low, high = typical + effect, typical + interval[0], typical + interval[1]
    else:
        typical = float(10 ** (np.log10(np.maximum(pred, 1e-9)) * cell_weights).sum())
        values, low, high = typical * 10 ** effect, typical * 10 ** interval[0], typical * 10 ** interval[1]
    fitted = str(model.info.get("timezone") or "")
    shift = _hours_between(fitted, zone) if zone and fitted else 0

    def grid(array: np.ndarray) -> pd.DataFrame:
        return pd.DataFrame(np.roll(array.reshape(-1), shift).reshape(7, 24), index=range(7), columns=range(24))

    return BestTime(key, label, metric, model.growth.describe(), grid(values), grid(low), grid(high), grid(clear),
                    typical, zone or fitted, own, effects.accounts, effects.posts)


def _hours_between(fitted: str, zone: str) -> int:
    """Whole hours the clock of ``zone`` is ahead of ``fitted`` (today's offsets)."""
    now = pd.Timestamp.now(tz="UTC")
    ahead = now.tz_convert(zone).utcoffset() - now.tz_convert(fitted).utcoffset()  # type: ignore[operator]
    return round(ahead.total_seconds() / 3600)
