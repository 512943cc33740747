"""End to end: hot-list snapshots -> trend windows -> a scenario whose trend topics go out inside them."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from planner.cli import cli
from planner.domain.scenario import Scenario
from planner.solver import SolveOptions, solve
from planner.trends.trendsfile import read_trends

DATA = Path(__file__).parent / "data" / "board.csv"


def test_imported_trend_topics_are_planned_inside_their_windows(tmp_path: Path) -> None:
    out = tmp_path / "trends.yaml"
    result = CliRunner().invoke(cli, ["trends", "import", str(DATA), "-o", str(out)])
    assert result.exit_code == 0, result.output
    trends = {t.name: t for t in read_trends(out)}
    snow, spring = trends["成都下雪了"], trends["春日踏青"]
    # Three days to script, shoot and edit before the snow trend breaks on 03-01 morning.
    scenario = Scenario.model_validate({
        "name": "trend slice",
        "horizon": {"start": "2025-02-26", "days": 4},
        "accounts": [{"id": "dy", "platform": "douyin", "followers": 50000},
                     {"id": "wb", "platform": "weibo", "followers": 20000}],
        "team": [{"id": "ann", "roles": ["writer", "shooter", "editor", "planner"]},
                 {"id": "bob", "roles": ["talent", "shooter", "editor"]}],
        "trends": [snow.model_dump(), spring.model_dump()],
        "topics": [
            {"id": "snow", "title": "成都下雪了吃火锅", "format": "talking_head", "goal": "acquire",
             "platforms": ["douyin"], "trend": snow.id},
            {"id": "walk", "title": "春日踏青带火锅", "format": "vlog", "goal": "engage",
             "platforms": ["weibo"], "trend": spring.id},
        ],
    })
    plan = solve(scenario, SolveOptions(time_limit=10, workers=1)).plan
    assert {p.topic for p in plan.publications} == {"snow", "walk"}
    for pub in plan.publications:
        trend = scenario.trend_by_id[scenario.topic_by_id[pub.topic].trend or ""]
        assert trend.start <= pub.at <= trend.end, (pub.topic, pub.at, trend.start, trend.end)
