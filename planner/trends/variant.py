"""A scenario variant that links matched topics to their trends (``planner trends match -o``).

It extends the scenario and lists ``{id, trend}`` per topic; lists of objects merge by ``id`` in
the overlay loader, so only the ``trend`` field is added. The matched trends come along in full.
"""

from __future__ import annotations

import io
import os
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq

from planner.domain.scenario import Trend
from planner.trends.match import TopicMatch


def extends_path(scenario: str | Path, variant: str | Path) -> str:
    """The scenario's path as seen from the variant's folder, with forward slashes."""
    relative = os.path.relpath(Path(scenario).resolve(), Path(variant).resolve().parent)
    return Path(relative).as_posix()


def leaves_folder(extends: str) -> bool:
    """The loader refuses ``extends`` outside the variant's folder unless told to allow it."""
    return extends.startswith("../") or extends == ".."


def variant_yaml(name: str, extends: str, matches: Sequence[TopicMatch], header: str = "") -> str:
    document = CommentedMap()
    document["name"] = name
    document["extends"] = extends
    topics = CommentedSeq()
    column = 4 + max((len(f"{{id: {m.topic.id}, trend: {m.trend.id}}}") for m in matches), default=0) + 2
    for match in matches:
        entry = CommentedMap([("id", match.topic.id), ("trend", match.trend.id)])
        entry.fa.set_flow_style()
        topics.append(entry)
        # Why it matched, beside the link, for whoever reviews the variant.
        topics.yaml_add_eol_comment(f"score {match.score:.2f}: {match.how}", len(topics) - 1, column=column)
    document["topics"] = topics
    unique = {m.trend.id: m.trend for m in matches}
    document["trends"] = CommentedSeq(_trend_map(t) for t in unique.values())
    if header:
        document.yaml_set_start_comment(header)
    yaml = YAML(typ="rt")
    yaml.allow_unicode = True  # CJK as it is, never \u escapes
    yaml.width = 4096
    yaml.indent(mapping=2, sequence=4, offset=2)
    out = io.StringIO()
    yaml.dump(document, out)
    return out.getvalue()


def _trend_map(trend: Trend) -> CommentedMap:
    data: dict[str, Any] = trend.model_dump(exclude_defaults=True)
    out = CommentedMap()
    for key, value in data.items():
        if isinstance(value, datetime):
            out[key] = value.isoformat()
        elif key == "keywords":
            out[key] = _flow(value)
        elif key == "curve":
            out[key] = _flow(_flow([at.isoformat(), heat]) for at, heat in value)
        else:
            out[key] = value
    return out


def _flow(items: Any) -> CommentedSeq:
    seq = CommentedSeq(items)
    seq.fa.set_flow_style()
    return seq
