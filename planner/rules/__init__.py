"""Rules: kinds with two faces (encode into the model, check a finished plan) and packs."""

from planner.rules.base import ContentRule, Rule, UnaryPublicationRule
from planner.rules.check import check_plan, check_topics
from planner.rules.context import EncodeContext, PubCandidate, WorkCandidate
from planner.rules.packs import build_rule, load_pack, resolve_rules
from planner.rules.registry import KINDS, describe, register, unregister

__all__ = [
    "KINDS", "ContentRule", "EncodeContext", "PubCandidate", "Rule", "UnaryPublicationRule", "WorkCandidate",
    "build_rule", "check_plan", "check_topics", "describe", "load_pack", "register", "resolve_rules", "unregister",
]
