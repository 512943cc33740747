"""Relative heat of a trend over time: shape, curve, time zones."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from planner.domain.scenario import Trend
from planner.trends.heat import heat_at, heat_series, peak_of, window_of

SH = ZoneInfo("Asia/Shanghai")
T0 = datetime(2025, 3, 1, 8, 0)  # naive: read in SH


def trend(**fields: object) -> Trend:
    base: dict[str, object] = {"id": "t1", "name": "t", "start": T0, "end": T0 + timedelta(hours=40)}
    return Trend.model_validate({**base, **fields})


def test_window_is_aware_in_the_given_zone() -> None:
    start, end = window_of(trend(), SH)
    assert start == datetime(2025, 3, 1, 8, 0, tzinfo=SH)
    assert end - start == timedelta(hours=40)


def test_peak_defaults_to_a_quarter_of_the_window() -> None:
    assert peak_of(trend(), SH) == datetime(2025, 3, 1, 18, 0, tzinfo=SH)


def test_shape_rises_linearly_peaks_at_one_and_decays() -> None:
    t = trend()
    assert heat_at(t, T0 - timedelta(minutes=1), SH) == 0.0
    assert heat_at(t, T0, SH) == 0.0
    assert heat_at(t, T0 + timedelta(hours=5), SH) == pytest.approx(0.5)
    assert heat_at(t, T0 + timedelta(hours=10), SH) == pytest.approx(1.0)
    later = [heat_at(t, T0 + timedelta(hours=h), SH) for h in (15, 20, 30, 39)]
    assert later == sorted(later, reverse=True)
    assert all(0.0 < h < 1.0 for h in later)
    assert heat_at(t, T0 + timedelta(hours=40), SH) == pytest.approx(0.0)


def test_decay_is_faster_than_linear_early_on() -> None:
    t = trend(peak=T0, end=T0 + timedelta(hours=10))
    assert heat_at(t, T0 + timedelta(hours=5), SH) < 0.5


def test_after_the_window_the_after_window_share_remains() -> None:
    t = trend(after_window=0.2)
    assert heat_at(t, T0 + timedelta(days=5), SH) == pytest.approx(0.2)
    # The decay lands on that share, so closing the window is not a cliff.
    assert heat_at(t, T0 + timedelta(hours=40), SH) == pytest.approx(0.2)


def test_explicit_peak_at_start_means_no_rise() -> None:
    t = trend(peak=T0)
    assert heat_at(t, T0, SH) == 1.0


def test_peak_at_end_rises_all_the_way() -> None:
    t = trend(peak=T0 + timedelta(hours=40))
    assert heat_at(t, T0 + timedelta(hours=20), SH) == pytest.approx(0.5)
    assert heat_at(t, T0 + timedelta(hours=40), SH) == pytest.approx(1.0)


def test_curve_is_interpolated_and_scaled_to_its_peak() -> None:
    curve = [(T0, 200.0), (T0 + timedelta(hours=2), 1000.0), (T0 + timedelta(hours=6), 500.0)]
    t = trend(curve=curve, end=T0 + timedelta(hours=10))
    assert heat_at(t, T0, SH) == pytest.approx(0.2)
    assert heat_at(t, T0 + timedelta(hours=1), SH) == pytest.approx(0.6)
    assert heat_at(t, T0 + timedelta(hours=2), SH) == pytest.approx(1.0)
    assert heat_at(t, T0 + timedelta(hours=4), SH) == pytest.approx(0.75)
    # Flat after the last sample until the window closes, then 0.
    assert heat_at(t, T0 + timedelta(hours=9), SH) == pytest.approx(0.5)
    assert heat_at(t, T0 + timedelta(hours=11), SH) == 0.0


def test_aware_and_naive_values_mix() -> None:
    utc_start = datetime(2025, 3, 1, 0, 0, tzinfo=UTC)  # 08:00 in Shanghai
    t = trend(start=utc_start, end=utc_start + timedelta(hours=40))
    naive_peak = T0 + timedelta(hours=10)
    assert heat_at(t, naive_peak, SH) == pytest.approx(1.0)
    assert heat_at(t, naive_peak.replace(tzinfo=SH).astimezone(UTC), SH) == pytest.approx(1.0)


def test_series_matches_pointwise() -> None:
    t = trend(after_window=0.1)
    moments = [T0 + timedelta(hours=h) for h in range(-2, 50, 3)]
    assert heat_series(t, moments, SH) == pytest.approx([heat_at(t, m, SH) for m in moments])
    assert heat_series(t, [], SH) == []
