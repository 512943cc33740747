"""Topic backlogs (选题库): spreadsheets in, topics out, and the plan's slots written back."""

from planner.backlog.importer import BacklogImport, read_backlog

__all__ = ["BacklogImport", "read_backlog"]
