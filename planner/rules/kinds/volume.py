"""How many posts an account makes, and how far apart."""

from __future__ import annotations

import itertools
from bisect import bisect_left, insort
from collections.abc import Callable
from datetime import date, datetime, timedelta

from pydantic import BaseModel, ConfigDict, Field

from planner.domain.plan import Plan, Violation
from planner.domain.scenario import Account, Scenario
from planner.messages import pick
from planner.rules.admission import Admission, SlotTimes
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

    unit: str = "day"

    def _bucket(self, day: date) -> object:
        return day if self.unit == "day" else week_key(day)

    def _full_buckets(self, scenario: Scenario, account: Account) -> set[object]:
        """Buckets wholly inside the horizon and the rule's period: a minimum only makes sense for those
        (a minimum that starts on day 4 does not charge days 1-3)."""
        days = [d for d in scenario.horizon.dates() if self.covers_day(account, d)]
        counts = grouped(days, self._bucket)
        need = 1 if self.unit == "day" else 7
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
        return [self.violation(f"{account} has {n} posts in {self.unit} {bucket} (max {self.params.max})",
                               n - self.params.max)
                for (account, bucket), n in sorted(self._plan_counts(plan, scenario).items(), key=str)
                if n > self.params.max]


    def admission(self, scenario: Scenario, times: SlotTimes) -> Admission:
        return _MaxCount(self, times)


class _MaxCount(Admission):
    """The candidate's account and day (week) is below the cap."""

    rule: MaxPostsPerDay

    def __init__(self, rule: MaxPostsPerDay, times: SlotTimes) -> None:
        self.rule, self.times = rule, times
        self.counts: dict[tuple[str, object], int] = {}

    def _key(self, c: PubCandidate) -> tuple[str, object]:
        return (c.account.id, self.rule._bucket(self.times.local_date(c)))

    def relevant(self, c: PubCandidate) -> bool:
        return self.rule.applies(c.topic, c.account)

    def ok(self, c: PubCandidate) -> bool:
        return not self.rule.in_scope(c, self.times) or self.counts.get(self._key(c), 0) + 1 <= self.rule.params.max

    def add(self, c: PubCandidate) -> None:
        if self.rule.in_scope(c, self.times):
            key = self._key(c)
            self.counts[key] = self.counts.get(key, 0) + 1

    def why(self, c: PubCandidate, lang: str = "zh") -> str:
        account, bucket = self._key(c)
        n, cap = self.counts.get((account, bucket), 0), self.rule.params.max
        when = _bucket_words(bucket, lang)
        return f"{self.rule.id}: " + pick(lang, f"{account} 在{when}已有 {n} 条（上限 {cap}）",
                                          f"{account} already has {n} posts in {when} (max {cap})")


class MaxPostsPerWeek(MaxPostsPerDay):
    """Hard: an account publishes at most ``max`` posts in one calendar week (Mon-Sun)."""

    kind = "max_posts_per_week"
    unit = "week"


class MinPostsPerDay(_CountRule):
    """Soft: an account publishes at least ``min`` posts on every day of the horizon."""

    kind = "min_posts_per_day"
    Params = _Min
    default_hard = False

    def _accounts(self, scenario: Scenario) -> list[Account]:
        return [a for a in scenario.accounts if self.applies_to_account(a)]

    def encode(self, ctx: EncodeContext) -> None:
        groups = self._groups(ctx)
        for account in self._accounts(ctx.scenario):
            for bucket in sorted(self._full_buckets(ctx.scenario, account), key=str):
                cands = groups.get((account.id, bucket), [])
                ctx.at_least([(c.lit, 1) for c in cands], self.params.min, self, f"{account.id} {bucket}")

    def check(self, plan: Plan, scenario: Scenario) -> list[Violation]:
        counts = self._plan_counts(plan, scenario)
        out = []
        for acc in self._accounts(scenario):
            account = acc.id
            for bucket in sorted(self._full_buckets(scenario, acc), key=str):
                n = counts.get((account, bucket), 0)
                if n < self.params.min:
                    out.append(self.violation(
                        f"{account} has {n} posts in {self.unit} {bucket} (min {self.params.min})",
                        self.params.min - n))
        return out


    def admission(self, scenario: Scenario, times: SlotTimes) -> Admission:
        return _MinCount(self, scenario, times)


class _MinCount(Admission):
    """(When hard) every account and full day (week) reaches the minimum once the candidate is in."""

    rule: MinPostsPerDay

    def __init__(self, rule: MinPostsPerDay, scenario: Scenario, times: SlotTimes) -> None:
        self.rule, self.times = rule, times
        self.need = {(a.id, b) for a in rule._accounts(scenario) for b in rule._full_buckets(scenario, a)}
        self.counts: dict[tuple[str, object], int] = {}
        self.short = len(self.need)  # buckets below the minimum (every one, while the plan is empty)

    def _key(self, c: PubCandidate) -> tuple[str, object]:
        return (c.account.id, self.rule._bucket(self.times.local_date(c)))

    def _filled(self, c: PubCandidate) -> int:
        """How many short buckets adding ``c`` fills (0 or 1)."""
        if not self.rule.in_scope(c, self.times):
            return 0
        key = self._key(c)
        return int(key in self.need and self.counts.get(key, 0) + 1 == self.rule.params.min)

    def ok(self, c: PubCandidate) -> bool:
        return self.short - self._filled(c) == 0

    def add(self, c: PubCandidate) -> None:
        self.short -= self._filled(c)
        if self.rule.in_scope(c, self.times):
            key = self._key(c)
            self.counts[key] = self.counts.get(key, 0) + 1

    def why(self, c: PubCandidate, lang: str = "zh") -> str:
        short, need = self.short - self._filled(c), self.rule.params.min
        unit = pick(lang, "天" if self.rule.unit == "day" else "周", f"{self.rule.unit}s")
        return f"{self.rule.id}: " + pick(lang, f"仍有 {short} {unit}不足 {need} 条",
                                          f"{short} {unit} would still have fewer than {need} posts")


class MinPostsPerWeek(MinPostsPerDay):
    """Soft: an account publishes at least ``min`` posts in every full calendar week."""

    kind = "min_posts_per_week"
    unit = "week"


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


    def admission(self, scenario: Scenario, times: SlotTimes) -> Admission:
        return Spacing(self, lambda c: c.account.id, times)


class Spacing(Admission):
    """Posts of a group (an account, a topic) at least ``rule.params.hours`` apart: the nearest
    neighbours in time are far enough."""

    def __init__(self, rule: Rule, group: Callable[[PubCandidate], str], times: SlotTimes) -> None:
        self.rule, self.group, self.times = rule, group, times
        self.gap = timedelta(hours=rule.params.hours)
        self.sorted: dict[str, list[datetime]] = {}

    def relevant(self, c: PubCandidate) -> bool:
        return self.rule.applies(c.topic, c.account)

    def _clash(self, c: PubCandidate) -> datetime | None:
        times = self.sorted.get(self.group(c))
        if not times:
            return None
        t = self.times.utc(c.at)
        i = bisect_left(times, t)
        if i < len(times) and times[i] - t < self.gap:
            return times[i]
        return times[i - 1] if i > 0 and t - times[i - 1] < self.gap else None

    def ok(self, c: PubCandidate) -> bool:
        return not self.rule.in_scope(c, self.times) or self._clash(c) is None

    def add(self, c: PubCandidate) -> None:
        if self.rule.in_scope(c, self.times):
            insort(self.sorted.setdefault(self.group(c), []), self.times.utc(c.at))

    def why(self, c: PubCandidate, lang: str = "zh") -> str:
        clash = self._clash(c)
        hours = self.rule.params.hours
        if clash is None:
            return f"{self.rule.id}: " + pick(lang, f"与另一条相隔不足 {hours:g} 小时",
                                              f"less than {hours:g} h from another post")
        at = f"{clash.astimezone(c.at.tzinfo):%m-%d %H:%M}"
        return f"{self.rule.id}: " + pick(lang, f"与 {self.group(c)} 在 {at} 的一条相隔不足 {hours:g} 小时",
                                          f"less than {hours:g} h from the post of {self.group(c)} at {at}")


def _bucket_words(bucket: object, lang: str) -> str:
    """A day (a date) or an ISO week ((year, week)) in words."""
    if isinstance(bucket, date):
        return f"{bucket:%m-%d}" if lang == "en" else f" {bucket:%m-%d} "
    week = bucket[1] if isinstance(bucket, tuple) else bucket
    return pick(lang, f"第 {week} 周", f"week {week}")


KINDS: list[type[Rule]] = [MaxPostsPerDay, MaxPostsPerWeek, MinPostsPerDay, MinPostsPerWeek, MinGap]
