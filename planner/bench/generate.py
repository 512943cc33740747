"""Deterministic benchmark scenarios: brands, accounts, a team with days off, trends, topics, rules.

``generate(tier, seed)`` returns the scenario as plain data; ``render`` writes it as YAML with a
plain writer (one flow mapping per item), so the same tier and seed give a byte-identical file
and an L or XL instance is written in well under a second.
"""

from __future__ import annotations

import json
import random
from collections.abc import Callable
from datetime import date, timedelta
from itertools import count
from pathlib import Path
from typing import Any

from planner.bench.catalog import (
    ABROAD,
    ARCHETYPES,
    CLIENT_TEAM,
    CORE_TEAM,
    EXTRA_TEAM,
    GIVEN,
    PLATFORM_WEIGHTS,
    SEASONS,
    SHARED_TEAM,
    SHORT,
    SURNAMES,
    VIRAL,
    Profile,
)
from planner.bench.tiers import Tier
from planner.bench.topics import Brand, TopicMaker, Trend
from planner.domain.vocab import PLATFORM_NAMES_ZH, ROLE_ALIASES
from planner.errors import InputError
from planner.io import write_atomic

START = date(2026, 12, 7)  # a Monday; 28 days reach past 元旦
NEW_YEAR = date(2027, 1, 1)
MEMORIAL_DAY = date(2026, 12, 13)  # 国家公祭日: brands hold back ads
ROLE_ZH = {english: chinese for chinese, english in ROLE_ALIASES.items() if chinese not in ("编剧", "摄影", "主播", "host")}
WEEKDAYS_OFF = ((["sun"], 40), (["sat"], 25), (["sat", "sun"], 20), (["mon"], 15))


def file_name(tier: Tier, seed: int) -> str:
    return f"{tier.name}-seed{seed}.yaml"


def write(tier: Tier, seed: int, out_dir: str | Path) -> Path:
    """Generate one instance into ``out_dir`` (atomically) and return its path."""
    if seed < 0:
        raise InputError(f"seed must be 0 or more, not {seed}")
    return write_atomic(Path(out_dir) / file_name(tier, seed), render(generate(tier, seed), tier, seed))


def generate(tier: Tier, seed: int) -> dict[str, Any]:
    rng = random.Random(f"planner-bench:{tier.name}:{seed}")  # str seeds hash the same in every process
    brands = make_brands(rng, tier)
    team = make_team(rng, tier, brands)
    trends, trend_refs = make_trends(rng, tier)
    maker = TopicMaker(rng, START, tier.days, trend_refs)
    topics: list[dict[str, Any]] = []
    operators = {m["id"] for m in team if ROLE_ZH["operator"] in m["roles"]}
    shares = split(tier.topics, [len(b.accounts) for b in brands])
    for brand, total in zip(brands, shares, strict=True):
        prefix = f"{brand.code}_t" if tier.brands > 1 else "t"
        topics += maker.brand_topics(brand, total, id_maker(prefix), operators)
    accounts = [{k: v for k, v in a.items() if k != "platform_id"} for b in brands for a in b.accounts]
    platforms = sorted({a["platform_id"] for b in brands for a in b.accounts})
    return {
        "name": f"bench {tier.name} seed {seed}: {brands[0].name}" + (f" +{len(brands) - 1}" if len(brands) > 1 else ""),
        "description": (f"Generated benchmark: {len(accounts)} accounts of {len(brands)} brand(s), {len(team)} members, "
                        f"{len(topics)} topics, {tier.days} days."),
        "horizon": horizon(tier.days),
        "rule_packs": platforms,
        "accounts": accounts,
        "team": team,
        "trends": trends,
        "rules": team_rules(brands, tier),
        "objective": {"goal_weights": {g: round(rng.uniform(0.8, 1.3), 1) for g in ("acquire", "retain", "engage", "convert")},
                      "unscheduled_penalty": 20},
        "topics": topics,
    }


def horizon(days: int, work_hours: str = "10:00-19:00", publish_hours: str = "07:00-23:00") -> dict[str, Any]:
    """From START for ``days``, with 元旦 a holiday when it falls inside."""
    end = START + timedelta(days=days)
    return {"start": str(START), "days": days, "timezone": "Asia/Shanghai", "slot_minutes": 60,
            "work_hours": work_hours, "publish_hours": publish_hours,
            "holidays": [str(NEW_YEAR)] if START <= NEW_YEAR < end else []}


def id_maker(prefix: str) -> Callable[[], str]:
    numbers = count(1)
    return lambda: f"{prefix}{next(numbers):03d}"


def split(total: int, weights: list[int]) -> list[int]:
    """``total`` shared in proportion to ``weights``, remainders to the first ones."""
    whole = sum(weights)
    out = [total * w // whole for w in weights]
    for i in range(total - sum(out)):
        out[i % len(out)] += 1
    return out


def make_brands(rng: random.Random, tier: Tier) -> list[Brand]:
    offset = rng.randrange(len(ARCHETYPES))
    used: set[str] = set()
    brands = []
    for i, n_accounts in enumerate(split(tier.accounts, [1] * tier.brands)):
        arch = ARCHETYPES[(offset + i) % len(ARCHETYPES)]
        name = arch.brands[(i // len(ARCHETYPES)) % len(arch.brands)]
        name = name if name not in used else f"{name}{i + 1}号店"
        used.add(name)
        brand = Brand(f"b{i + 1:02d}", name, arch)
        brand.accounts = _accounts(rng, brand, n_accounts, tier.brands > 1)
        brands.append(brand)
    return brands


def _accounts(rng: random.Random, brand: Brand, n: int, prefixed: bool) -> list[dict[str, Any]]:
    platforms = ["douyin"]
    pool = list(PLATFORM_WEIGHTS)
    while len(platforms) < n and pool:
        pick = rng.choices([p for p, _ in pool], [w for _, w in pool])[0]
        platforms.append(pick)
        pool = [(p, w) for p, w in pool if p != pick]
    while len(platforms) < n:  # more accounts than platforms: a second Douyin persona (老板娘, 主理人)
        platforms.insert(1, "douyin")
    return accounts_on(rng, brand, platforms, prefixed)


def accounts_on(rng: random.Random, brand: Brand, platforms: list[str], prefixed: bool) -> list[dict[str, Any]]:
    """One account of ``brand`` per platform listed (a platform twice: a second persona)."""
    out = []
    seen: dict[str, int] = {}
    for platform in platforms:
        seen[platform] = seen.get(platform, 0) + 1
        suffix = "" if seen[platform] == 1 else str(seen[platform])
        account: dict[str, Any] = {
            "id": (f"{brand.code}_" if prefixed else "") + SHORT[platform] + suffix,
            "platform": PLATFORM_NAMES_ZH[platform] if platform not in ABROAD else platform,
            "name": brand.name + ("" if not suffix else "主理人"),
            "followers": int(10 ** rng.uniform(4, 6.3)) // 100 * 100,
            "category": brand.archetype.category,
            "platform_id": platform,
        }
        if platform in ABROAD:
            account["timezone"] = "Asia/Singapore"  # the Southeast Asian audience
        if rng.random() < 0.25:
            account["goal_weights"] = {"convert": 1.5} if rng.random() < 0.5 else {"acquire": 1.4}
        out.append(account)
    return out


def make_team(rng: random.Random, tier: Tier, brands: list[Brand]) -> list[dict[str, Any]]:
    """Members with roles, hours and time off; on-camera members are the faces of their brand."""
    out: list[dict[str, Any]] = []
    if tier.shared:
        own = split(tier.members - tier.shared, [1] * len(brands))
        for brand, n in zip(brands, own, strict=True):
            for k in range(n):
                member = make_member(rng, tier, f"{brand.code}_m{k + 1}", CLIENT_TEAM[k % len(CLIENT_TEAM)], brand)
                member["accounts"] = [a["id"] for a in brand.accounts]  # the client's own team
                out.append(member)
        for k in range(tier.shared):
            out.append(make_member(rng, tier, f"shared_m{k + 1:02d}", SHARED_TEAM[k % len(SHARED_TEAM)], None))
        return out
    profiles = list(CORE_TEAM) + [rng.choice(EXTRA_TEAM) for _ in range(max(0, tier.members - len(CORE_TEAM)))]
    talents = 0
    for k, profile in enumerate(profiles[: tier.members]):
        face = brands[talents % len(brands)] if "talent" in profile.roles else None
        talents += face is not None
        out.append(make_member(rng, tier, f"m{k + 1:02d}", profile, face))
    return out


def make_member(rng: random.Random, tier: Tier, member_id: str, profile: Profile, brand: Brand | None) -> dict[str, Any]:
    member: dict[str, Any] = {"id": member_id, "name": rng.choice(SURNAMES) + rng.choice(GIVEN),
                              "roles": [ROLE_ZH[r] for r in profile.roles], "hours_per_day": profile.hours}
    if profile.hours >= 8 and rng.random() < 0.2:
        member["hours_per_week"] = 40
    member["weekdays_off"] = rng.choices([w for w, _ in WEEKDAYS_OFF], [p for _, p in WEEKDAYS_OFF])[0]
    offs = sorted({START + timedelta(days=rng.randrange(tier.days)) for _ in range(rng.choice((0, 0, 1, 2)))})
    if offs:
        member["days_off"] = [str(d) for d in offs]
    if tier.days >= 14 and rng.random() < 0.12:
        first = START + timedelta(days=rng.randrange(tier.days - 3))
        member["leave"] = [{"start": str(first), "end": str(first + timedelta(days=rng.randint(1, 4)))}]
    if brand is not None and "talent" in profile.roles:
        brand.talent.append(member_id)
    return member


def make_trends(rng: random.Random, tier: Tier) -> tuple[list[dict[str, Any]], list[Trend]]:
    """The season's dated trends that peak inside the horizon, and a few unannounced ones."""
    end = START + timedelta(days=tier.days)
    items: list[tuple[str, tuple[str, ...], str, date, date, date, float]] = []
    for s in SEASONS:
        month, day = (int(x) for x in s.peak.split("-"))
        peak = date(START.year + (month < START.month), month, day)
        if START + timedelta(days=2) <= peak < end:
            items.append((s.name, s.keywords, s.category, max(START, peak - timedelta(days=s.days_before)), peak,
                          min(end - timedelta(days=1), peak + timedelta(days=s.days_after)), s.heat))
    for name, keywords, category in rng.sample(VIRAL, min(len(VIRAL), max(1, tier.days // 7))):
        first = START + timedelta(days=rng.randint(2, max(2, tier.days - 3)))
        last = min(end - timedelta(days=1), first + timedelta(days=rng.randint(2, 4)))
        items.append((name, keywords, category, first, first + (last - first) // 2, last, round(rng.uniform(1.0, 2.5), 1)))
    data, refs = [], []
    for i, (name, keywords, category, first, peak, last, heat) in enumerate(items):
        trend_id = f"tr{i + 1:02d}"
        data.append({"id": trend_id, "name": name, "keywords": list(keywords), "category": category,
                     "start": f"{first}T08:00:00", "peak": f"{peak}T12:00:00", "end": f"{last}T23:00:00",
                     "peak_heat": heat, "source": "benchmark generator (seasonal calendar / simulated 热搜)"})
        refs.append(Trend(trend_id, keywords, (first - START).days))
    return data, refs


def team_rules(brands: list[Brand], tier: Tier) -> list[dict[str, Any]]:
    """What an operations lead adds to the packs: series in order, 首发, an ad share, variety, a blackout."""
    rules: list[dict[str, Any]] = [
        {"id": "plan.series_order", "kind": "series_order", "min_days": 1, "source": "team practice: one episode a day"},
        {"id": "plan.first_publish", "kind": "first_publish", "hours": 2, "source": "team practice: 首发 leads by 2 h"},
        {"id": "plan.ad_share", "kind": "content_mix", "match": {"commercial": True}, "max_share": 0.3,
         "window_days": 7, "source": "brand guideline: at most 30% ads in any 7 days"},
        {"id": "plan.variety", "kind": "no_back_to_back", "by": "category", "hard": False, "weight": 3,
         "source": "operating guidance: vary the feed"},
        {"id": "plan.weekly_minimum", "kind": "min_posts_per_week", "min": 4, "hard": False, "weight": 5,
         "scope": {"account": [b.accounts[0]["id"] for b in brands]},
         "source": "operating guidance: keep the main account active"},
    ]
    if START <= MEMORIAL_DAY < START + timedelta(days=tier.days):
        rules.append({"id": "plan.memorial_day", "kind": "blackout", "dates": [str(MEMORIAL_DAY)],
                      "scope": {"tag": "商业"}, "source": "国家公祭日: no advertising"})
    return rules


def render(data: dict[str, Any], tier: Tier, seed: int) -> str:
    """YAML text: scalars and single-line maps in JSON style (valid YAML), one list item a line."""
    return render_yaml(data, f"Benchmark instance {tier.name}, seed {seed}: made by `planner bench generate "
                             f"--tier {tier.name} --seed {seed}`.")


def render_yaml(data: dict[str, Any], header: str) -> str:
    """``data`` as YAML under a comment line ``header``; the same data give the same bytes."""
    lines = [f"# {header}", "# Regenerate rather than edit: the file is compared byte for byte."]
    for key, value in data.items():
        if isinstance(value, list) and value and isinstance(value[0], dict):
            lines.append(f"{key}:")
            lines += [f"  - {_flow(item)}" for item in value]
        else:
            lines.append(f"{key}: {_flow(value)}")
    return "\n".join(lines) + "\n"


def _flow(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(", ", ": "))
