"""Account life cycle and platform hygiene: warm-up profiles, duplicate content, posting order."""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from rulekit import plan as make_plan
from rulekit import pub, rule, scenario

from planner.cli import cli
from planner.domain.scenario import Scenario
from planner.errors import InputError
from planner.rules import check_plan, resolve_rules
from planner.rules.admission import SlotTimes
from planner.rules.context import PubCandidate
from planner.scenario import load
from planner.solver import SolveOptions, solve

SCENARIOS = Path(__file__).resolve().parents[2] / "scenarios"
NEW_ACCOUNTS = SCENARIOS / "new_accounts.yaml"

WARM = [{"id": "dy", "platform": "douyin", "created": "2026-12-07", "warmup": "new_account"},
        {"id": "dy2", "platform": "douyin"},
        {"id": "ks", "platform": "kuaishou"},
        {"id": "bili", "platform": "bilibili"}]


# -- warm-up profiles ------------------------------------------------------------------------

def test_a_warm_up_profile_becomes_dated_rules_on_its_account() -> None:
    rules = {r.id: r for r in resolve_rules(scenario(accounts=WARM, rule_packs=["douyin"]))}
    ramp = rules["douyin.warmup.new_account.ramp_week1"]
    assert ramp.kind == "max_posts_per_day" and ramp.params.max == 1
    assert ramp.scope.values("account") == ["dy"] and ramp.period is not None and ramp.period.words("en") == "days 1-7 after creation"
    assert "operating practice" in (ramp.source or "")
    assert ramp.as_of is not None
    duty = rules["douyin.warmup.new_account.interaction"]  # the interaction hook, a reply-duty rule
    assert duty.kind == "reply_duty" and duty.params.minutes == 30 and duty.scope.values("account") == ["dy"]


def test_a_scenario_overrides_a_warm_up_rule_by_id() -> None:
    s = scenario(accounts=WARM, rule_packs=["douyin"],
                 rules=[{"id": "douyin.warmup.new_account.ramp_week1", "max": 2},
                        {"id": "douyin.warmup.new_account.no_ads", "enabled": False}])
    rules = {r.id: r for r in resolve_rules(s)}
    assert rules["douyin.warmup.new_account.ramp_week1"].params.max == 2
    assert "douyin.warmup.new_account.no_ads" not in rules


def test_a_week_one_ad_on_a_warming_account_breaks_the_warm_up_rule_with_its_source() -> None:
    s = scenario(accounts=WARM, rule_packs=["douyin"])
    found = [v for v in check_plan(make_plan(pub("t3", "dy", "12-09 19:00")), s) if v.hard and v.rule.startswith("douyin.warmup")]
    assert [v.rule for v in found] == ["douyin.warmup.new_account.no_ads"]
    assert found[0].hard and "operating practice" in (found[0].source or "")
    assert not [v for v in check_plan(make_plan(pub("t3", "dy2", "12-09 19:00")), s) if v.hard and v.rule.startswith("douyin.warmup")]


@pytest.mark.parametrize(("account", "words"), [
    ({"id": "dy", "platform": "douyin", "created": "2026-12-07", "warmup": "new_acount"},
     "unknown warm-up profile 'new_acount' (the douyin pack has new_account) (did you mean 'new_account'?)"),
    ({"id": "dy", "platform": "douyin", "warmup": "new_account"},
     "warm-up 'new_account' counts days from the account's creation: give created (a date)"),
    ({"id": "dy", "platform": "bilibili", "created": "2026-12-07", "warmup": "new_account"},
     "unknown warm-up profile 'new_account' (no loaded rule pack has warm-up profiles for bilibili)"),
])
def test_a_bad_warm_up_is_one_line_at_the_account(account: dict[str, Any], words: str) -> None:
    s = scenario(accounts=[account, {"id": "dy2", "platform": "douyin"}], rule_packs=["douyin", "bilibili"], only=["t4"])
    with pytest.raises(InputError) as caught:
        resolve_rules(s)
    assert [p.path for p in caught.value.problems] == ["accounts[0].warmup"]
    assert words in caught.value.problems[0].message


def test_a_profile_rule_without_a_period_from_creation_is_a_lint_error(tmp_path: Path) -> None:
    pack = tmp_path / "mine.yaml"
    pack.write_text("platform: douyin\nrules: []\nwarmups:\n  quick:\n    name: quick\n    source: mine\n"
                    "    as_of: 2026-12-06\n    rules:\n      - {id: cap, kind: max_posts_per_day, max: 1}\n",
                    encoding="utf-8")
    result = CliRunner().invoke(cli, ["rules", "lint", str(pack)])
    assert result.exit_code == 1
    assert f"{pack}:9:9 warmups.quick.rules[0]: [R008] a warm-up rule holds for days from the account's creation" in result.stdout


# -- duplicate content across accounts --------------------------------------------------------

def test_a_topic_on_more_accounts_of_a_platform_than_allowed_breaks_the_rule() -> None:
    dup = rule("duplicate_content", {"platform": "douyin"}, max_accounts=1, hours=0)
    s = scenario()
    found = dup.check(make_plan(pub("t1", "dy", "12-08 19:00"), pub("t1", "dy2", "12-10 19:00"),
                                pub("t1", "ks", "12-08 19:00")), s)
    assert [v.detail for v in found] == ["t1 在 douyin 的 2 个账号发布（dy, dy2），最多 1 个"]
    dup.lang = "en"
    assert [v.detail for v in dup.check(make_plan(pub("t1", "dy", "12-08 19:00"), pub("t1", "dy2", "12-08 20:00")), s)] == [
        "t1 goes out on 2 douyin accounts (dy, dy2), max 1"]
    assert dup.check(make_plan(pub("t1", "dy", "12-08 19:00"), pub("t1", "ks", "12-08 19:00")), s) == []


def test_duplicate_content_words_in_both_languages() -> None:
    dup = rule("duplicate_content", {}, max_accounts=2, hours=24)
    bad = make_plan(pub("t1", "dy", "12-08 19:00"), pub("t1", "dy2", "12-08 23:00"))
    assert [v.detail for v in dup.check(bad, scenario())] == ["t1 在 dy 与 dy2 仅相隔 4 小时（至少 24 小时）"]
    dup.lang = "en"
    assert [v.detail for v in dup.check(bad, scenario())] == ["t1 on dy and dy2 only 4 h apart (min 24 h)"]


def test_the_duplicate_admission_refuses_a_third_account_and_a_close_second() -> None:
    s = scenario(accounts=[*WARM[:3], {"id": "dy3", "platform": "douyin"}], only=["t1"])
    dup = rule("duplicate_content", {"platform": "douyin"}, max_accounts=2, hours=24)
    check = dup.admission(s, SlotTimes(s))
    assert check is not None
    topic = s.topic_by_id["t1"]

    def cand(account: str, when: str) -> PubCandidate:
        return PubCandidate(topic, s.account_by_id[account], pub("t1", "dy", when).at, 0, 0)

    check.add(cand("dy", "12-08 19:00"))
    assert not check.ok(cand("dy2", "12-09 12:00"))
    assert "24" in check.why(cand("dy2", "12-09 12:00"), "en")
    check.add(cand("dy2", "12-09 19:00"))
    assert not check.ok(cand("dy3", "12-12 19:00"))
    assert check.why(cand("dy3", "12-12 19:00"), "en") == "test.duplicate_content: t1 already goes out on 2 douyin accounts (max 2)"


def test_the_solver_staggers_a_topic_across_two_douyin_accounts() -> None:
    s = scenario(days=4, only=["t4"], rule_packs=["douyin"], accounts=[WARM[1], {"id": "dy", "platform": "douyin"}])
    started = time.perf_counter()
    plan = solve(s, SolveOptions(time_limit=5, seed=0)).plan
    assert time.perf_counter() - started < 10
    times = sorted(p.at for p in plan.publications if p.topic == "t4")
    assert len(times) == 2 and (times[1] - times[0]).total_seconds() >= 24 * 3600
    assert not [v for v in plan.violations if v.hard]


# -- posting order: strictly after, on every platform ------------------------------------------

def test_series_order_holds_on_every_platform_where_both_go_out() -> None:
    order = rule("series_order", {}, min_hours=1)
    s = scenario(topics=[{"id": "a", "title": "抽奖", "format": "talking_head", "goal": "engage",
                          "platforms": ["douyin", "kuaishou"]},
                         {"id": "b", "title": "开奖", "format": "talking_head", "goal": "engage",
                          "platforms": ["douyin", "kuaishou"], "after": ["a"]}])
    late_there = make_plan(pub("a", "dy", "12-08 19:00"), pub("a", "ks", "12-09 19:00"),
                           pub("b", "dy", "12-08 21:00"), pub("b", "ks", "12-08 21:00"))
    found = order.check(late_there, s)
    assert [v.detail for v in found] == ["b（ks 12-08 21:00）早于 a（ks 12-09 19:00），应晚 1 小时"]
    same_minute = make_plan(pub("a", "dy", "12-08 19:00"), pub("b", "dy", "12-08 19:00"))
    order.lang = "en"
    assert [v.detail for v in order.check(same_minute, s)] == [
        "b on dy at 12-08 19:00 is not after a on dy at 12-08 19:00 (min 1 h later)"]
    kept = make_plan(pub("a", "dy", "12-08 19:00"), pub("a", "ks", "12-09 19:00"),
                     pub("b", "dy", "12-08 21:00"), pub("b", "ks", "12-09 20:00"))
    assert order.check(kept, s) == []


def test_after_is_strictly_after_by_default_and_first_platform_enforces_itself() -> None:
    s = scenario(only=["t1", "t4", "t5"])
    ids = {r.id for r in resolve_rules(s)}
    assert {"topic.series_order", "topic.first_platform"} <= ids
    same_minute = make_plan(pub("t4", "dy", "12-08 19:00"), pub("t5", "dy", "12-08 19:00"))
    assert [v.rule for v in check_plan(same_minute, s) if v.rule.startswith("topic.")] == ["topic.series_order"]
    ks_first = make_plan(pub("t1", "ks", "12-08 19:00"), pub("t1", "dy", "12-08 21:00"))  # t1's 首发 is douyin
    assert [v.rule for v in check_plan(ks_first, s) if v.rule.startswith("topic.")] == ["topic.first_platform"]


# -- dated rules through the solver and the new-accounts scenario -----------------------------

def _dated_scenario() -> Scenario:
    topics = [{"id": f"d{i}", "title": f"日常第{i}条", "format": "talking_head", "goal": "engage",
               "platforms": ["douyin"], "value": 50 + i} for i in range(8)]
    return Scenario.model_validate({
        "name": "dated", "horizon": {"start": "2026-12-07", "days": 6, "publish_hours": "09:00-22:00"},
        "accounts": [{"id": "dy", "platform": "douyin", "created": "2026-12-07"}],
        "team": [{"id": "ann", "roles": ["planner", "writer", "shooter", "editor", "talent", "operator"],
                  "hours_per_day": 12}],
        "topics": topics,
        "rules": [{"id": "warm.cap", "kind": "max_posts_per_day", "max": 1, "scope": {"account": "dy"},
                   "during": {"from": "day 1", "to": "day 4"}},
                  {"id": "warm.hours", "kind": "posting_window", "hours": "18:00-21:00", "scope": {"account": "dy"},
                   "during": {"from": "day 1", "to": "day 4"}},
                  {"id": "warm.daily", "kind": "min_posts_per_day", "min": 2, "scope": {"account": "dy"},
                   "during": {"from": "day 5"}}],
    })


def test_dated_rules_through_the_solver() -> None:
    s = _dated_scenario()
    started = time.perf_counter()
    plan = solve(s, SolveOptions(time_limit=4, seed=0)).plan
    assert time.perf_counter() - started < 5 + 3  # a 4 s limit, and a loaded machine
    assert plan.solver.status.solved and not [v for v in plan.violations if v.hard]
    per_day: dict[int, list[int]] = {}
    for p in plan.publications:
        at = s.horizon.localize(p.at)
        per_day.setdefault(at.day, []).append(at.hour)
    assert all(len(hours) <= 1 and all(18 <= h < 21 for h in hours) for day, hours in per_day.items() if day <= 10)
    assert len(per_day.get(11, [])) >= 2 and len(per_day.get(12, [])) >= 2  # the minimum from day 5 is met
    assert not [v for v in plan.violations if v.rule == "warm.daily"]  # days 1-4 are not charged


@pytest.mark.slow
def test_the_new_accounts_scenario_plans_a_ramp_that_check_confirms() -> None:
    s = load(NEW_ACCOUNTS)
    plan = solve(s, SolveOptions(time_limit=3, seed=0)).plan
    assert plan.solver.status.solved
    checked = check_plan(plan, s)
    assert not [v for v in checked if v.hard]
    new = [p for p in plan.publications if p.account == "dy_new"]
    week1 = [p for p in new if s.horizon.localize(p.at).day <= 13]
    assert week1 and len({s.horizon.localize(p.at).date() for p in week1}) == len(week1)  # at most 1 a day
    assert not [p for p in plan.publications if p.account in ("dy_new", "wx_new")
                and s.topic_by_id[p.topic].commercial]
    teaser = next(p.at for p in plan.publications if p.topic == "teaser")
    live = next(p.at for p in plan.publications if p.topic == "live")
    assert (live - teaser).total_seconds() >= 3 * 3600


def test_score_refuses_a_hand_calendar_with_an_ad_in_week_one() -> None:
    result = CliRunner().invoke(cli, ["score", str(NEW_ACCOUNTS), str(SCENARIOS / "new_accounts_week1_ad.csv"),
                                      "--format", "json"])
    assert result.exit_code == 6
    hard = [v for v in json.loads(result.stdout)["violations"] if v["hard"]]
    assert [v["rule"] for v in hard] == ["douyin.warmup.new_account.no_ads"]
    assert hard[0]["source"].startswith("operating practice for new 抖音 accounts")
    assert "ad1 on dy_new at 2026-12-10 19:00" in hard[0]["detail"]


def test_an_interaction_hook_of_an_unknown_kind_is_listed_but_not_planned(tmp_path: Path) -> None:
    from planner.rules.packs import load_pack

    pack = tmp_path / "mine.yaml"
    pack.write_text("platform: douyin\nrules: []\nwarmups:\n  quick:\n    name: quick\n    source: mine\n"
                    "    as_of: 2026-12-06\n    rules:\n"
                    "      - {id: cap, kind: max_posts_per_day, max: 1, during: {from: day 1, to: day 7}}\n"
                    "    interaction: {id: chat, kind: future_duty, minutes: 5, during: {from: day 1, to: day 7}}\n",
                    encoding="utf-8")
    profile = load_pack(str(pack)).warmups["quick"]
    assert profile.pending is not None and profile.pending.kind == "future_duty"
    assert [spec.id for spec, _ in profile.specs(["dy"])] == ["douyin.warmup.quick.cap"]
