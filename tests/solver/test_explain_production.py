"""explain covers conflicts between a pin and production, not only publication rules."""

from __future__ import annotations

import time

from conftest import tiny

from planner.solver.explain import explain

ANN = {"id": "ann", "roles": ["writer", "shooter", "editor", "planner"]}


def test_a_pin_against_the_only_talents_days_off_names_availability_and_the_pin() -> None:
    bob = {"id": "bob", "roles": ["talent"], "days_off": ["2026-12-07", "2026-12-08", "2026-12-09"]}
    pins = {"publications": [{"topic": "a", "account": "dy", "at": "2026-12-09T20:00:00"}]}
    started = time.perf_counter()
    result = explain(tiny(team=[ANN, bob], pins=pins), time_limit=30)
    assert time.perf_counter() - started < 30
    assert not result.feasible and result.minimal
    assert [rule for rule, _ in result.conflicts] == ["team.availability"]
    assert result.pins == ["pin: a on dy at 12-09 20:00"]


def test_a_pin_too_early_to_produce_names_the_production_rule() -> None:
    pins = {"publications": [{"topic": "a", "account": "dy", "at": "2026-12-07T19:00:00"}]}
    result = explain(tiny(pins=pins), time_limit=30)
    assert not result.feasible
    assert [rule for rule, _ in result.conflicts] == ["production.before_publish"]
    assert result.pins == ["pin: a on dy at 12-07 19:00"]


def test_a_stage_nobody_can_staff_is_a_conflict_of_its_own() -> None:
    pins = {"publications": [{"topic": "a", "account": "dy", "at": "2026-12-09T20:00:00"}]}
    result = explain(tiny(team=[ANN], pins=pins), time_limit=30)
    assert not result.feasible
    assert "production: a shoot" in [rule for rule, _ in result.conflicts]
