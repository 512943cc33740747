"""Order between publications: 首发 first, staggered cross-posts, variety, content mix (series: ``series``)."""

from __future__ import annotations

import itertools
from bisect import bisect_right
from datetime import datetime, timedelta
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from planner.domain.plan import Plan, Publication, Violation
from planner.domain.scenario import Account, Scenario, Topic
from planner.domain.vocab import Platform
from planner.messages import pick
from planner.rules.admission import Admission, SlotTimes
from planner.rules.base import Rule, grouped
from planner.rules.context import EncodeContext, Lit, PubCandidate
from planner.rules.kinds._match import topic_matches
from planner.rules.kinds._time import utc
from planner.rules.kinds.volume import Spacing


def _count_by(running: list[tuple[Any, Lit]], key: Any) -> list[tuple[Lit, int]]:
    """Terms for "count of items with key <= key" from a running count (empty when none)."""
    index = bisect_right([k for k, _ in running], key) - 1
    return [(running[index][1], 1)] if index >= 0 else []


class _FirstParams(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")
    platform: Platform | None = Field(None, description="The 首发 platform; default: each topic's first_platform.")
    hours: float = Field(0, ge=0, description="The other platforms wait at least this long.")


class FirstPublish(Rule):
    """Hard: a topic goes out on its 首发 platform first; the others follow at least ``hours`` later."""

    kind = "first_publish"
    Params = _FirstParams

    def _first(self, topic: Topic) -> str | None:
        first = self.params.platform or topic.first_platform
        return first if first in topic.platforms and len(topic.platforms) > 1 else None

    def encode(self, ctx: EncodeContext) -> None:
        delay = timedelta(hours=self.params.hours)
        # A 首发 post counts whenever it goes out; the rule's period confines the posts that follow it.
        for topic_id, cands in grouped(self.scoped_candidates(ctx, anytime=True), lambda c: c.topic.id).items():
            first = self._first(cands[0].topic)
            if first is None:
                continue
            leaders = [(utc(c.at), c.lit) for c in cands if c.account.platform == first]
            running = ctx.running_count(leaders, f"{self.id}:{topic_id}:first") if leaders else []
            for c in cands:
                if c.account.platform != first and self.covers(c.account, c.at, ctx.scenario):
                    terms = [(c.lit, 1)] + [(lit, -coef) for lit, coef in _count_by(running, utc(c.at) - delay)]
                    ctx.at_most(terms, 0, self, f"{topic_id} on {c.account.id}")

    def check(self, plan: Plan, scenario: Scenario) -> list[Violation]:
        out = []
        delay = timedelta(hours=self.params.hours)
        for topic_id, pubs in grouped(self.scoped_publications(plan, scenario, anytime=True), lambda p: p.topic).items():
            first = self._first(scenario.topic_by_id[topic_id])
            if first is None:
                continue
            leads = [utc(p.at) for p in pubs if p.platform == first]
            for pub in pubs:
                if pub.platform == first or not self.covers(scenario.account_by_id[pub.account], pub.at, scenario):
                    continue
                if not leads:
                    out.append(self.violation(f"{topic_id} goes out on {pub.platform} but never first on {first}"))
                elif utc(pub.at) - min(leads) < delay:
                    out.append(self.violation(
                        f"{topic_id} on {pub.account} at {pub.at:%m-%d %H:%M} is less than "
                        f"{self.params.hours:g} h after its 首发 on {first}"))
        return out


    def admission(self, scenario: Scenario, times: SlotTimes) -> Admission:
        return _First(self, times)


class _First(Admission):
    """A post off the 首发 platform comes ``hours`` after the topic's earliest 首发 post."""

    rule: FirstPublish

    def __init__(self, rule: FirstPublish, times: SlotTimes) -> None:
        self.rule, self.times = rule, times
        self.delay = timedelta(hours=rule.params.hours)
        self.lead: dict[str, datetime] = {}

    def relevant(self, c: PubCandidate) -> bool:
        if not self.rule.applies(c.topic, c.account):
            return False
        first = self.rule._first(c.topic)
        # A 首发 post never breaks the rule: an earlier one only widens the gaps of the topic's other posts.
        return first is not None and c.account.platform != first

    def ok(self, c: PubCandidate) -> bool:
        if not self.rule.in_scope(c, self.times):
            return True
        lead = self.lead.get(c.topic.id)
        return lead is not None and not self.times.utc(c.at) - lead < self.delay

    def add(self, c: PubCandidate) -> None:
        if self.rule.applies(c.topic, c.account) and c.account.platform == self.rule._first(c.topic):
            t = self.times.utc(c.at)
            self.lead[c.topic.id] = min(self.lead.get(c.topic.id, t), t)

    def why(self, c: PubCandidate, lang: str = "zh") -> str:
        first, hours = self.rule._first(c.topic), self.rule.params.hours
        if c.topic.id not in self.lead:
            return f"{self.rule.id}: " + pick(lang, f"{c.topic.id} 须先在 {first} 首发，而那里没有发布",
                                              f"{c.topic.id} goes out on {first} first, and it is not there")
        return f"{self.rule.id}: " + pick(lang, f"距其在 {first} 的首发不足 {hours:g} 小时",
                                          f"less than {hours:g} h after its 首发 on {first}")


class _DelayParams(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")
    hours: float = Field(gt=0)


class CrossPostDelay(Rule):
    """Hard: the same topic's publications on different accounts are at least ``hours`` apart."""

    kind = "cross_post_delay"
    Params = _DelayParams

    def encode(self, ctx: EncodeContext) -> None:
        delay = timedelta(hours=self.params.hours)
        for topic_id, cands in grouped(self.scoped_candidates(ctx), lambda c: c.topic.id).items():
            apart(ctx, self, cands, delay, topic_id)

    def check(self, plan: Plan, scenario: Scenario) -> list[Violation]:
        out = []
        delay = timedelta(hours=self.params.hours)
        for topic_id, pubs in grouped(self.scoped_publications(plan, scenario), lambda p: p.topic).items():
            pubs = sorted(pubs, key=lambda p: utc(p.at))
            for a, b in itertools.pairwise(pubs):
                if utc(b.at) - utc(a.at) < delay:
                    out.append(self.violation(
                        f"{topic_id} on {a.account} and {b.account} only {(utc(b.at) - utc(a.at)).total_seconds() / 3600:g} h "
                        f"apart (min {self.params.hours:g} h)"))
        return out


    def admission(self, scenario: Scenario, times: SlotTimes) -> Admission:
        return Spacing(self, lambda c: c.topic.id, times)


def apart(ctx: EncodeContext, rule: Rule, cands: list[PubCandidate], delay: timedelta, label: str) -> None:
    """Posts of one topic on different accounts (``cands``) at least ``delay`` apart: one window per
    distinct start time, posts inside [t, t + delay) on two accounts are too close."""
    if len({c.account.id for c in cands}) < 2:
        return
    times = sorted({c.at for c in cands}, key=utc)
    by_time = grouped(cands, lambda c: c.at)
    for i, start in enumerate(times):
        window = [c for t in times[i:] if utc(t) - utc(start) < delay for c in by_time[t]]
        if len({c.account.id for c in window}) > 1:
            ctx.at_most([(c.lit, 1) for c in window], 1, rule, f"{label} from {start:%m-%d %H:%M}")


class _VarietyParams(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")
    by: str = Field("category", pattern="^(category|format|goal)$")


class NoBackToBack(Rule):
    """Soft: an account does not post two topics of the same category (or format, goal) in a row."""

    kind = "no_back_to_back"
    Params = _VarietyParams
    default_hard = False

    def _key(self, topic: Topic) -> str:
        return str(getattr(topic, self.params.by))

    def encode(self, ctx: EncodeContext) -> None:
        for account, cands in grouped(self.scoped_candidates(ctx), lambda c: c.account.id).items():
            keys = sorted({self._key(c.topic) for c in cands})
            if len(keys) < 1:
                continue
            times = sorted({c.at for c in cands}, key=utc)
            by_time = grouped(cands, lambda c: c.at)
            for key in keys:
                if sum(1 for c in cands if self._key(c.topic) == key) < 2:
                    continue
                last: Lit = None  # "the latest post so far is of this key"
                for t in times:
                    same = [c.lit for c in by_time[t] if self._key(c.topic) == key]
                    other = [c.lit for c in by_time[t] if self._key(c.topic) != key]
                    if last is not None and same:
                        ctx.at_most([(last, 1)] + [(lit, 1) for lit in same], 1, self,
                                    f"{account} {key} at {t:%m-%d %H:%M}")
                    if not same and last is None:
                        continue
                    state = ctx.new_bool(f"{self.id}:{account}:{key}:{t:%m%d%H%M}")
                    for lit in same:
                        ctx.require_at_most([(lit, 1), (state, -1)], 0)
                    if last is not None:
                        ctx.require_at_most([(last, 1), (state, -1)] + [(lit, -1) for lit in other], 0)
                    last = state

    def check(self, plan: Plan, scenario: Scenario) -> list[Violation]:
        out = []
        for account, pubs in grouped(self.scoped_publications(plan, scenario), lambda p: p.account).items():
            pubs = sorted(pubs, key=lambda p: utc(p.at))
            for a, b in itertools.pairwise(pubs):
                ka, kb = self._key(scenario.topic_by_id[a.topic]), self._key(scenario.topic_by_id[b.topic])
                if ka == kb:
                    out.append(self.violation(f"{account}: {a.topic} and {b.topic} are both {self.params.by} {ka}, back to back"))
        return out


    def admission(self, scenario: Scenario, times: SlotTimes) -> Admission:
        return _BackToBack(self, times)


class _BackToBack(Admission):
    """(When hard) the posts just before and after on the account differ in key."""

    rule: NoBackToBack

    def __init__(self, rule: NoBackToBack, times: SlotTimes) -> None:
        self.rule, self.times = rule, times
        self.at: dict[str, list[datetime]] = {}
        self.keys: dict[str, list[str]] = {}

    def relevant(self, c: PubCandidate) -> bool:
        return self.rule.applies(c.topic, c.account)

    def ok(self, c: PubCandidate) -> bool:
        times = self.at.get(c.account.id)
        if not times:
            return True
        if not self.rule.in_scope(c, self.times):
            return True
        keys, key = self.keys[c.account.id], self.rule._key(c.topic)
        # The plan's check sorts stably: the newest post goes after those at the same instant.
        i = bisect_right(times, self.times.utc(c.at))
        return not ((i > 0 and keys[i - 1] == key) or (i < len(keys) and keys[i] == key))

    def add(self, c: PubCandidate) -> None:
        if self.rule.in_scope(c, self.times):
            times = self.at.setdefault(c.account.id, [])
            i = bisect_right(times, self.times.utc(c.at))
            times.insert(i, self.times.utc(c.at))
            self.keys.setdefault(c.account.id, []).insert(i, self.rule._key(c.topic))

    def why(self, c: PubCandidate, lang: str = "zh") -> str:
        key = self.rule._key(c.topic)
        return f"{self.rule.id}: " + pick(lang, f"{c.account.id} 会连续发布两条 {key}",
                                          f"{c.account.id} would post two of {self.rule.params.by} {key} in a row")


class _MixParams(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")
    match: dict[str, Any] = Field(description="Which posts count, e.g. {commercial: true} or {goal: convert}.")
    max_share: float | None = Field(None, ge=0, le=1)
    min_count: int | None = Field(None, ge=1)
    window_days: int = Field(7, ge=1, le=31)


class ContentMix(Rule):
    """Hard: in every window of ``window_days`` an account's matching posts stay within ``max_share`` (and reach ``min_count``)."""

    kind = "content_mix"
    Params = _MixParams

    def matches(self, topic: Topic) -> bool:
        return topic_matches(topic, self.params.match)

    def _windows(self, scenario: Scenario, rolling: bool) -> list[tuple[int, int]]:
        days, size = scenario.horizon.days, min(self.params.window_days, scenario.horizon.days)
        starts = range(0, days - size + 1) if rolling else range(0, days - size + 1, size)
        return [(s, s + size) for s in starts]

    def _count_windows(self, scenario: Scenario, account: Account) -> list[tuple[int, int]]:
        """The fixed windows a minimum counts in: wholly inside the rule's period on ``account``."""
        start = scenario.horizon.start
        return [(lo, hi) for lo, hi in self._windows(scenario, rolling=False)
                if all(self.covers_day(account, start + timedelta(days=d)) for d in range(lo, hi))]

    def _day(self, at: datetime, scenario: Scenario) -> int:
        return (scenario.horizon.localize(at).date() - scenario.horizon.start).days

    def encode(self, ctx: EncodeContext) -> None:
        share = None if self.params.max_share is None else round(self.params.max_share * 100)
        for account, cands in grouped(self.scoped_candidates(ctx), lambda c: c.account.id).items():
            # Day totals first: a window then sums a handful of counts, not every candidate.
            days = grouped(cands, lambda c: c.day)
            hits = {d: ctx.sum_var([(c.lit, 1) for c in cs if self.matches(c.topic)], f"{self.id}:{account}:{d}:hit")
                    for d, cs in days.items() if any(self.matches(c.topic) for c in cs)}
            if share is not None:
                totals = {d: ctx.sum_var([(c.lit, 1) for c in cs], f"{self.id}:{account}:{d}:all")
                          for d, cs in days.items()}
                for lo, hi in self._windows(ctx.scenario, rolling=True):
                    inside = [d for d in days if lo <= d < hi]
                    if any(d in hits for d in inside):
                        terms = [(hits[d], 100) for d in inside if d in hits] + [(totals[d], -share) for d in inside]
                        ctx.at_most(terms, 0, self, f"{account} days {lo}-{hi - 1}")
            if self.params.min_count is not None:
                for lo, hi in self._count_windows(ctx.scenario, ctx.scenario.account_by_id[account]):
                    terms = [(hits[d], 1) for d in hits if lo <= d < hi]
                    ctx.at_least(terms, self.params.min_count, self, f"{account} days {lo}-{hi - 1}")

    def check(self, plan: Plan, scenario: Scenario) -> list[Violation]:
        out = []
        pubs = self.scoped_publications(plan, scenario)
        accounts = [a.id for a in scenario.accounts if self.applies_to_account(a)]
        for account in accounts:
            mine: list[Publication] = [p for p in pubs if p.account == account]
            if self.params.max_share is not None:
                for lo, hi in self._windows(scenario, rolling=True):
                    inside = [p for p in mine if lo <= self._day(p.at, scenario) < hi]
                    hits = sum(self.matches(scenario.topic_by_id[p.topic]) for p in inside)
                    if inside and hits * 100 > round(self.params.max_share * 100) * len(inside):
                        out.append(self.violation(
                            f"{account}: {hits} of {len(inside)} posts match {self.params.match} on days {lo}-{hi - 1} "
                            f"(max {self.params.max_share:.0%})"))
            if self.params.min_count is not None:
                for lo, hi in self._count_windows(scenario, scenario.account_by_id[account]):
                    hits = sum(1 for p in mine if lo <= self._day(p.at, scenario) < hi
                               and self.matches(scenario.topic_by_id[p.topic]))
                    if hits < self.params.min_count:
                        out.append(self.violation(
                            f"{account}: {hits} posts match {self.params.match} on days {lo}-{hi - 1} "
                            f"(min {self.params.min_count})", self.params.min_count - hits))
        return out


    def admission(self, scenario: Scenario, times: SlotTimes) -> Admission:
        return _Mix(self, scenario, times)


class _Mix(Admission):
    """The share of matching posts in each rolling window holding the candidate's day, and the
    count of matching posts in every fixed window of every account in scope."""

    rule: ContentMix

    def __init__(self, rule: ContentMix, scenario: Scenario, times: SlotTimes) -> None:
        self.rule, self.times = rule, times
        self.share = None if rule.params.max_share is None else round(rule.params.max_share * 100)
        self.rolling = rule._windows(scenario, rolling=True)
        accounts = [a for a in scenario.accounts if rule.applies_to_account(a)]
        self.fixed = {a.id: rule._count_windows(scenario, a) for a in accounts}
        self.posts: dict[tuple[str, int], int] = {}  # (account, rolling window) -> posts
        self.hits: dict[tuple[str, int], int] = {}  # (account, rolling window) -> matching posts
        self.counts: dict[tuple[str, int], int] = {}  # (account, fixed window) -> matching posts
        need = rule.params.min_count
        self.short = sum(map(len, self.fixed.values())) if need is not None else 0
        self._matches: dict[str, bool] = {}

    def _match(self, c: PubCandidate) -> bool:
        known = self._matches.get(c.topic.id)
        if known is None:
            known = self._matches[c.topic.id] = self.rule.matches(c.topic)
        return known

    def _filled(self, c: PubCandidate) -> int:
        need = self.rule.params.min_count
        if need is None or not self._match(c):
            return 0
        day = self.times.day(c.at)
        return sum(1 for w, (lo, hi) in enumerate(self.fixed.get(c.account.id, []))
                   if lo <= day < hi and self.counts.get((c.account.id, w), 0) + 1 == need)

    def _over(self, c: PubCandidate) -> tuple[int, int] | None:
        """The first rolling window (lo, hi) whose share the candidate would push over."""
        if self.share is None:
            return None
        day, hit = self.times.day(c.at), self._match(c)
        for w, (lo, hi) in enumerate(self.rolling):
            if lo <= day < hi:
                key = (c.account.id, w)
                if (self.hits.get(key, 0) + hit) * 100 > self.share * (self.posts.get(key, 0) + 1):
                    return (lo, hi)
        return None

    def ok(self, c: PubCandidate) -> bool:
        if not self.rule.in_scope(c, self.times):
            return self.short == 0
        if self.short - self._filled(c) != 0:
            return False
        return self._over(c) is None

    def add(self, c: PubCandidate) -> None:
        if not self.rule.in_scope(c, self.times):
            return
        self.short -= self._filled(c)
        day, hit = self.times.day(c.at), self._match(c)
        for w, (lo, hi) in enumerate(self.rolling):
            if lo <= day < hi:
                key = (c.account.id, w)
                self.posts[key] = self.posts.get(key, 0) + 1
                self.hits[key] = self.hits.get(key, 0) + hit
        if hit:
            for w, (lo, hi) in enumerate(self.fixed.get(c.account.id, [])):
                if lo <= day < hi:
                    self.counts[(c.account.id, w)] = self.counts.get((c.account.id, w), 0) + 1

    def why(self, c: PubCandidate, lang: str = "zh") -> str:
        over = self._over(c) if self.rule.in_scope(c, self.times) else None
        match, p = self.rule.params.match, self.rule.params
        if over is not None:
            days = f"{over[0] + 1}-{over[1]}"
            return f"{self.rule.id}: " + pick(
                lang, f"{c.account.id} 第 {days} 天符合 {match} 的内容会超过 {p.max_share:.0%}",
                f"posts matching {match} on {c.account.id} would exceed {p.max_share:.0%} on days {days}")
        return f"{self.rule.id}: " + pick(lang, f"仍有时段不足 {p.min_count} 条符合 {match} 的内容",
                                          f"some windows still lack {p.min_count} posts matching {match}")


KINDS = [FirstPublish, CrossPostDelay, NoBackToBack, ContentMix]
