"""The terminal report (``--format table``) of a score and of a what-if comparison.

Names and titles come from the user's files: each line is passed through ``planner.errors.printable``,
so a title holding a terminal escape (``\\e]2;...``) is shown escaped, never run by the terminal.
"""

from __future__ import annotations

import math

import pandas as pd

from planner.errors import printable
from planner.report.grid import grid, rows_of
from planner.report.labels import goal_name, interval, number, word
from planner.scoring.compare import Comparison
from planner.scoring.predict import GOAL_KPI, KPIS
from planner.scoring.score import ScoreResult
from planner.textwidth import clip, pad

HEADLINE_KPIS = ("views", "follower_gain", "engagement", "conversions")


def score_table(result: ScoreResult, lang: str = "zh") -> str:
    w = lambda key: word(key, lang)  # noqa: E731
    plan = result.plan
    lines = [f"{result.scenario.name}: {plan.solver.status}  {len(plan.publications)} {w('publications')}, "
             f"{len(plan.tasks)} {w('tasks')}  {w('value')} {result.value:,.1f}"]
    lines += ["", *violation_lines(result, lang)]
    lines += ["", *kpi_lines(result.kpis, lang)]
    lines += ["", *topic_lines(result.topics, lang)]
    lines += ["", *workload_lines(result.workload, lang)]
    lines += ["", *trend_lines(result.trends, lang)]
    lines += ["", *unscheduled_lines(result.unscheduled, lang)]
    return _safe(lines)


def violation_lines(result: ScoreResult, lang: str) -> list[str]:
    v = result.violations
    hard = v[v["hard"].astype(bool)] if len(v) else v
    soft = v[~v["hard"].astype(bool)] if len(v) else v
    lines = [f"{word('violations', lang)}: {len(hard)} {word('hard', lang)}, {len(soft)} {word('soft', lang)} "
             f"({word('penalty', lang)} {result.soft_penalty:g})"]
    rows = [[word("hard", lang).upper() if r["hard"] else word("soft", lang), r["rule"], "" if r["hard"] else f"{r['penalty']:g}", r["detail"],
             clip(r["source"] or "", 60)] for r in rows_of(v.sort_values("hard", ascending=False, kind="stable"))]
    if rows:
        lines += grid([word("hard", lang), word("rule", lang), word("penalty", lang), word("detail", lang),
                       word("source", lang)], rows, right=(2,))
    return lines


def kpi_lines(kpis: pd.DataFrame, lang: str) -> list[str]:
    lines = [f"{word('kpis', lang)}: {word('kpi_note', lang)}"]
    for group, title in (("account", "per_account"), ("goal", "per_goal"), ("total", "total")):
        part = kpis[kpis["group"] == group]
        rows = []
        for key, part_of in part.groupby("key", sort=False):
            by = {r["kpi"]: r for r in rows_of(part_of)}
            label = goal_name(str(key), lang) if group == "goal" else ("" if group == "total" else str(key))
            if group == "total":
                label = word("total", lang)
            cells = [label, str(int(by["views"]["posts"]))]
            for kpi in HEADLINE_KPIS:
                r = by[kpi]
                text = interval(r["value"], r["p10"], r["p90"], lang)
                if group == "goal" and GOAL_KPI.get(str(key)) == kpi:
                    text = "*" + text  # the KPI this goal is judged by
                cells.append(text)
            if group == "goal" and str(key) == "retain":
                r = by["completed_views"]
                cells[-1] += f"  *{word('completed_views', lang)} {interval(r['value'], r['p10'], r['p90'], lang)}"
            rows.append(cells)
        lines.append(f"  {word(title, lang)}")
        first = {"goal": word("goal", lang), "account": word("account", lang)}.get(group, "")
        lines += grid([first, word("posts", lang),
                       *[word(k, lang) for k in HEADLINE_KPIS]], rows, indent="    ", right=(1,))
    return lines


def topic_lines(topics: pd.DataFrame, lang: str) -> list[str]:
    lines = [f"{word('topics', lang)}: {word('all_channels', lang)} vs {word('one_channel', lang)}"]
    rows = []
    for topic_id, part in topics.groupby("topic", sort=False):
        first = part.iloc[0]
        shares = " · ".join(f"{r['account']} {number(r['value'], lang)} {r['share']:.0%}" for r in rows_of(part))
        rows.append([str(topic_id), clip(str(first["title"]), 24), f"{goal_name(first['goal'], lang)} "
                     f"{word(str(first['kpi']), lang)}", interval(first["total"], first["total_p10"],
                                                                  first["total_p90"], lang), shares])
    if rows:
        lines += grid([word("topic", lang), word("title", lang), word("goal", lang), word("all_channels", lang),
                       word("one_channel", lang)], rows)
    return lines


def workload_lines(load: pd.DataFrame, lang: str) -> list[str]:
    lines = [f"{word('workload', lang)}"]
    if load.empty:
        return [*lines, f"  ({word('none', lang)})"]
    dates = sorted(load["date"].unique())
    if not load["hours"].any():
        lines.append(f"  ({word('no_tasks', lang)})")
    header = [word("member", lang), *[f"{d:%d}" for d in dates], word("total", lang)]
    rows = []
    for member, part in load.groupby("member", sort=False):
        cells = [f"{member} {part['name'].iloc[0]}".strip()]
        for r in rows_of(part):
            cell = "-" if r["off"] and not r["hours"] else (f"{r['hours']:g}/{r['capacity']:g}" if r["hours"] else ".")
            cells.append(cell + ("!" if r["over"] else ""))
        cells.append(f"{part['hours'].sum():g}h")
        rows.append(cells)
    lines += grid(header, rows, right=tuple(range(1, len(header))))
    lines.append(f"  (h/{word('capacity', lang)}; - {word('off', lang)}; ! {word('over', lang)})")
    return lines


def trend_lines(trends: pd.DataFrame, lang: str) -> list[str]:
    lines = [word("trends", lang)]
    for trend_id, part in trends.groupby("trend", sort=False):
        first = part.iloc[0]
        lines.append(f"  {first['name']} ({trend_id}, {first['start']:%m-%d %H:%M} .. {first['end']:%m-%d %H:%M}, "
                     f"{word('peak', lang)} {first['peak']:%m-%d %H:%M})")
        for r in rows_of(part):
            if not r["topic"]:
                lines.append(f"    {word('missed', lang)}")
                continue
            where = word("inside", lang) if r["inside"] else word("outside", lang)
            lines.append(f"    {r['topic']} {clip(str(r['title']), 20)} {r['account']} {r['at']:%m-%d %H:%M}  "
                         f"{word('heat', lang)} {r['heat']:.2f}  {where}")
    return lines


def unscheduled_lines(frame: pd.DataFrame, lang: str) -> list[str]:
    lines = [f"{word('unscheduled', lang)} ({len(frame)})"]
    lines += [f"  {r['topic']} {r['title']} (P{r['priority']}): {r['reasons']}" for r in rows_of(frame)]
    return lines


def comparison_table(comp: Comparison, lang: str = "zh") -> str:
    w = lambda key: word(key, lang)  # noqa: E731
    names = list(comp.scores)
    s = comp.summary.set_index("plan")
    rows = [[w(key), *[_summary_cell(s.loc[n, col], col) for n in names]] for key, col in (
        ("scenario", "scenario"), ("status", "status"), ("objective", "objective"), ("gap", "gap"),
        ("value", "value"), ("posts", "posts"), ("hours_total", "hours"), ("moved", "moved"), ("added", "added"),
        ("dropped", "dropped"), ("unscheduled", "unscheduled"), ("hard", "hard"), ("penalty", "soft_penalty"))]
    lines = [f"{w('comparison')} ({w('base')}: {comp.base})", *grid(["", *names], rows)]
    lines += ["", f"{w('kpis')}: {w('kpi_note')}"]
    total = comp.kpis[comp.kpis["group"] == "total"]
    rows = []
    for kpi in KPIS:
        by = {r["plan"]: r for r in rows_of(total[total["kpi"] == kpi])}
        rows.append([w(kpi), *[interval(by[n]["value"], by[n]["p10"], by[n]["p90"], lang) for n in names]])
    lines += grid(["", *names], rows)
    lines += ["", w("posts_per_account")]
    lines += grid([w("account"), *names], [[str(a), *[str(v) for v in r]] for a, r in comp.posts.iterrows()],
                  right=tuple(range(1, len(names) + 1)))
    lines += ["", w("hours_per_member")]
    lines += grid([w("member"), *names], [[str(m), *[f"{v:g}" for v in r]] for m, r in comp.hours.iterrows()],
                  right=tuple(range(1, len(names) + 1)))
    lines += ["", w("unscheduled")]
    for name in names:
        part = comp.unscheduled[comp.unscheduled["plan"] == name]
        lines.append(f"  {name} ({len(part)}): " + (", ".join(f"{r['topic']} {r['title']}" for r in rows_of(part))
                                                     or w("none")))
    lines += ["", w("changes")]
    for name in names[1:]:
        part = comp.changes[comp.changes["plan"] == name]
        counts = part["change"].value_counts()
        lines.append(f"  {name}: " + (", ".join(f"{w(k)} {counts.get(k, 0)}" for k in
                                                ("moved", "added", "dropped", "reassigned")) if len(part) else
                                       w("no_changes")))
        lines += [f"    {pad(w(r['change']), 10)} {r['topic']} {clip(str(r['title']), 16)}  {r['where']}  "
                  f"{r['before'] or '—'} → {r['after'] or '—'}" for r in rows_of(part)]
    return _safe(lines)


def _safe(lines: list[str]) -> str:
    """The lines joined, each with its control characters escaped (line breaks inside a cell too)."""
    return "\n".join(printable(line) for line in lines)


def _summary_cell(value: object, column: str) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "—"
    if column == "gap":
        return f"{float(value):.1%}"  # type: ignore[arg-type]
    if isinstance(value, float):
        return f"{value:,.1f}"
    return str(value)
