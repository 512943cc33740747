"""What the commands say outside the reports, in Chinese (the default) and English (``--lang en``)."""

from __future__ import annotations

from typing import Any

_TEXT: dict[str, tuple[str, str]] = {
    "no_plan.INFEASIBLE": (
        "INFEASIBLE: 没有任何方案能同时满足所有硬性规则；运行 planner explain {file} 找出冲突的规则与固定项。未写入任何文件。",
        "INFEASIBLE: no plan keeps every hard rule; run planner explain {file} to name the conflicting rules "
        "and pins. Nothing was written."),
    "no_plan.NO_PLAN_IN_TIME": (
        "UNKNOWN: 在 {limit:g} 秒内未找到方案（也未证明无解）；请加大 --time-limit 或运行 planner explain {file}。未写入任何文件。",
        "UNKNOWN: no plan found within {limit:g}s (and none proven impossible); try a longer --time-limit or "
        "planner explain {file}. Nothing was written."),
    "no_plan.MODEL_INVALID": (
        "MODEL_INVALID: 求解器拒绝了模型（数值超出其范围）；运行 planner check {file} 查看超限的字段。未写入任何文件。",
        "MODEL_INVALID: the solver refused the model (numbers out of its range); run planner check {file} to find the "
        "field. Nothing was written."),
    "hard_broken": (
        "该计划违反 {count} 条硬性规则",
        "the plan breaks {count} hard rule(s)"),
    "not_judged": (
        "未评判制作（日历中没有这些选题的任务）：{topics}",
        "production not judged (the calendar has no tasks for these topics): {topics}"),
    "check_warnings": ("{count} 条警告", "{count} warning(s)"),
    "solving": ("正在求解 {file}（{topics} 个选题、{accounts} 个账号、{members} 名成员；最多 {limit:g} 秒）",
                "solving {file} ({topics} topics, {accounts} accounts, {members} members; up to {limit:g}s)"),
    "plan_written": ("计划已写入 {file}", "plan written to {file}"),
    "note": ("说明：{text}", "note: {text}"),
    "written": ("已写入 {file}", "written {file}"),
}


def say(key: str, lang: str, **args: Any) -> str:
    """The message ``key`` in ``lang`` (zh or en), filled with ``args``."""
    zh, en = _TEXT[key]
    return (en if lang == "en" else zh).format(**args)
