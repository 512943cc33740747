"""What moves a metric: each factor's effect against its most common level, with its uncertainty.

A ridge regression (scikit-learn) of the post's log10 metric, at the common age, on one-hot
factor levels: hour band, weekday, format, duration band, category, trend link and account
size. Each coefficient is the effect of that level against the factor's most common level with
the other factors held fixed; 10^coef - 1 turns it into a percentage.

The ± is half the width of the 90% interval over bootstrap resamples of whole accounts (a
cluster bootstrap): posts of one account share its audience and its habits, so they are not
independent, and resampling posts makes any factor that mostly varies between accounts
(follower band, category, format, duration) look far surer than the data allows. With too few
accounts to resample, posts are resampled and the text says so. The effects are associations
in this history (adjusted for the listed factors, not for the account itself), not experiments,
and the text carries a warning about the two ways they mislead most: accounts that differ in
more than the factors, and samples chosen for doing well (a popular list).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import numpy as np
import pandas as pd
from sklearn.linear_model import Ridge

from planner.domain.vocab import FORMAT_NAMES_ZH
from planner.errors import InputError, Problem
from planner.metrics.age import fit_growth
from planner.metrics.features import size_band
from planner.metrics.fields import RATE_METRICS
from planner.metrics.model import MIN_METRIC_POSTS, first_readings, targets_of
from planner.metrics.threads import single_threaded

MIN_LEVEL_POSTS = 10
MAX_CATEGORIES = 15
BOOTSTRAPS = 100
#: Fewer accounts than this are too few to resample as clusters: the posts are resampled instead.
MIN_CLUSTER_ACCOUNTS = 5
Resample = Literal["accounts", "posts"]
#: Printed above every result: the two ways such effects mislead most.
CAUTION = (
    "caution: posts of one account share its audience, so the effect of a factor that mostly differs",
    "between accounts (account size, category, format, duration) may be the accounts' own difference;",
    "a sample from a popular list (热门, 排行榜) holds only posts that already did well: it is selected on",
    "the outcome, and an effect in it can be smaller, absent or reversed among all of a team's posts.",
)
ALPHA = 1.0
WEEKDAY_NAMES = ("周一 Monday", "周二 Tuesday", "周三 Wednesday", "周四 Thursday", "周五 Friday", "周六 Saturday",
                 "周日 Sunday")
HOUR_BANDS = ((0, 6, "0-6时 night"), (7, 9, "7-9时 morning"), (10, 11, "10-11时 late morning"),
              (12, 13, "12-13时 lunch"), (14, 17, "14-17时 afternoon"), (18, 19, "18-19时 early evening"),
              (20, 21, "20-21时 evening"), (22, 23, "22-23时 late evening"))
DURATION_BANDS = ((0, 15, "under 15 s"), (15, 30, "15-30 s"), (30, 60, "30-60 s"), (60, 180, "1-3 min"),
                  (180, 600, "3-10 min"), (600, 1800, "10-30 min"), (1800, np.inf, "over 30 min"))
FACTOR_NAMES = {"hour": "hour", "weekday": "weekday", "format": "format", "duration": "duration",
                "category": "category", "trend": "trend link", "size": "account size"}


@dataclass(frozen=True)
class Effect:
    factor: str
    level: str
    reference: str
    effect: float  # relative change, 0.35 = +35%
    plus_minus: float  # half the 90% bootstrap interval, same unit
    posts: int

    @property
    def clear(self) -> bool:
        """The interval leaves out zero."""
        return abs(self.effect) > self.plus_minus

    def sentence(self, metric: str) -> str:
        unit = "points of " if metric in RATE_METRICS else ""
        change = f"{self.effect * 100:+.1f} {unit}" if metric in RATE_METRICS else f"{self.effect:+.0%} "
        pm = f"±{self.plus_minus * 100:.1f}" if metric in RATE_METRICS else f"±{self.plus_minus:.0%}"
        doubt = "" if self.clear else ", not clear"
        return f"{self.level}: {change}{metric} against {self.reference} ({pm}{doubt}; {self.posts} posts)"


def _band(values: pd.Series, bands: tuple[tuple[float, float, str], ...], closed_right: bool) -> pd.Series:
    out = pd.Series("", index=values.index, dtype=object)
    for low, high, label in bands:
        inside = (values >= low) & (values <= high) if closed_right else (values >= low) & (values < high)
        out[inside] = label
    return out


def factor_levels(posts: pd.DataFrame) -> pd.DataFrame:
    """Each post's level of each factor ("" where unknown)."""
    published = posts["published_at"]
    category = posts["category"].fillna("").astype(str)
    top = category[category != ""].value_counts()
    keep = set(top[top >= MIN_LEVEL_POSTS].index[:MAX_CATEGORIES])
    trend = posts["trend_linked"]
    return pd.DataFrame({
        "hour": _band(published.dt.hour, HOUR_BANDS, closed_right=True),
        "weekday": published.dt.day_of_week.map(dict(enumerate(WEEKDAY_NAMES))).astype(object),
        "format": posts["format"].map(lambda f: f"{FORMAT_NAMES_ZH[f]} {f.replace('_', ' ')}" if f in FORMAT_NAMES_ZH
                                      else ""),
        "duration": _band(posts["duration_s"], DURATION_BANDS, closed_right=False),
        "category": np.where(category.isin(keep) | (category == ""), category, "other categories"),
        "trend": np.where(trend.isna(), "", np.where(trend > 0, "trend-linked 蹭热点", "not trend-linked")),
        "size": size_band(posts["followers"]).map(lambda b: f"{b} followers" if b else ""),
    }, index=posts.index)


def _design(levels: pd.DataFrame) -> tuple[pd.DataFrame, dict[str, str]]:
    """One-hot columns "factor=level" without each factor's reference (its most common level)."""
    columns = {}
    references: dict[str, str] = {}
    for factor in map(str, levels.columns):
        known = levels[factor]
        counts = known[known != ""].value_counts()
        counts = counts[counts >= MIN_LEVEL_POSTS]
        if len(counts) < 2:
            continue
        reference = str(counts.index[0])
        references[factor] = reference
        for level in counts.index:
            if level != reference:
                columns[f"{factor}={level}"] = (levels[factor] == level).astype(float)
    return pd.DataFrame(columns, index=levels.index), references


def _resample(groups: list[np.ndarray] | None, n: int, rng: np.random.Generator) -> np.ndarray:
    """Row indexes of one bootstrap sample: whole groups drawn with replacement, or single rows."""
    if groups is None:
        return rng.integers(0, n, n)
    return np.concatenate([groups[g] for g in rng.integers(0, len(groups), len(groups))])


@single_threaded
def factor_effects(history: pd.DataFrame, metric: str = "views", bootstraps: int = BOOTSTRAPS,
                   seed: int = 0, resample: Resample = "accounts") -> Factors:
    """Effects of every factor level the history has enough posts for, largest first; each ± from
    resampling ``resample`` (whole accounts unless the history has too few of them)."""
    posts = first_readings(history)
    if metric not in posts or posts[metric].notna().sum() < MIN_METRIC_POSTS:
        raise InputError(Problem(f"too few posts with {metric} to estimate effects", path="--metric"))
    growth = fit_growth(history, (metric,))
    y = targets_of(posts, growth, (metric,))[metric]
    ok = y.notna()
    posts = posts[ok]
    target = y[ok].to_numpy(dtype=float)
    X, references = _design(factor_levels(posts))
    if X.empty:
        raise InputError(Problem("no factor has two levels with enough posts to compare", path=metric))
    if metric not in RATE_METRICS and posts["age_h"].notna().any():
        X = X.assign(_age=np.log10(posts["age_h"].clip(lower=0.5)).fillna(np.log10(24)))
    matrix = X.to_numpy()
    center = Ridge(alpha=ALPHA).fit(matrix, target).coef_
    codes = pd.factorize(posts["account"].astype(str))[0] if "account" in posts else np.zeros(len(posts), int)
    accounts = int(codes.max()) + 1 if len(codes) else 0
    by: Resample = resample if accounts >= MIN_CLUSTER_ACCOUNTS else "posts"
    groups = None if by == "posts" else [np.flatnonzero(codes == g) for g in range(accounts)]
    rng = np.random.default_rng(seed)
    draws = np.empty((bootstraps, matrix.shape[1]))
    for i in range(bootstraps):
        pick = _resample(groups, len(target), rng)
        draws[i] = Ridge(alpha=ALPHA).fit(matrix[pick], target[pick]).coef_
    counts = {c: int(X[c].sum()) for c in X.columns if not c.startswith("_")}
    effects = []
    for j, column in enumerate(X.columns):
        if column.startswith("_"):
            continue
        factor, level = column.split("=", 1)
        if metric in RATE_METRICS:
            value, spread = center[j], draws[:, j]
        else:
            value, spread = 10 ** center[j] - 1, 10 ** draws[:, j] - 1
        low, high = np.quantile(spread, [0.05, 0.95])
        effects.append(Effect(FACTOR_NAMES[factor], level, references[factor], float(value),
                              float((high - low) / 2), counts[column]))
    # Factors ordered by their largest effect; inside a factor, best level first.
    size = {f: max(abs(e.effect) for e in effects if e.factor == f) for f in {e.factor for e in effects}}
    ordered = sorted(effects, key=lambda e: (-size[e.factor], e.factor, -e.effect))
    return Factors(metric, ordered, len(target), growth.describe(), by, accounts)


@dataclass(frozen=True)
class Factors:
    """The effects of one metric's factors, largest first, and the age its counts were brought to."""

    metric: str
    effects: list[Effect]
    posts: int
    common_age: str
    resampled: Resample = "accounts"  # what each ± came from resampling
    accounts: int = 0

    def text(self) -> str:
        if self.resampled == "accounts":
            unit = f"resampling the {self.accounts} accounts"
        elif self.accounts and self.accounts < MIN_CLUSTER_ACCOUNTS:
            unit = (f"resampling posts: {self.accounts} accounts are too few to resample, so effects that "
                    "differ between accounts are surer here than they should be")
        else:
            unit = "resampling posts, as if the posts of one account were independent"
        lines = [f"what moves {self.metric} ({self.posts} posts): each level against the factor's most common "
                 "level, other factors held fixed",
                 f"(± half the 90% bootstrap interval from {unit}; associations in this history, not experiments; "
                 f"{self.common_age})",
                 *CAUTION]
        current = None
        for effect in self.effects:
            if effect.factor != current:
                current = effect.factor
                lines.append(f"{current}:")
            lines.append(f"  {effect.sentence(self.metric)}")
        return "\n".join(lines)
