"""Which header of a topic backlog (选题库) holds which topic field, in Chinese or English.

Headers are compared as the history presets compare them (``normalise_header``: no spaces, case
or unit brackets), so "时长(秒)" and "Duration" both find ``duration_s``. The first spelling of
each field is the one ``planner topics export`` writes.
"""

from __future__ import annotations

from planner.metrics.presets import match_spellings

#: field -> spellings, Chinese first (the export's header), then English and common variants.
HEADERS: dict[str, tuple[str, ...]] = {
    "id": ("选题", "选题编号", "编号", "id", "topic", "topic id"),
    "title": ("标题", "选题名称", "title"),
    "platforms": ("平台", "发布平台", "platforms", "platform"),
    "format": ("形式", "内容形式", "format"),
    "goal": ("目标", "目的", "goal"),
    "priority": ("优先级", "priority"),
    "duration_s": ("时长", "视频时长", "duration", "duration_s", "length"),
    "deadline": ("截止", "截止时间", "截止日期", "deadline", "due"),
    "earliest": ("最早", "最早发布", "earliest", "not before"),
    "talent": ("出镜", "出镜人", "talent", "on camera"),
    "series": ("栏目", "系列", "series", "column"),
    "episode": ("期数", "集数", "episode"),
    "category": ("分类", "类目", "category"),
    "tags": ("标签", "tags"),
    "accounts": ("账号", "发布账号", "accounts", "account"),
    "caption": ("文案", "描述", "caption"),
    "hashtags": ("话题", "话题标签", "hashtags"),
    "commercial": ("商业", "广告", "商单", "commercial", "ad"),
    "aspect": ("画幅", "比例", "aspect"),
    "live_at": ("直播时间", "开播时间", "live at", "live_at"),
    "first_platform": ("首发", "首发平台", "first platform", "first_platform"),
    "after": ("前置选题", "前置", "after"),
    "trend": ("热点", "trend"),
    "labels": ("标注", "声明", "labels"),
    "ai_generated": ("AI生成", "ai generated", "ai_generated"),
    "review": ("需审核", "审核", "review"),
    "status": ("状态", "status"),
    "done": ("已完成环节", "已完成", "done", "done stages"),
    "planned": ("计划发布", "planned"),  # written by export, never read back into a topic
}

#: Fields a row needs; the rest have the topic model's defaults.
REQUIRED = ("title", "platforms", "format", "goal")

#: Values of 状态 that take a row out of planning (it is published or dropped), not refused.
CLOSED_STATUS = frozenset({"已发布", "已取消", "取消", "废弃", "published", "cancelled", "canceled", "dropped"})

#: Words for the priority levels people write instead of 1-5.
PRIORITY_WORDS = {"最高": 5, "高": 4, "中": 3, "低": 2, "最低": 1, "high": 4, "medium": 3, "mid": 3, "low": 2,
                  "p0": 5, "p1": 4, "p2": 3, "p3": 2, "p4": 1, "紧急": 5}


def match_headers(headers: list[str], mapping: dict[str, str] | None = None) -> dict[str, str]:
    """Field -> the file's header, for every field whose header the file has. ``mapping`` (field ->
    header) wins over the spellings above."""
    mapped = match_spellings(headers, ((field, (header,)) for field, header in (mapping or {}).items()))
    return match_spellings(headers, HEADERS.items(), mapped)


def header_score(headers: list[str]) -> int:
    """How many backlog fields a row of headers names (for finding the header row)."""
    return len(match_headers(headers))


def load_backlog_mapping(path: str) -> dict[str, str]:
    """A mapping file (YAML: ``field: header in your sheet``), its keys checked against ``HEADERS``."""
    from planner.errors import InputError, Problem
    from planner.scenario.yamlio import read_yaml

    data, loc = read_yaml(path)
    if not isinstance(data, dict):
        raise InputError(Problem("a column mapping is a map of 'field: header' lines", file=path))
    problems = [Problem(f"unknown field '{key}'; fields are: {', '.join(HEADERS)}", file=path,
                        line=loc.children.get(key, loc).line, path=str(key))
                for key in data if key not in HEADERS]
    problems += [Problem("expected a column header", file=path, line=loc.children.get(key, loc).line, path=str(key))
                 for key, value in data.items() if key in HEADERS and not isinstance(value, str | int)]
    if problems:
        raise InputError(problems)
    return {str(k): str(v) for k, v in data.items()}
