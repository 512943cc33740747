"""What the scenario loader says about a file, in Chinese (the default) and English."""

from __future__ import annotations

from typing import Any

from planner.messages import Catalogue, say_in

_TEXT: Catalogue = {
    "missing_field": ("缺少必填字段 '{name}'", "missing required field '{name}'"),
    "unknown_field": ("未知字段 '{name}'{hint}", "unknown field '{name}'{hint}"),
    "not_a_mapping": ("场景文件必须是键值映射（name、horizon 等）",
                      "a scenario file must be a mapping of keys (name, horizon, ...)"),
    "extends_loop": ("extends 循环：{names}", "extends loop: {names}"),
    "extends_deep": ("extends 链超过 {depth} 个文件", "extends chain deeper than {depth} files"),
    "extends_path": ("extends 必须是文件路径", "extends must be a file path"),
    "extends_missing": ("extends：没有文件 '{name}'", "extends: no such file '{name}'"),
    "remove_needs_extends": ("remove 需要 extends：没有可删除的基础场景",
                             "remove needs extends: there is no base to remove from"),
    "remove_list": ("remove 必须是 id 列表", "remove must be a list of ids"),
    "remove_unknown": ("基础场景中没有 id 为 '{id}' 的对象", "no object with id '{id}' in the base"),
    "not_in_base": ("{base} 中没有{kind} '{id}'{hint}；要新增{kind}，请在这一项写 add: true",
                    "no {kind} '{id}' in {base}{hint} (a new {kind} says add: true)"),
    "hint": ("（是否想写 '{near}'？）", "; did you mean '{near}'?"),
    "field_hint": ("（是否想写 '{near}'？）", " (did you mean '{near}'?)"),
    "already_in_base": ("{base} 中已有{kind} '{id}'：要修改它，请去掉 add: true",
                        "{kind} '{id}' is already in {base}: drop add: true to change it"),
    "add_not_bool": ("add 只能是 true 或 false", "add must be true or false"),
    "add_without_extends": ("add: true 只用于变体（带 extends 的文件），这里没有基础场景",
                            "add: true is only for a variant (a file with extends); there is no base here"),
}


def say(key: str, lang: str, **args: Any) -> str:
    """The loader's message ``key`` in ``lang``."""
    return say_in(_TEXT, key, lang, **args)
