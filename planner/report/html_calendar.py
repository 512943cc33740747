"""Plans side by side for what-if: per account, a row per plan and a column per day."""

from __future__ import annotations

from datetime import date
from typing import Any

from planner.domain.scenario import Topic
from planner.report.grid import rows_of
from planner.report.html_board import label_chips
from planner.report.labels import WEEKDAYS, goal_name, number, platform_name, word
from planner.report.svg import e
from planner.scoring.compare import Comparison


def post_html(pub: dict[str, Any], lang: str, mark: str = "", note: str = "", topic: Topic | None = None) -> str:
    """One post: time and title, coloured by goal, a badge on trend topics, the ``topic``'s labels and
    flags (广告, 商业...). ``mark`` is a diff class."""
    badge = f'<span class="badge">{e(word("trend_badge", lang))}</span>' if pub.get("trend") else ""
    if topic is not None:
        badge += label_chips(topic, lang)
    tip = (f"{pub['topic']} {pub['title']} · {pub['account']} {pub['at']:%m-%d %H:%M} · "
           f"{goal_name(pub['goal'], lang)} · {word('views', lang)} {number(pub['views'], lang)}")
    if note:
        tip += f" · {note}"
    classes = " ".join(c for c in ("post", f"g-{pub['goal']}", mark) if c)
    return (f'<div class="{e(classes)}" data-topic="{e(pub["topic"])}" title="{e(tip)}">'
            f'{pub["at"]:%H:%M}{badge} {e(pub["title"])}</div>')


def _legend(lang: str) -> str:
    from planner.report.html_assets import GOAL_COLOURS

    items = "".join(f'<span><i class="swatch" style="background:{c}"></i>{e(goal_name(g, lang))}</span>'
                    for g, c in GOAL_COLOURS.items())
    return (f'<p class="legend">{e(word("legend", lang))}: {items}'
            f'<span><span class="badge">{e(word("trend_badge", lang))}</span></span></p>')


def side_by_side_calendars(comp: Comparison, lang: str) -> str:
    """Per account: one row per plan, one column per day. Variant rows mark posts added or moved
    against the base and show the base's dropped posts struck through."""
    base = comp.scores[comp.base]
    scenario = base.scenario
    days = scenario.horizon.dates()
    names = WEEKDAYS["zh" if lang == "zh" else "en"]
    base_pubs = {(p["topic"], p["account"]): p for p in rows_of(base.publications)}
    topics = scenario.topic_by_id
    out = [_legend(lang), '<p class="legend">'
           f'<span class="post added">+ {e(word("added", lang))}</span> '
           f'<span class="post moved">↻ {e(word("moved", lang))}</span> '
           f'<span class="post dropped">{e(word("dropped", lang))}</span></p>']
    for account in scenario.accounts:
        out.append(f"<h3>{e(account.id)} · {e(account.name)} · {e(platform_name(account.platform, lang))}</h3>")
        out.append('<div style="overflow-x:auto"><table class="cal"><tr><th></th>' + "".join(
            f"<th>{d:%m-%d} {e(names[d.weekday()])}</th>" for d in days) + "</tr>")
        for name, result in comp.scores.items():
            mine = {(p["topic"], p["account"]): p for p in rows_of(result.publications) if p["account"] == account.id}
            cells: dict[date, list[tuple[Any, str]]] = {d: [] for d in days}
            for key, pub in mine.items():
                mark, note = "", ""
                if name != comp.base:
                    old = base_pubs.get(key)
                    if old is None:
                        mark = "added"
                    elif old["at"] != pub["at"]:
                        mark, note = "moved", f"{word('before', lang)} {old['at']:%m-%d %H:%M}"
                cells.setdefault(pub["at"].date(), []).append((pub["at"], post_html(pub, lang, mark, note, topics.get(pub["topic"]))))
            if name != comp.base:
                for key, old in base_pubs.items():
                    if old["account"] == account.id and key not in mine:
                        cells.setdefault(old["at"].date(), []).append((old["at"], post_html(old, lang, "dropped", topic=topics.get(old["topic"]))))
            row = "".join("<td>" + "".join(html for _, html in sorted(cells.get(d, []), key=lambda x: x[0]))
                          + "</td>" for d in days)
            out.append(f"<tr><th>{e(name)}</th>{row}</tr>")
        out.append("</table></div>")
    return "".join(out)
