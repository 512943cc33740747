"""How much the posting slot itself moves a metric, and how sure the history is of it.

The gradient-boosted model predicts every weekday × hour, but a difference between two of its
cells says nothing about whether the history could tell them apart. Here the slot effect is
measured on its own terms: log10 metric (at the common age) on one-hot weekday and hour, on
posts centred on their account's means (account fixed effects), so an hour looks good only if
posts of one account did better at that hour than the same account's other posts. A slot is
weekday effect + hour effect (additive: 168 cells from 31 numbers the history can support).

Each cell's 80% interval comes from resampling whole accounts (posts of one account are not
independent). A cell is *distinguishable* from the account's typical slot (the average of its
own posting slots) when its effect is larger than what shuffling the slots among each account's
own posts produces: the critical value is the 80% quantile, over shuffles, of the largest
standardised effect across all 168 cells, so that with no true slot effect at all, 80% of
histories show no distinguishable cell (a per-cell test would light up about a fifth of the
table by chance, and a bootstrap with few accounts is too narrow to stand in).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

SLOT_BOOTSTRAPS = 200
#: Shrinks hours with few posts towards the account's average (about this many posts' worth).
SLOT_ALPHA = 10.0
#: Accounts with at least this many posts keep their own posting slots as the reference.
OWN_SLOTS_POSTS = 10
MIN_SLOT_ACCOUNTS = 5
LEVEL = 0.8


def _one_hot(weekday: np.ndarray, hour: np.ndarray) -> np.ndarray:
    out = np.zeros((len(weekday), 31))
    out[np.arange(len(weekday)), weekday] = 1.0
    out[np.arange(len(hour)), 7 + hour] = 1.0
    return out


def account_centred(values: np.ndarray, codes: np.ndarray) -> np.ndarray:
    """``values`` (rows × columns) minus their account's mean: what is left inside each account."""
    size = int(codes.max()) + 1
    counts = np.maximum(np.bincount(codes, minlength=size), 1).astype(float)  # resamples skip accounts
    means = np.column_stack([np.bincount(codes, weights=column, minlength=size) for column in values.T]) / counts[:, None]
    return values - means[codes]


def _solve(Xc: np.ndarray, yc: np.ndarray, weights: np.ndarray | None = None) -> np.ndarray:
    """Ridge on account-centred posts, in closed form (31 columns: solving beats a fit object)."""
    Xw = Xc if weights is None else Xc * weights[:, None]
    return np.linalg.solve(Xw.T @ Xc + SLOT_ALPHA * np.eye(Xc.shape[1]), Xw.T @ yc)


def cells(coefs: np.ndarray) -> np.ndarray:
    """(…, 31) weekday and hour effects → (…, 7, 24) slot effects."""
    return coefs[..., :7, None] + coefs[..., None, 7:]


@dataclass(frozen=True)
class SlotEffects:
    """Within-account weekday + hour effects of one metric (log10), with resampled draws."""

    center: np.ndarray  # (31,): weekdays 0-6 (Monday first), then hours 0-23
    draws: np.ndarray  # (bootstraps, 31)
    null: np.ndarray  # (bootstraps, 31): fits with the slots shuffled inside each account
    accounts: int
    posts: int
    resampled: str = "accounts"
    #: Posting slot counts (7 weekday + 24 hour) of accounts with enough posts; the rest use ``usual``.
    own: dict[str, list[int]] = field(default_factory=dict)
    usual: list[int] = field(default_factory=lambda: [1] * 31)

    def reference_weights(self, account: str | None) -> tuple[np.ndarray, bool]:
        """Weights over the 7 weekdays and 24 hours of the typical slot; True if the account's own."""
        counts = self.own.get(account or "")
        mine = counts is not None
        use = np.asarray(counts if mine else self.usual, dtype=float)
        days, hours = use[:7], use[7:]
        return np.concatenate([days / max(days.sum(), 1.0), hours / max(hours.sum(), 1.0)]), mine

    def against(self, account: str | None) -> tuple[np.ndarray, np.ndarray, bool]:
        """Each cell's effect against the typical slot (7 × 24, log10) and the resampled draws of it."""
        effect, draws = self._against(account, self.draws)
        return effect, draws, self.reference_weights(account)[1]

    def _against(self, account: str | None, draws: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        weights = self.reference_weights(account)[0]
        ref = weights[:7] @ self.center[:7] + weights[7:] @ self.center[7:]
        ref_draws = draws[:, :7] @ weights[:7] + draws[:, 7:] @ weights[7:]
        return cells(self.center) - ref, cells(draws) - ref_draws[:, None, None]

    def distinguishable(self, account: str | None, level: float = LEVEL) -> tuple[np.ndarray, np.ndarray]:
        """Cells that differ from the typical slot beyond what shuffled slots give (``level``, all
        cells at once), and each cell's pointwise ``level`` interval (2 × 7 × 24, log10 against
        the typical slot)."""
        effect, draws = self._against(account, self.draws)
        _, null = self._against(account, self.null)
        spread = null.std(axis=0)
        safe = np.where(spread > 0, spread, np.inf)
        critical = float(np.quantile((np.abs(null) / safe).reshape(len(null), -1).max(axis=1), level))
        tail = (1 - level) / 2
        pointwise = np.quantile(draws - draws.mean(axis=0) + effect, [tail, 1 - tail], axis=0)
        return np.abs(effect) > critical * spread, pointwise

    def to_json(self) -> dict[str, Any]:
        return {"center": np.round(self.center, 5).tolist(), "draws": np.round(self.draws, 4).tolist(),
                "null": np.round(self.null, 4).tolist(),
                "accounts": self.accounts, "posts": self.posts, "resampled": self.resampled, "own": self.own,
                "usual": self.usual}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> SlotEffects:
        return cls(np.asarray(data["center"], dtype=float), np.asarray(data["draws"], dtype=float),
                   np.asarray(data["null"], dtype=float),
                   int(data["accounts"]), int(data["posts"]), str(data["resampled"]),
                   {str(k): [int(x) for x in v] for k, v in data["own"].items()}, [int(x) for x in data["usual"]])


def _counts(weekday: np.ndarray, hour: np.ndarray) -> list[int]:
    return [*np.bincount(weekday, minlength=7).tolist(), *np.bincount(hour, minlength=24).tolist()]


def fit_slot_effects(posts: pd.DataFrame, target: pd.Series, bootstraps: int = SLOT_BOOTSTRAPS,
                     seed: int = 0) -> SlotEffects | None:
    """Slot effects of ``target`` (log10 metric per post, aligned with ``posts``); None without
    publish times or targets."""
    published = posts["published_at"]
    ok = (target.notna() & published.notna()).to_numpy()
    if ok.sum() < 2:
        return None
    weekday = published[ok].dt.day_of_week.to_numpy(dtype=int)
    hour = published[ok].dt.hour.to_numpy(dtype=int)
    accounts = posts.loc[ok, "account"].astype(str).to_numpy()
    codes, names = pd.factorize(accounts)
    both = account_centred(np.column_stack([target.to_numpy(dtype=float)[ok], _one_hot(weekday, hour)]), codes)
    yc, Xc = both[:, 0], both[:, 1:]
    n = len(names)
    by_account = n >= MIN_SLOT_ACCOUNTS
    rng = np.random.default_rng(seed)
    draws = np.empty((bootstraps, 31))
    null = np.empty((bootstraps, 31))
    order = np.argsort(codes, kind="stable")
    for i in range(bootstraps):
        # Drawing whole accounts with replacement weighs each account's posts by how often it was
        # drawn; an account's mean does not change with its weight, so the centring stands.
        times = np.bincount(rng.integers(0, n, n), minlength=n)[codes] if by_account \
            else np.bincount(rng.integers(0, len(yc), len(yc)), minlength=len(yc))
        draws[i] = _solve(Xc, yc, times.astype(float))
        # Shuffled slots: each post takes the slot of a random post of its own account (same mean).
        shuffled = np.empty_like(order)
        shuffled[order] = order[np.lexsort((rng.random(len(yc)), codes[order]))]
        null[i] = _solve(Xc[shuffled], yc)
    sizes = np.bincount(codes)
    own = {str(names[g]): _counts(weekday[codes == g], hour[codes == g])
           for g in np.flatnonzero(sizes >= OWN_SLOTS_POSTS)}
    return SlotEffects(_solve(Xc, yc), draws, null, n, int(ok.sum()), "accounts" if by_account else "posts", own,
                       _counts(weekday, hour))
