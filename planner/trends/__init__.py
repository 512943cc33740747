"""Trend windows (热点) from hot-list snapshots, their heat over time, and topic matching.

- ``heat``: relative heat of a Trend at a moment (curve or rise-peak-decay); what the solver asks.
- ``windows``: the import pipeline; ``sources`` (column presets), ``values`` (cell parsing),
  ``snapshots`` (chunked reading), ``stays`` (grouping sightings), ``curve`` (heat samples).
- ``trendsfile``: writing and reading trends.yaml.
- ``match`` and ``categories``: which topics fit which trends; ``variant`` writes the link file.
- ``views`` and ``table``: what the CLI prints.
"""

from planner.trends.heat import heat_at, heat_series, window_of

__all__ = ["heat_at", "heat_series", "window_of"]
