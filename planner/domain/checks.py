"""Checks of a scenario beyond its fields' own types.

``cross_check``: ids unique and known, dates inside the horizon (run on every load). The others
run in ``planner check`` and before ``planner plan`` solves: numbers the model cannot hold
(``bound_findings``), topics their platforms refuse (``topic_fit_findings``) and pins a hard rule
forbids (``pin_findings``); their messages are in Chinese or English.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING, Any, Protocol

from planner.domain.vocab import unknown_name
from planner.messages import Catalogue, say_in

if TYPE_CHECKING:
    from planner.domain.scenario import Account, Member, Scenario, Topic

PathProblem = tuple[str, str]


#: cross_check's messages, zh and en.
_CROSS: Catalogue = {
    "duplicate": ("id '{id}' 重复", "duplicate id '{id}'"),
    "outside": ("{moment} 不在排期范围 {start} .. {end} 内", "{moment} is outside the horizon {start} .. {end}"),
    "no_account": ("没有平台 '{platform}' 上的账号", "no account on platform '{platform}'"),
    "off_platforms": ("账号 '{account}' 不在该选题的平台上", "account '{account}' is not on the topic's platforms"),
    "after_itself": ("选题不能排在自己之后", "a topic cannot come after itself"),
    "not_on_camera": ("成员 '{member}' 不出镜（没有 出镜/talent 角色）",
                      "member '{member}' does not appear on camera (no role talent)"),
    "deadline_order": ("deadline 不晚于 earliest", "deadline is not after earliest"),
    "episode_twice": ("系列 '{series}' 的第 {episode} 集出现了两次", "series '{series}' has episode {episode} twice"),
}


def _unknown(kind: str, value: str, known: list[str], lang: str) -> str:
    return unknown_name(kind, value, known, lang)


def _duplicates(items: list[tuple[str, str]], field: str, lang: str) -> list[PathProblem]:
    counts = Counter(i for i, _ in items)
    seen: set[str] = set()
    problems = []
    for index, (item_id, _) in enumerate(items):
        if counts[item_id] > 1:
            if item_id in seen:
                problems.append((f"{field}[{index}].id", say_in(_CROSS, "duplicate", lang, id=item_id)))
            seen.add(item_id)
    return problems


def cross_check(s: Scenario, lang: str = "zh") -> list[PathProblem]:
    """All cross-reference problems of a scenario, each with its field path, in ``lang``."""
    problems: list[PathProblem] = []
    for field in ("accounts", "team", "topics", "trends", "rules"):
        problems += _duplicates([(x.id, field) for x in getattr(s, field)], field, lang)

    account_ids = [a.id for a in s.accounts]
    member_ids = [m.id for m in s.team]
    topic_ids = [t.id for t in s.topics]
    trend_ids = [t.id for t in s.trends]
    platforms = {a.platform for a in s.accounts}
    horizon = s.horizon

    def inside(moment: datetime | date, path: str) -> None:
        day = horizon.localize(moment).date() if isinstance(moment, datetime) else moment
        if not horizon.contains(day):
            problems.append((path, say_in(_CROSS, "outside", lang, moment=moment, start=horizon.start,
                                          end=horizon.end)))

    for i, holiday in enumerate(horizon.holidays):
        inside(holiday, f"horizon.holidays[{i}]")

    for i, member in enumerate(s.team):
        for j, off in enumerate(member.days_off):
            inside(off, f"team[{i}].days_off[{j}]")
        for j, account in enumerate(member.accounts):
            if account not in account_ids:
                problems.append((f"team[{i}].accounts[{j}]", _unknown("account", account, account_ids, lang)))

    for i, topic in enumerate(s.topics):
        where = f"topics[{i}]"
        for j, platform in enumerate(topic.platforms):
            if platform not in platforms:
                problems.append((f"{where}.platforms[{j}]", say_in(_CROSS, "no_account", lang, platform=platform)))
        for j, account_id in enumerate(topic.accounts):
            if account_id not in account_ids:
                problems.append((f"{where}.accounts[{j}]", _unknown("account", account_id, account_ids, lang)))
            elif s.account_by_id[account_id].platform not in topic.platforms:
                problems.append((f"{where}.accounts[{j}]", say_in(_CROSS, "off_platforms", lang, account=account_id)))
        if topic.trend is not None and topic.trend not in trend_ids:
            problems.append((f"{where}.trend", _unknown("trend", topic.trend, trend_ids, lang)))
        for j, other in enumerate(topic.after):
            if other not in topic_ids:
                problems.append((f"{where}.after[{j}]", _unknown("topic", other, topic_ids, lang)))
            elif other == topic.id:
                problems.append((f"{where}.after[{j}]", say_in(_CROSS, "after_itself", lang)))
        for j, talent in enumerate(topic.talent):
            if talent not in member_ids:
                problems.append((f"{where}.talent[{j}]", _unknown("member", talent, member_ids, lang)))
            elif "talent" not in s.member_by_id[talent].roles:
                problems.append((f"{where}.talent[{j}]", say_in(_CROSS, "not_on_camera", lang, member=talent)))
        for field in ("earliest", "deadline", "live_at"):
            moment = getattr(topic, field)
            if moment is not None:
                inside(moment, f"{where}.{field}")
        if topic.earliest and topic.deadline and horizon.localize(topic.deadline) <= horizon.localize(topic.earliest):
            problems.append((f"{where}.deadline", say_in(_CROSS, "deadline_order", lang)))

    series: dict[tuple[str, int], int] = {}
    for i, topic in enumerate(s.topics):
        if topic.series is not None and topic.episode is not None:
            key = (topic.series, topic.episode)
            if key in series:
                problems.append((f"topics[{i}].episode", say_in(_CROSS, "episode_twice", lang, series=topic.series,
                                                                    episode=topic.episode)))
            series[key] = i

    for i, pin in enumerate(s.pins.publications):
        where = f"pins.publications[{i}]"
        if pin.topic not in topic_ids:
            problems.append((f"{where}.topic", _unknown("topic", pin.topic, topic_ids, lang)))
        if pin.account not in account_ids:
            problems.append((f"{where}.account", _unknown("account", pin.account, account_ids, lang)))
        inside(pin.at, f"{where}.at")
    for i, task in enumerate(s.pins.tasks):
        where = f"pins.tasks[{i}]"
        if task.topic not in topic_ids:
            problems.append((f"{where}.topic", _unknown("topic", task.topic, topic_ids, lang)))
        for j, member_id in enumerate(task.members):
            if member_id not in member_ids:
                problems.append((f"{where}.members[{j}]", _unknown("member", member_id, member_ids, lang)))
        inside(task.day, f"{where}.day")

    for i, rule in enumerate(s.rules):
        for scope_key, known in (("account", account_ids), ("member", member_ids)):
            for value in rule.scope.values(scope_key) or []:
                if value not in known:
                    problems.append((f"rules[{i}].scope.{scope_key}", _unknown(scope_key, value, known, lang)))
    return problems


# ---- numbers the model can hold ---------------------------------------------------------------
#
# The solver turns values, penalties and weights into integer coefficients (x10) summed over up to
# a million candidates; CP-SAT refuses a model whose sums could pass 2^62 (MODEL_INVALID). These
# bounds keep every sum far below that while leaving room for any real team: the biggest account
# on any platform has under 1e9 followers, and a penalty of 1e9 points outweighs any plan.

#: field -> (lowest, highest) allowed; every value must also be a finite number.
LIMITS: dict[str, tuple[float, float]] = {
    "accounts[].followers": (0, 1e10),
    "accounts[].goal_weights": (-1e6, 1e6),
    "topics[].value": (0, 1e9),
    "topics[].effort": (0, 1000),
    "trends[].peak_heat": (0, 100),
    "trends[].curve": (0, 100),
    "rules[].weight": (0, 1e9),
    "objective.unscheduled_penalty": (0, 1e9),
    "objective.change_penalty": (0, 1e9),
    "objective.goal_weights": (-1e6, 1e6),
}

Severity = str  # "error" or "warning"
Finding = tuple[str, str, Severity]  # (field path, message, severity)

_TEXT: dict[str, tuple[str, str]] = {
    "range": ("{value} 超出允许范围 {low:g} .. {high:g}（数值过大，求解模型无法容纳）",
              "{value} is outside the allowed range {low:g} .. {high:g} (too large for the solver's model)"),
    "not_finite": ("{value} 不是有限数值（允许范围 {low:g} .. {high:g}）",
                   "{value} is not a finite number (allowed range {low:g} .. {high:g})"),
    "fits_none": ("{reasons}（选题“{title}”不适合它的任何平台，无法发布）",
                  "{reasons} (topic '{title}' fits none of its platforms and cannot go out)"),
    "fits_some": ("选题“{title}”只能发 {kept}；{dropped} 不接受它：{reasons}",
                  "topic '{title}' goes out on {kept} only; {dropped} refuses it: {reasons}"),
    "soft_content": ("选题“{title}”在 {platform} 上违反软性规则 {reason}",
                     "topic '{title}' breaks a soft rule on {platform}: {reason}"),
    "pin_forbidden": ("固定发布 {topic} 于 {account} {at}：硬性规则 {rule} 不允许（{reason}），方案将无解",
                      "pinned post {topic} on {account} at {at}: hard rule {rule} forbids it ({reason}); "
                      "no plan can keep it"),
    "pin_off_grid": ("固定发布 {topic} 于 {account} {at}：不在发布时段 {hours} 的 {slot} 分钟时间格上，方案将无解",
                     "pinned post {topic} on {account} at {at}: not on a {slot}-minute slot inside the publish "
                     "hours {hours}; no plan can keep it"),
    "pin_task_forbidden": ("固定任务 {topic} {stage}（{member}，{day}）：硬性规则 {rule} 不允许（{reason}），方案将无解",
                           "pinned task {topic} {stage} by {member} on {day}: hard rule {rule} forbids it "
                           "({reason}); no plan can keep it"),
}


def say(key: str, lang: str, **args: Any) -> str:
    """One message of this module in ``lang`` (zh or en)."""
    zh, en = _TEXT[key]
    return (en if lang == "en" else zh).format(**args)


def _number_problem(value: Any, limit: str, lang: str) -> str | None:
    low, high = LIMITS[limit]
    number = float(value)
    if not math.isfinite(number):
        return say("not_finite", lang, value=value, low=low, high=high)
    if not low <= number <= high:
        return say("range", lang, value=f"{number:g}", low=low, high=high)
    return None


def bound_findings(s: Scenario, lang: str = "zh") -> list[Finding]:
    """Numbers too large (or not finite) for the solver's model, each with its field and allowed range."""
    out: list[Finding] = []

    def check(value: Any, limit: str, path: str) -> None:
        if value is not None and (message := _number_problem(value, limit, lang)):
            out.append((path, message, "error"))

    for i, account in enumerate(s.accounts):
        check(account.followers, "accounts[].followers", f"accounts[{i}].followers")
        for goal, weight in account.goal_weights.items():
            check(weight, "accounts[].goal_weights", f"accounts[{i}].goal_weights.{goal}")
    for i, topic in enumerate(s.topics):
        check(topic.value, "topics[].value", f"topics[{i}].value")
        for stage, hours in topic.effort.items():
            check(hours, "topics[].effort", f"topics[{i}].effort.{stage}")
    for i, trend in enumerate(s.trends):
        check(trend.peak_heat, "trends[].peak_heat", f"trends[{i}].peak_heat")
        for j, (_, heat) in enumerate(trend.curve):
            check(heat, "trends[].curve", f"trends[{i}].curve[{j}]")
    for i, rule in enumerate(s.rules):
        check(rule.weight, "rules[].weight", f"rules[{i}].weight")
    objective = s.objective
    check(objective.unscheduled_penalty, "objective.unscheduled_penalty", "objective.unscheduled_penalty")
    check(objective.change_penalty, "objective.change_penalty", "objective.change_penalty")
    for goal, weight in objective.goal_weights.items():
        check(weight, "objective.goal_weights", f"objective.goal_weights.{goal}")
    return out


# ---- what the scenario's rules say about its topics and pins ------------------------------------


class RuleFaces(Protocol):
    """The faces of a rule these checks use (``planner.rules.Rule`` has them all); the domain does
    not import the rules, so the caller hands them in."""

    id: str
    hard: bool
    source: str | None

    def applies(self, topic: Topic, account: Account) -> bool: ...

    def applies_to_member(self, member: Member) -> bool: ...

    def admits(self, topic: Topic, account: Account, at: Any, scenario: Scenario) -> str | None: ...

    def admits_work(self, work: Any, scenario: Scenario) -> str | None: ...


def _reason(rule: RuleFaces, reason: str) -> str:
    source = f" [source: {rule.source}]" if rule.source else ""
    return f"rule {rule.id}: {reason}{source}"


def topic_fit_findings(s: Scenario, refusals: Iterable[tuple[int, str, RuleFaces, str]],
                       lang: str = "zh") -> list[Finding]:
    """A topic no platform accepts is an error; one some platforms refuse is a warning naming them.

    ``refusals`` are (topic index, platform, rule, reason) from the content rules; soft ones only warn.
    """
    hard: dict[int, dict[str, list[str]]] = {}
    out: list[Finding] = []
    for index, platform, rule, reason in refusals:
        if rule.hard:
            hard.setdefault(index, {}).setdefault(platform, []).append(_reason(rule, reason))
        else:
            out.append((f"topics[{index}]", say("soft_content", lang, title=s.topics[index].title,
                                                platform=platform, reason=_reason(rule, reason)), "warning"))
    for index, refused in sorted(hard.items()):
        topic = s.topics[index]
        reachable = {a.platform for a in s.candidate_accounts(topic)}
        kept = [p for p in topic.platforms if p in reachable and p not in refused]
        reasons = "; ".join(r for p in topic.platforms for r in refused.get(p, []))
        if kept:
            out.append((f"topics[{index}]", say("fits_some", lang, title=topic.title, kept=", ".join(kept),
                                                dropped=", ".join(p for p in topic.platforms if p in refused),
                                                reasons=reasons), "warning"))
        else:
            out.append((f"topics[{index}]", say("fits_none", lang, title=topic.title, reasons=reasons), "error"))
    return out


@dataclass(frozen=True)
class PinnedWork:
    """A pinned task as one member's assignment, read by the rules' ``admits_work`` face (the
    fields of ``planner.rules.WorkCandidate``)."""

    topic: Topic
    stage: str
    role: str
    member: Member
    day: int
    date: date
    hours: float
    lit: Any = None


def pin_findings(s: Scenario, rules: Sequence[RuleFaces], lang: str = "zh") -> list[Finding]:
    """Warnings for pins that a hard rule forbids outright: such a scenario has no plan.

    Each pin is named by topic, account (or member) and time, not by its place in the list.
    """
    from planner.domain.templates import topic_stages

    hard = [r for r in rules if r.hard]
    out: list[Finding] = []
    horizon = s.horizon
    first, last = horizon.publish_window()
    for i, pin in enumerate(s.pins.publications):
        topic, account = s.topic_by_id.get(pin.topic), s.account_by_id.get(pin.account)
        if topic is None or account is None:
            continue  # cross_check names the unknown id
        at = horizon.localize(pin.at)
        named = {"topic": pin.topic, "account": pin.account, "at": f"{at:%Y-%m-%d %H:%M}"}
        for rule in hard:
            if rule.applies(topic, account) and (why := rule.admits(topic, account, at, s)) is not None:
                out.append((f"pins.publications[{i}]", say("pin_forbidden", lang, rule=rule.id, reason=why, **named),
                            "warning"))
        opens = horizon.at(at.date(), first)
        minutes = (at - opens).total_seconds() / 60
        if first <= at.time() < last and (minutes % horizon.slot_minutes or at.second or at.microsecond):
            out.append((f"pins.publications[{i}]", say("pin_off_grid", lang, slot=horizon.slot_minutes,
                                                       hours=horizon.publish_hours, **named), "warning"))
    for i, task in enumerate(s.pins.tasks):
        topic = s.topic_by_id.get(task.topic)
        stage = next((st for st in topic_stages(topic) if st.name == task.stage), None) if topic else None
        if topic is None or stage is None:
            continue
        for member_id in task.members:
            member = s.member_by_id.get(member_id)
            if member is None:
                continue
            roles: list[str] = [r for r in stage.roles if r in member.roles] or list(stage.roles)
            day = (task.day - horizon.start).days
            works = [PinnedWork(topic, stage.name, role, member, day, task.day, stage.hours) for role in roles]
            for rule in hard:
                if not rule.applies_to_member(member):
                    continue
                refusals = [rule.admits_work(work, s) for work in works]
                if all(r is not None for r in refusals):
                    out.append((f"pins.tasks[{i}]", say("pin_task_forbidden", lang, topic=task.topic, stage=task.stage,
                                                        member=member_id, day=task.day, rule=rule.id,
                                                        reason=refusals[0]), "warning"))
    return out
