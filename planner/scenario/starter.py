"""A starter scenario to begin from: ``planner init`` writes one, commented, from a few answers.

The file is YAML text written here line by line (not dumped from a model) so that every section
carries a comment saying what it is for and what to change; ``tests/scenario/test_init.py`` loads,
checks and plans what it writes for every team size and platform.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from planner.domain.vocab import (
    FORMAT_NAMES_ZH,
    PLATFORM_ALIASES,
    PLATFORM_NAMES_ZH,
    PLATFORMS,
    ROLE_NAMES_ZH,
    canonical,
    unknown_name,
)
from planner.errors import InputError, Problem
from planner.messages import pick

MAX_TEAM = 30
MAX_DAYS = 92  # Horizon.days allows no more

#: Account ids for each platform's first account.
_ACCOUNT_PREFIX = {
    "douyin": "dy", "kuaishou": "ks", "bilibili": "bili", "xiaohongshu": "xhs", "wechat_channels": "wx",
    "weibo": "wb", "xigua": "xg", "tiktok": "tt", "youtube_shorts": "yt", "instagram_reels": "ig",
}
#: Who does what in a team of n: the first n groups, then more hands for the long stages.
_ROLE_GROUPS: tuple[tuple[str, ...], ...] = (
    ("planner", "writer"), ("talent", "operator"), ("shooter", "editor"), ("editor",), ("shooter",),
    ("writer",), ("talent",), ("editor",),
)
#: Everything at once: one person who writes, films themselves, edits and posts.
_SOLO = ("planner", "writer", "shooter", "talent", "editor", "operator")
#: Formats of the sample topics, in turn (no 剧情: it needs an actor and a camera operator apart).
_FORMATS = ("talking_head", "tutorial", "vlog")
_GOALS = ("acquire", "engage", "retain", "convert")
#: Titles fit every platform's limits: at least 6 characters (视频号), at most 16 (视频号's short title).
_TITLES_ZH = ("新手最常问的三个问题", "一分钟看懂我们的招牌", "幕后的一天是怎样的", "本周上新抢先看", "老顾客的真实评价",
              "三个省时小技巧", "我们是怎么做出来的", "周末去哪儿玩比较好", "新手避坑指南合集", "三个常见误区别再犯", "我们团队的日常一天", "本月福利预告")
_TITLES_EN = ("Beginner FAQ", "Our signature", "Backstage day", "New this week", "What fans say", "Quick tips",
              "How we make it", "Weekend picks", "Avoid mistakes", "Common myths", "A team day", "Monthly offers")


@dataclass(frozen=True)
class StarterOptions:
    """What ``planner init`` asks: a name, the platforms, how many people, how many days."""

    name: str = ""
    platforms: tuple[str, ...] = ("douyin", "xiaohongshu")
    team: int = 3
    days: int = 14
    start: date | None = None
    lang: str = "zh"
    topics: int | None = field(default=None)


def next_monday(today: date) -> date:
    """The Monday after ``today`` (a plan usually starts on a week's first day)."""
    return today + timedelta(days=7 - today.weekday())


def parse_platforms(text: str, lang: str = "zh") -> tuple[str, ...]:
    """``抖音,小红书`` or ``douyin xiaohongshu`` (commas, 、 or spaces) as canonical ids, in order."""
    found: list[str] = []
    problems = []
    for word in text.replace("，", ",").replace("、", ",").replace(" ", ",").split(","):
        if not word.strip():
            continue
        platform = canonical(word, PLATFORMS, PLATFORM_ALIASES)
        if platform is None:
            problems.append(Problem(unknown_name("platform", word.strip(), PLATFORMS, lang, PLATFORM_ALIASES,
                                                 PLATFORM_NAMES_ZH), path="--platforms"))
        elif platform not in found:
            found.append(platform)
    if problems:
        raise InputError(problems)
    if not found:
        raise InputError(Problem(pick(lang, "至少需要一个平台", "at least one platform is needed"), path="--platforms"))
    return tuple(found)


def team_roles(size: int) -> list[tuple[str, ...]]:
    """The roles of each of ``size`` members, so that every stage of the sample topics is staffed."""
    if size == 1:
        return [_SOLO]
    groups: list[tuple[str, ...]] = (list(_ROLE_GROUPS[:3]) if size >= 3 else
                                     [("planner", "writer", "talent"), ("shooter", "editor", "operator")])
    while len(groups) < size:
        groups.append(_ROLE_GROUPS[len(groups) % len(_ROLE_GROUPS)])
    return groups


def _check(options: StarterOptions) -> None:
    lang = options.lang
    problems = []
    if not 1 <= options.team <= MAX_TEAM:
        problems.append(Problem(pick(lang, f"团队人数须在 1 到 {MAX_TEAM} 之间", f"a team of 1 to {MAX_TEAM} people"),
                                path="--team"))
    if not 1 <= options.days <= MAX_DAYS:
        problems.append(Problem(pick(lang, f"天数须在 1 到 {MAX_DAYS} 之间", f"1 to {MAX_DAYS} days"), path="--days"))
    if problems:
        raise InputError(problems)


def _quote(text: str) -> str:
    """A YAML double-quoted scalar."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def starter_yaml(options: StarterOptions, today: date) -> str:
    """The starter scenario as commented YAML text (comments in ``options.lang``)."""
    _check(options)
    lang = options.lang
    zh = lang != "en"
    start = options.start or next_monday(today)
    name = options.name or pick(lang, f"我的团队 {options.days} 天排期", f"My team, {options.days} days")
    platform_names = "、".join(PLATFORM_NAMES_ZH[p] for p in options.platforms)
    lines = [
        pick(lang, "# planner 场景文件：由 planner init 生成。把示例换成你的账号、成员和选题，",
             "# A planner scenario, written by planner init. Replace the samples with your accounts,"),
        pick(lang, "# 然后运行 planner check 检查、planner plan 排期。每一节的写法见 docs/scenario-guide.md。",
             "# team and topics, then run planner check and planner plan. docs/scenario-guide.en.md explains each section."),
        pick(lang, "# 编辑器补全：planner schema scenario > scenario.schema.json，再在第一行写",
             "# Editor completion: planner schema scenario > scenario.schema.json, then make the first line"),
        "# # yaml-language-server: $schema=scenario.schema.json",
        f"name: {_quote(name)}",
        "",
        pick(lang, "# 排期范围：从哪天开始、排几天；工作时间内做视频，发布时间内发帖。",
             "# The planning period: first day and number of days; work happens in work_hours, posts go out in publish_hours."),
        "horizon:",
        f"  start: {start.isoformat()}" + pick(lang, "   # 也可以写 2026/12/07 或 2026年12月7日", "   # 2026/12/07 works too"),
        f"  days: {options.days}",
        "  timezone: Asia/Shanghai",
        '  work_hours: "10:00-19:00"',
        '  publish_hours: "07:00-23:00"',
        pick(lang, "  holidays: []              # 不安排制作的日子，如 [2026-12-25]",
             "  holidays: []              # days without production work, e.g. [2026-12-25]"),
        "",
        pick(lang, f"# 平台规则包（{platform_names}）：字数、每日上限、间隔、广告/AI 标注……在 planner rules show 里看。",
             "# Platform rule packs: title lengths, daily caps, gaps, ad and AI labels (planner rules show douyin)."),
        f"rule_packs: [{', '.join(options.platforms)}]",
        "",
        pick(lang, "# 账号：每个平台一个示例账号。platform 可写中文名（抖音、小红书、B站、视频号……）。",
             "# Accounts: one sample per platform. platform takes Chinese names too (抖音, 小红书, B站, 视频号, ...)."),
        "accounts:",
    ]
    account_ids = []
    for platform in options.platforms:
        account_id = f"{_ACCOUNT_PREFIX[platform]}_main"
        account_ids.append(account_id)
        shown = PLATFORM_NAMES_ZH[platform] if zh else platform
        account_name = pick(lang, f"我的{PLATFORM_NAMES_ZH[platform]}号", f"My {platform} account")
        lines.append(f"  - {{id: {account_id}, platform: {shown}, name: {_quote(account_name)}, followers: 1000}}")
    lines += [
        "",
        pick(lang, "# 团队：每人的角色（策划 脚本 拍摄 剪辑 出镜 运营 审核）、每天工时和休息日。",
             "# The team: each member's roles (planner writer shooter editor talent operator reviewer), hours and days off."),
        pick(lang, "# 一人可兼多个角色；weekdays_off 写 周日、星期六 或 sun、sat 都可以。",
             "# One person may hold several roles; weekdays_off takes sun, sat (or 周日, 星期六)."),
        "team:",
    ]
    for index, roles in enumerate(team_roles(options.team), start=1):
        shown_roles = ", ".join(ROLE_NAMES_ZH[r] if zh else r for r in roles)
        member_name = pick(lang, f"成员{index}", f"Member {index}")
        day_off = pick(lang, "周日", "sun") if index % 2 else pick(lang, "周六", "sat")
        lines.append(f"  - {{id: m{index}, name: {_quote(member_name)}, roles: [{shown_roles}], hours_per_day: 8, "
                     f"weekdays_off: [{day_off}]}}")
    count = options.topics if options.topics is not None else max(3, min(12, options.days * len(options.platforms) // 4))
    lines += [
        "",
        pick(lang, "# 选题：一条视频做一次，可发到多个平台（第二个平台起自动加一道二次剪辑）。",
             "# Topics: one video, made once, posted on one or more platforms (each extra platform adds a re-cut)."),
        pick(lang, "# format：口播 教程 vlog 探店 剧情 直播；goal：拉新 留存 促活 转化；priority 1-5，越大越重要。",
             "# format: talking_head tutorial vlog store_visit skit live; goal: acquire retain engage convert; priority 1-5."),
        pick(lang, "# 可选：deadline（最晚发布）、earliest、series/episode（系列按集顺序）、commercial（广告，需标注）。",
             "# Optional: deadline, earliest, series/episode (in order), commercial (an ad, labelled)."),
        "topics:",
    ]
    titles = _TITLES_ZH if zh else _TITLES_EN
    for index in range(count):
        fmt = _FORMATS[index % len(_FORMATS)]
        shown_format = FORMAT_NAMES_ZH[fmt] if zh else fmt
        goal = _GOALS[index % len(_GOALS)]
        shown_goal = {"acquire": "拉新", "engage": "促活", "retain": "留存", "convert": "转化"}[goal] if zh else goal
        title = titles[index % len(titles)] + (f" {index // len(titles) + 1}" if index >= len(titles) else "")
        tags = pick(lang, "日常, 干货", "daily, tips")
        shown_platforms = ", ".join(PLATFORM_NAMES_ZH[p] if zh else p for p in options.platforms)
        lines.append(f"  - {{id: t{index + 1:02d}, title: {_quote(title)}, format: {shown_format}, goal: {shown_goal}, "
                     f"priority: {3 + (index % 3 == 0)}, duration_s: 60, hashtags: [{tags}], platforms: [{shown_platforms}]}}")
    lines += [
        "",
        pick(lang, "# 热点（trends）、自定义规则（rules）、固定项（pins）、历史数据（history）都可以以后再加，",
             "# Trends, rules of your own, pins and history can come later:"),
        pick(lang, "# 见 docs/scenario-guide.md。例如每个账号每天最多 1 条：",
             "# see docs/scenario-guide.en.md. For example at most one post a day per account:"),
        "# rules:",
        f"#   - {{id: one_a_day, kind: max_posts_per_day, scope: {{account: [{', '.join(account_ids)}]}}, max: 1}}",
        "",
    ]
    return "\n".join(lines)
