"""``planner check``: a topic no platform accepts is an error, one that some refuse is a warning
naming them; a pin a hard rule forbids outright is a warning naming its topic, account and time."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from planner.cli import cli

LONG = "这是一个超过二十个字的小红书标题一定会被平台截断的哦"  # 26 characters; 小红书 takes 20
HEAD = f"""name: fit
horizon: {{start: 2026-12-07, days: 7}}
rule_packs: [xiaohongshu]
accounts:
  - {{id: x, platform: xiaohongshu}}
  - {{id: dy, platform: douyin}}
topics:
  - {{id: t1, title: {LONG}, format: vlog, goal: engage, platforms: [douyin, xiaohongshu]}}
team:
  - {{id: solo, roles: [planner, writer, shooter, editor, talent]}}
"""
REASON = "rule xiaohongshu.title_length: title has 26 characters (max 20) on xiaohongshu [source: "


def check(tmp_path: Path, text: str, *args: str) -> tuple[int, list[str], Path]:
    scenario = tmp_path / "s.yaml"
    scenario.write_text(text, encoding="utf-8")
    result = CliRunner().invoke(cli, ["check", "-q", *args, str(scenario)])
    return result.exit_code, result.stderr.splitlines(), scenario


def test_a_topic_one_platform_refuses_is_a_warning_and_exits_0(tmp_path: Path) -> None:
    code, lines, path = check(tmp_path, HEAD, "--lang", "en")
    assert code == 0
    assert len(lines) == 1
    assert lines[0].startswith(f"warning: {path}:8:5 topics[0]: topic '{LONG}' goes out on douyin only; "
                               f"xiaohongshu refuses it: {REASON}")
    code, lines, _ = check(tmp_path, HEAD)
    assert code == 0
    assert f"只能发 douyin；xiaohongshu 不接受它：{REASON}" in lines[0]


def test_a_topic_no_platform_accepts_is_an_error_and_exits_1(tmp_path: Path) -> None:
    code, lines, path = check(tmp_path, HEAD.replace("platforms: [douyin, xiaohongshu]", "platforms: [xiaohongshu]"),
                              "--lang", "en")
    assert code == 1
    assert len(lines) == 1
    assert lines[0].startswith(f"error: {path}:8:5 topics[0]: {REASON}")
    assert lines[0].endswith(f"(topic '{LONG}' fits none of its platforms and cannot go out)")


PINS = """name: pins
horizon: {start: 2026-12-07, days: 7, publish_hours: "07:00-23:00"}
accounts:
  - {id: dy, platform: douyin}
topics:
  - {id: a, title: 话题A, format: talking_head, goal: engage, platforms: [douyin]}
  - {id: b, title: 话题B, format: talking_head, goal: engage, platforms: [douyin]}
rules:
  - {id: brand.blackout, kind: blackout, dates: [2026-12-09], source: brand calendar}
team:
  - {id: solo, roles: [planner, writer, shooter, editor, talent]}
pins:
  publications:
    - {topic: a, account: dy, at: 2026-12-09T19:00:00}
    - {topic: b, account: dy, at: 2026-12-10T06:30:00}
"""


def test_pins_a_hard_rule_forbids_are_warned_about_by_topic_account_and_time(tmp_path: Path) -> None:
    code, lines, path = check(tmp_path, PINS, "--lang", "en")
    assert code == 0
    assert lines == [
        f"warning: {path}:14:7 pins.publications[0]: pinned post a on dy at 2026-12-09 19:00: hard rule "
        "brand.blackout forbids it (2026-12-09 is a blackout date); no plan can keep it",
        f"warning: {path}:15:7 pins.publications[1]: pinned post b on dy at 2026-12-10 06:30: hard rule "
        "horizon.publish_hours forbids it (06:30 is outside the publish hours 07:00-23:00); no plan can keep it",
    ]
    code, lines, _ = check(tmp_path, PINS)
    assert code == 0
    assert "固定发布 a 于 dy 2026-12-09 19:00：硬性规则 brand.blackout 不允许（2026-12-09 is a blackout date），方案将无解" \
        in lines[0]


def test_a_pin_off_the_slot_grid_is_warned_about(tmp_path: Path) -> None:
    code, lines, path = check(tmp_path, PINS.replace("2026-12-10T06:30:00", "2026-12-10T19:10:00")
                              .replace("dates: [2026-12-09]", "dates: [2026-12-12]"), "--lang", "en")
    assert code == 0
    assert lines == [f"warning: {path}:15:7 pins.publications[1]: pinned post b on dy at 2026-12-10 19:10: not on "
                     "a 60-minute slot inside the publish hours 07:00-23:00; no plan can keep it"]


def test_a_pinned_task_on_a_day_off_is_warned_about(tmp_path: Path) -> None:
    text = PINS.split("rules:")[0] + (
        "team:\n  - {id: ann, roles: [writer, shooter, editor, talent], days_off: [2026-12-08]}\n"
        "pins:\n  tasks:\n    - {topic: a, stage: edit, members: [ann], day: 2026-12-08}\n")
    code, lines, path = check(tmp_path, text, "--lang", "en")
    assert code == 0
    assert lines == [f"warning: {path}:12:7 pins.tasks[0]: pinned task a edit by ann on 2026-12-08: "
                     "hard rule team.availability forbids it (ann is off on 2026-12-08); no plan can keep it"]
