"""Session fixtures: the synthetic history as a file, imported, and fitted once."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from metricskit import synthetic_export

from planner.metrics.ingest import import_history
from planner.metrics.model import MetricModel, fit_model


@pytest.fixture(scope="session")
def history_csv(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("history") / "team_douyin.csv"
    synthetic_export().to_csv(path, index=False)
    return path


@pytest.fixture(scope="session")
def history(history_csv: Path) -> pd.DataFrame:
    return import_history(history_csv, preset="douyin").frame


@pytest.fixture(scope="session")
def model(history: pd.DataFrame) -> MetricModel:
    return fit_model(history, source="team_douyin.csv")


@pytest.fixture(scope="session")
def model_file(model: MetricModel, tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("model") / "model.json"
    path.write_text(model.dumps(), encoding="utf-8")
    return path
