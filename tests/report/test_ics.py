"""ICS calendars round-trip through a parser: one per account, one per member, valid RFC 5545."""

from __future__ import annotations

from datetime import timedelta

import pytest
from icalendar import Calendar
from reportkit import XSS, at, hostile_score

from planner.report.ics import calendars, combined_calendar
from planner.scoring import ScoreResult


@pytest.fixture(scope="module")
def result() -> ScoreResult:
    return hostile_score()


def events(data: bytes) -> list:  # type: ignore[type-arg]
    calendar = Calendar.from_ical(data)
    assert calendar["VERSION"] == "2.0" and calendar["PRODID"]
    assert [tz["TZID"] for tz in calendar.walk("VTIMEZONE")] == ["Asia/Shanghai"]
    return list(calendar.walk("VEVENT"))


def test_one_calendar_per_account_holds_what_goes_out_when(result: ScoreResult) -> None:
    files = calendars(result, "zh")
    dy = events(files["account-dy.ics"])
    assert sorted(e.decoded("DTSTART") for e in dy) == [at(9, 19), at(10, 12)]
    first = min(dy, key=lambda e: e.decoded("DTSTART"))
    assert str(first["SUMMARY"]) == f"[抖音] {XSS}"  # text, as written
    assert first.decoded("DTEND") - first.decoded("DTSTART") == timedelta(minutes=15)
    assert "播放" in str(first["DESCRIPTION"]) and "#火锅" in str(first["DESCRIPTION"])
    assert str(first["UID"]) == "pub-a-dy@planner"
    assert len(events(files["account-ks.ics"])) == 2


def test_one_calendar_per_member_holds_what_to_write_shoot_edit_when(result: ScoreResult) -> None:
    files = calendars(result, "en")
    bob = events(files["member-bob.ics"])
    assert sorted((e.decoded("DTSTART"), e.decoded("DTEND")) for e in bob) == [
        (at(8, 10), at(8, 11)), (at(8, 12), at(8, 16)), (at(8, 16), at(8, 18))]
    assert {str(e["SUMMARY"]).split(" · ")[0] for e in bob} == {"shoot"}
    ann = events(files["member-ann.ics"])
    assert len(ann) == 6 and any(str(e["SUMMARY"]).startswith("re-cut:kuaishou") for e in ann)
    uids = [str(e["UID"]) for f in files.values() for e in events(f)]
    assert len(uids) == len(set(uids))


def test_every_event_is_complete_and_stamped_in_utc(result: ScoreResult) -> None:
    for data in calendars(result).values():
        for event in events(data):
            for field in ("UID", "DTSTAMP", "DTSTART", "DTEND", "SUMMARY"):
                assert field in event
            assert event.decoded("DTSTAMP").utcoffset() == timedelta(0)
            assert event.decoded("DTSTART").tzinfo is not None


def test_the_combined_calendar_has_everything(result: ScoreResult) -> None:
    assert len(events(combined_calendar(result))) == len(result.plan.publications) + sum(
        len(t.members) for t in result.plan.tasks)
