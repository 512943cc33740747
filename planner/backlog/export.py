"""Backlogs written out: the imported topics as YAML, and the sheet again with the plan's slots.

``backlog_frame`` writes the same columns the import reads (Chinese headers by default), so a
sheet exported and read back gives the same topics; its 计划发布 column lists each topic's
planned posts (account and time) and is ignored on import.
"""

from __future__ import annotations

import io
from datetime import datetime
from typing import Any

import pandas as pd
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq

from planner.backlog.columns import HEADERS
from planner.backlog.importer import BacklogImport
from planner.domain.plan import Plan
from planner.domain.scenario import Scenario, Topic
from planner.domain.vocab import FORMAT_NAMES_ZH, GOAL_NAMES_ZH, PLATFORM_NAMES_ZH, stage_word

#: Columns of an exported sheet, in order.
EXPORT_FIELDS = ("id", "title", "platforms", "format", "goal", "priority", "duration_s", "deadline", "earliest",
                 "talent", "series", "episode", "category", "tags", "accounts", "caption", "hashtags", "commercial",
                 "aspect", "live_at", "first_platform", "after", "trend", "labels", "ai_generated", "review", "done", "planned")
SHEET = "选题库"


def topics_yaml(result: BacklogImport, lang: str = "zh") -> str:
    """``topics:`` as YAML, one flow mapping per topic, each with the row it came from."""
    document = CommentedMap()
    topics = CommentedSeq()
    for topic, row in zip(result.topics, result.rows, strict=True):
        entry = CommentedMap()
        for key, value in topic.items():
            entry[key] = _flow(value) if isinstance(value, list) else value
        entry.fa.set_flow_style()
        topics.append(entry)
        topics.yaml_add_eol_comment(f"{result.file}:{row}", len(topics) - 1)
    document["topics"] = topics
    document.yaml_set_start_comment(result.summary(lang))
    yaml = YAML(typ="rt")
    yaml.allow_unicode = True
    yaml.width = 4096
    yaml.indent(mapping=2, sequence=4, offset=2)
    out = io.StringIO()
    yaml.dump(document, out)
    return out.getvalue()


def _flow(items: list[Any]) -> CommentedSeq:
    seq = CommentedSeq(items)
    seq.fa.set_flow_style()
    return seq


def backlog_frame(scenario: Scenario, plan: Plan | None = None, lang: str = "zh") -> pd.DataFrame:
    """One row per topic of ``scenario`` under the import's headers, with its planned posts."""
    planned: dict[str, list[str]] = {}
    if plan is not None:
        for pub in sorted(plan.publications, key=lambda p: p.at):
            at = scenario.horizon.localize(pub.at)
            planned.setdefault(pub.topic, []).append(f"{pub.account}@{at:%Y-%m-%d %H:%M}")
    left_out = "未排期" if lang != "en" else "unscheduled"
    rows = []
    for topic in scenario.topics:
        row = _cells(topic, scenario, lang)
        row["planned"] = "; ".join(planned.get(topic.id, [])) or (left_out if plan is not None else "")
        rows.append(row)
    headers = {f: (HEADERS[f][0] if lang != "en" else _english(f)) for f in EXPORT_FIELDS}
    frame = pd.DataFrame(rows, columns=list(EXPORT_FIELDS))
    return frame.rename(columns=headers)


def _english(field: str) -> str:
    return {"id": "topic", "duration_s": "duration", "platforms": "platforms"}.get(field, field)


def _cells(topic: Topic, scenario: Scenario, lang: str) -> dict[str, Any]:
    zh = lang != "en"
    yes = "是" if zh else "yes"

    def name(value: str, table: dict[str, str]) -> str:
        return table.get(value, value) if zh else value

    def when(value: datetime | None) -> str:
        return "" if value is None else f"{scenario.horizon.localize(value):%Y-%m-%d %H:%M}"

    return {
        "id": topic.id, "title": topic.title,
        "platforms": "、".join(name(p, PLATFORM_NAMES_ZH) for p in topic.platforms),
        "format": name(topic.format, FORMAT_NAMES_ZH), "goal": name(topic.goal, GOAL_NAMES_ZH),
        "priority": topic.priority, "duration_s": topic.duration_s,
        "deadline": when(topic.deadline), "earliest": when(topic.earliest),
        "talent": "、".join(topic.talent), "series": topic.series or "", "episode": topic.episode or "",
        "category": topic.category, "tags": "、".join(topic.tags), "accounts": "、".join(topic.accounts),
        "caption": topic.caption, "hashtags": " ".join(f"#{h}" for h in topic.hashtags),
        "commercial": yes if topic.commercial else "", "aspect": topic.aspect, "live_at": when(topic.live_at),
        "first_platform": name(topic.first_platform, PLATFORM_NAMES_ZH) if topic.first_platform else "",
        "after": "、".join(topic.after), "trend": topic.trend or "", "labels": "、".join(topic.labels),
        "ai_generated": yes if topic.ai_generated else "", "review": yes if topic.review else "",
        "done": "、".join(stage_word(stage, lang) for stage in topic.done),
    }


def sheet_bytes(frame: pd.DataFrame, suffix: str) -> bytes:
    """The sheet as an XLSX workbook (one sheet, 选题库) or as UTF-8 CSV with a BOM (Excel opens it)."""
    if suffix.lower() in (".xlsx", ".xlsm"):
        buffer = io.BytesIO()
        with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
            frame.to_excel(writer, sheet_name=SHEET, index=False)
        return buffer.getvalue()
    return frame.to_csv(index=False).encode("utf-8-sig")
