"""Small scenarios built in code, so each test states its own numbers."""

from __future__ import annotations

from typing import Any

import pytest

from planner.domain.scenario import Scenario


def tiny(**overrides: Any) -> Scenario:
    """One Douyin account, two people, two talking-head topics worth 50 and 30.

    Three days; posts only at 18:00, 19:00 or 20:00; stages one day apart, so script on
    day 0, shoot on day 1, edit on day 2 (ends by 19:00) and publish at 19:00 or 20:00 on day 2.
    """
    data: dict[str, Any] = {
        "name": "tiny",
        "horizon": {"start": "2026-12-07", "days": 3, "publish_hours": "18:00-21:00"},
        "accounts": [{"id": "dy", "platform": "douyin", "followers": 100000}],
        "team": [{"id": "ann", "roles": ["writer", "shooter", "editor", "planner"]},
                 {"id": "bob", "roles": ["talent", "shooter"]}],
        "topics": [
            {"id": "a", "title": "A", "format": "talking_head", "goal": "engage", "platforms": ["douyin"], "value": 50},
            {"id": "b", "title": "B", "format": "talking_head", "goal": "engage", "platforms": ["douyin"], "value": 30},
        ],
        "objective": {"unscheduled_penalty": 20},
    }
    for key, value in overrides.items():
        data[key] = value
    return Scenario.model_validate(data)


@pytest.fixture
def tiny_scenario() -> Scenario:
    return tiny()
