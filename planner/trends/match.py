"""Which topics fit which trends: keyword and category matching, each match saying why.

A topic's score against a trend is the strongest of three signals, plus a bonus when their
categories are of one family:
- the trend's keywords found in the topic, weighted by length (title, hashtags, tags count
  fully, the caption half);
- the topic's hashtags and tags found in the trend's name (by the share of the name they cover);
- the share of the trend name's CJK bigrams that the topic's title and hashtags contain.
House terms, found in a quarter or more of the scenario's topics (three at least) (a hotpot brand in Chengdu tags
everything 成都 and 火锅), count a quarter: they say nothing about one topic in particular.
Only trends whose window overlaps the scenario's horizon are considered, unless asked otherwise.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime

from planner.domain.scenario import Scenario, Topic, Trend
from planner.trends.categories import family, same_family
from planner.trends.keywords import grams, keywords_of, pieces

MIN_SCORE = 0.5
CATEGORY_BONUS = 0.2
CAPTION_WEIGHT = 0.5
MIN_SPAN = 3  # characters matched, at least, for a match to count fully
SHORT_CAP = 0.4
FITS_PER_FAMILY = 3
HOUSE_SHARE = 0.25  # a term in this share of the topics or more is a house term
HOUSE_WEIGHT = 0.25
HOUSE_MIN_TOPICS = 3  # in a small scenario, two topics sharing a word is no habit yet


@dataclass(frozen=True)
class TopicMatch:
    topic: Topic
    trend: Trend
    score: float
    how: str  # the evidence, for people: "keywords 下雪, 初雪 (hashtags); category 社会 ~ 热点"


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


@dataclass(frozen=True)
class _Terms:
    """What a trend is matched on, computed once."""

    trend: Trend
    keywords: list[str]
    name: str
    name_chars: int  # letters and ideographs in the name, punctuation and spaces left out
    grams: frozenset[str]


def match_trends(
    scenario: Scenario,
    trends: Sequence[Trend],
    *,
    min_score: float = MIN_SCORE,
    any_time: bool = False,
    max_fits: int = 10,
) -> MatchResult:
    """Each unlinked topic's best trend at or above ``min_score``, and category fits for the rest."""
    result = MatchResult()
    usable = list(trends) if any_time else [t for t in trends if _in_horizon(t, scenario)]
    result.considered = len(usable)
    result.outside = len(trends) - len(usable)
    terms = [_terms(t) for t in usable]
    house = _House(scenario.topics)
    index: defaultdict[str, list[int]] = defaultdict(list)
    for i, term in enumerate(terms):
        for gram in term.grams | set(term.keywords):
            index[gram].append(i)
    for topic in scenario.topics:
        if topic.trend is not None:
            result.already_linked.append(topic)
            continue
        best = _best(topic, terms, index, house, min_score)
        if best is not None:
            result.matches.append(best)
    matched = {m.trend.id for m in result.matches}
    result.fits = _category_fits(scenario, [t for t in usable if t.id not in matched], max_fits)
    return result


def score(topic: Topic, trend: Trend, topics: Sequence[Topic] = ()) -> tuple[float, str]:
    """The topic's score against one trend (house terms judged among ``topics``), and how."""
    return _score(topic, _terms(trend), _House(topics))


class _House:
    """How much a term says about one topic: little when many of the scenario's topics share it."""

    def __init__(self, topics: Sequence[Topic]) -> None:
        self._texts = [" ".join([t.title, t.caption, *t.hashtags, *t.tags]).lower() for t in topics]
        self._weights: dict[str, float] = {}

    def weight(self, term: str) -> float:
        if term not in self._weights:
            count = sum(term in text for text in self._texts)
            house = count >= max(HOUSE_MIN_TOPICS, HOUSE_SHARE * len(self._texts))
            self._weights[term] = HOUSE_WEIGHT if house else 1.0
        return self._weights[term]


def _best(
    topic: Topic, terms: list[_Terms], index: dict[str, list[int]], house: _House, min_score: float
) -> TopicMatch | None:
    # Only trends sharing a bigram or keyword with the topic can score on keywords.
    text = " ".join([topic.title, topic.caption, *topic.hashtags, *topic.tags])
    candidates = {i for gram in grams(text) | set(keywords_of(text)) for i in index.get(gram, [])}
    best: TopicMatch | None = None
    for i in sorted(candidates):
        value, how = _score(topic, terms[i], house)
        if value < min_score:
            continue
        trend = terms[i].trend
        if best is None or (value, trend.peak_heat) > (best.score, best.trend.peak_heat):
            best = TopicMatch(topic, trend, value, how)
    return best


def _terms(trend: Trend) -> _Terms:
    keywords = [k.lower() for k in (trend.keywords or keywords_of(trend.name)) if len(k) >= 2]
    name_chars = max(1, len("".join(pieces(trend.name))))
    return _Terms(trend, keywords, trend.name.lower(), name_chars, frozenset(grams(trend.name)))


def _score(topic: Topic, terms: _Terms, house: _House) -> tuple[float, str]:
    fields = {
        "title": (topic.title.lower(), 1.0),
        "hashtags": (" ".join(topic.hashtags).lower(), 1.0),
        "tags": (" ".join(topic.tags).lower(), 1.0),
        "caption": (topic.caption.lower(), CAPTION_WEIGHT),
    }
    found: dict[str, list[str]] = defaultdict(list)
    covered = 0.0
    for keyword in terms.keywords:
        for where, (text, value) in fields.items():
            if keyword in text:
                found[where].append(keyword)
                covered += len(keyword) * value * house.weight(keyword)
                break
    # Long keywords weigh more: "王一博" says more of "王一博 安全扣没扣好" than "第一" of "GAI第一".
    by_keywords = covered / sum(len(k) for k in terms.keywords) if terms.keywords else 0.0
    tags = [t for t in dict.fromkeys([*topic.hashtags, *topic.tags]) if len(t) >= 2 and t.lower() in terms.name]
    by_tags = min(1.0, sum(len(t) * house.weight(t.lower()) for t in tags) / terms.name_chars)
    shared = terms.grams & grams(" ".join([topic.title, *topic.hashtags]))
    by_grams = sum(house.weight(g) for g in shared) / len(terms.grams) if terms.grams else 0.0
    signals = [
        (by_keywords, sum(len(k) for words in found.values() for k in words)),
        (by_tags, sum(len(t) for t in tags)),
        (by_grams, len(shared) + 1 if shared else 0),
    ]
    value, span = max(signals)

    def named(term: str) -> str:
        return f"{term} (common)" if house.weight(term.lower()) < 1 else term

    evidence = [f"keywords {', '.join(map(named, words))} ({where})" for where, words in found.items()]
    if tags:
        evidence.append(f"tags {', '.join(map(named, tags))} in the trend name")
    if by_grams > max(by_keywords, by_tags):
        evidence.append(f"{len(shared)} of {len(terms.grams)} name bigrams")
    if value > 0 and same_family(topic.category, terms.trend.category):
        value += CATEGORY_BONUS
        evidence.append(f"category {terms.trend.category} ~ {topic.category}")
    if 0 < span < MIN_SPAN and value > SHORT_CAP:
        # Two characters (直播, 第一, 黄金) are too common to carry a match, category or not.
        value = SHORT_CAP
        evidence.append("short match")
    return round(min(1.0, value), 3), "; ".join(evidence)


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
