"""What the actuals import and the review say, in Chinese (the default) and English."""

from __future__ import annotations

from typing import Any

from planner.messages import Catalogue, say_in

TEXT: Catalogue = {
    "matched": ("{file}：{rows} 行数据，匹配到计划中的 {matched} 条发布，{unmatched} 行未匹配",
                "{file}: {rows} rows, {matched} matched to the plan's publications, {unmatched} unmatched"),
    "no_slot": ("计划中 {where} 在 {at} 前后 {hours:g} 小时内没有发布", "the plan has no post on {where} within {hours:g} h of {at}"),
    "title_far": ("最近的计划发布是 {topic}「{title}」({at})，标题相似度 {sim:.2f} 低于 {floor:.2f}",
                  "the nearest planned post is {topic} '{title}' ({at}), title similarity {sim:.2f} below {floor:.2f}"),
    "taken": ("{topic} 在 {account} 的发布已与第 {row} 行匹配（更相近）",
              "{topic} on {account} is already matched to row {row} (a closer match)"),
    "unmatched_row": ("未匹配 第 {row} 行「{title}」：{why}", "unmatched row {row} '{title}': {why}"),
    "not_posted": ("计划中尚无数据的发布（{count}）：{posts}", "planned posts with no numbers yet ({count}): {posts}"),
    "history_added": ("已追加到 {file}：新增 {added} 条，更新 {updated} 条（按作品 ID 去重）",
                      "appended to {file}: {added} new, {updated} updated (deduplicated by post id)"),
    "history_layout": ("{file} 不是 planner 自己的历史格式（需要 post_id、platform、published_at、views 列）；"
                       "请追加到 planner actuals import 写出的历史文件",
                       "{file} is not in planner's own history layout (columns post_id, platform, published_at, "
                       "views); append to a history file that planner actuals import wrote"),
    "review_written": ("复盘已写入 {file}", "review written to {file}"),
    "no_match_at_all": ("实际数据与计划中的任何发布都不匹配；检查 --account、平台和时间",
                        "no row of the actuals matches a publication of the plan; check --account, the platform "
                        "and the times"),
    "actuals_columns": ("缺少列 {names}：这不是 planner actuals import 写出的文件",
                        "no column {names}: not a file planner actuals import wrote"),
}


def say(key: str, lang: str, **args: Any) -> str:
    return say_in(TEXT, key, lang, **args)
