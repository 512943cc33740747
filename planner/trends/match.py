"""Which topics fit which trends: shared words weighed by their rarity, each match saying why.

Topic and trend are cut into content words (``words.Segmenter``: jieba, with the scenario's
hashtags, tags and trend keywords as a user dictionary; stop words left out). A shared word
counts by its rarity among the trends (``words.Weights``): a word in many trend titles says
little. The score is the geometric mean of two shares: of the trend's word weight that the
topic has, and of the topic's that the trend has, so that a long trend sharing one word, or a
one-word trend inside a long topic, both stay low. A word that contains the other (平准基金,
基金) counts with the shorter one's weight. Categories of one family add ``CATEGORY_BONUS`` to a
score that shares words. House terms, found in a quarter or more of the scenario's topics (three
at least) (a hotpot brand in Chengdu tags everything 成都 and 火锅), count a quarter.

``MIN_SCORE`` was chosen on a labelled set of (topic, trend) pairs from half a year of Weibo hot
search (``benchmarks/trends_match_eval.py`` prints how; the results are in benchmarks/TRENDS.md).
Only trends whose window overlaps the scenario's horizon are considered, unless asked otherwise.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime

from planner.domain.scenario import Scenario, Topic, Trend
from planner.trends.categories import family, same_family
from planner.trends.words import Segmenter, Weights

MIN_SCORE = 0.332
CATEGORY_BONUS = 0.2
PART = 0.5  # a word found inside another counts this much of its weight
SHORT_NAME = 4  # characters: a trend name this short is one name
TREND_SIDE = 0.5  # the score's exponent of the trend's share (the topic's takes the rest)
FITS_PER_FAMILY = 3
HOUSE_SHARE = 0.25  # a term in this share of the topics or more is a house term
HOUSE_WEIGHT = 0.25
HOUSE_MIN_TOPICS = 3  # in a small scenario, two topics sharing a word is no habit yet


@dataclass(frozen=True)
class TopicMatch:
    topic: Topic
    trend: Trend
    score: float
    how: str  # the evidence, for people: "shared 下雪 (weight 6.1), 成都 (common); ..."


@dataclass(frozen=True)
class CategoryFit:
    """A trend no topic matched, but whose category is one the scenario works in."""

    trend: Trend
    category: str
    who: list[str]  # accounts and topics of that category


@dataclass
class MatchResult:
    matches: list[TopicMatch] = field(default_factory=list)
    fits: list[CategoryFit] = field(default_factory=list)
    considered: int = 0
    outside: int = 0  # trends whose window misses the horizon
    already_linked: list[Topic] = field(default_factory=list)
    weights: str = ""  # where the word weights came from


def topic_text(topic: Topic) -> str:
    """What a topic is matched on: its title, hashtags and tags (a caption repeats boilerplate)."""
    return " ".join([topic.title, *topic.hashtags, *topic.tags])


class Linker:
    """Scores topics against trends; words, weights and house terms computed once."""

    def __init__(self, topics: Sequence[Topic], trends: Sequence[Trend]) -> None:
        # Names and keywords of a trend are kept whole when short (小红书, 王者荣耀, 年终聚餐): longer
        # ones are phrases (an imported window's keywords are pieces of its title: 这跟亲了 有什么区别).
        named = [k for t in trends for k in (*t.keywords, t.name) if len(k.strip()) <= SHORT_NAME]
        terms = [w for t in topics for w in (*t.hashtags, *t.tags)] + named
        self.segmenter = Segmenter(terms)
        self.weight = Weights([self.segmenter.words(t.name) for t in trends])
        texts = [self.segmenter.words(topic_text(t)) for t in topics]
        counts: defaultdict[str, int] = defaultdict(int)
        for words in texts:
            for word in set(words):
                counts[word] += 1
        bar = max(HOUSE_MIN_TOPICS, HOUSE_SHARE * len(texts))
        self._house = {w for w, n in counts.items() if n >= bar}

    def _weight(self, word: str) -> float:
        return self.weight(word) * (HOUSE_WEIGHT if word in self._house else 1.0)

    def shares(self, topic: Topic, trend: Trend) -> tuple[float, float, dict[str, float]]:
        """The share of the trend's word weight the topic has, the share of the topic's the trend
        has, and the shared words with their weights (nothing shared: 0, 0, {})."""
        title = self.segmenter.words(topic.title)
        mine = self.segmenter.words(topic_text(topic))
        theirs = self.segmenter.words(trend.name)
        shared: dict[str, float] = {}
        for word in theirs:
            if word in mine:
                shared[word] = self._weight(word)
                continue
            # One word inside the other (平准基金 / 基金): they share the shorter one, in part.
            inside = [m for m in mine if word in m or m in word]
            if inside:
                shorter = min([word, *inside], key=len)
                shared[shorter] = PART * self._weight(shorter)
        if not shared:
            return 0.0, 0.0, {}
        mass = sum(shared.values())
        of_trend = min(1.0, mass / sum(self._weight(w) for w in theirs))
        # Hashtags and tags the trend does not have leave the topic's share alone: they are
        # optional labels, while every word of the title is what the topic is about.
        extra = [w for w in shared if not any(w in t or t in w for t in title)]
        of_topic = min(1.0, mass / (sum(self._weight(w) for w in title) + sum(self._weight(w) for w in extra)))
        return of_trend, of_topic, shared

    def score(self, topic: Topic, trend: Trend) -> tuple[float, str]:
        """The topic's score against ``trend`` (0-1) and the evidence in words."""
        of_trend, of_topic, shared = self.shares(topic, trend)
        if not shared:
            return 0.0, ""
        value = of_trend ** TREND_SIDE * of_topic ** (1 - TREND_SIDE)
        # A few common words are weak evidence however much of the trend they cover (这跟亲了有什么
        # 区别 is all 区别): the score needs a typical word's weight in shared words to count fully.
        evidence_mass = sum(shared.values())
        if evidence_mass < self.weight.typical:
            value *= evidence_mass / self.weight.typical
        words = ", ".join(f"{w} (common)" if w in self._house else f"{w} ({v:.1f})" for w, v in shared.items())
        evidence = [f"shared {words}: {of_trend:.0%} of the trend's words, {of_topic:.0%} of the topic's"]
        if same_family(topic.category, trend.category):
            value += CATEGORY_BONUS
            evidence.append(f"category {trend.category} ~ {topic.category}")
        return round(min(1.0, value), 3), "; ".join(evidence)


def match_trends(
    scenario: Scenario,
    trends: Sequence[Trend],
    *,
    min_score: float = MIN_SCORE,
    any_time: bool = False,
    max_fits: int = 10,
) -> MatchResult:
    """Each unlinked topic's best trend at or above ``min_score``, and category fits for the rest.
    Word weights are learned from all of ``trends`` (the whole file), not only those in the horizon."""
    result = MatchResult()
    usable = list(trends) if any_time else [t for t in trends if _in_horizon(t, scenario)]
    result.considered = len(usable)
    result.outside = len(trends) - len(usable)
    linker = Linker(scenario.topics, trends)
    result.weights = linker.weight.describe()
    index: defaultdict[str, list[int]] = defaultdict(list)
    for i, trend in enumerate(usable):
        for word in linker.segmenter.words(trend.name):
            index[word].append(i)
    for topic in scenario.topics:
        if topic.trend is not None:
            result.already_linked.append(topic)
            continue
        best = _best(topic, usable, index, linker, min_score)
        if best is not None:
            result.matches.append(best)
    matched = {m.trend.id for m in result.matches}
    result.fits = _category_fits(scenario, [t for t in usable if t.id not in matched], max_fits)
    return result


def score(topic: Topic, trend: Trend, topics: Sequence[Topic] = (), trends: Sequence[Trend] = ()) -> tuple[float, str]:
    """The topic's score against one trend (house terms judged among ``topics``, word weights
    learned from ``trends``, general word weights when they are few), and how."""
    return Linker(topics, trends or [trend]).score(topic, trend)


def _best(topic: Topic, trends: list[Trend], index: dict[str, list[int]], linker: Linker,
          min_score: float) -> TopicMatch | None:
    # Only trends sharing a word with the topic (or one containing it) can score.
    mine = linker.segmenter.words(topic_text(topic))
    candidates = {i for word, hits in index.items() if any(word in m or m in word for m in mine) for i in hits}
    best: TopicMatch | None = None
    for i in sorted(candidates):
        value, how = linker.score(topic, trends[i])
        if value < min_score:
            continue
        trend = trends[i]
        if best is None or (value, trend.peak_heat) > (best.score, best.trend.peak_heat):
            best = TopicMatch(topic, trend, value, how)
    return best


def _in_horizon(trend: Trend, scenario: Scenario) -> bool:
    horizon = scenario.horizon
    start, end = horizon.localize(horizon.start), horizon.localize(horizon.end)
    return _aware(trend.start, scenario) < end and _aware(trend.end, scenario) > start


def _aware(moment: datetime, scenario: Scenario) -> datetime:
    return scenario.horizon.localize(moment)


def _category_fits(scenario: Scenario, trends: list[Trend], limit: int) -> list[CategoryFit]:
    who: defaultdict[str, list[str]] = defaultdict(list)
    label: dict[str, str] = {}
    for account in scenario.accounts:
        if account.category:
            who[family(account.category)].append(account.id)
            label.setdefault(family(account.category), account.category)
    for topic in scenario.topics:
        if topic.category:
            who[family(topic.category)].append(topic.id)
            label.setdefault(family(topic.category), topic.category)
    fits: list[CategoryFit] = []
    per_family: defaultdict[str, int] = defaultdict(int)
    for trend in sorted(trends, key=lambda t: (-t.peak_heat, t.id)):
        kind = family(trend.category)
        # A few per family, so one busy category does not fill the list.
        if trend.category and kind in who and per_family[kind] < FITS_PER_FAMILY:
            per_family[kind] += 1
            fits.append(CategoryFit(trend, label[kind], who[kind]))
    return fits[:limit]
