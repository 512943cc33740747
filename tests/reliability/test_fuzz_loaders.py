"""Every loader, fed random and mutated files, accepts them or raises the project's own one-line error.

Never another exception, never a hang (``relkit.hang_guard``). The budget here is small and
derandomised, so CI is fast and repeatable; ``scripts/fuzz_long.py`` runs the same properties longer.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from relkit import LOADERS, attempt, attempt_known, strategy_for

#: Examples per loader in CI: the whole reliability folder has to stay under about a minute.
BUDGET = {"scenario": 60, "history xlsx cells": 15, "history xlsx bytes": 25, "snapshots csv": 40,
          "snapshots jsonl": 40}
DEFAULT_BUDGET = 50


@pytest.fixture(scope="module")
def work_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("fuzz")


def _property(name: str, work_dir: Path) -> Callable[[], None]:
    loader, seed = LOADERS[name]
    target = work_dir / f"case{seed.suffix}"

    @settings(max_examples=BUDGET.get(name, DEFAULT_BUDGET), derandomize=True, deadline=None, database=None,
              suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
    @given(data=strategy_for(name))
    def check(data: bytes) -> None:
        target.write_bytes(data)
        attempt_known(name, loader, target)  # known bugs are pinned in test_known_bugs.py

    return check


@pytest.mark.parametrize("name", sorted(LOADERS))
def test_loader_accepts_or_raises_our_error(name: str, work_dir: Path) -> None:
    _property(name, work_dir)()


@pytest.mark.parametrize("name", sorted(LOADERS))
def test_seed_files_load(name: str) -> None:
    """The seeds are good files: mutations start from something that gets past the first check."""
    loader, seed = LOADERS[name]
    assert attempt(loader, seed) == "ok"
