"""What the backlog import and export say, in Chinese (the default) and English."""

from __future__ import annotations

from typing import Any

from planner.messages import Catalogue, say_in

TEXT: Catalogue = {
    "missing_columns": ("缺少必需的列：{names}；现有列：{columns}（可用列映射指定）",
                        "no column for {names}; columns are: {columns} (map them with a column mapping)"),
    "blank": ("必填，但为空", "required, but blank"),
    "bad_int": ("'{value}' 不是整数", "'{value}' is not a whole number"),
    "bad_priority": ("'{value}' 不是 1-5 的优先级（或 高/中/低）", "'{value}' is not a priority 1-5 (or high/medium/low)"),
    "bad_time": ("{error}", "{error}"),
    "bad_duration": ("'{value}' 不是时长（如 90、1:30、1分30秒）", "'{value}' is not a length (90, 1:30, 1分30秒)"),
    "bad_flag": ("'{value}' 不是 是/否", "'{value}' is not yes/no"),
    "duplicate_id": ("选题编号 '{id}' 与第 {row} 行重复", "topic id '{id}' repeats row {row}"),
    "summary": ("{file}：读取 {rows} 行，导入 {taken} 个选题，拒绝 {refused} 行，跳过 {skipped} 行（状态为已发布/已取消）",
                "{file}: {rows} rows read, {taken} topics taken, {refused} rows refused, {skipped} skipped "
                "(status published or dropped)"),
    "refused": ("拒绝：{problem}", "refused: {problem}"),
    "written": ("{count} 个选题已写入 {file}", "{count} topics written to {file}"),
    "no_rows": ("没有可导入的选题：读取 {rows} 行，全部被拒绝或跳过", "no topic to import: {rows} rows read, all refused or skipped"),
}


def say(key: str, lang: str, **args: Any) -> str:
    return say_in(TEXT, key, lang, **args)
