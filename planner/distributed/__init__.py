"""Many solves at once on Dask: what-if variants and sweeps, on an embedded ``LocalCluster`` or an
existing cluster (``--cluster`` / ``PLANNER_DASK_SCHEDULER``).

``cluster`` connects, ``engine`` sends the shared payload once and runs the tasks, ``cases`` turns
``--vary`` axes into cases, ``sweep`` solves and summarises them, ``report`` renders the table.
"""

from planner.distributed.cluster import SCHEDULER_ENV, open_client, scheduler_address
from planner.distributed.engine import Costs, Job, Outcome, run_jobs, run_serial

__all__ = ["SCHEDULER_ENV", "Costs", "Job", "Outcome", "open_client", "run_jobs", "run_serial", "scheduler_address"]
