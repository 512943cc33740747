"""Reading a run's progress trace, and the issue's targets judged on the measured rows."""

from __future__ import annotations

from dataclasses import dataclass
from statistics import median
from typing import Any

Trace = list[list[float]]  # [seconds, objective, bound] per improving solution


def time_to_within(trace: Trace, best: float | None, share: float) -> float | None:
    """Seconds until the objective first came within ``share`` of ``best`` (None: never)."""
    if best is None:
        return None
    for seconds, objective, _bound in trace:
        if objective >= best - share * abs(best):
            return seconds
    return None


def gap_by(row: dict[str, Any], seconds: float) -> float | None:
    """The proven gap at ``seconds``: the final gap if the run had ended, else the last reported one."""
    solver = row["solver"]
    if solver.get("wall") is not None and solver["wall"] <= seconds and solver["status"] in ("OPTIMAL", "FEASIBLE"):
        return float(solver["gap"])
    before = [t for t in solver.get("trace", []) if t[0] <= seconds]
    if not before:
        return None
    _, objective, bound = before[-1]
    return abs(bound - objective) / max(abs(objective), 1e-9)


def usable(run: dict[str, Any]) -> bool:
    """A run whose plan counts: it finished, found a plan, and the plan breaks no hard rule."""
    return bool(run) and not run.get("error") and run.get("status") in ("OPTIMAL", "FEASIBLE") \
        and run.get("hard_violations", 0) == 0


def derive(row: dict[str, Any], best: float | None) -> dict[str, Any]:
    """The row with what depends on the best known (which later runs may improve): distance to it,
    seconds to within 1%, 2% and 5% of it, and the solver / greedy ratio."""
    out = {**row, "best_known": best}
    solver, greedy = row["solver"], row.get("greedy", {})
    if usable(solver) and best is not None:
        out["to_best"] = (best - solver["objective"]) / max(abs(best), 1e-9)
        for share in (0.01, 0.02, 0.05):
            out[f"t{round(share * 100)}"] = time_to_within(solver.get("trace", []), best, share)
    if usable(solver) and usable(greedy) and greedy["objective"] > 0:
        out["ratio"] = solver["objective"] / greedy["objective"]
    return out


@dataclass
class Verdict:
    target: str
    measured: str
    met: bool | None  # None: not measured


def _fmt(value: float | None, unit: str = "s") -> str:
    if value is None:
        return "never"
    return f"{value:.1%}" if unit == "%" else f"{value:.1f} {unit}"


def verdicts(rows: list[dict[str, Any]]) -> list[Verdict]:
    """One verdict per target and instance run."""
    out: list[Verdict] = []
    for row in rows:
        name, s, g = f"{row['tier']}/{row['seed']}", row["solver"], row.get("greedy", {})
        if s.get("error"):
            out.append(Verdict(f"{name}: runs", s["error"], False))
            continue
        first = s["trace"][0][0] if s.get("trace") else None
        tier = row["tier"]
        if tier == "S":
            optimal = s["status"] == "OPTIMAL"
            out.append(Verdict(f"{name}: proven optimal ≤ 2 s",
                               f"{s['status']} after {s['wall']:.1f} s", optimal and s["wall"] <= 2))
        elif tier == "M":
            out += [*_within(name, row, 0.01, 20), _gap(name, row, 20, 0.05)]
        elif tier == "L":
            out += [*_within(name, row, 0.02, 60), _gap(name, row, 60, 0.10)]
            out.append(Verdict(f"{name}: peak RSS ≤ 2 GiB", f"{s['rss_mib']:.0f} MiB", s["rss_mib"] <= 2048))
            out.append(Verdict(f"{name}: model building ≤ 10 s", _fmt(s.get("build_seconds")),
                               s.get("build_seconds") is not None and s["build_seconds"] <= 10))
        elif tier == "XL":
            out.append(Verdict(f"{name}: feasible ≤ 120 s", _fmt(first), first is not None and first <= 120))
            out += _within(name, row, 0.05, 300)
            out.append(Verdict(f"{name}: peak RSS ≤ 6 GiB", f"{s['rss_mib']:.0f} MiB", s["rss_mib"] <= 6144))
        if tier in ("M", "L"):
            ratio = row.get("ratio")
            out.append(Verdict(f"{name}: solver ≥ 1.15 × greedy",
                               "no greedy" if ratio is None else f"{ratio:.3f} × (greedy {g.get('objective', 0):.1f})",
                               ratio is not None and ratio >= 1.15))
    return out


def _within(name: str, row: dict[str, Any], share: float, seconds: float) -> list[Verdict]:
    reached = row.get(f"t{round(share * 100)}")
    return [Verdict(f"{name}: within {share:.0%} of best known ≤ {seconds:g} s", _fmt(reached),
                    reached is not None and reached <= seconds)]


def _gap(name: str, row: dict[str, Any], seconds: float, limit: float) -> Verdict:
    gap = gap_by(row, seconds)
    return Verdict(f"{name}: gap ≤ {limit:.0%} (by {seconds:g} s)", _fmt(gap, "%"), gap is not None and gap <= limit)


#: The issue's targets per corpus family: (median, worst) distance to best known and proven gap.
CORPUS_TO_BEST = (0.01, 0.03)
CORPUS_GAP = (0.03, 0.10)


@dataclass
class FamilyStats:
    family: str
    instances: int
    #: Distances to best known and proven gaps of the runs that found a plan.
    to_best: list[float]
    gaps: list[float]
    #: Instances whose run found no usable plan (they fail every target of the family).
    failed: list[str]

    @property
    def median_to_best(self) -> float | None:
        return median(self.to_best) if self.to_best else None

    @property
    def worst_to_best(self) -> float | None:
        return max(self.to_best, default=None)

    @property
    def median_gap(self) -> float | None:
        return median(self.gaps) if self.gaps else None

    @property
    def worst_gap(self) -> float | None:
        return max(self.gaps, default=None)


def family_stats(rows: list[dict[str, Any]]) -> list[FamilyStats]:
    """Rows (derived, with ``to_best``) grouped by family, in the order the rows come."""
    out: dict[str, FamilyStats] = {}
    for row in rows:
        stats = out.setdefault(row["family"], FamilyStats(row["family"], 0, [], [], []))
        stats.instances += 1
        solver = row["solver"]
        if not usable(solver):
            stats.failed.append(f"{row['family']}/{row['seed']}")
            continue
        stats.gaps.append(float(solver["gap"]))
        if row.get("to_best") is not None:
            stats.to_best.append(float(row["to_best"]))
    return list(out.values())


def corpus_verdicts(stats: list[FamilyStats]) -> list[Verdict]:
    """Four verdicts per family; a family with a run that found no plan meets none of them."""
    out: list[Verdict] = []
    for s in stats:
        checks = (("median distance to best known", s.median_to_best, CORPUS_TO_BEST[0], s.to_best),
                  ("worst distance to best known", s.worst_to_best, CORPUS_TO_BEST[1], s.to_best),
                  ("median proven gap", s.median_gap, CORPUS_GAP[0], s.gaps),
                  ("worst proven gap", s.worst_gap, CORPUS_GAP[1], s.gaps))
        for what, value, limit, measured in checks:
            target = f"{s.family}: {what} ≤ {limit:.0%}"
            if s.failed:
                out.append(Verdict(target, f"no plan on {', '.join(s.failed)}", False))
            elif value is None or len(measured) < s.instances:
                out.append(Verdict(target, "no best known on some instances", None))
            else:
                out.append(Verdict(target, _fmt(value, "%"), value <= limit + 1e-12))
    return out
