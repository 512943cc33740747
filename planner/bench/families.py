"""The scenario corpus: six families of team, each with the structure real teams have.

``generate_instance(family, seed)`` returns one scenario as plain data; ``write_corpus`` writes
``<family>_<seed>.yaml`` for every family and seed. Families:

- ``solo``: one creator holding every role, a long-form channel re-cut for 2-3 platforms, 21 days,
  edits of 6-16 h that run in day-parts, 存稿 and a paid deliverable.
- ``brand``: a brand team whose weekly lives and two commercial posts are pinned under an ad-share
  cap, with 存稿 (``done``), a launch shoot (``shoot_on``) and a deliverable due on two accounts.
- ``agency``: three clients, each with a team scoped to its accounts, plus shared specialists.
- ``live``: a live-commerce team: a live every evening that blocks its host and operator, short
  clips around them, and (odd seeds) reply duty after every post.
- ``starved``: more topics than the team has hours for.
- ``long``: 28 days over 元旦, with two series and a weekly column.

Each family is small enough for a 30 s solve (tens of topics), and a seed changes the brand,
platforms, team and topics.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from planner.bench.catalog import ARCHETYPES, GIVEN, SURNAMES, TITLE_PATTERNS, Profile
from planner.bench.generate import (
    MEMORIAL_DAY,
    ROLE_ZH,
    START,
    accounts_on,
    horizon,
    id_maker,
    make_brands,
    make_member,
    make_team,
    make_trends,
    render_yaml,
    split,
    team_rules,
)
from planner.bench.tiers import Tier
from planner.bench.topics import Brand, TopicMaker
from planner.domain.templates import TEMPLATES
from planner.errors import InputError
from planner.io import write_atomic

SEEDS: tuple[int, ...] = (1, 2, 3)
#: Formats a creator can film alone (no second person on camera or behind it).
SELF_SHOT = ("talking_head", "tutorial", "vlog")
Data = dict[str, Any]


@dataclass(frozen=True)
class Family:
    name: str
    summary: str
    make: Callable[[random.Random, int], Data]


def file_name(family: str, seed: int) -> str:
    return f"{family}_{seed}.yaml"


def generate_instance(family: str, seed: int) -> Data:
    """One corpus scenario as plain data; the same family and seed give the same data."""
    spec = family_named(family)
    if seed < 0:
        raise InputError(f"seed must be 0 or more, not {seed}")
    rng = random.Random(f"planner-corpus:{family}:{seed}")  # str seeds hash the same in every process
    return spec.make(rng, seed)


def render_instance(family: str, seed: int) -> str:
    return render_yaml(generate_instance(family, seed),
                       f"Corpus instance {family} seed {seed} ({family_named(family).summary}): made by "
                       f"`planner bench corpus --families {family} --seeds {seed}`.")


def write_corpus(out_dir: str | Path, families: list[str] | None = None,
                 seeds: tuple[int, ...] | list[int] = SEEDS) -> list[Path]:
    """Write every family x seed into ``out_dir`` (each file atomically); returns the paths."""
    names = families or list(FAMILIES)
    for name in names:
        family_named(name)  # bad names fail before anything is written
    return [write_atomic(Path(out_dir) / file_name(name, seed), render_instance(name, seed))
            for name in names for seed in seeds]


def corpus_files(folder: str | Path, families: list[str] | None = None,
                 seeds: tuple[int, ...] | list[int] = SEEDS) -> list[tuple[str, int, Path]]:
    """(family, seed, path) of each corpus instance in ``folder``; a missing file is an InputError."""
    out = []
    for name in families or list(FAMILIES):
        family_named(name)
        for seed in seeds:
            path = Path(folder) / file_name(name, seed)
            if not path.exists():
                raise InputError(f"{path}: no such corpus instance (write it with `planner bench corpus --out {folder}`)")
            out.append((name, seed, path))
    return out


def family_named(name: str) -> Family:
    if name not in FAMILIES:
        raise InputError(f"unknown corpus family '{name}' (use {', '.join(FAMILIES)})")
    return FAMILIES[name]


# -- shared pieces ---------------------------------------------------------------------------

def _scenario(rng: random.Random, title: str, spec: Tier, accounts: list[Data], team: list[Data], topics: list[Data],
              rules: list[Data], trends: list[Data] | None = None, pins: list[Data] | None = None,
              hours: tuple[str, str] = ("10:00-19:00", "07:00-23:00")) -> Data:
    data: Data = {
        "name": title,
        "description": (f"Corpus family {spec.name}: {len(accounts)} accounts, {len(team)} members, {len(topics)} topics, "
                        f"{spec.days} days."),
        "horizon": horizon(spec.days, *hours),
        "rule_packs": sorted({a.pop("platform_id") for a in accounts}),
        "accounts": accounts,
        "team": team,
        "trends": trends or [],
        "rules": rules,
        "objective": {"goal_weights": {g: round(rng.uniform(0.8, 1.3), 1)
                                       for g in ("acquire", "retain", "engage", "convert")},
                      "unscheduled_penalty": 20},
        "topics": topics,
    }
    if pins:
        data["pins"] = {"publications": pins}
    return data


def _one_brand(rng: random.Random, spec: Tier) -> tuple[Brand, list[Data], list[Data], list[Any], TopicMaker]:
    """A brand with its accounts, team, trends and a topic maker (the generator's own pieces)."""
    brand = make_brands(rng, spec)[0]
    team = make_team(rng, spec, [brand])
    trends, refs = make_trends(rng, spec)
    return brand, team, trends, refs, TopicMaker(rng, START, spec.days, refs)


def _operators(team: list[Data]) -> set[str]:
    return {m["id"] for m in team if ROLE_ZH["operator"] in m["roles"]}


def _at(day: int, hour: int) -> str:
    return f"{START + timedelta(days=day)}T{hour:02d}:00:00"


def _date(day: int) -> str:
    return str(START + timedelta(days=day))


def _works(member: Data, day: int) -> bool:
    """Whether ``member`` is at work on horizon day ``day`` (weekdays off, days off, leave)."""
    when = START + timedelta(days=day)
    return (when.strftime("%a").lower() not in member.get("weekdays_off", [])
            and str(when) not in member.get("days_off", [])
            and not any(leave["start"] <= str(when) <= leave["end"] for leave in member.get("leave", [])))


def _live_staffed(team: list[Data], day: int) -> bool:
    """A host and a different operator are at work that day, and an operator is before it (the prep)."""
    operators = [m for m in team if ROLE_ZH["operator"] in m["roles"]]
    hosts = [m for m in team if ROLE_ZH["talent"] in m["roles"]]
    on = [m for m in operators if _works(m, day)]
    return any(h is not o for h in hosts if _works(h, day) for o in on) \
        and any(_works(m, d) for m in operators for d in range(max(0, day - 3), day + 1))


def _all_but_last_stage(topic: Data) -> list[str]:
    """存稿: every stage before the edit is done."""
    return [s.name for s in TEMPLATES[topic["format"]][:-1]]


def _plain(topic: Data) -> Data:
    """A topic freed of its time window and follow-ups, to be pinned or required."""
    for key in ("earliest", "deadline", "after", "trend"):
        topic.pop(key, None)
    return topic


def _accounts_of(brand: Brand) -> list[Data]:
    return [dict(a) for a in brand.accounts]


# -- the families ----------------------------------------------------------------------------

def _solo(rng: random.Random, seed: int) -> Data:
    arch = rng.choice([a for a in ARCHETYPES if any(f in SELF_SHOT for c in a.categories for f in c.formats)])
    brand = Brand("b01", rng.choice(arch.brands), arch)
    platforms = ["bilibili", "douyin"] + (["wechat_channels"] if rng.random() < 0.6 else [])
    brand.accounts = accounts_on(rng, brand, platforms, prefixed=False)
    spec = Tier("solo", brands=1, accounts=len(platforms), members=1, topics=rng.randint(11, 14), days=21)
    every_role = [ROLE_ZH[r] for r in ("planner", "writer", "shooter", "talent", "editor", "operator")]
    creator: Data = {"id": "m01", "name": rng.choice(SURNAMES) + rng.choice(GIVEN), "roles": every_role,
               "hours_per_day": rng.choice((8, 9)), "weekdays_off": [rng.choice(("sun", "mon"))]}
    maker = TopicMaker(rng, START, spec.days, [])
    next_id = id_maker("t")
    topics: list[Data] = []
    while len(topics) < spec.topics:
        category = rng.choice([c for c in arch.categories if any(f in SELF_SHOT for f in c.formats)])
        fmt = rng.choice([f for f in category.formats if f in SELF_SHOT])
        subject = rng.choice(arch.subjects)
        title = rng.choice(TITLE_PATTERNS).format(s=subject)
        long_form = rng.random() < 0.7  # the channel's B站 videos; the rest are short 口播
        topic: Data = {"id": next_id(), "title": title if 6 <= len(title) <= 16 else f"{subject}新手必看",
                       "caption": "", "hashtags": rng.sample(arch.hashtags, 2), "format": fmt, "goal": category.goal,
                       "category": category.name, "priority": rng.choice((2, 3, 3, 4, 5)),
                       "duration_s": rng.randrange(300, 901, 30) if long_form else rng.randrange(45, 121, 5)}
        if long_form:
            topic["effort"] = {"edit": rng.randint(6, 16)}
        chosen = [brand.accounts[0], *[a for a in brand.accounts[1:] if rng.random() < 0.6]]
        placed = maker.place(brand, topic, chosen)
        if placed is None:
            continue
        if len(placed["platforms"]) > 1 and "bilibili" in placed["platforms"]:
            placed["first_platform"] = "bilibili"
        topics.append(placed)
    topics[0]["done"] = _all_but_last_stage(topics[0])  # 存稿: filmed last week, the edit is left
    paid = topics[1]
    paid.update(commercial=True, required=True, goal="convert")
    maker.place(brand, paid, [a for a in brand.accounts if a["id"] in paid["accounts"]])  # labels for the ad
    late = topics[2]
    late["earliest"] = _at(rng.randint(9, 14), 12)
    rules = [{"id": "solo.weekly", "kind": "max_posts_per_week", "scope": {"account": [brand.accounts[0]["id"]]},
              "max": rng.choice((3, 4)), "source": "the creator's own pace"}]
    return _scenario(rng, f"corpus solo {seed}: {brand.name}", spec, _accounts_of(brand), [creator], topics, rules,
                     hours=("09:00-18:00", "12:00-23:00"))


def _brand(rng: random.Random, seed: int) -> Data:
    spec = Tier("brand", brands=1, accounts=rng.choice((3, 4)), members=rng.choice((6, 7)),
                topics=rng.randint(24, 30), days=14)
    brand, team, trends, _, maker = _one_brand(rng, spec)
    topics = maker.brand_topics(brand, spec.topics, id_maker("t"), _operators(team))
    lives = [t for t in topics if t["format"] == "live"]
    for live in lives:  # booked: on a day its host and operator are at work, the nearest to the one drawn
        day = (date.fromisoformat(live["live_at"][:10]) - START).days
        staffed = [d for d in range(2, spec.days) if _live_staffed(team, d)]
        live.pop("talent", None)
        if staffed:
            live["live_at"] = _at(min(staffed, key=lambda d: (abs(d - day), d)), 20)
    pins = [{"topic": t["id"], "account": t["accounts"][0], "at": t["live_at"]} for t in lives]
    ads = [_plain(t) for t in topics if t.get("commercial") and t["format"] != "live"]
    memorial = (MEMORIAL_DAY - START).days
    days = [d for d in range(3, spec.days - 1) if d != memorial]
    for topic, day in zip(ads[:2], sorted(rng.sample(days, 2)), strict=False):  # booked with the advertiser
        topic.pop("talent", None)
        pins.append({"topic": topic["id"], "account": topic["accounts"][0], "at": _at(day, rng.choice((12, 18, 20)))})
    pinned = {p["topic"] for p in pins}
    free = [t for t in topics if t["id"] not in pinned and t["format"] != "live" and not t.get("series")]
    deliverable = next((t for t in free if len(t["accounts"]) >= 2), free[0])
    _plain(deliverable)["required"] = min(2, len(deliverable["accounts"]))
    event = next(t for t in free if t is not deliverable)  # the launch event: filmed there and then
    event_day = rng.randint(4, 7)
    _plain(event).pop("talent", None)
    event.update(produce_after=_date(event_day - 2), shoot_on=[_date(event_day)], earliest=_at(event_day, 18))
    for topic in [t for t in free if t is not deliverable and t is not event][:2]:
        topic["done"] = _all_but_last_stage(topic)
    return _scenario(rng, f"corpus brand {seed}: {brand.name}", spec, _accounts_of(brand), team, topics,
                     team_rules([brand], spec), trends, pins)


def _agency(rng: random.Random, seed: int) -> Data:
    spec = Tier("agency", brands=3, accounts=rng.choice((6, 7)), members=15, topics=rng.randint(30, 36), days=14,
                shared=3)
    brands = make_brands(rng, spec)
    team = make_team(rng, spec, brands)  # a team of four per client (``accounts:``) and shared specialists
    trends, refs = make_trends(rng, spec)
    maker = TopicMaker(rng, START, spec.days, refs)
    topics: list[Data] = []
    for brand, total in zip(brands, split(spec.topics, [len(b.accounts) for b in brands]), strict=True):
        topics += maker.brand_topics(brand, total, id_maker(f"{brand.code}_t"), _operators(team))
    accounts = [dict(a) for b in brands for a in b.accounts]
    return _scenario(rng, f"corpus agency {seed}: {' / '.join(b.name for b in brands)}", spec, accounts, team, topics,
                     team_rules(brands, spec), trends)


#: A live-commerce team: two hosts, two operators who run the lives, a shooter-editor and a writer.
LIVE_TEAM: tuple[Profile, ...] = (
    Profile(("talent", "writer"), 8), Profile(("talent",), 6), Profile(("operator", "reviewer"), 8),
    Profile(("operator", "planner"), 8), Profile(("shooter", "editor"), 8), Profile(("editor", "writer"), 8),
)


def _live(rng: random.Random, seed: int) -> Data:
    spec = Tier("live", brands=1, accounts=rng.choice((2, 3)), members=len(LIVE_TEAM), topics=0, days=14)
    brand = make_brands(rng, spec)[0]
    team = [make_member(rng, spec, f"m{k + 1:02d}", p, brand) for k, p in enumerate(LIVE_TEAM)]
    # The hosts and the operators cover for each other: never both off on the same day.
    for pair, offs in (((0, 1), ("mon", "thu")), ((2, 3), ("tue", "fri"))):
        for k, off in zip(pair, rng.sample(offs, 2), strict=True):
            team[k]["weekdays_off"] = [off]
            team[k].pop("days_off", None)
            team[k].pop("leave", None)
    trends, refs = make_trends(rng, spec)
    maker = TopicMaker(rng, START, spec.days, refs)
    next_id = id_maker("t")
    host_account = brand.accounts[0]  # Douyin: 直播带货
    topics: list[Data] = []
    memorial = (MEMORIAL_DAY - START).days
    for day in range(1, spec.days):  # day 0 is the prep for the first live
        when = START + timedelta(days=day)
        if day == memorial:  # 国家公祭日: no selling
            continue
        live = {"id": next_id(), "title": f"{brand.name}{when.month}月{when.day}日直播"[:16], "caption": "",
                "hashtags": ["直播", "好物"], "format": "live", "goal": "convert", "category": "直播",
                "priority": 4, "duration_s": rng.choice((7200, 10800)), "commercial": True, "tags": ["商业"],
                "live_at": _at(day, rng.choice((19, 20, 20, 21)))}
        if when.weekday() >= 4:  # Friday to Sunday are booked with the platform
            live["required"] = True
        placed = maker.place(brand, live, [host_account])
        if placed is not None:
            topics.append(placed)
    wanted = len(topics) + rng.randint(14, 18)  # short clips around the lives
    while len(topics) < wanted:
        clip = maker.regular(brand, next_id)
        if clip is not None:
            topics.append(clip)
    rules = [r for r in team_rules([brand], spec) if r["kind"] != "content_mix"]  # every post sells here
    if seed % 2:
        rules.append({"id": "team.reply", "kind": "reply_duty", "minutes": 20, "within_hours": 2,
                      "source": "the team's practice: answer comments in the first hours"})
    spec = Tier("live", brands=1, accounts=len(brand.accounts), members=len(team), topics=len(topics), days=14)
    return _scenario(rng, f"corpus live {seed}: {brand.name}", spec, _accounts_of(brand), team, topics, rules, trends)


def _starved(rng: random.Random, seed: int) -> Data:
    spec = Tier("starved", brands=1, accounts=3, members=5, topics=rng.randint(40, 46), days=14)
    brand, team, trends, _, maker = _one_brand(rng, spec)
    for member in team:  # a part-time team: far fewer hours than the topics need
        member["hours_per_day"] = min(member["hours_per_day"], rng.choice((5, 6)))
        member.pop("hours_per_week", None)
    topics = maker.brand_topics(brand, spec.topics, id_maker("t"), _operators(team))
    return _scenario(rng, f"corpus starved {seed}: {brand.name}", spec, _accounts_of(brand), team, topics,
                     team_rules([brand], spec), trends)


def _long(rng: random.Random, seed: int) -> Data:
    spec = Tier("long", brands=1, accounts=4, members=7, topics=rng.randint(34, 40), days=28)
    brand, team, trends, _, maker = _one_brand(rng, spec)
    next_id = id_maker("t")
    topics = maker.lives(brand, next_id, _operators(team))
    for name in brand.archetype.series:
        topics += maker.series(brand, name, rng.randint(4, 6), next_id)
    column = f"{brand.archetype.subjects[0]}每周问答"
    accounts = maker.pick_accounts(brand)
    for week in range(spec.days // 7):  # a recurring column: one episode inside each week
        episode: Data = {"id": next_id(), "title": f"{column}第{week + 1}期"[:16], "caption": "",
                 "hashtags": rng.sample(brand.archetype.hashtags, 2), "format": "talking_head", "goal": "retain",
                 "category": "栏目", "priority": 4, "duration_s": rng.randrange(45, 91, 5),
                 "earliest": _at(7 * week + 1, 7), "deadline": _at(7 * week + 6, 22)}
        placed = maker.place(brand, episode, accounts)
        if placed is not None:
            topics.append(placed)
    while len(topics) < spec.topics:
        topic = maker.regular(brand, next_id)
        if topic is not None:
            topics.append(topic)
    return _scenario(rng, f"corpus long {seed}: {brand.name}", spec, _accounts_of(brand), team, topics,
                     team_rules([brand], spec), trends)


FAMILIES: dict[str, Family] = {f.name: f for f in (
    Family("solo", "one creator, every role, 21 days, long edits in day-parts", _solo),
    Family("brand", "a brand team, pinned lives and ads under a share cap", _brand),
    Family("agency", "three clients with their own teams and shared staff", _agency),
    Family("live", "live commerce: a live every evening, clips around it", _live),
    Family("starved", "more topics than the team has hours", _starved),
    Family("long", "28 days with series and a weekly column", _long),
)}
