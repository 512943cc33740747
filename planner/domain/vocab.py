"""The fixed vocabularies: platforms, roles, formats, goals and stages, with Chinese aliases.

Users may write either the canonical English id or a common Chinese name; both normalise to
the canonical id so the rest of the code only ever sees one spelling.
"""

from __future__ import annotations

import difflib
import re
from typing import Annotated, Any, Literal

from pydantic import BeforeValidator, ValidationInfo, WithJsonSchema

from planner.errors import clip_list
from planner.messages import pick

PlatformId = Literal[
    "douyin", "kuaishou", "bilibili", "xiaohongshu", "wechat_channels",
    "weibo", "xigua", "tiktok", "youtube_shorts", "instagram_reels",
]
RoleId = Literal["planner", "writer", "shooter", "editor", "talent", "operator", "reviewer"]
FormatId = Literal["talking_head", "skit", "store_visit", "tutorial", "vlog", "live"]
GoalId = Literal["acquire", "retain", "engage", "convert"]
WeekdayId = Literal["mon", "tue", "wed", "thu", "fri", "sat", "sun"]

PLATFORMS: tuple[str, ...] = PlatformId.__args__  # type: ignore[attr-defined]
ROLES: tuple[str, ...] = RoleId.__args__  # type: ignore[attr-defined]
FORMATS: tuple[str, ...] = FormatId.__args__  # type: ignore[attr-defined]
GOALS: tuple[str, ...] = GoalId.__args__  # type: ignore[attr-defined]
WEEKDAYS: tuple[str, ...] = WeekdayId.__args__  # type: ignore[attr-defined]

PLATFORM_ALIASES = {
    "抖音": "douyin", "快手": "kuaishou", "b站": "bilibili", "B站": "bilibili", "哔哩哔哩": "bilibili",
    "小红书": "xiaohongshu", "视频号": "wechat_channels", "微信视频号": "wechat_channels",
    "微博": "weibo", "西瓜": "xigua", "西瓜视频": "xigua", "youtube": "youtube_shorts",
    "shorts": "youtube_shorts", "instagram": "instagram_reels", "reels": "instagram_reels",
}
ROLE_ALIASES = {
    "策划": "planner", "脚本": "writer", "编剧": "writer", "拍摄": "shooter", "摄影": "shooter",
    "剪辑": "editor", "出镜": "talent", "主播": "talent", "host": "talent", "运营": "operator",
    "审核": "reviewer",
}
FORMAT_ALIASES = {
    "口播": "talking_head", "剧情": "skit", "探店": "store_visit", "教程": "tutorial",
    "Vlog": "vlog", "vlog": "vlog", "直播": "live", "直播带货": "live",
}
GOAL_ALIASES = {"拉新": "acquire", "留存": "retain", "促活": "engage", "转化": "convert"}
WEEKDAY_NAMES_ZH = dict(zip(WEEKDAYS, ("周一", "周二", "周三", "周四", "周五", "周六", "周日"), strict=True))
_WEEKDAY_NUMERALS = ("一", "二", "三", "四", "五", "六", "日")
_WEEKDAY_EN = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
#: 周一 星期一 礼拜一 ... 周日 周天 星期天 礼拜天, and Monday/monday: every way a week day is written.
WEEKDAY_ALIASES = {
    **{f"{prefix}{numeral}": day for day, numeral in zip(WEEKDAYS, _WEEKDAY_NUMERALS, strict=True)
       for prefix in ("周", "星期", "礼拜")},
    **{f"{prefix}天": "sun" for prefix in ("周", "星期", "礼拜")},
    **dict(zip(_WEEKDAY_EN, WEEKDAYS, strict=True)),
}

PLATFORM_NAMES_ZH = {
    "douyin": "抖音", "kuaishou": "快手", "bilibili": "B站", "xiaohongshu": "小红书",
    "wechat_channels": "视频号", "weibo": "微博", "xigua": "西瓜", "tiktok": "TikTok",
    "youtube_shorts": "YouTube Shorts", "instagram_reels": "Instagram Reels",
}
FORMAT_NAMES_ZH = {
    "talking_head": "口播", "skit": "剧情", "store_visit": "探店", "tutorial": "教程",
    "vlog": "Vlog", "live": "直播",
}
GOAL_NAMES_ZH = {"acquire": "拉新", "retain": "留存", "engage": "促活", "convert": "转化"}


ROLE_NAMES_ZH = {"planner": "策划", "writer": "脚本", "shooter": "拍摄", "editor": "剪辑", "talent": "出镜",
                 "operator": "运营", "reviewer": "审核"}


def suggest(word: str, choices: tuple[str, ...] | list[str]) -> str:
    """Return " (did you mean 'x'?)" for a near miss, else an empty string."""
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f" (did you mean '{close[0]}'?)" if close else ""


#: What each kind of name is called in a message: kind -> (zh, en).
KIND_WORDS: dict[str, tuple[str, str]] = {
    "platform": ("平台", "platform"), "role": ("角色", "role"), "format": ("内容形式", "format"),
    "goal": ("目标", "goal"), "weekday": ("星期", "weekday"), "member": ("成员", "member"),
    "account": ("账号", "account"), "topic": ("选题", "topic"), "trend": ("热点", "trend"),
    "rule": ("规则", "rule"),
}


def kind_word(kind: str, lang: str) -> str:
    """平台 / platform: a kind of name as the reader says it."""
    zh, en = KIND_WORDS.get(kind, (kind, kind))
    return pick(lang, zh, en)


def closest(word: str, choices: dict[str, str] | list[str] | tuple[str, ...]) -> str | None:
    """The name ``word`` was probably meant to be (difflib), or None. With a dict of spellings to
    names (aliases), a near miss of any spelling gives the name it stands for."""
    spellings = choices if isinstance(choices, dict) else {c: c for c in choices}
    close = difflib.get_close_matches(word, list(spellings), n=1, cutoff=0.6)
    return spellings[close[0]] if close else None


def unknown_name(kind: str, value: str, known: list[str] | tuple[str, ...], lang: str,
                 aliases: dict[str, str] | None = None, names_zh: dict[str, str] | None = None) -> str:
    """``unknown platform 'douyn' (did you mean 'douyin'?); valid: douyin (抖音), ...``, in zh or en:
    the near miss, if any, and every valid name (with its Chinese name where it has one)."""
    near = closest(value, {**{k: k for k in known}, **(aliases or {})})
    names_zh = names_zh or {}
    valid = clip_list(f"{k} ({names_zh[k]})" if k in names_zh else k for k in known)
    if lang == "en":
        hint = f" (did you mean '{near}'?)" if near else ""
        return f"unknown {kind_word(kind, lang)} '{value}'{hint}; valid: {valid or 'none'}"
    hint = f"（是否想写 '{near}'？）" if near else ""
    return f"未知的{kind_word(kind, lang)} '{value}'{hint}；可用：{valid or '无'}"


def lang_of(info: ValidationInfo | None) -> str:
    """The language a model's messages are written in: ``context={"lang": "en"}``; zh otherwise."""
    context = info.context if info is not None else None
    return str(context.get("lang", "zh")) if isinstance(context, dict) else "zh"


def canonical(value: str, choices: tuple[str, ...], aliases: dict[str, str]) -> str | None:
    """The canonical id ``value`` spells (an id, an alias, or an id in other case or with - or
    spaces for _), or None."""
    text = value.strip()
    if text in choices:
        return text
    alias = aliases.get(text) or aliases.get(text.lower())
    if alias:
        return alias
    lowered = text.lower().replace(" ", "_").replace("-", "_")
    return lowered if lowered in choices else None


def _loose_pattern(names: list[str]) -> str:
    """A regular expression for what ``canonical`` accepts besides the exact spellings: any case,
    - or a space for _, spaces around (JSON Schema patterns have no case-insensitive flag)."""
    def one(name: str) -> str:
        return "".join(f"[{c.lower()}{c.upper()}]" if c.isascii() and c.isalpha() else "[_ -]" if c == "_"
                       else re.escape(c) for c in name)
    return r"^\s*(" + "|".join(one(c) for c in names) + r")\s*$"


def spellings_schema(kind: str, choices: tuple[str, ...], aliases: dict[str, str],
                     names_zh: dict[str, str]) -> dict[str, Any]:
    """The JSON Schema of a name: each id and alias listed (editor completion), other cases too."""
    listed = [*choices, *(a for a in aliases if a not in choices)]
    described = ", ".join(f"{c} {names_zh[c]}" if c in names_zh else c for c in choices)
    return {"anyOf": [{"type": "string", "enum": listed}, {"type": "string", "pattern": _loose_pattern(listed)}],
            "description": f"A {kind}: {described}; Chinese names work too."}


def _vocabulary(kind: str, choices: tuple[str, ...], aliases: dict[str, str],
                names_zh: dict[str, str]) -> tuple[BeforeValidator, WithJsonSchema]:
    def normalise(value: object, info: ValidationInfo) -> object:
        if not isinstance(value, str):
            return value
        found = canonical(value, choices, aliases)
        if found is None:
            raise ValueError(unknown_name(kind, value.strip(), choices, lang_of(info), aliases, names_zh))
        return found

    return BeforeValidator(normalise), WithJsonSchema(spellings_schema(kind, choices, aliases, names_zh))


Platform = Annotated[PlatformId, *_vocabulary("platform", PLATFORMS, PLATFORM_ALIASES, PLATFORM_NAMES_ZH)]
Role = Annotated[RoleId, *_vocabulary("role", ROLES, ROLE_ALIASES, ROLE_NAMES_ZH)]
Format = Annotated[FormatId, *_vocabulary("format", FORMATS, FORMAT_ALIASES, FORMAT_NAMES_ZH)]
Goal = Annotated[GoalId, *_vocabulary("goal", GOALS, GOAL_ALIASES, GOAL_NAMES_ZH)]
Weekday = Annotated[WeekdayId, *_vocabulary("weekday", WEEKDAYS, WEEKDAY_ALIASES, WEEKDAY_NAMES_ZH)]
STAGE_NAMES_ZH = {"script": "脚本", "plan": "策划", "shoot": "拍摄", "edit": "剪辑", "review": "审核",
                  "prep": "准备", "live": "直播", "adapt": "二次剪辑"}


def role_word(role: str, lang: str) -> str:
    """A role as the reader says it: 出镜 / talent."""
    return role if lang == "en" else ROLE_NAMES_ZH.get(role, role)


def stage_word(stage: str, lang: str, part: int = 1, parts: int = 1) -> str:
    """A stage as the reader says it: 剪辑 / edit; 二次剪辑:抖音 / adapt:douyin; a day-part of a long
    stage as 剪辑(1/3) / edit (1/3)."""
    stage = stage.split("#", 1)[0]
    of = f"({part}/{parts})" if parts > 1 else ""
    if lang == "en":
        return f"{stage} {of}" if of else stage
    head, _, platform = stage.partition(":")
    name = STAGE_NAMES_ZH.get(head, head)
    return (f"{name}:{PLATFORM_NAMES_ZH.get(platform, platform)}" if platform else name) + of
