"""Best times to post: the value model's expected value of each account's typical post at every
weekday × hour, in the solver's points (so the heatmap and the objective speak the same unit)."""

from __future__ import annotations

from collections import Counter
from datetime import time, timedelta
from statistics import median
from typing import Any

import pandas as pd

from planner.domain.scenario import Account, Scenario, Topic
from planner.pricing import candidate_values
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
    horizon = scenario.horizon
    # A date for each weekday, from the horizon's first week (any week works: weekday is the feature).
    day_of = {(horizon.start + timedelta(days=i)).weekday(): horizon.start + timedelta(days=i) for i in range(7)}
    pubs = []
    for account in scenario.accounts:
        topic = typical_topic(scenario, account)
        for weekday in range(7):
            for hour in range(24):
                at = horizon.at(day_of[weekday], time(hour))
                pubs.append(PubCandidate(topic=topic, account=account, at=at, slot=-1, day=-1))
    if not pubs:
        return pd.DataFrame(columns=BEST_COLUMNS)
    values = candidate_values(scenario, pubs, model)
    return pd.DataFrame({"account": [c.account.id for c in pubs], "weekday": [c.at.weekday() for c in pubs],
                         "hour": [c.at.hour for c in pubs], "value": [round(v, 2) for v in values.points]},
                        columns=BEST_COLUMNS)
