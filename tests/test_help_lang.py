"""``--help`` in Chinese by default and in English with --lang en, PLANNER_LANG=en or an English
locale; every command and option has its Chinese words, and the language also sets --lang's default."""

from __future__ import annotations

import re

import click
import pytest
from click.testing import CliRunner

from planner.cli import cli
from planner.cli.helptexts import COMMANDS_ZH, OPTIONS_ZH
from planner.cli.language import localise

CJK = re.compile(r"[\u4e00-\u9fff]")


def every_command() -> list[tuple[str, click.Command]]:
    found: list[tuple[str, click.Command]] = [("", cli)]

    def walk(group: click.Group, prefix: str) -> None:
        ctx = click.Context(group)
        for name in group.list_commands(ctx):
            command = group.get_command(ctx, name)
            assert command is not None
            path = f"{prefix} {name}".strip()
            found.append((path, command))
            if isinstance(command, click.Group):
                walk(command, path)

    walk(cli, "")
    return found


def test_every_command_and_option_has_chinese_help() -> None:
    missing = []
    for path, command in every_command():
        localise(command, "en", path)
        if path not in COMMANDS_ZH:
            missing.append(path or "planner")
        for param in command.params:
            if isinstance(param, click.Option) and param.help:
                name = next((o for o in param.opts if o.startswith("--")), param.opts[0])
                if f"{path} {name}" not in OPTIONS_ZH and f"* {name}" not in OPTIONS_ZH:
                    missing.append(f"{path} {name}")
    assert missing == [], f"no Chinese help (planner/cli/helptexts.py) for: {missing}"


def test_no_chinese_help_for_what_does_not_exist() -> None:
    commands = dict(every_command())
    assert sorted(set(COMMANDS_ZH) - set(commands)) == []
    options = {f"{path} {o}" for path, c in commands.items() for p in c.params for o in p.opts}
    shared = {o.split(" ", 1)[1] for o in options}
    stale = [k for k in OPTIONS_ZH if (k.split(" ", 1)[1] not in shared if k.startswith("* ") else k not in options)]
    assert stale == []


@pytest.mark.parametrize(("args", "env", "lang"), [
    ([], {}, "zh"),
    (["--lang", "en"], {}, "en"),
    (["--lang=en"], {"PLANNER_LANG": "zh"}, "en"),
    ([], {"PLANNER_LANG": "en"}, "en"),
    ([], {"LANG": "en_US.UTF-8"}, "en"),
    ([], {"LANG": "zh_CN.UTF-8"}, "zh"),
    ([], {"LC_ALL": "en_GB.UTF-8", "LANG": "zh_CN.UTF-8"}, "en"),
    (["--lang", "zh"], {"PLANNER_LANG": "en"}, "zh"),
])
def test_the_language_of_help(args: list[str], env: dict[str, str], lang: str) -> None:
    result = CliRunner().invoke(cli, ["plan", *args, "--help"], env=env)
    assert result.exit_code == 0
    if lang == "zh":
        assert "为场景排出发布与制作计划。" in result.output and "示例：" in result.output
        assert "搜索秒数。" in result.output
    else:
        assert "Plan publications and production for a scenario." in result.output and "Example:" in result.output
        assert not CJK.search(result.output.split("Options:")[1])
    assert f"[default: {lang}]" in result.output  # --lang's default follows the language chosen


@pytest.mark.parametrize(("env", "words"), [({}, "检查场景文件并给出概要。"),
                                            ({"PLANNER_LANG": "en"}, "Validate scenario files and summarise them.")])
def test_the_command_list_follows_the_language(env: dict[str, str], words: str) -> None:
    result = CliRunner().invoke(cli, ["--help"], env=env)
    assert result.exit_code == 0 and words in result.output


def test_planner_lang_sets_the_language_of_messages(tmp_path: object) -> None:
    from pathlib import Path

    bad = Path(str(tmp_path)) / "bad.yaml"
    bad.write_text("name: x\nhorizon: {start: 2026-12-07}\naccounts:\n  - {id: a, platform: douyn}\n", encoding="utf-8")
    zh = CliRunner().invoke(cli, ["check", "-q", str(bad)])
    en = CliRunner().invoke(cli, ["check", "-q", str(bad)], env={"PLANNER_LANG": "en"})
    assert "未知的平台 'douyn'" in zh.output and "unknown platform 'douyn'" in en.output


def test_click_s_own_words_follow_the_language() -> None:
    zh = CliRunner().invoke(cli, ["trends", "show", "-h"], prog_name="planner").output
    assert zh.startswith("用法：planner trends show") and "选项:" in zh and "显示本帮助并退出。" in zh
    en = CliRunner().invoke(cli, ["trends", "show", "-h"], env={"PLANNER_LANG": "en"}, prog_name="planner").output
    assert en.startswith("Usage: planner trends show") and "Options:" in en and "Show this message and exit." in en
    assert "显示版本并退出。" in CliRunner().invoke(cli, ["--help"]).output
