"""Hard publication rules checked as a plan grows one publication at a time (the greedy's check).

The greedy plan only ever grows by publications that keep every hard rule, so before each new
candidate the plan placed so far breaks none (or is empty). A candidate is then refused exactly
when the plan with it added breaks a rule, and for most kinds only the rule's groups that hold
the candidate can change: its account's day and week, its neighbours in time on the account,
its topic's other posts. Each checker below keeps those groups and answers in a few look-ups;
``FullCheck`` (every rule's own ``check`` on the whole plan, as the greedy first did) stays the
reference, and the fallback for rule kinds without an incremental checker.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right, insort
from datetime import date, datetime, timedelta

from planner.domain.plan import Plan, Publication
from planner.domain.scenario import Scenario
from planner.rules.base import Rule
from planner.rules.context import PubCandidate
from planner.rules.kinds._time import local, utc
from planner.rules.kinds.order import ContentMix, CrossPostDelay, FirstPublish, NoBackToBack, SeriesOrder
from planner.rules.kinds.volume import MaxPostsPerDay, MaxPostsPerWeek, MinGap, MinPostsPerDay, MinPostsPerWeek


class Check:
    """One hard rule over the growing plan: would adding ``c`` break it? ``add`` records ``c``.

    ``ok`` is only asked about candidates for which ``relevant`` (the same for every candidate of
    a topic and account) holds; the others always keep the rule.
    """

    def relevant(self, c: PubCandidate) -> bool:
        return True

    def ok(self, c: PubCandidate) -> bool:
        raise NotImplementedError

    def add(self, c: PubCandidate) -> None:
        raise NotImplementedError


class _Times:
    """Local dates and UTC instants of slots, worked out once per (zone, slot)."""

    def __init__(self, scenario: Scenario) -> None:
        self.scenario = scenario
        self._utc: dict[datetime, datetime] = {}
        self._local: dict[tuple[str | None, datetime], date] = {}
        self._day: dict[datetime, int] = {}

    def utc(self, at: datetime) -> datetime:
        known = self._utc.get(at)
        if known is None:
            known = self._utc[at] = utc(at)
        return known

    def local_date(self, c: PubCandidate) -> date:
        key = (c.account.timezone, c.at)
        known = self._local.get(key)
        if known is None:
            known = self._local[key] = local(c.at, c.account, self.scenario).date()
        return known

    def day(self, at: datetime) -> int:
        """Horizon day index of a moment, as ContentMix counts days."""
        known = self._day.get(at)
        if known is None:
            known = self._day[at] = (self.scenario.horizon.localize(at).date() - self.scenario.horizon.start).days
        return known


class FullCheck(Check):
    """Every given rule's own ``check`` on the whole plan with the candidate added."""

    def __init__(self, scenario: Scenario, rules: list[Rule]) -> None:
        self.scenario, self.rules = scenario, rules
        self.pubs: list[PubCandidate] = []

    def ok(self, c: PubCandidate) -> bool:
        if not self.rules:
            return True
        return publication_ok(self.scenario, self.rules, [*self.pubs, c])

    def add(self, c: PubCandidate) -> None:
        self.pubs.append(c)


class _MaxCount(Check):
    """max_posts_per_day / _week: the candidate's account and day (week) is below the cap."""

    def __init__(self, rule: MaxPostsPerDay, times: _Times) -> None:
        self.rule, self.times = rule, times
        self.counts: dict[tuple[str, object], int] = {}

    def _key(self, c: PubCandidate) -> tuple[str, object]:
        return (c.account.id, self.rule._bucket(self.times.local_date(c)))

    def relevant(self, c: PubCandidate) -> bool:
        return self.rule.applies(c.topic, c.account)

    def ok(self, c: PubCandidate) -> bool:
        return self.counts.get(self._key(c), 0) + 1 <= self.rule.params.max

    def add(self, c: PubCandidate) -> None:
        if self.rule.applies(c.topic, c.account):
            key = self._key(c)
            self.counts[key] = self.counts.get(key, 0) + 1


class _MinCount(Check):
    """min_posts_per_day / _week (when hard): every account and full day (week) reaches the minimum."""

    def __init__(self, rule: MinPostsPerDay, scenario: Scenario, times: _Times) -> None:
        self.rule, self.times = rule, times
        self.need = {(a, b) for a in rule._accounts(scenario) for b in rule._full_buckets(scenario)}
        self.counts: dict[tuple[str, object], int] = {}
        self.short = len(self.need)  # buckets below the minimum (every one, while the plan is empty)

    def _key(self, c: PubCandidate) -> tuple[str, object]:
        return (c.account.id, self.rule._bucket(self.times.local_date(c)))

    def _filled(self, c: PubCandidate) -> int:
        """How many short buckets adding ``c`` fills (0 or 1)."""
        if not self.rule.applies(c.topic, c.account):
            return 0
        key = self._key(c)
        return int(key in self.need and self.counts.get(key, 0) + 1 == self.rule.params.min)

    def ok(self, c: PubCandidate) -> bool:
        return self.short - self._filled(c) == 0

    def add(self, c: PubCandidate) -> None:
        self.short -= self._filled(c)
        if self.rule.applies(c.topic, c.account):
            key = self._key(c)
            self.counts[key] = self.counts.get(key, 0) + 1


class _Spacing(Check):
    """min_gap (per account) and cross_post_delay (per topic): the nearest neighbours in time are far enough."""

    def __init__(self, rule: MinGap | CrossPostDelay, by_topic: bool, times: _Times) -> None:
        self.rule, self.by_topic, self.times = rule, by_topic, times
        self.gap = timedelta(hours=rule.params.hours)
        self.sorted: dict[str, list[datetime]] = {}

    def _group(self, c: PubCandidate) -> str:
        return c.topic.id if self.by_topic else c.account.id

    def relevant(self, c: PubCandidate) -> bool:
        return self.rule.applies(c.topic, c.account)

    def ok(self, c: PubCandidate) -> bool:
        times = self.sorted.get(self._group(c))
        if not times:
            return True
        t = self.times.utc(c.at)
        i = bisect_left(times, t)
        if i < len(times) and times[i] - t < self.gap:
            return False
        return not (i > 0 and t - times[i - 1] < self.gap)

    def add(self, c: PubCandidate) -> None:
        if self.rule.applies(c.topic, c.account):
            insort(self.sorted.setdefault(self._group(c), []), self.times.utc(c.at))


class _First(Check):
    """first_publish: a post off the 首发 platform comes ``hours`` after the topic's earliest 首发 post."""

    def __init__(self, rule: FirstPublish, times: _Times) -> None:
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
        lead = self.lead.get(c.topic.id)
        return lead is not None and not self.times.utc(c.at) - lead < self.delay

    def add(self, c: PubCandidate) -> None:
        if self.rule.applies(c.topic, c.account) and c.account.platform == self.rule._first(c.topic):
            t = self.times.utc(c.at)
            self.lead[c.topic.id] = min(self.lead.get(c.topic.id, t), t)


class _Series(Check):
    """series_order: a topic goes out ``min_days`` after the first post of each topic it follows."""

    def __init__(self, rule: SeriesOrder, scenario: Scenario, times: _Times) -> None:
        self.times = times
        self.gap = timedelta(days=rule.params.min_days)
        self.before: dict[str, list[str]] = {}
        for before, after, _why in rule._edges(scenario):
            self.before.setdefault(after, []).append(before)
        self.first: dict[str, datetime] = {}  # over every publication, in scope or not, as the check counts

    def relevant(self, c: PubCandidate) -> bool:
        return bool(self.before.get(c.topic.id))  # an earlier first post only helps the topics that follow

    def ok(self, c: PubCandidate) -> bool:
        t = self.times.utc(c.at)
        for before in self.before[c.topic.id]:
            first = self.first.get(before)
            if before == c.topic.id:
                first = t if first is None else min(first, t)
            if first is None or t - first < self.gap:
                return False
        return True

    def add(self, c: PubCandidate) -> None:
        t = self.times.utc(c.at)
        self.first[c.topic.id] = min(self.first.get(c.topic.id, t), t)


class _BackToBack(Check):
    """no_back_to_back (when hard): the posts just before and after on the account differ in key."""

    def __init__(self, rule: NoBackToBack, times: _Times) -> None:
        self.rule, self.times = rule, times
        self.at: dict[str, list[datetime]] = {}
        self.keys: dict[str, list[str]] = {}

    def relevant(self, c: PubCandidate) -> bool:
        return self.rule.applies(c.topic, c.account)

    def ok(self, c: PubCandidate) -> bool:
        times = self.at.get(c.account.id)
        if not times:
            return True
        keys, key = self.keys[c.account.id], self.rule._key(c.topic)
        # The plan's check sorts stably: the newest post goes after those at the same instant.
        i = bisect_right(times, self.times.utc(c.at))
        return not ((i > 0 and keys[i - 1] == key) or (i < len(keys) and keys[i] == key))

    def add(self, c: PubCandidate) -> None:
        if self.rule.applies(c.topic, c.account):
            times = self.at.setdefault(c.account.id, [])
            i = bisect_right(times, self.times.utc(c.at))
            times.insert(i, self.times.utc(c.at))
            self.keys.setdefault(c.account.id, []).insert(i, self.rule._key(c.topic))


class _Mix(Check):
    """content_mix: the share of matching posts in each rolling window holding the candidate's day,
    and the count of matching posts in every fixed window of every account in scope."""

    def __init__(self, rule: ContentMix, scenario: Scenario, times: _Times) -> None:
        self.rule, self.times = rule, times
        self.share = None if rule.params.max_share is None else round(rule.params.max_share * 100)
        self.rolling = rule._windows(scenario, rolling=True)
        self.fixed = rule._windows(scenario, rolling=False)
        accounts = [a.id for a in scenario.accounts if rule.applies_to_account(a)]
        self.posts: dict[tuple[str, int], int] = {}  # (account, rolling window) -> posts
        self.hits: dict[tuple[str, int], int] = {}  # (account, rolling window) -> matching posts
        self.counts: dict[tuple[str, int], int] = {}  # (account, fixed window) -> matching posts
        need = rule.params.min_count
        self.short = len(accounts) * len(self.fixed) if need is not None else 0
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
        return sum(1 for w, (lo, hi) in enumerate(self.fixed)
                   if lo <= day < hi and self.counts.get((c.account.id, w), 0) + 1 == need)

    def ok(self, c: PubCandidate) -> bool:
        if not self.rule.applies(c.topic, c.account):
            return self.short == 0
        if self.short - self._filled(c) != 0:
            return False
        if self.share is not None:
            day, hit = self.times.day(c.at), self._match(c)
            for w, (lo, hi) in enumerate(self.rolling):
                if lo <= day < hi:
                    key = (c.account.id, w)
                    if (self.hits.get(key, 0) + hit) * 100 > self.share * (self.posts.get(key, 0) + 1):
                        return False
        return True

    def add(self, c: PubCandidate) -> None:
        if not self.rule.applies(c.topic, c.account):
            return
        self.short -= self._filled(c)
        day, hit = self.times.day(c.at), self._match(c)
        for w, (lo, hi) in enumerate(self.rolling):
            if lo <= day < hi:
                key = (c.account.id, w)
                self.posts[key] = self.posts.get(key, 0) + 1
                self.hits[key] = self.hits.get(key, 0) + hit
        if hit:
            for w, (lo, hi) in enumerate(self.fixed):
                if lo <= day < hi:
                    self.counts[(c.account.id, w)] = self.counts.get((c.account.id, w), 0) + 1


class PublicationChecks(Check):
    """Every hard publication rule over the growing plan: incremental where the kind is known."""

    def __init__(self, scenario: Scenario, rules: list[Rule]) -> None:
        times = _Times(scenario)
        self.checks: list[Check] = []
        rest: list[Rule] = []
        for rule in rules:
            check = _incremental(rule, scenario, times)
            if check is None:
                rest.append(rule)
            else:
                self.checks.append(check)
        if rest:
            self.checks.append(FullCheck(scenario, rest))
        self._relevant: dict[tuple[str, str], list[Check]] = {}

    def ok(self, c: PubCandidate) -> bool:
        key = (c.topic.id, c.account.id)
        mine = self._relevant.get(key)
        if mine is None:
            mine = self._relevant[key] = [check for check in self.checks if check.relevant(c)]
        return all(check.ok(c) for check in mine)

    def add(self, c: PubCandidate) -> None:
        for check in self.checks:
            check.add(c)


def _incremental(rule: Rule, scenario: Scenario, times: _Times) -> Check | None:
    """The incremental check of a rule's kind; None for kinds without one (or subclasses, which may judge otherwise)."""
    kind = type(rule)
    if isinstance(rule, MaxPostsPerDay) and kind in (MaxPostsPerDay, MaxPostsPerWeek):
        return _MaxCount(rule, times)
    if isinstance(rule, MinPostsPerDay) and kind in (MinPostsPerDay, MinPostsPerWeek):
        return _MinCount(rule, scenario, times)
    if isinstance(rule, MinGap) and kind is MinGap:
        return _Spacing(rule, False, times)
    if isinstance(rule, CrossPostDelay) and kind is CrossPostDelay:
        return _Spacing(rule, True, times)
    if isinstance(rule, FirstPublish) and kind is FirstPublish:
        return _First(rule, times)
    if isinstance(rule, SeriesOrder) and kind is SeriesOrder:
        return _Series(rule, scenario, times)
    if isinstance(rule, NoBackToBack) and kind is NoBackToBack:
        return _BackToBack(rule, times)
    if isinstance(rule, ContentMix) and kind is ContentMix:
        return _Mix(rule, scenario, times)
    return None


def publication_ok(scenario: Scenario, rules: list[Rule], pubs: list[PubCandidate]) -> bool:
    """The reference: every rule's own check on the whole plan (slow: it rebuilds the plan)."""
    plan = Plan(scenario=scenario.name, generated_at=scenario.horizon.localize(scenario.horizon.start),
                publications=[Publication(topic=c.topic.id, account=c.account.id, platform=c.account.platform, at=c.at)
                              for c in pubs])
    return not any(v.hard for r in rules for v in r.check(plan, scenario))
