"""Where the work runs: an embedded Dask ``LocalCluster`` by default, or an existing cluster.

``--cluster tcp://HOST:8786`` (or ``PLANNER_DASK_SCHEDULER``) sends the same tasks to a scheduler
someone started; its workers need the same ``planner`` installed and the files a scenario names
by path (its own rule packs, its history) at the same paths. Bundled rule packs travel with the
package.
"""

from __future__ import annotations

import logging
import os
import re
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

from planner.errors import InputError, PlannerError, Problem
from planner.messages import say_in

if TYPE_CHECKING:
    from distributed import Client

SCHEDULER_ENV = "PLANNER_DASK_SCHEDULER"
#: Seconds to reach an existing scheduler before giving up.
CONNECT_SECONDS = 10
#: Seconds to wait for the first worker of an existing cluster (tasks wait for the others).
WORKER_WAIT_SECONDS = 30
_ADDRESS = re.compile(r"(tcp|tls|ws|wss|inproc|ucx)://\S+")

_WORDS = {
    "bad_address": ("集群地址应形如 tcp://HOST:8786，而不是 {address!r}",
                    "a cluster address looks like tcp://HOST:8786, not {address!r}"),
    "no_workers": ("Dask 调度器 {address} 在 {seconds} 秒内没有可用的工作进程（请先启动 dask worker）",
                   "the Dask scheduler at {address} has no worker after {seconds}s (start dask worker first)"),
    "unreachable": ("无法连接 Dask 调度器 {address}（{seconds} 秒内）：{why}",
                    "cannot reach the Dask scheduler at {address} within {seconds}s: {why}"),
}


def scheduler_address(cluster: str | None, lang: str = "zh") -> str | None:
    """The scheduler to use: ``cluster`` if given, else ``PLANNER_DASK_SCHEDULER``, else None (embedded)."""
    address = cluster or os.environ.get(SCHEDULER_ENV) or None
    if address is not None and not _ADDRESS.fullmatch(address):
        where = "--cluster" if cluster else SCHEDULER_ENV
        raise InputError(Problem(say_in(_WORDS, "bad_address", lang, address=address), path=where))
    return address


def local_workers(wanted: int | None = None, jobs: int | None = None) -> int:
    """Workers of the embedded cluster: as wanted, else one per core (each solve uses one CP-SAT
    worker), and no more than the jobs."""
    count = wanted if wanted is not None else os.cpu_count() or 1
    return max(1, min(count, jobs) if jobs is not None else count)


@contextmanager
def open_client(address: str | None = None, workers: int | None = None, lang: str = "zh") -> Iterator[Client]:
    """A Dask client: on the scheduler at ``address``, or on a ``LocalCluster`` of ``workers``
    single-threaded processes started here and stopped on leaving."""
    from distributed import Client, LocalCluster

    if address is not None:
        try:
            client = Client(address, timeout=CONNECT_SECONDS)
        except (OSError, TimeoutError) as error:
            raise PlannerError(say_in(_WORDS, "unreachable", lang, address=address, seconds=CONNECT_SECONDS,
                                      why=error)) from None
        try:
            try:
                client.wait_for_workers(1, timeout=WORKER_WAIT_SECONDS)
            except TimeoutError:
                raise PlannerError(say_in(_WORDS, "no_workers", lang, address=address,
                                          seconds=WORKER_WAIT_SECONDS)) from None
            client.run(_import_solver)
            yield client
        finally:
            client.close()
        return
    # Processes, not threads: a solve holds its core (CP-SAT and the model building in Python). No
    # memory limit: Dask's default (the machine's memory shared out per worker) would have the nanny
    # kill a worker whose solve is large (an XL solve takes gigabytes), then the retry, and so on.
    with LocalCluster(n_workers=local_workers(workers), threads_per_worker=1, processes=True, memory_limit=0,
                      dashboard_address=None, silence_logs=logging.ERROR) as cluster, Client(cluster) as client:
        client.run(_import_solver)
        yield client


def _import_solver() -> None:
    """Every worker imports the solver at once, side by side, rather than in its first task (so a
    task's time is its solve)."""
    import planner.api
    import planner.solver  # noqa: F401
