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
    # The week board, its detail panel and the member agenda.
    "board": ("周排期看板", "week board"),
    "board_hint": ("点按任一发布，查看谁在哪天做脚本、拍摄、剪辑，以及预测数据",
                   "tap a post for who scripts, shoots and edits it on which day, and its predictions"),
    "by_account": ("按账号", "by account"),
    "by_member": ("按成员", "by member"),
    "week_n": ("第{n}周", "week {n}"),
    "makers": ("制作", "made by"),
    "no_makers": ("无制作任务", "no production tasks"),
    "chain": ("制作流程", "production"),
    "labels": ("标签", "labels"),
    "commercial": ("商业", "commercial"),
    "ai_generated": ("AI生成", "AI-generated"),
    "same_topic": ("同一选题发布于 {n} 个账号", "the same topic on {n} accounts"),
    "also_on": ("同一选题也发布于", "the same topic also goes out on"),
    "predicted": ("预测数据", "predictions"),
    "interval80": ("中位数，80% 区间 p10–p90", "median, 80% interval p10–p90"),
    "basis": ("预测依据", "prediction basis"),
    "basis_default": ("内置默认经验值（场景没有历史数据）", "built-in defaults (the scenario has no history)"),
    "basis_platform": ("内置默认经验值（历史数据里没有该平台）",
                       "built-in defaults (the history has no posts on this platform)"),
    "basis_account": ("在本账号 {n} 条历史发布上拟合的模型", "a model fitted on {n} past posts of this account"),
    "basis_peers": ("拟合模型：本账号没有历史，参照同类账号（共 {n} 条历史发布）",
                    "a fitted model: no history for this account, similar accounts' ({n} past posts in all)"),
    "basis_summary": ("预测依据：{text}", "where the numbers come from: {text}"),
    "agenda": ("成员周计划", "member agendas"),
    "agenda_note": ("每位成员每天要做的事，可直接打印", "each member's work day by day, ready to print"),
    "print_agenda": ("打印周计划", "print the agendas"),
    "close": ("关闭", "close"),
    "publish": ("发布", "publish"),
    "date": ("日期", "date"),
    "start": ("开始", "start"),
    "end": ("结束", "end"),
    "name": ("姓名", "name"),
    "yes": ("是", "yes"),
    "no": ("否", "no"),
    "available": ("可用", "available"),
    "workload_total": ("总工时 / 可用工时", "hours planned / available"),
    "scale": ("色阶", "scale"),
    "low": ("低", "low"),
    "high": ("高", "high"),
    "planned_post": ("已排发布", "a planned post"),
    "work_hours": ("工作时间 {start}–{end}", "work hours {start}–{end}"),
    "outside_hours": ("在工作时间外", "outside work hours"),
    "note_tables": ("这里打印的是 {main} 表；用 -o 文件夹 写出全部表：{tables}",
                    "the {main} table; -o DIR writes every table: {tables}"),
    "note_xlsx": (".xlsx 工作簿是文件：请用 -o 指定 PATH.xlsx（或文件夹）",
                  "an .xlsx workbook is a file: give -o PATH.xlsx (or a folder)"),
    "note_ics": ("这里打印的是包含全部内容的一个日历；用 -o 文件夹 为每个账号、每位成员各写一个",
                 "one calendar with everything; -o DIR writes one per account and one per member"),
    "note_ics_plans": ("这里打印的是基准方案 ({base}) 的一个日历；用 -o 文件夹 写出每个方案的日历",
                       "the base plan ({base}) in one calendar; -o DIR writes every plan's calendars"),
    "sheet_publications": ("发布计划", "Publications"),
    "sheet_tasks": ("制作任务", "Tasks"),
    "sheet_workload": ("成员工作量", "Workload"),
    "sheet_unscheduled": ("未排入", "Unscheduled"),
}

WEEKDAYS = {"zh": ("周一", "周二", "周三", "周四", "周五", "周六", "周日"),
            "en": ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")}
GOALS_EN = {"acquire": "acquire", "retain": "retain", "engage": "engage", "convert": "convert"}
STAGES = {"script": ("脚本", "script"), "plan": ("策划", "plan"), "shoot": ("拍摄", "shoot"),
          "edit": ("剪辑", "edit"), "review": ("审核", "review"), "prep": ("准备", "prep"),
          "live": ("直播", "live"), "adapt": ("二次剪辑", "re-cut"), "reply": ("回复评论", "replies")}


def word(key: str, lang: str) -> str:
    zh, en = _WORDS.get(key, (key, key))
    return zh if lang == "zh" else en


def listed(items: Any, lang: str) -> str:
    """Names in a row as each reader writes them: 王强、赵敏 / Wang, Zhao."""
    return ("、" if lang == "zh" else ", ").join(str(i) for i in items)


def say(key: str, lang: str, **args: Any) -> str:
    """A word with its placeholders filled (``say("week_n", "zh", n=2)`` -> 第2周)."""
    return word(key, lang).format(**args)


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
