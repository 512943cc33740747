"""score(): compliance, KPIs with intervals, channel shares, workload, trends, unscheduled topics."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from scorekit import at, plan_of, small

from planner.domain.scenario import Scenario
from planner.scenario import load
from planner.scenario.calendar import read_calendar
from planner.scoring import score
from planner.scoring.intervals import total_quantiles

FIXTURES = Path(__file__).resolve().parent / "fixtures"
DEMO = Path(__file__).resolve().parents[2] / "scenarios" / "demo.yaml"


def test_the_demo_calendar_breaks_exactly_three_hard_rules() -> None:
    scenario = load(DEMO)
    result = score(scenario, read_calendar(FIXTURES / "demo_three_breaks.csv", scenario))
    hard = result.violations[result.violations["hard"]]
    assert sorted(hard["rule"]) == ["douyin.daily_cap", "kuaishou.min_gap", "trend.window"]
    details = dict(zip(hard["rule"], hard["detail"], strict=True))
    assert details["douyin.daily_cap"] == "dy_brand has 4 posts in day 2026-12-12 (max 3)"
    assert details["kuaishou.min_gap"] == "ks_brand: t12 and t09 are 1 h apart (min 2 h)"
    assert details["trend.window"].startswith("t11 on xhs_brand at 2026-12-08 19:00: before the trend 成都初雪")
    assert all(hard["source"].str.len() > 0)  # each with where the limit comes from
    assert result.hard_count == 3


def test_kpis_cover_every_account_and_goal_with_ordered_intervals(scenario: Scenario) -> None:
    result = score(scenario, plan_of([("a", "dy", at(8, 19)), ("a", "ks", at(8, 21)), ("c", "ks", at(9, 19))]))
    kpis = result.kpis
    assert set(kpis[kpis["group"] == "account"]["key"]) == {"dy", "ks"}
    assert set(kpis[kpis["group"] == "goal"]["key"]) == {"engage", "acquire", "convert"}
    assert (kpis["p10"] <= kpis["value"]).all() and (kpis["value"] <= kpis["p90"]).all()
    assert result.kpi("account", "ks", "views")[0] > 0
    assert result.kpi("goal", "acquire", "views") == (0.0, 0.0, 0.0)  # b is not in the plan
    assert int(kpis[(kpis["group"] == "total") & (kpis["kpi"] == "views")]["posts"].iloc[0]) == 3


def test_the_total_of_one_post_is_that_posts_own_prediction(scenario: Scenario) -> None:
    result = score(scenario, plan_of([("c", "ks", at(9, 19))]))
    post = result.publications.iloc[0]
    value, low, high = result.kpi("account", "ks", "conversions")
    assert value == pytest.approx(post["conversions"], rel=1e-3)
    assert low == pytest.approx(post["conversions_p10"], rel=0.01)
    assert high == pytest.approx(post["conversions_p90"], rel=0.01)


def test_a_total_interval_is_narrower_than_adding_the_posts_intervals() -> None:
    posts = pd.DataFrame({"views": [100.0] * 20, "views_p10": [30.0] * 20, "views_p90": [300.0] * 20})
    total = total_quantiles(posts, None, ["views"]).iloc[0]
    assert 600 < total["p10"] < total["value"] < total["p90"] < 6000
    assert total["value"] > 2000  # right-skewed posts: the total's median exceeds the sum of medians


def test_each_topic_shows_its_all_channel_total_beside_each_channels_share(scenario: Scenario) -> None:
    result = score(scenario, plan_of([("a", "dy", at(8, 19)), ("a", "ks", at(8, 21))]))
    topic = result.topics[result.topics["topic"] == "a"]
    assert list(topic["kpi"].unique()) == ["engagement"]  # the engage goal's KPI
    assert topic["share"].sum() == pytest.approx(1.0)
    assert topic.iloc[0]["account"] == "dy"  # the bigger account first
    assert topic["total_p10"].iloc[0] < topic["total"].iloc[0] < topic["total_p90"].iloc[0]


def test_workload_sets_hours_against_capacity_and_flags_overload(scenario: Scenario) -> None:
    plan = plan_of([("a", "dy", at(9, 19))],
                   [("a", "script", ["ann"], at(7, 10), 9.0), ("a", "shoot", ["ann", "bob"], at(12, 10), 1.0)])
    load_ = score(scenario, plan).workload.set_index(["member", "date"])
    monday = load_.loc[("ann", at(7, 0).date())]
    assert (monday["hours"], monday["capacity"], bool(monday["over"])) == (9.0, 8.0, True)
    saturday = load_.loc[("bob", at(12, 0).date())]
    assert (saturday["hours"], saturday["capacity"], bool(saturday["off"]), bool(saturday["over"])) == (1.0, 0.0, True, True)
    assert not bool(load_.loc[("bob", at(8, 0).date())]["over"])


def test_trends_show_the_heat_each_catch_had_and_the_trends_missed() -> None:
    scenario = small(trends=[
        {"id": "tr", "name": "热点", "start": "2026-12-08T08:00:00", "peak": "2026-12-09T12:00:00",
         "end": "2026-12-10T23:00:00"},
        {"id": "quiet", "name": "冷门", "start": "2026-12-08T08:00:00", "end": "2026-12-09T08:00:00"}])
    trends = score(scenario, plan_of([("b", "dy", at(9, 12))])).trends
    caught = trends[trends["topic"] == "b"].iloc[0]
    assert (caught["heat"], bool(caught["inside"])) == (1.0, True)
    missed = trends[trends["trend"] == "quiet"].iloc[0]
    assert (missed["topic"], bool(missed["inside"])) == ("", False)


def test_topics_left_out_of_a_hand_made_plan_are_unscheduled(scenario: Scenario) -> None:
    unscheduled = score(scenario, plan_of([("a", "dy", at(8, 19))])).unscheduled
    assert list(unscheduled["topic"]) == ["b", "c"]
    assert set(unscheduled["reasons"]) == {"not in the plan"}


def test_best_times_give_every_account_a_weekday_by_hour_grid(scenario: Scenario) -> None:
    best = score(scenario, plan_of([])).best_times
    assert len(best) == 2 * 7 * 24
    dy = best[best["account"] == "dy"].pivot(index="weekday", columns="hour", values="value").to_numpy()
    assert np.argmax(dy.max(axis=0)) in (19, 20, 21)  # the evening peak of the heuristic model
    assert dy[:, 4].max() < dy[:, 20].min()


def test_an_empty_plan_scores_to_zeros(scenario: Scenario) -> None:
    result = score(scenario, plan_of([]))
    assert result.value == 0.0
    assert result.kpi("total", "all", "views") == (0.0, 0.0, 0.0)
    assert result.topics.empty and result.hard_count == 0


def test_unknown_ids_are_reported_as_violations_not_dropped(scenario: Scenario) -> None:
    result = score(scenario, plan_of([("a", "dy", at(8, 19)), ("zz", "dy", at(8, 21))]))
    assert list(result.violations["detail"]) == ["unknown topic 'zz'"]
    assert list(result.violations["rule"]) == ["plan.ids"]
    assert list(result.publications["topic"]) == ["a"]  # nothing to predict for an unknown topic
