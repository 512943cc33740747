"""RESULTS.md: the machine, one table row per instance run, the scaling curve and the targets."""

from __future__ import annotations

import os
import platform
import re
from datetime import UTC, datetime
from importlib.metadata import PackageNotFoundError, version
from typing import Any

from planner.bench.bks import best_known
from planner.bench.families import FAMILIES
from planner.bench.targets import CORPUS_GAP, CORPUS_TO_BEST, corpus_verdicts, derive, family_stats, usable, verdicts

INSTANCE_HEADER = ("| instance | topics | status | objective | bound | gap | best known | to best | 1% at s "
                   "| wall s | build s | load s | peak RSS MiB | variables | constraints | greedy | greedy s | "
                   "solver/greedy | load |")
CORPUS_HEADER = ("| instance | topics | limit s | status | objective | bound | gap | best known | to best | wall s | greedy "
                 "| greedy to best | previous release | previous to best | load |")
FAMILY_HEADER = "| family | instances | median to best | worst to best | median gap | worst gap |"
CURVE_HEADER = ("| topics | accounts | members | variables | constraints | build s | first plan s | 1% of best at s "
                "| status | gap | wall s | peak RSS MiB | load |")


def machine() -> dict[str, Any]:
    """What the numbers were measured on."""
    cpu = platform.processor() or "unknown"
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as handle:
            cpu = next((line.split(":", 1)[1].strip() for line in handle if line.startswith("model name")), cpu)
    except OSError:
        pass
    try:
        ortools_version = version("ortools")
    except PackageNotFoundError:  # pragma: no cover - ortools is a dependency
        ortools_version = "?"
    return {"nproc": os.cpu_count(), "cpu": cpu, "python": platform.python_version(), "ortools": ortools_version,
            "ram_gib": round(os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30, 1)}


def render(stored: dict[str, Any], bks: dict[str, Any]) -> str:
    m = stored.get("machine") or machine()
    rows = [_derived(r, bks) for r in stored["rows"].values()]
    curve = [_derived(r, bks) for r in stored["curve"].values()]
    rows.sort(key=lambda r: ({"S": 0, "M": 1, "L": 2, "XL": 3}.get(r["tier"], 9), r["seed"]))
    curve.sort(key=lambda r: r["instance"]["topics"])
    lines = [
        "# Benchmark results", "",
        f"Machine: {m['nproc']} CPUs ({m['cpu']}), {m['ram_gib']} GiB RAM; Python {m['python']}, "
        f"OR-Tools {m['ortools']}. Written {datetime.now(UTC):%Y-%m-%d %H:%M} UTC; each row carries its own date.", "",
        "Made by `planner bench run` (see `planner bench run --help`). Each solve and each greedy run is its own "
        "process; peak RSS is that process's `ru_maxrss`. The solver runs with `SolveOptions()` defaults "
        "(deterministic, 2 workers, 6 slots per day, greedy hint) except the time limit. Models under 10,000 "
        "variables (S) get CP-SAT's interleaved search, 0.4 deterministic seconds per second of limit; larger ones "
        "(M) topic neighbourhoods (`planner/solver/neighbourhoods.py`), 0.25 per second, with the bound from the LP "
        "relaxation up to 30,000 variables and CP-SAT's, proven on the other core, above (the progress lines, and "
        "so *gap by 20 s* in the targets, show the plain sum of best values until the run ends). Both are "
        "calibrated on the demo to last about that many wall seconds here; building comes on top. "
        "Above 150,000 candidates (L, XL) the solver works by parts (`planner/solver/parts.py`): the budget is shared "
        "among the parts, each part's model is built on top of it, *variables* and *constraints* are the largest "
        "part's, and the bound is the plain sum of best values. *build s* is `SolveResult.build_seconds` "
        "(candidates, values, model or, by parts, the greedy start); *load s* is reading the YAML; one-time imports are excluded. "
        "Objectives are the solver's; *greedy* is `planner.solver.greedy` recomputed the same way "
        "(values - unscheduled penalty - soft penalties found by the independent check). *best known* is "
        "`benchmarks/bks.json` (\"optimal\": some run proved it); *1% at s* is when the solver's objective first came within 1% of it. "
        "*load* is the machine's 1-minute load average before → after the solve: above the CPU count, other "
        "work shared the machine and wall seconds are inflated.", "",
        "## Instances", "", INSTANCE_HEADER, "|" + "---|" * INSTANCE_HEADER.count(" | ") + "---|",
    ]
    lines += [_instance_line(r) for r in rows]
    if curve:
        lines += ["", "## Scaling curve", "",
                  "M-like instances (one team, 14 days) with accounts and team grown in proportion to topics; seed 1.",
                  "", CURVE_HEADER, "|" + "---|" * CURVE_HEADER.count(" | ") + "---|"]
        lines += [_curve_line(r) for r in curve]
    lines += ["", "## Targets", "", "| target | measured | met |", "|---|---|---|"]
    lines += [f"| {v.target} | {v.measured} | {'yes' if v.met else 'NO'} |" for v in verdicts(rows)]
    corpus = [_derived_corpus(r, bks) for r in stored.get("corpus", {}).values()]
    corpus.sort(key=lambda r: (list(FAMILIES).index(r["family"]) if r["family"] in FAMILIES else 99, r["seed"]))
    if corpus:
        lines += ["", *_corpus_section(corpus)]
    commands = sorted({r.get("command", "") for r in rows + curve + corpus} - {""})
    if commands:
        lines += ["", "## Commands run", ""] + [f"- `{c}`" for c in commands]
    return "\n".join(lines) + "\n"


def _derived(row: dict[str, Any], bks: dict[str, Any]) -> dict[str, Any]:
    key = f"{row['tier']}/{row['seed']}"
    return {**derive(row, best_known(bks, key)), "best_proven": bool(bks.get(key, {}).get("proven_optimal"))}


def _corpus_section(rows: list[dict[str, Any]]) -> list[str]:
    stats = family_stats(rows)
    previous = sorted({r["baseline"].get("commit", "?") for r in rows if r.get("baseline")})
    lines = [
        "## Corpus", "",
        "`benchmarks/corpus/<family>_<seed>.yaml`, written by `planner bench corpus` (see `planner bench corpus "
        "--help` for the families), solved by `planner bench run --corpus` with the same `SolveOptions()` defaults "
        "and the time limit of each row (*limit s*). *gap* is the run's proven gap (objective against its own bound); *to best* is "
        "(best known - objective) / best known, negative when the run beat it. The best known values come only "
        "from separate `planner bench run --corpus --bks-only` runs, never from the run evaluated here, and only "
        "for the same instance file and rule packs (a value found before either changed shows as -); the cell says "
        "how long that run was, or *optimal* when CP-SAT proved it. *greedy* is the greedy baseline on the same "
        "instance; *previous release* is the solver of an earlier checkout "
        + (f"({', '.join(previous)}) " if previous else "(not run: `--baseline DIR`) ")
        + "run the same way in its own process; an error there is usually a scenario field that release does not know.",
        "", CORPUS_HEADER, "|" + "---|" * CORPUS_HEADER.count(" | ") + "---|",
    ]
    lines += [corpus_row(r) for r in rows]
    lines += ["", "### By family", "", FAMILY_HEADER, "|" + "---|" * FAMILY_HEADER.count(" | ") + "---|"]
    for s in stats:
        failed = f" ({len(s.failed)} without a plan)" if s.failed else ""
        lines.append(f"| {s.family} | {s.instances}{failed} | {_p(s.median_to_best)} | {_p(s.worst_to_best)} | "
                     f"{_p(s.median_gap)} | {_p(s.worst_gap)} |")
    lines += ["", "### Corpus targets", "",
              f"Per family: median distance to best known ≤ {CORPUS_TO_BEST[0]:.0%}, worst ≤ {CORPUS_TO_BEST[1]:.0%}; "
              f"median proven gap ≤ {CORPUS_GAP[0]:.0%}, worst ≤ {CORPUS_GAP[1]:.0%}.", "",
              "| target | measured | met |", "|---|---|---|"]
    lines += [f"| {v.target} | {v.measured} | {_met(v.met)} |" for v in corpus_verdicts(stats)]
    return lines


def _met(met: bool | None) -> str:
    return "not measured" if met is None else ("yes" if met else "NO")


def _derived_corpus(row: dict[str, Any], bks: dict[str, Any]) -> dict[str, Any]:
    key = f"{row['family']}/{row['seed']}"
    best, entry = best_known(bks, key, row.get("digest")), bks.get(key, {})
    out = {**derive(row, best), "bks_entry": entry if best is not None else {}}
    for who in ("greedy", "baseline"):
        run = row.get(who) or {}
        if usable(run) and best is not None:
            out[f"{who}_to_best"] = (best - run["objective"]) / max(abs(best), 1e-9)
    return out


def corpus_line(row: dict[str, Any], bks: dict[str, Any]) -> str:
    """One corpus row of the table, as the harness prints it."""
    return corpus_row(_derived_corpus(row, bks))


def corpus_row(r: dict[str, Any]) -> str:
    s, g, b = r["solver"], r.get("greedy") or {}, r.get("baseline") or {}
    entry = r.get("bks_entry") or {}
    how = "optimal" if entry.get("proven_optimal") else (f"{entry['seconds']:g} s" if entry.get("seconds") else "")
    best = "-" if r.get("best_known") is None else _n(r["best_known"]) + (f" ({how})" if how else "")
    status = f"ERROR: {s['error']}" if s.get("error") else s["status"]
    cells = [f"{r['family']}/{r['seed']}", r["instance"]["topics"], f"{r['time_limit']:g}", status, _n(s.get("objective")),
             _n(s.get("bound")), _p(s.get("gap")), best, _p(r.get("to_best")), _n(s.get("wall")),
             _greedy_cell(g), _p(r.get("greedy_to_best")), _baseline_cell(b), _p(r.get("baseline_to_best")), _load(s)]
    return "| " + " | ".join(str(c) for c in cells) + " |"


def _baseline_cell(b: dict[str, Any]) -> str:
    if not b:
        return "-"
    if b.get("error"):
        # The file is the row's own; what the earlier release refused is the part worth a cell.
        return "ERROR: " + re.sub(r"\S+\.ya?ml:\d+(:\d+)? ", "", b["error"])[:90].replace("|", "/")
    return f"{b['status']} {_n(b.get('objective'))}, gap {_p(b.get('gap'))}"


def row_line(row: dict[str, Any], bks: dict[str, Any]) -> str:
    """One instance row of the table, as the harness prints it."""
    return _instance_line(_derived(row, bks))


def _instance_line(r: dict[str, Any]) -> str:
    s, g = r["solver"], r.get("greedy") or {}
    name = f"{r['tier']}/{r['seed']}"
    if s.get("error"):
        cells = [name, r["instance"]["topics"], f"ERROR: {s['error']}", *["-"] * 9, _n(s.get("rss_mib"), 0),
                 *["-"] * 5, _load(s)]
        return "| " + " | ".join(str(c) for c in cells) + " |"
    stats = s.get("stats", {})
    cells = [name, r["instance"]["topics"], s["status"], _n(s.get("objective")), _n(s.get("bound")),
             _p(s.get("gap")), _n(r.get("best_known")) + (" (optimal)" if r.get("best_proven") else ""),
             _p(r.get("to_best")), _n(r.get("t1")), _n(s.get("wall")),
             _n(s.get("build_seconds")), _n(s.get("load_seconds")), _n(s.get("rss_mib"), 0),
             _i(stats.get("variables")), _i(stats.get("constraints")),
             _greedy_cell(g), _n(g.get("wall")), "-" if r.get("ratio") is None else f"{r['ratio']:.3f}",
             _load(s)]
    return "| " + " | ".join(str(c) for c in cells) + " |"


def _curve_line(r: dict[str, Any]) -> str:
    s, i = r["solver"], r["instance"]
    if s.get("error"):
        cells = [i["topics"], i["accounts"], i["members"], f"ERROR: {s['error']}", *["-"] * 7,
                 _n(s.get("rss_mib"), 0), _load(s)]
        return "| " + " | ".join(str(c) for c in cells) + " |"
    stats = s.get("stats", {})
    first = s["trace"][0][0] if s.get("trace") else None
    cells = [i["topics"], i["accounts"], i["members"], _i(stats.get("variables")), _i(stats.get("constraints")),
             _n(s.get("build_seconds")), _n(first), _n(r.get("t1")), s["status"], _p(s.get("gap")),
             _n(s.get("wall")), _n(s.get("rss_mib"), 0), _load(s)]
    return "| " + " | ".join(str(c) for c in cells) + " |"


def _load(s: dict[str, Any]) -> str:
    load = s.get("load")
    return "-" if not load else f"{load[0]:.1f}→{load[1]:.1f}"


def _greedy_cell(g: dict[str, Any]) -> str:
    if not g:
        return "-"
    if g.get("error"):
        return f"ERROR: {g['error']}"
    hard = g.get("hard_violations", 0)
    return _n(g["objective"]) + (f" ({hard} HARD VIOLATIONS)" if hard else "")


def _n(value: float | None, digits: int = 1) -> str:
    return "-" if value is None else f"{value:,.{digits}f}"


def _i(value: int | None) -> str:
    return "-" if value is None else f"{value:,}"


def _p(value: float | None) -> str:
    return "-" if value is None else f"{value:.2%}"
