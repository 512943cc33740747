"""A Gantt chart of each member's tasks (inline SVG): one lane per member, days across."""

from __future__ import annotations

import math
from datetime import datetime

from planner.domain.plan import Task
from planner.report.grid import rows_of
from planner.report.html_assets import STAGE_COLOURS
from planner.report.labels import stage_name, word
from planner.report.svg import e
from planner.scoring.score import ScoreResult

DAY_WIDTH, LEFT, LANE, TOP = 84, 96, 18, 34


def _hours(moment: datetime) -> float:
    return moment.hour + moment.minute / 60


def gantt(result: ScoreResult, lang: str) -> str:
    scenario = result.scenario
    horizon = scenario.horizon
    tasks = [t.model_copy(update={"start": horizon.localize(t.start), "end": horizon.localize(t.end)})
             for t in result.plan.tasks]
    if not tasks:
        return f'<p class="meta">{e(word("no_tasks", lang))}</p>'
    work_start, work_end = horizon.work_window()
    first = min([_hours(t.start) for t in tasks] + [work_start.hour])
    last = max([_hours(t.end) if t.end.date() == t.start.date() else 24.0 for t in tasks] + [work_end.hour])
    first, last = math.floor(first), math.ceil(last)
    span = max(last - first, 1)
    days = horizon.dates()
    lanes = {m.id: _lanes([t for t in tasks if m.id in t.members]) for m in scenario.team}
    heights = {m: max(len(rows), 1) * LANE + 6 for m, rows in lanes.items()}
    width = LEFT + DAY_WIDTH * len(days) + 4
    height = TOP + sum(heights.values()) + 4
    load = {(r["member"], r["date"]): r for r in rows_of(result.workload)}
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" role="img" '
             f'aria-label="{e(word("gantt", lang))}">',
             f'<text x="{LEFT}" y="12" class="meta">{first:02d}:00–{last:02d}:00</text>']
    for i, day in enumerate(days):
        x = LEFT + i * DAY_WIDTH
        parts.append(f'<text x="{x + 4}" y="{TOP - 6}">{day:%m-%d}</text>'
                     f'<line x1="{x}" x2="{x}" y1="{TOP - 16}" y2="{height}" stroke="#e5e7eb" />')
    y = TOP
    for member in scenario.team:
        rows, h = lanes[member.id], heights[member.id]
        parts.append(f'<rect x="0" y="{y}" width="{width}" height="{h}" fill="none" stroke="#f3f4f6" />'
                     f'<text x="4" y="{y + 14}">{e(member.id)} {e(member.name)}</text>')
        for i, day in enumerate(days):
            x = LEFT + i * DAY_WIDTH
            info = load.get((member.id, day))
            if info is not None and bool(info["off"]):
                parts.append(f'<rect x="{x}" y="{y}" width="{DAY_WIDTH}" height="{h}" fill="#f3f4f6">'
                             f'<title>{e(word("off", lang))}</title></rect>')
            if info is not None and bool(info["over"]):
                parts.append(f'<rect x="{x + 1}" y="{y + 1}" width="{DAY_WIDTH - 2}" height="{h - 2}" fill="none" '
                             f'stroke="#dc2626" stroke-width="2"><title>{e(word("over", lang))}: '
                             f'{float(info["hours"]):g}/{float(info["capacity"]):g} h</title></rect>')
        for lane, items in enumerate(rows):
            for task in items:
                parts.append(_bar(task, days.index(task.start.date()) if task.start.date() in days else -1,
                                  y + 3 + lane * LANE, first, span, result, lang))
        y += h
    parts.append("</svg>")
    legend = "".join(f'<span><i class="swatch" style="background:{c}"></i>{e(stage_name(s, lang))}</span>'
                     for s, c in STAGE_COLOURS.items())
    return f'<p class="legend">{legend}</p><div style="overflow-x:auto">{"".join(parts)}</div>'


def _bar(task: Task, day: int, y: float, first: int, span: int, result: ScoreResult, lang: str) -> str:
    if day < 0:
        return ""
    start = max(_hours(task.start), first)
    end = _hours(task.end) if task.end.date() == task.start.date() else first + span
    x = LEFT + day * DAY_WIDTH + (start - first) / span * DAY_WIDTH
    w = max((end - start) / span * DAY_WIDTH, 2)
    colour = STAGE_COLOURS.get(task.stage.split(":")[0], "#9ca3af")
    topic = result.scenario.topic_by_id.get(task.topic)
    title = topic.title if topic else task.topic
    tip = (f"{stage_name(task.stage, lang)} · {task.topic} {title} · {task.start:%m-%d %H:%M}–{task.end:%H:%M} · "
           f"{', '.join(task.members)}")
    label = f'<text x="{x + 2:.1f}" y="{y + 11}" font-size="9">{e(stage_name(task.stage, lang)[:4])}</text>' \
        if w > 26 else ""
    return (f'<g><rect x="{x:.1f}" y="{y}" width="{w:.1f}" height="{LANE - 4}" rx="2" fill="{colour}">'
            f"<title>{e(tip)}</title></rect>{label}</g>")


def _lanes(tasks: list[Task]) -> list[list[Task]]:
    """Tasks of one member in as few rows as keep them from overlapping."""
    rows: list[list[Task]] = []
    for task in sorted(tasks, key=lambda t: t.start):
        for row in rows:
            if row[-1].end <= task.start:
                row.append(task)
                break
        else:
            rows.append([task])
    return rows
