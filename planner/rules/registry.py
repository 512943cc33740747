"""Every rule kind by name."""

from __future__ import annotations

from planner.domain.vocab import suggest
from planner.rules.base import Rule
from planner.rules.kinds import content, duplicates, duty, horizon, order, production, series, team, timing, volume

KINDS: dict[str, type[Rule]] = {
    cls.kind: cls for module in (volume, timing, content, order, series, duplicates, team, production, duty, horizon)
    for cls in module.KINDS
}


def register(cls: type[Rule]) -> type[Rule]:
    """Add a rule kind (a plug-in, or a test's): scenarios and packs may then name it.

    A kind is one class with every face of its meaning; nothing else needs to know it.
    """
    name = getattr(cls, "kind", None)
    if not isinstance(name, str) or not name:
        raise ValueError(f"{cls.__name__} has no kind name")
    if KINDS.get(name, cls) is not cls:
        raise ValueError(f"rule kind '{name}' is already {KINDS[name].__name__}")
    KINDS[name] = cls
    return cls


def unregister(name: str) -> None:
    """Remove a kind added by ``register``."""
    KINDS.pop(name, None)


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
