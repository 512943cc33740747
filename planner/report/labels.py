"""Words the reports show, in Chinese and English, and numbers the way each reader counts."""

from __future__ import annotations

from typing import Any, Literal

from planner.domain.vocab import GOAL_NAMES_ZH, PLATFORM_NAMES_ZH

Lang = Literal["zh", "en"]
LANGS: tuple[str, ...] = ("zh", "en")

_WORDS: dict[str, tuple[str, str]] = {
    "plan": ("计划", "plan"),
    "status": ("状态", "status"),
    "objective": ("目标值", "objective"),
    "bound": ("上界", "bound"),
    "gap": ("差距", "gap"),
    "value": ("价值分", "value"),
    "value_note": ("价值分: 与求解器目标同一单位", "value: the solver's objective unit"),
    "publications": ("发布", "publications"),
    "tasks": ("任务", "tasks"),
    "posts": ("发布数", "posts"),
    "hours_total": ("总工时", "hours worked"),
    "violations": ("违规", "violations"),
    "hard": ("硬性", "hard"),
    "soft": ("软性", "soft"),
    "penalty": ("扣分", "penalty"),
    "rule": ("规则", "rule"),
    "detail": ("说明", "detail"),
    "source": ("依据", "source"),
    "none": ("无", "none"),
    "kpis": ("预测指标", "predicted KPIs"),
    "kpi_note": ("中位数 (80% 区间 p10–p90)", "median (80% interval p10–p90)"),
    "per_account": ("按账号", "per account"),
    "per_goal": ("按目标", "per goal"),
    "total": ("合计", "total"),
    "account": ("账号", "account"),
    "platform": ("平台", "platform"),
    "goal": ("目标", "goal"),
    "topic": ("选题", "topic"),
    "title": ("标题", "title"),
    "time": ("时间", "time"),
    "member": ("成员", "member"),
    "stage": ("环节", "stage"),
    "hours": ("工时", "hours"),
    "capacity": ("可用工时", "capacity"),
    "topics": ("选题渠道", "topics by channel"),
    "all_channels": ("全渠道", "all channels"),
    "one_channel": ("单渠道", "per channel"),
    "share": ("占比", "share"),
    "workload": ("成员工时 / 每日可用", "hours per member and day / capacity"),
    "no_tasks": ("该计划没有制作任务", "the plan has no production tasks"),
    "over": ("超负荷", "over capacity"),
    "off": ("休息", "off"),
    "trends": ("热点", "trends"),
    "heat": ("热度", "heat"),
    "window": ("窗口", "window"),
    "peak": ("峰值", "peak"),
    "inside": ("窗口内", "inside"),
    "outside": ("窗口外", "OUTSIDE the window"),
    "missed": ("未跟进", "not caught"),
    "unscheduled": ("未排期选题", "unscheduled topics"),
    "reasons": ("原因", "reasons"),
    "priority": ("优先级", "priority"),
    "calendar": ("发布日历", "publishing calendar"),
    "gantt": ("成员任务甘特图", "member tasks (Gantt)"),
    "best_time": ("最佳发布时间", "best time to post"),
    "best_time_note": ("每个账号典型内容在各时段的预期价值分", "expected value of each account's typical post"),
    "trend_badge": ("热点", "trend"),
    "comparison": ("方案对比", "comparison"),
    "changes": ("相对基准的变化", "changes against the base"),
    "base": ("基准", "base"),
    "change": ("变化", "change"),
    "before": ("之前", "before"),
    "after": ("之后", "after"),
    "where": ("位置", "where"),
    "moved": ("改期", "moved"),
    "added": ("新增", "added"),
    "dropped": ("取消", "dropped"),
    "reassigned": ("换人", "reassigned"),
    "no_changes": ("与基准相同", "same as the base"),
    "hours_per_member": ("成员总工时", "hours per member"),
    "posts_per_account": ("各账号发布数", "posts per account"),
    "scenario": ("场景", "scenario"),
    "weekday": ("星期", "weekday"),
    "hour": ("小时", "hour"),
    "views": ("播放", "views"),
    "follower_gain": ("涨粉", "follower gain"),
    "engagement": ("互动", "engagement"),
    "conversions": ("转化", "conversions"),
    "completed_views": ("完播", "completed views"),
    "report": ("排期报告", "plan report"),
    "legend": ("图例", "legend"),
}

WEEKDAYS = {"zh": ("周一", "周二", "周三", "周四", "周五", "周六", "周日"),
            "en": ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")}
GOALS_EN = {"acquire": "acquire", "retain": "retain", "engage": "engage", "convert": "convert"}
STAGES = {"script": ("脚本", "script"), "plan": ("策划", "plan"), "shoot": ("拍摄", "shoot"),
          "edit": ("剪辑", "edit"), "review": ("审核", "review"), "prep": ("准备", "prep"),
          "live": ("直播", "live"), "adapt": ("二次剪辑", "re-cut")}


def word(key: str, lang: str) -> str:
    zh, en = _WORDS.get(key, (key, key))
    return zh if lang == "zh" else en


def both(key: str) -> str:
    """'中文 english', for places read by either audience (CSV headers stay English ids)."""
    zh, en = _WORDS.get(key, (key, key))
    return f"{zh} {en}"


def goal_name(goal: str, lang: str) -> str:
    return f"{GOAL_NAMES_ZH.get(goal, goal)}" if lang == "zh" else GOALS_EN.get(goal, goal)


def platform_name(platform: str, lang: str) -> str:
    return PLATFORM_NAMES_ZH.get(platform, platform) if lang == "zh" else platform


def stage_name(stage: str, lang: str) -> str:
    head, _, rest = stage.partition(":")
    zh, en = STAGES.get(head, (head, head))
    name = zh if lang == "zh" else en
    return f"{name}:{platform_name(rest, lang)}" if rest else name


def number(value: Any, lang: str) -> str:
    """Counts as people read them: 1.2万 / 3.4亿 in Chinese, 12k / 1.2M in English."""
    v = float(value)
    sign = "-" if v < 0 else ""
    v = abs(v)
    units: tuple[tuple[float, str], ...] = ((1e8, "亿"), (1e4, "万")) if lang == "zh" else \
        ((1e9, "B"), (1e6, "M"), (1e3, "k"))
    for size, unit in units:
        if v >= size:
            scaled = v / size
            return f"{sign}{scaled:.3g}{unit}" if scaled < 1000 else f"{sign}{scaled:,.0f}{unit}"
    if v >= 100:
        return f"{sign}{v:,.0f}"
    return f"{sign}{v:.3g}"


def interval(value: Any, low: Any, high: Any, lang: str) -> str:
    return f"{number(value, lang)} ({number(low, lang)}–{number(high, lang)})"
