"""The narrow window through which a rule encodes itself. The solver implements it.

Rules never see solver types: literals are opaque handles, and every constraint goes
through one of the methods below, tagged with the rule so penalties can be reported.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING, Any, Protocol

from planner.domain.scenario import Account, Member, Scenario, Topic

if TYPE_CHECKING:
    from planner.domain.templates import StageSpec
    from planner.rules.base import Rule

Lit = Any  # an opaque 0/1 handle owned by the solver
Term = tuple[Lit, int]


@dataclass(frozen=True)
class PubCandidate:
    """A possible publication: topic on account at a slot start (aware datetime)."""

    topic: Topic
    account: Account
    at: datetime
    slot: int
    day: int
    lit: Lit = None


@dataclass(frozen=True)
class WorkCandidate:
    """A possible assignment: member works ``hours`` on a topic's stage on a day."""

    topic: Topic
    stage: str
    role: str
    member: Member
    day: int
    date: date
    hours: float
    lit: Lit = None
    #: A duty that follows a post (replying to comments) happens inside this window, not in working hours.
    window: tuple[datetime, datetime] | None = None


class EncodeContext(Protocol):
    scenario: Scenario

    def publications(self) -> Sequence[PubCandidate]:
        """Every publication candidate left after pruning."""
        ...

    def work(self) -> Sequence[WorkCandidate]:
        """Every work-assignment candidate left after pruning."""
        ...

    def member_hours(self) -> Sequence[WorkCandidate]:
        """Each member's time on a stage and day, once however many of its roles they fill there
        (a creator filming themselves); its literal is 1 when they work on it at all."""
        ...

    def duties(self, post: PubCandidate, rule: Rule) -> Sequence[WorkCandidate]:
        """The duty assignments ``rule.duty_work`` offered for this post, with their literals."""
        ...

    def publications_by_pair(self) -> Mapping[tuple[str, str], Sequence[PubCandidate]]:
        """The same candidates grouped by (topic id, account id), in candidate order."""
        ...

    def stages(self, topic_id: str) -> Sequence[StageSpec]:
        """The topic's stages as planned: in order, what it has done left out, long ones in day-parts."""
        ...

    def stage_days(self, topic_id: str, stage: str) -> dict[int, Lit]:
        """Day index -> literal 'this stage of the topic runs that day'."""
        ...

    def topic_made(self, topic_id: str) -> Lit:
        """Literal 'the topic is made and goes out at least once' (every post of it implies it)."""
        ...

    def final_stages(self, topic_id: str, platform: str) -> list[str]:
        """Stages that must be done before the topic goes out on ``platform``."""
        ...

    def day_of(self, moment: datetime) -> int:
        """Horizon day index of a moment (may be outside 0..days-1)."""
        ...

    def day_end(self, day: int) -> datetime:
        """End of working hours on a horizon day."""
        ...

    def forbid(self, lits: Sequence[Lit], rule: Rule, label: str) -> None:
        """Hard: these are 0. Soft: each one that is 1 costs the rule's weight."""
        ...

    def at_most(self, terms: Sequence[Term], bound: int, rule: Rule, label: str) -> None:
        """sum(coef * lit) <= bound; for a soft rule each unit over costs the weight."""
        ...

    def at_least(self, terms: Sequence[Term], bound: int, rule: Rule, label: str) -> None:
        """sum(coef * lit) >= bound; for a soft rule each unit short costs the weight."""
        ...

    def require_at_most(self, terms: Sequence[Term], bound: int) -> None:
        """A hard definition (never penalised), e.g. linking a rule's own helper variables."""
        ...

    def new_bool(self, name: str) -> Lit:
        ...

    def sum_var(self, terms: Sequence[Term], name: str) -> Lit:
        """An integer variable equal to sum(coef * lit): lets a rule aggregate before it constrains."""
        ...

    def running_count(self, items: Sequence[tuple[Any, Lit]], name: str) -> list[tuple[Any, Lit]]:
        """Sorted (key, count of items with key <= this key) for each distinct key.

        Lets a rule say "published by time T" with one variable instead of a long sum.
        """
        ...
