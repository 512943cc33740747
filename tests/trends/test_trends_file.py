"""trends.yaml: the writer's layout, its fast reader, and ruamel.yaml agreeing on both."""

from __future__ import annotations

import io
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from ruamel.yaml import YAML

from planner.domain.scenario import Trend
from planner.errors import InputError
from planner.trends.trendsfile import dump_trends, is_plain_safe, read_trends

CST = timezone(timedelta(hours=8))
T0 = datetime(2025, 3, 1, 8, 30, tzinfo=CST)
NASTY = [
    "a: b", "#tag", "- x", "yes", "No", "null", "~", "1.5", "2025-01-01", "12:30", "0x1F", "<<", "=", ".inf",
    " lead", "trail ", "tab\there", "line\nbreak", 'quote"s', "back\\slash", "sep\u2028arator", "nel\x85", "del\x7f",
    "bom\ufeff", "emoji 😀", "[x]", "{y}", "a #b", "end:", "'single'", "@at", "`tick", "%pct", "!bang", "&amp",
    "*star", "|pipe", ">gt", "?q", "，中文标点：", "", "true", "2025新年贺词", "中文版APT 难听",
]


def trend(i: int, text: str = "春日踏青", **fields: object) -> Trend:
    base: dict[str, object] = {
        "id": f"wb-20250301-{i:04d}", "name": text or "x", "keywords": [text, "踏青"], "category": text,
        "start": T0, "peak": T0 + timedelta(hours=2), "end": T0 + timedelta(hours=5), "peak_heat": 300000.0,
        "curve": [(T0, 0.333), (T0 + timedelta(hours=2), 1.0)], "source": text,
    }
    return Trend.model_validate({**base, **fields})


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "trends.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_round_trip_through_the_layout_reader(tmp_path: Path) -> None:
    trends = [trend(1), trend(2, "成都下雪了", peak=None, curve=[], after_window=0.1)]
    text = dump_trends(trends, "generated for a test\nsecond line")
    assert text.startswith("# generated for a test\n# second line\ntrends:\n  - id: wb-20250301-0001\n")
    assert "    name: 春日踏青\n" in text  # CJK as it is, never escaped
    assert "    curve: [[2025-03-01T08:30:00+08:00, 0.333], [2025-03-01T10:30:00+08:00, 1.0]]\n" in text
    assert read_trends(write(tmp_path, text)) == trends


@pytest.mark.parametrize("text", NASTY)
def test_ruamel_reads_what_the_writer_wrote(text: str, tmp_path: Path) -> None:
    original = trend(1, text)
    written = dump_trends([original])
    loaded = YAML(typ="safe", pure=True).load(io.StringIO(written))
    assert Trend.model_validate(loaded["trends"][0]) == original
    assert read_trends(write(tmp_path, written)) == [original]


def test_plain_only_where_it_reads_back_as_the_same_text() -> None:
    assert is_plain_safe("春日踏青") and is_plain_safe("wb-20250301-0001") and is_plain_safe("中文版APT 难听")
    assert not any(is_plain_safe(t) for t in ["yes", "1.5", "2025-01-01", "a: b", "#x", " x", "x ", ""])


def test_an_empty_file_of_trends(tmp_path: Path) -> None:
    assert dump_trends([]) == "trends: []\n"
    assert read_trends(write(tmp_path, "trends: []\n")) == []


def test_a_hand_edited_file_is_read_by_ruamel(tmp_path: Path) -> None:
    path = write(tmp_path, (
        "trends:\n"
        "  - id: snow   # edited by hand\n"
        "    name: 成都下雪了\n"
        "    keywords:\n      - 成都\n      - 下雪\n"
        "    start: 2025-03-01 08:00:00+08:00\n"
        "    end: 2025-03-02T08:00:00+08:00\n"
    ))
    [snow] = read_trends(path)
    assert snow.keywords == ["成都", "下雪"]
    assert snow.start == datetime(2025, 3, 1, 8, tzinfo=CST)


def test_problems_are_located(tmp_path: Path) -> None:
    text = dump_trends([trend(1), trend(2, end=T0 + timedelta(hours=1), peak=None, curve=[])])
    text = text.replace("end: 2025-03-01T09:30:00+08:00", "end: 2025-03-01T07:30:00+08:00")
    path = write(tmp_path, text)
    with pytest.raises(InputError) as error:
        read_trends(path)
    assert [str(p) for p in error.value.problems] == [
        f"{path}:12 trends[1]: window ends (2025-03-01 07:30:00+08:00) before it starts (2025-03-01 08:30:00+08:00)"
    ]


def test_unknown_fields_and_repeated_ids(tmp_path: Path) -> None:
    path = write(tmp_path, (
        "trends:\n"
        "  - {id: a, name: A, start: 2025-03-01T08:00:00, end: 2025-03-01T09:00:00, heat: 3}\n"
        "  - {id: a, name: B, start: 2025-03-01T08:00:00, end: 2025-03-01T09:00:00}\n"
    ))
    with pytest.raises(InputError) as error:
        read_trends(path)
    assert [str(p) for p in error.value.problems] == [
        f"{path}:2 trends[0].heat: unknown field 'heat'",
        f"{path}:3 trends[1].id: id 'a' repeats (first at line 2)",
    ]
