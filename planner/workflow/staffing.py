"""Can a stage ever be staffed? Who could fill each role, and why nobody can.

Judged from the team alone, before any plan: the members who hold each role, whether the stage's
day-parts fit in the plan's days, and whether the roles can go to different people as the stage needs. ``planner check``
reports a stage that fails here, and the unscheduled reasons name it as the cause.
"""

from __future__ import annotations

from dataclasses import dataclass

import networkx as nx

from planner.domain.scenario import Member, Scenario, Topic
from planner.domain.templates import StageSpec
from planner.domain.vocab import role_word, stage_word
from planner.messages import pick


@dataclass(frozen=True)
class Unstaffable:
    """Why a stage can never be staffed; ``words(lang)`` says it with the numbers."""

    topic: str
    stage: str
    cause: str  # "nobody" (no member holds a role), "length" (more days than the plan has), "pair"
    role: str
    hours: float
    members: tuple[str, ...]  # the members considered for the role (for "pair": for every role)
    day_hours: tuple[float, ...] = ()  # their hours a day (for "length")
    roles: tuple[str, ...] = ()  # the stage's roles (for "pair")
    days_needed: int = 0  # day-parts the stage needs (for "length")
    days_there: int = 0  # days in the plan (for "length")

    def words(self, lang: str = "zh") -> str:
        who = ", ".join(self.members) or pick(lang, "无人", "nobody")
        stage, role = stage_word(self.stage, lang), role_word(self.role, lang)
        if self.cause == "nobody":
            return pick(lang, f"{stage}环节需要{role}，而团队里没有人担任{role}",
                        f"the {stage} needs a {role}, and nobody on the team holds that role")
        if self.cause == "length":
            days = ", ".join(f"{m} {h:g} h" for m, h in zip(self.members, self.day_hours, strict=True))
            return pick(lang, f"{self.hours:g} 小时的{stage}环节需要 {self.days_needed} 天（{role}每天可工作 {days}），"
                              f"而计划只有 {self.days_there} 天",
                        f"the {self.hours:g} h {stage} needs {self.days_needed} days (the {role}s work {days} a day) "
                        f"and the plan has {self.days_there}")
        roles = ("、".join(role_word(r, lang) for r in self.roles) if lang != "en"
                 else " and ".join(self.roles))
        if len(self.members) == 1:
            return pick(lang, f"{stage}环节需要{roles}由不同的人在同一天担任；只有 {who} 能担任，流程要求两个人",
                        f"the {stage} needs a {roles} who are different people on the same day; "
                        f"only {who} holds these roles and the workflow requires two people")
        return pick(lang, f"{stage}环节需要{roles}由不同的人在同一天担任；能担任的只有 {who}，凑不齐",
                    f"the {stage} needs a {roles} who are different people on the same day; only {who} can, "
                    f"not enough for every role")


def day_hours(member: Member, scenario: Scenario) -> float:
    """The most a member can work on one day: their hours, within the working day."""
    start, end = scenario.horizon.work_window()
    window = (end.hour * 60 + end.minute - start.hour * 60 - start.minute) / 60
    return min(member.hours_per_day, window)


def eligible(topic: Topic, role: str, scenario: Scenario) -> list[Member]:
    """Members who hold ``role``. Rules that narrow them further (client teams, the talent a topic
    names, days off) say so themselves, with their ids, where they refuse an assignment."""
    return [member for member in scenario.team if role in member.roles]


def reach(topic: Topic, stage: StageSpec, scenario: Scenario) -> float:
    """The most hours of the stage one day can hold: for each role the longest day among those who
    hold it, the shortest of these over the roles (0 when a role has nobody)."""
    return min((max((day_hours(m, scenario) for m in eligible(topic, role, scenario)), default=0.0)
                for role in stage.roles), default=0.0)


def unstaffable(topic: Topic, stage: StageSpec, scenario: Scenario) -> Unstaffable | None:
    """Why the stage can never be staffed, or None when some members can staff it."""
    if stage.part > 1:
        return None  # a long stage is judged once, by its first day-part
    long_enough: dict[str, list[Member]] = {}
    for role in stage.roles:
        members = eligible(topic, role, scenario)
        if not members:
            return Unstaffable(topic.id, stage.name, "nobody", role, stage.hours, ())
        fits = [m for m in members if day_hours(m, scenario) >= stage.hours - 1e-9]
        if stage.parts > scenario.horizon.days or (not fits and not stage.at_publish):
            return Unstaffable(topic.id, stage.base, "length", role, stage.hours * stage.parts,
                               tuple(m.id for m in members), tuple(day_hours(m, scenario) for m in members),
                               days_needed=stage.parts, days_there=scenario.horizon.days)
        long_enough[role] = fits or members
    if not stage.distinct or len(stage.roles) == 1:  # each role on its own: one seat per member
        short = next((role for role, count in stage.roles.items() if count > len(long_enough[role])), None)
        if short is None:
            return None
        return Unstaffable(topic.id, stage.name, "nobody", short, stage.hours,
                           tuple(m.id for m in long_enough[short]))
    # Different people for different roles (and for several of one role): a matching of seats to members.
    graph = nx.Graph()
    seats = [(role, k) for role, count in stage.roles.items() for k in range(count)]
    for seat in seats:
        graph.add_node(("seat", seat))
        for member in long_enough[seat[0]]:
            graph.add_edge(("seat", seat), ("member", member.id))
    matched = nx.bipartite.maximum_matching(graph, top_nodes=[("seat", s) for s in seats])
    if all(("seat", s) in matched for s in seats):
        return None
    considered = sorted({m.id for members in long_enough.values() for m in members})
    return Unstaffable(topic.id, stage.name, "pair", next(iter(stage.roles)), stage.hours, tuple(considered),
                       roles=tuple(stage.roles))
