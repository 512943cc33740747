"""Short text summaries for the terminal: a scenario at a glance, a plan at a glance."""

from __future__ import annotations

from collections import Counter, defaultdict

from planner.domain.plan import Plan
from planner.domain.scenario import Member, Scenario
from planner.domain.vocab import FORMAT_NAMES_ZH, GOAL_NAMES_ZH, PLATFORM_NAMES_ZH
from planner.messages import Catalogue, say_in


def _counts(counter: Counter[str], names: dict[str, str] | None = None) -> str:
    names = names or {}
    return ", ".join(f"{k} {names[k]} {v}" if k in names else f"{k} {v}" for k, v in sorted(counter.items()))


def scenario_summary(s: Scenario) -> str:
    h = s.horizon
    roles: Counter[str] = Counter(role for m in s.team for role in m.roles)
    lines = [
        f"{s.name}",
        f"  horizon   {h.start} .. {h.end} ({h.days} days, {h.timezone}, {h.slot_minutes}-minute slots)",
        f"  accounts  {len(s.accounts)}: {_counts(Counter(a.platform for a in s.accounts), PLATFORM_NAMES_ZH)}",
        f"  team      {len(s.team)}: {_counts(roles)}",
        f"  topics    {len(s.topics)}: {_counts(Counter(t.format for t in s.topics), FORMAT_NAMES_ZH)}",
        f"            goals: {_counts(Counter(t.goal for t in s.topics), GOAL_NAMES_ZH)}",
        f"  trends    {len(s.trends)}" + (": " + ", ".join(f"{t.name} ({t.start:%m-%d}..{t.end:%m-%d})"
                                                         for t in s.trends) if s.trends else ""),
        f"  rules     packs {', '.join(s.rule_packs) or 'none'}; {len(s.rules)} in the scenario",
    ]
    return "\n".join(lines)


def available_hours(member: Member, scenario: Scenario) -> float:
    """Hours a member can work over the horizon: days on, capped by the weekly limit."""
    weeks: dict[tuple[int, int], float] = defaultdict(float)
    for day in scenario.horizon.dates():
        if not member.is_off(day) and day not in scenario.horizon.holidays:
            iso = day.isocalendar()
            weeks[(iso[0], iso[1])] += member.hours_per_day
    cap = member.hours_per_week
    return sum(min(h, cap) if cap else h for h in weeks.values())


#: The plan summary's words (``planner plan`` prints it), filled with ``str.format``.
_PLAN_WORDS: Catalogue = {
    "head": ("{name}: {status}  目标值 {objective:.1f}  上界 {bound:.1f}  差距 {gap:.2%}  {seconds:.1f}s  种子 {seed}",
             "{name}: {status}  objective {objective:.1f}  bound {bound:.1f}  gap {gap:.2%}  {seconds:.1f}s  seed {seed}"),
    "interrupted": ("（已中断）", "(interrupted)"),
    "posts": ("各账号每日发布数", "posts per account and day"),
    "hours": ("成员工时", "hours per member"),
    "member_hours": ("{hours:6.1f} h，可用 {available:g} h", "{hours:6.1f} h  of {available:g} h available"),
    "unscheduled": ("未排期选题（{count}）", "unscheduled topics ({count})"),
    "soft": ("有扣分的软性规则：{rules}", "soft rules that cost something: {rules}"),
    "hard": ("硬性违规（{count}）", "HARD VIOLATIONS ({count})"),
}


def plan_summary(plan: Plan, scenario: Scenario, penalties: dict[str, float] | None = None, lang: str = "zh") -> str:
    info = plan.solver
    w = lambda key, **args: say_in(_PLAN_WORDS, key, lang, **args)  # noqa: E731
    lines = [w("head", name=plan.scenario, status=info.status, objective=info.objective, bound=info.bound,
               gap=info.gap, seconds=info.seconds, seed=info.seed) + (f"  {w('interrupted')}" if info.interrupted else "")]
    dates = scenario.horizon.dates()
    per_day: dict[str, Counter[int]] = defaultdict(Counter)
    for pub in plan.publications:
        per_day[pub.account][(scenario.horizon.localize(pub.at).date() - scenario.horizon.start).days] += 1
    lines.append("")
    lines.append(f"{w('posts')}  " + " ".join(f"{d:%d}" for d in dates))
    for account in scenario.accounts:
        row = " ".join(f"{per_day[account.id][i] or '.':>2}" for i in range(len(dates)))
        total = sum(per_day[account.id].values())
        lines.append(f"  {account.id:<16} {account.platform:<16}{row}   {total}")
    hours: dict[str, float] = defaultdict(float)
    for task in plan.tasks:
        for member_id in task.members:
            hours[member_id] += task.hours
    if scenario.team:
        lines.append("")
        lines.append(w("hours"))
        for member in scenario.team:
            lines.append(f"  {member.id:<10} {member.name:<8} "
                         + w("member_hours", hours=hours[member.id], available=available_hours(member, scenario)))
    if plan.unscheduled:
        lines.append("")
        lines.append(w("unscheduled", count=len(plan.unscheduled)))
        for u in plan.unscheduled:
            title = scenario.topic_by_id[u.topic].title if u.topic in scenario.topic_by_id else ""
            lines.append(f"  {u.topic} {title}: {'; '.join(u.reasons)}")
    soft = [v for v in plan.violations if not v.hard]
    if soft or penalties:
        lines.append("")
        cost: dict[str, float] = defaultdict(float)
        for v in soft:
            cost[v.rule] += v.penalty
        ranked = sorted(cost.items(), key=lambda kv: -kv[1])
        lines.append(w("soft", rules=", ".join(f"{r} {c:g}" for r, c in ranked)))
    hard = [v for v in plan.violations if v.hard]
    if hard:
        lines.append("")
        lines.append(w("hard", count=len(hard)))
        lines += [f"  {v.rule}: {v.detail}" for v in hard]
    return "\n".join(lines)
