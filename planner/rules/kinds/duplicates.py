"""Platform hygiene across a brand's accounts: the same video on several accounts of one platform.

Platforms treat one video published by several accounts at once as 搬运 / 重复内容 (reposted,
unoriginal content) and limit its reach; a matrix of accounts (矩阵号) staggers a topic and keeps
it to a few of them. A variation that makes the second post a different video (another cut, an
adaptation task) is not modelled: a topic is one video.
"""

from __future__ import annotations

import itertools
from datetime import timedelta

from pydantic import BaseModel, ConfigDict, Field

from planner.domain.plan import Plan, Violation
from planner.domain.scenario import Scenario
from planner.messages import pick
from planner.rules.admission import Admission, SlotTimes
from planner.rules.base import Rule, grouped
from planner.rules.context import EncodeContext, PubCandidate
from planner.rules.kinds._time import utc
from planner.rules.kinds.order import apart
from planner.rules.kinds.volume import Spacing


class _DuplicateParams(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")
    max_accounts: int = Field(ge=1, description="A topic goes out on at most this many accounts of one platform.")
    hours: float = Field(0, ge=0, le=24 * 14, description="Hours between two of those posts.")


def _group(topic: str, platform: str) -> str:
    return f"{topic}@{platform}"


class DuplicateContent(Rule):
    """Hard: on one platform a topic goes out on at most ``max_accounts`` accounts, ``hours`` apart (搬运/重复内容)."""

    kind = "duplicate_content"
    Params = _DuplicateParams

    def encode(self, ctx: EncodeContext) -> None:
        delay = timedelta(hours=self.params.hours)
        for key, cands in grouped(self.scoped_candidates(ctx), lambda c: _group(c.topic.id, c.account.platform)).items():
            accounts = {c.account.id for c in cands}
            if len(accounts) > self.params.max_accounts:  # a topic goes out once per account
                ctx.at_most([(c.lit, 1) for c in cands], self.params.max_accounts, self, f"{key} accounts")
            if delay:
                apart(ctx, self, cands, delay, key)

    def check(self, plan: Plan, scenario: Scenario) -> list[Violation]:
        out = []
        p = self.params
        for (topic, platform), pubs in grouped(self.scoped_publications(plan, scenario),
                                               lambda x: (x.topic, x.platform)).items():
            accounts = sorted({x.account for x in pubs})
            if len(accounts) > p.max_accounts:
                names = ", ".join(accounts)
                out.append(self.violation(self.say(
                    f"{topic} 在 {platform} 的 {len(accounts)} 个账号发布（{names}），最多 {p.max_accounts} 个",
                    f"{topic} goes out on {len(accounts)} {platform} accounts ({names}), max {p.max_accounts}"),
                    len(accounts) - p.max_accounts))
            for a, b in itertools.pairwise(sorted(pubs, key=lambda x: utc(x.at))):
                hours = (utc(b.at) - utc(a.at)).total_seconds() / 3600
                if hours < p.hours:
                    out.append(self.violation(self.say(
                        f"{topic} 在 {a.account} 与 {b.account} 仅相隔 {hours:g} 小时（至少 {p.hours:g} 小时）",
                        f"{topic} on {a.account} and {b.account} only {hours:g} h apart (min {p.hours:g} h)")))
        return out

    def admission(self, scenario: Scenario, times: SlotTimes) -> Admission:
        return _Duplicate(self, times)


class _Duplicate(Admission):
    """The candidate's topic has fewer than ``max_accounts`` posts on its platform, none within ``hours``."""

    rule: DuplicateContent

    def __init__(self, rule: DuplicateContent, times: SlotTimes) -> None:
        self.rule, self.times = rule, times
        self.spacing = Spacing(rule, lambda c: _group(c.topic.id, c.account.platform), times)
        self.counts: dict[str, int] = {}

    def relevant(self, c: PubCandidate) -> bool:
        return self.rule.applies(c.topic, c.account)

    def _full(self, c: PubCandidate) -> bool:
        return self.counts.get(_group(c.topic.id, c.account.platform), 0) >= self.rule.params.max_accounts

    def ok(self, c: PubCandidate) -> bool:
        return not self.rule.in_scope(c, self.times) or (not self._full(c) and self.spacing.ok(c))

    def add(self, c: PubCandidate) -> None:
        if self.rule.in_scope(c, self.times):
            key = _group(c.topic.id, c.account.platform)
            self.counts[key] = self.counts.get(key, 0) + 1
            self.spacing.add(c)

    def why(self, c: PubCandidate, lang: str = "zh") -> str:
        if self._full(c):
            n = self.rule.params.max_accounts
            return f"{self.rule.id}: " + pick(lang, f"{c.topic.id} 已在 {c.account.platform} 的 {n} 个账号发布（上限 {n}）",
                                              f"{c.topic.id} already goes out on {n} {c.account.platform} accounts (max {n})")
        return self.spacing.why(c, lang)


KINDS: list[type[Rule]] = [DuplicateContent]
