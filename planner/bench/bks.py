"""Best known solutions: per instance, the best objective any run has found (``benchmarks/bks.json``)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from planner.errors import InputError
from planner.io import write_atomic


def load_bks(path: Path) -> dict[str, dict[str, Any]]:
    """``{"M/1": {"objective": ..., "found_by": ..., "date": ..., "proven_optimal": true}}``; none: empty."""
    if not path.exists():
        return {}
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as error:
        raise InputError(f"{path}:{error.lineno}: not valid JSON ({error.msg})") from None
    if not isinstance(data, dict) or not all(isinstance(v, dict) and "objective" in v for v in data.values()):
        raise InputError(f"{path}: expected {{instance: {{objective: ...}}}}")
    return data


def best_known(bks: dict[str, dict[str, Any]], key: str) -> float | None:
    entry = bks.get(key)
    return None if entry is None else float(entry["objective"])


def offer(bks: dict[str, dict[str, Any]], key: str, objective: float, found_by: str, day: str,
          proven: bool = False, *, command: str | None = None, seconds: float | None = None) -> bool:
    """Record ``objective`` if it beats the best known; True when it did. ``proven``: the run proved
    its objective optimal, so the best known (if equal) is marked optimal too. ``command`` and
    ``seconds``: what ran and for how long, so that anyone can judge and repeat the long run."""
    known = best_known(bks, key)
    if known is not None and objective <= known + 1e-6:
        if proven and abs(objective - known) <= 1e-6:
            bks[key]["proven_optimal"] = True
        return False
    bks[key] = {"objective": round(objective, 3), "found_by": found_by, "date": day}
    if command is not None:
        bks[key]["command"] = command
    if seconds is not None:
        bks[key]["seconds"] = round(seconds, 1)
    if proven:
        bks[key]["proven_optimal"] = True
    return True


def save_bks(path: Path, bks: dict[str, dict[str, Any]]) -> None:
    ordered = dict(sorted(bks.items(), key=lambda kv: _order(kv[0])))
    write_atomic(path, json.dumps(ordered, ensure_ascii=False, indent=2) + "\n")


def _order(key: str) -> tuple[int, int, int, int]:
    from planner.bench.families import FAMILIES

    tier, _, seed = key.partition("/")
    families = list(FAMILIES)
    rank = {"S": 0, "M": 1, "L": 2, "XL": 3}.get(tier, 5 if tier in families else 4)
    size = int(tier[1:]) if tier.startswith("T") and tier[1:].isdigit() else 0
    family = families.index(tier) if tier in families else 0
    return rank, family, size, int(seed) if seed.isdigit() else 0
