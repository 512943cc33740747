"""The HTML report in a real browser: headless Chromium loads it without a console error.

Set PLANNER_SCREENSHOT=/some/path.png to keep the screenshot for a look.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from reportkit import XSS, hostile_plan, hostile_scenario

from planner.domain.scenario import Scenario
from planner.report.render import render_comparison, render_score, write_output
from planner.scenario import load
from planner.scenario.plans import read_plan
from planner.scoring import compare, score

CHROMIUM = Path("/usr/bin/chromium")
DEMO = Path(__file__).resolve().parents[2] / "scenarios" / "demo.yaml"
DEMO_PLAN = Path(__file__).resolve().parent / "fixtures" / "demo_plan.json"
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--enable-logging=stderr", "--v=0"]

pytestmark = pytest.mark.skipif(not CHROMIUM.exists(),
                                reason="needs Debian chromium at /usr/bin/chromium (apt-get install -y chromium)")


def chromium(page: Path, tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    profile = tmp_path / f"profile-{len(list(tmp_path.iterdir()))}"
    return subprocess.run([str(CHROMIUM), *FLAGS, f"--user-data-dir={profile}", *args, page.as_uri()],
                          capture_output=True, text=True, timeout=90, check=False)


def console_lines(stderr: str) -> list[str]:
    """Chromium logs every console message, error or uncaught exception as a CONSOLE line."""
    return [line for line in stderr.splitlines() if re.search(r":CONSOLE[:(]", line)]


def test_the_report_runs_in_chromium_without_console_errors(tmp_path: Path) -> None:
    # The demo's plan with a hostile title: it must show as text, never run.
    data = load(DEMO).model_dump()
    data["topics"][0]["title"] = XSS
    scenario = Scenario.model_validate(data)
    (page,) = write_output(render_score("html", score(scenario, read_plan(DEMO_PLAN)), "zh"), tmp_path / "report.html")

    dom = chromium(page, tmp_path, "--dump-dom")
    assert dom.returncode == 0, dom.stderr[-2000:]
    assert console_lines(dom.stderr) == []
    assert 'data-js="ok"' in dom.stdout  # the page's script ran to its end
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in dom.stdout
    assert dom.stdout.count("<script>") == 1

    shot = Path(os.environ.get("PLANNER_SCREENSHOT", tmp_path / "report.png"))
    shot.parent.mkdir(parents=True, exist_ok=True)
    run = chromium(page, tmp_path, "--window-size=1400,4200", f"--screenshot={shot}")
    assert run.returncode == 0, run.stderr[-2000:]
    assert console_lines(run.stderr) == []
    assert shot.stat().st_size > 50_000  # a rendered page, not a blank one


def test_the_comparison_page_loads_cleanly(tmp_path: Path) -> None:
    scenario = hostile_scenario()
    comparison = compare({"base": (scenario, hostile_plan()), "variant": (scenario, hostile_plan(moved=True))})
    (page,) = write_output(render_comparison("html", comparison, "en"), tmp_path / "whatif.html")
    dom = chromium(page, tmp_path, "--dump-dom")
    assert console_lines(dom.stderr) == [] and 'data-js="ok"' in dom.stdout


@pytest.fixture(autouse=True)
def _no_leftover_profiles(tmp_path: Path):  # type: ignore[no-untyped-def]
    yield
    for profile in tmp_path.glob("profile-*"):
        shutil.rmtree(profile, ignore_errors=True)
