"""Time helpers shared by rule kinds: local time of an account, slot arithmetic."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from planner.domain.scenario import Account, Scenario


def local(at: datetime, account: Account, scenario: Scenario) -> datetime:
    """A moment in the account's own zone (accounts abroad), else the horizon's."""
    aware = scenario.horizon.localize(at)
    return aware.astimezone(ZoneInfo(account.timezone)) if account.timezone else aware


def utc(moment: datetime) -> datetime:
    """Arithmetic between aware times sharing a zone uses wall clocks (wrong across DST): use UTC."""
    return moment.astimezone(UTC)
