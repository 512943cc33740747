"""The HTML report in a real browser: headless Chromium loads it without a console error, and at a
phone's width (390 px) and a laptop's (1400 px) a person sees every post's hour and makers on the
week board, which fits the screen.

What the page shows is measured by a small harness page that loads the report in a frame of the
given size and writes what it sees (visible text, widths) into its own DOM, which ``--dump-dom``
prints. Screenshots go to PLANNER_ARTEFACTS (a folder; default: the test's tmp folder).
Set PLANNER_SCREENSHOT=/some/path.png to keep the full-page screenshot for a look.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from reportkit import XSS, hostile_plan, hostile_scenario

from planner.domain.scenario import Scenario
from planner.report.production import Production
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

    if os.environ.get("PLANNER_SCREENSHOT"):  # the whole page, for a look
        shot = Path(os.environ["PLANNER_SCREENSHOT"])
        shot.parent.mkdir(parents=True, exist_ok=True)
        run = chromium(page, tmp_path, "--window-size=1400,4200", f"--screenshot={shot}")
        assert run.returncode == 0 and console_lines(run.stderr) == []


def test_the_comparison_page_loads_cleanly(tmp_path: Path) -> None:
    scenario = hostile_scenario()
    comparison = compare({"base": (scenario, hostile_plan()), "variant": (scenario, hostile_plan(moved=True))})
    (page,) = write_output(render_comparison("html", comparison, "en"), tmp_path / "whatif.html")
    dom = chromium(page, tmp_path, "--dump-dom")
    assert console_lines(dom.stderr) == [] and 'data-js="ok"' in dom.stdout


# Loads the report in a frame of the asked size and writes what a person sees there into #result.
HARNESS = """<!DOCTYPE html><html><head><meta charset="utf-8"><style>body{margin:0}iframe{border:0}</style></head>
<body><iframe id="f" src="report.html" width="WIDTH" height="HEIGHT"></iframe><pre id="result"></pre><script>
window.addEventListener('load', function () {
  var win = document.getElementById('f').contentWindow, doc = win.document;
  function seen(el) { var r = el.getBoundingClientRect(); return r.width > 0 && r.height > 0; }
  var out = {js: doc.body.getAttribute('data-js'), width: win.innerWidth, client: doc.documentElement.clientWidth,
             scroll: doc.body.scrollWidth, page: doc.documentElement.scrollWidth, posts: []};
  doc.querySelectorAll('.post[data-pub]').forEach(function (el) {
    if (!seen(el)) return;
    var r = el.getBoundingClientRect();
    out.posts.push({text: el.innerText, left: r.left, right: r.right, clipped: el.scrollWidth > el.clientWidth + 1,
                    font: parseFloat(win.getComputedStyle(el.querySelector('.hm')).fontSize)});
  });
  doc.querySelector('.post[data-pub]').click();
  var panel = doc.getElementById('panel'), box = panel.getBoundingClientRect();
  out.panel = {open: !panel.hidden, text: panel.innerText, left: box.left, right: box.right};
  doc.querySelector('button[data-view="member"]').click();
  out.member = {scroll: doc.body.scrollWidth, posts: Array.prototype.filter.call(doc.querySelectorAll('.post'), seen).length,
                tasks: Array.prototype.filter.call(doc.querySelectorAll('.task'), seen).length};
  document.getElementById('result').textContent = JSON.stringify(out);
});
</script></body></html>"""


def artefacts(tmp_path: Path) -> Path:
    folder = Path(os.environ.get("PLANNER_ARTEFACTS", tmp_path / "artefacts"))
    folder.mkdir(parents=True, exist_ok=True)
    return folder


@pytest.fixture(scope="module")
def demo_report(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[tuple[str, str, list[str]]]]:
    """The demo's report, and per post what a person must be able to read: hour, title, makers."""
    scenario = load(DEMO)
    result = score(scenario, read_plan(DEMO_PLAN))
    folder = tmp_path_factory.mktemp("demo")
    write_output(render_score("html", result, "zh"), folder / "report.html")
    production = Production(scenario, result.plan)
    expected = [(f"{scenario.horizon.localize(p.at):%H:%M}", scenario.topic_by_id[p.topic].title,
                 production.maker_names(p.topic, p.account)) for p in result.plan.publications]
    return folder, expected


@pytest.mark.slow  # two Chromium runs each: 5-8 s on a shared machine
@pytest.mark.parametrize(("width", "height"), [(390, 844), (1400, 900)])
def test_a_person_reads_every_post_hour_and_makers_on_the_board(
        width: int, height: int, demo_report: tuple[Path, list[tuple[str, str, list[str]]]], tmp_path: Path) -> None:
    folder, expected = demo_report
    harness = folder / f"harness-{width}.html"
    harness.write_text(HARNESS.replace("WIDTH", str(width)).replace("HEIGHT", str(height)), encoding="utf-8")
    run = chromium(harness, tmp_path, "--allow-file-access-from-files", "--virtual-time-budget=5000", "--dump-dom")
    assert run.returncode == 0, run.stderr[-2000:]
    assert console_lines(run.stderr) == []
    found = re.search(r'<pre id="result">(.*?)</pre>', run.stdout, re.S)
    assert found and found.group(1), run.stdout[-2000:]
    seen = json.loads(found.group(1).replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">"))
    assert seen["js"] == "ok" and seen["width"] == width
    client = seen["client"]  # the width inside the vertical scroll bar
    assert width - 20 <= client <= width
    assert seen["scroll"] <= client and seen["page"] <= client  # the page never scrolls sideways
    posts = seen["posts"]
    assert len(posts) == len(expected)  # every post is on the board, each once
    for hour, title, makers in expected:
        assert makers, f"{title}: the plan has no tasks for it"
        assert any(hour in p["text"] and title in p["text"] and all(m in p["text"] for m in makers) for p in posts), \
            f"{hour} {title} by {makers} is not visible"
    for post in posts:
        assert post["left"] >= 0 and post["right"] <= client, post["text"]  # inside the screen
        assert not post["clipped"] and post["font"] >= 12, post["text"]  # legible: whole, not tiny
    panel = seen["panel"]  # tapping a post shows its production chain and where the numbers come from
    assert panel["open"] and panel["left"] >= 0 and panel["right"] <= width
    assert "制作流程" in panel["text"] and "80% 区间" in panel["text"] and "预测依据" in panel["text"]
    member = seen["member"]  # switched to a row per member: their tasks, still within the screen
    assert member["posts"] == 0 and member["tasks"] > 0 and member["scroll"] <= client

    shot = artefacts(tmp_path) / f"report-{width}.png"
    run = chromium(folder / "report.html", tmp_path, f"--window-size={width},{height * 3}", f"--screenshot={shot}")
    assert run.returncode == 0 and console_lines(run.stderr) == []
    assert shot.stat().st_size > 20_000  # a rendered page, not a blank one


@pytest.fixture(autouse=True)
def _no_leftover_profiles(tmp_path: Path):  # type: ignore[no-untyped-def]
    yield
    for profile in tmp_path.glob("profile-*"):
        shutil.rmtree(profile, ignore_errors=True)
