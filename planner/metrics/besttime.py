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
from planner.metrics.numbers import format_count

if TYPE_CHECKING:  # the model pulls in scikit-learn; the report's heatmaps need none of it
    from planner.metrics.model import MetricModel

WEEKDAYS_ZH = ("周一", "周二", "周三", "周四", "周五", "周六", "周日")
SHADES = (" ", "░", "▒", "▓", "█")


@dataclass
class BestTime:
    account: str
    label: str  # who and what the "typical post" is
    metric: str
    common_age: str
    grid: pd.DataFrame  # median, weekday (rows 0-6) × hour (columns 0-23)
    low: pd.DataFrame  # p10
    high: pd.DataFrame  # p90

    def best(self, n: int = 5) -> list[tuple[int, int, float]]:
        """(weekday, hour, value) of the ``n`` best slots."""
        values = self.grid.to_numpy()
        order = np.argsort(-values, axis=None, kind="stable")[:n]
        return [(int(i // 24), int(i % 24), float(values.flat[i])) for i in order]

    def text(self) -> str:
        values = self.grid.to_numpy()
        edges = np.quantile(values, [0.2, 0.4, 0.6, 0.8])
        shade = np.searchsorted(edges, values, side="right")
        lines = [f"expected {self.metric} of a typical post by {self.label}",
                 f"({self.common_age}); darker is better", "",
                 "      " + "".join(f"{h:02d} " for h in range(24))]
        for day in range(7):
            lines.append(f"{WEEKDAYS_ZH[day]}  " + "".join(SHADES[s] * 2 + " " for s in shade[day]))
        scale = f"'{SHADES[0]}'"
        for edge, mark in zip(edges.tolist(), SHADES[1:], strict=True):
            scale += f" < {format_count(edge, 2)} ≤ '{mark}'"
        lines += ["", f"scale: {scale}", "best slots:"]
        for day, hour, value in self.best():
            lo, hi = float(self.low.to_numpy()[day, hour]), float(self.high.to_numpy()[day, hour])
            lines.append(f"  {WEEKDAYS_ZH[day]} {hour:02d}:00  {format_count(value)} "
                         f"(80% range {format_count(lo)}-{format_count(hi)})")
        worst = int(np.argmin(values))
        spread = values.max() / max(values.min(), 1e-9) - 1
        lines.append(f"worst: {WEEKDAYS_ZH[worst // 24]} {worst % 24:02d}:00 {format_count(float(values.min()))}; "
                     f"best is {spread:+.0%} over worst")
        return "\n".join(lines)


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


def best_times(model: MetricModel, account: str, metric: str = "views") -> BestTime:
    """The account's typical post in the history, predicted at every weekday and hour."""
    if metric not in model.fits:
        raise InputError(Problem(f"metric '{metric}' is not in the model; it has: {', '.join(model.fits)}",
                                 path="--metric"))
    key = find_account(model, account)
    post, label = typical_post(model, key)
    pred = slot_predictions(model, post)

    def grid(column: str) -> pd.DataFrame:
        return pd.DataFrame(pred[column].to_numpy().reshape(7, 24), index=range(7), columns=range(24))

    return BestTime(key, label, metric, model.growth.describe(), grid(metric), grid(f"{metric}_p10"),
                    grid(f"{metric}_p90"))
