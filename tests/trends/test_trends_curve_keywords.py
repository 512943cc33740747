"""Heat-curve sampling and title keywords."""

from __future__ import annotations

import numpy as np

from planner.trends.curve import sample_curve
from planner.trends.keywords import grams, keywords_of


def curve(heats: list[float], **options: object) -> list[tuple[int, float]]:
    times = np.arange(len(heats), dtype="int64") * 3600
    return sample_curve(times, np.array(heats, dtype="float64"), **options)  # type: ignore[arg-type]


def test_short_stays_keep_every_sighting() -> None:
    assert curve([50, 100]) == [(0, 0.5), (3600, 1.0)]


def test_points_on_a_straight_line_are_dropped() -> None:
    assert curve([10, 20, 30, 40, 50, 40, 30, 20, 10]) == [(0, 0.2), (4 * 3600, 1.0), (8 * 3600, 0.2)]


def test_a_bump_off_the_line_is_kept() -> None:
    kept = [t // 3600 for t, _ in curve([10, 20, 30, 40, 100, 40, 80, 20, 10])]
    assert kept == [0, 3, 4, 5, 6, 7, 8]


def test_at_most_max_points() -> None:
    jagged = [10.0 if i % 2 else 90.0 for i in range(40)] + [100.0]
    assert len(curve(jagged, max_points=6)) == 6


def test_no_heat_gives_no_curve() -> None:
    assert curve([0, 0, 0]) == []


def test_keywords_split_on_punctuation_and_script() -> None:
    assert keywords_of("王一博 安全扣没扣好") == ["王一博", "安全扣没扣好"]
    assert keywords_of("神奇的一年从GL8开始") == ["神奇的一年从", "gl8", "开始"]
    assert keywords_of("#苹果#iPhone16发布会，官宣！") == ["苹果", "iphone16", "发布会", "官宣"]
    assert keywords_of("2025年新年贺词") == ["2025年新年贺词"]  # digits stay with their word
    assert keywords_of("2025 的") == []  # bare numbers and single characters say little


def test_grams_are_cjk_bigrams_and_latin_words() -> None:
    assert grams("成都下雪") == {"成都", "都下", "下雪"}
    assert grams("AI 海报") == {"ai", "海报"}
