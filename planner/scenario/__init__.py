"""Scenario files: YAML loading, ``extends`` overlays and located errors."""

from planner.scenario.loader import build, load, read_layers
from planner.scenario.yamlio import Loc, format_path, parse_path, problem_at, read_yaml

__all__ = ["Loc", "build", "format_path", "load", "parse_path", "problem_at", "read_layers", "read_yaml"]
