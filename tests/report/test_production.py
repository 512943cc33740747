"""Who makes each post: the tasks behind it, each belonging to the posts it serves."""

from __future__ import annotations

from datetime import timedelta

from reportkit import at, hostile_plan, hostile_scenario

from planner.domain.plan import Task
from planner.report.production import Production


def test_a_re_cut_and_a_reply_duty_belong_to_their_own_post_only() -> None:
    plan = hostile_plan()
    reply = Task(topic="a", stage="reply:dy", members=["bob"], start=at(9, 19), end=at(9, 19) + timedelta(minutes=30))
    production = Production(hostile_scenario(), plan.model_copy(update={"tasks": [*plan.tasks, reply]}))
    on_douyin = [t.stage for t in production.chain("a", "dy")]
    on_kuaishou = [t.stage for t in production.chain("a", "ks")]
    assert on_douyin == ["script", "shoot", "edit", "reply:dy"]  # no 二次剪辑 for Kuaishou
    assert on_kuaishou == ["script", "shoot", "edit", "adapt:kuaishou"]  # nobody replies there
    assert production.makers("a", "dy") == ["ann", "bob"] and production.maker_names("a", "ks") == ["-2+3", "鲍"]
