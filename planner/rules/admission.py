"""The admission face: a rule judging posts added to a plan one at a time.

The greedy grows its plan only by publications that keep every hard rule, so before each new
candidate the plan placed so far breaks none (or is empty). A candidate is then refused exactly
when the plan with it added breaks the rule, and for most kinds only the rule's groups that hold
the candidate can change: its account's day and week, its neighbours in time on the account, its
topic's other posts. A kind's ``Rule.admission`` returns an ``Admission`` that keeps those groups
and answers in a few look-ups; the rule's own ``check`` on the whole plan stays the reference.

The same face explains: ``why`` says, in words with numbers, what a refused candidate would break.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING

from planner.domain.scenario import Scenario
from planner.rules.context import PubCandidate
from planner.rules.kinds._time import local, utc

if TYPE_CHECKING:
    from planner.rules.base import Rule


class Admission:
    """One hard rule over a growing plan: would adding ``c`` break it? ``add`` records ``c``.

    ``ok`` is only asked about candidates for which ``relevant`` (the same for every candidate of
    a topic and account) holds; the others always keep the rule.
    """

    rule: Rule

    def relevant(self, c: PubCandidate) -> bool:
        return True

    def ok(self, c: PubCandidate) -> bool:
        raise NotImplementedError

    def add(self, c: PubCandidate) -> None:
        raise NotImplementedError

    def why(self, c: PubCandidate, lang: str = "zh") -> str:
        """What adding ``c`` (refused by ``ok``) would break: "rule id: words with numbers", in ``lang``."""
        return f"{self.rule.id}: {self.rule.summary()}"


class SlotTimes:
    """Local dates and UTC instants of slots, worked out once per (zone, slot) and shared by every admission."""

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
        """Horizon day index of a moment in the horizon's zone."""
        known = self._day.get(at)
        if known is None:
            known = self._day[at] = (self.scenario.horizon.localize(at).date() - self.scenario.horizon.start).days
        return known
