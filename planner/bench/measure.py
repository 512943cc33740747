"""Run one worker process and read its own peak RSS (``os.wait4``), echoing its progress lines."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import tempfile
import threading
import time as clock
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

Echo = Callable[[str], None]


@dataclass
class Measured:
    result: dict[str, Any]
    peak_rss_mib: float
    process_seconds: float
    error: str | None = None


def run_worker(mode: str, scenario: Path, *, time_limit: float | None, workers: int | None, label: str,
               echo: Echo, kill_after: float) -> Measured:
    """``python -m planner.bench.worker`` in a fresh process; killed after ``kill_after`` seconds."""
    with tempfile.TemporaryDirectory(prefix="planner-bench-") as tmp:
        out = Path(tmp) / "result.json"
        cmd = [sys.executable, "-m", "planner.bench.worker", mode, str(scenario), str(out), "--label", label]
        if time_limit is not None:
            cmd += ["--time-limit", str(time_limit)]
        if workers is not None:
            cmd += ["--workers", str(workers)]
        started = clock.perf_counter()
        proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
                                start_new_session=True)
        tail: deque[str] = deque(maxlen=20)
        reader = threading.Thread(target=_pump, args=(proc, echo, tail), daemon=True)
        reader.start()
        status, rusage, killed = _wait(proc, started + kill_after)
        reader.join(timeout=5)
        seconds = clock.perf_counter() - started
        rss = rusage.ru_maxrss / 1024  # kilobytes on Linux
        code = os.waitstatus_to_exitcode(status)
        proc.returncode = code  # reaped here, so Popen must not wait again
        if killed:
            return Measured({}, rss, seconds, f"killed after {kill_after:g} s")
        if code != 0 or not out.exists():
            last = next((line for line in reversed(tail) if line.strip()), "no output")
            return Measured({}, rss, seconds, f"exit {code}: {last.strip()}")
        return Measured(json.loads(out.read_text(encoding="utf-8")), rss, seconds)


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
