"""What happened before a moment cannot change: an earlier plan's posts before it, and the
production work of every topic already in production, become pins of the scenario."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from planner.domain.plan import Plan
from planner.domain.scenario import Horizon, PinnedPublication, PinnedTask, Pins, Scenario, Topic


@dataclass
class Frozen:
    scenario: Scenario  # the scenario with the pins added
    publications: int  # posts pinned
    tasks: int  # production tasks pinned
    left_out: int  # posts before the horizon or of topics no longer in the scenario
    moment: datetime  # in the horizon's zone


def freeze_before(scenario: Scenario, plan: Plan, moment: datetime) -> Frozen:
    """``scenario`` with ``plan``'s publications before ``moment`` pinned, and its tasks that start
    before ``moment`` pinned (a topic in production keeps the work done and under way). Topics with
    no post before ``moment`` go out at ``moment`` or later, and those not in production either are
    made from its day on."""
    horizon = scenario.horizon
    moment = horizon.localize(moment)
    start = horizon.localize(horizon.start)
    topics = scenario.topic_by_id
    pubs = list(scenario.pins.publications)
    seen = {(p.topic, p.account, horizon.localize(p.at)) for p in pubs}
    added = left_out = 0
    for pub in plan.publications:
        at = horizon.localize(pub.at)
        if at >= moment:
            continue
        if at < start or pub.topic not in topics or pub.account not in scenario.account_by_id:
            left_out += 1
            continue
        if (pub.topic, pub.account, at) not in seen:
            seen.add((pub.topic, pub.account, at))
            pubs.append(PinnedPublication(topic=pub.topic, account=pub.account, at=at))
            added += 1
    tasks = list(scenario.pins.tasks)
    held = {(t.topic, t.stage, t.day) for t in tasks}
    pinned_tasks = 0
    for task in plan.tasks:
        begins = horizon.localize(task.start)
        if begins >= moment or begins < start or task.topic not in topics:
            continue
        key = (task.topic, task.stage, begins.date())
        if key not in held:
            held.add(key)
            tasks.append(PinnedTask(topic=task.topic, stage=task.stage, members=list(task.members), day=begins.date()))
            pinned_tasks += 1
    started = {p.topic for p in pubs if horizon.localize(p.at) < moment}
    producing = {k.topic for k in tasks}
    later = [_not_before(t, moment, horizon, t.id in started, t.id in producing) for t in scenario.topics]
    # Before the moment, only what was published stays: no new post of any topic goes into the past.
    past = horizon.model_copy(update={"plannable_from": moment})
    pinned = scenario.model_copy(update={"pins": Pins(publications=pubs, tasks=tasks), "topics": later,
                                         "horizon": past})
    pinned._sources, pinned._notes = scenario._sources, list(scenario._notes)
    return Frozen(pinned, added, pinned_tasks, left_out, moment)


def _not_before(topic: Topic, moment: datetime, horizon: Horizon, out: bool, in_production: bool) -> Topic:
    """A topic not out before the moment goes out after it (the past is not plannable; one out
    already keeps its pinned posts and may still go out on another account), and one not in
    production either is made from the moment's day on."""
    update: dict[str, object] = {}
    if not out and (topic.earliest is None or horizon.localize(topic.earliest) < moment):
        update["earliest"] = moment
    if not out and not in_production and (topic.produce_after is None or topic.produce_after < moment.date()):
        update["produce_after"] = moment.date()
    return topic.model_copy(update=update) if update else topic
