"""KPI rollups with intervals: per account, per goal, for the whole plan, and per topic by channel."""

from __future__ import annotations

import pandas as pd

from planner.domain.scenario import Scenario
from planner.domain.vocab import GOALS
from planner.scoring.intervals import total_quantiles
from planner.scoring.predict import GOAL_KPI, KPIS

KPI_COLUMNS = ["group", "key", "kpi", "value", "p10", "p90", "posts"]


def kpi_rollup(pubs: pd.DataFrame, scenario: Scenario) -> pd.DataFrame:
    """Long frame: ``group`` (account | goal | total), ``key``, ``kpi``, ``value`` (median of the total),
    ``p10``, ``p90``, ``posts``. Every account and goal of the scenario appears, with zeros when idle."""
    kpis = list(KPIS)
    parts = []
    for group, by, keys in (("account", "account", [a.id for a in scenario.accounts]),
                            ("goal", "goal", [g for g in GOALS if any(t.goal == g for t in scenario.topics)]),
                            ("total", None, ["all"])):
        found = total_quantiles(pubs, by, kpis)
        have = set(zip(found["key"], found["kpi"], strict=True)) if len(found) else set()
        missing = [{"key": k, "kpi": kpi, "value": 0.0, "p10": 0.0, "p90": 0.0, "posts": 0}
                   for k in keys for kpi in kpis if (k, kpi) not in have]
        frame = pd.concat([found, pd.DataFrame(missing)], ignore_index=True) if missing else found
        order = {k: i for i, k in enumerate(keys)}
        frame = frame.assign(group=group, _o=frame["key"].map(order).fillna(len(order)),
                             _k=frame["kpi"].map({k: i for i, k in enumerate(kpis)}))
        parts.append(frame.sort_values(["_o", "_k"]).drop(columns=["_o", "_k"]))
    return pd.concat(parts, ignore_index=True)[KPI_COLUMNS]


def topic_channels(pubs: pd.DataFrame) -> pd.DataFrame:
    """Per topic and channel (account): the topic's goal KPI on that channel and its share of the
    topic's all-channel total (全渠道 vs 单渠道), with the total's interval beside it."""
    columns = ["topic", "title", "goal", "kpi", "account", "platform", "value", "share", "total", "total_p10",
               "total_p90", "channels"]
    if pubs.empty:
        return pd.DataFrame(columns=columns)
    rows = []
    for topic_id, part in pubs.groupby("topic", sort=False):
        goal = str(part["goal"].iloc[0])
        kpi = GOAL_KPI.get(goal, "views")
        total = total_quantiles(part, None, [kpi]).iloc[0]
        whole = float(part[kpi].sum())
        for _, pub in part.sort_values(kpi, ascending=False).iterrows():
            rows.append({"topic": topic_id, "title": pub["title"], "goal": goal, "kpi": kpi,
                         "account": pub["account"], "platform": pub["platform"], "value": float(pub[kpi]),
                         "share": float(pub[kpi]) / whole if whole > 0 else 0.0, "total": float(total["value"]),
                         "total_p10": float(total["p10"]), "total_p90": float(total["p90"]), "channels": len(part)})
    return pd.DataFrame(rows, columns=columns)
