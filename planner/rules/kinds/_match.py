"""Which topics a rule's ``match`` names: ``{commercial: true}``, ``{goal: convert}``, ``{tag: [a, b]}``."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from planner.domain.scenario import Topic


def topic_matches(topic: Topic, match: Mapping[str, Any]) -> bool:
    """Every key matches: the topic's value (any of its tags for ``tag``) is one of those given."""
    for key, wanted in match.items():
        value = topic.tags if key == "tag" else getattr(topic, key, None)
        options = wanted if isinstance(wanted, list) else [wanted]
        have = value if isinstance(value, list) else [value]
        if not set(map(str, options)) & set(map(str, have)):
            return False
    return True
