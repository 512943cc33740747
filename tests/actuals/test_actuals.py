"""Actuals: an export matched to the plan, added to the history, and reviewed against the predictions."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from click.testing import CliRunner

from planner.actuals import append_history, import_actuals, read_actuals, review
from planner.actuals.history import actuals_csv
from planner.actuals.match import title_similarity
from planner.cli import cli
from planner.domain.plan import Plan, Publication
from planner.errors import InputError
from planner.metrics.default import DefaultValueModel
from planner.metrics.ingest import import_history
from planner.scenario import load
from planner.scoring.predict import predict_publications

SCENARIO = """\
name: 小店
horizon: {start: 2026-12-07, days: 7}
accounts:
  - {id: dy_shop, platform: 抖音, name: 小店官方, followers: 50000}
  - {id: bili_shop, platform: B站, name: 小店研究所, followers: 20000}
team:
  - {id: solo, roles: [策划, 脚本, 拍摄, 出镜, 剪辑, 运营], hours_per_day: 10}
topics:
  - {id: t1, title: 毛肚七上八下到底几秒, format: 教程, goal: 促活, platforms: [抖音, B站]}
  - {id: t2, title: 老板娘凌晨去菜市场, format: vlog, goal: 留存, platforms: [抖音]}
  - {id: t3, title: 新品番茄锅试吃, format: 口播, goal: 转化, platforms: [抖音]}
"""
POSTS = [("t1", "dy_shop", "douyin", "2026-12-08T19:00"), ("t1", "bili_shop", "bilibili", "2026-12-09T20:00"),
         ("t2", "dy_shop", "douyin", "2026-12-10T19:00"), ("t3", "dy_shop", "douyin", "2026-12-11T19:00")]


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "s.yaml").write_text(SCENARIO, encoding="utf-8")
    plan = Plan(scenario="小店", generated_at="2026-12-06T00:00:00+08:00",
                publications=[Publication(topic=t, account=a, platform=p, at=f"{at}:00+08:00") for t, a, p, at in POSTS])
    (tmp_path / "plan.json").write_text(plan.to_json(), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def predicted(folder: Path) -> pd.DataFrame:
    scenario = load(folder / "s.yaml")
    plan = Plan.model_validate_json((folder / "plan.json").read_text(encoding="utf-8"))
    return predict_publications(scenario, plan, DefaultValueModel()).set_index(["topic", "account"])


def douyin_export(folder: Path) -> Path:
    """The shop's Douyin export: t1 as predicted, t2 ten times the median (above its p90), t3 a
    tenth (below its p10), and a behind-the-scenes clip the plan never had."""
    pred = predicted(folder)
    rows = []
    for topic, title, when, factor in (("t1", "毛肚七上八下到底几秒 #火锅 #成都美食", "2026-12-08 19:02", 1.0),
                                       ("t2", "老板娘凌晨去菜市场", "2026-12-10 19:05", 10.0),
                                       ("t3", "新品番茄锅试吃来啦", "2026-12-11 19:01", 0.1)):
        p = pred.loc[(topic, "dy_shop")]
        rows.append({"作品名称": title, "发布时间": when, "播放量": round(p["views"] * factor),
                     "点赞量": round(p["likes"] * factor), "评论量": round(p["comments"] * factor),
                     "收藏量": round(p["saves"] * factor)})
    rows.append({"作品名称": "随手拍的后厨花絮", "发布时间": "2026-12-09 12:00", "播放量": 800, "点赞量": 9, "评论量": 1,
                 "收藏量": 0})
    path = folder / "douyin.xlsx"
    pd.DataFrame(rows).to_excel(path, index=False)
    return path


def test_title_similarity_reads_posted_titles_as_people_write_them() -> None:
    assert title_similarity("毛肚七上八下到底几秒", "毛肚七上八下到底几秒！#火锅 #成都美食") == 1.0
    assert title_similarity("新品番茄锅试吃", "新品番茄锅试吃来啦，快来") == 0.95
    assert title_similarity("新品番茄锅试吃", "随手拍的后厨花絮") < 0.35


def test_export_rows_match_the_plans_posts_and_the_rest_say_why(folder: Path) -> None:
    scenario = load(folder / "s.yaml")
    plan = Plan.model_validate_json((folder / "plan.json").read_text(encoding="utf-8"))
    matching, _ = import_actuals(douyin_export(folder), scenario, plan, preset="douyin", account="dy_shop")
    got = matching.actuals.set_index("topic")
    assert list(got.index) == ["t1", "t2", "t3"]
    assert set(got["account"]) == {"dy_shop"} and got.loc["t2", "hours_off"] == pytest.approx(5 / 60, abs=0.01)
    assert got.loc["t1", "post_id"] == "dy_shop@202612081902"
    assert [u.row for u in matching.unmatched] == [5]
    assert matching.unmatched[0].why == "计划中 dy_shop 在 12-09 12:00 前后 12 小时内没有发布"
    assert matching.lines()[0].endswith("4 行数据，匹配到计划中的 3 条发布，1 行未匹配")
    assert matching.not_posted == []  # bili's post is another account


def test_history_grows_by_new_posts_and_replaces_a_post_seen_again(folder: Path) -> None:
    scenario = load(folder / "s.yaml")
    plan = Plan.model_validate_json((folder / "plan.json").read_text(encoding="utf-8"))
    matching, _ = import_actuals(douyin_export(folder), scenario, plan, preset="douyin", account="dy_shop")
    history = folder / "history.csv"
    assert append_history(matching.actuals, history)[:2] == (3, 0)
    assert append_history(matching.actuals, history, lang="en")[2] == (
        f"appended to {history}: 0 new, 3 updated (deduplicated by post id)")
    again = import_history(history, preset="generic")  # the next fit reads it as it reads any history
    assert len(again.frame) == 3 and set(again.frame["account"]) == {"dy_shop"}
    (folder / "other.csv").write_text("作品名称,播放量\nx,1\n", encoding="utf-8")
    with pytest.raises(InputError, match="not in planner's own history layout"):
        append_history(matching.actuals, folder / "other.csv", lang="en")


def test_review_says_which_posts_fell_outside_and_how_the_intervals_hold(folder: Path) -> None:
    scenario = load(folder / "s.yaml")
    plan = Plan.model_validate_json((folder / "plan.json").read_text(encoding="utf-8"))
    matching, _ = import_actuals(douyin_export(folder), scenario, plan, preset="douyin", account="dy_shop")
    (folder / "actuals.csv").write_text(actuals_csv(matching.actuals), encoding="utf-8")
    result = review(scenario, plan, read_actuals(folder / "actuals.csv"), DefaultValueModel())
    views = result.posts[result.posts["metric"] == "views"].set_index("topic")
    assert views["verdict"].to_dict() == {"t1": "inside", "t2": "above", "t3": "below"}
    assert views.loc["t1", "actual"] == pytest.approx(views.loc["t1", "predicted"], rel=0.01)
    calibration = result.calibration.set_index("metric")
    assert calibration.loc["all", "posts"] == 12
    assert calibration.loc["all", "inside"] == pytest.approx(1 / 3)
    assert calibration.loc["views", "above"] == pytest.approx(1 / 3)
    channel = result.channels[result.channels["metric"] == "views"].iloc[0]
    assert channel["account"] == "dy_shop" and channel["posts"] == 3
    topics = result.topics[result.topics["metric"] == "views"]
    assert list(topics["topic"]) == ["t1", "t2", "t3"]
    # the account's median of the posts before each one: t2 and t3 have one, t1 none
    assert result.baseline.set_index("metric").loc["views", "posts"] == 2
    dy = result.factors[(result.factors["factor"] == "account") & (result.factors["level"] == "dy_shop")].iloc[0]
    assert dy["above"] == pytest.approx(1 / 3) and dy["below"] == pytest.approx(1 / 3)


def test_cli_import_then_review_as_table_and_html(folder: Path) -> None:
    douyin_export(folder)
    run = CliRunner().invoke(cli, ["actuals", "import", "douyin.xlsx", "--preset", "douyin", "--account", "dy_shop",
                                   "--scenario", "s.yaml", "--plan", "plan.json", "-o", "actuals.csv",
                                   "--history", "history.csv", "--lang", "en"])
    assert run.exit_code == 0, run.output
    assert "douyin.xlsx: 4 rows, 3 matched to the plan's publications, 1 unmatched" in run.output
    assert "unmatched row 5 '随手拍的后厨花絮'" in run.output
    assert "appended to history.csv: 3 new, 0 updated" in run.output
    table = CliRunner().invoke(cli, ["review", "s.yaml", "plan.json", "actuals.csv", "--lang", "en"])
    assert table.exit_code == 0, table.output
    assert "outside the interval: 8 of 12" in table.output
    assert "Per topic, all channels (全渠道)" in table.output and "Per channel (单渠道)" in table.output
    html = CliRunner().invoke(cli, ["review", "s.yaml", "plan.json", "actuals.csv", "--format", "html",
                                    "--report", "review.html"])
    assert html.exit_code == 0, html.output
    text = (folder / "review.html").read_text(encoding="utf-8")
    assert text.startswith("<!DOCTYPE html>") and "每个选题（全渠道）" in text and "↑高于区间" in text


def test_an_export_that_matches_nothing_writes_nothing(folder: Path) -> None:
    pd.DataFrame([{"作品名称": "完全无关", "发布时间": "2026-12-20 10:00", "播放量": 5}]).to_excel(folder / "x.xlsx",
                                                                                               index=False)
    run = CliRunner().invoke(cli, ["actuals", "import", "x.xlsx", "--preset", "douyin", "--scenario", "s.yaml",
                                   "--plan", "plan.json", "-o", "actuals.csv", "--lang", "en"])
    assert run.exit_code == 1
    assert "no row of the actuals matches a publication of the plan" in run.output
    assert not (folder / "actuals.csv").exists()


@pytest.mark.slow
def test_the_next_fit_learns_from_the_appended_posts(folder: Path) -> None:
    from planner.metrics.model import fit_model

    rng = np.random.default_rng(3)
    past = pd.DataFrame({
        "post_id": [f"old{i}" for i in range(30)], "title": [f"旧作品{i}" for i in range(30)], "account": "dy_shop",
        "platform": "douyin", "published_at": [f"2026-11-{1 + i % 28:02d}T19:00:00+08:00" for i in range(30)],
        "views": (10 ** rng.normal(4, 0.3, 30)).round(), "likes": (10 ** rng.normal(2.6, 0.3, 30)).round()})
    past.to_csv(folder / "history.csv", index=False)
    scenario = load(folder / "s.yaml")
    plan = Plan.model_validate_json((folder / "plan.json").read_text(encoding="utf-8"))
    matching, _ = import_actuals(douyin_export(folder), scenario, plan, preset="douyin", account="dy_shop")
    assert append_history(matching.actuals, folder / "history.csv")[:2] == (3, 0)
    frame = import_history(folder / "history.csv", preset="generic").frame
    assert len(frame) == 33 and {"dy_shop@202612081902", "old0"} <= set(frame["post_id"])
    model = fit_model(frame, metrics=("views",), source="history.csv")
    assert model.predict(frame.tail(3)).shape[0] == 3
