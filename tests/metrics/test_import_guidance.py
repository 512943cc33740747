"""A file the import cannot read says what it saw and what it wanted; the help lists every field."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from planner.cli import cli
from planner.errors import InputError
from planner.metrics.fields import FIELDS
from planner.metrics.ingest import import_history
from planner.metrics.mapping import parse_mapping


def test_missing_publish_time_names_what_it_saw_and_wanted(tmp_path: Path) -> None:
    path = tmp_path / "posts.csv"
    path.write_text("posted,views,likes\n2024-01-01 10:00,100,3\n", encoding="utf-8")
    with pytest.raises(InputError) as error:
        import_history(path)
    text = str(error.value)
    assert "no column for published_at (publish time" in text
    assert "no column for views" not in text and "views ← 'views'" in text  # a column named views is seen
    assert "columns are: posted, views, likes" in text and "published_at: posted" in text


def test_mapping_only_the_missing_field_is_enough(tmp_path: Path) -> None:
    path = tmp_path / "posts.csv"
    path.write_text("posted,views,likes\n2024-01-01 10:00,100,3\n2024-01-02 10:00,200,5\n", encoding="utf-8")
    mapping = parse_mapping({"published_at": "posted", "platform": "=douyin"}, "map.yaml")
    frame = import_history(path, mapping=mapping).frame
    assert frame["views"].tolist() == [100, 200] and frame["likes"].tolist() == [3, 5]


def test_fit_help_lists_every_mappable_field_with_an_example() -> None:
    result = CliRunner().invoke(cli, ["fit", "--help"])
    assert result.exit_code == 0
    for name in FIELDS:
        assert f"\n    {name} " in result.output
    assert "Example mapping file" in result.output and "published_at: Post time" in result.output


def test_growth_without_repeat_readings_is_assumed_and_can_be_set(tmp_path: Path) -> None:
    from metricskit import synthetic_export

    from planner.metrics.age import fit_growth

    path = tmp_path / "once.csv"
    synthetic_export(accounts=3, posts=20).to_csv(path, index=False)
    frame = import_history(path, preset="douyin").frame  # each post read once
    assumed = fit_growth(frame, ("views",))
    assert assumed.pairs == 0 and "assumed" in assumed.describe() and "--age-exponent" in assumed.describe()
    chosen = fit_growth(frame, ("views",), age_exponent=0.18)
    assert chosen.elasticity["views"] == 0.18 and "set with --age-exponent" in chosen.describe()
    assert "views ∝ age^0.18" in chosen.describe()
