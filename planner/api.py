"""The library entry points: the same power as the CLI, for embedding."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from planner.errors import InputError, Problem

if TYPE_CHECKING:  # imported where used, so ``import planner`` (and ``planner --help``) stays light
    from planner.domain.checks import Finding
    from planner.domain.plan import Plan
    from planner.domain.scenario import Scenario


def load(path: str | Path, *, allow_outside: bool = False, lang: str = "zh") -> Scenario:
    """Load a scenario file (with its ``extends`` chain); raises InputError with located problems
    (worded in ``lang``, zh or en).

    Files it names outside its folder (extends, rule packs, history) are refused unless ``allow_outside``.
    """
    from planner.scenario import load as load_scenario

    return load_scenario(path, allow_outside=allow_outside, lang=lang)


@dataclass
class ScenarioCheck:
    """What ``check_scenario`` found: errors stop a run (or make it meaningless), warnings do not."""

    errors: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors


def _located(scenario: Scenario, findings: list[Finding]) -> ScenarioCheck:
    from planner.scenario import parse_path, problem_at

    out = ScenarioCheck()
    for path, message, severity in findings:
        if scenario._sources is not None:
            problem = problem_at(scenario._sources, parse_path(path), message)
        else:
            problem = Problem(message, path=path)
        (out.errors if severity == "error" else out.warnings).append(problem)
    return out


def model_limits(scenario: Scenario, *, lang: str = "zh") -> list[Problem]:
    """Numbers the solver's model cannot hold (values, followers, penalties...), located, with the allowed range."""
    from planner.domain.checks import bound_findings

    return _located(scenario, bound_findings(scenario, lang)).errors


def check_scenario(scenario: Scenario, *, lang: str = "zh") -> ScenarioCheck:
    """Everything ``planner check`` judges beyond loading: dependency cycles and rule parameters
    (raised as InputError), numbers the model cannot hold, topics no platform accepts (errors) or
    some platforms refuse (warnings), and pins a hard rule forbids outright (warnings)."""
    from planner.domain.checks import bound_findings, pin_findings, topic_fit_findings
    from planner.rules import resolve_rules
    from planner.rules.kinds.horizon import with_horizon_rules
    from planner.workflow import dependency_graph

    dependency_graph(scenario)
    rules = with_horizon_rules(resolve_rules(scenario), scenario)
    refusals = [(index, platform, rule, reason) for rule in rules if rule.content
                for index, platform, reason in rule.check_topics(scenario)]  # type: ignore[attr-defined]
    findings = bound_findings(scenario, lang) + topic_fit_findings(scenario, refusals, lang) \
        + pin_findings(scenario, rules, lang) + _staffing_findings(scenario, lang)
    return _located(scenario, findings)


def _staffing_findings(scenario: Scenario, lang: str) -> list[Finding]:
    """A stage nobody on the team can ever staff (no one holds a role, a stage longer than anyone's
    day, roles that need different people): an error naming the topic, stage, hours and members."""
    from planner.workflow import production_stages
    from planner.workflow.staffing import unstaffable

    out: list[Finding] = []
    for index, topic in enumerate(scenario.topics):
        for stage in production_stages(topic, scenario):
            why = unstaffable(topic, stage, scenario)
            if why is not None:
                out.append((f"topics[{index}]", f"{topic.id} {why.words(lang)}", "error"))
    return out


def plan(scenario: Scenario | str | Path, *, time_limit: float = 30.0, seed: int = 0, workers: int = 2,
         deterministic: bool = True, stable: Plan | None = None, lang: str = "zh") -> Plan:
    """Solve a scenario into a Plan that has passed every rule's independent check.

    Raises InputError for settings out of range and for numbers the model cannot hold; the plan's
    ``solver.status`` says whether one was found (OPTIMAL, FEASIBLE) or not (INFEASIBLE, UNKNOWN,
    MODEL_INVALID: then it has no publications).
    """
    from planner.domain.scenario import Scenario
    from planner.solver import SolveOptions, solve

    if not isinstance(scenario, Scenario):
        scenario = load(scenario, lang=lang)
    problems: list[Problem] = []
    options = None
    try:  # SolveOptions judges its own settings; the scenario's numbers are judged beside them
        options = SolveOptions(time_limit=time_limit, seed=seed, workers=workers, deterministic=deterministic,
                               stable=stable, lang=lang)
    except InputError as error:
        problems += error.problems
    problems += model_limits(scenario, lang="en")
    if problems or options is None:
        raise InputError(problems)
    return solve(scenario, options).plan


def check(plan: Plan, scenario: Scenario) -> list:  # type: ignore[type-arg]
    """Every rule violation of a plan, however it was made: the same check ``score`` makes (publish
    hours and pins included; production judged only for topics the plan gives tasks for)."""
    from planner.scoring.compliance import compliance

    return compliance(plan, scenario).violations


def score(scenario: Scenario, plan: Plan):  # type: ignore[no-untyped-def]
    """Score any plan (solved or made by hand): violations, KPIs with intervals, workload, trends."""
    from planner.scoring import score as score_plan

    return score_plan(scenario, plan)


def compare(plans):  # type: ignore[no-untyped-def]
    """Compare plans side by side: {name: (scenario, plan)} -> Comparison."""
    from planner.scoring import compare as compare_plans

    return compare_plans(plans)
