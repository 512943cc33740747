"""Rules that hold for a period (``during``): every face confined to it, in dates or days from an account's creation."""

from __future__ import annotations

from typing import Any

import pytest
from rulekit import plan as make_plan
from rulekit import pub, rule, scenario

from planner.domain.scenario import RuleSpec
from planner.errors import InputError
from planner.rules import build_rule, check_plan, check_topics, resolve_rules
from planner.rules.admission import SlotTimes
from planner.rules.context import PubCandidate
from planner.rules.period import Period, parse_period
from planner.solver.candidates import generate

# The kit's dy account, created on the horizon's first day (Monday 12-07): day 1 is 12-07.
NEW = [{"id": "dy", "platform": "douyin", "created": "2026-12-07"},
       {"id": "dy2", "platform": "douyin"},
       {"id": "ks", "platform": "kuaishou"},
       {"id": "bili", "platform": "bilibili"}]


def new_scenario(**extra: Any) -> Any:
    return scenario(accounts=NEW, **extra)


@pytest.mark.parametrize(("during", "expected"), [
    ({"from": "2026-12-01", "to": "2026-12-07"}, Period(parse_period({"from": "2026-12-01"}).start, parse_period({"to": "2026-12-07"}).end)),  # type: ignore[union-attr]
    ({"from": "day 1", "to": "day 7"}, Period(1, 7)),
    ({"from": "第1天", "to": "第 7 天"}, Period(1, 7)),
    ({"from_day": 4}, Period(4, None)),
    ({"to_day": 7}, Period(None, 7)),
])
def test_a_period_is_written_in_dates_or_days_from_creation(during: dict[str, Any], expected: Period) -> None:
    assert parse_period(during) == expected


@pytest.mark.parametrize(("during", "words"), [
    ({"from": "day 7", "to": "day 1"}, "ends (1) before it starts (7)"),
    ({"from": "2026-12-01", "to": "day 7"}, "mixes a date and a day"),
    ({"from": "yesterday"}, "is a date (2026-12-01) or a day from the account's creation (day 1)"),
    ({"from_day": 0}, "is a day number from 1"),
    ({"since": "day 1"}, "during has no 'since'"),
    ({"from": "day 1", "from_day": 1}, "both from and from_day"),
    ({}, "needs from or to"),
])
def test_a_bad_period_is_one_clear_line_at_its_field(during: dict[str, Any], words: str) -> None:
    spec = RuleSpec(id="r", kind="max_posts_per_day", params={"max": 1}, during=during)
    with pytest.raises(InputError) as caught:
        build_rule(spec)
    assert words in str(caught.value)
    assert caught.value.problems[0].path == "during"


def test_a_kind_that_holds_at_all_times_takes_no_period() -> None:
    with pytest.raises(InputError, match="holds at all times"):
        build_rule(RuleSpec(id="r", kind="stage_order", during={"from": "2026-12-08"}))


def test_work_rules_take_dates_but_not_days_from_an_account_creation() -> None:
    build_rule(RuleSpec(id="r", kind="availability", during={"from": "2026-12-08"}))
    with pytest.raises(InputError, match="belongs to no account"):
        build_rule(RuleSpec(id="r", kind="availability", during={"from": "day 1"}))


# -- the check face ------------------------------------------------------------------------

def test_a_cap_in_the_first_week_breaks_there_and_not_later() -> None:
    cap = rule("max_posts_per_day", {"account": "dy"}, max=1, during={"from": "day 1", "to": "day 7"})
    s = new_scenario()
    week1 = make_plan(pub("t1", "dy", "12-09 12:00"), pub("t2", "dy", "12-09 19:00"))
    week2 = make_plan(pub("t1", "dy", "12-15 12:00"), pub("t2", "dy", "12-15 19:00"))
    found = cap.check(week1, s)
    assert len(found) == 1 and found[0].detail.endswith("（适用期：建号第 1-7 天）")
    cap.lang = "en"
    assert cap.check(week1, s)[0].detail.endswith(" (the rule holds days 1-7 after creation)")
    assert cap.check(week2, s) == []


def test_a_rule_in_days_from_creation_does_not_hold_on_an_account_without_one() -> None:
    cap = rule("max_posts_per_day", {"platform": "douyin"}, max=1, during={"from": "day 1", "to": "day 7"})
    s = new_scenario()
    assert cap.check(make_plan(pub("t1", "dy2", "12-09 12:00"), pub("t2", "dy2", "12-09 19:00")), s) == []


def test_a_period_in_dates_holds_on_every_account() -> None:
    window = rule("posting_window", {"platform": "douyin"}, hours="18:00-21:00",
                  during={"from": "2026-12-08", "to": "2026-12-09"})
    s = new_scenario()
    assert len(window.check(make_plan(pub("t1", "dy2", "12-09 12:00")), s)) == 1
    assert window.check(make_plan(pub("t1", "dy2", "12-10 12:00")), s) == []


def test_a_minimum_that_starts_on_day_4_does_not_charge_days_1_to_3() -> None:
    minimum = rule("min_posts_per_day", {"account": "dy"}, min=1, during={"from": "day 4", "to": "day 5"})
    s = new_scenario(days=6, only=["t1", "t2", "t4", "t5"])
    kept = make_plan(pub("t1", "dy", "12-10 19:00"), pub("t2", "dy", "12-11 19:00"))
    short = make_plan(pub("t1", "dy", "12-10 19:00"))
    assert minimum.check(kept, s) == []
    found = minimum.check(short, s)
    assert len(found) == 1 and "2026-12-11" in found[0].detail


def test_no_ads_in_the_first_two_weeks_is_judged_on_posts_not_on_the_topic() -> None:
    no_ads = rule("exclude_content", {"account": "dy"}, match={"commercial": True}, what="商业内容",
                  during={"from": "day 1", "to": "day 14"})
    s = new_scenario(days=21)
    assert no_ads.check_topics(s) == []  # t3 is an ad, but may go out after the warm-up
    assert no_ads.check(make_plan(pub("t3", "dy", "12-22 19:00")), s) == []
    found = no_ads.check(make_plan(pub("t3", "dy", "12-09 19:00")), s)
    assert [v.rule for v in found] == ["test.exclude_content"]
    assert "商业内容" in found[0].detail


def test_a_dated_rule_from_a_scenario_reaches_check_plan() -> None:
    s = new_scenario(rules=[{"id": "warm.cap", "kind": "max_posts_per_day", "max": 1, "scope": {"account": "dy"},
                             "during": {"from": "day 1", "to": "day 3"}}])
    assert [v.rule for v in check_plan(make_plan(pub("t1", "dy", "12-08 12:00"), pub("t2", "dy", "12-08 19:00")), s)
            if v.rule == "warm.cap"] == ["warm.cap"]
    assert not [v for v in check_plan(make_plan(pub("t1", "dy", "12-10 12:00"), pub("t2", "dy", "12-10 19:00")), s)
                if v.rule == "warm.cap"]
    assert not [p for p in check_topics(s) if "warm.cap" in p.message]


# -- the pruning and admission faces -------------------------------------------------------

def test_a_dated_window_prunes_only_the_slots_inside_its_period() -> None:
    s = new_scenario(days=10, only=["t4"],
                     rules=[{"id": "warm.hours", "kind": "posting_window", "hours": "18:00-21:00",
                             "scope": {"account": "dy"}, "during": {"from": "day 1", "to": "day 7"}}])
    cands = generate(s, resolve_rules(s))
    dy = [c for c in cands.pubs if c.account.id == "dy"]
    early = {c.at.hour for c in dy if c.at.day <= 13}
    later = {c.at.hour for c in dy if c.at.day >= 14}
    assert early <= {18, 19, 20}
    assert 10 in later  # the window no longer holds in week 2
    assert any(c.at.hour == 10 and c.at.day <= 13 for c in cands.pubs if c.account.id == "dy2")  # nor on dy2


def test_a_dated_content_rule_reads_the_time_and_the_account() -> None:
    dated = rule("exclude_content", {}, match={"commercial": True}, during={"from": "day 1", "to": "day 7"})
    plain = rule("exclude_content", {}, match={"commercial": True})
    assert plain.publication_reads == "content" and plain.content
    assert dated.publication_reads == "post" and not dated.content


def test_the_admission_face_counts_only_posts_inside_the_period() -> None:
    s = new_scenario()
    cap = rule("max_posts_per_day", {"account": "dy"}, max=1, during={"from": "day 1", "to": "day 7"})
    check = cap.admission(s, SlotTimes(s))
    assert check is not None
    topic, account = s.topic_by_id["t1"], s.account_by_id["dy"]

    def cand(when: str, slot: int) -> PubCandidate:
        return PubCandidate(topic, account, pub("t1", "dy", when).at, slot, 0)

    check.add(cand("12-09 12:00", 0))
    assert not check.ok(cand("12-09 19:00", 1))
    check.add(cand("12-15 12:00", 2))
    assert check.ok(cand("12-15 19:00", 3))
