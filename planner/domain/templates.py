"""Production templates per format: stages, the roles each needs and default hours.

Data only; planner.workflow turns them into graphs and the solver into tasks.
"""

from __future__ import annotations

import itertools
import math
from dataclasses import dataclass, field

from planner.domain.scenario import Topic


@dataclass(frozen=True)
class StageSpec:
    name: str
    roles: dict[str, int]
    hours: float
    #: Runs at the publication time itself (a live session), not on an earlier day.
    at_publish: bool = False
    after: tuple[str, ...] = field(default=())
    #: Its roles go to different people. False: one member may fill several (a creator who films
    #: themselves is shooter and talent at once), and their hours count once.
    distinct: bool = True
    #: A stage longer than anyone's day runs as ``parts`` day-parts: this is part ``part`` of the
    #: stage ``stem`` (the last part keeps the stem's name, so what follows waits for all of it).
    part: int = 1
    parts: int = 1
    stem: str = ""

    @property
    def base(self) -> str:
        """The stage this is (a part of): what tasks, pins and checks call it."""
        return self.stem or self.name


_SCRIPT = "script"
TEMPLATES: dict[str, list[StageSpec]] = {
    "talking_head": [  # 口播
        StageSpec(_SCRIPT, {"writer": 1}, 1.0),
        StageSpec("shoot", {"shooter": 1, "talent": 1}, 1.0, after=(_SCRIPT,), distinct=False),
        StageSpec("edit", {"editor": 1}, 2.0, after=("shoot",)),
    ],
    "skit": [  # actors are filmed by someone else  # 剧情
        StageSpec(_SCRIPT, {"writer": 1}, 3.0),
        StageSpec("shoot", {"shooter": 1, "talent": 1}, 4.0, after=(_SCRIPT,)),
        StageSpec("edit", {"editor": 1}, 4.0, after=("shoot",)),
    ],
    "store_visit": [  # 探店
        StageSpec("plan", {"planner": 1}, 1.0),
        StageSpec("shoot", {"shooter": 1, "talent": 1}, 3.0, after=("plan",), distinct=False),
        StageSpec("edit", {"editor": 1}, 3.0, after=("shoot",)),
    ],
    "tutorial": [  # 教程
        StageSpec(_SCRIPT, {"writer": 1}, 2.0),
        StageSpec("shoot", {"shooter": 1, "talent": 1}, 2.0, after=(_SCRIPT,), distinct=False),
        StageSpec("edit", {"editor": 1}, 3.0, after=("shoot",)),
    ],
    "vlog": [
        StageSpec("plan", {"planner": 1}, 1.0),
        StageSpec("shoot", {"shooter": 1, "talent": 1}, 3.0, after=("plan",), distinct=False),
        StageSpec("edit", {"editor": 1}, 3.0, after=("shoot",)),
    ],
    "live": [  # 直播: prepared ahead, then a session at a fixed time with a host and an operator (two people)
        StageSpec("prep", {"operator": 1}, 2.0),
        StageSpec("live", {"talent": 1, "operator": 1}, 2.0, at_publish=True, after=("prep",)),
    ],
}

#: 二次剪辑: one per extra platform, after the edit.
ADAPT = StageSpec("adapt", {"editor": 1}, 0.5, after=("edit",))
#: 审核: optional review before anything goes out.
REVIEW = StageSpec("review", {"reviewer": 1}, 0.5, after=("edit",))
#: Stages whose members appear on camera.
ON_CAMERA_STAGES = ("shoot", "live")


def primary_platform(topic: Topic) -> str:
    """The platform the master cut is made for: the 首发 platform, else the first listed."""
    return topic.first_platform or topic.platforms[0]


def adapt_stage(platform: str) -> str:
    return f"adapt:{platform}"


def stage_names(format_: str) -> list[str]:
    """The names a topic's ``done`` may use for its format (``adapt`` stands for every 二次剪辑)."""
    names = [s.name for s in TEMPLATES[format_]]
    return names if format_ == "live" else [*names, REVIEW.name, ADAPT.name]


def stage_stem(name: str) -> str:
    """The stage a day-part belongs to: ``edit#1`` -> ``edit``."""
    return name.split("#", 1)[0]


def part_name(stem: str, part: int, parts: int) -> str:
    """The name of day-part ``part`` of ``parts``: the last keeps the stage's own name."""
    return stem if part == parts else f"{stem}#{part}"


def _is_done(topic: Topic, stage: str) -> bool:
    return topic.ready_at is not None or stage.split(":")[0] in topic.done


def topic_stages(topic: Topic) -> list[StageSpec]:
    """The stages a topic still needs (not those it has done), with its own effort overrides applied."""
    stages = list(TEMPLATES[topic.format])
    if topic.review and topic.format != "live":
        stages.append(REVIEW)
    if topic.format != "live":
        primary = primary_platform(topic)
        stages += [StageSpec(adapt_stage(p), ADAPT.roles, ADAPT.hours, after=ADAPT.after)
                   for p in topic.platforms if p != primary]
    out = []
    for stage in stages:
        default = topic.duration_s / 3600 if stage.at_publish else stage.hours
        hours = topic.effort.get(stage.name, topic.effort.get(stage.name.split(":")[0], default))
        roles = dict(stage.roles)
        if stage.name in ON_CAMERA_STAGES and len(topic.talent) > 1:
            roles["talent"] = len(topic.talent)
        if _is_done(topic, stage.name):
            continue
        after = tuple(name for name in stage.after if not _is_done(topic, name))
        out.append(StageSpec(stage.name, roles, hours, stage.at_publish, after, stage.distinct))
    return out


def split_stage(stage: StageSpec, reach: float) -> list[StageSpec]:
    """A stage longer than ``reach`` (the most anyone who could do it works in a day) as equal
    day-parts, each after the one before; a stage that fits a day, or runs at the post, stays whole."""
    if stage.at_publish or reach <= 0 or stage.hours <= reach + 1e-9:
        return [stage]
    parts = math.ceil(stage.hours / reach - 1e-9)
    hours = stage.hours / parts
    out: list[StageSpec] = []
    for k in range(1, parts + 1):
        name = part_name(stage.name, k, parts)
        after = stage.after if k == 1 else (out[-1].name,)
        out.append(StageSpec(name, stage.roles, hours, False, after, stage.distinct, k, parts, stage.name))
    return out


def final_stages(topic: Topic, platform: str) -> list[str]:
    """Stages that must be finished before the topic goes out on ``platform``."""
    if topic.format == "live":
        names = ["prep"]
    else:
        names = ["edit"]
        if topic.review:
            names.append("review")
        if platform != primary_platform(topic):
            names.append(adapt_stage(platform))
    return [name for name in names if not _is_done(topic, name)]


def topic_dependencies(topics: list[Topic]) -> list[tuple[str, str, str]]:
    """(before, after, why) edges between topics: series episodes in order, then ``after`` lists."""
    edges = []
    series: dict[str, list[Topic]] = {}
    for topic in topics:
        if topic.series is not None:
            series.setdefault(topic.series, []).append(topic)
    for name, episodes in series.items():
        ordered = sorted(episodes, key=lambda t: t.episode or 0)
        for before, after in itertools.pairwise(ordered):
            edges.append((before.id, after.id, f"series {name} episode {before.episode} -> {after.episode}"))
    for topic in topics:
        for before_id in topic.after:
            edges.append((before_id, topic.id, f"{topic.id} comes after {before_id}"))
    return edges
