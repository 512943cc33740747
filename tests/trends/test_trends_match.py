"""Topic-to-trend matching: shared words weighed by rarity, what does not count, and the reasons given."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from planner.domain.scenario import Scenario, Topic, Trend
from planner.scenario import load
from planner.trends.match import CATEGORY_BONUS, MIN_SCORE, Linker, match_trends, score
from planner.trends.words import MIN_CORPUS, Segmenter, Weights

DATA = Path(__file__).parent / "data"
SCENARIOS = Path(__file__).resolve().parents[2] / "scenarios"
T0 = datetime(2025, 3, 2, 8, 0)


def trend(trend_id: str, name: str, **fields: Any) -> Trend:
    base: dict[str, Any] = {"id": trend_id, "name": name, "start": T0, "end": T0 + timedelta(hours=12)}
    return Trend.model_validate({**base, **fields})


def topic(title: str, **fields: Any) -> Topic:
    base: dict[str, Any] = {"id": "x", "title": title, "format": "vlog", "goal": "engage", "platforms": ["douyin"]}
    return Topic.model_validate({**base, **fields})


def scenario() -> Scenario:
    return load(DATA / "teahouse.yaml")


def test_a_shared_name_matches_and_says_which_words() -> None:
    value, how = score(topic("春日踏青带什么茶", hashtags=["春日踏青"]), trend("a", "春日踏青"))
    assert value == 1.0
    assert how.startswith("shared 春日踏青 (") and "100% of the trend's words" in how


@pytest.mark.parametrize(("title", "name"), [
    ("清油和牛油有什么区别", "这跟亲了有什么区别"),  # one common word (区别) and question words
    ("服务员的一天", "七月的一天"),  # 一天 is a measure word, not a subject
    ("小红书同款锅底复刻", "小红书"),  # a platform's name says where a post goes, not what it is about
])
def test_links_the_issue_found_implausible_are_not_made(title: str, name: str) -> None:
    assert score(topic(title), trend("a", name))[0] < MIN_SCORE


def test_words_common_among_the_trends_weigh_less() -> None:
    common = [(f"城市{i}", "回家") for i in range(MIN_CORPUS)]
    weights = Weights([*common, ("春运", "回家"), ("春运", "抢票")])
    assert weights.learned and weights("春运") > 2 * weights("回家")
    few = Weights([("春运", "回家")])
    assert not few.learned and "too few to learn from" in few.describe()


def test_a_rare_shared_word_scores_above_a_frequent_one() -> None:
    corpus = [trend(f"n{i}", f"明星{i}号回家过年") for i in range(MIN_CORPUS)] + [trend("spring", "春运抢票回家")]
    linker = Linker([topic("春运抢票攻略")], corpus)
    rare, _ = linker.score(topic("春运抢票攻略"), corpus[-1])
    common, _ = linker.score(topic("周末回家吃饭"), corpus[-1])
    assert rare >= MIN_SCORE > common


def test_category_of_one_family_adds_a_bonus() -> None:
    plain, _ = score(topic("春日踏青野餐清单"), trend("a", "春日踏青去哪儿"))
    bonus, how = score(topic("春日踏青野餐清单", category="旅行"), trend("a", "春日踏青去哪儿", category="旅游"))
    assert 0 < plain < 1 - CATEGORY_BONUS
    assert round(bonus - plain, 3) == CATEGORY_BONUS
    assert how.endswith("category 旅游 ~ 旅行")


def test_house_terms_count_a_quarter() -> None:
    house = [topic(f"成都火锅第{i}期", id=f"t{i}", hashtags=["成都"]) for i in range(4)]
    own = Linker(house, [trend("a", "成都下雪")]).score(house[0], trend("a", "成都下雪"))
    alone = score(house[0], trend("a", "成都下雪"))
    assert "成都 (common)" in own[1] and own[0] < alone[0]


def test_the_scenarios_terms_stay_whole() -> None:
    assert Segmenter(["蜀香园"]).words("蜀香园火锅清油和牛油有什么区别") == ("蜀香园", "火锅", "清油", "牛油", "区别")


def test_match_picks_each_topics_best_trend_and_explains() -> None:
    trends = [trend("walk", "春日踏青"), trend("walk2", "春日踏青好去处", peak_heat=5.0), trend("tea", "新茶饮")]
    result = match_trends(scenario(), trends)
    assert [(m.topic.id, m.trend.id) for m in result.matches] == [("c1", "walk"), ("c2", "tea")]
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


def test_the_demos_forecast_file_links_real_topics_and_nothing_to_a_platform() -> None:
    from planner.trends.trendsfile import read_trends

    result = match_trends(load(SCENARIOS / "demo.yaml"), read_trends(SCENARIOS / "trends" / "demo_forecast.yaml"))
    links = {m.topic.title: m.trend.name for m in result.matches}
    assert links["年终聚餐包间推荐"] == "年终聚餐去哪吃"
    assert links["冬天第一顿火锅仪式感"] == "冬天的第一顿火锅"
    assert "小红书" not in links.values()
