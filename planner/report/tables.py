"""The four tables a team shares (发布计划, 制作任务, 成员工作量, 未排入), as the CSV and XLSX exports
write them: headers in the reader's language, times as local datetimes (no zone: spreadsheets keep
none), counts rounded the way people read them.

Each table is a list of columns (key, header) and rows of plain values; ``datetime`` and ``date``
cells stay objects so the XLSX writer stores real dates and the CSV writer formats them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

import pandas as pd

from planner.report.grid import rows_of
from planner.report.labels import WEEKDAYS, goal_name, listed, platform_name, stage_name, word
from planner.report.production import Production, post_labels
from planner.report.provenance import provenance
from planner.scoring.score import ScoreResult

#: Table key -> the word of its sheet name, in the order the workbook holds them.
SHEETS = {"publications": "sheet_publications", "tasks": "sheet_tasks", "workload": "sheet_workload",
          "unscheduled": "sheet_unscheduled"}
HEADLINE = ("views", "follower_gain", "engagement", "conversions")


@dataclass
class Table:
    key: str
    title: str  # the sheet name in the reader's language
    header: list[str]
    rows: list[list[Any]]
    #: Columns holding a datetime (with minutes) or a date, by index: the writers format them.
    times: tuple[int, ...] = ()
    dates: tuple[int, ...] = ()


def rounded(value: Any) -> float | int:
    """A predicted count as people read it: whole numbers from 10 up, one decimal below."""
    v = float(value)
    if v != v:  # NaN: no number
        return 0
    return round(v) if abs(v) >= 10 else round(v, 1)


def local(moment: datetime) -> datetime:
    """The plan's time as the clock on the wall shows it (the horizon's zone, no zone attached)."""
    if isinstance(moment, pd.Timestamp):
        moment = moment.to_pydatetime()
    return moment.replace(tzinfo=None)


def export_tables(result: ScoreResult, lang: str) -> list[Table]:
    production = Production(result.scenario, result.plan)
    return [publications_table(result, production, lang), tasks_table(result, production, lang),
            workload_table(result, lang), unscheduled_table(result, lang)]


def publications_table(result: ScoreResult, production: Production, lang: str) -> Table:
    w = lambda key: word(key, lang)  # noqa: E731
    scenario = result.scenario
    basis = provenance(result)
    header = [w("time"), w("weekday"), w("account"), w("platform"), w("topic"), w("title"), w("labels"),
              w("commercial"), w("ai_generated"), w("goal"), w("makers")]
    for kpi in HEADLINE:
        header += [w(kpi), f"{w(kpi)} p10", f"{w(kpi)} p90"]
    header += [w("value"), w("trends"), w("basis")]
    rows = []
    for pub in rows_of(result.publications.sort_values(["at", "account"], kind="stable")):
        topic = scenario.topic_by_id[pub["topic"]]
        trend = scenario.trend_by_id.get(topic.trend) if topic.trend else None
        row: list[Any] = [local(pub["at"]), WEEKDAYS[lang][pub["at"].weekday()], pub["account"],
                          platform_name(pub["platform"], lang), topic.id, topic.title, listed(post_labels(topic), lang),
                          w("yes" if topic.commercial else "no"), w("yes" if topic.ai_generated else "no"),
                          goal_name(topic.goal, lang), listed(production.maker_names(topic.id, pub["account"]), lang)]
        for kpi in HEADLINE:
            row += [rounded(pub[kpi]), rounded(pub[f"{kpi}_p10"]), rounded(pub[f"{kpi}_p90"])]
        row += [round(float(pub["value"]), 1), trend.name if trend else "",
                basis.text(topic.id, pub["account"], lang)]
        rows.append(row)
    return Table("publications", w(SHEETS["publications"]), header, rows, times=(0,))


def tasks_table(result: ScoreResult, production: Production, lang: str) -> Table:
    w = lambda key: word(key, lang)  # noqa: E731
    scenario = result.scenario
    posts: dict[str, list[str]] = {}
    for pub in sorted(result.plan.publications, key=lambda p: p.at):
        posts.setdefault(pub.topic, []).append(f"{pub.account} {scenario.horizon.localize(pub.at):%m-%d %H:%M}")
    header = [w("start"), w("end"), w("stage"), w("topic"), w("title"), w("member"), w("hours"), w("publications")]
    rows = []
    for task in sorted(result.plan.tasks, key=lambda t: (t.start, t.topic, t.stage)):
        topic = scenario.topic_by_id.get(task.topic)
        rows.append([local(task.start), local(task.end), stage_name(task.stage, lang), task.topic,
                     topic.title if topic else "", listed((production.name(m) for m in task.members), lang),
                     round(task.hours, 1), "; ".join(posts.get(task.topic, []))])
    return Table("tasks", w(SHEETS["tasks"]), header, rows, times=(0, 1))


def workload_table(result: ScoreResult, lang: str) -> Table:
    w = lambda key: word(key, lang)  # noqa: E731
    header = [w("member"), w("name"), w("date"), w("weekday"), w("hours"), w("capacity"), w("off"), w("over"),
              w("tasks")]
    rows = []
    for r in rows_of(result.workload):
        day: date = r["date"]
        rows.append([r["member"], r["name"], day, WEEKDAYS[lang][day.weekday()], round(float(r["hours"]), 1),
                     round(float(r["capacity"]), 1), w("yes" if r["off"] else "no"), w("yes" if r["over"] else "no"),
                     int(r["tasks"])])
    return Table("workload", w(SHEETS["workload"]), header, rows, dates=(2,))


def unscheduled_table(result: ScoreResult, lang: str) -> Table:
    w = lambda key: word(key, lang)  # noqa: E731
    rows = [[r["topic"], r["title"], int(r["priority"]), r["reasons"]] for r in rows_of(result.unscheduled)]
    return Table("unscheduled", w(SHEETS["unscheduled"]), [w("topic"), w("title"), w("priority"), w("reasons")], rows)
