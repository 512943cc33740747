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

Beside each pooled effect stands the within-account effect: the same regression on posts
centred on their account's means (account fixed effects), so it compares posts of one account
with each other. A factor that only differs between accounts (an account's category) has none.
Where the two disagree in sign, or their difference leaves its own interval, the level is
flagged: the pooled number is then mostly about which accounts use the level.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Literal

import numpy as np
import pandas as pd
from sklearn.linear_model import Ridge

from planner.domain.vocab import FORMAT_NAMES_ZH
from planner.errors import InputError, Problem
from planner.messages import Catalogue, say_in
from planner.metrics.age import fit_growth
from planner.metrics.features import size_band
from planner.metrics.fields import RATE_METRICS
from planner.metrics.model import MIN_METRIC_POSTS, first_readings, targets_of
from planner.metrics.slots import account_centred
from planner.metrics.threads import single_threaded

MIN_LEVEL_POSTS = 10
MAX_CATEGORIES = 15
BOOTSTRAPS = 100
#: Fewer accounts than this are too few to resample as clusters: the posts are resampled instead.
MIN_CLUSTER_ACCOUNTS = 5
#: A within-account effect needs the level and the reference inside this many accounts.
MIN_WITHIN_ACCOUNTS = 3
Resample = Literal["accounts", "posts"]
WORDS: Catalogue = {
    "caution": (
        "注意：同一账号的作品共享受众，主要在账号之间不同的因素（账号规模、分类、形式、时长）的效应，可能只是这些账号本身的差异；\n"
        "来自热门榜（热门、排行榜）的样本只含已经表现好的作品：它按结果被挑选过，其中的效应在团队全部作品里可能更小、不存在或相反。",
        "caution: posts of one account share its audience, so the effect of a factor that mostly differs\n"
        "between accounts (account size, category, format, duration) may be the accounts' own difference;\n"
        "a sample from a popular list (热门, 排行榜) holds only posts that already did well: it is selected on\n"
        "the outcome, and an effect in it can be smaller, absent or reversed among all of a team's posts."),
    "head": ("影响{metric}的因素（{posts} 条作品）：每个水平与该因素最常见的水平相比，其他因素保持不变",
             "what moves {metric} ({posts} posts): each level against the factor's most common level, "
             "other factors held fixed"),
    "how": ("（± 为 90% 自助区间的一半，{unit}；“账号内”只比较同一账号的作品；这是历史数据中的关联，不是实验；{age}）",
            "(± half the 90% bootstrap interval from {unit}; \"within accounts\" compares posts of one account "
            "with each other; associations in this history, not experiments; {age})"),
    "by_accounts": ("对 {n} 个账号整体重抽样", "resampling the {n} accounts"),
    "few_accounts": ("对作品重抽样：{n} 个账号太少，无法按账号重抽样，所以账号之间不同的效应在这里显得过于确定",
                     "resampling posts: {n} accounts are too few to resample, so effects that differ between "
                     "accounts are surer here than they should be"),
    "by_posts": ("对作品重抽样，假设同一账号的作品相互独立", "resampling posts, as if the posts of one account were "
                 "independent"),
    "level": ("{level}：相对{reference} {change}（{pm}{doubt}；{posts} 条）",
              "{level}: {change} against {reference} ({pm}{doubt}; {posts} posts)"),
    "not_clear": ("，与零无法区分", ", not distinguishable from zero"),
    "within": ("账号内 {change}（{pm}{doubt}）", "within accounts {change} ({pm}{doubt})"),
    "no_within": ("账号内：无法估计（很少有账号同时用这个水平和{reference}）",
                  "within accounts: cannot tell (few accounts use both this level and {reference})"),
    "flag": ("⚠ 总体与账号内不一致：总体效应主要反映哪些账号使用这个水平",
             "⚠ pooled and within accounts disagree: the pooled effect is mostly about which accounts use this level"),
    "flagged": ("{n} 个水平的总体效应与账号内效应不一致（标 ⚠）", "{n} levels disagree between pooled and within "
                "accounts (marked ⚠)"),
    "points": ("{value} 个百分点的{metric}", "{value} points of {metric}"),
    "percent": ("{metric} {value}", "{value} {metric}"),
}
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
    within: float | None = None  # the same level's effect among posts of one account; None: cannot tell
    within_plus_minus: float = 0.0
    disagree: bool = False  # pooled and within accounts differ in sign or beyond their uncertainty

    @property
    def clear(self) -> bool:
        """The interval leaves out zero."""
        return abs(self.effect) > self.plus_minus

    @property
    def within_clear(self) -> bool:
        return self.within is not None and abs(self.within) > self.within_plus_minus

    def sentence(self, metric: str, lang: str = "zh") -> str:
        doubt = "" if self.clear else say_in(WORDS, "not_clear", lang)
        text = say_in(WORDS, "level", lang, level=self.level, reference=self.reference,
                      change=_change(self.effect, metric, lang), pm=_pm(self.plus_minus, metric), doubt=doubt,
                      posts=self.posts)
        if self.within is None:
            return f"{text}; {say_in(WORDS, 'no_within', lang, reference=self.reference)}"
        doubt = "" if self.within_clear else say_in(WORDS, "not_clear", lang)
        text += "; " + say_in(WORDS, "within", lang, change=_signed(self.within, metric),
                               pm=_pm(self.within_plus_minus, metric), doubt=doubt)
        return f"{text}  {say_in(WORDS, 'flag', lang)}" if self.disagree else text


def _signed(value: float, metric: str) -> str:
    return f"{value * 100:+.1f}" if metric in RATE_METRICS else f"{value:+.0%}"


def _change(value: float, metric: str, lang: str) -> str:
    key = "points" if metric in RATE_METRICS else "percent"
    return say_in(WORDS, key, lang, value=_signed(value, metric), metric=metric)


def _pm(value: float, metric: str) -> str:
    return f"±{value * 100:.1f}" if metric in RATE_METRICS else f"±{value:.0%}"


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


def _within_possible(column: pd.Series, codes: np.ndarray) -> bool:
    """Enough accounts post both at this level and elsewhere to compare inside accounts."""
    share = column.groupby(codes).mean()
    return int(((share > 0) & (share < 1)).sum()) >= MIN_WITHIN_ACCOUNTS


def _fit(matrix: np.ndarray, target: np.ndarray, codes: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Pooled coefficients, and within-account ones (the same ridge on account-centred posts)."""
    pooled = Ridge(alpha=ALPHA).fit(matrix, target).coef_
    centred = np.column_stack([target, matrix])
    centred = account_centred(centred, codes)
    within = Ridge(alpha=ALPHA, fit_intercept=False).fit(centred[:, 1:], centred[:, 0]).coef_
    return pooled, within


@single_threaded
def factor_effects(history: pd.DataFrame, metric: str = "views", bootstraps: int = BOOTSTRAPS,
                   seed: int = 0, resample: Resample = "accounts") -> Factors:
    """Effects of every factor level the history has enough posts for, largest first, pooled and
    within accounts; each ± from resampling ``resample`` (whole accounts unless the history has
    too few of them)."""
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
    codes = pd.factorize(posts["account"].astype(str))[0] if "account" in posts else np.zeros(len(posts), int)
    center, center_within = _fit(matrix, target, codes)
    accounts = int(codes.max()) + 1 if len(codes) else 0
    by: Resample = resample if accounts >= MIN_CLUSTER_ACCOUNTS else "posts"
    groups = None if by == "posts" else [np.flatnonzero(codes == g) for g in range(accounts)]
    rng = np.random.default_rng(seed)
    draws = np.empty((bootstraps, matrix.shape[1]))
    draws_within = np.empty((bootstraps, matrix.shape[1]))
    for i in range(bootstraps):
        pick = _resample(groups, len(target), rng)
        draws[i], draws_within[i] = _fit(matrix[pick], target[pick], codes[pick])
    as_effect = (lambda c: c) if metric in RATE_METRICS else (lambda c: 10 ** c - 1)
    effects = []
    for j, column in enumerate(X.columns):
        if column.startswith("_"):
            continue
        factor, level = column.split("=", 1)
        pooled = _spread(as_effect(draws[:, j]))
        effect = Effect(FACTOR_NAMES[factor], level, references[factor], float(as_effect(center[j])), pooled,
                        int(X[column].sum()))
        if _within_possible(X[column], codes):
            within = float(as_effect(center_within[j]))
            differ = _spread(as_effect(draws[:, j]) - as_effect(draws_within[:, j]))
            gap = effect.effect - within
            effect = replace(effect, within=within, within_plus_minus=_spread(as_effect(draws_within[:, j])))
            opposite = np.sign(within) != np.sign(effect.effect) and (effect.clear or effect.within_clear)
            effect = replace(effect, disagree=bool(abs(gap) > differ or opposite))
        effects.append(effect)
    # Factors ordered by their largest effect; inside a factor, best level first.
    size = {f: max(abs(e.effect) for e in effects if e.factor == f) for f in {e.factor for e in effects}}
    ordered = sorted(effects, key=lambda e: (-size[e.factor], e.factor, -e.effect))
    return Factors(metric, ordered, len(target), growth.describe(), by, accounts)


def _spread(draws: np.ndarray) -> float:
    """Half the width of the 90% interval of bootstrap draws."""
    low, high = np.quantile(draws, [0.05, 0.95])
    return float((high - low) / 2)


@dataclass(frozen=True)
class Factors:
    """The effects of one metric's factors, largest first, and the age its counts were brought to."""

    metric: str
    effects: list[Effect]
    posts: int
    common_age: str
    resampled: Resample = "accounts"  # what each ± came from resampling
    accounts: int = 0

    def text(self, lang: str = "zh") -> str:
        if self.resampled == "accounts":
            unit = say_in(WORDS, "by_accounts", lang, n=self.accounts)
        elif self.accounts and self.accounts < MIN_CLUSTER_ACCOUNTS:
            unit = say_in(WORDS, "few_accounts", lang, n=self.accounts)
        else:
            unit = say_in(WORDS, "by_posts", lang)
        lines = [say_in(WORDS, "head", lang, metric=self.metric, posts=self.posts),
                 say_in(WORDS, "how", lang, unit=unit, age=self.common_age),
                 say_in(WORDS, "caution", lang)]
        flagged = sum(e.disagree for e in self.effects)
        if flagged:
            lines.append(say_in(WORDS, "flagged", lang, n=flagged))
        current = None
        for effect in self.effects:
            if effect.factor != current:
                current = effect.factor
                lines.append(f"{current}:")
            lines.append(f"  {effect.sentence(self.metric, lang)}")
        return "\n".join(lines)
