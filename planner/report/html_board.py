"""The week board the report opens on, the detail behind each post, and the members' agendas.

The board has days as columns and a row per account (or, switched, per member). Its cells come in
day order in the page (a day's header, then that day's cell of every row), placed on the grid by
their ``grid-area``: on a wide screen they line up as a table, on a phone the grid becomes a list of
days, each cell naming its row, so nothing is squeezed and the page never scrolls sideways.

Each post names its time, platform, labels, commercial flag and makers; tapping it opens its
detail (a ``<template>`` per post, copied into one panel by the page's small script): the
production chain (who does which stage on which day), the same topic's other posts, and the
predicted numbers with their 80% interval and where they come from.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from planner.domain.plan import Task
from planner.domain.scenario import Scenario, Topic
from planner.domain.vocab import role_word
from planner.report.grid import rows_of
from planner.report.html_assets import GOAL_COLOURS
from planner.report.labels import WEEKDAYS, goal_name, interval, listed, platform_name, say, stage_name, word
from planner.report.production import Production, flags, post_labels, serves
from planner.report.provenance import Provenance, provenance
from planner.report.summary import available_hours
from planner.report.svg import e
from planner.scoring.predict import GOAL_KPI
from planner.scoring.score import ScoreResult

#: Colours that tell apart the topics published on more than one account (white text on each).
TOPIC_COLOURS = ("#1d4ed8", "#b45309", "#047857", "#7c3aed", "#be123c", "#0e7490", "#4d7c0f", "#a21caf",
                 "#c2410c", "#334155")
DETAIL_KPIS = ("views", "follower_gain", "engagement", "conversions", "completed_views")


def weeks(scenario: Scenario) -> list[list[date]]:
    """The horizon in calendar weeks, Monday first (days outside the horizon included to fill them)."""
    start = scenario.horizon.start - timedelta(days=scenario.horizon.start.weekday())
    out = []
    while start < scenario.horizon.end:
        out.append([start + timedelta(days=i) for i in range(7)])
        start += timedelta(days=7)
    return out


def label_chips(topic: Topic, lang: str) -> str:
    """What the poster declares, as chips: the topic's labels (广告, 品牌合作, AI生成), then its flags."""
    return ("".join(f'<span class="lab">{e(label)}</span>' for label in post_labels(topic))
            + "".join(f'<span class="lab flag">{e(flag)}</span>' for flag in flags(topic, lang)))


@dataclass
class _Post:
    id: str  # the element id of its detail
    row: dict[str, Any]
    topic: Topic


class Board:
    """What the board, the details and the agendas are drawn from."""

    def __init__(self, result: ScoreResult, lang: str) -> None:
        self.result, self.lang = result, lang
        self.scenario = result.scenario
        self.production = Production(result.scenario, result.plan)
        self.provenance: Provenance = provenance(result)
        self.posts: list[_Post] = []
        for i, row in enumerate(rows_of(result.publications.sort_values(["at", "account"], kind="stable"))):
            self.posts.append(_Post(f"pub-{i}", row, self.scenario.topic_by_id[row["topic"]]))
        self.by_topic: dict[str, list[_Post]] = defaultdict(list)
        self.by_day: dict[tuple[str, date], list[_Post]] = defaultdict(list)  # by account and day
        for post in self.posts:
            self.by_topic[post.topic.id].append(post)
            self.by_day[(post.row["account"], post.row["at"].date())].append(post)
        shared = [t for t, posts in self.by_topic.items() if len({p.row["account"] for p in posts}) > 1]
        self.colour = {t: TOPIC_COLOURS[i % len(TOPIC_COLOURS)] for i, t in enumerate(shared)}
        self.tasks: dict[tuple[str, date], list[Task]] = defaultdict(list)
        for task in sorted(result.plan.tasks, key=lambda t: t.start):
            for member in task.members:
                self.tasks[(member, task.start.date())].append(task)
        self.load = {(r["member"], r["date"]): r for r in rows_of(result.workload)}

    # ---- pieces --------------------------------------------------------------------------------

    def w(self, key: str) -> str:
        return e(word(key, self.lang))

    def marker(self, topic: str) -> str:
        """The topic's id; on a topic that goes out on several accounts, a coloured chip with the count
        (the same colour wherever the topic appears), so two posts read as one topic, not a copy."""
        colour = self.colour.get(topic)
        if colour is None:
            return f'<span class="tk">{e(topic)}</span>'
        count = len({p.row["account"] for p in self.by_topic[topic]})
        tip = say("same_topic", self.lang, n=count)
        return f'<span class="tk multi" style="background:{colour}" title="{e(tip)}">{e(topic)} ×{count}</span>'

    def chips(self, topic: Topic) -> str:
        trend = f'<span class="badge">{self.w("trend_badge")}</span>' if topic.trend else ""
        return label_chips(topic, self.lang) + trend

    def post_card(self, post: _Post) -> str:
        row, topic = post.row, post.topic
        makers = self.production.maker_names(topic.id, row["account"])
        who = (f'<div class="pw">{e(listed(makers, self.lang))}</div>' if makers else
               f'<div class="pw none">{self.w("no_makers")}</div>')
        chips = self.chips(topic)
        return (f'<div class="post g-{e(topic.goal)}" data-pub="{post.id}" data-topic="{e(topic.id)}" tabindex="0" '
                f'role="button" aria-haspopup="dialog">'
                f'<div class="ph"><b class="hm">{row["at"]:%H:%M}</b> '
                f'<span class="pf">{e(platform_name(row["platform"], self.lang))}</span> {self.marker(topic.id)}</div>'
                f'<div class="pt">{e(topic.title)}</div>'
                + (f'<div class="pl">{chips}</div>' if chips else "") + f"{who}</div>")

    def task_card(self, task: Task) -> str:
        topic = self.scenario.topic_by_id.get(task.topic)
        first = self.by_topic.get(task.topic, [])
        target = f' data-pub="{first[0].id}" tabindex="0" role="button" aria-haspopup="dialog"' if first else ""
        stage = task.stage.split(":")[0]
        chips = self.chips(topic) if topic else ""
        return (f'<div class="task s-{e(stage)}" data-topic="{e(task.topic)}"{target}>'
                f'<div class="ph"><b class="hm">{task.start:%H:%M}–{task.end:%H:%M}</b> '
                f'<span class="pf">{e(stage_name(task.stage, self.lang))}</span> {self.marker(task.topic)}</div>'
                f'<div class="pt">{e(topic.title if topic else task.topic)}</div>'
                + (f'<div class="pl">{chips}</div>' if chips else "") + "</div>")

    # ---- the board -----------------------------------------------------------------------------

    def html(self) -> str:
        controls = (f'<div class="controls" role="group"><button type="button" data-view="account" aria-pressed="true">'
                    f'{self.w("by_account")}</button><button type="button" data-view="member" aria-pressed="false">'
                    f'{self.w("by_member")}</button><span class="meta">{self.w("board_hint")}</span></div>')
        out = [controls, self.legend()]
        for n, week in enumerate(weeks(self.scenario), start=1):
            inside = [d for d in week if self.scenario.horizon.contains(d)]
            title = f"{say('week_n', self.lang, n=n)} · {inside[0]:%m-%d} – {inside[-1]:%m-%d}"
            out.append(f'<h3 class="week">{e(title)}</h3>')
            out.append(self.grid(week, "account"))
            out.append(self.grid(week, "member"))
        out.append(self.templates())
        out.append(f'<div id="panel" class="panel" hidden role="dialog" aria-modal="false" aria-labelledby="panel-title">'
                   f'<button type="button" class="close" aria-label="{self.w("close")}">×</button>'
                   f'<div class="panel-body"></div></div>')
        return "".join(out)

    def legend(self) -> str:
        goals = "".join(f'<span><i class="swatch" style="background:{c}"></i>{e(goal_name(g, self.lang))}</span>'
                        for g, c in GOAL_COLOURS.items())
        example = next(iter(self.colour), None)
        shared = (f'<span>{self.marker(example)} {e(say("same_topic", self.lang, n="N"))}</span>'
                  if example else "")
        return (f'<p class="legend">{self.w("legend")}: {goals}<span><span class="lab">{self.w("labels")}</span></span>'
                f'<span><span class="lab flag">{self.w("commercial")}</span></span>'
                f'<span><span class="badge">{self.w("trend_badge")}</span></span>{shared}</p>')

    def grid(self, week: list[date], view: str) -> str:
        rows = self.scenario.accounts if view == "account" else self.scenario.team
        names = WEEKDAYS[self.lang]
        cells = ['<div class="corner" style="grid-area:1/1"></div>']
        for r, item in enumerate(rows, start=2):
            cells.append(f'<div class="rh" style="grid-area:{r}/1">{self.row_head(item, week, view)}</div>')
        for c, day in enumerate(week, start=2):
            inside = self.scenario.horizon.contains(day)
            cells.append(f'<div class="hd{"" if inside else " outside"}" style="grid-area:1/{c}">'
                         f'{e(names[day.weekday()])} <span class="meta">{day:%m-%d}</span></div>')
            for r, item in enumerate(rows, start=2):
                cells.append(self.cell(item, day, r, c, view, inside))
        return f'<div class="board v-{view}">{"".join(cells)}</div>'

    def row_head(self, item: Any, week: list[date], view: str) -> str:
        if view == "account":
            count = sum(len(self.by_day.get((item.id, d), [])) for d in week)
            return (f'<b>{e(item.name or item.id)}</b><span class="meta">{e(platform_name(item.platform, self.lang))} · '
                    f'{e(item.id)} · {count} {self.w("posts")}</span>')
        hours = sum(float(self.load[(item.id, d)]["hours"]) for d in week if (item.id, d) in self.load)
        capacity = sum(float(self.load[(item.id, d)]["capacity"]) for d in week if (item.id, d) in self.load)
        roles = listed((role_word(r, self.lang) for r in item.roles), self.lang)
        return (f'<b>{e(item.name or item.id)}</b><span class="meta">{e(roles)} · {hours:g}/{capacity:g} h</span>')

    def cell(self, item: Any, day: date, r: int, c: int, view: str, inside: bool) -> str:
        if view == "account":
            body = "".join(self.post_card(p) for p in self.by_day.get((item.id, day), []))
            owner = f"{item.name or item.id} · {platform_name(item.platform, self.lang)}"
            state = ""
        else:
            body = "".join(self.task_card(t) for t in self.tasks.get((item.id, day), []))
            owner = item.name or item.id
            info = self.load.get((item.id, day))
            state = (" off" if info and info["off"] else "") + (" over" if info and info["over"] else "")
            if info and info["off"] and not body:
                body = f'<span class="meta">{self.w("off")}</span>'
        classes = "cell" + ("" if body else " empty") + ("" if inside else " outside") + state
        return (f'<div class="{classes}" style="grid-area:{r}/{c}"><div class="owner">{e(owner)}</div>'
                f"{body}</div>")

    # ---- details -------------------------------------------------------------------------------

    def templates(self) -> str:
        return "".join(f'<template id="{p.id}">{self.detail(p)}</template>' for p in self.posts)

    def detail(self, post: _Post) -> str:
        row, topic, lang = post.row, post.topic, self.lang
        account = self.scenario.account_by_id[row["account"]]
        when = f"{row['at']:%m-%d} {WEEKDAYS[lang][row['at'].weekday()]} {row['at']:%H:%M}"
        head = (f'<h3 id="panel-title">{e(topic.title)} {self.marker(topic.id)}</h3>'
                f'<p><b>{e(when)}</b> · {e(platform_name(account.platform, lang))} · {e(account.name or account.id)} '
                f'({e(account.id)}) · {e(goal_name(topic.goal, lang))}</p>')
        marks = [*post_labels(topic), *flags(topic, lang)]
        if marks:
            head += f'<p>{self.w("labels")}: {self.chips(topic)}</p>'
        trend = self.scenario.trend_by_id.get(topic.trend) if topic.trend else None
        if trend:
            head += f'<p>{self.w("trends")}: {e(trend.name)}</p>'
        chain = self.production.chain(topic.id, row["account"])
        if chain:
            rows = "".join(f"<tr><td>{e(stage_name(t.stage, lang))}</td>"
                           f"<td>{e(listed((self.production.name(m) for m in t.members), lang))}</td>"
                           f"<td>{t.start:%m-%d} {e(WEEKDAYS[lang][t.start.weekday()])} {t.start:%H:%M}–{t.end:%H:%M}</td>"
                           f'<td class="num">{t.hours:g} h</td></tr>' for t in chain)
            head += (f'<h4>{self.w("chain")}</h4><table><tr><th>{self.w("stage")}</th><th>{self.w("member")}</th>'
                     f'<th>{self.w("time")}</th><th class="num">{self.w("hours")}</th></tr>{rows}</table>')
        else:
            head += f'<p class="meta">{self.w("no_makers")}</p>'
        others = [p for p in self.by_topic[topic.id] if p is not post]
        if others:
            items = "".join(f'<li>{p.row["at"]:%m-%d %H:%M} · {e(platform_name(p.row["platform"], lang))} · '
                            f'{e(p.row["account"])}</li>' for p in others)
            head += f'<h4>{self.w("also_on")}</h4><ul>{items}</ul>'
        goal_kpi = GOAL_KPI.get(topic.goal, "views")
        rows = "".join(f'<tr class="{"goal" if k == goal_kpi else ""}"><td>{self.w(k)}</td>'
                       f'<td class="num">{e(interval(row[k], row[k + "_p10"], row[k + "_p90"], lang))}</td></tr>'
                       for k in DETAIL_KPIS if k in row)
        basis = self.provenance.text(topic.id, account.id, lang)
        head += (f'<h4>{self.w("predicted")}</h4><p class="meta">{self.w("interval80")}</p><table>{rows}</table>'
                 f'<p class="meta">{e(say("basis_summary", lang, text=basis))}</p>')
        return head

    # ---- agendas -------------------------------------------------------------------------------

    def agendas(self) -> str:
        """Per member, day by day: what to do, with the post it serves. Printed, one member a page."""
        lang = self.lang
        out = [f'<p class="meta">{self.w("agenda_note")} <button type="button" class="print">'
               f'{self.w("print_agenda")}</button></p>']
        days = self.scenario.horizon.dates()
        for member in self.scenario.team:
            total = sum(t.hours for d in days for t in self.tasks.get((member.id, d), []))
            lines = []
            for day in days:
                tasks = self.tasks.get((member.id, day), [])
                info = self.load.get((member.id, day))
                if not tasks and not (info and info["off"]):
                    continue
                items = "".join(self.agenda_item(t) for t in tasks) or f'<li class="meta">{self.w("off")}</li>'
                lines.append(f'<div class="day"><b>{day:%m-%d} {e(WEEKDAYS[lang][day.weekday()])}</b><ul>{items}</ul></div>')
            roles = listed((role_word(r, lang) for r in member.roles), lang)
            out.append(f'<article class="agenda-m"><h3>{e(member.name or member.id)} <span class="meta">{e(member.id)} · '
                       f'{e(roles)} · {total:g}/{available_hours(member, self.scenario):g} h</span></h3>'
                       + ("".join(lines) or f'<p class="meta">{self.w("no_tasks")}</p>') + "</article>")
        return "".join(out)

    def agenda_item(self, task: Task) -> str:
        topic = self.scenario.topic_by_id.get(task.topic)
        posts = [p for p in self.by_topic.get(task.topic, []) if serves(task.stage, p.row["platform"], p.row["account"])]
        goes = listed((f"{p.row['at']:%m-%d %H:%M} {p.row['account']}" for p in posts), self.lang)
        chips = self.chips(topic) if topic else ""
        return (f'<li><b>{task.start:%H:%M}–{task.end:%H:%M}</b> {e(stage_name(task.stage, self.lang))} · '
                f'{e(task.topic)} {e(topic.title if topic else "")} {chips}'
                + (f' <span class="meta">→ {self.w("publish")} {e(goes)}</span>' if goes else "") + "</li>")
