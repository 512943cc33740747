"""What a rolling replan says, in Chinese (the default) and English."""

from __future__ import annotations

from typing import Any

from planner.messages import Catalogue, say_in

TEXT: Catalogue = {
    "frozen": ("{moment} 之前：固定 {pubs} 条已发布、{tasks} 项已在制作的任务；之后的重新排期，尽量少改动",
               "before {moment}: {pubs} posts published and {tasks} production tasks pinned; the rest replanned with "
               "as few changes as possible"),
    "left_out": ("{count} 条早于排期开始或属于已删除选题的发布未固定（视为历史）",
                 "{count} earlier posts outside the horizon or of removed topics left unpinned (history)"),
    "churn": ("{moment} 之后：{kept} 条不变，{moved} 条改时间或账号，{dropped} 条取消，{added} 条新增（原计划改动 {share:.0%}）",
              "after {moment}: {kept} posts unchanged, {moved} moved, {dropped} dropped, {added} added "
              "({share:.0%} of the earlier posts disturbed)"),
    "before_changed": ("警告：{count} 条发布在 {moment} 之前被改动或移入（已过去的时间）",
                       "warning: {count} posts before {moment} changed or moved there (time already past)"),
    "moved": ("  改动 {topic}@{account}：{before} → {after}：{why}", "  moved {topic}@{account}: {before} -> {after}: {why}"),
    "dropped": ("  取消 {topic}@{account} {before}：{why}", "  dropped {topic}@{account} {before}: {why}"),
    "added": ("  新增 {topic}@{account} {after}", "  added {topic}@{account} {after}"),
    "why_rule": ("原时段现被规则拒绝（{reason}）", "its old slot is now refused ({reason})"),
    "why_value": ("新时段预期价值更高（{old:.1f} → {new:.1f}）", "worth more in the new slot ({old:.1f} -> {new:.1f})"),
    "why_room": ("为其他发布或制作让位（上限、间隔或人手）", "made room for other posts or production (caps, gaps or hours)"),
    "why_unscheduled": ("选题未能排期：{reason}", "the topic no longer fits: {reason}"),
    "why_gone": ("选题已从场景中删除", "the topic was removed from the scenario"),
    "why_fewer": ("该选题改为在更少的账号发布", "the topic goes out on fewer accounts"),
    "needs_stable": ("--from 需要 --stable PLAN（要保留的上一版计划）", "--from needs --stable PLAN (the earlier plan to keep)"),
}


def say(key: str, lang: str, **args: Any) -> str:
    return say_in(TEXT, key, lang, **args)
