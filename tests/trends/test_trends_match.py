"""Topic-to-trend matching: what counts, what is discounted, and the reasons given."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from planner.domain.scenario import Scenario, Topic, Trend
from planner.scenario import load
from planner.trends.match import match_trends, score

DATA = Path(__file__).parent / "data"
T0 = datetime(2025, 3, 2, 8, 0)


def trend(trend_id: str, name: str, **fields: Any) -> Trend:
    base: dict[str, Any] = {"id": trend_id, "name": name, "start": T0, "end": T0 + timedelta(hours=12)}
    return Trend.model_validate({**base, **fields})


def topic(title: str, **fields: Any) -> Topic:
    base: dict[str, Any] = {"id": "x", "title": title, "format": "vlog", "goal": "engage", "platforms": ["douyin"]}
    return Topic.model_validate({**base, **fields})


def scenario() -> Scenario:
    return load(DATA / "teahouse.yaml")


def test_keywords_in_the_title_match_fully() -> None:
    assert score(topic("春日踏青带什么茶"), trend("a", "春日踏青", keywords=["春日踏青"])) == (
        1.0, "keywords 春日踏青 (title)")


def test_long_keywords_weigh_more_than_short_ones() -> None:
    value, how = score(topic("王一博新剧路透"), trend("a", "王一博 安全扣没扣好", keywords=["王一博", "安全扣没扣好"]))
    assert value == 0.333
    assert how == "keywords 王一博 (title)"


def test_caption_hits_count_half() -> None:
    value, _ = score(topic("店长的一天", caption="今天聊聊春日踏青"), trend("a", "春日踏青"))
    assert value == 0.5


def test_two_characters_alone_are_a_short_match() -> None:
    value, how = score(topic("油碟蘸料的黄金比例", category="美食"), trend("a", "黄金", category="美食"))
    assert value == 0.4
    assert how == "keywords 黄金 (title); category 美食 ~ 美食; short match"


def test_category_of_one_family_adds_a_bonus() -> None:
    plain, _ = score(topic("春日踏青带什么茶"), trend("a", "春日踏青去哪儿"))
    bonus, how = score(topic("春日踏青带什么茶", category="旅行"), trend("a", "春日踏青去哪儿", category="旅游"))
    assert round(bonus - plain, 3) == 0.2
    assert how.endswith("category 旅游 ~ 旅行")


def test_house_terms_count_a_quarter() -> None:
    house = [topic(f"成都火锅第{i}期", id=f"t{i}", hashtags=["成都"]) for i in range(4)]
    value, how = score(house[0], trend("a", "成都下雪", keywords=["成都", "下雪"]), house)
    assert value == 0.125
    assert how == "keywords 成都 (common) (title); tags 成都 (common) in the trend name"


def test_match_picks_each_topics_best_trend_and_explains() -> None:
    trends = [trend("walk", "春日踏青"), trend("walk2", "春日踏青好去处", peak_heat=5.0), trend("tea", "新茶饮")]
    result = match_trends(scenario(), trends)
    assert [(m.topic.id, m.trend.id, m.score) for m in result.matches] == [("c1", "walk", 1.0), ("c2", "tea", 1.0)]
    assert [t.id for t in result.already_linked] == ["c4"]
    assert (result.considered, result.outside) == (3, 0)


def test_trends_outside_the_horizon_are_skipped_unless_asked() -> None:
    late = trend("walk", "春日踏青", start=datetime(2025, 5, 1), end=datetime(2025, 5, 2))
    assert match_trends(scenario(), [late]).matches == []
    assert [m.trend.id for m in match_trends(scenario(), [late], any_time=True).matches] == ["walk"]


def test_category_fits_list_unmatched_trends_of_the_teams_categories() -> None:
    trends = [trend("food", "包饺子", category="美食", peak_heat=9.0), trend("car", "新车发布", category="汽车")]
    fits = match_trends(scenario(), trends).fits
    assert [(f.trend.id, f.category, f.who) for f in fits] == [("food", "美食", ["dy_tea", "c1", "c2"])]
