"""Model inputs: what is known about a post before it goes out, as numbers.

Besides the post's own descriptors (followers, duration, hour, weekday, ...), each post gets
what the history says about who posts it, falling back in steps:

* the account: its earlier posts (count, mean, last and best adjusted log views);
* similar accounts: same platform, follower band and category; then platform and band;
* the platform: all its posts.

``prior`` blends these: the account's mean shrunk toward its peers by ``SHRINK`` posts.
On training rows every such number uses only *earlier* posts, as it would have been known
when the post went out; for predictions it uses the whole history.
Categories, platforms and formats become numbers by target encoding (scikit-learn's
``TargetEncoder``, cross-fitted on training rows).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd
from sklearn.model_selection import KFold
from sklearn.preprocessing import TargetEncoder

from planner.metrics.title import TitleScorer, fit_title

SIZE_EDGES = (0.0, 1e4, 1e5, 1e6, 1e7, np.inf)
SIZE_LABELS = ("<1万", "1万-10万", "10万-100万", "100万-1000万", "1000万+")
SHRINK = 2.0
MIN_PEERS = 3
CATEGORICAL = ("platform", "category", "format")
BASE_FEATURES = (
    "log_followers", "log_duration", "hour", "weekday", "trend", "original", "vertical", "log_age",
    "te_platform", "te_category", "te_format", "acc_n", "acc_mean", "acc_last", "acc_max", "peer_mean", "prior",
    "title_score", "title_len",
)
ACCOUNT_NUMBERS = ("n", "mean", "last", "max", "followers", "duration_s")
# Descriptors a planning row may not carry: the history's typical value stands in.
OPTIONAL = ("original", "vertical", "title_score", "title_len", "log_duration")


def size_band(followers: pd.Series) -> pd.Series:
    """Follower band label (<1万, 1万-10万, ...); "" where unknown."""
    bands = pd.cut(followers, SIZE_EDGES, labels=SIZE_LABELS, right=False)
    return bands.astype(object).where(bands.notna(), "").astype(str)


def model_rows(history: pd.DataFrame) -> pd.DataFrame:
    """History rows in the shape predictions take (weekday, hour, trend_linked, ...)."""
    published = history["published_at"]
    return pd.DataFrame({
        "account": history["account"], "platform": history["platform"], "followers": history["followers"],
        "category": history["category"], "format": history["format"], "duration_s": history["duration_s"],
        "weekday": published.dt.day_of_week, "hour": published.dt.hour, "trend_linked": history["trend_linked"],
        "title": history["title"], "age_h": history["age_h"], "original": history["original"],
        "vertical": history["vertical"], "published_at": published, "account_name": history["account_name"],
    }, index=history.index)


def _levels(series: pd.Series) -> pd.Series:
    return series.fillna("").astype(str)


@dataclass
class FeatureBuilder:
    """Fitted feature state: encodings, account and peer statistics, typical values, title scorer."""

    metrics: tuple[str, ...] = ()
    encodings: dict[str, dict[str, float]] = field(default_factory=dict)
    target_mean: float = 0.0
    accounts: pd.DataFrame = field(default_factory=pd.DataFrame)  # one row per account id
    peers: dict[str, list[float]] = field(default_factory=dict)
    typical: dict[str, float] = field(default_factory=dict)
    known: list[str] = field(default_factory=list)
    title: TitleScorer | None = None
    log_age_ref: float | None = None

    @property
    def names(self) -> list[str]:
        return [*BASE_FEATURES, *(f"acc_ratio_{m}" for m in self.metrics if m != "views")]

    # ---- fitting -------------------------------------------------------------------------------

    def fit_transform(self, rows: pd.DataFrame, targets: pd.DataFrame, log_age_ref: float | None) -> pd.DataFrame:
        """Fit on training posts (sorted by publish time) and return their causal features.

        ``targets`` holds the adjusted log10 value of each metric (column per metric; NaN if absent).
        """
        self.metrics = tuple(targets.columns)
        self.log_age_ref = log_age_ref
        y = targets["views"].to_numpy(dtype=float)
        self.target_mean = float(np.mean(y))
        X = self._own(rows)
        self.known = [name for name, col in (("format", "format"), ("trend_linked", "trend_linked"),
                                             ("category", "category"), ("hour", "hour"), ("weekday", "weekday"),
                                             ("duration", "duration_s"), ("followers", "followers"))
                      if rows[col].replace("", np.nan).nunique() > 1]
        cv = KFold(5, shuffle=True, random_state=0)
        for name in CATEGORICAL:
            levels = _levels(rows[name]).to_frame()
            if levels[name].nunique() < 2 or len(levels) < 10:
                X[f"te_{name}"] = self.target_mean
                self.encodings[name] = {}
                continue
            encoder = TargetEncoder(target_type="continuous", cv=cv)
            X[f"te_{name}"] = encoder.fit_transform(levels, y)[:, 0]
            self.encodings[name] = dict(zip(map(str, encoder.categories_[0]), map(float, encoder.encodings_[0]),
                                            strict=True))
        self._fit_accounts(rows, targets, X)
        self._fit_peers(rows, y, X)
        scored = fit_title(rows["title"], y) if "title" in rows else None
        if scored is not None:
            self.title, X["title_score"] = scored[0], scored[1]
        else:
            self.title, X["title_score"] = None, np.nan
        self.typical = {name: float(np.nanmedian(X[name])) if X[name].notna().any() else np.nan for name in OPTIONAL}
        return X[self.names]

    def _fit_accounts(self, rows: pd.DataFrame, targets: pd.DataFrame, X: pd.DataFrame) -> None:
        account = rows["account"].astype(str)
        group = targets["views"].groupby(account)
        n = group.cumcount().astype(float)
        total = group.cumsum() - targets["views"]
        X["acc_n"] = n
        X["acc_mean"] = (total / n).where(n > 0)
        X["acc_last"] = group.shift()
        X["acc_max"] = group.cummax().groupby(account).shift()
        ratios: dict[str, pd.Series] = {}
        for metric in self.metrics:
            if metric == "views":
                continue
            diff = targets[metric] - targets["views"]
            present = diff.notna().astype(float)
            seen = present.groupby(account).cumsum() - present
            total = diff.fillna(0).groupby(account).cumsum() - diff.fillna(0)
            X[f"acc_ratio_{metric}"] = (total / seen.where(seen > 0)).where(seen > 0)
            ratios[metric] = diff
        table = pd.DataFrame({"account": account, "views": targets["views"], "followers": rows["followers"],
                              "platform": rows["platform"], "name": rows.get("account_name", ""),
                              "duration_s": rows["duration_s"], **{f"r_{m}": d for m, d in ratios.items()}})
        summary = table.groupby("account").agg(
            n=("views", "size"), mean=("views", "mean"), last=("views", "last"), max=("views", "max"),
            followers=("followers", "last"), platform=("platform", "last"), name=("name", "last"),
            duration_s=("duration_s", "median"), **{f"r_{m}": (f"r_{m}", "mean") for m in ratios})
        for name in ("category", "format"):  # the account's usual category and format
            counts = pd.DataFrame({"account": account, name: rows[name]}).value_counts().reset_index()
            summary[name] = counts.drop_duplicates("account").set_index("account")[name]
        logs = ["mean", "last", "max", *(f"r_{m}" for m in ratios)]
        summary[logs] = summary[logs].round(5)  # 1e-5 in log10 is 0.002%: no need for 17 digits
        summary["n"] = summary["n"].astype(float)
        self.accounts = summary

    def _peer_keys(self, rows: pd.DataFrame) -> list[pd.Series]:
        platform = _levels(rows["platform"])
        band = size_band(rows["followers"])
        return [platform + "|" + band + "|" + _levels(rows["category"]), platform + "|" + band, platform]

    def _fit_peers(self, rows: pd.DataFrame, y: np.ndarray, X: pd.DataFrame) -> None:
        target = pd.Series(y, index=rows.index)
        peer = pd.Series(np.nan, index=rows.index)
        for key in self._peer_keys(rows):
            group = target.groupby(key)
            n = group.cumcount()
            mean = (group.cumsum() - target) / n.where(n > 0)
            peer = peer.where(peer.notna(), mean.where(n >= MIN_PEERS))
            stats = target.groupby(key).agg(["size", "mean"])
            self.peers.update({str(k): [float(c), float(m)] for k, (c, m) in stats.iterrows() if c >= MIN_PEERS})
        X["peer_mean"] = peer.fillna(self.target_mean)
        X["prior"] = _blend(X["acc_n"], X["acc_mean"], X["peer_mean"])

    # ---- prediction ----------------------------------------------------------------------------

    def _own(self, rows: pd.DataFrame) -> pd.DataFrame:
        """Features a post carries itself."""
        def col(name: str) -> pd.Series:
            return pd.to_numeric(rows[name], errors="coerce").astype(float) if name in rows else \
                pd.Series(np.nan, index=rows.index)

        X = pd.DataFrame(index=rows.index)
        X["log_followers"] = np.log10(col("followers").clip(lower=0) + 1)
        X["log_duration"] = np.log10(col("duration_s").clip(lower=1))
        X["hour"] = col("hour")
        X["weekday"] = col("weekday")
        X["trend"] = col("trend_linked")
        X["original"] = col("original")
        X["vertical"] = col("vertical")
        age = col("age_h")
        X["log_age"] = np.log10(age.clip(lower=0.5)) if self.log_age_ref is not None else np.nan
        if self.log_age_ref is not None:
            X["log_age"] = X["log_age"].fillna(self.log_age_ref)
        if "title" in rows:
            length = rows["title"].fillna("").astype(str).str.len().astype(float)
            X["title_len"] = length.where(length > 0)
        else:
            X["title_len"] = np.nan
        return X

    def transform(self, rows: pd.DataFrame) -> tuple[pd.DataFrame, pd.Series]:
        """Features of new rows from the whole history, and the fallback step each row used."""
        X = self._own(rows)
        for name in CATEGORICAL:
            table = self.encodings.get(name, {})
            X[f"te_{name}"] = _levels(rows[name]).map(table).astype(float).fillna(self.target_mean) if name in rows \
                else self.target_mean
        account = rows["account"].astype(str)
        stats = self.accounts
        found = account.isin(stats.index) if len(stats) else pd.Series(False, index=rows.index)

        def lookup(key: str) -> pd.Series:
            if key not in stats:
                return pd.Series(np.nan, index=rows.index)
            return account.map(stats[key]).astype(float).where(found)

        X["acc_n"] = lookup("n").fillna(0.0)
        X["acc_mean"] = lookup("mean")
        X["acc_last"] = lookup("last")
        X["acc_max"] = lookup("max")
        for metric in self.metrics:
            if metric != "views":
                X[f"acc_ratio_{metric}"] = lookup(f"r_{metric}")
        peer = pd.Series(np.nan, index=rows.index)
        basis = pd.Series("all", index=rows.index, dtype=object)
        for key, label in zip(self._peer_keys(rows), ("peers", "size", "platform"), strict=True):
            means = key.map({k: v[1] for k, v in self.peers.items()}).astype(float)
            take = peer.isna() & means.notna()
            basis[take] = label
            peer[take] = means[take]
        X["peer_mean"] = peer.fillna(self.target_mean)
        X["prior"] = _blend(X["acc_n"], X["acc_mean"], X["peer_mean"])
        basis[X["acc_n"] > 0] = "account"
        if self.title is not None and "title" in rows and rows["title"].fillna("").astype(str).str.len().gt(0).any():
            X["title_score"] = self.title.score(rows["title"])
            X.loc[rows["title"].fillna("").astype(str).str.len() == 0, "title_score"] = np.nan
        else:
            X["title_score"] = np.nan
        for name in OPTIONAL:
            X[name] = X[name].fillna(self.typical.get(name, np.nan))
        return X[self.names], basis

    # ---- storage -------------------------------------------------------------------------------

    def to_json(self) -> dict[str, Any]:
        return {
            "metrics": list(self.metrics), "encodings": self.encodings, "target_mean": self.target_mean,
            "accounts": {"columns": list(self.accounts.columns),
                         "rows": {str(k): [None if pd.isna(v) else v for v in rec]
                                  for k, rec in zip(self.accounts.index, self.accounts.itertuples(index=False), strict=True)}},
            "peers": self.peers, "known": self.known,
            "typical": {k: (None if np.isnan(v) else v) for k, v in self.typical.items()},
            "log_age_ref": self.log_age_ref, "title": self.title.to_json() if self.title else None,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> FeatureBuilder:
        return cls(
            metrics=tuple(data["metrics"]), encodings=data["encodings"], target_mean=float(data["target_mean"]),
            accounts=pd.DataFrame.from_dict(data["accounts"]["rows"], orient="index",
                                            columns=data["accounts"]["columns"]).astype(
                {c: float for c in data["accounts"]["columns"] if c in ACCOUNT_NUMBERS or c.startswith("r_")}),
            peers={k: list(v) for k, v in data["peers"].items()},
            typical={k: (np.nan if v is None else float(v)) for k, v in data["typical"].items()},
            known=list(data["known"]), title=TitleScorer.from_json(data["title"]) if data["title"] else None,
            log_age_ref=data["log_age_ref"],
        )


def _blend(n: pd.Series, account_mean: pd.Series, peer: pd.Series) -> pd.Series:
    """The account's mean shrunk toward its peers: with n earlier posts, weight n / (n + SHRINK)."""
    weight = n / (n + SHRINK)
    return (weight * account_mean.fillna(0) + (1 - weight) * peer).where(n > 0, peer)
