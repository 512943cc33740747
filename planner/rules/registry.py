"""Every rule kind by name."""

from __future__ import annotations

from planner.domain.vocab import suggest
from planner.rules.base import Rule
from planner.rules.kinds import content, order, team, timing, volume

KINDS: dict[str, type[Rule]] = {
    cls.kind: cls for module in (volume, timing, content, order, team) for cls in module.KINDS
}


def kind_of(name: str) -> type[Rule]:
    """The class of a rule kind; KeyError carries a suggestion."""
    try:
        return KINDS[name]
    except KeyError:
        raise KeyError(f"unknown rule kind '{name}'{suggest(name, list(KINDS))}") from None


def describe() -> list[tuple[str, str, str]]:
    """(kind, Hard/Soft default, one-line meaning) for every kind."""
    out = []
    for name, cls in sorted(KINDS.items()):
        doc = (cls.__doc__ or "").strip().splitlines()[0]
        out.append((name, "hard" if cls.default_hard else "soft", doc))
    return out
