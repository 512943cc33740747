"""Expected metrics of each publication of a plan, from the same value model the solver uses."""

from __future__ import annotations

from typing import Any

import pandas as pd

from planner.domain.plan import Plan
from planner.domain.scenario import Scenario
from planner.pricing import candidate_values
from planner.rules.context import PubCandidate
from planner.trends.heat import heat_at

#: What the reports add up. Composite KPIs sum their parts per post (the parts move together:
#: in the models they are ratios of the same views, so their quantiles add).
KPIS: dict[str, tuple[str, ...]] = {
    "views": ("views",),
    "follower_gain": ("follower_gain",),
    "engagement": ("likes", "comments", "shares", "saves"),
    "conversions": ("conversions",),
    "completed_views": ("completed_views",),
}
#: The KPI that tells whether a topic did its job, by the topic's goal.
GOAL_KPI = {"acquire": "follower_gain", "engage": "engagement", "convert": "conversions",
            "retain": "completed_views"}
PUB_COLUMNS = ["topic", "title", "account", "platform", "at", "goal", "format", "trend", "heat", "value"]


def as_candidates(scenario: Scenario, plan: Plan) -> list[PubCandidate]:
    """The plan's publications in the solver's candidate shape (unknown ids are left out:
    the rule check reports them)."""
    out = []
    horizon = scenario.horizon
    for pub in plan.publications:
        topic = scenario.topic_by_id.get(pub.topic)
        account = scenario.account_by_id.get(pub.account)
        if topic is None or account is None:
            continue
        at = horizon.localize(pub.at)
        out.append(PubCandidate(topic=topic, account=account, at=at, slot=-1, day=(at.date() - horizon.start).days))
    return out


def predict_publications(scenario: Scenario, plan: Plan, model: Any) -> pd.DataFrame:
    """One row per publication: who, when, the topic's goal, trend heat, objective value and every
    metric with its p10 and p90, plus the KPI columns of ``KPIS``."""
    pubs = as_candidates(scenario, plan)
    if not pubs:
        return pd.DataFrame(columns=PUB_COLUMNS + _metric_columns())
    values = candidate_values(scenario, pubs, model)
    frame = pd.DataFrame({
        "topic": [c.topic.id for c in pubs],
        "title": [c.topic.title for c in pubs],
        "account": [c.account.id for c in pubs],
        "platform": [c.account.platform for c in pubs],
        "at": [c.at for c in pubs],
        "goal": [c.topic.goal for c in pubs],
        "format": [c.topic.format for c in pubs],
        "trend": [c.topic.trend or "" for c in pubs],
        "heat": [_heat(scenario, c) for c in pubs],
        "value": values.points,
    })
    predicted = values.expected.reset_index(drop=True)
    # Completed views (完播量) stand for retention; both factors rise with the same draw.
    for suffix in ("", "_p10", "_p90"):
        predicted[f"completed_views{suffix}"] = predicted[f"views{suffix}"] * predicted[f"completion{suffix}"]
    for kpi, parts in KPIS.items():
        for suffix in ("", "_p10", "_p90"):
            frame[f"{kpi}{suffix}"] = sum(predicted[f"{p}{suffix}"].astype(float) for p in parts)
    for column in predicted.columns:
        if column not in frame and column != "basis":
            frame[column] = predicted[column].to_numpy()
    return frame


def _heat(scenario: Scenario, c: PubCandidate) -> float:
    trend = scenario.trend_by_id.get(c.topic.trend) if c.topic.trend else None
    return round(heat_at(trend, c.at, scenario.horizon.tz), 3) if trend else float("nan")


def _metric_columns() -> list[str]:
    return [f"{k}{s}" for k in KPIS for s in ("", "_p10", "_p90")]
