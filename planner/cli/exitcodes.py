"""Exit codes of the ``planner`` command, one meaning each, so scripts can branch on them.

====  ================  =====================================================================
code  name              meaning
====  ================  =====================================================================
0     OK                a plan that keeps every hard rule; a clean check or score
1     INPUT_ERROR       bad input: a file, field, value or option (each problem on one line)
2     INFEASIBLE        proven: no plan keeps every hard rule (``planner explain`` names why)
3     INTERNAL_ERROR    a bug in planner (``PLANNER_DEBUG=1`` shows the traceback)
4     NO_PLAN_IN_TIME   no plan found within the time limit (UNKNOWN); a longer limit may find one
5     MODEL_INVALID     the solver refused the model (numbers too large for it)
6     HARD_VIOLATION    a scored or checked calendar breaks a hard rule
====  ================  =====================================================================

A run that ends with 2, 4 or 5 writes no plan and no report, and leaves existing files as they were.
"""

from __future__ import annotations

from enum import IntEnum


class ExitCode(IntEnum):
    """What ``planner`` tells the shell (see the module docstring for the table)."""

    OK = 0
    INPUT_ERROR = 1
    INFEASIBLE = 2
    INTERNAL_ERROR = 3
    NO_PLAN_IN_TIME = 4
    MODEL_INVALID = 5
    HARD_VIOLATION = 6


#: Solver statuses that come with a plan; any other status means there is none.
PLAN_STATUSES = frozenset({"OPTIMAL", "FEASIBLE"})

_NO_PLAN = {
    "INFEASIBLE": ExitCode.INFEASIBLE,
    "MODEL_INVALID": ExitCode.MODEL_INVALID,
    "UNKNOWN": ExitCode.NO_PLAN_IN_TIME,
}


def for_status(status: str) -> ExitCode:
    """The exit code of a solve that ended in ``status`` (a ``SolveStatus`` or its string value)."""
    text = str(getattr(status, "value", status))
    if text in PLAN_STATUSES:
        return ExitCode.OK
    return _NO_PLAN.get(text, ExitCode.NO_PLAN_IN_TIME)
