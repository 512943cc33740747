"""The platform packs in rules/: they load, say where each fact comes from, and fit the demo."""

from __future__ import annotations

from pathlib import Path

import pytest
from rulekit import plan as make_plan
from rulekit import pub, scenario

from planner.domain.vocab import PLATFORMS
from planner.errors import InputError
from planner.rules import check_plan, check_topics, load_pack, resolve_rules
from planner.rules.packs import PACKS_DIR
from planner.scenario import load

ROOT = Path(__file__).resolve().parents[2]
DEMO = ROOT / "scenarios" / "demo.yaml"
BROKEN = Path(__file__).resolve().parent / "fixtures" / "broken_packs"
PACKS = sorted(p.stem for p in PACKS_DIR.glob("*.yaml"))


def test_there_is_one_pack_per_platform() -> None:
    assert sorted(PLATFORMS) == PACKS


@pytest.mark.parametrize("name", PACKS)
def test_every_pack_loads_for_its_own_platform(name: str) -> None:
    pack = load_pack(name)
    assert pack.platform == name
    assert pack.specs
    assert all(spec.scope.values("platform") == [name] for spec, _ in pack.specs)


@pytest.mark.parametrize("name", PACKS)
def test_every_rule_says_where_it_comes_from_and_when(name: str) -> None:
    for spec, _ in load_pack(name).specs:
        assert spec.source and spec.source.strip(), spec.id
        assert spec.as_of is not None, spec.id
        assert spec.id.startswith(f"{name}."), spec.id


@pytest.mark.parametrize("name", PACKS)
def test_every_pack_labels_ads_and_ai_content(name: str) -> None:
    assert [spec.kind for spec, _ in load_pack(name).specs].count("labels") == 1


@pytest.mark.parametrize("name", PACKS)
def test_peak_hours_are_soft_preferences(name: str) -> None:
    windows = [spec for spec, _ in load_pack(name).specs if spec.kind == "posting_window"]
    assert windows, "a pack states its audience peaks"
    for spec in windows:
        assert spec.hard is False and spec.weight is not None and spec.weight <= 5, spec.id


@pytest.mark.parametrize("name", PACKS)
def test_daily_caps_leave_room_for_a_brand_schedule(name: str) -> None:
    caps = [spec.params["max"] for spec, _ in load_pack(name).specs if spec.kind == "max_posts_per_day"]
    assert len(caps) == 1
    assert caps[0] >= (2 if name in ("douyin", "kuaishou", "xiaohongshu") else 1)


def test_the_demo_topics_pass_every_content_rule_of_its_packs() -> None:
    assert check_topics(load(DEMO)) == []


def test_the_demo_resolves_its_packs_over_the_implicit_rules() -> None:
    ids = {r.id for r in resolve_rules(load(DEMO))}
    assert {"team.capacity", "douyin.title_length", "kuaishou.hashtags", "bilibili.daily_cap",
            "xiaohongshu.title_length", "wechat_channels.short_title", "weibo.labels"} <= ids
    assert not any(i.startswith("tiktok.") for i in ids)


def test_a_content_problem_in_a_scenario_is_located_on_its_topic(tmp_path: Path) -> None:
    text = DEMO.read_text(encoding="utf-8").replace("'title': '毛肚七上八下到底几秒'", "'title': '" + "很长" * 20 + "'")
    broken = tmp_path / "demo.yaml"
    broken.write_text(text, encoding="utf-8")
    found = [str(p) for p in check_topics(load(broken))]
    assert len(found) == 3  # douyin 30, kuaishou 30, xiaohongshu 20 characters
    assert found[0].split(":")[0].endswith("demo.yaml")  # the loader shows paths relative to the cwd
    assert "topics[0]: rule douyin.title_length: title has 40 characters (max 30) on douyin [source: " in found[0]


BROKEN_CASES = {
    "unknown_kind": "11:5 rules[1].kind: [R004] unknown rule kind 'max_post_per_day' (did you mean 'max_posts_per_day'?)",
    "missing_source": "10:5 rules[1]: [R002] rule 'douyin.hashtags' has no source",
    "bad_param": "7:5 rules[0].title_maximum: [R005] unknown parameter 'title_maximum' for kind text_limits",
    "duplicate_id": "10:5 rules[1].id: [R001] duplicate rule id 'douyin.title_length'",
}


@pytest.mark.parametrize("defect", sorted(BROKEN_CASES))
def test_a_broken_pack_gives_one_located_message(defect: str) -> None:
    path = BROKEN / f"{defect}.yaml"
    with pytest.raises(InputError) as raised:
        load_pack(str(path))
    assert [str(p) for p in raised.value.problems] == [f"{path}:{BROKEN_CASES[defect]}"]


def test_every_broken_fixture_is_tested() -> None:
    assert sorted(p.stem for p in BROKEN.glob("*.yaml")) == sorted(BROKEN_CASES)


def test_a_pack_rule_with_its_own_scope_stays_on_the_packs_platform(tmp_path: Path) -> None:
    path = tmp_path / "pack.yaml"
    path.write_text("platform: douyin\nrules:\n"
                    "  - {id: douyin.live_length, kind: duration_range, max_s: 3600, scope: {format: live},"
                    " source: s, as_of: 2026-11-28}\n", encoding="utf-8")
    (spec, _), = load_pack(str(path)).specs
    assert spec.scope.values("platform") == ["douyin"] and spec.scope.values("format") == ["live"]


def test_a_pack_for_an_unknown_platform_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "pack.yaml"
    path.write_text("platform: douyn\nrules: []\n", encoding="utf-8")
    with pytest.raises(InputError) as raised:
        load_pack(str(path))
    assert [str(p) for p in raised.value.problems] == [
        f"{path}:1:1 platform: [R007] unknown platform 'douyn' (did you mean 'douyin'?)"]


def test_bad_yaml_is_r000(tmp_path: Path) -> None:
    path = tmp_path / "pack.yaml"
    path.write_text("platform: douyin\nrules: [\n", encoding="utf-8")
    with pytest.raises(InputError) as raised:
        load_pack(str(path))
    assert str(raised.value.problems[0]).startswith(f"{path}:3:1: [R000] invalid YAML")


# -- a scenario's rules over a pack's -------------------------------------------------------

def _with_rules(rules: list[dict[str, object]]) -> list[object]:
    return resolve_rules(scenario(rule_packs=["douyin"], rules=rules))


def test_a_scenario_rule_overrides_a_pack_rule_by_id() -> None:
    rules = {r.id: r for r in _with_rules([{"id": "douyin.daily_cap", "max": 1}])}
    cap = rules["douyin.daily_cap"]
    assert cap.kind == "max_posts_per_day" and cap.params.max == 1
    assert cap.scope.values("platform") == ["douyin"]  # kept from the pack
    assert cap.source == next(s.source for s, _ in load_pack("douyin").specs if s.id == "douyin.daily_cap")


def test_the_override_is_what_the_check_uses() -> None:
    s = scenario(rule_packs=["douyin"], rules=[{"id": "douyin.daily_cap", "max": 1}])
    two = make_plan(pub("t1", "dy", "12-08 12:00"), pub("t2", "dy", "12-08 19:00"))
    assert [v.rule for v in check_plan(two, s) if v.rule == "douyin.daily_cap"] == ["douyin.daily_cap"]


def test_a_scenario_switches_a_pack_rule_off() -> None:
    ids = {r.id for r in _with_rules([{"id": "douyin.peak_hours", "enabled": False}])}
    assert "douyin.peak_hours" not in ids and "douyin.daily_cap" in ids


def test_a_scenario_adds_its_own_rule() -> None:
    added = {"id": "brand.no_sundays", "kind": "blackout", "dates": ["2026-12-13"], "scope": {"account": "dy"},
             "source": "brand calendar"}
    rules = {r.id: r for r in _with_rules([added])}
    assert rules["brand.no_sundays"].kind == "blackout" and "douyin.title_length" in rules


def test_a_scenario_rule_with_a_bad_parameter_is_located() -> None:
    with pytest.raises(InputError) as raised:
        _with_rules([{"id": "douyin.daily_cap", "maximum": 1}])
    assert [p.message for p in raised.value.problems] == ["unknown parameter 'maximum' for kind max_posts_per_day"]
