"""``planner actuals import``: a creator-centre export, read by the history presets, matched to a plan."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from planner.actuals.match import Matching, match_actuals
from planner.domain.plan import Plan
from planner.domain.scenario import Scenario
from planner.metrics.ingest import ImportReport, import_history
from planner.metrics.mapping import ColumnMap


def import_actuals(path: str | Path, scenario: Scenario, plan: Plan, *, preset: str | None = None,
                   mapping: ColumnMap | None = None, account: str | None = None, observed_at: str | None = None,
                   lang: str = "zh") -> tuple[Matching, ImportReport]:
    """Read an export (``preset`` or ``mapping`` as for ``planner fit``; ``account`` names the
    scenario account a one-account export belongs to) and match its rows to ``plan``."""
    if account is not None:
        base = mapping or ColumnMap()
        mapping = replace(base, constants={**base.constants, "account": account})
    result = import_history(path, preset=preset, mapping=mapping, timezone=scenario.horizon.timezone,
                            observed_at=observed_at)
    frame = result.frame
    if "post_id" not in result.report.columns:
        # No id column: the import numbered rows, which would collide across files. An account and
        # a minute of publishing name a post as well.
        frame["post_id"] = [f"{a}@{t:%Y%m%d%H%M}" for a, t in zip(frame["account"], frame["published_at"],
                                                                 strict=True)]
    matching = match_actuals(frame, scenario, plan, file=str(path), lang=lang)
    if "post_id" not in result.report.columns:  # the matched rows carry the scenario's account id now
        matching.actuals["post_id"] = [f"{a}@{t:%Y%m%d%H%M}" for a, t in
                                       zip(matching.actuals["account"], matching.actuals["published_at"], strict=True)]
    return matching, result.report
