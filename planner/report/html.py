"""One self-contained HTML file per report: inline CSS, JS and SVG, nothing fetched from the network.
Every user string passes through ``e`` (HTML escaping) on its way in."""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

import pandas as pd

from planner.report.grid import rows_of
from planner.report.html_assets import CSP, CSS, GOAL_COLOURS, JS
from planner.report.html_board import Board
from planner.report.html_calendar import side_by_side_calendars
from planner.report.html_gantt import gantt
from planner.report.labels import WEEKDAYS, goal_name, interval, number, word
from planner.report.summary import available_hours
from planner.report.svg import e, heatmap, interval_bars
from planner.scoring.compare import Comparison
from planner.scoring.predict import GOAL_KPI, KPIS
from planner.scoring.score import ScoreResult

HEADLINE_KPIS = ("views", "follower_gain", "engagement", "conversions")
PALETTE = ("#2563eb", "#d97706", "#059669", "#7c3aed", "#dc2626", "#0891b2", "#65a30d", "#db2777")


def page(title: str, body: str, lang: str) -> str:
    return (f'<!DOCTYPE html>\n<html lang="{"zh-CN" if lang == "zh" else "en"}"><head><meta charset="utf-8">'
            f'<meta http-equiv="Content-Security-Policy" content="{CSP}">'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">'
            f"<title>{e(title)}</title><style>{CSS}</style></head><body>{body}<script>{JS}</script></body></html>\n")


def section(key: str, lang: str, content: str, suffix: str = "") -> str:
    """A titled block; its id is the label key, so ``report.html#gantt`` opens at the chart."""
    return f'<section id="{key}"><h2>{e(word(key, lang))}{e(suffix)}</h2>{content}</section>'


def nav(keys: Sequence[str], lang: str) -> str:
    return '<nav class="meta">' + " · ".join(f'<a href="#{k}">{e(word(k, lang))}</a>' for k in keys) + "</nav>"


def html_table(header: Sequence[str], rows: Sequence[Sequence[str]], numeric: Sequence[int] = ()) -> str:
    """Cells are HTML already (escape user text before it gets here)."""
    head = "".join(f'<th class="{"num" if i in numeric else ""}">{h}</th>' for i, h in enumerate(header))
    body = "".join("<tr>" + "".join(f'<td class="{"num" if i in numeric else ""}">{c}</td>' for i, c in enumerate(r))
                   + "</tr>" for r in rows)
    return f'<div class="scroll"><table><tr>{head}</tr>{body}</table></div>'


def score_html(result: ScoreResult, lang: str = "zh") -> str:
    """The report a team lead opens: the week board first, then what did not fit, who works how
    much, the trends caught, when to post, and the predicted numbers with where they come from."""
    w = lambda key: e(word(key, lang))  # noqa: E731
    plan = result.plan
    pills = [f'<span class="pill">{w("status")}: {e(plan.solver.status)}</span>',
             f'<span class="pill">{len(plan.publications)} {w("publications")}</span>',
             f'<span class="pill">{len(plan.tasks)} {w("tasks")}</span>',
             f'<span class="pill">{w("value")} {result.value:,.1f}</span>',
             f'<span class="pill {"bad" if result.hard_count else "good"}">{result.hard_count} {w("hard")}</span>',
             f'<span class="pill">{w("soft")} {w("penalty")} {result.soft_penalty:g}</span>']
    board = Board(result, lang)
    parts = {
        "board": section("board", lang, board.html()),
        "agenda": section("agenda", lang, board.agendas()),
        "unscheduled": section("unscheduled", lang, unscheduled_html(result.unscheduled, lang),
                               f" ({len(result.unscheduled)})"),
        "workload": section("workload", lang, workload_html(result, lang)),
        "gantt": section("gantt", lang, gantt(result, lang)),
        "trends": section("trends", lang, trends_html(result.trends, lang)),
        "best_time": section("best_time", lang, f'<p class="meta">{w("best_time_note")}</p>{best_time_html(result, lang)}'),
        "kpis": section("kpis", lang, f'<p class="meta">{w("kpi_note")}. {e(board.provenance.summary(lang))}</p>'
                                      f"{kpi_charts(result, lang)}"),
        "topics": section("topics", lang, topics_html(result, lang)),
        "violations": section("violations", lang, violations_html(result.violations, lang)),
    }
    order = list(parts)
    if result.hard_count:  # a broken hard rule comes before anything else
        order.remove("violations")
        order.insert(0, "violations")
    body = [f"<h1>{e(result.scenario.name)}</h1><p>{''.join(pills)}</p>", nav(order, lang),
            *[parts[k] for k in order]]
    return page(f"{result.scenario.name} — {word('report', lang)}", "".join(body), lang)


def violations_html(frame: pd.DataFrame, lang: str) -> str:
    """Hard violations in full; soft ones (often many small preferences) folded under their count."""
    if frame.empty:
        return f"<p>{e(word('none', lang))}</p>"
    header = [e(word(k, lang)) for k in ("hard", "rule", "penalty", "detail", "source")]

    def rows(part: pd.DataFrame) -> list[list[str]]:
        return [[f'<span class="{"hard" if r["hard"] else "soft"}">{e(word("hard" if r["hard"] else "soft", lang))}'
                 f"</span>", e(r["rule"]), "" if r["hard"] else f"{r['penalty']:g}", e(r["detail"]),
                 e(r["source"] or "")] for r in rows_of(part)]

    hard = frame[frame["hard"].astype(bool)]
    soft = frame[~frame["hard"].astype(bool)]
    out = [f'<p class="hard">{len(hard)} {e(word("hard", lang))}</p>'
           + (html_table(header, rows(hard), numeric=(2,)) if len(hard) else "")]
    if len(soft):
        out.append(f'<details><summary class="soft">{len(soft)} {e(word("soft", lang))} · {e(word("penalty", lang))} '
                   f'{soft["penalty"].sum():g}</summary>{html_table(header, rows(soft), numeric=(2,))}</details>')
    return "".join(out)


def kpi_charts(result: ScoreResult, lang: str) -> str:
    kpis = result.kpis
    charts = []
    for kpi in HEADLINE_KPIS:
        part = kpis[(kpis["group"] == "account") & (kpis["kpi"] == kpi)]
        charts.append(interval_bars(f"{word(kpi, lang)} · {word('per_account', lang)}", [str(k) for k in part["key"]],
                                    part["value"].tolist(), part["p10"].tolist(), part["p90"].tolist(), lang))
    # Goals are judged by different KPIs: one small chart each keeps the scales honest.
    for goal, part in kpis[kpis["group"] == "goal"].groupby("key", sort=False):
        kpi = GOAL_KPI.get(str(goal), "views")
        row = part[part["kpi"] == kpi].iloc[0]
        name = goal_name(str(goal), lang)
        charts.append(interval_bars(f"{word('per_goal', lang)}: {name} · {word(kpi, lang)}", [name],
                                    [float(row["value"])], [float(row["p10"])], [float(row["p90"])], lang,
                                    [GOAL_COLOURS.get(str(goal), "#60a5fa")], width=300))
    total = kpis[kpis["group"] == "total"]
    rows = [[e(word(r["kpi"], lang)), e(interval(r["value"], r["p10"], r["p90"], lang))] for r in rows_of(total)]
    return (f'<div class="charts">{"".join(charts)}</div><h3>{e(word("total", lang))}</h3>'
            + html_table([e(word("kpis", lang)), e(word("kpi_note", lang))], rows, numeric=(1,)))


def topics_html(result: ScoreResult, lang: str) -> str:
    topics = result.topics
    if topics.empty:
        return f"<p>{e(word('none', lang))}</p>"
    colour = {a.id: PALETTE[i % len(PALETTE)] for i, a in enumerate(result.scenario.accounts)}
    rows = []
    for topic_id, part in topics.groupby("topic", sort=False):
        first = part.iloc[0]
        bar = "".join(f'<div style="width:{r["share"] * 100:.1f}%;background:{colour.get(r["account"], "#999")}" '
                      f'title="{e(r["account"])}: {e(number(r["value"], lang))} ({r["share"]:.0%})"></div>'
                      for r in rows_of(part))
        shares = " · ".join(f"{e(r['account'])} {r['share']:.0%}" for r in rows_of(part))
        rows.append([e(topic_id), e(first["title"]), e(f"{goal_name(first['goal'], lang)} · {word(first['kpi'], lang)}"),
                     e(interval(first["total"], first["total_p10"], first["total_p90"], lang)),
                     f'<div class="share">{bar}</div><span class="meta">{shares}</span>'])
    return html_table([e(word(k, lang)) for k in ("topic", "title", "goal", "all_channels", "one_channel")], rows,
                      numeric=(3,))


def workload_html(result: ScoreResult, lang: str) -> str:
    """Per member: hours planned against hours available over the horizon (a bar), then day by day."""
    load = result.workload
    if load.empty or not load["hours"].any():
        return f"<p class=\"meta\">{e(word('no_tasks', lang))}</p>"
    totals = []
    for member in result.scenario.team:
        hours = float(load.loc[load["member"] == member.id, "hours"].sum())
        available = available_hours(member, result.scenario)
        share = min(hours / available, 1.0) if available else 1.0
        colour = "#dc2626" if hours > available + 1e-6 else "#d97706" if share >= 0.9 else "#059669"
        totals.append([f"{e(member.name or member.id)} <span class=\"meta\">{e(member.id)}</span>",
                       f'<div class="share" title="{share:.0%}"><div style="width:{share * 100:.1f}%;'
                       f'background:{colour}"></div></div>', f"{hours:g} / {available:g} h ({share:.0%})"])
    dates = sorted(load["date"].unique())
    rows = []
    for member_id, part in load.groupby("member", sort=False):
        cells = [f"{e(member_id)} {e(part['name'].iloc[0])}"]
        for r in rows_of(part):
            text = "—" if r["off"] and not r["hours"] else f"{r['hours']:g}/{r['capacity']:g}"
            cells.append(f'<span class="{"hard" if r["over"] else ""}">{e(text)}</span>')
        cells.append(f"{part['hours'].sum():g}")
        rows.append(cells)
    names = WEEKDAYS[lang]
    return (f"<h3>{e(word('workload_total', lang))}</h3>"
            + html_table([e(word("member", lang)), "", e(word("hours", lang))], totals, numeric=(2,))
            + f"<h3>{e(word('workload', lang))}</h3>"
            + html_table([e(word("member", lang)), *[f"{d:%m-%d} {e(names[d.weekday()])}" for d in dates],
                          e(word("total", lang))], rows, numeric=tuple(range(1, len(dates) + 2))))


def trends_html(trends: pd.DataFrame, lang: str) -> str:
    if trends.empty:
        return f"<p>{e(word('none', lang))}</p>"
    rows = []
    for r in rows_of(trends):
        window = f"{r['start']:%m-%d %H:%M} – {r['end']:%m-%d %H:%M} ({word('peak', lang)} {r['peak']:%m-%d %H:%M})"
        if not r["topic"]:
            rows.append([e(r["name"]), e(window), f'<span class="soft">{e(word("missed", lang))}</span>', "", "", ""])
            continue
        where = (f'<span class="{"" if r["inside"] else "hard"}">'
                 f'{e(word("inside" if r["inside"] else "outside", lang))}</span>')
        rows.append([e(r["name"]), e(window), f"{e(r['topic'])} {e(r['title'])}", e(r["account"]),
                     f"{r['at']:%m-%d %H:%M}", f"{r['heat']:.2f} {where}"])
    return html_table([e(word(k, lang)) for k in ("trends", "window", "topic", "account", "time", "heat")], rows)


def best_time_html(result: ScoreResult, lang: str) -> str:
    best = result.best_times
    if best.empty:
        return f"<p>{e(word('none', lang))}</p>"
    pubs = result.publications
    maps = []
    for account in result.scenario.accounts:
        part = best[best["account"] == account.id]
        if part.empty:
            continue
        grid = part.pivot(index="weekday", columns="hour", values="value").reindex(index=range(7), columns=range(24))
        mine = pubs[pubs["account"] == account.id] if len(pubs) else pubs
        marks = {(int(at.weekday()), int(at.hour)) for at in mine["at"]} if len(mine) else set()
        maps.append(heatmap(f"{account.id} {account.name}", grid.fillna(0.0), lang, marks))
    return f'<div class="charts">{"".join(maps)}</div>'


def unscheduled_html(frame: pd.DataFrame, lang: str) -> str:
    if frame.empty:
        return f"<p>{e(word('none', lang))}</p>"
    rows = [[e(r["topic"]), e(r["title"]), f"P{int(r['priority'])}", e(r["reasons"])] for r in rows_of(frame)]
    return html_table([e(word(k, lang)) for k in ("topic", "title", "priority", "reasons")], rows)


def comparison_html(comp: Comparison, lang: str = "zh") -> str:
    w = lambda key: e(word(key, lang))  # noqa: E731
    names = list(comp.scores)
    summary = comp.summary.set_index("plan")
    rows = []
    for key, col in (("scenario", "scenario"), ("status", "status"), ("objective", "objective"), ("gap", "gap"),
                     ("value", "value"), ("posts", "posts"), ("unscheduled", "unscheduled"), ("hard", "hard"),
                     ("penalty", "soft_penalty")):
        rows.append([w(key), *[_diff_cell(summary.loc[n, col], summary.loc[comp.base, col], n == comp.base, col)
                               for n in names]])
    keys = ["plan", "kpis", "calendar", "changes", "posts_per_account", "hours_per_member", "unscheduled",
            "violations", "gantt"]
    body = [f"<h1>{w('comparison')}</h1><p><span class=\"pill\">{w('base')}: {e(comp.base)}</span></p>",
            nav(keys, lang),
            section("plan", lang, html_table(["", *[e(n) for n in names]], rows)),
            section("kpis", lang, f'<p class="meta">{w("kpi_note")}</p>{_kpi_compare(comp, lang)}'),
            section("calendar", lang, side_by_side_calendars(comp, lang)),
            section("changes", lang, _changes(comp, lang)),
            section("posts_per_account", lang, _frame_diff(comp.posts, comp.base, w("account"))),
            section("hours_per_member", lang, _frame_diff(comp.hours, comp.base, w("member"))),
            section("unscheduled", lang, '<div class="side">' + "".join(
                f"<div><h3>{e(n)}</h3>{unscheduled_html(s.unscheduled, lang)}</div>" for n, s in comp.scores.items())
                + "</div>"),
            section("violations", lang, "".join(f"<h3>{e(n)}</h3>{violations_html(s.violations, lang)}"
                                                for n, s in comp.scores.items())),
            section("gantt", lang, "".join(f"<details><summary>{e(n)}</summary>{gantt(s, lang)}</details>"
                                           for n, s in comp.scores.items()))]
    return page(word("comparison", lang), "".join(body), lang)


def _diff_cell(value: Any, base: Any, is_base: bool, column: str) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "—"
    if base is None or (isinstance(base, float) and math.isnan(base)):
        base = None
    text = f"{float(value):.1%}" if column == "gap" else (f"{value:,.1f}" if isinstance(value, float) else str(value))
    if is_base or value == base:
        return e(text)
    delta = ""
    if isinstance(value, int | float) and isinstance(base, int | float) and column != "gap":
        delta = f" ({float(value) - float(base):+,.1f})"
    return f'<span class="diff">{e(text)}{e(delta)}</span>'


def _frame_diff(frame: pd.DataFrame, base: str, index_label: str) -> str:
    rows = []
    for key, row in frame.iterrows():
        cells = [e(key)]
        for name, value in row.items():
            cells.append(_diff_cell(value, row[base], name == base, ""))
        rows.append(cells)
    return html_table([index_label, *[e(c) for c in frame.columns]], rows, numeric=tuple(range(1, len(frame.columns) + 1)))


def _kpi_compare(comp: Comparison, lang: str) -> str:
    total = comp.kpis[comp.kpis["group"] == "total"]
    names = list(comp.scores)
    colours = [PALETTE[i % len(PALETTE)] for i in range(len(names))]
    charts = []
    for kpi in KPIS:
        by = {r["plan"]: r for r in rows_of(total[total["kpi"] == kpi])}
        charts.append(interval_bars(word(kpi, lang), names, [by[n]["value"] for n in names],
                                    [by[n]["p10"] for n in names], [by[n]["p90"] for n in names], lang, colours))
    return f'<div class="charts">{"".join(charts)}</div>'


def _changes(comp: Comparison, lang: str) -> str:
    """Per variant: the counts at a glance, the full list folded underneath."""
    css = {"added": "added", "moved": "moved", "dropped": "hard", "reassigned": "moved"}
    out = []
    for name in list(comp.scores)[1:]:
        part = comp.changes[comp.changes["plan"] == name]
        if part.empty:
            out.append(f"<p><b>{e(name)}</b>: {e(word('no_changes', lang))}</p>")
            continue
        counts = part["change"].value_counts()
        summary = " · ".join(f'<span class="{css[k]}">{e(word(k, lang))} {int(counts.get(k, 0))}</span>'
                             for k in ("moved", "added", "dropped", "reassigned"))
        rows = [[f'<span class="{css.get(r["change"], "")}">{e(word(r["change"], lang))}</span>',
                 f"{e(r['topic'])} {e(r['title'])}", e(r["where"]), e(r["before"] or "—"), e(r["after"] or "—")]
                for r in rows_of(part)]
        table = html_table([e(word(k, lang)) for k in ("change", "topic", "where", "before", "after")], rows)
        out.append(f"<details><summary><b>{e(name)}</b>: {summary}</summary>{table}</details>")
    return "".join(out)
