"""Recurring columns (栏目): one topic per occurrence, skipped or moved in a variant by episode id."""

from __future__ import annotations

from pathlib import Path

import pytest

import planner
from planner.errors import InputError
from planner.scenario import load

BASE = """\
name: 栏目
horizon: {start: 2026-12-07, days: 14, slot_minutes: 60, publish_hours: "08:00-23:00"}
accounts:
  - {id: dy, platform: 抖音, followers: 10000}
  - {id: bili, platform: B站, followers: 5000}
team:
  - {id: solo, roles: [策划, 脚本, 拍摄, 出镜, 剪辑, 运营], hours_per_day: 10}
series:
  - id: class
    title: 火锅小课堂
    every: {weekday: 周四, at: "20:00", accounts: [dy, bili]}
    topic: {format: 口播, goal: 促活, duration_s: 60}
  - id: shop
    title: 探店
    every: {per_week: 2}
    topic: {format: 口播, goal: 拉新, platforms: [抖音]}
"""


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    (tmp_path / "base.yaml").write_text(BASE, encoding="utf-8")
    return tmp_path


def test_every_tuesday_at_eight_makes_one_topic_per_occurrence_on_the_columns_accounts(folder: Path) -> None:
    scenario = load(folder / "base.yaml")
    class_eps = [t for t in scenario.topics if "class" in t.tags]
    assert [t.id for t in class_eps] == ["class-20261210", "class-20261217"]
    assert [t.title for t in class_eps] == ["火锅小课堂 第1期", "火锅小课堂 第2期"]
    first = class_eps[0]
    assert first.accounts == ["dy", "bili"] and first.platforms == ["douyin", "bilibili"]
    assert (first.earliest.hour, first.earliest.minute, first.deadline.minute) == (20, 0, 1)


def test_per_week_splits_each_week_into_windows(folder: Path) -> None:
    shop = [t for t in load(folder / "base.yaml").topics if "shop" in t.tags]
    assert [t.id for t in shop] == ["shop-20261207", "shop-20261210", "shop-20261214", "shop-20261217"]
    assert shop[0].deadline.isoformat() == "2026-12-10T11:59:00+08:00"
    assert shop[1].earliest.isoformat() == "2026-12-10T12:00:00+08:00"


def test_a_variant_skips_one_occurrence_moves_another_and_overrides_a_field(folder: Path) -> None:
    (folder / "week.yaml").write_text(
        "name: this week\nextends: base.yaml\n"
        "series:\n  - id: class\n    skip: [class-20261210]\n"
        "  - id: shop\n    move: {shop-20261210: '2026-12-11T19:00'}\n"
        "topics:\n  - {id: shop-20261214, priority: 5}\n", encoding="utf-8")
    scenario = load(folder / "week.yaml")
    ids = [t.id for t in scenario.topics]
    assert "class-20261210" not in ids and "class-20261217" in ids
    assert scenario.topic_by_id["class-20261217"].title == "火锅小课堂 第1期"
    moved = scenario.topic_by_id["shop-20261210"]
    assert moved.earliest.isoformat() == "2026-12-11T19:00:00+08:00"
    assert scenario.topic_by_id["shop-20261214"].priority == 5


@pytest.mark.parametrize(("entry", "message"), [
    ("  - id: class\n    skip: [class-20261211]\n", "series[0].skip: 'class-20261211' is no episode of class"),
    ("  - id: class\n    every: {accounts: [nope]}\n", "series[0].every.accounts: unknown account(s) nope"),
    ("  - id: shop\n    every: {at: '20:00'}\n", "series[1].every: Value error, at goes with weekday"),
])
def test_bad_overrides_are_located(folder: Path, entry: str, message: str) -> None:
    (folder / "bad.yaml").write_text(f"name: bad\nextends: base.yaml\nseries:\n{entry}", encoding="utf-8")
    with pytest.raises(InputError) as caught:
        load(folder / "bad.yaml")
    assert message.split("Value error, ")[-1] in str(caught.value)
    assert str(caught.value).startswith(str(folder / "bad.yaml") + ":")


def test_episodes_are_planned_at_their_time(folder: Path) -> None:
    plan = planner.plan(load(folder / "base.yaml"), time_limit=5, workers=1)
    at = {(p.topic, p.account): p.at.isoformat() for p in plan.publications if p.topic.startswith("class")}
    assert at == {("class-20261210", "dy"): "2026-12-10T20:00:00+08:00",
                  ("class-20261210", "bili"): "2026-12-10T20:00:00+08:00",
                  ("class-20261217", "dy"): "2026-12-17T20:00:00+08:00",
                  ("class-20261217", "bili"): "2026-12-17T20:00:00+08:00"}
