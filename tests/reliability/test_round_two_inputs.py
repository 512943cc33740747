"""Round two (issue 24), inputs: crashes and bad messages a red-team pass found.

Each test names its item of issue 24; every one of them failed before its fix.
"""

from __future__ import annotations

import copy
import json
import os
import pickle
import threading
import time
import unicodedata
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from relkit import SEEDS, attempt, load_scenario, load_snapshots, load_trends_file

from planner.cli import cli
from planner.errors import MAX_PROBLEMS, InputError, Problem
from planner.scenario import load

MINI = """name: m
horizon: {start: 2026-12-07, days: 7}
accounts:
  - {id: dy, platform: douyin}
"""


def problems_of(path: Path, **kwargs: Any) -> list[Problem]:
    with pytest.raises(InputError) as caught:
        load_scenario(path) if not kwargs else load(path, **kwargs)
    return caught.value.problems


# ---- item 4: rule packs never come from the current folder -----------------------------------------


def test_bare_pack_name_is_never_read_from_the_working_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Item 4: `rule_packs: [passwd]` run from /etc read /etc/passwd and quoted it."""
    (tmp_path / "project").mkdir()
    (tmp_path / "cwd").mkdir()
    (tmp_path / "cwd" / "passwd").write_text("root:x:0:0:root:/root:/bin/bash\n", encoding="utf-8")
    (tmp_path / "cwd" / "passwd.yaml").write_text("root:x:0:0:root:/root:/bin/bash\n", encoding="utf-8")
    scenario = tmp_path / "project" / "s.yaml"
    scenario.write_text(MINI + "rule_packs: [passwd]\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path / "cwd")
    (problem,) = problems_of(scenario)
    assert "no rule pack 'passwd' (known: " in problem.message and "root:" not in str(problem)
    assert problem.path == "rule_packs[0]" and problem.line == 5


def test_bare_pack_name_is_a_bundled_pack_only(tmp_path: Path) -> None:
    """Item 4: a file beside the scenario is a pack only when named as a path (`./mine.yaml`)."""
    pack = (SEEDS / "pack.yaml").read_text(encoding="utf-8")
    (tmp_path / "douyin.yaml").write_text(pack.replace("seed.", "local."), encoding="utf-8")
    (tmp_path / "packs").mkdir()
    (tmp_path / "packs" / "mine.yaml").write_text(pack, encoding="utf-8")
    scenario = tmp_path / "s.yaml"
    scenario.write_text(MINI + "rule_packs: [douyin, packs/mine.yaml, ./douyin.yaml]\n", encoding="utf-8")
    from planner.rules.packs import pack_path

    assert pack_path("douyin", str(tmp_path)).parent.name == "rules"  # the bundled one, not the local file
    assert pack_path("packs/mine.yaml", str(tmp_path)) == tmp_path / "packs" / "mine.yaml"
    assert pack_path("./douyin.yaml", str(tmp_path)) == tmp_path / "douyin.yaml"
    with pytest.raises(FileNotFoundError, match=r"no rule pack file 'gone\.yaml'"):
        pack_path("gone.yaml", str(tmp_path))


# ---- item 7: complex keys --------------------------------------------------------------------------


@pytest.mark.parametrize("text", ["? [[x]]\n: 1\n", "? {a: [1]}\n: 1\n", "name: m\n? [a, [b]]\n: 2\n"])
def test_complex_yaml_key_is_a_located_error(text: str, tmp_path: Path) -> None:
    """Item 7: a nested complex key crashed the YAML reader with a TypeError (check, rules lint, trends show)."""
    for name, loader in (("s.yaml", load_scenario), ("trends.yaml", load_trends_file)):
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        assert attempt(loader, path) == "error"
        with pytest.raises(InputError) as caught:
            loader(path)
        assert "key" in str(caught.value) and caught.value.problems[0].line is not None
    result = CliRunner().invoke(cli, ["rules", "lint", str(tmp_path / "s.yaml")])
    assert result.exit_code == 1 and "Traceback" not in result.output and "internal error" not in result.output


# ---- item 8 and 15: NUL bytes and over-long names in paths ------------------------------------------


@pytest.mark.parametrize("extra", ['extends: "a\\0b.yaml"', 'history: {path: "h\\0.csv"}', 'history: {model: "m\\0.json"}',
                                   'rule_packs: ["p\\0.yaml"]'])
def test_nul_in_a_path_is_a_located_error(extra: str, tmp_path: Path) -> None:
    """Item 8: a NUL byte in a path raised ValueError."""
    path = tmp_path / "s.yaml"
    path.write_text((MINI if "extends" not in extra else "name: m\n") + extra + "\n", encoding="utf-8")
    for allow in (False, True):
        problems = problems_of(path, allow_outside=allow)
        assert any("NUL" in p.message and p.line is not None for p in problems), problems


@pytest.mark.parametrize("extra", ["extends: {name}.yaml", "history: {{path: {name}.csv}}"])
def test_over_long_file_name_names_the_file_and_line(extra: str, tmp_path: Path) -> None:
    """Item 15: a 5,000-character `extends` name gave `File name too long` with no file or line."""
    path = tmp_path / "s.yaml"
    path.write_text((MINI if "extends" not in extra else "name: m\n") + extra.format(name="x" * 5000) + "\n",
                    encoding="utf-8")
    (problem,) = problems_of(path)
    assert problem.file and problem.line is not None and "too long" in problem.message


# ---- item 9: lone surrogates -----------------------------------------------------------------------


@pytest.mark.parametrize(("edit", "field"), [
    (("name: 种子 seed", 'name: "x\\udfff"'), "name"),
    (("name: 安", 'name: "安\\ud800"'), "team[0].name"),
    (("category: 美食", 'category: "\\udc80食"'), "accounts[0].category"),
    (("name: 初雪", 'name: "初雪\\udfff"'), "trends[0].name"),
    (("title: 话题A", 'title: "\\ud83d"'), "topics[0].title"),
])
def test_lone_surrogate_is_refused_when_read(edit: tuple[str, str], field: str, tmp_path: Path) -> None:
    """Item 9: `name: "x\\udfff"` passed check and crashed `plan -o` and the reports."""
    text = (SEEDS / "scenario.yaml").read_text(encoding="utf-8")
    assert edit[0] in text
    path = tmp_path / "s.yaml"
    path.write_text(text.replace(*edit, 1), encoding="utf-8")
    (problem,) = problems_of(path)
    assert problem.path == field and problem.line is not None and "surrogate" in problem.message
    str(problem).encode("utf-8")  # the message itself prints


def test_hashtag_with_a_lone_surrogate_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "s.yaml"
    path.write_text(MINI + 'topics:\n  - {id: a, title: t, format: vlog, goal: engage, platforms: [douyin], '
                    'hashtags: [ok, "\\udfff"]}\n', encoding="utf-8")
    (problem,) = problems_of(path)
    assert problem.path == "topics[0].hashtags[1]" and problem.line == 6


def test_surrogate_pair_written_as_escapes_is_a_character(tmp_path: Path) -> None:
    path = tmp_path / "s.yaml"
    path.write_text(MINI.replace("name: m", 'name: "\\ud83d\\ude00"'), encoding="utf-8")
    assert load(path).name in ("\U0001f600", "\ud83d\ude00".encode("utf-16", "surrogatepass").decode("utf-16"))


def test_trends_jsonl_and_trends_file_refuse_lone_surrogates(tmp_path: Path) -> None:
    lines = (SEEDS / "snapshots.jsonl").read_text(encoding="utf-8").splitlines()
    record = json.loads(lines[0])
    title = next(k for k, v in record.items() if isinstance(v, str) and not v[:1].isdigit())
    record[title] = "热点\udfff"
    path = tmp_path / "s.jsonl"
    path.write_text("\n".join([json.dumps(record), *lines[1:]]) + "\n", encoding="utf-8")
    with pytest.raises(InputError, match="surrogate") as caught:
        load_snapshots(path)
    assert caught.value.problems[0].line == 1
    trends = tmp_path / "trends.yaml"
    trends.write_text('trends:\n  - id: t\n    name: "热\\udfff"\n    start: 2026-12-07T08:00:00\n'
                      '    end: 2026-12-08T08:00:00\n', encoding="utf-8")
    with pytest.raises(InputError, match="surrogate"):
        load_trends_file(trends)


# ---- item 10: deep JSON ----------------------------------------------------------------------------

DEEP = "[" * 2000 + "]" * 2000


def test_deep_json_in_a_snapshot_line_is_an_error(tmp_path: Path) -> None:
    """Item 10: JSON nested 2,000 deep in a trends JSON-lines file raised RecursionError."""
    lines = (SEEDS / "snapshots.jsonl").read_text(encoding="utf-8").splitlines()
    path = tmp_path / "s.jsonl"
    path.write_text("\n".join([lines[0], '{"a": ' + DEEP + "}", *lines[1:]]) + "\n", encoding="utf-8")
    with pytest.raises(InputError, match="nested") as caught:
        load_snapshots(path)
    assert caught.value.problems[0].line == 2


@pytest.mark.parametrize("value", ["[]", "[1, 2]", '{"a": 1}'])
def test_snapshot_cell_holding_a_list_is_an_error(value: str, tmp_path: Path) -> None:
    """Found by the round-two fuzz run: `"time": []` in a JSON line raised ValueError (pd.isna of a list)."""
    lines = (SEEDS / "snapshots.jsonl").read_text(encoding="utf-8").splitlines()
    record = json.loads(lines[0])
    path = tmp_path / "s.jsonl"
    path.write_text("\n".join([json.dumps({**record, "time": json.loads(value)}), *lines[1:]]) + "\n", encoding="utf-8")
    with pytest.raises(InputError, match="time") as caught:
        load_snapshots(path)
    assert caught.value.problems[0].line == 1


def test_deep_json_reader_keeps_its_errors_json_errors() -> None:
    from planner.scenario.yamlio import loads_json

    with pytest.raises(json.JSONDecodeError, match="nested"):
        loads_json(DEEP)
    with pytest.raises(json.JSONDecodeError, match="surrogate"):
        loads_json('{"a": ["\\udfff"]}')
    assert loads_json('{"a": "\\ud83d\\ude00"}') == {"a": "\U0001f600"}


def test_deep_json_in_a_history_model_is_an_error(tmp_path: Path) -> None:
    """Item 10: a `history.model` file nested 2,000 deep raised RecursionError."""
    from planner.metrics.model import MetricModel

    path = tmp_path / "model.json"
    path.write_text(DEEP, encoding="utf-8")
    with pytest.raises(InputError):
        MetricModel.load(path)


# ---- item 13: the scenario cannot change under its own caches ---------------------------------------


@pytest.fixture
def seed() -> Any:
    return load(SEEDS / "scenario.yaml")


def test_scenario_lists_cannot_be_mutated(seed: Any) -> None:
    """Item 13: appending to `scenario.topics` after a lookup gave a KeyError from a stale cache, and
    `accounts.clear()` or a duplicate id went unchecked into `plan()`."""
    assert seed.topic_by_id["a"].id == "a"
    for mutate in (lambda: seed.topics.append(seed.topics[0]), lambda: seed.accounts.clear(),
                   lambda: seed.team.pop(), lambda: seed.rules.__setitem__(0, seed.rules[0]),
                   lambda: seed.topics[0].platforms.append("weibo"), lambda: seed.horizon.holidays.clear(),
                   lambda: seed.objective.goal_weights.update(engage=5.0), lambda: seed.rules[0].params.clear(),
                   lambda: seed.topics.sort(key=lambda t: t.id), lambda: seed.trends.__delitem__(0)):
        with pytest.raises(TypeError, match="cannot be changed"):
            mutate()
    with pytest.raises(TypeError):
        seed.topics += [seed.topics[0]]  # no in-place add; the model itself is frozen too
    assert len(seed.topics) == 3 and len(seed.accounts) == 2 and seed.topic_by_id.keys() == {"a", "b", "c"}


def test_frozen_lists_still_read_as_lists(seed: Any) -> None:
    assert seed.rule_packs == ["douyin", "tiktok"] and seed.topics[0].platforms == ["douyin", "tiktok"]
    assert isinstance(seed.topics, list) and seed.topics[-1].id == "c" and [t.id for t in seed.topics[1:]] == ["b", "c"]
    more = seed.topics + [seed.topics[0]]  # noqa: RUF005 (what a user writes: + gives a new, ordinary list)
    more.append(seed.topics[0])
    assert len(more) == 5
    assert json.loads(seed.model_dump_json())["rule_packs"] == ["douyin", "tiktok"]
    assert copy.deepcopy(seed) == seed and pickle.loads(pickle.dumps(seed)) == seed
    assert type(seed).model_validate(seed.model_dump()).model_dump() == seed.model_dump()


def test_model_copy_drops_cached_lookups(seed: Any) -> None:
    assert "c" in seed.topic_by_id
    fewer = seed.model_copy(update={"topics": seed.topics[:2], "pins": type(seed.pins)()})
    assert fewer.topic_by_id.keys() == {"a", "b"}


# ---- item 14: big YAML stops early; printed problems are capped -------------------------------------


def test_yaml_node_count_stops_the_parse_early(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Item 14: a 1 MB list of 1s took 58 s and 740 MB: values are now counted while parsing."""
    from planner.scenario import yamlio

    path = tmp_path / "ones.yaml"
    path.write_text("name: m\nlist: [" + ", ".join(["1"] * 100_000) + "]\n", encoding="utf-8")
    monkeypatch.setattr(yamlio, "MAX_PARSED_NODES", 1000)
    started = time.perf_counter()
    (problem,) = problems_of(path)
    assert time.perf_counter() - started < 1.5  # parsing the whole list takes several seconds
    assert "more than 1000 values" in problem.message and problem.line == 2


def test_node_limit_leaves_room_for_the_largest_bench_scenario() -> None:
    from planner.scenario.yamlio import MAX_NODES, MAX_PARSED_NODES

    # The XL bench scenario (3,000 topics) has about 124,000 values; a 1 MB list of 1s 260,000-520,000.
    assert 200_000 <= MAX_PARSED_NODES < 260_000 and MAX_NODES >= MAX_PARSED_NODES


def test_many_problems_print_the_first_fifty_and_a_count(tmp_path: Path) -> None:
    """Item 14: 450,000 unknown keys printed 450,005 errors."""
    path = tmp_path / "keys.yaml"
    path.write_text(MINI + "".join(f"k{i}: 1\n" for i in range(300)), encoding="utf-8")
    result = CliRunner().invoke(cli, ["check", "-q", str(path)])
    lines = result.output.strip().splitlines()
    assert result.exit_code == 1 and len(lines) == MAX_PROBLEMS + 1
    assert lines[-1] == "error: ... and 250 more problems (the first 50 are shown)"
    error = InputError([Problem(str(i)) for i in range(120)])
    assert error.total == 120 and len(error.problems) == MAX_PROBLEMS + 1
    merged = InputError([*error.problems, Problem("x")])
    assert merged.total == 121 and merged.problems[-1].message.startswith("... and 71 more")


# ---- item 15: the messages that named nothing -------------------------------------------------------


def test_nul_byte_in_yaml_has_a_line_number(tmp_path: Path) -> None:
    """Item 15: a NUL byte in a YAML file was reported with no line."""
    path = tmp_path / "s.yaml"
    path.write_bytes(MINI.encode() + b"description: a\x00b\n")
    (problem,) = problems_of(path)
    assert (problem.line, problem.column) == (5, 15)


def test_fifo_is_read_not_called_missing(tmp_path: Path) -> None:
    """Item 15: a FIFO (`planner check <(cat s.yaml)`) was `no such file`; it is read, within the size limit."""
    fifo = tmp_path / "s.yaml"
    os.mkfifo(fifo)
    writer = threading.Thread(target=lambda: fifo.write_text(MINI, encoding="utf-8"), daemon=True)
    writer.start()
    assert load(fifo).name == "m"
    writer.join(5)


def test_a_folder_is_not_called_missing(tmp_path: Path) -> None:
    (tmp_path / "dir.yaml").mkdir()
    from planner.scenario.yamlio import read_yaml

    with pytest.raises(InputError, match="is a folder"):
        read_yaml(tmp_path / "dir.yaml")


@pytest.mark.parametrize("extra", ["history: {path: gone.csv}", "history: {model: gone.json}"])
def test_check_refuses_a_missing_history_file(extra: str, tmp_path: Path) -> None:
    """Item 15: `check` passed a history file that does not exist and `plan` then refused."""
    path = tmp_path / "s.yaml"
    path.write_text(MINI + extra + "\n", encoding="utf-8")
    (problem,) = problems_of(path)
    assert "no such file" in problem.message and problem.line == 5 and problem.path.startswith("history.")


# ---- item 16: title length as the platforms count ---------------------------------------------------


def _judge(title: str, **limits: int) -> str | None:
    from planner.domain.scenario import RuleSpec, Topic
    from planner.rules.packs import build_rule

    rule = build_rule(RuleSpec.model_validate({"id": "t", "kind": "text_limits", **limits}))
    topic = Topic(id="a", title=title, format="vlog", goal="engage", platforms=["douyin"])
    return rule.judge(topic, "douyin")  # type: ignore[attr-defined,no-any-return]


def test_title_counts_what_a_person_sees() -> None:
    """Item 16: three ZWJ family emoji counted 21; NFD "café" counted more than NFC."""
    family = "\U0001f468\u200d\U0001f469\u200d\U0001f467\u200d\U0001f466"
    assert _judge(family * 3, title_max=3) is None
    assert _judge(family * 4, title_max=3) is not None and "4 characters" in str(_judge(family * 4, title_max=3))
    nfd = unicodedata.normalize("NFD", "café")
    assert len(nfd) == 5 and _judge(nfd, title_max=4) is None
    assert _judge("\U0001f1e8\U0001f1f3\U0001f44d\U0001f3fd1\ufe0f\u20e3", title_max=3) is None  # flag, thumb, keycap


def test_invisible_characters_do_not_satisfy_a_minimum() -> None:
    """Item 16: six zero-width spaces satisfied a minimum of 6."""
    assert _judge("\u200b" * 6, title_min=6) is not None
    assert _judge("a\u200db\u2060c\ufeffd\u200ce\u00adf", title_min=7) is not None
    assert _judge("   话题   ", title_min=3) is not None
    assert _judge("话题 六个字呀", title_min=6) is None
