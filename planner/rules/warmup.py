"""Warm-up profiles (养号): a platform pack's plan for a new account's first days, as dated rules.

A pack lists its profiles under ``warmups``; an account that says ``created: 2026-12-01`` and
``warmup: new_account`` gets each rule of that profile, scoped to it, holding for the days from its
creation the rule's ``during`` names. Profiles carry ``source`` and ``as_of`` like every limit, and
``practice: true`` where the numbers are operating practice rather than a platform's rule.

``interaction`` is the hook for duty after posting (互动: replying to comments, browsing the
field): a rule template of kind ``INTERACTION_KIND``. It becomes a rule once that kind is
registered; until then ``planner rules show`` lists it as not planned yet.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from planner.domain.scenario import RuleSpec, Scenario
from planner.domain.vocab import suggest
from planner.errors import InputError, Problem
from planner.rules.period import parse_period
from planner.rules.registry import KINDS
from planner.scenario.yamlio import Loc, problem_at

#: The rule kind the ``interaction`` hook expands into (the reply-duty rule), once it exists.
INTERACTION_KIND = "reply_duty"


class _ProfileFields(BaseModel):
    model_config = ConfigDict(extra="forbid")
    name: str = Field(min_length=1, description="What the profile is, in words.")
    practice: bool = Field(True, description="The numbers are operating practice, not the platform's rule.")
    source: str = Field(min_length=1)
    as_of: date
    note: str = ""
    rules: list[dict[str, Any]] = Field(min_length=1)
    interaction: dict[str, Any] | None = None


@dataclass
class Profile:
    """One warm-up profile of a pack; ``templates`` are its rules before they name accounts."""

    key: str
    platform: str
    name: str
    practice: bool
    source: str
    as_of: date
    note: str
    templates: list[tuple[RuleSpec, Loc]] = field(default_factory=list)
    interaction: tuple[RuleSpec, Loc] | None = None

    def rule_id(self, local_id: str) -> str:
        return f"{self.platform}.warmup.{self.key}.{local_id}"

    @property
    def pending(self) -> RuleSpec | None:
        """The interaction rule when its kind is not registered yet (not planned)."""
        if self.interaction is not None and self.interaction[0].kind not in KINDS:
            return self.interaction[0]
        return None

    def specs(self, accounts: list[str]) -> list[tuple[RuleSpec, Loc]]:
        """The profile's rules for these accounts (each holding for days from the account's creation)."""
        templates = list(self.templates)
        if self.interaction is not None and self.pending is None:
            templates.append(self.interaction)
        out = []
        for template, loc in templates:
            scope = {**template.scope.model_dump(exclude_none=True), "platform": self.platform, "account": accounts}
            data = {**template.model_dump(exclude_none=True), "id": self.rule_id(template.id), "scope": scope,
                    "source": template.source or self.source, "as_of": template.as_of or self.as_of,
                    "note": template.note or self.note}
            out.append((RuleSpec.model_validate(data), loc))
        return out


def load_profiles(raw: Any, platform: str | None, loc: Loc) -> tuple[dict[str, Profile], list[Problem]]:
    """The ``warmups`` of a pack file, and every problem with them located (codes R008)."""
    if raw is None:
        return {}, []
    from planner.rules.packs import _spec_problems  # packs imports this module

    if not isinstance(raw, dict):
        return {}, [problem_at(loc, ("warmups",), "[R008] warmups is a mapping: profile name -> profile")]
    if platform is None:
        return {}, [problem_at(loc, ("warmups",), "[R008] warm-up profiles belong to a platform's pack (platform: ...)")]
    profiles: dict[str, Profile] = {}
    problems: list[Problem] = []
    for key, body in raw.items():
        at = ("warmups", key)
        try:
            fields = _ProfileFields.model_validate(body)
        except ValidationError as error:
            problems += _coded(_spec_problems(error, loc, at))
            continue
        profile = Profile(str(key), platform, fields.name, fields.practice, fields.source, fields.as_of, fields.note)
        for index, raw_rule in enumerate(fields.rules):
            template = _template(raw_rule, loc, (*at, "rules", index), problems)
            if template is not None:
                profile.templates.append(template)
        if fields.interaction is not None:
            profile.interaction = _template(fields.interaction, loc, (*at, "interaction"), problems, build=False)
        ids = [t.id for t, _ in profile.templates]
        for index, local_id in enumerate(ids):
            if local_id in ids[:index]:
                problems.append(problem_at(loc, (*at, "rules", index, "id"), f"[R008] duplicate rule id '{local_id}'"))
        profiles[str(key)] = profile
    return profiles, problems


def _template(raw: Any, loc: Loc, at: tuple[Any, ...], problems: list[Problem],
              build: bool = True) -> tuple[RuleSpec, Loc] | None:
    from planner.rules.packs import _spec_problems, build_rule  # packs imports this module

    if not isinstance(raw, dict):
        problems.append(problem_at(loc, at, "[R008] a warm-up rule is a mapping"))
        return None
    try:
        spec = RuleSpec.model_validate(raw)
    except ValidationError as error:
        problems += _coded(_spec_problems(error, loc, at))
        return None
    try:
        period = parse_period(spec.during)
    except ValueError as error:
        problems.append(problem_at(loc, (*at, "during"), f"[R008] {error}"))
        return None
    if period is None or not period.relative:
        problems.append(problem_at(loc, (*at, "during") if period else at,
                                   "[R008] a warm-up rule holds for days from the account's creation: "
                                   "during: {from: day 1, to: day 7}"))
        return None
    if build or spec.kind in KINDS:
        try:
            build_rule(spec, loc, at)
        except InputError as error:
            problems += _coded(error.problems)
            return None
    return spec, loc.find(at)


def _coded(problems: list[Problem]) -> list[Problem]:
    return [replace(p, message=f"[R008] {p.message}") for p in problems]


def warmup_specs(scenario: Scenario, profiles: dict[str, dict[str, Profile]],
                 locate: Any) -> tuple[list[tuple[RuleSpec, Loc]], list[Problem]]:
    """The rules of every account's warm-up profile; ``profiles`` by platform (the loaded packs').

    ``locate(path, message)`` makes a located problem in the scenario file.
    """
    wanted: dict[tuple[str, str], list[str]] = {}
    problems: list[Problem] = []
    for index, account in enumerate(scenario.accounts):
        if account.warmup is None:
            continue
        mine = profiles.get(account.platform)
        if mine is None or account.warmup not in mine:
            known = sorted(mine or {})
            where = (f"the {account.platform} pack has {', '.join(known)}" if known
                     else f"no loaded rule pack has warm-up profiles for {account.platform}")
            problems.append(locate(("accounts", index, "warmup"),
                                   f"unknown warm-up profile '{account.warmup}' ({where}){suggest(account.warmup, known)}"))
            continue
        if account.created is None:
            problems.append(locate(("accounts", index, "warmup"),
                                   f"warm-up '{account.warmup}' counts days from the account's creation: give created (a date)"))
            continue
        wanted.setdefault((account.platform, account.warmup), []).append(account.id)
    out: list[tuple[RuleSpec, Loc]] = []
    for (platform, key), accounts in wanted.items():
        out += profiles[platform][key].specs(accounts)
    return out, problems
