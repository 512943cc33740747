"""Plans side by side: the first is the base; each other plan is compared with it."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

import pandas as pd

from planner.domain.plan import Plan
from planner.domain.scenario import Scenario
from planner.scoring.score import ScoreResult, score

CHANGE_COLUMNS = ["plan", "change", "topic", "title", "where", "before", "after"]


@dataclass
class Comparison:
    """``summary``: one row per plan (status, objective, value, posts, unscheduled, violations).
    ``kpis``: the plans' KPI rollups stacked with a ``plan`` column. ``posts``: plan × account counts.
    ``hours``: plan × member hours. ``unscheduled``: plan, topic, title, reasons. ``changes``: what
    each plan does differently from the base: publications moved, added or dropped, tasks reassigned."""

    base: str
    scores: dict[str, ScoreResult]
    summary: pd.DataFrame
    kpis: pd.DataFrame
    posts: pd.DataFrame
    hours: pd.DataFrame
    unscheduled: pd.DataFrame
    changes: pd.DataFrame


def compare(plans: dict[str, tuple[Scenario, Plan]]) -> Comparison:
    """Score every plan and compare each with the first one. Keys name the plans in the reports."""
    if not plans:
        raise ValueError("compare needs at least one plan")
    # The comparison shows no best-time heatmaps: skip them (the slowest part of a score).
    scores = {name: score(scenario, plan, with_best_times=False) for name, (scenario, plan) in plans.items()}
    return comparison_of(scores)


def comparison_of(scores: dict[str, ScoreResult]) -> Comparison:
    """The comparison of plans already scored (the first is the base)."""
    base = next(iter(scores))
    changes = pd.concat([plan_changes(name, scores[base], s) for name, s in scores.items() if name != base]
                        or [pd.DataFrame(columns=CHANGE_COLUMNS)], ignore_index=True)
    summary = pd.DataFrame([_summary_row(name, s, changes[changes["plan"] == name]) for name, s in scores.items()])
    kpis = pd.concat([s.kpis.assign(plan=name) for name, s in scores.items()], ignore_index=True)
    accounts = _union([a.id for a in s.scenario.accounts] for s in scores.values())
    posts = pd.DataFrame({name: s.publications["account"].value_counts().reindex(accounts, fill_value=0)
                          if len(s.publications) else pd.Series(0, index=accounts)
                          for name, s in scores.items()}).fillna(0).astype(int)
    posts.index.name = "account"
    members = _union([m.id for m in s.scenario.team] for s in scores.values())
    hours = pd.DataFrame({name: s.workload.groupby("member")["hours"].sum().reindex(members, fill_value=0.0)
                          for name, s in scores.items()}).fillna(0.0)
    hours.index.name = "member"
    unscheduled = pd.concat([s.unscheduled.assign(plan=name) for name, s in scores.items()], ignore_index=True)
    return Comparison(base, scores, summary, kpis, posts, hours, unscheduled, changes)


def _summary_row(name: str, s: ScoreResult, changes: pd.DataFrame) -> dict[str, object]:
    """The plan at a glance, with what it moved, added and dropped against the base (0 for the base)."""
    info = s.plan.solver
    counts = changes["change"].value_counts()
    solved = info.status.solved  # a hand-made plan has no objective or bound
    return {"plan": name, "scenario": s.scenario.name, "status": info.status,
            "objective": info.objective if solved else None, "bound": info.bound if solved else None,
            "gap": info.gap if solved else None, "seconds": info.seconds, "value": round(s.value, 1),
            "posts": len(s.publications), "unscheduled": len(s.unscheduled), "hard": s.hard_count,
            "soft_penalty": round(s.soft_penalty, 1), "hours": round(float(s.workload["hours"].sum()), 1),
            **{change: int(counts.get(change, 0)) for change in ("moved", "added", "dropped")}}


def _union(lists: Iterable[list[str]]) -> list[str]:
    out: list[str] = []
    for items in lists:
        out += [i for i in items if i not in out]
    return out


def plan_changes(name: str, base: ScoreResult, other: ScoreResult) -> pd.DataFrame:
    """Publications moved (same topic and account, another time), added, dropped; tasks whose
    members changed (same topic and stage)."""
    tz = other.scenario.horizon.tz
    titles = {t.id: t.title for t in [*base.scenario.topics, *other.scenario.topics]}
    before = {(p.topic, p.account): p.at for p in base.plan.publications}
    after = {(p.topic, p.account): p.at for p in other.plan.publications}
    rows = []

    def add(change: str, topic: str, where: str, old: str, new: str) -> None:
        rows.append({"plan": name, "change": change, "topic": topic, "title": titles.get(topic, ""),
                     "where": where, "before": old, "after": new})

    def first_seen(key: tuple[str, str]) -> datetime:
        return min(t for t in (before.get(key), after.get(key)) if t is not None)

    for key in sorted(before.keys() | after.keys(), key=lambda k: (first_seen(k), k)):
        old, new = before.get(key), after.get(key)
        if old is not None and new is not None and old != new:
            add("moved", key[0], key[1], f"{old.astimezone(tz):%m-%d %H:%M}", f"{new.astimezone(tz):%m-%d %H:%M}")
        elif old is None and new is not None:
            add("added", key[0], key[1], "", f"{new.astimezone(tz):%m-%d %H:%M}")
        elif new is None and old is not None:
            add("dropped", key[0], key[1], f"{old.astimezone(tz):%m-%d %H:%M}", "")
    crew_before = _crews(base.plan)
    crew_after = _crews(other.plan)
    for key in sorted(crew_before.keys() & crew_after.keys()):
        if crew_before[key] != crew_after[key]:
            add("reassigned", key[0], key[1], ", ".join(sorted(crew_before[key])), ", ".join(sorted(crew_after[key])))
    return pd.DataFrame(rows, columns=CHANGE_COLUMNS)


def _crews(plan: Plan) -> dict[tuple[str, str], frozenset[str]]:
    crews: dict[tuple[str, str], set[str]] = {}
    for task in plan.tasks:
        crews.setdefault((task.topic, task.stage), set()).update(task.members)
    return {k: frozenset(v) for k, v in crews.items()}
