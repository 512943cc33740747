"""Run numeric work on one thread.

On a small machine shared with other work, multi-threaded BLAS and OpenMP loops spin while
they wait for a core and a one-second fit can take half a minute; one thread is steady and,
at the sizes a content team's history has, hardly slower.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import ParamSpec, TypeVar

from threadpoolctl import threadpool_limits

P = ParamSpec("P")
R = TypeVar("R")


def single_threaded(func: Callable[P, R]) -> Callable[P, R]:
    """Decorator: BLAS and OpenMP limited to one thread while ``func`` runs."""

    @functools.wraps(func)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        with threadpool_limits(limits=1):
            return func(*args, **kwargs)

    return wrapper
