"""Command-line interface (click): a thin layer over the library."""

from planner.cli.main import cli

__all__ = ["cli"]
