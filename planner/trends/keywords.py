"""Keywords from titles without a word segmenter: split on punctuation, compare CJK by bigrams."""

from __future__ import annotations

import re

MAX_KEYWORDS = 8
# Runs of CJK ideographs (digits stick to them: "2025年"), or latin words ("GL8开始" -> "GL8", "开始").
_RUN = re.compile(r"[0-9]*[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff][0-9\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]*"
                  r"|[0-9A-Za-z\u00c0-\u024f][0-9A-Za-z\u00c0-\u024f'+.-]*")
_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")


def is_cjk(text: str) -> bool:
    return bool(_CJK.search(text))


def pieces(text: str) -> list[str]:
    """Word-ish runs of a text, latin lower-cased, bare numbers dropped (2025 alone says little)."""
    out = []
    for run in _RUN.findall(text):
        run = run.strip(".-'")
        if not run or run.isdigit():
            continue
        out.append(run if is_cjk(run) else run.lower())
    return out


def keywords_of(title: str) -> list[str]:
    """The title's pieces of two or more characters, first ones first, no repeats."""
    seen: dict[str, None] = {}
    for piece in pieces(title):
        if len(piece) >= 2:
            seen.setdefault(piece, None)
    return list(seen)[:MAX_KEYWORDS]


def grams(text: str) -> set[str]:
    """CJK character bigrams plus latin words: enough to compare short Chinese titles."""
    out: set[str] = set()
    for piece in pieces(text):
        if is_cjk(piece):
            pairs = (piece[i:i + 2] for i in range(max(1, len(piece) - 1)))
            out.update(p for p in pairs if is_cjk(p))
        else:
            out.add(piece)
    return out
