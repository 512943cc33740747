"""The fixed vocabularies: platforms, roles, formats, goals and stages, with Chinese aliases.

Users may write either the canonical English id or a common Chinese name; both normalise to
the canonical id so the rest of the code only ever sees one spelling.
"""

from __future__ import annotations

import difflib
from typing import Annotated, Literal

from pydantic import BeforeValidator

PlatformId = Literal[
    "douyin", "kuaishou", "bilibili", "xiaohongshu", "wechat_channels",
    "weibo", "xigua", "tiktok", "youtube_shorts", "instagram_reels",
]
RoleId = Literal["planner", "writer", "shooter", "editor", "talent", "operator", "reviewer"]
FormatId = Literal["talking_head", "skit", "store_visit", "tutorial", "vlog", "live"]
GoalId = Literal["acquire", "retain", "engage", "convert"]

PLATFORMS: tuple[str, ...] = PlatformId.__args__  # type: ignore[attr-defined]
ROLES: tuple[str, ...] = RoleId.__args__  # type: ignore[attr-defined]
FORMATS: tuple[str, ...] = FormatId.__args__  # type: ignore[attr-defined]
GOALS: tuple[str, ...] = GoalId.__args__  # type: ignore[attr-defined]

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


def suggest(word: str, choices: tuple[str, ...] | list[str]) -> str:
    """Return " (did you mean 'x'?)" for a near miss, else an empty string."""
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f" (did you mean '{close[0]}'?)" if close else ""


def _normaliser(kind: str, choices: tuple[str, ...], aliases: dict[str, str]):  # type: ignore[no-untyped-def]
    def normalise(value: object) -> object:
        if not isinstance(value, str):
            return value
        text = value.strip()
        if text in choices:
            return text
        alias = aliases.get(text) or aliases.get(text.lower())
        if alias:
            return alias
        lowered = text.lower().replace(" ", "_").replace("-", "_")
        if lowered in choices:
            return lowered
        raise ValueError(f"unknown {kind} '{text}'{suggest(text, choices)}")

    return normalise


Platform = Annotated[PlatformId, BeforeValidator(_normaliser("platform", PLATFORMS, PLATFORM_ALIASES))]
Role = Annotated[RoleId, BeforeValidator(_normaliser("role", ROLES, ROLE_ALIASES))]
Format = Annotated[FormatId, BeforeValidator(_normaliser("format", FORMATS, FORMAT_ALIASES))]
Goal = Annotated[GoalId, BeforeValidator(_normaliser("goal", GOALS, GOAL_ALIASES))]

ROLE_NAMES_ZH = {"planner": "策划", "writer": "脚本", "shooter": "拍摄", "editor": "剪辑", "talent": "出镜",
                 "operator": "运营", "reviewer": "审核"}
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
