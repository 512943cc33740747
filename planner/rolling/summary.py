"""``planner plan --stable PLAN --from TIME``: the moment read, the pins made, the changes said."""

from __future__ import annotations

from planner.domain.plan import Plan
from planner.domain.scenario import Scenario
from planner.errors import InputError, Problem
from planner.moments import parse_moment
from planner.rolling.churn import plan_changes
from planner.rolling.freeze import Frozen, freeze_before
from planner.rolling.words import say


def rolling_from(scenario: Scenario, earlier: Plan | None, text: str, lang: str = "zh") -> Frozen:
    """Pin ``earlier`` before the moment ``text`` names (read in the horizon's zone)."""
    if earlier is None:
        raise InputError(Problem(say("needs_stable", lang), path="--from"))
    moment = parse_moment(text, scenario.horizon.tz)
    if moment is None:
        raise InputError(Problem(f"cannot read '{text}' as a date or time (2026-12-10T00:00)", path="--from"))
    return freeze_before(scenario, earlier, moment)


def rolling_summary(frozen: Frozen, earlier: Plan, new: Plan, lang: str = "zh") -> list[str]:
    lines = ["", say("frozen", lang, moment=f"{frozen.moment:%Y-%m-%d %H:%M}", pubs=frozen.publications,
                     tasks=frozen.tasks)]
    if frozen.left_out:
        lines.append(say("left_out", lang, count=frozen.left_out))
    return lines + plan_changes(earlier, new, frozen.scenario, frozen.moment, lang).lines(lang)
