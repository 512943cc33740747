"""Reading hand-made plans: CSV calendars (English or Chinese headers) and plan JSON."""

from __future__ import annotations

from pathlib import Path

import pytest
from scorekit import at, plan_of, small

from planner.errors import InputError
from planner.scenario import load
from planner.scenario.calendar import parse_calendar, read_any_plan, read_calendar

FIXTURES = Path(__file__).resolve().parent / "fixtures"
BROKEN = FIXTURES / "broken"
DEMO = Path(__file__).resolve().parents[2] / "scenarios" / "demo.yaml"


def test_the_demo_calendar_reads_with_chinese_headers_and_titles() -> None:
    scenario = load(DEMO)
    plan = read_calendar(FIXTURES / "demo_three_breaks.csv", scenario)
    assert plan.solver.status == "MANUAL"
    assert len(plan.publications) == 66
    assert plan.tasks == []
    first = plan.publications[0]
    assert (first.topic, first.account, first.platform) in {("t01", "dy_brand", "douyin"), ("t05", "bili_brand", "bilibili")}
    assert first.at == at(7, 19)  # naive times are read in the scenario's zone


def test_rows_with_a_stage_are_tasks_lasting_the_stages_hours() -> None:
    text = ("topic,account,time,member,stage,备注\n"
            "a,dy,2026-12-09 19:00,,,first post\n"
            "a,ks,2026-12-09T21:00:00+08:00,,发布,\n"
            "a,,2026-12-08 10:00,ann、bob,拍摄,\n"
            "a,ks,2026-12-09 10:00,安,二次剪辑,\n")
    plan = parse_calendar(text, small(), "cal.csv")
    assert [(p.account, p.at) for p in plan.publications] == [("dy", at(9, 19)), ("ks", at(9, 21))]
    shoot, adapt = plan.tasks
    assert (shoot.stage, shoot.members, shoot.start, shoot.end) == ("shoot", ["ann", "bob"], at(8, 10), at(8, 11))
    assert (adapt.stage, adapt.members, adapt.end) == ("adapt:kuaishou", ["ann"], at(9, 10, 30))


BROKEN_CASES = [
    ("unknown_topic.csv", 3, "topic", "unknown topic 'zz'"),
    ("unknown_account.csv", 3, "account", "unknown account 'kuai'"),
    ("bad_time.csv", 2, "time", "not a time: '明天晚上' (expected e.g. 2026-12-08 19:00)"),
    ("outside_horizon.csv", 2, "time", "2026-12-25 19:00 is outside the plan (2026-12-07 .. 2026-12-13)"),
    ("missing_time_column.csv", 1, "time", "missing column 'time' (时间); the header is: topic, account"),
    ("task_without_member.csv", 2, "member", "a shoot task needs a member"),
    ("unknown_stage.csv", 2, "stage", "a (talking_head) has no stage 'colour grading'; its stages: script, shoot, "
                                      "edit, adapt:kuaishou"),
    ("unknown_member.csv", 2, "member", "unknown member 'carol'"),
    ("post_without_account.csv", 1, "account", "missing column 'account' (账号)"),
]


@pytest.mark.parametrize(("name", "line", "column", "message"), BROKEN_CASES, ids=[c[0] for c in BROKEN_CASES])
def test_a_broken_calendar_names_file_line_and_column(name: str, line: int, column: str, message: str) -> None:
    with pytest.raises(InputError) as caught:
        read_calendar(BROKEN / name, small())
    (problem,) = caught.value.problems
    assert (Path(problem.file or "").name, problem.line, problem.path) == (name, line, column)
    assert problem.message.startswith(message)


def test_every_bad_row_is_reported_not_only_the_first() -> None:
    text = "topic,account,time\nzz,dy,2026-12-08 19:00\na,dy,2026-12-08 19:00\nb,xx,2026-12-08 19:00\nc,ks,soon\n"
    with pytest.raises(InputError) as caught:
        parse_calendar(text, small(), "cal.csv")
    assert [(p.line, p.path) for p in caught.value.problems] == [(2, "topic"), (4, "account"), (5, "time")]
    assert str(caught.value.problems[0]).startswith("cal.csv:2 topic: unknown topic 'zz'")


def test_names_work_for_ids_but_an_ambiguous_name_asks_for_the_id() -> None:
    scenario = small(accounts=[{"id": "dy", "platform": "douyin", "name": "同名"},
                               {"id": "ks", "platform": "kuaishou", "name": "同名"}])
    with pytest.raises(InputError) as caught:
        parse_calendar("选题,账号,时间\nTopic A,同名,2026-12-08 19:00\n", scenario)
    assert caught.value.problems[0].message == "account name '同名' is ambiguous; write the id"


def test_a_gb18030_calendar_from_excel_reads(tmp_path: Path) -> None:
    path = tmp_path / "excel.csv"
    path.write_bytes("选题,账号,时间\nTopic A,抖音号,2026/12/8 19:00\n".encode("gb18030"))
    plan = read_calendar(path, small())
    assert [(p.topic, p.account, p.at) for p in plan.publications] == [("a", "dy", at(8, 19))]


def test_a_plan_json_with_unknown_ids_is_an_input_error(tmp_path: Path) -> None:
    path = tmp_path / "plan.json"
    path.write_text(plan_of([("a", "dy", at(8, 19)), ("zz", "dy", at(8, 21))]).to_json(), encoding="utf-8")
    with pytest.raises(InputError) as caught:
        read_any_plan(path, small())
    assert [(p.path, p.message) for p in caught.value.problems] == [
        ("publications[1].topic", "unknown topic 'zz'; valid: " + ", ".join(small().topic_by_id))]


def test_a_plan_json_reads_as_it_is(tmp_path: Path) -> None:
    path = tmp_path / "plan.json"
    original = plan_of([("a", "dy", at(8, 19))])
    path.write_text(original.to_json(), encoding="utf-8")
    assert read_any_plan(path, small()) == original
