"""The scenario corpus: deterministic, committed as generated, valid, and each family shaped like its team."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from click.testing import CliRunner

from planner.api import check_scenario
from planner.bench.families import FAMILIES, SEEDS, corpus_files, file_name, generate_instance, render_instance
from planner.cli import cli
from planner.domain.scenario import Scenario
from planner.domain.templates import TEMPLATES
from planner.errors import InputError
from planner.scenario import load

CORPUS = Path(__file__).resolve().parents[2] / "benchmarks" / "corpus"
INSTANCES = [(family, seed) for family in FAMILIES for seed in SEEDS]


def _scenario(family: str, seed: int = 1) -> Scenario:
    return Scenario.model_validate(generate_instance(family, seed))


@pytest.mark.parametrize("family", list(FAMILIES))
def test_same_seed_same_yaml_and_seeds_differ(family: str) -> None:
    assert render_instance(family, 1) == render_instance(family, 1)
    assert len({render_instance(family, seed) for seed in SEEDS}) == len(SEEDS)


@pytest.mark.parametrize(("family", "seed"), INSTANCES)
def test_committed_file_is_what_the_generator_writes_and_checks_clean(family: str, seed: int) -> None:
    path = CORPUS / file_name(family, seed)
    assert path.read_text(encoding="utf-8") == render_instance(family, seed), \
        f"{path} differs from the generator: run `planner bench corpus --out benchmarks/corpus`"
    found = check_scenario(load(path))
    assert not found.errors and not found.warnings, [*found.errors, *found.warnings]
    assert 10 <= len(load(path).topics) <= 50, "tens of topics: a 30 s solve"


def test_cli_writes_the_chosen_files(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["bench", "corpus", "--out", str(tmp_path), "--families", "solo,live",
                                      "--seeds", "2"])
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in tmp_path.iterdir()) == ["live_2.yaml", "solo_2.yaml"]
    assert (tmp_path / "solo_2.yaml").read_text(encoding="utf-8") == render_instance("solo", 2)
    bad = CliRunner().invoke(cli, ["bench", "corpus", "--out", str(tmp_path), "--families", "solo,nope"])
    assert bad.exit_code == 1 and "unknown corpus family 'nope'" in bad.output
    with pytest.raises(InputError, match="no such corpus instance"):
        corpus_files(tmp_path, ["brand"], [1])


def test_solo_is_one_person_with_every_role_and_edits_longer_than_a_day() -> None:
    for seed in SEEDS:
        s = _scenario("solo", seed)
        (creator,) = s.team
        assert {"planner", "writer", "shooter", "talent", "editor", "operator"} <= set(creator.roles)
        assert s.horizon.days == 21 and 2 <= len(s.accounts) <= 3
        edits = [t.effort["edit"] for t in s.topics if "edit" in t.effort]
        assert edits and max(edits) > creator.hours_per_day and all(6 <= e <= 16 for e in edits)
        assert all(t.format in ("talking_head", "tutorial", "vlog") for t in s.topics)  # filmed alone
        assert any(t.done for t in s.topics) and any(t.required for t in s.topics)


def test_brand_pins_lives_and_ads_under_a_share_cap() -> None:
    for seed in SEEDS:
        s = _scenario("brand", seed)
        pinned = {p.topic for p in s.pins.publications}
        by_id = s.topic_by_id
        assert any(by_id[t].format == "live" for t in pinned)
        assert any(by_id[t].commercial and by_id[t].format != "live" for t in pinned)
        assert any(r.kind == "content_mix" and r.params["match"] == {"commercial": True} for r in s.rules)
        assert any(t.required for t in s.topics) and any(t.done for t in s.topics)
        assert any(t.shoot_on and t.produce_after for t in s.topics)


def test_agency_has_client_teams_and_shared_staff() -> None:
    s = _scenario("agency")
    scoped = [m for m in s.team if m.accounts]
    assert len({tuple(m.accounts) for m in scoped}) == 3 and len(scoped) < len(s.team)
    for m in scoped:  # a client's team works on that client's accounts, whose topics exist
        assert any(set(t.accounts) & set(m.accounts) for t in s.topics)


def test_live_commerce_has_a_live_nearly_every_evening_and_hosts_who_cover() -> None:
    for seed in SEEDS:
        s = _scenario("live", seed)
        lives = sorted(t.live_at for t in s.topics if t.format == "live" and t.live_at)
        assert len(lives) >= s.horizon.days - 2 and len({d.date() for d in lives}) == len(lives)
        hosts = [m for m in s.team if "talent" in m.roles]
        assert len(hosts) == 2 and not set(hosts[0].weekdays_off) & set(hosts[1].weekdays_off)
        assert any(r.kind == "reply_duty" for r in s.rules) == bool(seed % 2)


def _member_hours(s: Scenario) -> float:
    days = [s.horizon.start + timedelta(days=d) for d in range(s.horizon.days)]
    return sum(m.hours_per_day for m in s.team for d in days
               if d.strftime("%a").lower() not in m.weekdays_off and d not in m.days_off)


def test_starved_team_has_fewer_hours_than_its_topics_need() -> None:
    for seed in SEEDS:
        s = _scenario("starved", seed)
        # Person-hours of the master cut alone (no 二次剪辑, no review): already more than the team has.
        need = sum(st.hours * sum(st.roles.values()) for t in s.topics for st in TEMPLATES[t.format])
        assert need > _member_hours(s), (need, _member_hours(s))


def test_long_horizon_has_series_and_a_weekly_column() -> None:
    s = _scenario("long")
    assert s.horizon.days == 28 and s.horizon.holidays  # 元旦 falls inside
    series = {t.series for t in s.topics if t.series}
    assert len(series) >= 2
    column = [t for t in s.topics if t.category == "栏目"]
    assert len(column) == 4
    for week, topic in enumerate(sorted(column, key=lambda t: t.earliest)):
        assert topic.earliest and topic.deadline and (topic.earliest.date() - s.horizon.start).days == 7 * week + 1
