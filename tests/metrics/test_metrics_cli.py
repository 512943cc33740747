"""``planner fit | backtest | besttime | factors`` as a user runs them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from metricskit import FIXTURES, synthetic_export

from planner.cli import cli
from planner.metrics.model import MetricModel

COMMANDS = ("fit", "backtest", "besttime", "factors")


def run(*args: str | Path) -> Result:
    return CliRunner().invoke(cli, [str(a) for a in args])


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_help_with_an_example(command: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PLANNER_LANG", "en")  # the English help (Chinese: tests/test_help_lang.py)
    result = run(command, "--help")
    assert result.exit_code == 0
    assert "Example:" in result.output
    assert f"planner {command} " in result.output


def test_fit_writes_a_model_file_that_loads(tmp_path: Path) -> None:
    history = tmp_path / "small_douyin.csv"
    synthetic_export(accounts=4, posts=30).to_csv(history, index=False)
    out = tmp_path / "out" / "model.json"
    result = run("fit", history, "--preset", "douyin", "-o", out)
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[0].startswith(
        "fitted views, likes, comments, shares, saves, completion, follower_gain on 120 posts of 4 accounts (douyin")
    assert "counts brought to 3 days (72 h) after publishing" in result.stdout
    assert "80% intervals calibrated on the newest" in result.stdout
    assert result.stdout.splitlines()[-1] == f"wrote {out}"
    assert "120 of 120 rows used (preset douyin" in result.stderr
    assert MetricModel.load(out).metrics[0] == "views"


def test_fit_with_a_mapping_file_and_a_common_age(history_csv: Path, tmp_path: Path) -> None:
    mapping = tmp_path / "map.yaml"
    mapping.write_text("published_at: 发布时间\nviews: 播放量\naccount: 账号\nplatform: =kuaishou\n"
                       "observed_at: 数据更新时间\nfollowers: 粉丝数\n", encoding="utf-8")
    out = tmp_path / "model.json"
    result = run("fit", history_csv, "--map", mapping, "--age", "24", "-o", out)
    assert result.exit_code == 0, result.output
    assert "fitted views on 360 posts of 8 accounts (kuaishou" in result.stdout
    assert "counts brought to 24 h after publishing" in result.stdout
    assert "column mapping" in result.stderr


def test_backtest_prints_a_table(history_csv: Path) -> None:
    result = run("backtest", history_csv, "--metric", "views", "--folds", "1")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0].startswith("time-ordered backtest, 1 fold(s): test ")
    assert lines[2].split() == ["metric", "predictor", "mae_log10", "spearman", "coverage80", "n_test"]
    assert [line.split()[1] for line in lines[3:]] == ["model", "account_median", "category_median"]
    assert "fold 1: trained on" in result.stderr


def test_backtest_json_is_the_documented_shape(history_csv: Path) -> None:
    result = run("backtest", history_csv, "--metric", "views", "--metric", "likes", "--format", "json", "--folds", "1")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert set(data) == {"views", "likes"}
    assert set(data["views"]["model"]) == {"mae_log10", "spearman", "coverage80"}
    assert set(data["views"]["baselines"]) == {"account_median", "category_median"}
    assert data["views"]["n_test"] > 0


def test_besttime_from_a_saved_model(model_file: Path) -> None:
    result = run("besttime", model_file, "--account", "acct0", "--lang", "en")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0].startswith("expected views of a typical post by acct0 (抖音")
    assert lines[3].startswith("      00 01 02")
    assert [line[:3] for line in lines[4:11]] == ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
    assert "best slots (80% interval of the expected value):" in lines
    chinese = run("besttime", model_file, "--account", "acct0").stdout.splitlines()
    assert [line[:2] for line in chinese[4:11]] == ["周一", "周二", "周三", "周四", "周五", "周六", "周日"]


def test_besttime_unknown_account_is_a_one_line_error(model_file: Path) -> None:
    result = run("besttime", model_file, "--account", "nobody")
    assert result.exit_code == 1
    assert result.stderr.strip() == "error: --account: account 'nobody' is not in the history"


def test_factors_prints_effects_in_words(history_csv: Path) -> None:
    result = run("factors", history_csv, "--bootstraps", "20", "--lang", "en")
    assert result.exit_code == 0, result.output
    text = result.stdout
    assert text.startswith("what moves views (360 posts):")
    assert "trend link:\n  trend-linked 蹭热点: +" in text
    assert "views against not trend-linked (±" in text and "; within accounts +" in text
    chinese = run("factors", history_csv, "--bootstraps", "20").stdout
    assert chinese.startswith("影响views的因素（360 条作品）") and "账号内 +" in chinese


def test_bad_input_is_one_line_naming_file_and_row(tmp_path: Path) -> None:
    result = run("fit", FIXTURES / "no_rows.csv", "-o", tmp_path / "m.json")
    assert result.exit_code == 1
    assert result.stderr.strip() == (
        f"error: {FIXTURES / 'no_rows.csv'}: no usable rows: 2 rows read, none usable (first: row 2: 发布时间 is blank)")
    assert not (tmp_path / "m.json").exists()


def test_mapping_typo_is_reported_with_its_line(tmp_path: Path) -> None:
    result = run("fit", FIXTURES / "custom.csv", "--map", FIXTURES / "bad_map.yaml", "-o", tmp_path / "m.json")
    assert result.exit_code == 1
    assert result.stderr.startswith(f"error: {FIXTURES / 'bad_map.yaml'}:3 veiws: unknown field 'veiws' (did you mean 'views'?)")


def test_missing_history_file(tmp_path: Path) -> None:
    result = run("factors", tmp_path / "nope.csv")
    assert result.exit_code == 1
    assert result.stderr.strip() == f"error: {tmp_path / 'nope.csv'}: no such file"
