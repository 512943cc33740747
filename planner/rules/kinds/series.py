"""Order between topics: episode k after episode k-1, a topic after those in its ``after`` list.

"After" means strictly after, by a gap the rule carries (the implicit ``topic.series_order`` says
1 h): the later topic goes out that long after the earlier one's first post anywhere, and, on every
platform where both go out, that long after every post of the earlier one there (开奖 never reaches
微博 before 抽奖 did, nor goes out in the same minute on 抖音).
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from planner.domain.plan import Plan, Publication, Violation
from planner.domain.scenario import Scenario
from planner.domain.templates import topic_dependencies
from planner.messages import pick
from planner.rules.admission import Admission, SlotTimes
from planner.rules.base import Rule, grouped
from planner.rules.context import EncodeContext, Lit, PubCandidate
from planner.rules.kinds._time import utc
from planner.rules.kinds.order import _count_by


class _SeriesParams(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")
    min_days: float = Field(0, ge=0, description="At least this many days after the one before.")
    min_hours: float = Field(0, ge=0, description="And this many hours more (0 with min_days 0: the same minute is allowed).")


class SeriesOrder(Rule):
    """Hard: episode k (a topic with ``after``) goes out ``min_days`` + ``min_hours`` after episode k-1's first post,
    and after each of its posts on every platform where both go out."""

    kind = "series_order"
    Params = _SeriesParams

    @property
    def gap(self) -> timedelta:
        return timedelta(days=self.params.min_days, hours=self.params.min_hours)

    def _edges(self, scenario: Scenario) -> list[tuple[str, str, str]]:
        return [e for e in topic_dependencies(scenario.topics)
                if self.applies_to_topic(scenario.topic_by_id[e[1]])]

    def encode(self, ctx: EncodeContext) -> None:
        gap = self.gap
        # The earlier topic's posts count wherever and whenever they go out; the rule's scope and
        # period pick the later topic's posts it constrains.
        every = grouped(ctx.publications(), lambda c: c.topic.id)
        later = grouped(self.scoped_candidates(ctx), lambda c: c.topic.id)
        running: dict[Any, list[tuple[Any, Lit]]] = {}

        def counts(key: Any, cands: list[PubCandidate]) -> list[tuple[Any, Lit]]:
            if key not in running:
                items = [(utc(c.at), c.lit) for c in cands]
                running[key] = ctx.running_count(items, f"{self.id}:{':'.join(key)}") if items else []
            return running[key]

        for before, after, why in self._edges(ctx.scenario):
            prior = every.get(before, [])
            on = grouped(prior, lambda c: c.account.platform)
            if self.hard and later.get(after) and len(later[after]) == len(every.get(after, [])):
                # Every post of ``after`` is in scope: it is made only if ``before`` is. Implied by the
                # rows below in whole plans, not in the LP bound (a quarter of an episode 1 posted on
                # two accounts let a whole episode 2 go out).
                ctx.at_most([(ctx.topic_made(after), 1), (ctx.topic_made(before), -1)], 0, self, why)
            for c in later.get(after, []):
                cutoff = utc(c.at) - gap
                terms = [(lit, -k) for lit, k in _count_by(counts((before,), prior), cutoff)]
                ctx.at_most([(c.lit, 1), *terms], 0, self, why)
                there = on.get(c.account.platform)
                if not there:
                    continue
                # Every post of ``before`` on this platform by the cutoff: K * c + (posts there) -
                # (posts there by the cutoff) <= K, K the accounts that may post it there.
                per = counts((before, c.account.platform), there)
                accounts = len({p.account.id for p in there})
                by_cutoff = _count_by(per, cutoff)
                # A count is no literal: "c + count <= 1" must not read as at-most-one of literals.
                k = 2 if accounts == 1 and not by_cutoff else 1
                late = [(per[-1][1], k)] + [(lit, -n) for lit, n in by_cutoff]
                ctx.at_most([(c.lit, accounts * k), *late], accounts * k, self, f"{why} on {c.account.platform}")

    def check(self, plan: Plan, scenario: Scenario) -> list[Violation]:
        gap = self.gap
        posts = grouped(plan.publications, lambda p: p.topic)
        later = grouped(self.scoped_publications(plan, scenario), lambda p: p.topic)
        out = []
        for before, after, why in self._edges(scenario):
            prior = posts.get(before, [])
            for pub in later.get(after, []):
                if not prior:
                    out.append(self.violation(self.say(f"{after} 已发布而 {before} 从未发布（{why}）",
                                                       f"{after} goes out but {before} never does ({why})")))
                    continue
                first = min(prior, key=lambda p: utc(p.at))
                clash = first if utc(pub.at) - utc(first.at) < gap else next(
                    (p for p in sorted(prior, key=lambda p: utc(p.at), reverse=True)
                     if p.platform == pub.platform and utc(pub.at) - utc(p.at) < gap), None)
                if clash is not None:
                    out.append(self.violation(self._order_words(scenario, before, after, pub, clash)))
        return out

    def _order_words(self, scenario: Scenario, before: str, after: str, pub: Publication, prior: Publication) -> str:
        """ "episode 2 (b) on dy at 12-08 19:00 comes before episode 1 (a) on dy at 12-08 20:00", or too soon after it."""
        b, a = scenario.topic_by_id[before], scenario.topic_by_id[after]
        same = a.series is not None and a.series == b.series
        what = self.say(f"第 {a.episode} 集（{after}）", f"episode {a.episode} ({after})") if same else after
        earlier = self.say(f"第 {b.episode} 集（{before}）", f"episode {b.episode} ({before})") if same else before
        when = self.say(f"{pub.account} {pub.at:%m-%d %H:%M}", f"on {pub.account} at {pub.at:%m-%d %H:%M}")
        then = self.say(f"{prior.account} {prior.at:%m-%d %H:%M}", f"on {prior.account} at {prior.at:%m-%d %H:%M}")
        gap = _gap_words(self.gap, self.lang)
        if utc(pub.at) <= utc(prior.at):
            return self.say(f"{what}（{when}）早于 {earlier}（{then}），应晚 {gap}",
                            f"{what} {when} is not after {earlier} {then} (min {gap} later)")
        return self.say(f"{what}（{when}）距 {earlier}（{then}）不足 {gap}",
                        f"{what} {when} is less than {gap} after {earlier} {then}")

    def admission(self, scenario: Scenario, times: SlotTimes) -> Admission:
        return _Series(self, scenario, times)


def _gap_words(gap: timedelta, lang: str) -> str:
    hours = gap.total_seconds() / 3600
    if hours and hours % 24 == 0:
        return pick(lang, f"{hours / 24:g} 天", f"{hours / 24:g} days")
    return pick(lang, f"{hours:g} 小时", f"{hours:g} h")


class _Series(Admission):
    """A later topic's post comes ``gap`` after the earlier topic's first post and after its posts on
    the same platform; an earlier topic's post comes ``gap`` before the later topics' posts there."""

    rule: SeriesOrder

    def __init__(self, rule: SeriesOrder, scenario: Scenario, times: SlotTimes) -> None:
        self.rule, self.times, self.gap = rule, times, rule.gap
        self.before: dict[str, list[str]] = {}
        self.after: dict[str, list[str]] = {}
        for before, after, _why in rule._edges(scenario):
            self.before.setdefault(after, []).append(before)
            self.after.setdefault(before, []).append(after)
        self.first: dict[str, datetime] = {}  # over every publication, in scope or not, as the check counts
        self.last_on: dict[tuple[str, str], datetime] = {}  # (topic, platform) -> its latest post there
        self.first_on: dict[tuple[str, str], datetime] = {}  # (later topic, platform) -> its earliest post in scope

    def relevant(self, c: PubCandidate) -> bool:
        return bool(self.before.get(c.topic.id) or self.after.get(c.topic.id))

    def _blocker(self, c: PubCandidate) -> str | None:
        t, platform = self.times.utc(c.at), c.account.platform
        if self.rule.in_scope(c, self.times):
            for before in self.before.get(c.topic.id, []):
                first = self.first.get(before)
                if before == c.topic.id:
                    first = t if first is None else min(first, t)
                last = self.last_on.get((before, platform))
                if first is None or t - first < self.gap or (last is not None and t - last < self.gap):
                    return before
        for after in self.after.get(c.topic.id, []):  # an earlier topic's post must not land after a later one's
            later = self.first_on.get((after, platform))
            if later is not None and later - t < self.gap:
                return after
        return None

    def ok(self, c: PubCandidate) -> bool:
        return self._blocker(c) is None

    def add(self, c: PubCandidate) -> None:
        t, platform = self.times.utc(c.at), c.account.platform
        self.first[c.topic.id] = min(self.first.get(c.topic.id, t), t)
        self.last_on[(c.topic.id, platform)] = max(self.last_on.get((c.topic.id, platform), t), t)
        if self.before.get(c.topic.id) and self.rule.in_scope(c, self.times):
            key = (c.topic.id, platform)
            self.first_on[key] = min(self.first_on.get(key, t), t)

    def why(self, c: PubCandidate, lang: str = "zh") -> str:
        other, gap = self._blocker(c), _gap_words(self.gap, lang)
        if other is not None and other in self.after.get(c.topic.id, []):
            return f"{self.rule.id}: " + pick(lang, f"{c.topic.id} 须比 {other} 在 {c.account.platform} 早至少 {gap}",
                                              f"{c.topic.id} must go out {gap} before {other} on {c.account.platform}")
        if other is None or other not in self.first:
            return f"{self.rule.id}: " + pick(lang, f"{c.topic.id} 排在 {other} 之后，而 {other} 未发布",
                                              f"{c.topic.id} comes after {other}, which is not published")
        return f"{self.rule.id}: " + pick(lang, f"{c.topic.id} 须在 {other} 之后至少 {gap} 发布",
                                          f"{c.topic.id} must go out {gap} after {other}")


KINDS: list[type[Rule]] = [SeriesOrder]
