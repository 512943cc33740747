"""``planner sweep``: the grid a user writes with --vary, its errors, and the table of a small
sweep solved in this process (the cluster runs are in test_cluster.py)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from planner.cli import cli
from planner.distributed.cases import make_grid, parse_axis
from planner.distributed.engine import Job, run_serial
from planner.distributed.report import render_sweep
from planner.distributed.sweep import SweepOptions, grid_of, sweep
from planner.errors import InputError
from planner.rules import resolve_rules

ROOT = Path(__file__).resolve().parents[2]
SOLO = str(ROOT / "scenarios" / "solo_creator.yaml")
DEMO = str(ROOT / "scenarios" / "demo.yaml")
LEAVE = str(ROOT / "scenarios" / "demo_editor_leave.yaml")


def test_seeds_are_a_range_or_a_list() -> None:
    assert parse_axis("seed=0..3").values == (0, 1, 2, 3)
    assert parse_axis("seed=0,3,7").values == (0, 3, 7)
    for bad in ("seed=a..b", "seed=-1", "seed=", "seed=1.5"):
        with pytest.raises(InputError, match="--vary seed"):
            parse_axis(bad, "en")


def test_field_values_are_yaml_with_lists_in_brackets() -> None:
    axis = parse_axis("team.chen.weekdays_off=[sat],[sat,sun],[]")
    assert axis.values == (["sat"], ["sat", "sun"], [])
    assert axis.texts == ("[sat]", "[sat,sun]", "[]")


def test_every_combination_is_a_case_and_seeds_share_a_scenario() -> None:
    axes = [parse_axis(a) for a in ("seed=0..2", f"variant={LEAVE}", "team.chen.hours_per_day=6,8")]
    grid = make_grid(DEMO, axes)
    assert len(grid.cases) == 3 * 2 * 2
    assert len(grid.scenarios) == 2 * 2  # what is sent to the workers: not one per seed
    first = grid.cases[0]
    assert (first.labels, first.seed) == (("0", "demo", "6"), 0)
    assert grid.cases[-1].labels == ("2", "demo_editor_leave", "8")
    chen = [next(m for m in s.team if m.id == "chen").hours_per_day for s in grid.scenarios]
    assert chen == [6, 8, 6, 8]
    leave = grid.scenarios[grid.cases[-1].scenario]
    assert next(m for m in leave.team if m.id == "chen").leave  # the variant's own change is kept


def test_a_platform_packs_rule_is_overridden_by_its_id() -> None:
    grid = make_grid(DEMO, [parse_axis("rules.kuaishou.daily_cap.max=1,2")])
    caps = [next(r for r in resolve_rules(s) if r.id == "kuaishou.daily_cap").params.max for s in grid.scenarios]
    assert caps == [1, 2]


def test_a_members_days_off_can_vary() -> None:
    grid = make_grid(DEMO, [parse_axis("team.fang.days_off=[],[2026-12-17,2026-12-18]")])
    fang = [next(m for m in s.team if m.id == "fang") for s in grid.scenarios]
    assert [len(m.days_off) for m in fang] == [0, 2]


@pytest.mark.parametrize(("vary", "says"), [
    ("team.nobody.hours_per_day=6", "no object with id 'nobody' in team (there are: zhang, lina, wang, chen"),
    ("team.chen=6", "name a field of the object"),
    ("hours=1", None),  # an unknown top-level field: refused by the scenario's own check
    ("nonsense", "--vary takes NAME=V1,V2"),
])
def test_a_bad_axis_is_one_line_naming_it(vary: str, says: str | None) -> None:
    with pytest.raises(InputError) as caught:
        grid_of(DEMO, [vary], SweepOptions(lang="en"))
    (problem,) = caught.value.problems
    if says is None:
        assert str(problem).startswith("--vary hours=1 hours: 未知字段 'hours'")
    else:
        assert says in str(problem)


def test_a_value_out_of_range_is_located_at_its_vary() -> None:
    with pytest.raises(InputError) as caught:
        grid_of(DEMO, ["team.chen.hours_per_day=6,20"], SweepOptions(lang="en"))
    (problem,) = caught.value.problems
    assert str(problem).startswith("--vary team.chen.hours_per_day=20 team[3].hours_per_day:")


def test_the_same_axis_twice_and_too_many_cases_are_refused() -> None:
    with pytest.raises(InputError, match="given twice"):
        grid_of(DEMO, ["seed=1", "seed=2"], SweepOptions(lang="en"))
    with pytest.raises(InputError, match="more than the limit"):
        grid_of(DEMO, ["seed=0..40", "team.chen.hours_per_day=1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,"
                       "1.5,2.5,3.5,4.5,5.5,6.5,7.5,8.5,9.5"], SweepOptions(lang="en"))


def test_a_case_that_fails_keeps_its_row_and_the_others_theirs() -> None:
    def half(n: int, k: int) -> int:
        if k == 1:
            raise RuntimeError("worker lost")
        return n * k

    outcomes = run_serial(half, [10], [Job(f"k={k}", (0,), (k,)) for k in range(3)])
    assert [o.result for o in outcomes] == [0, None, 20]
    assert outcomes[1].why == "RuntimeError: worker lost"


def test_a_small_sweep_in_this_process_compares_the_cases() -> None:
    options = SweepOptions(time_limit=0.3, processes=1, lang="en")
    seen: list[tuple[int, int]] = []
    result = sweep(SOLO, ["seed=3", "team.chen.hours_per_day=4,8"], options,
                   lambda done, total, _: seen.append((done, total)))
    assert seen == [(1, 2), (2, 2)]
    short, full = (row.result for row in result.rows)
    assert short is not None and full is not None
    assert short.status in ("OPTIMAL", "FEASIBLE") and full.status in ("OPTIMAL", "FEASIBLE")
    for r in (short, full):
        assert sum(r.per_platform.values()) == r.posts
    assert max(short.hours.values()) <= 4 * 21  # four hours a day over three weeks
    assert short.plan_hash != full.plan_hash

    table = render_sweep("table", result, "en").stdout.splitlines()
    assert table[0].startswith("老陈讲数码 三周排期: 2 case(s) on 1 worker(s)")
    assert table[2].split() == ["#", "seed", "team.chen.hours_per_day", "status", "value", "posts", "gap", "wall", "s",
                                "plan", "hash"]
    assert "posts per platform" in table and "hours per member" in table
    zh = render_sweep("table", result, "zh").stdout
    assert "计划指纹" in zh and "各平台发布数" in zh
    data = json.loads(render_sweep("json", result, "en").stdout)
    assert [c["team.chen.hours_per_day"] for c in data["cases"]] == ["4", "8"]
    header = render_sweep("csv", result, "en").stdout.splitlines()[0].split(",")
    assert header[:4] == ["case", "team.chen.hours_per_day", "seed", "status"] and "hours:chen" in header
    assert [line.split(",")[2] for line in render_sweep("csv", result, "en").stdout.splitlines()[1:]] == ["3", "3"]


def test_the_cli_refuses_a_bad_vary_before_solving() -> None:
    result = CliRunner().invoke(cli, ["sweep", SOLO, "--vary", "team.chen.hours_per_day=99", "--lang", "en"])
    assert result.exit_code == 1
    assert result.output.startswith("error: --vary team.chen.hours_per_day=99 team[0].hours_per_day:")
    assert "solving" not in result.output


def test_the_cli_refuses_a_cluster_address_that_is_not_one() -> None:
    result = CliRunner().invoke(cli, ["sweep", SOLO, "--cluster", "localhost:8786", "--lang", "en"])
    assert result.exit_code == 1
    assert "a cluster address looks like tcp://HOST:8786" in result.output


def test_help_shows_the_vary_syntax() -> None:
    result = CliRunner().invoke(cli, ["sweep", "--help"])
    assert result.exit_code == 0
    for example in ("seed=0..9", "variant=a.yaml,b.yaml", "rules.kuaishou.daily_cap.max=1,2,3",
                    "team.chen.weekdays_off=[sat],[sat,sun]", "--cluster"):
        assert example in result.output


def test_the_scheduler_comes_from_the_option_then_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    from planner.distributed.cluster import SCHEDULER_ENV, scheduler_address

    monkeypatch.delenv(SCHEDULER_ENV, raising=False)
    assert scheduler_address(None) is None
    monkeypatch.setenv(SCHEDULER_ENV, "tcp://10.0.0.5:8786")
    assert scheduler_address(None) == "tcp://10.0.0.5:8786"
    assert scheduler_address("tcp://127.0.0.1:9000") == "tcp://127.0.0.1:9000"
    monkeypatch.setenv(SCHEDULER_ENV, "10.0.0.5")
    with pytest.raises(InputError) as caught:
        scheduler_address(None, "en")
    assert str(caught.value.problems[0]).startswith(f"{SCHEDULER_ENV}: a cluster address looks like tcp://HOST:8786")
