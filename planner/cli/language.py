"""Which language the command line speaks, and its ``--help`` in that language.

Chosen once per run: ``--lang`` on the command line, else ``PLANNER_LANG``, else the locale
(``LC_ALL``, ``LC_MESSAGES``, ``LANG``: English when it names English), else Chinese. Help texts
and the default of every command's ``--lang`` follow it, so ``PLANNER_LANG=en planner plan ...``
reports in English as ``--lang en`` does. The commands are written with their English help; the
Chinese comes from ``planner.cli.helptexts`` and is put in when a command is looked up.
"""

from __future__ import annotations

import os
import re
import textwrap
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

import click

from planner.cli.helptexts import COMMANDS_ZH, OPTIONS_ZH
from planner.messages import LANGS

_ENGLISH = "_planner_english"
_EXAMPLE = re.compile(r"^[ \t]*(\x08[ \t]*\n[ \t]*)?Example:", re.MULTILINE)


_HEADINGS_ZH = {"Options": "选项", "Commands": "命令", "Arguments": "参数"}
_HELP_OPTION = ("显示本帮助并退出。", "Show this message and exit.")


class _ChineseFormatter(click.HelpFormatter):
    """click's help layout with its headings (Usage, Options, Commands) in Chinese."""

    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        super().write_usage(prog, args, "用法：" if prefix is None else prefix)

    @contextmanager
    def section(self, name: str) -> Iterator[None]:
        with super().section(_HEADINGS_ZH.get(name, name)):
            yield


class _ChineseContext(click.Context):
    formatter_class = _ChineseFormatter


def help_context(lang: str) -> type[click.Context]:
    """The context class whose help is laid out with headings in ``lang``."""
    return click.Context if lang == "en" else _ChineseContext


def chosen_lang(args: Sequence[str] = ()) -> str:
    """zh or en: ``--lang`` among ``args``, else ``PLANNER_LANG``, else the locale, else zh."""
    for index, arg in enumerate(args):
        if arg == "--lang" and index + 1 < len(args) and args[index + 1] in LANGS:
            return args[index + 1]
        if arg.startswith("--lang=") and arg.partition("=")[2] in LANGS:
            return arg.partition("=")[2]
    env = os.environ.get("PLANNER_LANG", "")
    if env in LANGS:
        return env
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(name)
        if value:
            return "en" if value.lower().startswith("en") else "zh"
    return "zh"


def _option_name(param: click.Parameter) -> str:
    long = [opt for opt in param.opts if opt.startswith("--")]
    return long[0] if long else param.opts[0]


def _example(text: str | None) -> str:
    """The ``Example:`` block of an English help, headed 示例 (the commands themselves do not change)."""
    if not text:
        return ""
    found = _EXAMPLE.search(text)
    if found is None:
        return ""
    return "\n\n" + textwrap.dedent(text[found.start():]).strip().replace("Example:", "示例：", 1)


def _unwrap(text: str) -> str:
    """Chinese prose with each paragraph on one line: click joins a paragraph's lines with a space,
    which Chinese does not put between words. Blocks marked \\b (kept as written) stay as they are."""
    paragraphs = text.split("\n\n")
    return "\n\n".join(p if p.startswith("\b") else p.replace("\n", "") for p in paragraphs)


def _english(thing: Any, *fields: str) -> dict[str, Any]:
    """The English values of ``fields``, kept on the object the first time it is localised."""
    kept: dict[str, Any] = thing.__dict__.setdefault(_ENGLISH, {f: getattr(thing, f) for f in fields})
    return kept


def localise(command: click.Command, lang: str, path: str = "", ctx: click.Context | None = None) -> None:
    """Put ``command``'s help (and its subcommands' and options') in ``lang``, and make ``lang`` the
    default of its ``--lang``. Idempotent; English restores the command's own words. With ``ctx``
    (the caller's: a command's help option takes the names its parent context gives), the help
    option's own line too."""
    command.context_class = help_context(lang)
    if ctx is not None:
        option = command.get_help_option(ctx)
        if option is not None:
            option.help = _HELP_OPTION[lang == "en"]
    english = _english(command, "help", "short_help")
    zh = COMMANDS_ZH.get(path) if lang != "en" else None
    if zh is None:
        command.help, command.short_help = english["help"], english["short_help"]
    else:
        short, text = zh
        command.help = _unwrap(text) + _example(english["help"])
        command.short_help = short or None
    for param in command.params:
        if not isinstance(param, click.Option):
            continue
        kept = _english(param, "help", "default")
        name = _option_name(param)
        if name == "--lang" and isinstance(param.type, click.Choice) and lang in param.type.choices:
            param.default = lang
        words = OPTIONS_ZH.get(f"{path} {name}") or OPTIONS_ZH.get(f"* {name}")
        param.help = words if lang != "en" and words and kept["help"] else kept["help"]
    if isinstance(command, click.Group):
        for name, sub in command.commands.items():
            localise(sub, lang, f"{path} {name}".strip(), ctx)


def short_help(name: str, english: str, lang: str) -> str:
    """A command's line in ``planner --help``."""
    zh = COMMANDS_ZH.get(name)
    return zh[0] if lang != "en" and zh and zh[0] else english
