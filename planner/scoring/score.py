"""Score one plan, solved or made by hand: compliance, KPIs with intervals, workload, trends."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from planner.domain.plan import Plan
from planner.domain.scenario import Scenario
from planner.scoring.besttime import best_times
from planner.scoring.compliance import compliance
from planner.scoring.kpis import kpi_rollup, topic_channels
from planner.scoring.predict import predict_publications
from planner.scoring.trends import trend_catches
from planner.scoring.workload import workload

VIOLATION_COLUMNS = ["rule", "hard", "penalty", "detail", "source"]
UNSCHEDULED_COLUMNS = ["topic", "title", "priority", "reasons"]


@dataclass
class ScoreResult:
    """Everything the reports show about one plan. Frames are documented where they are built:
    ``publications`` (predict.predict_publications), ``kpis`` (kpis.kpi_rollup), ``topics``
    (kpis.topic_channels), ``workload`` (workload.workload), ``trends`` (trends.trend_catches),
    ``best_times`` (besttime.best_times)."""

    scenario: Scenario
    plan: Plan
    publications: pd.DataFrame
    violations: pd.DataFrame
    kpis: pd.DataFrame
    topics: pd.DataFrame
    workload: pd.DataFrame
    trends: pd.DataFrame
    unscheduled: pd.DataFrame
    best_times: pd.DataFrame = field(default_factory=pd.DataFrame)
    #: Topics the plan publishes without any of their tasks: their production was not judged.
    not_judged: list[str] = field(default_factory=list)

    @property
    def hard_count(self) -> int:
        return int(self.violations["hard"].sum()) if len(self.violations) else 0

    @property
    def soft_penalty(self) -> float:
        return float(self.violations.loc[~self.violations["hard"].astype(bool), "penalty"].sum()) \
            if len(self.violations) else 0.0

    @property
    def value(self) -> float:
        """Sum of the publications' objective points (the solver's unit), before penalties."""
        return float(self.publications["value"].sum()) if len(self.publications) else 0.0

    def kpi(self, group: str, key: str, kpi: str) -> tuple[float, float, float]:
        """(value, p10, p90) of one KPI for one account, goal or ``("total", "all")``."""
        row = self.kpis[(self.kpis["group"] == group) & (self.kpis["key"] == key) & (self.kpis["kpi"] == kpi)]
        if row.empty:
            return (0.0, 0.0, 0.0)
        first = row.iloc[0]
        return (float(first["value"]), float(first["p10"]), float(first["p90"]))


def score(scenario: Scenario, plan: Plan, *, model: Any = None, with_best_times: bool = True,
          lang: str = "zh") -> ScoreResult:
    """Check and score ``plan`` against ``scenario``. ``model`` defaults to the scenario's value model.

    The check is ``compliance``: every hard rule the solver honours, production judged only for
    topics the plan gives tasks for (the rest are in ``not_judged``).
    """
    from planner.metrics.value import load_value_model

    model = model or load_value_model(scenario.history, scenario.base_dir)
    plan = _localized(plan, scenario)
    checked = compliance(plan, scenario, lang=lang)
    pubs = predict_publications(scenario, plan, model)
    return ScoreResult(
        scenario=scenario,
        plan=plan,
        publications=pubs,
        violations=pd.DataFrame([v.model_dump() for v in checked.violations], columns=VIOLATION_COLUMNS),
        kpis=kpi_rollup(pubs, scenario),
        topics=topic_channels(pubs),
        workload=workload(scenario, plan),
        trends=trend_catches(scenario, pubs),
        unscheduled=unscheduled(scenario, plan),
        best_times=best_times(scenario, model) if with_best_times else pd.DataFrame(),
        not_judged=checked.not_judged,
    )


def unscheduled(scenario: Scenario, plan: Plan) -> pd.DataFrame:
    """Topics with no publication: the solver's reasons when it gave some, else "not in the plan"."""
    given = {u.topic: u.reasons for u in plan.unscheduled}
    published = {p.topic for p in plan.publications}
    rows = [{"topic": t.id, "title": t.title, "priority": t.priority,
             "reasons": "; ".join(given.get(t.id) or ["not in the plan"])}
            for t in scenario.topics if t.id not in published]
    return pd.DataFrame(rows, columns=UNSCHEDULED_COLUMNS)


def _localized(plan: Plan, scenario: Scenario) -> Plan:
    # Hand-made plans may carry naive or foreign-zone times; reports show the horizon's zone.
    tz = scenario.horizon.localize
    return plan.model_copy(update={
        "publications": [p.model_copy(update={"at": tz(p.at)}) for p in plan.publications],
        "tasks": [t.model_copy(update={"start": tz(t.start), "end": tz(t.end)}) for t in plan.tasks],
    })
