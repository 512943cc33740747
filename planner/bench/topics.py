"""Topics of a generated brand: regular ones, series, live sessions, each fitted to its platforms."""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from planner.bench.catalog import CAPTION, LIVE_PLATFORMS, TITLE_PATTERNS, TREND_PATTERNS, Archetype
from planner.bench.fit import fits, labels_for

TITLE_MIN, TITLE_MAX = 6, 16
DURATION = {"talking_head": (30, 90), "tutorial": (60, 180), "vlog": (60, 240), "skit": (45, 150),
            "store_visit": (45, 120)}
IdMaker = Callable[[], str]
PRIORITY = ((1, 3), (2, 15), (3, 47), (4, 25), (5, 10))  # (priority, weight)


@dataclass
class Brand:
    code: str
    name: str
    archetype: Archetype
    accounts: list[dict[str, Any]] = field(default_factory=list)
    talent: list[str] = field(default_factory=list)  # members who appear on this brand's camera


@dataclass
class Trend:
    id: str
    keywords: tuple[str, ...]
    start_day: int  # first horizon day of the window


class TopicMaker:
    """Makes one brand's topics; ``rng`` is the instance's only source of randomness."""

    def __init__(self, rng: random.Random, start: date, days: int, trends: list[Trend]) -> None:
        self.rng = rng
        self.start = start
        self.days = days
        self.trends = [t for t in trends if t.start_day >= 2]  # production takes days: no trend on day 0

    # -- one brand ---------------------------------------------------------------------
    def brand_topics(self, brand: Brand, total: int, id_of: IdMaker, operators: set[str]) -> list[dict[str, Any]]:
        """``operators``: members who run live sessions (they cannot host one at the same time)."""
        out: list[dict[str, Any]] = []
        live = self.lives(brand, id_of, operators) if total >= 10 else []
        out += live[: max(0, total // 10)]
        for name in brand.archetype.series[: max(0, round(total / 40))]:
            episodes = self.rng.randint(3, 5)
            if len(out) + episodes <= total:
                out += self.series(brand, name, episodes, id_of)
        regular_start = len(out)
        while len(out) < total:
            topic = self.regular(brand, id_of)
            if topic is not None:
                if self.rng.random() < 0.03 and len(out) > regular_start:  # a follow-up of an earlier topic
                    topic["after"] = [self.rng.choice(out[regular_start:])["id"]]
                out.append(topic)
        return out

    def regular(self, brand: Brand, id_of: IdMaker) -> dict[str, Any] | None:
        rng, arch = self.rng, brand.archetype
        category = rng.choice(arch.categories)
        fmt = rng.choice(category.formats)
        goal = category.goal if rng.random() < 0.8 else rng.choice(("acquire", "retain", "engage", "convert"))
        subject = rng.choice(arch.subjects)
        trend = rng.choice(self.trends) if self.trends and rng.random() < 0.12 else None
        if trend is not None:
            keyword = trend.keywords[0]
            title = rng.choice(TREND_PATTERNS).format(k=keyword, s=subject)
            hashtags = [keyword, *rng.sample(arch.hashtags, 2)]
        else:
            title = rng.choice(TITLE_PATTERNS).format(s=subject)
            hashtags = rng.sample(arch.hashtags, rng.randint(1, 3))
        commercial = category.commercial and rng.random() < 0.8
        low, high = DURATION[fmt]
        topic: dict[str, Any] = {
            "id": id_of(), "title": _fit_title(title, subject), "caption": "", "hashtags": hashtags,
            "format": fmt, "goal": goal, "category": category.name,
            "priority": rng.choices([p for p, _ in PRIORITY], [w for _, w in PRIORITY])[0],
            "duration_s": rng.randrange(low, high + 1, 5),
            "aspect": rng.choices(("9:16", "3:4", "16:9"), (75, 10, 15 if fmt in ("vlog", "tutorial") else 0))[0],
        }
        if commercial:
            topic["commercial"] = True
            topic["tags"] = ["商业"]
        if rng.random() < 0.03:
            topic["ai_generated"] = True
        if trend is not None:
            topic["trend"] = trend.id
        if brand.talent and rng.random() < 0.35:
            topic["talent"] = [rng.choice(brand.talent)]
        if rng.random() < (0.5 if commercial else 0.05):
            topic["review"] = True
        self._window(topic)
        return self.place(brand, topic, self.pick_accounts(brand))

    def series(self, brand: Brand, name: str, episodes: int, id_of: IdMaker) -> list[dict[str, Any]]:
        rng, arch = self.rng, brand.archetype
        category = next((c for c in arch.categories if not c.commercial and "tutorial" in c.formats),
                        arch.categories[0])
        accounts = self.pick_accounts(brand)
        out: list[dict[str, Any]] = []
        for episode in range(1, episodes + 1):
            subject = rng.choice(arch.subjects)
            title = f"{name}第{episode}期：{subject}"
            topic: dict[str, Any] = {
                "id": id_of(), "title": title if len(title) <= TITLE_MAX else f"{name}第{episode}期",
                "caption": "", "hashtags": rng.sample(arch.hashtags, 2), "format": rng.choice(category.formats),
                "goal": category.goal, "category": category.name, "priority": 3,
                "duration_s": rng.randrange(60, 181, 5), "series": f"{brand.code}_{name}", "episode": episode,
            }
            placed = self.place(brand, topic, accounts)
            if placed is None:
                return []
            out.append(placed)
        return out

    def lives(self, brand: Brand, id_of: IdMaker, operators: set[str]) -> list[dict[str, Any]]:
        """A weekly 直播带货 on the brand's first account that can stream, Friday or Saturday 20:00."""
        host = next((a for a in brand.accounts if a["platform_id"] in LIVE_PLATFORMS), None)
        if host is None:
            return []
        out = []
        for monday in range(-self.start.weekday(), self.days, 7):
            day = monday + self.rng.choice((4, 5))
            if not 2 <= day < self.days:  # the prep needs a day before
                continue
            when = self.start + timedelta(days=day)
            topic: dict[str, Any] = {
                "id": id_of(), "title": f"{brand.name}直播福利专场"[:TITLE_MAX], "caption": "",
                "hashtags": ["直播", "福利"], "format": "live", "goal": "convert", "category": "直播", "priority": 4,
                "duration_s": self.rng.choice((3600, 5400, 7200)), "commercial": True, "tags": ["商业"],
                "live_at": f"{when}T20:00:00",
            }
            hosts = [m for m in brand.talent if m not in operators]  # a live needs a host and another operator
            if hosts:
                topic["talent"] = [self.rng.choice(hosts)]
            placed = self.place(brand, topic, [host])
            if placed is not None:
                out.append(placed)
        return out

    # -- helpers -----------------------------------------------------------------------
    def pick_accounts(self, brand: Brand) -> list[dict[str, Any]]:
        k = min(len(brand.accounts), self.rng.choices((1, 2, 3), (35, 40, 25))[0])
        first = brand.accounts[0] if self.rng.random() < 0.7 else self.rng.choice(brand.accounts)
        rest = [a for a in brand.accounts if a is not first]
        return [first, *self.rng.sample(rest, k - 1)]

    def _window(self, topic: dict[str, Any]) -> None:
        """Some topics wait for a launch (earliest) or must be out by a date (deadline)."""
        if self.days < 5:
            return
        roll = self.rng.random()
        if roll < 0.05:
            topic["earliest"] = f"{self.start + timedelta(days=self.rng.randint(2, self.days - 2))}T07:00:00"
        elif roll < 0.13:
            topic["deadline"] = f"{self.start + timedelta(days=self.rng.randint(4, self.days - 1))}T22:00:00"

    def place(self, brand: Brand, topic: dict[str, Any], accounts: list[dict[str, Any]]) -> dict[str, Any] | None:
        """Keep the accounts whose platform takes the topic; fall back to a vertical minute if none do."""
        topic["caption"] = CAPTION.format(title=topic["title"], brand=brand.name, slogan=brand.archetype.slogan)
        for attempt in range(2):
            platforms = list(dict.fromkeys(a["platform_id"] for a in accounts))
            topic["labels"] = labels_for(platforms, bool(topic.get("commercial")), bool(topic.get("ai_generated")))
            keep = [p for p in platforms if fits(topic, p)]
            if keep:
                chosen = [a for a in accounts if a["platform_id"] in keep]
                return _finish(topic, keep, chosen, self.rng)
            if attempt == 0 and topic["format"] != "live":
                topic.update(aspect="9:16", duration_s=60)
        return None


def _fit_title(title: str, subject: str) -> str:
    if TITLE_MIN <= len(title) <= TITLE_MAX:
        return title
    return f"{subject}新手必看"


def _finish(topic: dict[str, Any], platforms: list[str], accounts: list[dict[str, Any]],
            rng: random.Random) -> dict[str, Any]:
    topic["labels"] = labels_for(platforms, bool(topic.get("commercial")), bool(topic.get("ai_generated")))
    if not topic["labels"]:
        del topic["labels"]
    topic["platforms"] = platforms
    topic["accounts"] = [a["id"] for a in accounts]
    if len(platforms) > 1 and topic["format"] != "live" and rng.random() < 0.15:
        topic["first_platform"] = platforms[0]  # 首发 on the main platform, the others two hours later
    return {k: v for k, v in topic.items() if v != ""}
