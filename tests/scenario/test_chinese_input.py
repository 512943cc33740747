"""Input as Chinese teams write it: 周日 and 2026/12/07, names that list the valid ones, variants
that refuse an id their base lacks unless the entry says ``add: true``."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest
from click.testing import CliRunner

from planner.cli import cli
from planner.errors import InputError
from planner.scenario import load

BASE = """\
name: base
horizon: {start: 2026-12-07, days: 14}
accounts:
  - {id: dy, platform: 抖音}
team:
  - {id: chen, name: 陈晓, roles: [剪辑]}
  - {id: lina, roles: [脚本, 出镜, 拍摄]}
topics:
  - {id: t1, title: 第一条, format: 口播, goal: 拉新, platforms: [抖音]}
"""


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def problems(path: Path, lang: str = "zh") -> list[str]:
    with pytest.raises(InputError) as caught:
        load(path, lang=lang)
    return [str(p) for p in caught.value.problems]


@pytest.mark.parametrize(("written", "day"), [
    ("周日", "sun"), ("星期天", "sun"), ("周天", "sun"), ("星期日", "sun"), ("礼拜天", "sun"),
    ("周一", "mon"), ("星期三", "wed"), ("Friday", "fri"), ("sat", "sat"),
])
def test_weekdays_in_chinese(written: str, day: str, tmp_path: Path) -> None:
    path = write(tmp_path, "s.yaml", BASE.replace("roles: [剪辑]}", f"roles: [剪辑], weekdays_off: [{written}]}}"))
    assert load(path).member_by_id["chen"].weekdays_off == [day]


def test_dates_as_spreadsheets_and_chinese_write_them(tmp_path: Path) -> None:
    text = (BASE.replace("start: 2026-12-07", "start: 2026/12/07")
            .replace("roles: [剪辑]}", "roles: [剪辑], days_off: [2026年12月9日, 2026.12.10], "
                                      "leave: [{start: 2026/12/14, end: 2026年12月15日}]}")
            .replace("platforms: [抖音]}", "platforms: [抖音], deadline: 2026/12/11 20:00, "
                                           "earliest: 2026年12月8日 09:30}"))
    scenario = load(write(tmp_path, "s.yaml", text))
    chen = scenario.member_by_id["chen"]
    assert scenario.horizon.start == date(2026, 12, 7)
    assert chen.days_off == [date(2026, 12, 9), date(2026, 12, 10)]
    assert (chen.leave[0].start, chen.leave[0].end) == (date(2026, 12, 14), date(2026, 12, 15))
    topic = scenario.topic_by_id["t1"]
    assert (topic.earliest, topic.deadline) == (datetime(2026, 12, 8, 9, 30), datetime(2026, 12, 11, 20, 0))


def test_a_date_that_is_none_is_still_refused_on_its_line(tmp_path: Path) -> None:
    path = write(tmp_path, "s.yaml", BASE.replace("start: 2026-12-07", "start: 2026/13/45"))
    (line,) = problems(path, "en")
    assert line.startswith(f"{path}:2:") and "horizon.start" in line


@pytest.mark.parametrize(("edit", "where", "zh", "en"), [
    (("platform: 抖音", "platform: 抖因"), "accounts[0].platform", "未知的平台 '抖因'；可用：douyin (抖音), kuaishou (快手)",
     "unknown platform '抖因'; valid: douyin (抖音), kuaishou (快手)"),
    (("roles: [剪辑]", "roles: [剪接]"), "team[0].roles[0]", "未知的角色 '剪接'",
     "valid: planner (策划), writer (脚本), shooter (拍摄), editor (剪辑)"),
    (("format: 口播", "format: talkinghead"), "topics[0].format", "（是否想写 'talking_head'？）",
     "unknown format 'talkinghead' (did you mean 'talking_head'?); valid: talking_head (口播)"),
    (("roles: [剪辑]}", "roles: [剪辑], weekdays_off: [周八]}"), "team[0].weekdays_off[0]", "未知的星期 '周八'",
     "valid: mon (周一), tue (周二)"),
    (("topics:", "topics:\n  - {id: t2, title: x, format: vlog, goal: engage, platforms: [抖音], talent: [chne]}"),
     "topics[0].talent[0]", "未知的成员 'chne'（是否想写 'chen'？）；可用：chen, lina",
     "unknown member 'chne' (did you mean 'chen'?); valid: chen, lina"),
    (("platform: 抖音}", "platform: 抖音, follower: 3}"), "accounts[0].follower", "未知字段 'follower'（是否想写 'followers'？）",
     "unknown field 'follower' (did you mean 'followers'?)"),
])
def test_unknown_names_list_the_valid_ones(edit: tuple[str, str], where: str, zh: str, en: str, tmp_path: Path) -> None:
    path = write(tmp_path, "s.yaml", BASE.replace(*edit))
    for lang, words in (("zh", zh), ("en", en)):
        (line,) = problems(path, lang)
        assert f" {where}: " in line and words in line, line


def test_a_typo_in_a_variant_names_the_base_and_the_near_miss(tmp_path: Path) -> None:
    write(tmp_path, "demo.yaml", BASE)
    variant = write(tmp_path, "leave.yaml", "name: v\nextends: demo.yaml\nteam:\n  - id: chenxiao\n    hours_per_day: 4\n")
    (zh,) = problems(variant)
    assert zh == (f"{variant}:4:5 team[0].id: demo.yaml 中没有成员 'chenxiao'（是否想写 'chen'？）；"
                  "要新增成员，请在这一项写 add: true")
    (en,) = problems(variant, "en")
    assert en == f"{variant}:4:5 team[0].id: no member 'chenxiao' in demo.yaml; did you mean 'chen'? (a new member says add: true)"
    result = CliRunner().invoke(cli, ["check", "-q", "--lang", "en", str(variant)])
    assert (result.exit_code, result.output) == (1, f"error: {en}\n")


def test_add_true_makes_a_new_entry_and_must_be_new(tmp_path: Path) -> None:
    write(tmp_path, "demo.yaml", BASE)
    good = write(tmp_path, "hire.yaml", "name: v\nextends: demo.yaml\nteam:\n  - {id: zhao, add: true, roles: [拍摄]}\n"
                 "accounts:\n  - {id: ks, add: true, platform: 快手}\ntopics:\n  - {id: t1, priority: 5}\n")
    scenario = load(good)
    assert [m.id for m in scenario.team] == ["chen", "lina", "zhao"]
    assert [a.id for a in scenario.accounts] == ["dy", "ks"] and scenario.topic_by_id["t1"].priority == 5
    twice = write(tmp_path, "twice.yaml", "name: v\nextends: demo.yaml\ntopics:\n  - {id: t1, add: true, priority: 5}\n")
    assert problems(twice, "en") == [f"{twice}:4:6 topics[0].id: topic 't1' is already in demo.yaml: drop add: true to change it"]
    odd = write(tmp_path, "odd.yaml", "name: v\nextends: demo.yaml\nteam:\n  - {id: zhao, add: yes please, roles: [拍摄]}\n")
    assert any("add must be true or false" in line for line in problems(odd, "en"))


def test_add_in_a_file_without_a_base_is_refused(tmp_path: Path) -> None:
    path = write(tmp_path, "s.yaml", BASE.replace("{id: lina,", "{id: lina, add: true,"))
    (line,) = problems(path, "en")
    assert line.startswith(f"{path}:7:") and "team[1].add: add: true is only for a variant" in line


def test_a_variant_may_add_trends_and_override_rules_without_add(tmp_path: Path) -> None:
    write(tmp_path, "demo.yaml", BASE)
    variant = write(tmp_path, "v.yaml", "name: v\nextends: demo.yaml\n"
                    "trends:\n  - {id: tr, name: 初雪, start: 2026-12-09T08:00:00, end: 2026-12-12T23:00:00}\n"
                    "rules:\n  - {id: cap, kind: max_posts_per_day, max: 1}\n")
    scenario = load(variant)
    assert [t.id for t in scenario.trends] == ["tr"] and [r.id for r in scenario.rules] == ["cap"]


def test_weekdays_in_a_rule_s_parameters(tmp_path: Path) -> None:
    from planner.rules import resolve_rules

    rule = ('rules:\n  - {id: weekend, kind: posting_window, hours: "18:00-22:00", '
            'weekdays: {周六: "10:00-22:00", 星期天: "10:00-22:00"}}\n')
    scenario = load(write(tmp_path, "s.yaml", BASE + rule))
    (found,) = [r for r in resolve_rules(scenario) if r.spec.id == "weekend"]
    assert found.params.weekdays == {"sat": "10:00-22:00", "sun": "10:00-22:00"}
