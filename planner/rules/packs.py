"""Rule packs (rules/*.yaml) and how a scenario's rules add to, override and switch them off."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from planner.domain.scenario import RuleSpec, Scenario
from planner.domain.vocab import PLATFORMS, suggest
from planner.errors import InputError, Problem
from planner.rules.base import Rule
from planner.rules.period import parse_period
from planner.rules.registry import kind_of
from planner.rules.warmup import Profile, load_profiles, warmup_specs
from planner.scenario.loader import is_bundled_name
from planner.scenario.yamlio import Loc, format_path, problem_at, read_yaml

PACKS_DIR = Path(__file__).resolve().parents[2] / "rules"

#: Rules every scenario has, so that the team and production constraints have two faces too.
IMPLICIT: list[dict[str, Any]] = [
    {"id": "team.capacity", "kind": "member_capacity", "source": "team roster (hours per day/week)"},
    {"id": "team.availability", "kind": "availability", "source": "team roster (days off, leave, holidays)"},
    {"id": "team.talent", "kind": "required_talent", "source": "topic talent list"},
    {"id": "team.clients", "kind": "member_accounts", "source": "team roster (accounts a member works for)"},
    {"id": "production.before_publish", "kind": "lead_time", "hours": 0, "source": "production workflow"},
    {"id": "production.stage_order", "kind": "stage_order", "source": "production workflow"},
    {"id": "production.stage_split", "kind": "stage_split", "source": "production workflow (long stages in day-parts)"},
    {"id": "topic.production_window", "kind": "production_window",
     "source": "topic produce_after/produce_before/shoot_on"},
    {"id": "topic.required", "kind": "required_topic", "source": "topic required"},
    {"id": "topic.window", "kind": "topic_window", "source": "topic earliest/deadline/live_at"},
    {"id": "trend.window", "kind": "trend_window", "source": "trend windows"},
    # "After" is strictly after: an hour at least, on every platform where both go out (override min_hours).
    {"id": "topic.series_order", "kind": "series_order", "min_days": 0, "min_hours": 1,
     "source": "topic series and after lists"},
    {"id": "topic.first_platform", "kind": "first_publish", "hours": 1, "source": "topic first_platform (首发)"},
    {"id": "horizon.publish_hours", "kind": "publish_hours", "source": "horizon publish_hours"},
    {"id": "account.one_at_a_time", "kind": "min_gap", "hours": 0.25, "source": "one post per account per slot"},
]


@dataclass
class Pack:
    name: str
    platform: str | None
    title: str
    path: str
    specs: list[tuple[RuleSpec, Loc]]
    #: Warm-up (养号) profiles by name: rules for a new account's first days.
    warmups: dict[str, Profile] = field(default_factory=dict)


def pack_path(name: str, base_dir: str = "") -> Path:
    """A bundled pack by its bare name (``douyin``: rules/douyin.yaml, nothing else), or a pack file
    by its path (``packs/mine.yaml``, ``./douyin.yaml``) from ``base_dir``, the scenario's folder.
    Never the working folder: a scenario run from /etc cannot name /etc/passwd as ``passwd``. (Whether
    a path may leave the scenario's folder is the loader's ``--allow-outside`` check.)"""
    if is_bundled_name(name):
        path = PACKS_DIR / f"{name}.yaml"
        if path.is_file():
            return path
        known = sorted(p.stem for p in PACKS_DIR.glob("*.yaml"))
        raise FileNotFoundError(f"no rule pack '{name}' (known: {', '.join(known)})")
    path = Path(base_dir) / name
    try:
        if path.is_file():
            return path
    except OSError as error:
        raise FileNotFoundError(f"rule pack file '{name}': {error.strerror or error}") from None
    where = f" in {base_dir}" if base_dir else ""
    raise FileNotFoundError(f"no rule pack file '{name}'{where}")


def _spec_problems(error: ValidationError, loc: Loc, prefix: tuple[Any, ...]) -> list[Problem]:
    out = []
    for item in error.errors():
        path = prefix + tuple(item["loc"])
        msg = item["msg"].removeprefix("Value error, ")
        if item["type"] == "extra_forbidden":
            msg = f"unknown parameter '{path[-1]}'"
        elif item["type"] == "missing":
            msg = f"missing required parameter '{path[-1]}'"
        out.append(problem_at(loc, path, msg))
    return out


def build_rule(spec: RuleSpec, loc: Loc | None = None, path: tuple[Any, ...] = ()) -> Rule:
    """Turn a spec into a Rule of its kind, checking the kind's parameters."""
    where = loc or Loc("<rules>")
    if spec.kind is None:
        raise InputError(problem_at(where, (*path, "kind"), f"rule '{spec.id}' has no kind and overrides nothing"))
    try:
        cls = kind_of(spec.kind)
    except KeyError as error:
        raise InputError(problem_at(where, (*path, "kind"), str(error.args[0]))) from None
    try:
        params = cls.Params.model_validate(spec.params)
    except ValidationError as error:
        # Params are written inline, so their location is the rule's own key.
        problems = []
        for item in error.errors():
            key = item["loc"][0] if item["loc"] else "params"
            msg = item["msg"].removeprefix("Value error, ")
            if item["type"] == "extra_forbidden":
                msg = f"unknown parameter '{key}' for kind {spec.kind}"
            elif item["type"] == "missing":
                msg = f"missing parameter '{key}' for kind {spec.kind}"
            problems.append(problem_at(where, (*path, key), msg))
        raise InputError(problems) from None
    try:
        period = parse_period(spec.during)
    except ValueError as error:
        raise InputError(problem_at(where, (*path, "during"), str(error))) from None
    if period is not None and cls.period_of is None:
        raise InputError(problem_at(where, (*path, "during"), f"rule '{spec.id}' (kind {spec.kind}) holds at all times: it takes no during"))
    if period is not None and period.relative and cls.period_of != "post":
        raise InputError(problem_at(where, (*path, "during"), (
            f"rule '{spec.id}' (kind {spec.kind}) judges the team's work, which belongs to no account: "
            "its period is in dates, not days from an account's creation")))
    return cls(spec, params)


#: Lint codes of a rule pack, stable: ``planner rules lint`` prints them and its help lists them.
LINT_CODES: dict[str, str] = {
    "R000": "the file cannot be read (missing, not UTF-8, invalid YAML)",
    "R001": "duplicate rule id",
    "R002": "a rule has no source",
    "R003": "a rule has no as_of date",
    "R004": "unknown or missing rule kind",
    "R005": "bad parameter for the rule's kind (unknown, missing or out of range)",
    "R006": "bad rule field (id, scope, hard, weight, as_of...) or a rule that is not a mapping",
    "R007": "not a rule pack (a mapping with a 'rules' list) or an unknown platform",
    "R008": "bad warm-up profile (fields, its rules, or a rule without during in days from creation)",
}


def _coded(code: str, problems: list[Problem]) -> list[Problem]:
    return [replace(p, message=f"[{code}] {p.message}") for p in problems]


def _with_platform_scope(raw: dict[str, Any], platform: str) -> dict[str, Any]:
    """A pack rule is about its platform unless its scope names platforms itself."""
    scope = raw.get("scope")
    if scope is None:
        return {**raw, "scope": {"platform": platform}}
    if isinstance(scope, dict) and "platform" not in scope:
        return {**raw, "scope": {**scope, "platform": platform}}
    return raw


def load_pack(name: str, base_dir: str = "") -> Pack:
    """Read and validate one pack; every problem of the file is reported, each with its lint code."""
    path = pack_path(name, base_dir)
    try:
        data, loc = read_yaml(path)
    except InputError as error:
        raise InputError(_coded("R000", error.problems)) from None
    if not isinstance(data, dict) or not isinstance(data.get("rules"), list):
        raise InputError(Problem("[R007] a rule pack is a mapping with a list under 'rules'", file=loc.file, line=1))
    platform = data.get("platform")
    problems: list[Problem] = []
    if platform is not None and platform not in PLATFORMS:
        problems.append(problem_at(loc, ("platform",), f"[R007] unknown platform '{platform}'{suggest(str(platform), PLATFORMS)}"))
        platform = None
    specs: list[tuple[RuleSpec, Loc]] = []
    indexes: list[int] = []  # each spec's place in the file, for located lint messages
    for i, raw in enumerate(data["rules"]):
        item_loc = loc.find(("rules", i))
        if not isinstance(raw, dict):
            problems.append(problem_at(loc, ("rules", i), "[R006] a rule is a mapping"))
            continue
        if platform:
            raw = _with_platform_scope(raw, platform)
        try:
            spec = RuleSpec.model_validate(raw)
        except ValidationError as error:
            problems += _coded("R006", _spec_problems(error, loc, ("rules", i)))
            continue
        try:
            build_rule(spec, loc, ("rules", i))
        except InputError as error:
            for problem in error.problems:
                code = "R004" if problem.path.endswith(".kind") else "R005"
                problems += _coded(code, [problem])
        specs.append((spec, item_loc))
        indexes.append(i)
    problems += _lint_sources([spec for spec, _ in specs], indexes, loc)
    warmups, trouble = load_profiles(data.get("warmups"), platform, loc)
    problems += trouble
    if problems:
        raise InputError(sorted(problems, key=lambda p: (p.line or 0, p.column or 0)))
    return Pack(path.stem, platform, str(data.get("name", path.stem)), str(path), specs, warmups)


def _lint_sources(specs: list[RuleSpec], indexes: list[int], loc: Loc) -> list[Problem]:
    """Platform facts must say where they come from and when they were read."""
    out, seen = [], set()
    for spec, index in zip(specs, indexes, strict=True):
        if spec.id in seen:
            out.append(problem_at(loc, ("rules", index, "id"), f"[R001] duplicate rule id '{spec.id}'"))
        seen.add(spec.id)
        if not spec.source:
            out.append(problem_at(loc, ("rules", index), f"[R002] rule '{spec.id}' has no source"))
        if spec.as_of is None:
            out.append(problem_at(loc, ("rules", index), f"[R003] rule '{spec.id}' has no as_of date"))
    return out


def _merge(base: RuleSpec, over: RuleSpec) -> RuleSpec:
    fields = over.model_dump(exclude_unset=True)
    merged = {**base.model_dump(), **{k: v for k, v in fields.items() if k != "params"}}
    merged["params"] = {**base.params, **over.params}
    return RuleSpec.model_validate(merged)


def resolve_rules(scenario: Scenario, lang: str = "zh") -> list[Rule]:
    """Implicit rules, then the packs', then the accounts' warm-up rules, then the scenario's: same id
    overrides, enabled: false removes. ``lang`` is the language of the words the rules' checks write."""
    located: dict[str, tuple[RuleSpec, Loc | None, tuple[Any, ...]]] = {}
    for raw in IMPLICIT:
        spec = RuleSpec.model_validate(raw)
        located[spec.id] = (spec, None, ())
    profiles: dict[str, dict[str, Profile]] = {}
    for name in scenario.rule_packs:
        try:
            pack = load_pack(name, scenario.base_dir)
        except FileNotFoundError as error:
            index = scenario.rule_packs.index(name)
            raise InputError(_locate(scenario, ("rule_packs", index), str(error))) from None
        for pack_spec, item_loc in pack.specs:
            located[pack_spec.id] = (pack_spec, item_loc, ())
        if pack.platform is not None:
            profiles.setdefault(pack.platform, {}).update(pack.warmups)
    warm, problems = warmup_specs(scenario, profiles, lambda path, message: _locate(scenario, path, message))
    if problems:
        raise InputError(problems)
    for warm_spec, item_loc in warm:
        located[warm_spec.id] = (warm_spec, item_loc, ())
    for index, written in enumerate(scenario.rules):
        merged = _merge(located[written.id][0], written) if written.id in located else written
        located[merged.id] = (merged, scenario._sources, ("rules", index))
    rules: list[Rule] = []
    for final, where, at in located.values():
        if not final.enabled:
            continue
        try:
            rules.append(build_rule(final, where, at))
        except InputError as error:
            problems += error.problems
            continue
        rules[-1].lang = lang
    if problems:
        raise InputError(problems)
    return rules


def _locate(scenario: Scenario, path: tuple[Any, ...], message: str) -> Problem:
    if scenario._sources is not None:
        return problem_at(scenario._sources, path, message)
    return Problem(message, path=format_path(path))
