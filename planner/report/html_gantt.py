"""A Gantt chart of each member's tasks (inline SVG): one lane per member, days across, a chart a week."""

from __future__ import annotations

from datetime import date, datetime

from planner.domain.plan import Task
from planner.report.grid import rows_of
from planner.report.html_assets import STAGE_COLOURS
from planner.report.html_board import weeks
from planner.report.labels import WEEKDAYS, say, stage_name, word
from planner.report.svg import e, svg_open
from planner.scoring.score import ScoreResult

DAY_WIDTH, LEFT, LANE, TOP = 170, 96, 18, 40


def _hours(moment: datetime) -> float:
    return moment.hour + moment.minute / 60


def gantt(result: ScoreResult, lang: str) -> str:
    """One chart per calendar week (seven days fit a laptop's width; a phone scrolls the chart
    itself). Each day spans the scenario's work hours; work outside them (a live session in the
    evening) is drawn at the day's edge, hatched, with its real time in its label."""
    scenario = result.scenario
    tasks = list(result.plan.tasks)  # score() has put them in the horizon's zone
    if not tasks:
        return f'<p class="meta">{e(word("no_tasks", lang))}</p>'
    work_start, work_end = scenario.horizon.work_window()
    first = _hours(datetime.combine(datetime.min, work_start))
    last = 24.0 if work_end.hour == 23 and work_end.minute == 59 else _hours(datetime.combine(datetime.min, work_end))
    used = {t.stage.split(":")[0] for t in tasks}
    legend = "".join(f'<span><i class="swatch" style="background:{c}"></i>{e(stage_name(s, lang))}</span>'
                     for s, c in STAGE_COLOURS.items() if s in used)
    hours = say("work_hours", lang, start=f"{work_start:%H:%M}", end=f"{work_end:%H:%M}")
    if any(_hours(t.start) < first or _hours(t.end) > last or t.end.date() != t.start.date() for t in tasks):
        legend += f'<span><i class="swatch outside"></i>{e(word("outside_hours", lang))}</span>'
    charts = []
    for n, week in enumerate(weeks(scenario), start=1):
        days = [d for d in week if scenario.horizon.contains(d)]
        mine = [t for t in tasks if t.start.date() in days]
        if mine:
            charts.append(f'<h3>{e(say("week_n", lang, n=n))}</h3><div class="scroll">'
                          f'{_week(result, days, mine, first, last, lang)}</div>')
    return f'<p class="legend">{e(hours)} · {legend}</p>{"".join(charts)}'


def _week(result: ScoreResult, days: list[date], tasks: list[Task], first: float, last: float, lang: str) -> str:
    scenario = result.scenario
    span = max(last - first, 1.0)
    lanes = {m.id: _lanes([t for t in tasks if m.id in t.members]) for m in scenario.team}
    heights = {m: max(len(rows), 1) * LANE + 6 for m, rows in lanes.items()}
    width = LEFT + DAY_WIDTH * len(days) + 4
    height = TOP + sum(heights.values()) + 4
    load = {(r["member"], r["date"]): r for r in rows_of(result.workload)}
    names = WEEKDAYS[lang]
    parts = [svg_open(width, height, word("gantt", lang))]
    ticks = [first, (first + last) / 2, last]
    for i, day in enumerate(days):
        x = LEFT + i * DAY_WIDTH
        parts.append(f'<text x="{x + 4}" y="12" font-weight="600">{day:%m-%d} {e(names[day.weekday()])}</text>'
                     f'<line x1="{x}" x2="{x}" y1="4" y2="{height}" stroke="#d1d5db" />')
        for tick in ticks:  # the hours along each day: start, middle, end of the working day
            tx = x + (tick - first) / span * DAY_WIDTH
            anchor = "start" if tick == first else "end" if tick == last else "middle"
            parts.append(f'<text x="{tx + (3 if tick == first else -3 if tick == last else 0):.1f}" y="{TOP - 8}" '
                         f'text-anchor="{anchor}" font-size="9" fill="#6b7280">{int(tick):02d}:{int(tick % 1 * 60):02d}</text>')
    y = TOP
    for member in scenario.team:
        rows, h = lanes[member.id], heights[member.id]
        parts.append(f'<rect x="0" y="{y}" width="{width}" height="{h}" fill="none" stroke="#f3f4f6" />'
                     f'<text x="4" y="{y + 14}">{e(member.name or member.id)}</text>')
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
                parts.append(_bar(task, days.index(task.start.date()), y + 3 + lane * LANE, first, span, result, lang))
        y += h
    parts.append("</svg>")
    return "".join(parts)


def _bar(task: Task, day: int, y: float, first: float, span: float, result: ScoreResult, lang: str) -> str:
    begin = _hours(task.start)
    end = _hours(task.end) if task.end.date() == task.start.date() else 24.0
    outside = begin < first or end > first + span
    # Work outside the hours sits at the day's edge, wide enough to carry its real time.
    edge = min(2.0, span)
    start = min(max(begin, first), first + span - edge) if outside else begin
    stop = max(min(end, first + span), start + edge) if outside else end
    x = LEFT + day * DAY_WIDTH + (start - first) / span * DAY_WIDTH
    w = max((stop - start) / span * DAY_WIDTH, 2)
    colour = STAGE_COLOURS.get(task.stage.split(":")[0], "#9ca3af")
    topic = result.scenario.topic_by_id.get(task.topic)
    title = topic.title if topic else task.topic
    names = ", ".join(result.scenario.member_by_id[m].name or m if m in result.scenario.member_by_id else m
                      for m in task.members)
    tip = (f"{stage_name(task.stage, lang)} · {task.topic} {title} · {task.start:%m-%d %H:%M}–{task.end:%H:%M} · "
           f"{names}" + (f" · {word('outside_hours', lang)}" if outside else ""))
    text = f"{task.start:%H:%M} {task.topic}" if outside else f"{stage_name(task.stage, lang)[:2]} {task.topic}"
    label = (f'<text x="{x + 2:.1f}" y="{y + 11}" font-size="9" fill="#111">{e(text)}</text>' if w > 30 else "")
    hatch = ' stroke="#111" stroke-dasharray="3 2"' if outside else ""
    return (f'<g><rect x="{x:.1f}" y="{y}" width="{w:.1f}" height="{LANE - 4}" rx="2" fill="{colour}"{hatch}>'
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
