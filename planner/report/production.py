"""What the reports say about each post beyond its time: who makes it (the plan's production tasks)
and which labels it must carry. Shared by the HTML board, the tables (CSV, XLSX), ICS and JSON."""

from __future__ import annotations

from collections import defaultdict

from planner.domain.plan import Plan, Publication, Task
from planner.domain.scenario import Scenario, Topic
from planner.report.labels import word


class Production:
    """The plan's tasks by topic, and the people behind each post.

    A 二次剪辑 task (``adapt:<platform>``) belongs to the posts on that platform only, a reply duty
    (``reply:<account>``) to the post on that account; every other task of a topic to all its posts."""

    def __init__(self, scenario: Scenario, plan: Plan) -> None:
        self.scenario = scenario
        self.by_topic: dict[str, list[Task]] = defaultdict(list)
        for task in sorted(plan.tasks, key=lambda t: (t.start, t.stage)):
            self.by_topic[task.topic].append(task)

    def chain(self, topic: str, account: str) -> list[Task]:
        """The tasks behind the post of ``topic`` on ``account``, in time order."""
        found = self.scenario.account_by_id.get(account)
        platform = found.platform if found else ""
        return [t for t in self.by_topic.get(topic, []) if serves(t.stage, platform, account)]

    def makers(self, topic: str, account: str) -> list[str]:
        """Member ids, each once, in the order they first work on the post."""
        seen: dict[str, None] = {}
        for task in self.chain(topic, account):
            seen.update(dict.fromkeys(task.members))
        return list(seen)

    def name(self, member: str) -> str:
        """The member's name as the team knows it (the id when the scenario gives none)."""
        found = self.scenario.member_by_id.get(member)
        return (found.name or found.id) if found else member

    def maker_names(self, topic: str, account: str) -> list[str]:
        return [self.name(m) for m in self.makers(topic, account)]


def serves(stage: str, platform: str, account: str) -> bool:
    """Whether a task of ``stage`` works for the topic's post on ``account`` (on ``platform``)."""
    head, _, target = stage.partition(":")
    if not target:
        return True
    return target == (platform if head == "adapt" else account if head == "reply" else target)


def post_labels(topic: Topic) -> list[str]:
    """The declaration labels the post carries (广告, 品牌合作, AI生成...), as the scenario writes them."""
    return list(topic.labels)


def flags(topic: Topic, lang: str) -> list[str]:
    """Short words for the flags a poster must act on: commercial content, AI-generated content
    (the AI flag only where no label says so already)."""
    out = []
    if topic.commercial:
        out.append(word("commercial", lang))
    if topic.ai_generated and not any("AI" in label.upper() for label in topic.labels):
        out.append(word("ai_generated", lang))
    return out


def labelled(plan: Plan, scenario: Scenario) -> Plan:
    """The plan with each publication's labels and flags filled from its topic (so a plan file
    says which posts need a declaration without the scenario beside it)."""
    def fill(pub: Publication) -> Publication:
        topic = scenario.topic_by_id.get(pub.topic)
        if topic is None:
            return pub
        return pub.model_copy(update={"labels": post_labels(topic), "commercial": topic.commercial,
                                      "ai_generated": topic.ai_generated})

    return plan.model_copy(update={"publications": [fill(p) for p in plan.publications]})
