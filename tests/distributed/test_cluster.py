"""A sweep on a real Dask cluster (a scheduler and two workers on loopback, started as
``dask scheduler`` / ``dask worker`` subprocesses): the same table as on the embedded cluster, and
still complete when one worker is killed mid-sweep."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SOLO = ROOT / "scenarios" / "solo_creator.yaml"
#: Six cases of the tiny scenario, short deterministic limits.
SWEEP = ["sweep", str(SOLO), "--vary", "seed=0..2", "--vary", "team.chen.hours_per_day=6,8", "--time-limit", "0.3",
         "--deterministic", "--format", "json", "--lang", "en"]
#: What may differ between runs of the same case: where and how long it ran, and how much of the
#: bound it proved (the LP relaxation runs on the wall clock; under load it may not finish, and the
#: gap, and OPTIMAL or FEASIBLE, follow). The plan itself is the same: its hash says so.
WHERE_AND_WHEN = ("wall", "solve_seconds", "worker", "gap", "status")
BOUND = 120  # seconds any one process of this test may take


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def env() -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(ROOT), "PLANNER_DASK_SCHEDULER": ""}


def planner(*args: str) -> list[str]:
    return [sys.executable, "-c", "import sys; from planner.cli import cli; sys.argv[0] = 'planner'; cli()", *args]


def cases(out: str) -> list[dict[str, object]]:
    data = json.loads(out)
    assert data["failed"] == []
    assert {case["status"] for case in data["cases"]} <= {"OPTIMAL", "FEASIBLE"}
    return [{k: v for k, v in case.items() if k not in WHERE_AND_WHEN} for case in data["cases"]]


def wait_for_workers(address: str, count: int) -> None:
    from distributed import Client

    with Client(address, timeout=30) as client:
        client.wait_for_workers(count, timeout=60)


@pytest.mark.slow
def test_a_sweep_on_a_cluster_gives_the_embedded_table_even_when_a_worker_dies(tmp_path: Path) -> None:
    embedded = subprocess.run(planner(*SWEEP, "--processes", "2"), cwd=tmp_path, env=env(), capture_output=True,
                              text=True, timeout=BOUND)
    assert embedded.returncode == 0, embedded.stderr
    expected = cases(embedded.stdout)
    assert len(expected) == 6

    port = free_port()
    address = f"tcp://127.0.0.1:{port}"
    started: list[subprocess.Popen[bytes]] = []
    try:
        started.append(subprocess.Popen([sys.executable, "-m", "dask", "scheduler", "--host", "127.0.0.1",
                                         "--port", str(port), "--no-dashboard"], env=env(), cwd=tmp_path,
                                        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL))
        for name in ("w1", "w2"):
            started.append(subprocess.Popen([sys.executable, "-m", "dask", "worker", address, "--nthreads", "1",
                                             "--no-nanny", "--no-dashboard", "--host", "127.0.0.1", "--name", name,
                                             "--death-timeout", "60"], env=env(), cwd=tmp_path,
                                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL))
        wait_for_workers(address, 2)
        out_file = tmp_path / "out.json"
        with out_file.open("w") as out:
            run = subprocess.Popen(planner(*SWEEP, "--cluster", address), cwd=tmp_path, env=env(), stdout=out,
                                   stderr=subprocess.PIPE, text=True)
            started.append(run)  # type: ignore[arg-type]
            assert run.stderr is not None
            deadline = time.monotonic() + BOUND
            progress = []
            for line in run.stderr:
                progress.append(line)
                if line.strip().startswith("1/6"):
                    started[2].send_signal(signal.SIGKILL)  # the second worker dies with work on it
                assert time.monotonic() < deadline, "".join(progress)
            assert run.wait(timeout=BOUND) == 0, "".join(progress)
        assert started[2].wait(timeout=10) == -signal.SIGKILL
        assert sum(line.strip().split(" ")[0].endswith("/6") for line in progress) == 6
        assert cases(out_file.read_text()) == expected

        # planner whatif goes through the same engine: the variant solves as the sweep's case did.
        (tmp_path / "solo.yaml").write_text(SOLO.read_text(encoding="utf-8"), encoding="utf-8")
        (tmp_path / "short.yaml").write_text("name: short days\nextends: solo.yaml\nteam:\n"
                                             "  - {id: chen, hours_per_day: 6}\n", encoding="utf-8")
        whatif = subprocess.run(planner("whatif", "solo.yaml", "short.yaml", "--fresh", "--time-limit", "0.3", "--format", "json",
                                        "--cluster", address), cwd=tmp_path, env=env(), capture_output=True, text=True,
                                timeout=BOUND)
        assert whatif.returncode == 0, whatif.stderr
        assert whatif.stderr.startswith(f"solving 2 scenarios, on the cluster {address}, ")
        objective = {row["plan"]: row["objective"] for row in json.loads(whatif.stdout)["summary"]}
        swept = {(c["seed"], c["team.chen.hours_per_day"]): c["objective"] for c in expected}
        assert objective == {"solo": swept[(0, "8")], "short": swept[(0, "6")]}
    finally:
        for process in reversed(started):
            if process.poll() is None:
                process.terminate()
        for process in started:
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(timeout=10)


@pytest.mark.slow
def test_a_task_that_raises_is_retried_and_one_that_keeps_failing_is_reported(tmp_path: Path) -> None:
    from planner.distributed import Job, open_client, run_jobs

    marker = tmp_path / "failed-once"

    def flaky(base: int, k: int) -> int:
        if k == 1 and not marker.exists():  # the first run fails, the retry succeeds
            marker.write_text("x")
            raise ConnectionError("lost the network for a moment")
        if k == 2:
            raise ValueError("always")
        return base + k

    with open_client(None, 1) as client:
        outcomes, costs = run_jobs(client, flaky, [100], [Job(f"k={k}", (0,), (k,)) for k in range(4)])
    assert [o.result for o in outcomes] == [100, 101, None, 103]
    assert outcomes[2].why == "ValueError: always"
    assert costs.workers == 1 and costs.payload_bytes > 0
