"""Words a user reads, in Chinese (the default) and English: one lookup for every part's catalogue.

A catalogue maps a key to its (zh, en) templates, filled with ``str.format`` arguments.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal

Lang = Literal["zh", "en"]
LANGS: tuple[str, ...] = ("zh", "en")

Catalogue = Mapping[str, tuple[str, str]]


def say_in(catalogue: Catalogue, key: str, lang: str, **args: Any) -> str:
    """The message ``key`` of ``catalogue`` in ``lang`` (English for "en", Chinese otherwise)."""
    zh, en = catalogue[key]
    return (en if lang == "en" else zh).format(**args)


def pick(lang: str, zh: str, en: str) -> str:
    """One of two wordings written side by side where a message is used once."""
    return en if lang == "en" else zh
