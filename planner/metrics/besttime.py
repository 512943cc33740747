"""When to post: the model's expected value of an account's typical post at each weekday × hour."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from planner.domain.vocab import PLATFORM_NAMES_ZH, suggest
from planner.errors import InputError, Problem
from planner.metrics.model import MetricModel
from planner.metrics.numbers import format_count

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


def best_times(model: MetricModel, account: str, metric: str = "views") -> BestTime:
    """Predict the account's typical post (its usual category, format, duration; today's followers)
    at every weekday and hour."""
    if metric not in model.fits:
        raise InputError(Problem(f"metric '{metric}' is not in the model; it has: {', '.join(model.fits)}",
                                 path="--metric"))
    key = find_account(model, account)
    info: dict[str, Any] = {str(k): v for k, v in model.features.accounts.loc[key].to_dict().items()}
    slots = pd.MultiIndex.from_product([range(7), range(24)], names=["weekday", "hour"]).to_frame(index=False)
    rows = slots.assign(account=key, platform=info["platform"], followers=info["followers"],
                        category=info.get("category", ""), format=info.get("format", ""),
                        duration_s=info["duration_s"], trend_linked=False)
    pred = model.predict(rows)

    def grid(column: str) -> pd.DataFrame:
        return pd.DataFrame(pred[column].to_numpy().reshape(7, 24), index=range(7), columns=range(24))

    name = info.get("name") or key
    duration = info["duration_s"]
    what = ", ".join(str(x) for x in (
        PLATFORM_NAMES_ZH.get(str(info["platform"]), info["platform"]),
        f"{format_count(float(info['followers']))} followers" if pd.notna(info["followers"]) else "",
        info.get("category", ""), f"{int(duration) // 60}:{int(duration) % 60:02d} long" if pd.notna(duration) else "",
        f"{int(info['n'])} posts in the history") if x)
    return BestTime(key, f"{name} ({what})", metric, model.growth.describe(), grid(metric),
                    grid(f"{metric}_p10"), grid(f"{metric}_p90"))
