"""Rolling replans: the earlier plan's past is pinned, the rest replanned, and the changes said."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest
from click.testing import CliRunner

import planner
from planner.cli import cli
from planner.domain.plan import Plan, Publication, Task, Unscheduled
from planner.rolling import freeze_before, plan_changes, replan_from
from planner.scenario import load

SCENARIO = """\
name: 小店
horizon: {start: 2026-12-07, days: 10}
accounts:
  - {id: dy, platform: 抖音, followers: 50000}
  - {id: ks, platform: 快手, followers: 20000}
team:
  - {id: ann, roles: [策划, 脚本], hours_per_day: 8}
  - {id: bo, roles: [拍摄, 剪辑, 运营], hours_per_day: 8}
  - {id: cy, roles: [出镜], hours_per_day: 8}
topics:
""" + "".join(f"  - {{id: t{i}, title: 第{i}个选题的标题, format: 口播, goal: 促活, platforms: [抖音, 快手]}}\n"
              for i in range(1, 9))
MOMENT = datetime.fromisoformat("2026-12-11T00:00+08:00")


@pytest.fixture
def scenario_file(tmp_path: Path) -> Path:
    path = tmp_path / "s.yaml"
    path.write_text(SCENARIO, encoding="utf-8")
    return path


def _pub(topic: str, account: str, at: str) -> Publication:
    return Publication(topic=topic, account=account, platform={"dy": "douyin", "ks": "kuaishou"}[account],
                       at=f"2026-12-{at}:00+08:00")


def test_posts_and_production_before_the_moment_become_pins(scenario_file: Path) -> None:
    scenario = load(scenario_file)
    earlier = Plan(scenario="小店", generated_at="2026-12-06T00:00:00+08:00",
                   publications=[_pub("t1", "dy", "09T19:00"), _pub("t1", "ks", "12T19:00"), _pub("t2", "dy", "13T19:00")],
                   tasks=[Task(topic="t2", stage="script", members=["ann"], start="2026-12-10T10:00:00+08:00",
                               end="2026-12-10T11:00:00+08:00"),
                          Task(topic="t2", stage="shoot", members=["bo", "cy"], start="2026-12-11T10:00:00+08:00",
                               end="2026-12-11T12:00:00+08:00")])
    frozen = freeze_before(scenario, earlier, MOMENT)
    pins = frozen.scenario.pins
    assert [(p.topic, p.account, p.at.isoformat()) for p in pins.publications] == [
        ("t1", "dy", "2026-12-09T19:00:00+08:00")]
    assert [(t.topic, t.stage, t.members, str(t.day)) for t in pins.tasks] == [("t2", "script", ["ann"], "2026-12-10")]
    assert (frozen.publications, frozen.tasks) == (1, 1)
    topics = frozen.scenario.topic_by_id
    assert topics["t1"].earliest is None  # out already: may still go out on another account
    assert topics["t2"].earliest == MOMENT and topics["t8"].earliest == MOMENT
    assert topics["t2"].produce_after is None  # in production: its pinned script stays where it is
    assert str(topics["t8"].produce_after) == "2026-12-11"


def test_changes_after_the_moment_are_counted_with_reasons(scenario_file: Path) -> None:
    scenario = load(scenario_file)
    old = Plan(scenario="小店", generated_at="2026-12-06T00:00:00+08:00",
               publications=[_pub("t1", "dy", "09T19:00"), _pub("t2", "dy", "12T19:00"), _pub("t3", "dy", "13T19:00"),
                             _pub("t4", "dy", "14T19:00"), _pub("t5", "dy", "15T19:00")])
    new = Plan(scenario="小店", generated_at="2026-12-06T00:00:00+08:00",
               publications=[_pub("t1", "dy", "09T19:00"), _pub("t2", "dy", "12T19:00"), _pub("t3", "dy", "14T20:00"),
                             _pub("t5", "dy", "15T19:00"), _pub("t6", "ks", "15T20:00")],
               unscheduled=[Unscheduled(topic="t4", reasons=["剪辑 full"])])
    churn = plan_changes(old, new, scenario, MOMENT, lang="en")
    assert (churn.kept, churn.count("moved"), churn.count("dropped"), churn.count("added"), churn.changed_before) == \
        (2, 1, 1, 1, 0)
    assert churn.share == pytest.approx(2 / 4)
    assert churn.lines("en") == [
        "after 2026-12-11 00:00: 2 posts unchanged, 1 moved, 1 dropped, 1 added (50% of the earlier posts disturbed)",
        "  moved t3@dy: 12-13 19:00 -> 12-14 20:00: made room for other posts or production (caps, gaps or hours)",
        "  dropped t4@dy 12-14 19:00: the topic no longer fits: 剪辑 full",
        "  added t6@ks 12-15 20:00",
    ]


def test_replan_keeps_the_past_and_changes_little(scenario_file: Path) -> None:
    scenario = load(scenario_file)
    earlier = planner.plan(scenario, time_limit=3, workers=1)
    moment = datetime.fromisoformat("2026-12-12T20:30+08:00")  # mid-way through what the plan publishes
    new, frozen, churn = replan_from(scenario, earlier, moment, time_limit=3, workers=1)
    before = {(p.topic, p.account, p.at) for p in earlier.publications if p.at < moment}
    assert len(before) >= 3 and before == {(p.topic, p.account, p.at) for p in new.publications if p.at < moment}
    assert frozen.publications == len(before)
    assert churn.changed_before == 0 and churn.share <= 0.2
    assert all(p.at >= moment for p in new.publications if p.topic not in {t for t, _, _ in before})


def test_cli_from_needs_stable(scenario_file: Path) -> None:
    run = CliRunner().invoke(cli, ["plan", str(scenario_file), "--from", "2026-12-11T00:00", "--lang", "en", "-q"])
    assert run.exit_code == 1
    assert "--from needs --stable PLAN (the earlier plan to keep)" in run.output


def test_a_topic_out_before_the_moment_gets_no_new_post_in_the_past(scenario_file: Path) -> None:
    """t1 went out on dy on 12-09; the replan may still post it on ks, but only from the moment on."""
    scenario = load(scenario_file)
    earlier = Plan(scenario="小店", generated_at="2026-12-06T00:00:00+08:00",
                   publications=[_pub("t1", "dy", "09T19:00")])
    frozen = freeze_before(scenario, earlier, MOMENT).scenario
    into_the_past = Plan(scenario="小店", generated_at="2026-12-06T00:00:00+08:00",
                         publications=[_pub("t1", "dy", "09T19:00"), _pub("t1", "ks", "10T19:00")])
    refused = [v for v in planner.check(into_the_past, frozen) if v.hard]
    assert [(v.rule, v.detail.split(":")[0]) for v in refused] == [("horizon.publish_hours", "t1 on ks at 2026-12-10 19")]
    later = into_the_past.model_copy(update={"publications": [_pub("t1", "dy", "09T19:00"), _pub("t1", "ks", "11T19:00")]})
    assert not [v for v in planner.check(later, frozen) if v.hard]
    new = planner.plan(frozen, time_limit=5, seed=0)
    assert {(p.topic, p.account) for p in new.publications if p.at < MOMENT} == {("t1", "dy")}
