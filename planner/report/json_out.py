"""JSON of a score or a comparison: the plan as DESIGN.md defines it plus every scored table."""

from __future__ import annotations

import json
import math
from datetime import date, datetime
from typing import Any

import pandas as pd

from planner.domain.plan import Plan
from planner.domain.scenario import Scenario
from planner.report.production import Production, labelled, post_labels
from planner.scoring.compare import Comparison
from planner.scoring.score import ScoreResult

SCORE_TABLES = ("violations", "kpis", "publications", "topics", "workload", "trends", "unscheduled")


def records(frame: pd.DataFrame) -> list[dict[str, Any]]:
    """Rows as plain JSON values: ISO times, None for missing numbers."""
    return [{str(k): _plain(v) for k, v in row.items()} for row in frame.to_dict(orient="records")]


def _plain(value: Any) -> Any:
    if isinstance(value, datetime | date | pd.Timestamp):
        return value.isoformat()
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if hasattr(value, "item"):  # numpy scalars
        return _plain(value.item())
    return value


def plan_json(plan: Plan, scenario: Scenario) -> str:
    """The plan file (DESIGN.md's contract), each publication with its labels and flags."""
    return labelled(plan, scenario).to_json()


def score_dict(result: ScoreResult) -> dict[str, Any]:
    out: dict[str, Any] = {
        "scenario": result.scenario.name,
        "plan": json.loads(plan_json(result.plan, result.scenario)),
        "summary": {"status": result.plan.solver.status, "value": round(result.value, 3),
                    "hard_violations": result.hard_count, "soft_penalty": result.soft_penalty,
                    "publications": len(result.plan.publications), "tasks": len(result.plan.tasks)},
    }
    for name in SCORE_TABLES:
        out[name] = records(getattr(result, name))
    production = Production(result.scenario, result.plan)
    for row in out["publications"]:  # what the poster declares, and who makes the post
        topic = result.scenario.topic_by_id[row["topic"]]
        row.update(labels=post_labels(topic), commercial=topic.commercial, ai_generated=topic.ai_generated,
                   makers=production.makers(topic.id, row["account"]))
    return out


def score_json(result: ScoreResult) -> str:
    return json.dumps(score_dict(result), ensure_ascii=False, indent=2)


def comparison_json(comp: Comparison) -> str:
    out = {
        "base": comp.base,
        "summary": records(comp.summary),
        "kpis": records(comp.kpis),
        "posts": records(comp.posts.reset_index()),
        "hours": records(comp.hours.reset_index()),
        "unscheduled": records(comp.unscheduled),
        "changes": records(comp.changes),
        "plans": {name: json.loads(plan_json(s.plan, s.scenario)) for name, s in comp.scores.items()},
    }
    return json.dumps(out, ensure_ascii=False, indent=2)
