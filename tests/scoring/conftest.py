"""Fixtures of the scoring tests (helpers live in scorekit.py)."""

from __future__ import annotations

import pytest
from scorekit import small

from planner.domain.scenario import Scenario


@pytest.fixture
def scenario() -> Scenario:
    return small()
