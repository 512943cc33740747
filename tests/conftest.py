"""Settings every test shares."""

from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def _chinese_by_default(monkeypatch: pytest.MonkeyPatch) -> None:
    """The command line speaks the language of PLANNER_LANG or the locale; tests expect the default
    (Chinese) unless they ask for English, whatever the machine running them is set to."""
    for name in ("PLANNER_LANG", "LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LANG", "C.UTF-8")
