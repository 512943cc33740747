"""Run one worker process and read its own peak RSS (``os.wait4``), echoing its progress lines."""

from __future__ import annotations

import json
import os
import resource
import signal
import subprocess
import sys
import tempfile
import threading
import time as clock
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any

Echo = Callable[[str], None]


@dataclass
class Measured:
    result: dict[str, Any]
    peak_rss_mib: float
    process_seconds: float
    cpu_seconds: float = 0.0
    #: 1-minute load average before and after: the machine may be shared, and wall seconds with it.
    load: tuple[float, float] = (0.0, 0.0)
    error: str | None = None


def run_worker(mode: str, scenario: Path, *, time_limit: float | None, workers: int | None, label: str,
               echo: Echo, kill_after: float, memory_gib: float | None = None,
               code_path: Path | None = None) -> Measured:
    """``python -m planner.bench.worker`` in a fresh process; killed after ``kill_after`` seconds.

    ``memory_gib`` caps the process's address space, so that an instance too large for the machine
    fails with MemoryError instead of pushing other work out of memory. ``code_path``: a checkout
    of another version of planner to run instead of this one (first on PYTHONPATH).
    """
    with tempfile.TemporaryDirectory(prefix="planner-bench-") as tmp:
        out = Path(tmp) / "result.json"
        cmd = [sys.executable, "-m", "planner.bench.worker", mode, str(scenario.resolve()), str(out), "--label", label]
        if time_limit is not None:
            cmd += ["--time-limit", str(time_limit)]
        if workers is not None:
            cmd += ["--workers", str(workers)]
        load_before = os.getloadavg()[0]
        started = clock.perf_counter()
        limit = None if memory_gib is None else int(memory_gib * 2**30)
        # ``python -m`` puts the working folder first on the path: run the other checkout from inside it.
        env = None if code_path is None else {**os.environ, "PYTHONPATH": str(code_path.resolve())}
        cwd = None if code_path is None else code_path.resolve()
        proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, env=env, cwd=cwd,
                                start_new_session=True, preexec_fn=None if limit is None else partial(_cap, limit))
        tail: deque[str] = deque(maxlen=20)
        reader = threading.Thread(target=_pump, args=(proc, echo, tail), daemon=True)
        reader.start()
        status, rusage, killed = _wait(proc, started + kill_after)
        reader.join(timeout=5)
        seconds = clock.perf_counter() - started
        rss = rusage.ru_maxrss / 1024  # kilobytes on Linux
        cpu = rusage.ru_utime + rusage.ru_stime
        load = (round(load_before, 2), round(os.getloadavg()[0], 2))
        code = os.waitstatus_to_exitcode(status)
        proc.returncode = code  # reaped here, so Popen must not wait again
        if killed:
            return Measured({}, rss, seconds, cpu, load, f"killed after {kill_after:g} s")
        if code != 0 or not out.exists():
            last = next((line for line in reversed(tail) if line.strip()), "no output")
            return Measured({}, rss, seconds, cpu, load, f"exit {code}: {last.strip()}")
        return Measured(json.loads(out.read_text(encoding="utf-8")), rss, seconds, cpu, load)


def _cap(limit: int) -> None:
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))


def _pump(proc: subprocess.Popen[str], echo: Echo, tail: deque[str]) -> None:
    assert proc.stderr is not None
    for line in proc.stderr:
        tail.append(line)
        echo(line.rstrip("\n"))


def _wait(proc: subprocess.Popen[str], deadline: float) -> tuple[int, Any, bool]:
    killed = False
    while True:
        pid, status, rusage = os.wait4(proc.pid, os.WNOHANG)
        if pid:
            return status, rusage, killed
        if not killed and clock.perf_counter() > deadline:
            os.killpg(proc.pid, signal.SIGKILL)  # its own session: the worker and nothing else
            killed = True
        clock.sleep(0.1)
