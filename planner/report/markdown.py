"""Markdown reports (for a wiki page or a pull request). Cells are escaped: Markdown viewers
render inline HTML, so a topic titled ``<script>`` must arrive as text, and ``|`` would split a cell."""

from __future__ import annotations

from collections.abc import Sequence

from planner.report.grid import rows_of
from planner.report.labels import goal_name, interval, number, word
from planner.scoring.compare import Comparison
from planner.scoring.predict import GOAL_KPI, KPIS
from planner.scoring.score import ScoreResult

HEADLINE_KPIS = ("views", "follower_gain", "engagement", "conversions")
_ESCAPES = {"&": "&amp;", "<": "&lt;", ">": "&gt;", "|": "\\|", "\n": " ", "\r": " ", "`": "\\`",
            "*": "\\*", "_": "\\_", "[": "\\[", "]": "\\]"}


def md(text: object) -> str:
    return "".join(_ESCAPES.get(ch, ch) for ch in str(text))


def table(header: Sequence[str], rows: Sequence[Sequence[object]]) -> list[str]:
    lines = ["| " + " | ".join(md(h) for h in header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(md(c) for c in row) + " |" for row in rows]
    return lines


def score_markdown(result: ScoreResult, lang: str = "zh") -> str:
    w = lambda key: word(key, lang)  # noqa: E731
    plan = result.plan
    out = [f"# {md(result.scenario.name)} — {w('report')}", "",
           f"{w('status')}: **{plan.solver.status}** · {len(plan.publications)} {w('publications')} · "
           f"{len(plan.tasks)} {w('tasks')} · {w('value')} {result.value:,.1f} · "
           f"{result.hard_count} {w('hard')} / {w('penalty')} {result.soft_penalty:g}", ""]
    out += [f"## {w('violations')}", ""]
    v = rows_of(result.violations.sort_values("hard", ascending=False, kind="stable"))
    out += table([w("hard"), w("rule"), w("penalty"), w("detail"), w("source")],
                 [[w("hard") if r["hard"] else w("soft"), r["rule"], "" if r["hard"] else f"{r['penalty']:g}",
                   r["detail"], r["source"] or ""] for r in v]) if v else [w("none")]
    out += ["", f"## {w('kpis')}", "", w("kpi_note"), ""]
    for group, title in (("account", "per_account"), ("goal", "per_goal"), ("total", "total")):
        part = result.kpis[result.kpis["group"] == group]
        rows = []
        for key, sub in part.groupby("key", sort=False):
            by = {r["kpi"]: r for r in rows_of(sub)}
            label = goal_name(str(key), lang) if group == "goal" else (w("total") if group == "total" else key)
            cells: list[object] = [label, int(by["views"]["posts"])]
            for kpi in HEADLINE_KPIS:
                text = interval(by[kpi]["value"], by[kpi]["p10"], by[kpi]["p90"], lang)
                cells.append(f"{text} ★" if group == "goal" and GOAL_KPI.get(str(key)) == kpi else text)
            rows.append(cells)
        out += [f"### {w(title)}", "", *table([w("account") if group != "goal" else w("goal"), w("posts"),
                                               *[w(k) for k in HEADLINE_KPIS]], rows), ""]
    out += [f"## {w('topics')}", ""]
    rows = []
    for topic_id, part in result.topics.groupby("topic", sort=False):
        first = part.iloc[0]
        rows.append([topic_id, first["title"], f"{goal_name(first['goal'], lang)} · {w(str(first['kpi']))}",
                     interval(first["total"], first["total_p10"], first["total_p90"], lang),
                     " · ".join(f"{r['account']} {number(r['value'], lang)} ({r['share']:.0%})" for r in rows_of(part))])
    out += table([w("topic"), w("title"), w("goal"), w("all_channels"), w("one_channel")], rows) if rows else [w("none")]
    out += ["", f"## {w('workload')}", ""]
    load = result.workload
    if load["hours"].any():
        dates = sorted(load["date"].unique())
        rows = []
        for member, part in load.groupby("member", sort=False):
            rows.append([member, *[("—" if r["off"] and not r["hours"] else f"{r['hours']:g}/{r['capacity']:g}")
                                   + (" ⚠" if r["over"] else "") for r in rows_of(part)], f"{part['hours'].sum():g}"])
        out += table([w("member"), *[f"{d:%m-%d}" for d in dates], w("total")], rows)
    else:
        out.append(w("no_tasks"))
    out += ["", f"## {w('trends')}", ""]
    out += table([w("trends"), w("topic"), w("account"), w("time"), w("heat"), w("window")],
                 [[f"{r['name']} ({r['trend']})", r["topic"] or w("missed"), r["account"],
                   f"{r['at']:%m-%d %H:%M}" if r["topic"] else "", f"{r['heat']:.2f}" if r["topic"] else "",
                   (w("inside") if r["inside"] else w("outside")) if r["topic"] else ""]
                  for r in rows_of(result.trends)]) if len(result.trends) else [w("none")]
    out += ["", f"## {w('unscheduled')} ({len(result.unscheduled)})", ""]
    out += table([w("topic"), w("title"), w("priority"), w("reasons")],
                 [[r["topic"], r["title"], r["priority"], r["reasons"]] for r in rows_of(result.unscheduled)]) \
        if len(result.unscheduled) else [w("none")]
    return "\n".join(out) + "\n"


def comparison_markdown(comp: Comparison, lang: str = "zh") -> str:
    w = lambda key: word(key, lang)  # noqa: E731
    names = list(comp.scores)
    s = comp.summary.set_index("plan")
    out = [f"# {w('comparison')}", "", f"{w('base')}: **{md(comp.base)}**", ""]
    out += table(["", *names], [[w(key), *[_cell(s.loc[n, col]) for n in names]] for key, col in (
        ("scenario", "scenario"), ("status", "status"), ("objective", "objective"), ("gap", "gap"),
        ("value", "value"), ("posts", "posts"), ("unscheduled", "unscheduled"), ("hard", "hard"),
        ("penalty", "soft_penalty"))])
    total = comp.kpis[comp.kpis["group"] == "total"]
    rows = []
    for kpi in KPIS:
        by = {r["plan"]: r for r in rows_of(total[total["kpi"] == kpi])}
        rows.append([w(kpi), *[interval(by[n]["value"], by[n]["p10"], by[n]["p90"], lang) for n in names]])
    out += ["", f"## {w('kpis')}", "", w("kpi_note"), "", *table(["", *names], rows)]
    out += ["", f"## {w('posts_per_account')}", "",
            *table([w("account"), *names], [[a, *r.tolist()] for a, r in comp.posts.iterrows()])]
    out += ["", f"## {w('hours_per_member')}", "",
            *table([w("member"), *names], [[m, *[f"{v:g}" for v in r]] for m, r in comp.hours.iterrows()])]
    out += ["", f"## {w('unscheduled')}", "",
            *table([w("plan"), w("topic"), w("title"), w("reasons")],
                   [[r["plan"], r["topic"], r["title"], r["reasons"]] for r in rows_of(comp.unscheduled)])]
    out += ["", f"## {w('changes')}", ""]
    out += table([w("plan"), w("change"), w("topic"), w("title"), w("where"), w("before"), w("after")],
                 [[r["plan"], w(r["change"]), r["topic"], r["title"], r["where"], r["before"], r["after"]]
                  for r in rows_of(comp.changes)]) if len(comp.changes) else [w("no_changes")]
    return "\n".join(out) + "\n"


def _cell(value: object) -> object:
    return "—" if value is None or (isinstance(value, float) and value != value) else value
