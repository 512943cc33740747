"""Run many solves as Dask tasks: the shared payload sent once, each case a task.

A case names the payloads it reads (a scenario) by index. Each payload is a task of its own that
just holds the value: the client sends it to the scheduler once, a worker holds it, and every other
worker fetches it from a peer when its first task needs it, so a case's task carries only its own
small arguments. Not ``scatter``: scattered data cannot be recomputed, and the scheduler keeps
one replica of it (its active memory manager drops the others), so a worker that died took the
scenario with it and cancelled every case that read it. A held payload is simply run again.

A task whose worker dies is run again elsewhere by the scheduler, and one that raises is retried
(Dask's ``retries``); a case that still fails is reported with why, and the others keep their results.
"""

from __future__ import annotations

import pickle
import time as clock
import uuid
from collections.abc import Callable, Sequence
from concurrent.futures import CancelledError
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from distributed import Client

#: Runs of a task after its first failure (an exception in the task; a dead worker is handled by
#: the scheduler's own ``allowed-failures``).
RETRIES = 2


@dataclass(frozen=True)
class Job:
    """One task: ``fn(*(payloads[i] for i in payloads), *args)`` on some worker."""

    name: str
    payloads: tuple[int, ...]
    args: tuple[Any, ...] = ()


@dataclass
class Outcome:
    name: str
    result: Any = None
    error: BaseException | None = None  # what failed the case after its retries; None when it ran
    seconds: float = 0.0  # from submitting the jobs to this one's result arriving

    @property
    def why(self) -> str | None:
        if self.error is None:
            return None
        return f"{type(self.error).__name__}: {self.error}"


@dataclass(frozen=True)
class Costs:
    """What moving the work costs: the payloads are sent to each worker once, the job arguments per task."""

    workers: int
    payload_bytes: int  # pickled payloads, all together (sent to the scheduler once, to each worker as needed)
    task_bytes: int  # pickled arguments of the largest job
    send_seconds: float  # to hand the payloads and the jobs to the scheduler


Done = Callable[[int, int, Outcome], None]  # (cases done, cases in all, the one just done)


def pickled_size(value: Any) -> int:
    return len(pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))


def run_jobs(client: Client, fn: Callable[..., Any], payloads: Sequence[Any], jobs: Sequence[Job],
             on_done: Done | None = None, retries: int = RETRIES) -> tuple[list[Outcome], Costs]:
    """Every job's outcome, in the order of ``jobs``, and what the transfer cost."""
    from distributed import as_completed

    run = uuid.uuid4().hex[:8]  # keys unique on a cluster that others share
    started = clock.perf_counter()
    shared = [client.submit(hold, payload, key=f"planner-payload-{i}-{run}", pure=False)
              for i, payload in enumerate(payloads)]
    # Cases run in the order given (a higher priority runs first), so progress reads in order.
    futures = {client.submit(fn, *(shared[i] for i in job.payloads), *job.args, key=f"planner-{job.name}-{run}",
                             retries=retries, pure=False, priority=len(jobs) - index): index
               for index, job in enumerate(jobs)}
    costs = Costs(workers=len(client.scheduler_info(n_workers=-1)["workers"]),
                  payload_bytes=pickled_size(list(payloads)),
                  task_bytes=max((pickled_size(job.args) for job in jobs), default=0),
                  send_seconds=clock.perf_counter() - started)
    outcomes: list[Outcome | None] = [None] * len(jobs)
    for count, future in enumerate(as_completed(futures), 1):
        index = futures[future]
        outcome = Outcome(jobs[index].name, seconds=clock.perf_counter() - started)
        if future.status == "finished":
            outcome.result = future.result()
        else:
            outcome.error = future.exception() or CancelledError(jobs[index].name)
        outcomes[index] = outcome
        future.release()
        if on_done is not None:
            on_done(count, len(jobs), outcome)
    return [o for o in outcomes if o is not None], costs


def hold(value: Any) -> Any:
    """The task that holds a payload on a worker (run again if its worker dies)."""
    return value


def run_serial(fn: Callable[..., Any], payloads: Sequence[Any], jobs: Sequence[Job],
               on_done: Done | None = None) -> list[Outcome]:
    """The same jobs one after another in this process (one worker: no cluster to start)."""
    started = clock.perf_counter()
    outcomes = []
    for count, job in enumerate(jobs, 1):
        outcome = Outcome(job.name)
        try:
            outcome.result = fn(*(payloads[i] for i in job.payloads), *job.args)
        except Exception as error:  # reported per case, as on a cluster
            outcome.error = error
        outcome.seconds = clock.perf_counter() - started
        outcomes.append(outcome)
        if on_done is not None:
            on_done(count, len(jobs), outcome)
    return outcomes

