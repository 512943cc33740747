"""How many posts an account makes, and how far apart."""

from __future__ import annotations

import itertools
from datetime import date, timedelta

from pydantic import BaseModel, ConfigDict, Field

from planner.domain.plan import Plan, Violation
from planner.domain.scenario import Scenario
from planner.rules.base import Rule, grouped, week_key
from planner.rules.context import EncodeContext, PubCandidate
from planner.rules.kinds._time import local, utc


class _Max(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")
    max: int = Field(ge=0)


class _Min(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")
    min: int = Field(ge=1)


class _Gap(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")
    hours: float = Field(gt=0, le=168)


class _CountRule(Rule):
    """Shared by the per-day and per-week count rules."""

    period: str = "day"

    def _bucket(self, day: date) -> object:
        return day if self.period == "day" else week_key(day)

    def _full_buckets(self, scenario: Scenario) -> set[object]:
        """Buckets wholly inside the horizon: a minimum only makes sense for those."""
        days = scenario.horizon.dates()
        counts = grouped(days, self._bucket)
        need = 1 if self.period == "day" else 7
        return {k for k, v in counts.items() if len(v) >= need}

    def _groups(self, ctx: EncodeContext) -> dict[tuple[str, object], list[PubCandidate]]:
        return grouped(self.scoped_candidates(ctx),
                       lambda c: (c.account.id, self._bucket(local(c.at, c.account, ctx.scenario).date())))

    def _plan_counts(self, plan: Plan, scenario: Scenario) -> dict[tuple[str, object], int]:
        counts: dict[tuple[str, object], int] = {}
        for pub in self.scoped_publications(plan, scenario):
            account = scenario.account_by_id[pub.account]
            key = (pub.account, self._bucket(local(pub.at, account, scenario).date()))
            counts[key] = counts.get(key, 0) + 1
        return counts


class MaxPostsPerDay(_CountRule):
    """Hard: an account publishes at most ``max`` posts on any one day."""

    kind = "max_posts_per_day"
    Params = _Max

    def encode(self, ctx: EncodeContext) -> None:
        for (account, bucket), cands in self._groups(ctx).items():
            if len(cands) > self.params.max:
                ctx.at_most([(c.lit, 1) for c in cands], self.params.max, self, f"{account} {bucket}")

    def check(self, plan: Plan, scenario: Scenario) -> list[Violation]:
        return [self.violation(f"{account} has {n} posts in {self.period} {bucket} (max {self.params.max})",
                               n - self.params.max)
                for (account, bucket), n in sorted(self._plan_counts(plan, scenario).items(), key=str)
                if n > self.params.max]


class MaxPostsPerWeek(MaxPostsPerDay):
    """Hard: an account publishes at most ``max`` posts in one calendar week (Mon-Sun)."""

    kind = "max_posts_per_week"
    period = "week"


class MinPostsPerDay(_CountRule):
    """Soft: an account publishes at least ``min`` posts on every day of the horizon."""

    kind = "min_posts_per_day"
    Params = _Min
    default_hard = False

    def _accounts(self, scenario: Scenario) -> list[str]:
        return [a.id for a in scenario.accounts if self.applies_to_account(a)]

    def encode(self, ctx: EncodeContext) -> None:
        groups = self._groups(ctx)
        for account in self._accounts(ctx.scenario):
            for bucket in sorted(self._full_buckets(ctx.scenario), key=str):
                cands = groups.get((account, bucket), [])
                ctx.at_least([(c.lit, 1) for c in cands], self.params.min, self, f"{account} {bucket}")

    def check(self, plan: Plan, scenario: Scenario) -> list[Violation]:
        counts = self._plan_counts(plan, scenario)
        out = []
        for account in self._accounts(scenario):
            for bucket in sorted(self._full_buckets(scenario), key=str):
                n = counts.get((account, bucket), 0)
                if n < self.params.min:
                    out.append(self.violation(
                        f"{account} has {n} posts in {self.period} {bucket} (min {self.params.min})",
                        self.params.min - n))
        return out


class MinPostsPerWeek(MinPostsPerDay):
    """Soft: an account publishes at least ``min`` posts in every full calendar week."""

    kind = "min_posts_per_week"
    period = "week"


class MinGap(Rule):
    """Hard: two posts on the same account are at least ``hours`` apart."""

    kind = "min_gap"
    Params = _Gap

    def encode(self, ctx: EncodeContext) -> None:
        gap = timedelta(hours=self.params.hours)
        for account, cands in grouped(self.scoped_candidates(ctx), lambda c: c.account.id).items():
            times = sorted({c.at for c in cands}, key=utc)
            by_time = grouped(cands, lambda c: c.at)
            # One window per distinct start time: posts inside [t, t + gap) are too close.
            for i, start in enumerate(times):
                window = [c for t in times[i:] if utc(t) - utc(start) < gap for c in by_time[t]]
                if len(window) > 1:
                    ctx.at_most([(c.lit, 1) for c in window], 1, self, f"{account} from {start:%m-%d %H:%M}")

    def check(self, plan: Plan, scenario: Scenario) -> list[Violation]:
        gap = timedelta(hours=self.params.hours)
        out = []
        for account, pubs in grouped(self.scoped_publications(plan, scenario), lambda p: p.account).items():
            pubs = sorted(pubs, key=lambda p: utc(p.at))
            for before, after in itertools.pairwise(pubs):
                if utc(after.at) - utc(before.at) < gap:
                    hours = (utc(after.at) - utc(before.at)).total_seconds() / 3600
                    out.append(self.violation(
                        f"{account}: {before.topic} and {after.topic} are {hours:g} h apart (min {self.params.hours:g} h)"))
        return out


KINDS: list[type[Rule]] = [MaxPostsPerDay, MaxPostsPerWeek, MinPostsPerDay, MinPostsPerWeek, MinGap]
