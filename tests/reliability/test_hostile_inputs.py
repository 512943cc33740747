"""Hostile inputs named in the reliability brief, each with the outcome the project promises.

Files a test can write in a line are written into ``tmp_path``; the ones worth looking at are
in ``fixtures/hostile`` and named for their defect. Bugs found here live in test_known_bugs.py.
"""

from __future__ import annotations

import time
from pathlib import Path

import pandas as pd
import pytest
from click.testing import CliRunner
from relkit import HOSTILE, SEEDS, attempt, load_calendar, load_history, load_rule_pack, load_scenario, load_snapshots

from planner.cli import cli
from planner.errors import InputError
from planner.scenario import load
from planner.scenario.loader import MAX_EXTENDS_DEPTH
from planner.scenario.yamlio import MAX_FILE_BYTES

MINI = """name: {name}
horizon: {{start: 2026-12-07, days: 7}}
accounts:
  - {{id: dy, platform: douyin}}
"""


def one_line_error(path: Path, *args: str) -> str:
    """``planner check`` on ``path``: exit 1 and exactly one line, which is returned."""
    result = CliRunner().invoke(cli, ["check", "-q", *args, str(path)])
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output and "internal error" not in result.output
    lines = [line for line in result.output.splitlines() if line.strip()]
    assert len(lines) == 1, result.output
    return lines[0]


# ---- extends: loops, long chains, paths out of the folder ---------------------------------------

def test_extends_loop_of_three_names_the_loop(tmp_path: Path) -> None:
    for name, base in (("a", "b"), ("b", "c"), ("c", "a")):
        (tmp_path / f"{name}.yaml").write_text(f"name: {name}\nextends: {base}.yaml\n", encoding="utf-8")
    line = one_line_error(tmp_path / "a.yaml", "--lang", "en")
    assert "extends loop: " in line and "a.yaml -> " in line and "c.yaml -> " in line


def test_extends_itself(tmp_path: Path) -> None:
    (tmp_path / "self.yaml").write_text("name: x\nextends: self.yaml\n", encoding="utf-8")
    assert "extends loop" in one_line_error(tmp_path / "self.yaml", "--lang", "en")


def _chain(folder: Path, length: int) -> Path:
    """``length`` files, each extending the next; the last is a valid scenario."""
    (folder / f"f{length - 1}.yaml").write_text(MINI.format(name="base"), encoding="utf-8")
    for i in range(length - 1):
        (folder / f"f{i}.yaml").write_text(f"name: f{i}\nextends: f{i + 1}.yaml\n", encoding="utf-8")
    return folder / "f0.yaml"


def test_extends_chain_at_the_limit_loads(tmp_path: Path) -> None:
    assert load(_chain(tmp_path, MAX_EXTENDS_DEPTH)).name == "f0"


def test_extends_chain_over_the_limit_is_refused(tmp_path: Path) -> None:
    line = one_line_error(_chain(tmp_path, MAX_EXTENDS_DEPTH + 1), "--lang", "en")
    assert f"extends chain deeper than {MAX_EXTENDS_DEPTH} files" in line


@pytest.fixture
def escape(tmp_path: Path) -> Path:
    """project/ holds the scenarios; shared.yaml sits beside it, outside."""
    (tmp_path / "shared.yaml").write_text(MINI.format(name="shared"), encoding="utf-8")
    (tmp_path / "project").mkdir()
    return tmp_path / "project"


@pytest.mark.parametrize("how", ["relative", "absolute", "symlink", "via_subfolder"])
def test_extends_out_of_the_folder_is_refused_unless_allowed(how: str, escape: Path) -> None:
    shared = escape.parent / "shared.yaml"
    if how == "relative":
        ref = "../shared.yaml"
    elif how == "absolute":
        ref = str(shared)
    elif how == "symlink":  # a link inside the folder that points out of it
        (escape / "link.yaml").symlink_to(shared)
        ref = "link.yaml"
    else:  # a base in a subfolder climbing two levels
        (escape / "sub").mkdir()
        (escape / "sub" / "mid.yaml").write_text("name: mid\nextends: ../../shared.yaml\n", encoding="utf-8")
        ref = "sub/mid.yaml"
    variant = escape / "variant.yaml"
    variant.write_text(f"name: variant\nextends: {ref}\n", encoding="utf-8")
    assert "refused (use --allow-outside)" in one_line_error(variant)
    assert load(variant, allow_outside=True).name == "variant"
    assert CliRunner().invoke(cli, ["check", "-q", "--allow-outside", str(variant)]).exit_code == 0


@pytest.mark.parametrize("value", ['""', "5", "[a.yaml]", "{a: 1}", "null"])
def test_extends_that_is_not_a_path(value: str, tmp_path: Path) -> None:
    path = tmp_path / "odd.yaml"
    path.write_text(MINI.format(name="odd") + f"extends: {value}\n", encoding="utf-8")
    assert attempt(load_scenario, path) in ("ok", "error")  # null means no base: ok


# ---- YAML alias bombs and deep nesting ----------------------------------------------------------

def _laughs(levels: int = 12) -> str:
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    lines += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 10)}]" for i in range(1, levels)]
    return "\n".join(lines) + "\n"


def test_billion_laughs_refused_quickly(tmp_path: Path) -> None:
    """Scenarios and rule packs share the reader (yamlio.read_yaml), so one file shows both."""
    bomb = tmp_path / "bomb.yaml"
    bomb.write_text(_laughs() + "rules: *a11\nname: *a11\n", encoding="utf-8")  # 10**12 values if expanded
    started = time.perf_counter()
    with pytest.raises(InputError, match="alias bomb"):
        load_scenario(bomb)
    assert time.perf_counter() - started < 10


def test_trends_file_alias_bomb_refused(tmp_path: Path) -> None:
    from planner.trends.trendsfile import read_trends

    bomb = tmp_path / "trends.yaml"
    bomb.write_text(_laughs() + "trends: *a11\n", encoding="utf-8")
    with pytest.raises(InputError, match="alias bomb"):
        read_trends(bomb)


def test_merge_key_bomb_is_bounded(tmp_path: Path) -> None:
    lines = ["m0: &m0 {k0: 1}"] + [f"m{i}: &m{i} {{<<: [*m{i - 1}], k{i}: {i}}}" for i in range(1, 60)]
    path = tmp_path / "merge.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    started = time.perf_counter()
    assert attempt(load_scenario, path) == "error"
    assert time.perf_counter() - started < 10


@pytest.mark.parametrize("text", ["name: " + "[" * 600 + "]" * 600, "".join(" " * i + f"k{i}:\n" for i in range(1500))])
def test_deep_nesting_is_one_line(text: str, tmp_path: Path) -> None:
    path = tmp_path / "deep.yaml"
    path.write_text(text + "\n", encoding="utf-8")
    line = one_line_error(path)
    assert "invalid YAML" in line or "nested too deeply" in line


# ---- very large files: refused above a stated limit, or streamed -------------------------------

def _sparse(path: Path, size: int) -> Path:
    with path.open("wb") as handle:
        handle.truncate(size)  # no disk used, no byte read by a loader that checks the size first
    return path


@pytest.mark.parametrize("loader", [load_scenario, load_rule_pack])
def test_yaml_over_the_limit_refused_by_size(loader: object, tmp_path: Path) -> None:
    big = _sparse(tmp_path / "big.yaml", MAX_FILE_BYTES + 1)
    with pytest.raises(InputError, match=f"over the {MAX_FILE_BYTES} byte limit"):
        loader(big)  # type: ignore[operator]


def test_history_over_the_limit_refused_by_size(tmp_path: Path) -> None:
    from planner.metrics.reader import MAX_FILE_BYTES as HISTORY_LIMIT

    big = _sparse(tmp_path / "big.csv", HISTORY_LIMIT + 1)
    started = time.perf_counter()
    with pytest.raises(InputError, match="file is over"):
        load_history(big)
    assert time.perf_counter() - started < 2


def test_snapshots_are_read_in_chunks(monkeypatch: pytest.MonkeyPatch) -> None:
    """Chunk boundaries change nothing: the same windows from 3-row chunks as from one chunk."""
    from zoneinfo import ZoneInfo

    from planner.trends import snapshots
    from planner.trends.sources import preset
    from planner.trends.windows import ImportOptions, import_trends

    options = ImportOptions(source=preset("weibo"), tz=ZoneInfo("Asia/Shanghai"))
    whole = import_trends(SEEDS / "snapshots.csv", options)
    monkeypatch.setattr(snapshots, "CHUNK_ROWS", 3)
    chunked = import_trends(SEEDS / "snapshots.csv", options)
    assert [t.model_dump() for t in chunked.trends] == [t.model_dump() for t in whole.trends]
    assert chunked.snapshots.read == whole.snapshots.read == 28


# ---- encodings of Chinese exports: GBK, UTF-8 with BOM -----------------------------------------

def _reencoded(source: Path, folder: Path, encoding: str) -> Path:
    target = folder / f"{encoding}{source.suffix}"
    target.write_bytes(source.read_text(encoding="utf-8").encode(encoding))
    return target


@pytest.mark.parametrize("encoding", ["gbk", "gb18030", "utf-8-sig"])
def test_history_export_in_chinese_encodings(encoding: str, tmp_path: Path) -> None:
    from planner.metrics.ingest import import_history

    plain = import_history(SEEDS / "history.csv").frame
    other = import_history(_reencoded(SEEDS / "history.csv", tmp_path, encoding))
    assert other.frame.drop(columns="account").equals(plain.drop(columns="account"))
    assert other.report.encoding == ("utf-8 with BOM" if encoding == "utf-8-sig" else "GBK/GB18030")


@pytest.mark.parametrize("encoding", ["gbk", "utf-8-sig"])
def test_calendar_in_chinese_encodings(encoding: str, tmp_path: Path) -> None:
    from relkit import seed_scenario

    from planner.scenario.calendar import read_calendar

    plain = read_calendar(SEEDS / "calendar.csv", seed_scenario())
    other = read_calendar(_reencoded(SEEDS / "calendar.csv", tmp_path, encoding), seed_scenario())
    assert other.publications == plain.publications and other.tasks == plain.tasks


def test_scenario_with_bom_loads_and_gbk_is_one_line(tmp_path: Path) -> None:
    assert load(_reencoded(SEEDS / "scenario.yaml", tmp_path, "utf-8-sig")).name == "种子 seed"
    assert "not UTF-8 text" in one_line_error(_reencoded(SEEDS / "scenario.yaml", tmp_path, "gbk"))


def test_snapshots_with_bom_load_and_gbk_is_one_line(tmp_path: Path) -> None:
    assert attempt(load_snapshots, _reencoded(SEEDS / "snapshots.csv", tmp_path, "utf-8-sig")) == "ok"
    with pytest.raises(InputError, match="not UTF-8"):
        load_snapshots(_reencoded(SEEDS / "snapshots.csv", tmp_path, "gbk"))


# ---- Excel formula cells, NaN and infinity ------------------------------------------------------

def test_formula_cells_are_never_evaluated(tmp_path: Path) -> None:
    """A formula saved without a cached value (as scripts save them) reads as blank, never runs;
    in a CSV a formula is just text that is not a number, and its row is dropped with the reason."""
    import openpyxl

    from planner.metrics.ingest import import_history

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["作品名称", "发布时间", "播放量", "点赞量"])
    sheet.append(['=HYPERLINK("http://evil.example","点我")', "2024-03-01 18:30", "=1+1", 5])
    sheet.append(["正常", "2024-03-02 12:05", 8904, "=SUM(D2:D3)"])
    book.save(tmp_path / "formulas.xlsx")
    result = import_history(tmp_path / "formulas.xlsx")
    assert result.frame["views"].tolist() == [8904]  # the =1+1 row is dropped: 播放量 is blank
    assert pd.isna(result.frame["likes"].iloc[0])

    csv = tmp_path / "formulas.csv"
    csv.write_text("作品名称,发布时间,播放量\n=cmd|' /C calc'!A0,2024-03-01 18:30,=1+1\n正常,2024-03-02 12:05,8904\n",
                   encoding="utf-8")
    result = import_history(csv)
    assert result.frame["views"].tolist() == [8904]
    assert "is not a number" in " ".join(d.reason for d in result.report.dropped)


@pytest.mark.parametrize("cell", ["NaN", "nan", "-inf", "-1"])  # +inf: test_known_bugs.py
def test_history_nan_and_negative_counts_are_dropped(cell: str, tmp_path: Path) -> None:
    from planner.metrics.ingest import import_history

    path = tmp_path / "nan.csv"
    path.write_text(f"作品名称,发布时间,播放量\n坏,2024-03-01 18:30,{cell}\n好,2024-03-02 12:05,8904\n", encoding="utf-8")
    frame = import_history(path).frame
    assert frame["views"].tolist() == [8904]


@pytest.mark.parametrize("edit", [("value: 50, series", "value: .nan, series"),
                                  ("hours_per_day: 8", "hours_per_day: .nan"),
                                  ("hours_per_day: 8", "hours_per_day: .inf"),
                                  ("followers: 100000", "followers: .inf"),
                                  ("unscheduled_penalty: 20", "unscheduled_penalty: .nan"),
                                  ("max: 2", "max: .nan"), ("max: 2", "max: .inf"),
                                  ("peak_heat: 2.0", "peak_heat: .nan"),
                                  # These three loaded until base.Frozen got allow_inf_nan=False; then
                                  # `planner plan` died with OverflowError.
                                  ("value: 50, series", "value: .inf, series"),
                                  ("{engage: 1.0, convert: 1.2}", "{engage: .inf, convert: 1.2}"),
                                  ("peak_heat: 2.0", "peak_heat: .inf")])
def test_scenario_nan_and_infinity_refused(edit: tuple[str, str], tmp_path: Path) -> None:
    text = (SEEDS / "scenario.yaml").read_text(encoding="utf-8")
    assert edit[0] in text
    path = tmp_path / "nan.yaml"
    path.write_text(text.replace(*edit, 1), encoding="utf-8")
    one_line_error(path)


@pytest.mark.parametrize("edit", [("max: 3", "max: .nan"), ("max: 3", "max: .inf"), ("hours: 2", "hours: .inf"),
                                  ("weight: 2", "weight: .nan")])
def test_rule_pack_nan_and_infinity_refused(edit: tuple[str, str], tmp_path: Path) -> None:
    path = tmp_path / "pack.yaml"
    path.write_text((SEEDS / "pack.yaml").read_text(encoding="utf-8").replace(*edit), encoding="utf-8")
    assert attempt(load_rule_pack, path) == "error"


def test_plan_json_with_nan_is_refused(tmp_path: Path) -> None:
    text = (SEEDS / "plan.json").read_text(encoding="utf-8")
    path = tmp_path / "nan.json"
    path.write_text(text.replace('"objective": 0.0', '"objective": NaN'), encoding="utf-8")
    with pytest.raises(InputError, match=r"solver\.objective: Input should be a finite number"):
        load_calendar(path)


# ---- dates outside the horizon, duplicate ids, dependency cycles -------------------------------

@pytest.mark.parametrize("edit", [
    ("at: 2026-12-10T19:00:00", "at: 2027-01-10T19:00:00"),    # pin after the horizon
    ("holidays: [2026-12-09]", "holidays: [2026-11-09]"),      # holiday before it
    ("days_off: [2026-12-10]", "days_off: [2030-12-10]"),      # a day off long after
])
def test_dates_outside_the_horizon(edit: tuple[str, str], tmp_path: Path) -> None:
    """A pin, a holiday and a day off outside the horizon are all refused, each on one line naming
    its field (item 17 of issue 24: this test used to accept either outcome for a day off)."""
    text = (SEEDS / "scenario.yaml").read_text(encoding="utf-8")
    assert edit[0] in text
    path = tmp_path / "outside.yaml"
    path.write_text(text.replace(*edit), encoding="utf-8")
    assert attempt(load_scenario, path) == "error"
    line = one_line_error(path, "--lang", "en")
    assert "is outside the horizon" in line
    field = {"at": "pins.publications[0].at", "holidays": "horizon.holidays[0]", "days_off": "team[1].days_off[0]"}
    assert f" {field[edit[0].split(':')[0]]}: " in line


def test_horizon_at_the_end_of_the_calendar(tmp_path: Path) -> None:
    """Loaded until Horizon bounded its start; `planner plan` then overflowed past 9999-12-31."""
    path = tmp_path / "far.yaml"
    path.write_text(MINI.format(name="far").replace("2026-12-07", "9999-12-29"), encoding="utf-8")
    assert "horizon.start" in one_line_error(path)


def test_calendar_row_outside_the_horizon_names_its_line(tmp_path: Path) -> None:
    path = tmp_path / "late.csv"
    path.write_text("选题,账号,时间\na,dy,2026-12-10 19:00\nb,dy,2027-02-01 19:00\n", encoding="utf-8")
    with pytest.raises(InputError) as caught:
        load_calendar(path)
    (problem,) = caught.value.problems
    assert (problem.line, problem.path) == (3, "time") and "outside the plan" in problem.message


@pytest.mark.parametrize("section", ["accounts", "team", "topics", "trends", "rules"])
def test_duplicate_ids(section: str, tmp_path: Path) -> None:
    text = (SEEDS / "scenario.yaml").read_text(encoding="utf-8")
    lines = text.splitlines()
    start = lines.index(f"{section}:")
    lines.insert(start + 1, lines[start + 1])  # the section's first entry, twice
    path = tmp_path / "dup.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["check", "-q", "--lang", "en", str(path)])
    assert result.exit_code == 1
    assert f"{section}[1].id: duplicate id" in result.output.splitlines()[0]


def test_duplicate_yaml_key(tmp_path: Path) -> None:
    path = tmp_path / "dupkey.yaml"
    path.write_text(MINI.format(name="a") + "name: b\n", encoding="utf-8")
    assert "invalid YAML" in one_line_error(path)


def test_duplicate_rule_id_in_a_pack(tmp_path: Path) -> None:
    text = (SEEDS / "pack.yaml").read_text(encoding="utf-8").replace("seed.gap", "seed.cap")
    path = tmp_path / "pack.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputError, match=r"\[R001\] duplicate rule id 'seed.cap'"):
        load_rule_pack(path)


def test_duplicate_history_rows_are_dropped_with_the_first_row_named(tmp_path: Path) -> None:
    from planner.metrics.ingest import import_history

    lines = (SEEDS / "history.csv").read_text(encoding="utf-8").splitlines()
    path = tmp_path / "dup.csv"
    path.write_text("\n".join([*lines, lines[1]]) + "\n", encoding="utf-8")
    result = import_history(path)
    assert [(d.row, d.reason) for d in result.report.dropped] == [(len(lines) + 1, "duplicate of row 2")]


CYCLES = {
    "after_itself": "  - {id: a, title: a, format: skit, goal: engage, platforms: [douyin], after: [a]}\n",
    "cycle_of_three": "".join(f"  - {{id: {t}, title: {t}, format: skit, goal: engage, platforms: [douyin], after: [{p}]}}\n"
                              for t, p in (("a", "c"), ("b", "a"), ("c", "b"))),
    "series_against_after": (
        "  - {id: a, title: a, format: skit, goal: engage, platforms: [douyin], series: s, episode: 1, after: [b]}\n"
        "  - {id: b, title: b, format: skit, goal: engage, platforms: [douyin], series: s, episode: 2}\n"),
}


@pytest.mark.parametrize("name", sorted(CYCLES))
@pytest.mark.parametrize("command", ["check", "plan"])
def test_dependency_cycles_are_named(name: str, command: str, tmp_path: Path) -> None:
    path = tmp_path / f"{name}.yaml"
    path.write_text(MINI.format(name=name) + "topics:\n" + CYCLES[name], encoding="utf-8")
    args = [command, "-q", "--lang", "en", str(path)] + (["--time-limit", "1"] if command == "plan" else [])
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 1
    line = result.output.strip()
    assert len(line.splitlines()) == 1 and ("dependency cycle: a -> " in line or "after itself" in line), line


def test_hostile_fixtures_are_all_used() -> None:
    """Every file in fixtures/hostile is named in some test of this folder."""
    here = Path(__file__).parent
    sources = "".join(p.read_text(encoding="utf-8") for p in here.glob("test_*.py"))
    unused = [p.name for p in HOSTILE.iterdir() if p.name not in sources]
    assert not unused, unused
