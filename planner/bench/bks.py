"""Best known solutions: per instance, the best objective any run has found (``benchmarks/bks.json``)."""

from __future__ import annotations

import hashlib
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


def problem_digest(instance: Path) -> str:
    """What a best known value was found for: the instance file and every rule pack (a pack that
    changes changes the problem, as the corpus's own files do not show). Short sha256."""
    from planner.rules.packs import PACKS_DIR

    digest = hashlib.sha256(instance.read_bytes())
    for pack in sorted(PACKS_DIR.glob("*.yaml")):
        digest.update(pack.name.encode() + b"\0" + pack.read_bytes())
    return digest.hexdigest()[:16]


def best_known(bks: dict[str, dict[str, Any]], key: str, digest: str | None = None) -> float | None:
    """The best known objective; None when there is none or it was found for another version of the
    problem (``digest`` given and the entry's differs: the value may not even be reachable now)."""
    entry = bks.get(key)
    if entry is None or stale(entry, digest):
        return None
    return float(entry["objective"])


def stale(entry: dict[str, Any], digest: str | None) -> bool:
    return digest is not None and entry.get("digest", digest) != digest


def offer(bks: dict[str, dict[str, Any]], key: str, objective: float, found_by: str, day: str,
          proven: bool = False, *, command: str | None = None, seconds: float | None = None,
          digest: str | None = None) -> bool:
    """Record ``objective`` if it beats the best known (or that is stale); True when it did. ``proven``:
    the run proved its objective optimal, so the best known (if equal) is marked optimal too.
    ``command`` and ``seconds``: what ran and for how long, so that anyone can judge and repeat the
    long run; ``digest``: the problem it ran on (see problem_digest)."""
    known = best_known(bks, key, digest)
    if known is not None and objective <= known + 1e-6:
        if proven and abs(objective - known) <= 1e-6:
            bks[key]["proven_optimal"] = True
        return False
    bks[key] = {"objective": round(objective, 3), "found_by": found_by, "date": day}
    if command is not None:
        bks[key]["command"] = command
    if seconds is not None:
        bks[key]["seconds"] = round(seconds, 1)
    if digest is not None:
        bks[key]["digest"] = digest
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
