"""Best times to post: the value model's expected value of each account's typical post at every
weekday × hour, in the solver's points (so the heatmap and the objective speak the same unit).

The slots are predicted by ``planner.metrics.besttime.slot_predictions``, the computation behind
``planner besttime`` too; here the typical post is made of the scenario's own topics for the
account, and its predictions are priced as the objective prices a post."""

from __future__ import annotations

from collections import Counter
from datetime import time
from statistics import median
from typing import Any

import pandas as pd

from planner.domain.scenario import Account, Scenario, Topic
from planner.metrics.besttime import slot_predictions
from planner.metrics.value import load_value_model, value_points
from planner.pricing import candidate_rows
from planner.rules.context import PubCandidate

BEST_COLUMNS = ["account", "weekday", "hour", "value"]


def typical_topic(scenario: Scenario, account: Account) -> Topic:
    """The account's usual post: its topics' most common format and goal, their median length;
    no trend, no value override, middle priority."""
    mine = [t for t in scenario.topics if account in scenario.candidate_accounts(t)]
    if not mine:
        return Topic(id="typical", title="typical", format="talking_head", goal="engage",  # type: ignore[arg-type]
                     platforms=[account.platform])  # type: ignore[list-item]
    fmt = Counter(t.format for t in mine).most_common(1)[0][0]
    goal = Counter(t.goal for t in mine).most_common(1)[0][0]
    category = Counter(t.category for t in mine).most_common(1)[0][0]
    model = next(t for t in mine if t.format == fmt)
    return model.model_copy(update={"goal": goal, "category": category, "trend": None, "value": None, "priority": 3,
                                    "duration_s": int(median(t.duration_s for t in mine))})


def best_times(scenario: Scenario, model: Any) -> pd.DataFrame:
    """Long frame: account, weekday (0 = Monday), hour (0-23), value."""
    if not scenario.accounts:
        return pd.DataFrame(columns=BEST_COLUMNS)
    model = model or load_value_model(scenario.history, scenario.base_dir)
    at = scenario.horizon.at(scenario.horizon.start, time(0))  # any slot: the slots replace weekday and hour
    parts = []
    for account in scenario.accounts:
        topic = typical_topic(scenario, account)
        post = candidate_rows(scenario, [PubCandidate(topic=topic, account=account, at=at, slot=-1, day=-1)])
        pred = slot_predictions(model, {str(k): v for k, v in post.iloc[0].items()})
        weights = {**scenario.objective.goal_weights, **account.goal_weights}
        # A typical topic has no trend, no value of its own and the middle priority (3): its
        # points are value_points alone, as pricing gives them.
        points = value_points(pred, topic.goal, weights)
        parts.append(pd.DataFrame({"account": account.id, "weekday": pred["weekday"].astype(int),
                                   "hour": pred["hour"].astype(int), "value": points.round(2).to_numpy()},
                                  columns=BEST_COLUMNS))
    return pd.concat(parts, ignore_index=True)
