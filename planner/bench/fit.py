"""The real rule packs' content rules, asked whether a generated topic fits a platform.

The generator builds topics to fit (titles of 6-16 characters, at most three hashtags) and then
asks the packs themselves, so a pack that tightens a limit changes the instances instead of
silently breaking ``planner check``.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from planner.domain.scenario import Topic
from planner.rules.base import ContentRule
from planner.rules.kinds.content import Labels
from planner.rules.packs import build_rule, load_pack


@cache
def content_rules(platform: str) -> tuple[ContentRule, ...]:
    """Every content rule (hard and soft: ``planner check`` reports both) of a platform's pack."""
    pack = load_pack(platform)
    rules = (build_rule(spec) for spec, _ in pack.specs)
    return tuple(r for r in rules if isinstance(r, ContentRule))


def labels_for(platforms: list[str], commercial: bool, ai_generated: bool) -> list[str]:
    """The disclosure labels each platform asks for (广告, Paid partnership, AI生成...)."""
    out: list[str] = []
    for platform in platforms:
        for rule in content_rules(platform):
            if isinstance(rule, Labels):
                wanted = ([rule.params.ad_label] if commercial else []) + ([rule.params.ai_label] if ai_generated else [])
                out += [label for label in wanted if label not in out]
    return out


def fits(topic: dict[str, Any], platform: str) -> bool:
    """Whether the topic (as scenario data, labels included) passes the platform's content rules."""
    model = Topic.model_validate({**topic, "platforms": [platform], "accounts": [], "first_platform": None,
                                  "after": [], "talent": []})
    return all(rule.judge(model, platform) is None for rule in content_rules(platform)
               if rule.applies_to_topic(model))
