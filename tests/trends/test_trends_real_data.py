"""On the real 2025H1 Weibo hot-search file, when the shared data folder is beside the checkout."""

from __future__ import annotations

import io
import time
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pandas as pd
import pytest
from ruamel.yaml import YAML

from planner.domain.scenario import Trend
from planner.trends.sources import preset
from planner.trends.trendsfile import dump_trends, is_plain_safe, read_trends
from planner.trends.windows import ImportOptions, import_trends

SH = ZoneInfo("Asia/Shanghai")
WEIBO = Path(__file__).resolve().parents[2].parent / "shared" / "data" / "weibo_hot_search_hourly_2025H1.csv"

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def weibo() -> Path:
    if not WEIBO.is_file():
        pytest.skip(f"real data not found at {WEIBO} (the shared/data folder beside the checkout)")
    return WEIBO


@pytest.mark.slow
def test_half_a_year_imports_in_seconds(weibo: Path, tmp_path: Path) -> None:
    started = time.perf_counter()
    result = import_trends(weibo, ImportOptions(source=preset("weibo"), tz=SH))
    seconds = time.perf_counter() - started
    assert seconds < 60  # measured at 3-7 s; generous for a busy machine
    assert result.snapshots.read == 209_259
    assert result.snapshot_count == 4029
    assert 30_000 < len(result.trends) < 40_000
    start, end = datetime(2025, 1, 1, tzinfo=SH), datetime(2025, 7, 1, 2, tzinfo=SH)
    assert all(start <= t.start < t.end <= end for t in result.trends)
    biggest = max(result.trends, key=lambda t: t.peak_heat)
    assert biggest.name == "关晓彤没发"
    assert biggest.peak_heat == 41_493_692.0
    path = tmp_path / "trends.yaml"
    path.write_text(dump_trends(result.trends), encoding="utf-8")
    assert read_trends(path) == result.trends


def test_ruamel_reads_every_unusual_title_as_written(weibo: Path) -> None:
    titles = pd.read_csv(weibo, usecols=["title"])["title"].drop_duplicates()
    unusual = [t for t in titles if not is_plain_safe(t) or not t.isalnum()]
    assert len(unusual) > 100
    moment = datetime(2025, 1, 1, 8, tzinfo=SH)
    trends = [Trend(id=f"t{i}", name=t, keywords=[t], category=t, start=moment, end=moment.replace(hour=9), source=t)
              for i, t in enumerate(unusual)]
    loaded = YAML(typ="safe", pure=True).load(io.StringIO(dump_trends(trends)))
    assert [Trend.model_validate(e) for e in loaded["trends"]] == trends
