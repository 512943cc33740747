"""Words of short Chinese titles, and how much a shared word says.

Titles are cut into words by jieba (a Chinese word segmenter, with its part-of-speech tags),
with the scenario's own terms (hashtags, tags, trend keywords) added as a user dictionary so
that a brand or dish name stays one word. Words that say nothing about a subject are left out:
function words by their part of speech (numerals and measures such as 一个月, pronouns, adverbs,
particles, ...), a short list of question and news words (什么, 到底, 回应, 网友, ...), platform
names (a post on 小红书 is not about 小红书), single characters and bare numbers.

A word's weight is its rarity among the trends (inverse document frequency over the trend
titles being matched): a word in many trend titles (中国, 回应) says little about any one of them.
A trend file too small to measure that (a few hand-made windows) borrows jieba's general
Chinese word frequencies instead.
"""

from __future__ import annotations

import logging
import math
import re
from collections import Counter
from collections.abc import Iterable
from functools import lru_cache
from typing import Any

from planner.domain.vocab import PLATFORM_ALIASES, PLATFORM_NAMES_ZH

#: Below this many trend titles, rarity among them is noise: general word rarity stands in.
MIN_CORPUS = 200
MAX_USER_WORD = 8

#: Words with no subject of their own: question words, fillers, news verbs, pronouns.
STOP_WORDS = frozenset("""
什么 怎么 怎么办 怎样 为什么 为何 到底 究竟 是否 是不是 有没有 能不能 会不会 要不要 值不值得 还是 或者 以及 而且 但是
可以 可能 应该 需要 就是 就是说 不是 没有 还有 已经 正在 一直 一起 一下 一些 一个 一次 一种 这个 那个 这些 那些
这样 那样 这么 那么 自己 我们 你们 他们 她们 大家 有人 网友 回应 曝光 最新 今天 今日 明天 昨天 现在 如今 之后 之前
以后 以前 期间 时候 全程 真的 竟然 居然 原来 终于 直接 突然 其实 真相 发声 回复 表示 称 知道 觉得 发现 出现 开始
多少 几个 哪些 哪里 哪个 这是 那是 belike 的 了 吗 吧 呢 啊 和 与 及 跟 在 是 有 也 都 就 又 被 把 给 让 从 对 向
""".split())  # noqa: SIM905 (words read better as a line of words)
#: Platform names say where a post goes, not what it is about (小红书同款 is a recipe, not news of the
#: app); a short form that starts a longer name (西瓜 of 西瓜视频) is an everyday word and stays.
_NAMES = {w.lower() for w in (*PLATFORM_ALIASES, *PLATFORM_NAMES_ZH.values())}
PLATFORM_WORDS = frozenset(w for w in _NAMES if not any(o != w and o.startswith(w) for o in _NAMES))
_NUMBER = re.compile(r"^[\d.,:%+\-/]+$")
#: Parts of speech that name no subject: numerals and measures (一个月, 三种), pronouns, adverbs,
#: prepositions, conjunctions, particles, directions (之后), interjections.
FUNCTION_TAGS = ("m", "q", "r", "d", "p", "c", "u", "f", "e", "y", "o")

#: jieba's "Building prefix dict" lines go to the log; planner's output is its own.
logging.getLogger("jieba").setLevel(logging.WARNING)


@lru_cache(maxsize=1)
def _dictionary() -> Any:
    """jieba's dictionary and part-of-speech table, loaded once (a second or two)."""
    import jieba
    from jieba.posseg import POSTokenizer

    jieba.setLogLevel(logging.WARNING)
    base = jieba.Tokenizer()
    base.initialize()
    return POSTokenizer(base)


@lru_cache(maxsize=4)
def _tokenizer(user_words: frozenset[str]) -> Any:
    import jieba
    from jieba.posseg import POSTokenizer

    base = _dictionary()
    # Copies of the loaded tables: user words stay with this scenario's tokenizer.
    tokenizer = jieba.Tokenizer()
    tokenizer.FREQ, tokenizer.total, tokenizer.initialized = dict(base.tokenizer.FREQ), base.tokenizer.total, True
    tagger = POSTokenizer.__new__(POSTokenizer)
    tagger.tokenizer, tagger.word_tag_tab = tokenizer, dict(base.word_tag_tab)
    for word in sorted(user_words):
        tokenizer.add_word(word, tag="nz")  # the scenario's own terms: names
    return tagger


@lru_cache(maxsize=1)
def _general_idf() -> tuple[dict[str, float], float]:
    """jieba's word rarity in general Chinese text, and its median (for unknown words)."""
    from jieba.analyse import TFIDF

    table = TFIDF()
    return dict(table.idf_freq), float(table.median_idf)


def user_words(terms: Iterable[str]) -> frozenset[str]:
    """Terms worth keeping whole: two characters or more, short, no spaces."""
    return frozenset(t.strip().lower() for t in terms
                     if 2 <= len(t.strip()) <= MAX_USER_WORD and not re.search(r"\s", t.strip()))


class Segmenter:
    """Cuts titles into content words, keeping the scenario's own terms whole."""

    def __init__(self, terms: Iterable[str] = ()) -> None:
        self._tokenizer = _tokenizer(user_words(terms))
        self._cache: dict[str, tuple[str, ...]] = {}

    def words(self, text: str) -> tuple[str, ...]:
        """Content words of ``text`` in order, lower-cased, without repeats."""
        if text not in self._cache:
            seen: dict[str, None] = {}
            for piece in self._tokenizer.lcut(text.lower()):
                word = piece.word.strip()
                if (len(word) >= 2 and word not in STOP_WORDS and word not in PLATFORM_WORDS and not _NUMBER.match(word)
                        and not piece.flag.startswith(FUNCTION_TAGS)):
                    seen.setdefault(word, None)
            self._cache[text] = tuple(seen)
        return self._cache[text]


class Weights:
    """How much each word says: its rarity among the trend titles (or in general Chinese)."""

    def __init__(self, titles: list[tuple[str, ...]]) -> None:
        self.corpus = len(titles)
        self.learned = self.corpus >= MIN_CORPUS
        self._df: Counter[str] = Counter(w for words in titles for w in set(words))

    def __call__(self, word: str) -> float:
        table, median = _general_idf()
        general = table.get(word, median)
        if not self.learned:
            return general
        # Rare among the trends and rare in Chinese at large: a word common in either
        # (坚持, 一个月 are in few trend titles but everywhere else) says little.
        return math.sqrt(math.log((self.corpus + 1) / (self._df[word] + 1)) * general)

    @property
    def typical(self) -> float:
        """The weight of a word of typical rarity: shared words that weigh less are weak evidence."""
        _, median = _general_idf()
        if not self.learned:
            return median
        return math.sqrt(math.log((self.corpus + 1) / 2) * median)

    def describe(self) -> str:
        if self.learned:
            return f"word weights from {self.corpus} trend titles"
        return f"general word weights ({self.corpus} trends are too few to learn from)"
